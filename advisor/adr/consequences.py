"""What choosing a style means for this system: consequences drawn from its file.

The options' generic pros and cons are listed once, under "Pros and Cons of the Options";
the consequences say what the choice does here, naming the services, flows and events the
file declares, and never claim what the file contradicts (a highly available coordinator
is not called a single point of failure). Whether events form a cycle is left to lint's
`event-cycle`, which knows which reaction publishes what. Each returns (kind, text,
source) with kind Good, Neutral or Bad.
"""

from __future__ import annotations

from collections.abc import Iterator

from advisor.adr.markdown import code
from advisor.format.model import Architecture, Flow

Consequence = tuple[str, str, str]
MAX_NAMED = 4


def consequences(model: Architecture, style: str) -> list[Consequence]:
    """The consequences of `style` for this model, most specific first."""
    found: list[Consequence] = []
    if style in ("orchestration", "hybrid"):
        found += list(_orchestration(model, style))
    if style in ("choreography", "hybrid"):
        found += list(_choreography(model))
    return found


def _names(names: list[str], *, shown_as_code: bool = True) -> str:
    shown = [code(name) if shown_as_code else name for name in names[:MAX_NAMED]]
    if len(names) > MAX_NAMED:
        shown.append(f"{len(names) - MAX_NAMED} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _orchestrated(model: Architecture, style: str) -> list[Flow]:
    wanted = ("orchestration",) if style == "hybrid" else ("orchestration", "")
    return [flow for flow in model.flows.values() if flow.steps and flow.style in wanted]


def _orchestration(model: Architecture, style: str) -> Iterator[Consequence]:
    flows = _orchestrated(model, style)
    coordinators = sorted({f.orchestrator for f in flows if f.orchestrator})
    coordinators = coordinators or [s.name for s in model.services.values() if s.role == "orchestrator"]
    if flows:
        undo = [f for f in flows if any(step.compensation for step in f.steps[:-1])]
        if undo:
            names = _names([f.name for f in undo])
            yield (
                "Good",
                f"the compensations of {names} run from one place, in reverse order, when a later step fails",
                "AZ-SAGA",
            )
        yield "Good", f"where each instance of {_names([f.name for f in flows])} stands is visible in one place", "SEED"
        missing = [
            f"{code(step.action)} in {code(f.name)}" for f in flows for step in f.steps[:-1] if not step.compensation
        ]
        if missing:
            yield (
                "Bad",
                f"{_names(missing, shown_as_code=False)} cannot be undone yet: "
                "the coordinator has no compensation to run",
                "AZ-SAGA",
            )
    yield from _coordinator_availability(model, coordinators)
    if coordinators:
        yield "Bad", f"changing a flow means changing and redeploying {_names(coordinators)}", "SEED"
    if model.traits.get("throughput") == "high":
        yield "Bad", "at a high peak message rate the coordinator can become the bottleneck", "AZ-CH"


def _coordinator_availability(model: Architecture, coordinators: list[str]) -> Iterator[Consequence]:
    """Single point of failure only where the file does not say the coordinator is highly available."""
    if model.traits.get("coordinator_ha") is True:
        who = _names(coordinators) if coordinators else "the coordinator"
        yield "Neutral", f"every step passes through {who}, which the answers say runs highly available", "AWS-OR"
        return
    replicated = [n for n in coordinators if (model.services.get(n) and (model.services[n].replicas or 0) >= 2)]
    single = [n for n in coordinators if n not in replicated]
    if replicated and not single:
        yield "Neutral", f"every step passes through {_names(replicated)}, which runs with 2 or more replicas", "AWS-OR"
    elif single:
        why = "is declared with fewer than 2 replicas"
        yield "Bad", f"every step passes through {_names(single)}, which {why}: a single point of failure", "SEED"
    else:
        yield "Bad", "every step passes through the coordinator: it needs to run highly available", "SEED"


def _choreography(model: Architecture) -> Iterator[Consequence]:
    fanned = [name for name in model.events if sum(name in s.consumes for s in model.services.values()) >= 2]
    if fanned:
        yield "Good", f"more consumers of {_names(fanned)} join by subscribing, without changing the publisher", "AZ-CH"
    elif model.events:
        yield "Good", f"new consumers of {_names(list(model.events))} join by subscribing", "AZ-CH"
    yield "Bad", "no service sees a whole flow: where a stuck one stands must be traced through the events", "BR-TAME"
    compensating = [f.name for f in model.flows.values() if any(step.compensation for step in f.steps)]
    if compensating or model.traits.get("compensation") in ("medium", "high"):
        where = f" ({_names(compensating)})" if compensating else ""
        yield "Bad", f"undoing work{where} needs each service to react to failure events itself", "AZ-CH"

