"""command-as-event: a command disguised as an event (`*Requested` with one consumer)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "command-as-event"
SEVERITY = "info"
SUMMARY = "an event named like a request (`*Requested`, `*Required`, `*Command`) with exactly one consumer"
EXPLANATION = (
    "An event states a fact that happened and leaves the reaction to whoever listens. "
    "`PaymentRequested` with a single consumer is a command sent through the broker: the "
    "publisher depends on that one consumer acting, but the coupling is hidden. Make the "
    "intent explicit: send a command to the service (or let an orchestrator do it), or "
    "publish the fact that actually happened (`OrderPlaced`) and let the service decide. "
    "An event whose `kind` is declared (version 2) is taken at its word."
)
SOURCE = "BR-ECT (Ruecker: Event command transformation)"
FIX = "Send a command to the one service that must act, or publish the underlying fact and let consumers react."
OPTIONS: Mapping[str, int] = {}

_COMMAND = re.compile(r"(Requested|Required|Request|Command|Cmd)$|^(Do|Please)[A-Z]|[._-](requested|required|command)$")


def check(ctx: Context) -> Iterator[Hit]:
    """Events whose names read as requests and that exactly one service consumes."""
    for event in {**dict.fromkeys(ctx.model.events), **ctx.publishers}:
        consumers = ctx.consumers.get(event, [])
        declared = ctx.model.events.get(event)
        if declared is not None and declared.kind:
            continue  # the file says what kind of message it is
        if len(consumers) == 1 and _COMMAND.search(event):
            yield Hit(
                ctx.event_at(event),
                f"event {event!r} reads as a command and only "
                f"{consumers[0].service!r} consumes it: a command disguised as an event",
                key=event in ctx.model.events,
                subject=event,
            )
