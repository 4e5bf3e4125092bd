"""no-idempotency: a consumer does not de-duplicate redelivered events."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "no-idempotency"
SEVERITY = "warning"
SUMMARY = "a service consumes events but does not declare that it is idempotent"
EXPLANATION = (
    "Brokers deliver at least once: after a crash, a rebalance or a retry the same "
    "event arrives again. A consumer that is not idempotent charges twice, ships twice "
    "or double-counts. Saga participants must tolerate duplicates, usually by recording "
    "the ids of processed messages."
)
SOURCE = "AWS-OR (AWS saga orchestration); AZ-CH (Azure Choreography pattern)"
FIX = "De-duplicate by message id (or make the handler naturally idempotent) and mark the service `idempotent: true`."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Services with a non-empty `consumes` and no `idempotent: true`."""
    for name, service in ctx.model.services.items():
        if service.consumes and not service.idempotent:
            yield Hit(
                ("services", name, "consumes"),
                f"service {name!r} consumes {len(service.consumes)} "
                f"event{'s' if len(service.consumes) > 1 else ''} and does not declare "
                "`idempotent: true`: brokers redeliver, so a duplicate may be processed twice",
                key=True,
                subject=name,
            )
