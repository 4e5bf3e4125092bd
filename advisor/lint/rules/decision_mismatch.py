"""decision-mismatch: the decided style is not the one the traits recommend."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.decision.flows import rescore
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
    "`decision.reason`; with a reason the finding is only informational. The traits are "
    "re-scored as `advisor score` scores them: the answers, what the model derives where "
    "unanswered, and each flow's own evidence; nothing is assumed. On thin evidence "
    "(low confidence) the finding is only informational too."
)
SOURCE = "SEED; rules/traits.yaml (each answer's source); T&S (sensitivity of the decision to its inputs)"
FIX = "Run `advisor score` and revisit the decision with `advisor decide`, or add `decision.reason` explaining it."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Re-score the answered traits and compare with `decision.style`."""
    decided = ctx.model.decision.style
    if not decided or not ctx.model.traits:
        return  # nothing answered: a recommendation from derived traits alone is no rationale to drift from
    rec = rescore(ctx.model)
    if rec is None or rec.recommendation == decided:
        return
    scores = ", ".join(f"{style} {score:g}" for style, score in rec.scores.items())
    reason = "; decision.reason explains why" if ctx.model.decision.reason else ""
    thin = rec.confidence == "low"
    derived = f", {len(rec.derived)} derived from the model" if rec.derived else ""
    yield Hit(
        ("decision", "style"),
        f"decision.style is {decided} but the traits recommend "
        f"{rec.recommendation} ({scores}; confidence {rec.confidence}; "
        f"{len(rec.answered)} answered{derived}){reason}",
        subject=f"{decided}->{rec.recommendation}",
        severity="info" if reason or thin else "",
    )
