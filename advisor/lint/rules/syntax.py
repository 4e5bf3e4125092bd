"""syntax: the file is not readable YAML."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "syntax"
SEVERITY = "error"
SUMMARY = "the file is not readable YAML"
EXPLANATION = (
    "advisor reads the file with a safe YAML loader: no Python tags, no alias bombs, no "
    "duplicate keys (YAML keeps the last one silently), a size limit, UTF-8 text. When "
    "the file cannot be read nothing else can be checked, so a pipeline must fail rather "
    "than pass on a file nobody parsed."
)
SOURCE = "YAML (the 1.2 specification); YAMLLINT (fail when nothing was parsed); KUBE-LINTER"
FIX = "Correct the YAML at the given line and column; quote values that contain ': ' or start with special characters."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """The loader's error, at the position it names."""
    if ctx.error is None:
        return
    where = ctx.error.location
    position = (where.line, where.column or 1) if where and where.line else (1, 1)
    yield Hit((), ctx.error.message, position=position, subject=ctx.error.message)
