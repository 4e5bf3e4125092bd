"""unkeyed-ordering: ordering matters (trait high) but an event has no partition key."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "unkeyed-ordering"
SEVERITY = "warning"
SUMMARY = "the ordering trait is high but a consumed event has no partition key"
EXPLANATION = (
    "Brokers keep order only within a partition (or a session/ordering key). When events "
    "of one entity must be handled strictly in order, they must share a key, or retries "
    "and scaled-out consumers will process them out of order."
)
SOURCE = "AZ-CH (Azure Choreography pattern: ordering under retries and scale-out)"
FIX = "Add `key: <entity id>` (e.g. order_id) to the event, or lower `traits.ordering` if order does not matter."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """With `traits.ordering: high`, declared events that are consumed and have no `key`."""
    if ctx.model.traits.get("ordering") != "high":
        return
    for name, event in ctx.model.events.items():
        if not event.key and name in ctx.consumers:
            yield Hit(
                ("events", name),
                f"event {name!r} has no key although traits.ordering is high: "
                "its consumers may see one entity's events out of order",
                key=True,
                subject=name,
            )
