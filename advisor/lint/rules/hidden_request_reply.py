"""hidden-request-reply: a command sent as an event to one service whose handling replies."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "hidden-request-reply"
SEVERITY = "info"
SUMMARY = "a `command` event consumed by exactly one service that replies: request/reply hidden in events"
EXPLANATION = (
    "A service that publishes a command, which exactly one other service handles by "
    "publishing an answer the first one consumes, is making a request and waiting for the "
    "reply, over the broker. That is orchestration without an orchestrator: the sender "
    "keeps the state of the conversation, needs a timeout for the missing reply and a "
    "correlation id, and the coupling is hidden in event names. Commands sent by a declared "
    "orchestrator are what orchestration over messaging looks like and are not reported."
)
SOURCE = "BR-ECT (Ruecker: Event command transformation); MSIO (Richardson: Pattern: Saga, command/reply)"
FIX = (
    "Make the conversation explicit: let the sender be a declared orchestrator (`role: orchestrator` "
    "with a flow and a timeout), or publish the fact that happened and let the service decide."
)
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Commands with one consumer whose declared reaction publishes what a non-orchestrator
    sender of that command consumes."""
    orchestrators = ctx.orchestrators()
    for name, event in ctx.model.events.items():
        consumers = ctx.consumers.get(name, [])
        if event.kind != "command" or len(consumers) != 1:
            continue
        handler = ctx.model.services[consumers[0].service]
        reaction = handler.reaction(name)
        if reaction is None:
            continue
        for use in ctx.publishers.get(name, []):
            sender = ctx.model.services[use.service]
            replies = [r for r in reaction.publishes if r in sender.consumes]
            if use.service in orchestrators or not replies or use.service == handler.name:
                continue
            yield Hit(
                ("events", name),
                f"{use.service!r} sends command {name!r} to {handler.name!r} and consumes its "
                f"reply {replies[0]!r}: a request/reply hidden in events, with no declared orchestrator",
                key=True,
                subject=f"{use.service}:{name}",
            )
