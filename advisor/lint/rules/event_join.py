"""event-join: a consumer waits for events that branch in parallel from one earlier event."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from advisor.format.model import Service
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "event-join"
SEVERITY = "info"
SUMMARY = "a service acts on events that different services publish in parallel from one earlier event (a join)"
EXPLANATION = (
    "When B and C each react to the same event A, in parallel, and D acts only once both "
    "B's and C's events have arrived, D keeps hidden state: which of the two has arrived for "
    "which instance, and what to do when one never comes. Joins are where choreography gets "
    "complicated; they are the natural place for a small local orchestrator that owns the "
    "sequence. Events in sequence (one caused by the other) are no join, nor are alternative "
    "outcomes of one reaction, nor events D handles each on its own."
)
SOURCE = "AZ-CH (Azure Choreography pattern); BR-MIX (Ruecker: choreography AND orchestration)"
FIX = (
    "Let one service (a local orchestrator) own the parallel steps and the join, with a timeout for the missing branch."
)
OPTIONS: Mapping[str, int] = {}


@dataclass(frozen=True)
class Origin:
    """`event` follows from the reaction of `service` to `cause` (assumed when it declares no `reacts`)."""

    event: str
    cause: str
    service: str
    assumed: bool


def _origins(ctx: Context, event: str) -> tuple[Origin, ...]:
    """The events whose handling publishes `event` (one step upstream), and by whom."""
    known: dict[str, tuple[Origin, ...]] = ctx.cache.setdefault("origins", {})
    if event not in known:
        found: list[Origin] = []
        for use in ctx.publishers.get(event, []):
            service = ctx.model.services[use.service]
            for consumed in dict.fromkeys(service.consumes):
                reaction = service.reaction(consumed)
                if reaction is None or event in reaction.publishes:
                    found.append(Origin(event, consumed, use.service, reaction is None))
        known[event] = tuple(found)
    return known[event]


def _in_sequence(ctx: Context, one: str, other: str) -> bool:
    """Whether one event is caused by the other: then they arrive in turn, not in parallel."""
    return any(o.cause == other for o in _origins(ctx, one)) or any(o.cause == one for o in _origins(ctx, other))


def _outcomes(service: Service, event: str) -> list[str]:
    """What handling `event` does ("publish 'X'", "call 'y'"); [""] when the service does
    not say (no `reacts`), [] when it does nothing, so it waits for nothing."""
    reaction = service.reaction(event)
    if reaction is None:
        return [""]
    return [f"publish {e!r}" for e in reaction.publishes] + [f"call {c!r}" for c in reaction.calls]


@dataclass(frozen=True)
class Join:
    one: Origin
    other: Origin
    outcome: str  # what both reactions do; "" when the joining service declares no `reacts`


def _join(ctx: Context, name: str, consumed: list[str]) -> Join | None:
    """The first two consumed events that different services publish in parallel, reacting
    to one upstream event (not alternatives from one reaction, not what the service itself
    publishes, not one caused by the other), whose handling here has a common outcome.
    Each (cause, outcome) keeps one origin per publishing service, so a hub consuming many
    events is not compared pair by pair."""
    service = ctx.model.services[name]
    groups: dict[tuple[str, str], dict[str, Origin]] = {}
    for event in consumed:
        outcomes = _outcomes(service, event)
        for origin in _origins(ctx, event):
            if origin.service == name:
                continue
            for outcome in outcomes:
                group = groups.setdefault((origin.cause, outcome), {})
                for earlier in group.values():
                    parallel = earlier.event != event and not _in_sequence(ctx, earlier.event, event)
                    if earlier.service != origin.service and parallel:
                        return Join(earlier, origin, outcome)
                group.setdefault(origin.service, origin)
    return None


def _message(name: str, join: Join) -> tuple[str, str, str]:
    """The message, a lowered severity ("" to keep the rule's) and a hint ("" for the rule's)."""
    one, other = join.one, join.other
    events = f"{one.event!r} and {other.event!r}"
    branches = f"{one.service} and {other.service} publish in parallel in reaction to {one.cause!r}"
    guessed = sorted({o.service for o in (one, other) if o.assumed})
    if guessed:
        names = " and ".join(guessed)
        return (
            f"service {name!r} may join {events}, which both follow from {one.cause!r} "
            f"if {names} publish{'es' if len(guessed) == 1 else ''} in reaction to it",
            "info",
            f"Declare `reacts` on {names} to say which consumed event causes which publish.",
        )
    if not join.outcome:
        return (
            f"service {name!r} consumes {events}, which {branches}: "
            "if it acts only once both have arrived, it must track which has",
            "",
            f"Declare `reacts` on {name} to say what handling each event does; if it waits for both, "
            "let one service own the parallel steps and the join, with a timeout for the missing branch.",
        )
    return (
        f"service {name!r} joins {events}, which {branches}, "
        f"and its reactions to both {join.outcome}: it must track which has arrived",
        "",
        "",
    )


def check(ctx: Context) -> Iterator[Hit]:
    """Services acting on events that different services' reactions to one event publish in parallel."""
    for name, service in ctx.model.services.items():
        consumed = list(dict.fromkeys(service.consumes))
        join = _join(ctx, name, consumed) if len(consumed) >= 2 else None
        if join:
            message, severity, hint = _message(name, join)
            yield Hit(
                ("services", name, "consumes"),
                message,
                key=True,
                subject=f"{name}:{join.one.cause}",
                severity=severity,
                hint=hint,
            )
