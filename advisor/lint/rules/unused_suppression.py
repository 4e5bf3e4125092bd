"""unused-suppression: a suppression comment that suppresses nothing."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "unused-suppression"
SEVERITY = "warning"
SUMMARY = "a `# advisor: ignore[...]` comment that suppresses no finding"
EXPLANATION = (
    "A suppression whose finding has gone (the problem was fixed, or the line moved) "
    "would silently hide the next, different problem of that rule on the line. "
    "Remove stale suppressions so each one documents a real, current exception."
)
SOURCE = "YAMLLINT; RUFF (unused `noqa` directives are reported)"
FIX = "Delete the comment, or move it to the line the finding is reported on."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Valid suppressions whose rules matched no finding on their line (run after the others)."""
    from advisor.lint.rules import REGISTRY  # the registry imports this module

    for item in ctx.suppressions:
        if not item.valid:
            continue
        for rule in item.rules:
            if rule in REGISTRY and rule not in item.used:
                yield Hit(
                    (),
                    f"suppression of {rule} on line {item.line} suppresses nothing",
                    position=(item.line, item.column),
                    subject=f"{rule}",
                )
