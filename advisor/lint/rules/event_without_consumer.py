"""event-without-consumer: an event is published but no service consumes it."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "event-without-consumer"
SEVERITY = "warning"
SUMMARY = "an event is published but no service consumes it"
EXPLANATION = (
    "An event nobody consumes is either dead weight (it costs broker capacity, schema "
    "upkeep and an outbox write) or a sign that the consuming service was left out of the "
    "model, which hides part of the flow from every other check. Choreography is only "
    "understandable when the model shows who reacts to what."
)
SOURCE = "AZ-CH (Azure Choreography pattern)"
FIX = "Add the event to the `consumes` list of the service that reacts to it, or stop publishing it."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """One hit per published or declared event that no service consumes."""
    for event in {**ctx.publishers, **dict.fromkeys(ctx.model.events)}:
        if event in ctx.consumers or event in ctx.triggers:
            continue
        declared = event in ctx.model.events
        uses = ctx.publishers.get(event, [])
        if uses:
            names = ", ".join(u.service for u in uses[:3]) + (f" and {len(uses) - 3} more" if len(uses) > 3 else "")
            message = f"event {event!r} is published by {names} but no service consumes it"
        else:
            message = f"event {event!r} is declared but no service publishes or consumes it"
        yield Hit(ctx.event_at(event), message, key=declared, subject=event)
