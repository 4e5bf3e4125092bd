"""Traits x rules -> an explained Recommendation, with the answers that would flip it.

Each answered trait gives points to one style. A style's score is the share (0-100)
of the points it could have had from the answered traits. Hybrid scores the mean of
the other two plus a bonus, scaled by how strongly drivers pull both ways
(rules/styles.yaml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from advisor.decision.catalogue import STYLES, Answer, Catalogue, load_catalogue
from advisor.targets import style_of


@dataclass(frozen=True)
class Contribution:
    """What one answer pushed, and why."""

    trait: str
    answer: Answer
    favours: str
    points: float
    reason: str
    source: str


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

    @property
    def margin(self) -> float:
        """Points between the recommended style and the runner-up."""
        ordered = sorted(self.scores.values(), reverse=True)
        return round(ordered[0] - ordered[1], 1)

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of SPEC.md (`score --format json`)."""
        data = asdict(self)
        data["scores"] = dict(self.scores)
        data["margin"] = self.margin
        return data


def score_traits(
    answers: Mapping[str, Answer],
    *,
    target: str | None = None,
    catalogue: Catalogue | None = None,
) -> Recommendation:
    """Score validated answers; same answers, same result."""
    cat = catalogue or load_catalogue()
    base = _score(answers, cat)
    flips = tuple(_flips(answers, cat, base.recommendation))
    return replace(base, flips=flips, warnings=_warnings(answers, base, target))


def _score(answers: Mapping[str, Answer], cat: Catalogue) -> Recommendation:
    earned = {"orchestration": 0.0, "choreography": 0.0}
    possible = {"orchestration": 0.0, "choreography": 0.0}
    contributions = []
    for trait in cat.traits.values():
        if answers.get(trait.id) is None:
            continue
        answer = answers[trait.id]
        rule = trait.rule_for(answer)
        for style in possible:
            possible[style] += max((r.points for r in trait.rules if r.favours == style), default=0.0)
        if rule.favours in earned:
            earned[rule.favours] += rule.points
        contributions.append(Contribution(trait.id, answer, rule.favours, rule.points, rule.reason, rule.source))
    scores = {s: round(100 * earned[s] / possible[s], 1) if possible[s] else 0.0 for s in possible}
    tension, drivers = _tension(answers, cat)
    # Hybrid earns support only as far as strong drivers pull both ways.
    hybrid = tension * ((scores["orchestration"] + scores["choreography"]) / 2 + cat.hybrid_bonus)
    scores["hybrid"] = round(min(100.0, hybrid), 1)
    contributions.sort(key=lambda c: (-c.points, c.trait))
    return Recommendation(
        recommendation=_winner(scores, answers),
        scores={s: scores[s] for s in STYLES},
        confidence=_confidence(scores, cat),
        contributions=tuple(contributions),
        unanswered=tuple(t for t in cat.traits if answers.get(t) is None),
        hybrid_tension=drivers,
        rules_version=cat.rules_version,
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


def _confidence(scores: Mapping[str, float], cat: Catalogue) -> str:
    first, second = sorted(scores.values(), reverse=True)[:2]
    margin = first - second
    if margin >= cat.confidence["high"]:
        return "high"
    return "medium" if margin >= cat.confidence["medium"] else "low"


def _flips(answers: Mapping[str, Answer], cat: Catalogue, current: str) -> list[Flip]:
    flips = []
    for trait in cat.traits.values():
        now = answers.get(trait.id)
        now_rule = trait.rule_for(now) if now is not None else None
        for option in trait.choices:  # for integers, the first value of each band
            if now is not None and trait.rule_for(option) == now_rule:
                continue
            changed = _score({**answers, trait.id: option}, cat).recommendation
            if changed != current:
                flips.append(Flip(trait.id, option, changed))
    return flips


def _warnings(answers: Mapping[str, Answer], rec: Recommendation, target: str | None) -> tuple[str, ...]:
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
