"""dual-write: a service publishes events without a transactional outbox."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "dual-write"
SEVERITY = "warning"
SUMMARY = "a service with a database publishes events without a transactional outbox"
EXPLANATION = (
    "A service that updates its database and then publishes an event performs two "
    "writes that cannot commit together: a crash between them loses the event (or "
    "publishes one for a change that was rolled back). The transactional outbox writes "
    "the event in the same database transaction and relays it afterwards. A service that "
    "owns no database (`datastore: false`) has only one write and is not checked."
)
SOURCE = "MSIO (Richardson: Pattern: Saga / Transactional outbox)"
FIX = (
    "Publish through a transactional outbox (or change data capture) and mark the service `outbox: true`; "
    "say `datastore: false` if it owns no database."
)
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Services with a datastore, a non-empty `publishes` and no `outbox: true`."""
    for name, service in ctx.model.services.items():
        if service.publishes and service.datastore and not service.outbox:
            yield Hit(
                ("services", name, "publishes"),
                f"service {name!r} publishes events without an outbox: a crash between its "
                "database write and the publish loses or invents an event",
                key=True,
                subject=name,
            )
