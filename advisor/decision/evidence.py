"""Traits the architecture file's model already says: derived, with where from.

A derived trait fills in for an unanswered one and is always reported as derived,
never as answered. Each derivation says only what the model declares: where the file
is silent (a writing step without a kind or a compensation, a flow without a timeout),
nothing is derived.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from advisor.decision.catalogue import Answer, show_answer
from advisor.format.durations import duration_seconds
from advisor.format.loader import NodePath
from advisor.format.model import Architecture, Flow, Step
from advisor.targets import style_of

HOUR, DAY = 3600.0, 86400.0
# Writing steps before a pivot that each need an undo: two or more is a saga to drive.
COMPENSATIONS_HIGH = 2
# Consumers of one event: three or more independent reactions is a fan-out.
FAN_OUT_HIGH, FAN_OUT_MEDIUM = 3, 2
LEVEL_RANK = {"low": 0, "medium": 1, "high": 2}


@dataclass(frozen=True)
class Derived:
    """A trait's value read from the model, with the reason and the node it rests on."""

    trait: str
    answer: Answer
    basis: str
    at: NodePath = ()

    def to_dict(self) -> dict[str, object]:
        """The JSON shape: trait, answer, from."""
        return {"trait": self.trait, "answer": self.answer, "from": self.basis}


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'s' if count != 1 else ''}"


def longest_wait(flow: Flow) -> float | None:
    """The longest timeout a flow or one of its steps declares, in seconds."""
    waits = [duration_seconds(t) for t in (flow.timeout, *(s.timeout for s in flow.steps))]
    known = [w for w in waits if w]
    return max(known) if known else None


def wait_level(seconds: float) -> str:
    """A wait of a day or more is long-running; of an hour or more, somewhat."""
    return "high" if seconds >= DAY else "medium" if seconds >= HOUR else "low"


def flow_traits(flow: Flow, model: Architecture | None = None) -> dict[str, Derived]:
    """What one flow's steps, kinds, compensations and timeout say about it (and, given the
    model, what its services declare they do on the flow's trigger)."""
    at: NodePath = ("flows", flow.name)
    derived: dict[str, Derived] = {}
    steps = flow.steps
    if not steps:
        return derived
    names = flow.participants()
    derived["flow_length"] = Derived(
        "flow_length", len(names), f"flow {flow.name} involves {_plural(len(names), 'service')}", at
    )
    kinds = [s.effective_kind for s in steps]
    undo = kinds.count("compensatable")
    pivot = "pivot" in kinds
    independent = [
        s
        for s, k in zip(steps, kinds, strict=True)
        if not s.critical or k in ("retriable", "query") or _leaf_reaction(s, flow, model)
    ]
    if undo:
        level = "high" if undo >= COMPENSATIONS_HIGH else "medium"
        derived["compensation"] = Derived(
            "compensation", level, f"flow {flow.name} has {_plural(undo, 'compensating step')}", at
        )
    elif all(kinds) or len(independent) == len(steps):
        derived["compensation"] = Derived(
            "compensation", "low", f"no step of flow {flow.name} needs an undo (its steps declare their kinds)", at
        )
    if undo or pivot:
        what = "a pivot step" if pivot else "compensations undone in reverse order"
        derived["sequencing"] = Derived("sequencing", "high", f"flow {flow.name} has {what}: its order matters", at)
        if all(s.critical for s in steps):
            derived["fan_out"] = Derived(
                "fan_out", "low", f"every step of flow {flow.name} is part of its sequence", at
            )
    elif len(independent) == len(steps) and (len(steps) >= FAN_OUT_MEDIUM or _reacts_alone(flow)):
        # Independent steps, or a lone reaction to another context's event: fire-and-forget work.
        derived["sequencing"] = Derived(
            "sequencing", "low", f"the steps of flow {flow.name} are independent (best-effort or retried)", at
        )
        level = "high" if len(steps) >= FAN_OUT_HIGH or not any(s.critical for s in steps) else "medium"
        start = f"reacts to {flow.trigger} with" if flow.trigger else "is"
        derived["fan_out"] = Derived(
            "fan_out", level, f"flow {flow.name} {start} {_plural(len(steps), 'independent reaction')}", at
        )
    wait = longest_wait(flow)
    if wait:
        derived["long_running"] = Derived(
            "long_running", wait_level(wait), f"flow {flow.name} waits up to {_duration(wait)}", at
        )
    return derived


def _leaf_reaction(step: Step, flow: Flow, model: Architecture | None) -> bool:
    """The step's service declares that handling the flow's trigger publishes and calls nothing."""
    if model is None or not flow.trigger or flow.orchestrator:
        return False
    service = model.services.get(step.service)
    if service is None or flow.trigger not in service.consumes:
        return False
    reaction = service.reaction(flow.trigger)
    return reaction is not None and not reaction.publishes and not reaction.calls


def _reacts_alone(flow: Flow) -> bool:
    """A flow an event starts, with no orchestrator: a reaction, not a coordinated sequence."""
    return bool(flow.trigger) and not flow.orchestrator


def _duration(seconds: float) -> str:
    for unit, size in (("day", DAY), ("hour", HOUR), ("minute", 60.0)):
        if seconds >= size:
            return _plural(round(seconds / size), unit)
    return _plural(round(seconds), "second")


def _strongest(items: Iterable[Derived]) -> Derived | None:
    """The derivation with the highest level (or number), first in file order on ties."""
    best: Derived | None = None
    for item in items:
        value = LEVEL_RANK.get(str(item.answer), item.answer)
        current = None if best is None else LEVEL_RANK.get(str(best.answer), best.answer)
        if current is None or (isinstance(value, int) and isinstance(current, int) and value > current):
            best = item
    return best


def system_traits(model: Architecture) -> dict[str, Derived]:
    """What the whole model says: services, flows (the strongest of each), fan-out, what it runs."""
    derived: dict[str, Derived] = {}
    if model.services:
        count = len(model.services)
        derived["services"] = Derived(
            "services", count, f"the file declares {_plural(count, 'service')}", ("services",)
        )
    per_flow = [flow_traits(flow, model) for flow in model.flows.values()]
    for tid in ("flow_length", "compensation", "long_running"):
        best = _strongest(found[tid] for found in per_flow if tid in found)
        if best is not None:
            derived[tid] = best
    fan = _fan_out(model)
    if fan is not None:
        derived["fan_out"] = fan
    platform = _platform(model)
    if platform is not None:
        derived["platform"] = platform
    ha = _coordinator_ha(model)
    if ha is not None:
        derived["coordinator_ha"] = ha
    return derived


def consumers_of(model: Architecture) -> dict[str, list[str]]:
    """Event -> the services that consume it."""
    found: dict[str, list[str]] = {}
    for service in model.services.values():
        for event in service.consumes:
            found.setdefault(event, []).append(service.name)
    return found


def _fan_out(model: Architecture) -> Derived | None:
    consumers = consumers_of(model)
    if not consumers:
        return None
    event, names = max(consumers.items(), key=lambda item: len(item[1]))
    count = len(names)
    level = "high" if count >= FAN_OUT_HIGH else "medium" if count >= FAN_OUT_MEDIUM else "low"
    basis = f"{event} has {_plural(count, 'consumer')}" + ("" if count > 1 else ", the most of any event")
    return Derived("fan_out", level, basis, ("events", event) if event in model.events else ("services",))


def _platform(model: Architecture) -> Derived | None:
    broker = [s.name for s in model.services.values() if s.publishes or s.consumes]
    engine = [s.name for s in model.services.values() if s.role == "orchestrator"]
    target = model.decision.target
    parts = target.split("+") if target else []
    broker_target = [p for p in parts if style_of(p) == "choreography"]
    engine_target = [p for p in parts if style_of(p) == "orchestration"]
    has_broker, has_engine = bool(broker or broker_target), bool(engine or engine_target)
    if not (has_broker or has_engine):
        return None
    said = []
    if broker_target or engine_target:
        said.append(f"decision.target is {target}")
    if broker:
        said.append(f"the model's services use a broker ({broker[0]} publishes or consumes events)")
    if engine:
        said.append(f"it has an orchestrator ({engine[0]})")
    answer = "both" if has_broker and has_engine else "broker" if has_broker else "engine"
    return Derived("platform", answer, "; ".join(said), ("decision", "target") if parts else ("services",))


def _coordinator_ha(model: Architecture) -> Derived | None:
    orchestrators = [s for s in model.services.values() if s.role == "orchestrator"]
    if not orchestrators:
        return None
    for service in orchestrators:
        if model.is_managed(service.name):
            return Derived("coordinator_ha", True, f"{service.name} is a managed engine", ("services", service.name))
        if service.replicas is not None and service.replicas >= 2:
            basis = f"{service.name} runs {service.replicas} replicas"
            return Derived("coordinator_ha", True, basis, ("services", service.name))
    return None


def contradicts(answer: Answer, derived: Derived) -> bool:
    """True when an answer is below what the model proves.

    Only that direction is proof: declared compensating steps prove there is work to undo,
    a declared pivot proves an order, three consumers of one event prove a fan-out, and
    the file may not model every flow or service. The other direction rests on what the
    file leaves out (a step after the pivot may still need a refund in practice), so it is
    never reported. Levels contradict only at opposite ends (low against high): the
    evidence is coarse. A managed or replicated coordinator is highly available whatever
    the answer says.
    """
    if derived.trait in ("services", "flow_length"):
        return isinstance(answer, int) and isinstance(derived.answer, int) and answer < derived.answer
    if derived.trait == "coordinator_ha":
        return answer is False and derived.answer is True
    if derived.trait in ("platform", "long_running"):
        # What a team runs today may differ from what the model designs; a timeout is the
        # longest a flow may wait, not proof that it does.
        return False
    said, shown = LEVEL_RANK.get(str(answer)), LEVEL_RANK.get(str(derived.answer))
    return said is not None and shown is not None and shown - said == 2


@dataclass(frozen=True)
class Contradiction:
    """An answer the model refutes: where it is, what it says, and what the model says."""

    at: NodePath
    answer: Answer
    message: str
    evidence: Derived | None = None


def contradictions(model: Architecture) -> list[Contradiction]:
    """Answers below what the model proves: the system's, and each flow's own against its steps."""
    found = []
    derived = system_traits(model)
    for tid, answer in model.traits.items():
        if tid in derived and contradicts(answer, derived[tid]):
            found.append(_contradiction(("traits", tid), answer, derived[tid]))
    services = model.traits.get("services", len(model.services) or None)
    length = model.traits.get("flow_length")
    if isinstance(services, int) and isinstance(length, int) and length > services:
        counted = "answered" if "services" in model.traits else "declared"
        found.append(
            Contradiction(
                ("traits", "flow_length"),
                length,
                f"traits.flow_length is {length}, but only {services} services are {counted}: "
                "one flow cannot involve more services than the system has",
            )
        )
    for flow in model.flows.values():
        own = flow_traits(flow, model)
        for tid, answer in flow.traits.items():
            if tid in own and contradicts(answer, own[tid]):
                found.append(_contradiction(("flows", flow.name, "traits", tid), answer, own[tid]))
    return found


def _contradiction(at: NodePath, answer: Answer, derived: Derived) -> Contradiction:
    shown = ".".join(map(str, at))
    return Contradiction(
        at,
        answer,
        f"{shown} is {show_answer(answer)}, but the model says {show_answer(derived.answer)}: {derived.basis}",
        derived,
    )


def merged(answered: Mapping[str, Answer], derived: Mapping[str, Derived]) -> dict[str, Answer]:
    """The answers, with derived values for the traits not answered."""
    return {**{tid: d.answer for tid, d in derived.items()}, **answered}
