"""Why not the others: for each style not recommended, the strongest reasons against it
and what would have to change for it to win."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from advisor.decision.catalogue import STYLES, Catalogue, load_catalogue, show_answer
from advisor.decision.scoring import Contribution, Recommendation

STRONGEST = 3
DONE = {"orchestration": "orchestrated", "choreography": "choreographed"}


@dataclass(frozen=True)
class WhyNot:
    """One style not recommended: what speaks against it, what would change that."""

    style: str
    against: tuple[str, ...]
    change: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one `why_not` entry."""
        return {"style": self.style, "against": list(self.against), "would_change": self.change}


def _said(c: Contribution) -> str:
    where = f"; derived: {c.basis}" if c.origin == "derived" else ""
    return f"{c.trait} = {show_answer(c.answer)} favours {c.favours} (+{c.points:g}{where}): {c.reason} [{c.source}]"


def why_not(rec: Recommendation, catalogue: Catalogue | None = None) -> tuple[WhyNot, ...]:
    """For each style other than the recommended one, the reasons against it and what would change."""
    cat = catalogue or load_catalogue()
    return tuple(_one(rec, style, cat) for style in STYLES if style != rec.recommendation)


def _one(rec: Recommendation, style: str, cat: Catalogue) -> WhyNot:
    flips = sorted({f"{f.trait} = {show_answer(f.to)}" for f in rec.flips if f.recommendation == style})
    if style == "hybrid":
        return WhyNot(style, _against_hybrid(rec, cat), _change_hybrid(rec, flips, cat))
    against = [c for c in rec.contributions if c.favours in STYLES and c.favours != style and c.points > 0]
    reasons = [_said(c) for c in against[:STRONGEST]]
    if rec.plan is not None:
        other = rec.plan.choreographed if style == "orchestration" else rec.plan.orchestrated
        reasons = [
            f"flow {n} is better {DONE[rec.flows[n].recommendation]}: {rec.flows[n].why[0]}" for n in other
        ] + reasons
    if flips:
        change = _any_of(flips)
    elif rec.plan is not None:
        other = rec.plan.choreographed if style == "orchestration" else rec.plan.orchestrated
        change = f"flow {', '.join(other)} would have to be better {DONE[style]} too, on evidence of its own " + (
            "(steps that depend on each other: compensations, a pivot)"
            if style == "orchestration"
            else "(independent reactions: no compensations, no order to keep)"
        )
    elif against:
        turned = [f"{c.trait} (now {show_answer(c.answer)})" for c in against[:STRONGEST]]
        change = f"no single answer; several would have to change together, starting with {', '.join(turned)}"
    else:
        change = f"answers that favour {style}: none of the traits scored so far does"
    return WhyNot(style, tuple(reasons[: STRONGEST + 1]), change)


def _against_hybrid(rec: Recommendation, cat: Catalogue) -> tuple[str, ...]:
    sides = cat.hybrid_drivers
    reasons = []
    if not rec.hybrid_tension:
        weak = [
            side
            for side, traits in sides.items()
            if not any(c.trait in traits and show_answer(c.answer) == "high" for c in rec.contributions)
        ]
        names = " or ".join(f"{side} ({', '.join(sides[side])})" for side in weak)
        reasons.append(f"no high answer among the {names} drivers, so nothing pulls both ways [{cat.hybrid_source}]")
    else:
        reasons.append(
            f"drivers pull both ways ({' vs '.join(rec.hybrid_tension)}), but {rec.recommendation} still leads "
            f"by {rec.scores[rec.recommendation] - rec.scores['hybrid']:.1f} points"
        )
    if rec.flows:
        styles = {f.recommendation for f in rec.flows.values()}
        if len(styles) == 1:
            reasons.append(f"every flow is best {DONE[styles.pop()]}, so no flow needs the other style")
        else:
            reasons.append("the flows differ, but not each on evidence of its own at medium confidence or better")
    return tuple(reasons)


def _change_hybrid(rec: Recommendation, flips: list[str], cat: Catalogue) -> str:
    if flips:
        return _any_of(flips)
    return (
        "a high answer on each side (e.g. team_autonomy and compensation), or flows that differ on their own "
        "evidence: one sequenced flow with compensations beside one of independent reactions"
    )


def _any_of(flips: list[str], most: int = 6) -> str:
    more = f" (and {len(flips) - most} more: `advisor score` lists them)" if len(flips) > most else ""
    return "any one of: " + ", ".join(flips[:most]) + more
