"""What choosing a style means for this system: consequences drawn from its file.

The options' generic pros and cons are listed once, under "Pros and Cons of the Options";
the consequences say what the choice does here, naming the services, flows and events the
file declares, and never claim what the file contradicts. They read the model as lint does,
through the rules' own functions: a step is asked for a compensation only where
`missing-compensation` would ask (never a query, the pivot, or a step retried until done),
a coordinator is a single point of failure only where `orchestrator-spof` says so (never a
managed engine), a choreographed flow lacks a deadline only where `missing-deadline` says
so. Whether events form a cycle is left to lint's `event-cycle`, which knows which reaction
publishes what. Each returns (kind, text, source) with kind Good, Neutral or Bad.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from advisor.adr.markdown import code
from advisor.format.model import MANAGED_TARGETS, Architecture, Flow
from advisor.lint.rules import missing_compensation, missing_deadline, non_retriable_after_pivot, orchestrator_spof

Consequence = tuple[str, str, str]
MAX_NAMED = 4
KINDS = ("Good", "Neutral", "Bad")


def consequences(model: Architecture, style: str) -> list[Consequence]:
    """The consequences of `style` for this model: good, neutral, then bad; most specific first."""
    found: list[Consequence] = []
    if style in ("orchestration", "hybrid"):
        found += list(_orchestration(model, style))
    if style in ("choreography", "hybrid"):
        found += list(_choreography(model, style))
    found += list(_saga([flow for flow in model.flows.values() if flow.steps]))
    return sorted(found, key=lambda item: KINDS.index(item[0]))  # Good, Neutral, Bad; stable within each


def _names(names: list[str], *, shown_as_code: bool = True) -> str:
    shown = [code(name) if shown_as_code else name for name in names[:MAX_NAMED]]
    if len(names) > MAX_NAMED:
        shown.append(f"{len(names) - MAX_NAMED} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _orchestrated(model: Architecture, style: str) -> list[Flow]:
    wanted = ("orchestration",) if style == "hybrid" else ("orchestration", "")
    return [flow for flow in model.flows.values() if flow.steps and flow.style in wanted]


def _choreographed(model: Architecture, style: str) -> list[Flow]:
    """The flows services run by reacting to events under this style (all, under choreography)."""
    if style == "choreography":
        return list(model.flows.values())
    return [flow for flow in model.flows.values() if flow.style == "choreography"]


def _orchestration(model: Architecture, style: str) -> Iterator[Consequence]:
    flows = _orchestrated(model, style)
    coordinators = sorted({f.orchestrator for f in flows if f.orchestrator})
    coordinators = coordinators or [s.name for s in model.services.values() if s.role == "orchestrator"]
    if flows:
        undo = [f for f in flows if any(f.steps[i].compensation for i in missing_compensation.exposed(f))]
        if undo:
            yield (
                "Good",
                f"the compensations of {_names([f.name for f in undo])} run from one place, in reverse order, "
                "when a later step fails",
                "AZ-SAGA",
            )
        yield "Good", f"where each instance of {_names([f.name for f in flows])} stands is visible in one place", "SEED"
    yield from _coordinator_availability(model, coordinators)
    if coordinators:
        yield "Bad", f"changing a flow means changing and redeploying {_names(coordinators)}", "SEED"
    if model.traits.get("throughput") == "high":
        yield "Bad", "at a high peak message rate the coordinator can become the bottleneck", "AZ-CH"


def _steps(flows: list[Flow], found: Callable[[Flow], list[int]]) -> list[str]:
    """`action` in `flow` for the steps a lint rule's function finds."""
    return [f"{code(flow.steps[i].action)} in {code(flow.name)}" for flow in flows for i in found(flow)]


def _saga(flows: list[Flow]) -> Iterator[Consequence]:
    """What the flows' step kinds mean: the pivot and the steps retried after it, and the gaps
    lint reports (`missing-compensation`, `non-retriable-after-pivot`)."""
    for flow in flows:
        pivot = flow.pivot_index()
        if pivot is None:
            continue
        after = [s.action for s in flow.steps[pivot + 1 :] if s.effective_kind == "retriable" and s.critical]
        if after:
            one = len(after) == 1
            yield (
                "Neutral",
                f"once {code(flow.steps[pivot].action)} succeeds, {code(flow.name)} must complete: "
                f"{_names(after)} {'is' if one else 'are'} retried until {'it succeeds' if one else 'they succeed'}, "
                f"never undone, so {'it' if one else 'they'} must be safe to retry",
                "MP2",
            )
    missing = _steps(flows, missing_compensation.uncompensated)
    if missing:
        yield (
            "Bad",
            f"{_names(missing, shown_as_code=False)} cannot be undone yet: there is no compensation to run "
            "when a later step fails",
            "AZ-SAGA",
        )
    stuck = _steps(flows, non_retriable_after_pivot.not_retriable)
    if stuck:
        yield (
            "Bad",
            f"{_names(stuck, shown_as_code=False)} {'comes' if len(stuck) == 1 else 'come'} after the pivot "
            "but cannot be retried until done: if one fails, its flow can neither complete nor be undone",
            "MP2",
        )


def _coordinator_availability(model: Architecture, coordinators: list[str]) -> Iterator[Consequence]:
    """Single point of failure only where lint's `orchestrator-spof` would say so."""
    limit = orchestrator_spof.OPTIONS["min-replicas"]
    declared = [n for n in coordinators if n in model.services]
    managed = [n for n in declared if model.is_managed(n)]
    replicated = [n for n in declared if n not in managed and not orchestrator_spof.single_point(model, n, limit)]
    few = [n for n in declared if model.services[n].replicas is not None and n not in (*managed, *replicated)]
    unsaid = [n for n in declared if model.services[n].replicas is None and n not in managed]
    if managed:
        yield (
            "Neutral",
            f"every step passes through {_names(managed)}, a managed engine its provider runs highly available",
            "AWS-OR",
        )
    if replicated:
        text = f"every step passes through {_names(replicated)}, which runs with {limit} or more replicas"
        yield "Neutral", text, "AWS-OR"
    if few:
        why = f"is declared with fewer than {limit} replicas"
        yield "Bad", f"every step passes through {_names(few)}, which {why}: a single point of failure", "SEED"
    if unsaid and model.traits.get("coordinator_ha") is True:
        yield (
            "Neutral",
            f"every step passes through {_names(unsaid)}, which the answers say runs highly available; "
            f"the file does not declare its replicas, so `orchestrator-spof` asks for {limit}",
            "AWS-OR",
        )
    elif unsaid:
        yield (
            "Bad",
            f"every step passes through {_names(unsaid)}, whose replicas are not declared: "
            f"unless {limit} or more run, it is a single point of failure",
            "SEED",
        )
    if not declared:
        yield _unnamed_coordinator(model)


def _unnamed_coordinator(model: Architecture) -> Consequence:
    """No orchestrator is declared yet: what the answers or the decided target say about it."""
    if model.traits.get("coordinator_ha") is True:
        text = "every step passes through the coordinator, which the answers say runs highly available"
        return "Neutral", text, "AWS-OR"
    engine = model.decision.target.rsplit("+", 1)[-1]
    if engine in MANAGED_TARGETS:
        text = f"every step passes through the coordinator, on {code(engine)}: a managed engine its provider runs"
        return "Neutral", f"{text} highly available", "AWS-OR"
    return "Bad", "every step passes through the coordinator: it needs to run highly available", "SEED"


def _choreography(model: Architecture, style: str) -> Iterator[Consequence]:
    fanned = [name for name in model.events if sum(name in s.consumes for s in model.services.values()) >= 2]
    if fanned:
        yield "Good", f"more consumers of {_names(fanned)} join by subscribing, without changing the publisher", "AZ-CH"
    elif model.events:
        yield "Good", f"new consumers of {_names(list(model.events))} join by subscribing", "AZ-CH"
    yield "Bad", "no service sees a whole flow: where a stuck one stands must be traced through the events", "BR-TAME"
    flows = _choreographed(model, style)
    late = [f.name for f in missing_deadline.without_deadline(model) if f in flows]
    if late:
        yield (
            "Bad",
            f"{_names(late)} {'has' if len(late) == 1 else 'have'} no deadline (`timeout`) yet: "
            "a lost event leaves an instance unfinished and nobody notices",
            "BR-TAME",
        )
    compensating = [f.name for f in flows if any(step.compensation for step in f.steps)]
    # under hybrid, a flow that needs undoing can be given to the coordinator: only choreographed ones count
    needed = style == "choreography" and model.traits.get("compensation") in ("medium", "high")
    if compensating or needed:
        where = f" ({_names(compensating)})" if compensating else ""
        yield "Bad", f"undoing work{where} needs each service to react to failure events itself", "AZ-CH"
