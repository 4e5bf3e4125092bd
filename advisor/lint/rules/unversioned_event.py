"""unversioned-event: an event shared across services or teams has no version."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "unversioned-event"
SEVERITY = "warning"
SUMMARY = "an event consumed by several services, or by another team (both owners declared), has no version"
EXPLANATION = (
    "An event consumed outside its publisher's team is a contract. Without a version "
    "number, a change to its fields breaks consumers that deploy on their own schedule, "
    "and nobody can tell which shape a stored message has. Version shared events and "
    "evolve them compatibly."
)
SOURCE = "AZ-CH (Azure Choreography pattern: message versioning)"
FIX = "Add `version: 1` to the event under `events:` and bump it on incompatible changes."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Declared events without `version` that are shared."""
    services = ctx.model.services
    for name, event in ctx.model.events.items():
        if event.version is not None or name not in ctx.publishers:
            continue  # an event nobody publishes is event-without-producer's finding, not a contract yet
        consumers = {u.service for u in ctx.consumers.get(name, [])}
        owners = {services[u.service].owner for u in ctx.publishers.get(name, [])}
        # "another team" only when every owner involved is declared and they differ
        declared = bool(owners) and "" not in owners
        foreign = sorted(c for c in consumers if declared and services[c].owner not in ("", *owners))
        if len(consumers) >= 2 or foreign:
            reason = (
                f"{len(consumers)} services consume it"
                if len(consumers) >= 2
                else f"{foreign[0]!r} of another team ({services[foreign[0]].owner}, "
                f"not {' / '.join(sorted(owners))}) consumes it"
            )
            yield Hit(
                ("events", name),
                f"event {name!r} has no version although {reason}",
                key=True,
                subject=name,
            )
