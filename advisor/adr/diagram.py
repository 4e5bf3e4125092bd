"""Mermaid diagrams of the chosen coordination, drawn from the model's flows and services.

Orchestration: one sequence diagram per orchestrated flow (compensations in reverse
order). Choreography: a flowchart of services and events. Hybrid: both. A model with
neither flows nor services gets a small generic diagram of the style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor import names
from advisor.adr.markdown import code, visible
from advisor.format.model import Architecture, Flow, Step
from advisor.lint.rules.missing_compensation import exposed


@dataclass(frozen=True)
class Diagram:
    """One Mermaid block: what it shows and its code (first line is the diagram type)."""

    caption: str
    code: str


class _Ids:
    """Mermaid node ids from model names: sanitized, prefixed (no keywords), unique."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.ids: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.ids:
            base = f"{self.prefix}_{names.snake(name)}"
            candidate, count = base, 1
            while candidate in self.ids.values():
                count += 1
                candidate = f"{base}_{count}"
            self.ids[name] = candidate
        return self.ids[name]


def label(text: str) -> str:
    """Text safe inside a Mermaid label or message (no quotes, statement or comment breaks)."""
    return " ".join(re.sub(r"[\"`;#%<>{}|\[\]]+", " ", visible(text)).split()) or "?"


def diagrams(model: Architecture, style: str) -> list[Diagram]:
    """The diagrams for a decision of `style` about `model`."""
    if not model.services and not model.flows:
        return _generic(style)
    found: list[Diagram] = []
    if style in ("choreography", "hybrid"):
        chart = event_flowchart(model)
        if chart:
            found.append(chart)
    if style in ("orchestration", "hybrid"):
        found.extend(sequence_diagram(flow, model) for flow in orchestrated_flows(model, style))
        if not found:
            found.extend(_call_diagrams(model))
    return found or _generic(style)


def orchestrated_flows(model: Architecture, style: str) -> list[Flow]:
    """Flows with steps a coordinator runs (under hybrid, only those marked orchestration)."""
    wanted = ("orchestration",) if style == "hybrid" else ("orchestration", "")
    return [flow for flow in model.flows.values() if flow.steps and flow.style in wanted]


def _coordinator(flow: Flow, model: Architecture) -> str:
    if flow.orchestrator:
        return flow.orchestrator
    owners = [s.name for s in model.services.values() if s.role == "orchestrator"]
    return owners[0] if owners else f"{flow.name} coordinator"


def sequence_diagram(flow: Flow, model: Architecture) -> Diagram:
    """The orchestrator calling each step, then undoing the earlier steps when one fails."""
    ids = _Ids("p")
    coordinator = _coordinator(flow, model)
    head = f"    participant {ids(coordinator)} as {label(coordinator)} (orchestrator)"
    lines = ["sequenceDiagram", head]
    for service in dict.fromkeys(step.service for step in flow.steps if step.service != coordinator):
        lines.append(f"    participant {ids(service)} as {label(service)}")
    timeout = f" (timeout {label(flow.timeout)})" if flow.timeout else ""
    lines.append(f"    Note over {ids(coordinator)}: flow {label(flow.name)}{timeout}")
    for step in flow.steps:
        lines.append(f"    {ids(coordinator)}->>{ids(step.service)}: {label(step.action)}")
        lines.append(f"    {ids(step.service)}-->>{ids(coordinator)}: {label(step.action)} done")
    lines.extend(_compensations(flow, ids, coordinator))
    return Diagram(f"Flow {code(flow.name)}, run by {code(coordinator)}", "\n".join(lines))


def _compensations(flow: Flow, ids: _Ids, coordinator: str) -> list[str]:
    """The compensations a failure runs: of the steps before the pivot (as lint reads a saga)."""
    undo = [flow.steps[i] for i in exposed(flow) if flow.steps[i].compensation]
    if not undo:
        return []
    pivot = flow.pivot_index()
    when = "a later step fails"
    if pivot is not None:
        when = f"{label(flow.steps[pivot].action)} (the pivot) or an earlier step fails"
    lines = [f"    opt {when}: undo the earlier steps in reverse order"]
    for step in reversed(undo):
        message = f"{label(step.compensation)} (undo {label(step.action)})"
        lines.append(f"        {ids(coordinator)}->>{ids(step.service)}: {message}")
    return [*lines, "    end"]


def event_flowchart(model: Architecture) -> Diagram | None:
    """Services, the events they publish and consume, and their synchronous calls."""
    services, events = _Ids("s"), _Ids("e")
    for name in model.services:
        services(name)
    for name in model.events:
        events(name)
    edges = []
    for service in model.services.values():
        edges += [f"    {services(service.name)} -->|publishes| {events(e)}" for e in service.publishes]
        edges += [f"    {events(e)} -->|consumed by| {services(service.name)}" for e in service.consumes]
        edges += [f"    {services(service.name)} -.->|calls| {services(c)}" for c in service.calls]
    if not edges:
        return None
    nodes = [f'    {node}["{label(name)}"]' for name, node in services.ids.items()]
    nodes += [f'    {node}(["{label(name)}"])' for name, node in events.ids.items()]
    code = "\n".join(["flowchart LR", *nodes, *edges])
    return Diagram("Services (boxes) and the events (rounded) between them", code)


def _call_diagrams(model: Architecture) -> list[Diagram]:
    """Without flows: each orchestrator (or caller) and the services it calls."""
    callers = [s for s in model.services.values() if s.role == "orchestrator" and s.calls]
    # a gateway routes requests: it is never drawn as a flow's orchestrator
    callers = callers or [s for s in model.services.values() if s.calls and s.role != "gateway"]
    found = []
    for caller in callers:
        steps = tuple(Step(service, "request") for service in caller.calls)
        flow = Flow(f"calls from {caller.name}", orchestrator=caller.name, steps=steps)
        found.append(sequence_diagram(flow, model))
    return found


def _generic(style: str) -> list[Diagram]:
    """The shape of the style, for a model that has no services or flows yet."""
    found = []
    if style in ("choreography", "hybrid"):
        found.append(
            Diagram(
                "The shape of choreography (the model has no services yet)",
                "\n".join(
                    [
                        "flowchart LR",
                        '    s_producer["Producer service"]',
                        '    e_event(["Event"])',
                        '    s_consumer_a["Consumer A"]',
                        '    s_consumer_b["Consumer B"]',
                        "    s_producer -->|publishes| e_event",
                        "    e_event -->|consumed by| s_consumer_a",
                        "    e_event -->|consumed by| s_consumer_b",
                    ]
                ),
            )
        )
    if style in ("orchestration", "hybrid"):
        steps = (Step("Service A", "step 1", "compensate"), Step("Service B", "step 2"))
        flow = Flow("a business flow", orchestrator="Coordinator", steps=steps)
        shape = sequence_diagram(flow, Architecture())
        found.append(Diagram("The shape of orchestration (the model has no flows yet)", shape.code))
    return found
