"""What the architecture file says about this system, as sentences for a record's context.

Only what the file declares, read as lint reads it: its services (which orchestrate, on a
managed engine or with how many replicas; which are gateways), its flows step by step with
what each step is in the saga (undone, the pivot, retried until done, only read), its
events with who publishes and consumes them, and where the file's own counts disagree
with the traits the score used. What the file does not say is left unsaid. Names are
shown as code spans, never as Markdown.
"""

from __future__ import annotations

from advisor.adr.markdown import code
from advisor.format.model import Architecture, Flow, Step
from advisor.lint.context import orchestrator_names

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
    for name in orchestrator_names(model)[:MAX_ITEMS]:  # as lint counts them: by role, or named by a flow
        text += f" {code(name)} {_orchestrator(model, name)}."
    gateways = [s.name for s in model.services.values() if s.role == "gateway"]
    if gateways:
        one = len(gateways) == 1
        text += (
            f" {_names(gateways)} {'is a gateway' if one else 'are gateways'}: "
            f"{'its' if one else 'their'} calls route requests rather than coordinate a flow."
        )
    return text


def _orchestrator(model: Architecture, name: str) -> str:
    """What the file says about an orchestrator's availability (lint's `orchestrator-spof` reads the same)."""
    service = model.services[name]
    if service.managed:
        return "is an orchestrator on a managed engine, which its provider runs highly available"
    if model.is_managed(name):
        engine = model.decision.target.rsplit("+", 1)[-1]
        return f"is an orchestrator on {code(engine)}, a managed engine its provider runs highly available"
    if service.replicas is not None:
        return f"is an orchestrator, with {service.replicas} replica{'s' if service.replicas != 1 else ''}"
    return "is an orchestrator, replicas not declared"


def _flow(flow: Flow) -> str:
    steps = " → ".join(f"{code(step.action)} on {code(step.service)}" for step in flow.steps[:MAX_NAMES])
    if len(flow.steps) > MAX_NAMES:
        steps += f" → {len(flow.steps) - MAX_NAMES} more steps"
    runner = f", run by {code(flow.orchestrator)}" if flow.orchestrator else ""
    runner += ", choreographed" if flow.style == "choreography" else ""
    return f"Flow {code(flow.name)}{runner}: {steps}; {'; '.join(_step_kinds(flow))}."


def _actions(steps: list[Step]) -> str:
    return _names(list(dict.fromkeys(step.action for step in steps)))


def _step_kinds(flow: Flow) -> list[str]:
    """What the steps are in the saga, from their compensations and (version 2) kinds; a step
    whose kind is neither declared nor implied is only counted among those that cannot be undone."""
    said = []
    undo = [step for step in flow.steps if step.compensation]
    pivot = flow.pivot_index()
    retried = [step for step in flow.steps if step.effective_kind == "retriable" and step.critical]
    reads = [step for step in flow.steps if step.effective_kind == "query"]
    optional = [step for step in flow.steps if not step.critical]
    settled = {id(step) for step in (*undo, *retried, *reads, *optional)}
    if pivot is not None:
        settled.add(id(flow.steps[pivot]))
    if undo:
        said.append(f"{len(undo)} of its {len(flow.steps)} steps can be undone")
    elif len(settled) < len(flow.steps):
        said.append("no step can be undone")
    if pivot is not None:
        said.append(f"{code(flow.steps[pivot].action)} is its pivot: once it succeeds, the flow must complete")
    if retried:
        they = "it succeeds" if len(retried) == 1 else "they succeed"
        said.append(f"{_actions(retried)} {'is' if len(retried) == 1 else 'are'} retried until {they}, never undone")
    if reads:
        said.append(f"{_actions(reads)} only read{'s' if len(reads) == 1 else ''}: nothing to undo")
    if optional:
        said.append(f"{_actions(optional)} {'is' if len(optional) == 1 else 'are'} best effort")
    return said


def _events(model: Architecture) -> str:
    parts = []
    for name, event in list(model.events.items())[:MAX_ITEMS]:
        publishers = [s.name for s in model.services.values() if name in s.publishes]
        consumers = [s.name for s in model.services.values() if name in s.consumes]
        kind = f"a {event.kind}, " if event.kind else ""
        by = f"published by {_names(publishers)}" if publishers else "published by no declared service"
        to = f"consumed by {_names(consumers)}" if consumers else "consumed by none"
        parts.append(f"{code(name)} ({kind}{by}, {to})")
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
