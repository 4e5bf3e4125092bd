"""no-dead-letter: a consumer has no dead-letter path for a message it keeps failing on."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "no-dead-letter"
SEVERITY = "warning"
SUMMARY = "a consumer's failure policy has no dead-letter path (info when a version 2 file declares none)"
EXPLANATION = (
    "A message its handler cannot process (a poison message: bad data, a bug, a missing "
    "reference) is redelivered. Without a dead-letter queue it either blocks the queue or "
    "partition behind it, or loops for ever, burning retries, while later messages wait. "
    "A bounded number of retries followed by a dead-letter queue someone watches keeps the "
    "flow moving and the failure visible."
)
SOURCE = "AZ-CH (Azure Choreography pattern: poison messages and dead-letter queues); AWS-CH (AWS saga choreography)"
FIX = (
    "Give the consumer bounded retries and a dead-letter queue someone monitors, and declare it: "
    "`consumer: {retries: 5, dead_letter: true}`."
)
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Consumers whose declared policy has no dead letter; in version 2 files, info for
    consumers that declare no policy (version 1 cannot say it, so says nothing)."""
    for name, service in ctx.model.services.items():
        if not service.consumes:
            continue
        policy = service.consumer
        if policy is None:
            if ctx.model.version >= 2:
                yield Hit(
                    ("services", name),
                    f"service {name!r} consumes events but does not declare what happens to a "
                    "message its handler keeps failing on (`consumer`)",
                    key=True,
                    subject=name,
                    severity="info",
                )
        elif not policy.dead_letter:
            said = "dead_letter: false" if policy.dead_letter is False else "no dead_letter"
            tries = f"after {policy.retries} retries " if policy.retries is not None else ""
            yield Hit(
                ("services", name, "consumer"),
                f"service {name!r} declares {said}: a message its handler keeps failing on "
                f"{tries}blocks the queue or is redelivered for ever",
                key=True,
                subject=name,
            )
