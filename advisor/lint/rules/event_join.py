"""event-join: a consumer waits for several events that branch from one earlier event."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "event-join"
SEVERITY = "info"
SUMMARY = "a service consumes several events that branch from one earlier event (a join)"
EXPLANATION = (
    "When D must wait for both B's and C's reaction to the same event, D keeps hidden "
    "state: which of the two has arrived for which instance, and what to do when one "
    "never comes. Joins are where choreography gets complicated; they are the natural "
    "place for a small local orchestrator that owns the sequence."
)
SOURCE = "AZ-CH (Azure Choreography pattern); BR-MIX (Ruecker: choreography AND orchestration)"
FIX = (
    "Let one service (a local orchestrator) own the parallel steps and the join, with a timeout for the missing branch."
)
OPTIONS: Mapping[str, int] = {}


# (upstream event, the service whose reaction to it publishes this event; "" for the event
# itself, True when that reaction is assumed because the service declares no `reacts`)
Origin = tuple[str, str, bool]


def _origins(ctx: Context, event: str) -> tuple[Origin, ...]:
    """The event itself and the events whose handling publishes it (one step upstream)."""
    known: dict[str, tuple[Origin, ...]] = ctx.cache.setdefault("origins", {})
    if event not in known:
        found: list[Origin] = [(event, "", False)]
        for use in ctx.publishers.get(event, []):
            service = ctx.model.services[use.service]
            for consumed in dict.fromkeys(service.consumes):
                reaction = service.reaction(consumed)
                if reaction is None or event in reaction.publishes:
                    found.append((consumed, use.service, reaction is None))
        known[event] = tuple(found)
    return known[event]


def _join(ctx: Context, name: str, consumed: list[str]) -> tuple[str, str, Origin, Origin] | None:
    """The first two consumed events published by different services' reactions to one
    upstream event (alternatives from one reaction are not a join; nor is what the service
    itself publishes), and how."""
    seen: dict[str, tuple[str, Origin]] = {}
    for event in consumed:
        for origin in _origins(ctx, event):
            if origin[1] == name:
                continue
            first = seen.setdefault(origin[0], (event, origin))
            if first[0] != event and first[1][1] != origin[1]:
                return first[0], event, first[1], origin
    return None


def _message(name: str, join: tuple[str, str, Origin, Origin]) -> tuple[str, str, str]:
    first, second, one, other = join
    upstream = one[0]
    guessed = sorted({o[1] for o in (one, other) if o[2]})
    if not guessed:
        return (
            f"service {name!r} joins {first!r} and {second!r}, which both follow from {upstream!r}: "
            "it must track which branch has arrived",
            "",
            "",
        )
    names = " and ".join(guessed)
    return (
        f"service {name!r} may join {first!r} and {second!r}, which both follow from {upstream!r} "
        f"if {names} publish{'es' if len(guessed) == 1 else ''} in reaction to it",
        "info",
        f"Declare `reacts` on {names} to say which consumed event causes which publish.",
    )


def check(ctx: Context) -> Iterator[Hit]:
    """Services whose consumed events follow from different services' reactions to one event."""
    for name, service in ctx.model.services.items():
        consumed = list(dict.fromkeys(service.consumes))
        join = _join(ctx, name, consumed) if len(consumed) >= 2 else None
        if join:
            message, severity, hint = _message(name, join)
            yield Hit(
                ("services", name, "consumes"),
                message,
                key=True,
                subject=f"{name}:{join[2][0]}",
                severity=severity,
                hint=hint,
            )
