"""decision-mismatch: the decided style is not the one the traits recommend."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.decision.scoring import score_traits
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "decision-mismatch"
SEVERITY = "warning"
SUMMARY = "the decided style is not the one the traits recommend"
EXPLANATION = (
    "The traits in the file are the reasons for the decision. When they change (more "
    "teams, longer flows, a need for compensation) the recommended style can change while "
    "the decision stays: the system drifts away from its own rationale. Re-score and either "
    "revisit the decision (a new ADR superseding the old one) or record why it stands in "
    "`decision.reason`; with a reason the finding is only informational."
)
SOURCE = "SEED; rules/traits.yaml (each answer's source); T&S (sensitivity of the decision to its inputs)"
FIX = "Run `advisor score` and revisit the decision with `advisor decide`, or add `decision.reason` explaining it."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Re-score the answered traits and compare with `decision.style`."""
    decided = ctx.model.decision.style
    if not decided or not ctx.model.traits:
        return
    rec = score_traits(ctx.model.traits)
    if rec.recommendation == decided:
        return
    scores = ", ".join(f"{style} {score:g}" for style, score in rec.scores.items())
    reason = "; decision.reason explains why" if ctx.model.decision.reason else ""
    yield Hit(
        ("decision", "style"),
        f"decision.style is {decided} but the traits recommend "
        f"{rec.recommendation} ({scores}; confidence {rec.confidence}){reason}",
        subject=f"{decided}->{rec.recommendation}",
        severity="info" if reason else "",
    )
