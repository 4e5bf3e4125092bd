"""bad-suppression: a suppression comment without a reason or with an unknown rule id."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit
from advisor.suggest import did_you_mean

ID = "bad-suppression"
SEVERITY = "warning"
SUMMARY = "a `# advisor: ignore[...]` comment without a reason, or naming an unknown rule"
EXPLANATION = (
    "A suppression hides a finding from every later reader, so it must say why: "
    "`# advisor: ignore[rule-id] reason`. A suppression without a reason does not "
    "suppress anything; one naming an unknown rule id is almost always a typo."
)
SOURCE = "KUBE-LINTER (ignore annotations require a reason); CHECKOV (`skip=ID:reason`)"
FIX = (
    "Write the rule id(s) in the brackets and a short reason after them, e.g. `# advisor: "
    "ignore[dual-write] no database`."
)
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Every suppression comment that is missing a reason or names no known rule."""
    from advisor.lint.rules import REGISTRY  # the registry imports this module

    for item in ctx.suppressions:
        where = (item.line, item.column)
        unknown = [rule for rule in item.rules if rule not in REGISTRY]
        if not item.rules:
            yield Hit(
                (),
                "suppression names no rule: write `# advisor: ignore[rule-id] reason`",
                position=where,
                subject=f"line{item.line}",
            )
        elif not item.reason:
            yield Hit(
                (),
                f"suppression of {', '.join(item.rules)} has no reason, so it suppresses nothing",
                position=where,
                subject=f"{','.join(item.rules)}",
            )
        for rule in unknown:
            yield Hit(
                (),
                f"suppression names unknown rule {rule!r}{did_you_mean(rule, REGISTRY)}",
                position=where,
                subject=f"unknown:{rule}",
            )
