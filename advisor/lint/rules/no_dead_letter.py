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
    "reference) is redelivered. Without a dead-letter queue, unbounded retries block the "
    "queue or partition behind it, or loop for ever while later messages wait; bounded "
    "retries end by dropping the message, so the work it asked for is lost without a trace. "
    "A bounded number of retries followed by a dead-letter queue someone watches keeps the "
    "flow moving and the failure visible."
)
SOURCE = "AZ-CH (Azure Choreography pattern: poison messages and dead-letter queues); AWS-CH (AWS saga choreography)"
FIX = (
    "Give the consumer bounded retries and a dead-letter queue someone monitors, and declare it: "
    "`consumer: {retries: 5, dead_letter: true}`."
)
OPTIONS: Mapping[str, int] = {}
_BOUNDED_HINT = (
    "Send a message that still fails after its retries to a dead-letter queue someone monitors, "
    "and declare it: `dead_letter: true`."
)


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
            yield Hit(
                ("services", name, "consumer"),
                f"service {name!r} declares {said}: {_fate(policy.retries)}",
                key=True,
                subject=name,
                hint=_BOUNDED_HINT if policy.retries is not None else "",
            )


def _fate(retries: int | None) -> str:
    """What becomes of a message the handler keeps failing on, from the declared retries."""
    lost = "dropped, with no copy kept to inspect or replay"
    if retries is None:
        return (
            "with no retry limit declared, a message its handler keeps failing on is redelivered "
            f"without end (holding up what is queued behind it) or, where the broker gives up, {lost}"
        )
    if retries == 0:
        return f"a message its handler fails on once is {lost}"
    return f"after {retries} retries a message its handler keeps failing on is {lost}"
