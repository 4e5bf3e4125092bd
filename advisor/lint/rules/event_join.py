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


def _origins(ctx: Context, event: str) -> tuple[str, ...]:
    """The event itself and the events its publishers react to (one step upstream), sorted."""
    known: dict[str, tuple[str, ...]] = ctx.cache.setdefault("origins", {})
    if event not in known:
        found: set[str] = {event}
        for use in ctx.publishers.get(event, []):
            found.update(ctx.model.services[use.service].consumes)
        known[event] = tuple(sorted(found))
    return known[event]


def _join(ctx: Context, consumed: list[str]) -> tuple[str, str, str] | None:
    """The first two consumed events with a common upstream event, and that event."""
    seen: dict[str, str] = {}
    for event in consumed:
        for origin in _origins(ctx, event):
            first = seen.setdefault(origin, event)
            if first != event:
                return first, event, origin
    return None


def check(ctx: Context) -> Iterator[Hit]:
    """Services whose consumed events share an upstream event."""
    for name, service in ctx.model.services.items():
        consumed = list(dict.fromkeys(service.consumes))
        join = _join(ctx, consumed) if len(consumed) >= 2 else None
        if join:
            first, second, origin = join
            yield Hit(
                ("services", name, "consumes"),
                f"service {name!r} joins {first!r} and {second!r}, "
                f"which both follow from {origin!r}: it must track which branch has arrived",
                key=True,
                subject=f"{name}:{origin}",
            )
