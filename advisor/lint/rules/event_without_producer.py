"""event-without-producer: an event is consumed but no service publishes it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "event-without-producer"
SEVERITY = "error"
SUMMARY = "an event is consumed but no service publishes it"
EXPLANATION = (
    "Under choreography a service acts only when the event it listens to arrives. If no "
    "service in the model publishes that event, the consumer never runs and the flow "
    "stops there without an error anyone sees: the process only exists implicitly in "
    "the event subscriptions, so the gap is easy to miss."
)
SOURCE = "AZ-CH (Azure Choreography pattern); BR-TAME (Ruecker: How to tame event-driven microservices)"
FIX = "Add the event to the `publishes` list of the service that emits it, or remove the stale subscription."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """One hit per consumed (or flow-triggering) event that nobody publishes."""
    listened = {
        **{e: [u.service for u in uses] for e, uses in ctx.consumers.items()},
        **{e: [f"flow {f}" for f in flows] for e, flows in ctx.triggers.items() if e not in ctx.consumers},
    }
    for event, who in listened.items():
        if event in ctx.publishers:
            continue
        names = ", ".join(who[:3]) + (f" and {len(who) - 3} more" if len(who) > 3 else "")
        yield Hit(
            ctx.event_at(event),
            f"event {event!r} is consumed by {names} but no service publishes it",
            key=event in ctx.model.events,
            subject=event,
        )
