"""Traits x rules -> an explained Recommendation, with the answers that would flip it.

Each answered (or derived) trait gives points to one style. A style's score is the
share (0-100) of the points it could have had from those traits. Hybrid scores the
mean of the other two plus a bonus, scaled by how strongly drivers pull both ways
(rules/styles.yaml). Confidence needs both a margin and coverage: the share of the
questionnaire's weight that was answered or derived. Unanswered traits count for
nothing; advisor assumes no answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from advisor.decision.catalogue import STYLES, Answer, Catalogue, load_catalogue
from advisor.decision.evidence import Derived
from advisor.targets import style_of

SCALE = (
    "Scores are 0-100: the share of the points each style could have had from the traits "
    "answered or derived (hybrid: the mean of the other two plus a bonus when strong drivers "
    "pull both ways, or, when flows differ, each flow scored by its own style)."
)


@dataclass(frozen=True)
class Contribution:
    """What one answer pushed, and why."""

    trait: str
    answer: Answer
    favours: str
    points: float
    reason: str
    source: str
    origin: str = "answered"  # answered | derived
    basis: str = ""  # for a derived trait: what in the model says it


@dataclass(frozen=True)
class Flip:
    """A single-answer change that changes the recommendation (verified by re-scoring)."""

    trait: str
    to: Answer
    recommendation: str


@dataclass(frozen=True)
class Recommendation:
    """The scored answers: which style, how sure, and why."""

    recommendation: str
    scores: Mapping[str, float]
    confidence: str
    contributions: tuple[Contribution, ...]
    flips: tuple[Flip, ...] = ()
    unanswered: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    hybrid_tension: tuple[str, ...] = field(default=())
    rules_version: str = ""
    coverage: float = 0.0
    derived: tuple[Derived, ...] = ()
    assumed: tuple[str, ...] = ()
    flows: Mapping[str, Any] = field(default_factory=dict)  # flow name -> FlowRecommendation
    plan: Any = None  # a HybridPlan when flows legitimately differ

    @property
    def answered(self) -> tuple[str, ...]:
        """The traits that were answered (not derived)."""
        return tuple(c.trait for c in self.contributions if c.origin == "answered")

    @property
    def margin(self) -> float:
        """Points between the recommended style and the runner-up."""
        ordered = sorted(self.scores.values(), reverse=True)
        return round(ordered[0] - ordered[1], 1)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of `score --format json`."""
        data: dict[str, Any] = {
            "recommendation": self.recommendation,
            "scores": dict(self.scores),
            "confidence": self.confidence,
            "margin": self.margin,
            "coverage": self.coverage,
            "scale": SCALE,
            "contributions": [asdict(c) for c in self.contributions],
            "flips": [asdict(f) for f in self.flips],
            "unanswered": list(self.unanswered),
            "assumed": list(self.assumed),
            "derived": [d.to_dict() for d in self.derived],
            "warnings": list(self.warnings),
            "hybrid_tension": list(self.hybrid_tension),
            "rules_version": self.rules_version,
        }
        if self.flows:
            data["flows"] = {name: flow.to_dict() for name, flow in self.flows.items()}
        if self.plan is not None:
            data["hybrid"] = self.plan.to_dict()
        from advisor.decision.whynot import why_not  # it explains a Recommendation

        data["why_not"] = [item.to_dict() for item in why_not(self)]
        return data


def score_traits(
    answers: Mapping[str, Answer],
    *,
    derived: Mapping[str, Derived] | None = None,
    target: str | None = None,
    catalogue: Catalogue | None = None,
) -> Recommendation:
    """Score validated answers (and derived traits where unanswered); same input, same result."""
    cat = catalogue or load_catalogue()
    base = score_answers(answers, cat, derived or {})
    used = used_answers(base)
    flips = tuple(_flips(used, cat, base.recommendation))
    return replace(base, flips=flips, warnings=warnings_for(used, base, target))


def used_answers(rec: Recommendation) -> dict[str, Answer]:
    """The answers a recommendation was scored from (answered and derived)."""
    return {c.trait: c.answer for c in rec.contributions}


def coverage(traits: set[str] | Mapping[str, Answer], cat: Catalogue) -> float:
    """The share of the traits' weight that these traits carry (0-1)."""
    covered = sum(cat.traits[tid].weight for tid in traits if tid in cat.traits)
    return round(covered / cat.total_weight, 2) if cat.total_weight else 0.0


def has_evidence(answers: Mapping[str, Answer], cat: Catalogue | None = None) -> bool:
    """True when some answered or derived trait can give points (coverage above 0)."""
    return coverage(set(answers), cat or load_catalogue()) > 0


def score_answers(answers: Mapping[str, Answer], cat: Catalogue, derived: Mapping[str, Derived] = {}) -> Recommendation:
    from_model = {tid: d for tid, d in derived.items() if answers.get(tid) is None}
    given = {k: v for k, v in answers.items() if v is not None}
    answers = {**{tid: d.answer for tid, d in from_model.items()}, **given}
    earned = {"orchestration": 0.0, "choreography": 0.0}
    possible = {"orchestration": 0.0, "choreography": 0.0}
    contributions = []
    for trait in cat.traits.values():
        if answers.get(trait.id) is None:
            continue
        answer = answers[trait.id]
        rule = trait.rule_for(answer)
        for style in possible:
            possible[style] += trait.most[style]
        if rule.favours in earned:
            earned[rule.favours] += rule.points
        origin, basis = ("derived", from_model[trait.id].basis) if trait.id in from_model else ("answered", "")
        contributions.append(
            Contribution(trait.id, answer, rule.favours, rule.points, rule.reason, rule.source, origin, basis)
        )
    scores = {s: round(100 * earned[s] / possible[s], 1) if possible[s] else 0.0 for s in possible}
    tension, drivers = _tension(answers, cat)
    # Hybrid earns support only as far as strong drivers pull both ways.
    hybrid = tension * ((scores["orchestration"] + scores["choreography"]) / 2 + cat.hybrid_bonus)
    scores["hybrid"] = round(min(100.0, hybrid), 1)
    contributions.sort(key=lambda c: (-c.points, c.trait))
    return Recommendation(
        recommendation=_winner(scores, answers),
        scores={s: scores[s] for s in STYLES},
        confidence=confidence(scores, covered := coverage(answers, cat), cat),
        contributions=tuple(contributions),
        unanswered=tuple(t for t in cat.traits if answers.get(t) is None),
        hybrid_tension=drivers,
        rules_version=cat.rules_version,
        coverage=covered,
        derived=tuple(from_model[t] for t in cat.traits if t in from_model),
    )


def _tension(answers: Mapping[str, Answer], cat: Catalogue) -> tuple[float, tuple[str, ...]]:
    """The weaker of the strongest choreography and orchestration drivers, and which they are."""
    strongest: dict[str, tuple[float, str]] = {}
    for side, traits in cat.hybrid_drivers.items():
        levels = [(cat.hybrid_levels.get(str(answers.get(t)), 0.0), t) for t in traits]
        strongest[side] = max(levels, key=lambda pair: pair[0])
    tension = min(value for value, _ in strongest.values())
    if not tension:
        return 0.0, ()
    return tension, tuple(f"{t}={answers[t]}" for _, t in strongest.values())


def _winner(scores: Mapping[str, float], answers: Mapping[str, Answer]) -> str:
    """The best score; ties go to what the team already runs, then to the simpler style."""
    platform = answers.get("platform")
    preference = {"broker": "choreography", "engine": "orchestration", "both": "hybrid"}.get(str(platform), "")
    order = {style: index for index, style in enumerate(STYLES)}
    return max(STYLES, key=lambda s: (scores[s], s == preference, -order[s]))


LEVELS = ("low", "medium", "high")


def confidence(scores: Mapping[str, float], covered: float, cat: Catalogue) -> str:
    """From the margin, capped by coverage: never high on thin evidence."""
    first, second = sorted(scores.values(), reverse=True)[:2]
    margin = first - second
    by_margin = 2 if margin >= cat.confidence["high"] else 1 if margin >= cat.confidence["medium"] else 0
    by_coverage = 2 if covered >= cat.coverage["high"] else 1 if covered >= cat.coverage["medium"] else 0
    return LEVELS[min(by_margin, by_coverage)]


def _flips(answers: Mapping[str, Answer], cat: Catalogue, current: str) -> list[Flip]:
    flips = []
    for trait in cat.traits.values():
        now = answers.get(trait.id)
        now_rule = trait.rule_for(now) if now is not None else None
        for option in trait.choices:  # for integers, the first value of each band
            if now is not None and trait.rule_for(option) == now_rule:
                continue
            changed = score_answers({**answers, trait.id: option}, cat).recommendation
            if changed != current:
                flips.append(Flip(trait.id, option, changed))
    return flips


def warnings_for(answers: Mapping[str, Answer], rec: Recommendation, target: str | None) -> tuple[str, ...]:
    warnings = []
    if answers.get("consistency") == "strong":
        warnings.append(
            "strong consistency across services was asked for, but sagas (orchestrated or "
            "choreographed) are eventually consistent: keep that data in one service or use a "
            "single database transaction [AWS-OR, AZ-SAGA]"
        )
    wants_requests = answers.get("sync_responses") == "high" or answers.get("communication_frequency") == "high"
    if target and "airflow" in target.split("+") and wants_requests:
        warnings.append(
            "Airflow is built for batch-oriented, mostly static workflows, not request-driven "
            "sagas: prefer temporal, step-functions or gcp-workflows here [AIRFLOW]"
        )
    fits = style_of(target) if target else None
    if fits and fits != rec.recommendation:
        warnings.append(f"target {target!r} implements {fits}, but the recommendation is {rec.recommendation}")
    services = answers.get("services")
    if rec.recommendation == "choreography" and isinstance(services, int) and services >= 16:
        warnings.append(
            f"with {services} services an event web gets hard to reason about: keep an event "
            "catalogue and run `advisor lint` for cycles and long chains [SEED]"
        )
    return tuple(warnings)
