"""What the architecture file says about this system, as sentences for a record's context.

Only what the file declares: its services (and which orchestrate), its flows step by step,
its events with who publishes and consumes them, and where the file's own counts disagree
with the traits the score used. Names are shown as code spans, never as Markdown.
"""

from __future__ import annotations

from advisor.adr.markdown import code
from advisor.format.model import Architecture, Flow

MAX_NAMES = 12
MAX_ITEMS = 6


def model_facts(model: Architecture) -> list[str]:
    """Sentences naming this system's services, flows and events, and count mismatches."""
    facts = []
    if model.services:
        facts.append(_services(model))
    facts += [_flow(flow) for flow in list(model.flows.values())[:MAX_ITEMS] if flow.steps]
    if len([f for f in model.flows.values() if f.steps]) > MAX_ITEMS:
        facts.append(f"... and {len(model.flows) - MAX_ITEMS} more flows.")
    if model.events:
        facts.append(_events(model))
    facts += _mismatches(model)
    return facts


def _names(names: list[str]) -> str:
    shown = [code(name) for name in names[:MAX_NAMES]]
    more = len(names) - MAX_NAMES
    if more > 0:
        shown.append(f"{more} more")
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _services(model: Architecture) -> str:
    count = len(model.services)
    text = f"{count} service{'s' if count != 1 else ''}: {_names(list(model.services))}."
    coordinators = [s for s in model.services.values() if s.role == "orchestrator"]
    for service in coordinators[:MAX_ITEMS]:
        replicas = f", with {service.replicas} replicas" if service.replicas else ", replicas not declared"
        text += f" {code(service.name)} is an orchestrator{replicas}."
    return text


def _flow(flow: Flow) -> str:
    steps = " → ".join(f"{code(step.action)} on {code(step.service)}" for step in flow.steps[:MAX_NAMES])
    if len(flow.steps) > MAX_NAMES:
        steps += f" → {len(flow.steps) - MAX_NAMES} more steps"
    runner = f", run by {code(flow.orchestrator)}" if flow.orchestrator else ""
    undo = [step for step in flow.steps if step.compensation]
    undone = f"; {len(undo)} of its {len(flow.steps)} steps can be undone" if undo else "; no step can be undone"
    return f"Flow {code(flow.name)}{runner}: {steps}{undone}."


def _events(model: Architecture) -> str:
    parts = []
    for name in list(model.events)[:MAX_ITEMS]:
        publishers = [s.name for s in model.services.values() if name in s.publishes]
        consumers = [s.name for s in model.services.values() if name in s.consumes]
        by = f"published by {_names(publishers)}" if publishers else "published by no declared service"
        to = f"consumed by {_names(consumers)}" if consumers else "consumed by none"
        parts.append(f"{code(name)} ({by}, {to})")
    more = len(model.events) - MAX_ITEMS
    tail = f"; and {more} more" if more > 0 else ""
    return f"{len(model.events)} event{'s' if len(model.events) != 1 else ''}: " + "; ".join(parts) + tail + "."


def _taking_part(flow: Flow) -> int:
    """How many services take part in a flow: its steps' services and the orchestrator running them."""
    return len(flow.participants())


def _mismatches(model: Architecture) -> list[str]:
    """Where the traits (which the score uses) disagree with what the file declares."""
    found = []
    declared = len(model.services)
    answered = model.traits.get("services")
    if declared and isinstance(answered, int) and not isinstance(answered, bool) and answered != declared:
        found.append(
            f"The traits say `services: {answered}`, but the file declares {declared} services; "
            "the score uses the trait, so check which is right."
        )
    longest = max((_taking_part(flow) for flow in model.flows.values()), default=0)
    length = model.traits.get("flow_length")
    if longest and isinstance(length, int) and not isinstance(length, bool) and length != longest:
        found.append(
            f"The traits say `flow_length: {length}`, but the longest declared flow involves {longest} "
            "services; the score uses the trait."
        )
    return found
