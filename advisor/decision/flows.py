"""One recommendation per flow, and a system recommendation that follows the model.

A flow is scored on the system's answers overlaid with its own evidence: what its
steps, kinds, compensations and timeout say (advisor.decision.evidence) and its own
`traits`. A flow gets orchestration or choreography, never hybrid: hybrid is how a
system combines flows. When flows legitimately differ (each backed by its own
evidence, each at least medium confidence), the system recommendation is hybrid: the
flows that need a coordinator are orchestrated inside the context that owns them, the
others are choreographed, and the boundary is the events between them [BR-MIX, AZ-CH].
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from advisor.decision.catalogue import Answer, Catalogue, load_catalogue, show_answer
from advisor.decision.evidence import Derived, consumers_of, contradictions, flow_traits, system_traits
from advisor.decision.scoring import (
    Flip,
    Recommendation,
    confidence,
    coverage,
    score_answers,
    used_answers,
    warnings_for,
)
from advisor.errors import InputError
from advisor.format.model import Architecture, Flow

PURE = ("orchestration", "choreography")
WHY = 3
NOTHING_TO_SCORE = (
    "nothing to score: no trait is answered and the file declares no services or flows to derive "
    "them from; answer the questions with `advisor decide`, or add `traits:` (see `advisor questions`)"
)


@dataclass(frozen=True)
class FlowRecommendation:
    """One flow's style, how sure, and the evidence of its own behind it."""

    flow: str
    recommendation: str
    confidence: str
    scores: Mapping[str, float]
    why: tuple[str, ...]
    evidence: tuple[Derived, ...]
    own: bool  # its own evidence favours its style (not only the system's answers)
    declared: str = ""  # the flow's `style` in the file, if any

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of one entry of `flows`."""
        data: dict[str, Any] = {
            "recommendation": self.recommendation,
            "confidence": self.confidence,
            "scores": dict(self.scores),
            "why": list(self.why),
            "evidence": [d.to_dict() for d in self.evidence],
        }
        if self.declared:
            data["declared"] = self.declared
        return data


@dataclass(frozen=True)
class HybridPlan:
    """Which flows go which way, and where the boundary between them sits."""

    orchestrated: tuple[str, ...]
    choreographed: tuple[str, ...]
    owners: Mapping[str, str]  # orchestrated flow -> the service (context) that runs it
    boundary: tuple[str, ...]  # events between the two sides
    summary: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `hybrid`."""
        return {
            "orchestrated": list(self.orchestrated),
            "choreographed": list(self.choreographed),
            "boundary": list(self.boundary),
            "summary": self.summary,
        }


def flow_evidence(flow: Flow, model: Architecture | None = None) -> dict[str, Derived]:
    """A flow's derived traits, overridden by the answers in its own `traits`."""
    found = flow_traits(flow, model)
    for tid, answer in flow.traits.items():
        found[tid] = Derived(tid, answer, f"answered for flow {flow.name}", ("flows", flow.name, "traits", tid))
    return found


# Traits the model derives from some flow: for another flow they are not evidence.
FLOW_TRAITS = ("flow_length", "compensation", "sequencing", "fan_out", "long_running")


def score_flow(
    flow: Flow, system: Mapping[str, Answer], cat: Catalogue, model: Architecture | None = None
) -> FlowRecommendation:
    """A flow's style from the system's answers overlaid with its own evidence.

    `system` holds the system's answers and its derived traits; the derived flow traits
    come from other flows and are left out here (pass only answered ones for those).
    """
    own = flow_evidence(flow, model)
    answers = {**system, **{tid: d.answer for tid, d in own.items()}}
    rec = score_answers(answers, cat)
    scores = {s: rec.scores[s] for s in PURE}
    preference = {"broker": "choreography", "engine": "orchestration"}.get(str(answers.get("platform")), "")
    style = max(PURE, key=lambda s: (scores[s], s == preference, s == "orchestration"))
    sure = confidence({**scores}, coverage(answers, cat), cat)
    mine = [c for c in rec.contributions if c.trait in own and c.favours == style and c.points > 0]
    why = tuple(f"{c.trait} {show_answer(c.answer)}: {own[c.trait].basis}" for c in mine[:WHY])
    if not why:
        why = ("no evidence of its own decides it; it follows the system's answers",)
    # How many services a flow involves is evidence, but alone it never sets a flow apart;
    # nor does a flow that only reads (it coordinates nothing), unless it has its own answers.
    writes = any(s.effective_kind != "query" for s in flow.steps) or bool(flow.traits)
    decisive = writes and any(c.trait != "flow_length" for c in mine)
    return FlowRecommendation(flow.name, style, sure, scores, why, tuple(own.values()), decisive, flow.style)


def require_evidence(answers: Mapping[str, Answer], derived: Mapping[str, Derived], cat: Catalogue) -> None:
    """InputError when nothing answered or derivable can give a style any point."""
    if coverage({*answers, *derived}, cat) <= 0:
        raise InputError(NOTHING_TO_SCORE)


def score_model(
    model: Architecture,
    answers: Mapping[str, Answer] | None = None,
    *,
    target: str | None = None,
    catalogue: Catalogue | None = None,
) -> Recommendation:
    """The system's recommendation from its answers, the model's derived traits and its flows."""
    cat = catalogue or load_catalogue()
    answered = dict(model.traits if answers is None else answers)
    derived = {tid: d for tid, d in system_traits(model).items() if answered.get(tid) is None}
    require_evidence(answered, derived, cat)
    base = _evaluate(model, answered, derived, cat)
    used = used_answers(base)
    flips = []
    for trait in cat.traits.values():
        now = used.get(trait.id)
        for option in trait.choices:
            if now is not None and trait.rule_for(option) == trait.rule_for(now):
                continue
            changed = _evaluate(model, {**answered, trait.id: option}, derived, cat).recommendation
            if changed != base.recommendation:
                flips.append(Flip(trait.id, option, changed))
    refuted = tuple(
        f"{c.message} (the answer counts; check it: `advisor lint` reports trait-contradicts-model)"
        for c in contradictions(model)
    )
    warnings = warnings_for(used, base, target or model.decision.target) + refuted
    return replace(base, flips=tuple(flips), warnings=warnings)


def rescore(model: Architecture, catalogue: Catalogue | None = None) -> Recommendation | None:
    """What the file's answers and model recommend today; None when there is nothing to score."""
    try:
        return score_model(model, catalogue=catalogue)
    except InputError:
        return None


def _evaluate(
    model: Architecture, answered: Mapping[str, Answer], derived: Mapping[str, Derived], cat: Catalogue
) -> Recommendation:
    base = score_answers(answered, cat, derived)
    system = {c.trait: c.answer for c in base.contributions if c.origin == "answered" or c.trait not in FLOW_TRAITS}
    flows = {
        name: score_flow(flow, system, cat, model) for name, flow in model.flows.items() if flow.steps or flow.traits
    }
    plan = hybrid_plan(model, flows)
    if plan is None:
        return replace(base, flows=flows)
    # Each flow in its own style: hybrid fits as well as each flow's best; a pure style
    # as well as it fits every flow.
    scores = {s: round(sum(f.scores[s] for f in flows.values()) / len(flows), 1) for s in PURE}
    scores["hybrid"] = round(sum(max(f.scores.values()) for f in flows.values()) / len(flows), 1)
    levels = ("low", "medium", "high")
    sure = min((f.confidence for f in flows.values() if legitimate(f)), key=levels.index)
    return replace(
        base,
        recommendation="hybrid",
        scores={s: scores[s] for s in ("orchestration", "choreography", "hybrid")},
        confidence=min(sure, confidence(scores, base.coverage, cat), key=levels.index),
        flows=flows,
        plan=plan,
    )


def legitimate(flow: FlowRecommendation) -> bool:
    """A flow's style counts toward hybrid when its own evidence backs it at medium or high confidence."""
    return flow.own and flow.confidence in ("medium", "high")


def hybrid_plan(model: Architecture, flows: Mapping[str, FlowRecommendation]) -> HybridPlan | None:
    """Which flows go which way when they legitimately differ; None when they do not."""
    sides = {s: tuple(n for n, f in flows.items() if f.recommendation == s and legitimate(f)) for s in PURE}
    if not (sides["orchestration"] and sides["choreography"]):
        return None
    orchestrated = tuple(n for n, f in flows.items() if f.recommendation == "orchestration")
    choreographed = tuple(n for n, f in flows.items() if f.recommendation == "choreography")
    owners = {n: _owner(model.flows[n]) for n in orchestrated}
    boundary = _boundary(model, orchestrated, choreographed)
    inside = ", ".join(f"{n} (inside {owners[n]})" if owners[n] else n for n in orchestrated)
    where = (
        f"the boundary is the events {', '.join(boundary)}"
        if len(boundary) > 1
        else f"the boundary is the event {boundary[0]}"
        if boundary
        else "no event in the file connects the two sides yet: the boundary is the event the orchestrated "
        "flow publishes when it completes (declare it)"
    )
    summary = f"orchestrate {inside}; choreograph {', '.join(choreographed)} through events; {where}"
    return HybridPlan(orchestrated, choreographed, owners, boundary, summary)


def _owner(flow: Flow) -> str:
    """The service that runs a flow: its orchestrator, else its first step's service."""
    return flow.orchestrator or (flow.steps[0].service if flow.steps else "")


def _boundary(model: Architecture, orchestrated: tuple[str, ...], choreographed: tuple[str, ...]) -> tuple[str, ...]:
    """Events published on the orchestrated side and consumed (or starting flows) on the other."""
    inside = {_owner(model.flows[n]) for n in orchestrated}
    inside |= {s.service for n in orchestrated for s in model.flows[n].steps}
    outside = {s.service for n in choreographed for s in model.flows[n].steps}
    triggers = {model.flows[n].trigger for n in choreographed if model.flows[n].trigger}
    consumers = consumers_of(model)
    found = []
    for service in model.services.values():
        if service.name not in inside:
            continue
        for event in service.publishes:
            if event in triggers or set(consumers.get(event, ())) & (outside - inside):
                found.append(event)
    return tuple(dict.fromkeys([*found, *sorted(triggers - set(found))]))
