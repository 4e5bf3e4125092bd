"""adr-missing: `decision.adr` names a file that does not exist."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "adr-missing"
SEVERITY = "error"
SUMMARY = "`decision.adr` names a file that does not exist"
EXPLANATION = (
    "The decision record holds the context, the options considered and the consequences; "
    "the architecture file points at it so reviewers can find the reasoning. A dangling "
    "path means the record was moved, renamed or never committed, and the decision is "
    "left without its rationale. The path is relative to the architecture file."
)
SOURCE = "NYGARD (Documenting Architecture Decisions, 2011); MADR"
FIX = "Correct `decision.adr` (relative to the architecture file), or write the record with `advisor adr new`."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """The named ADR must be an existing file."""
    adr = ctx.model.decision.adr
    if not adr:
        return
    path = ctx.base_dir / adr
    if not path.is_file():
        what = "is a directory, not a record" if path.is_dir() else "does not exist"
        yield Hit(
            ("decision", "adr"),
            f"decision record {adr!r} {what} (relative to {ctx.doc.path!r})",
            subject=adr,
        )
