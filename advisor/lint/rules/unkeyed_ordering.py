"""unkeyed-ordering: ordering matters (trait high) but an event has no partition key."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit
from advisor.lint.flow_answers import answers_for

ID = "unkeyed-ordering"
SEVERITY = "warning"
SUMMARY = "the ordering trait (of the system, or of a flow the event is on) is high but a consumed event has no key"
EXPLANATION = (
    "Brokers keep order only within a partition (or a session/ordering key). When events "
    "of one entity must be handled strictly in order, they must share a key, or retries "
    "and scaled-out consumers will process them out of order. A flow's own answer "
    "(`flows.<name>.traits.ordering`) decides for the events on that flow."
)
SOURCE = "AZ-CH (Azure Choreography pattern: ordering under retries and scale-out)"
FIX = (
    "Add `key: <entity id>` (e.g. order_id) to the event, or lower `traits.ordering` (the system's, "
    "or the flow's) if order does not matter."
)
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Declared events that are consumed, have no `key`, and travel where ordering is high."""
    flows_say = any(flow.traits.get("ordering") == "high" for flow in ctx.model.flows.values())
    if ctx.model.traits.get("ordering") != "high" and not flows_say:
        return
    for name, event in ctx.model.events.items():
        if event.key or name not in ctx.consumers:
            continue
        high = [said for said in answers_for(ctx, name, "ordering") if said.value == "high"]
        if not high:
            continue
        where = f"flow {high[0].flow!r} says ordering is high" if high[0].flow else "traits.ordering is high"
        yield Hit(
            ("events", name),
            f"event {name!r} has no key although {where}: its consumers may see one entity's events out of order",
            key=True,
            subject=name,
            related=tuple((said.at, f"flow {said.flow!r}: ordering is high") for said in high if said.flow),
        )
