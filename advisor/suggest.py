""""Did you mean ...?" for a mistyped name (a command, rule, target or suppression)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The choice nearest to `word`, if one is near enough."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=cutoff)
    return found[0] if found else None


def did_you_mean(word: str, choices: Iterable[str], cutoff: float = 0.6) -> str:
    """`; did you mean 'x'?` when a choice is near `word`, else ''."""
    near = closest(word, choices, cutoff)
    return f"; did you mean {near!r}?" if near else ""
