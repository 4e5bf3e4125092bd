"""`# advisor: ignore[rule-id, ...] reason` comments, found in the file's text."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A comment anywhere on a line; the reason is whatever follows the closing bracket.
_PATTERN = re.compile(r"#\s*advisor:\s*ignore\[([^\]\n]*)\]([^\n]*)")


@dataclass
class Suppression:
    """One suppression comment: its line, the rules it names and the reason given."""

    line: int
    column: int
    rules: tuple[str, ...]
    reason: str
    used: set[str] = field(default_factory=set)

    @property
    def valid(self) -> bool:
        """A suppression counts only with a reason and at least one rule id."""
        return bool(self.reason) and bool(self.rules)


def find_suppressions(text: str) -> list[Suppression]:
    """Every suppression comment in the text, in order."""
    if "advisor:" not in text:  # the common case: skip the scan
        return []
    found = []
    line, counted = 1, 0  # count newlines incrementally: linear in the text
    for match in _PATTERN.finditer(text):
        start = match.start()
        line += text.count("\n", counted, start)
        counted = start
        column = start - (text.rfind("\n", 0, start) + 1) + 1
        rules = tuple(part.strip() for part in match.group(1).split(",") if part.strip())
        reason = match.group(2).strip().lstrip("-:—").strip()
        found.append(Suppression(line, column, rules, reason))
    return found
