"""Which answers apply to an event: those of the flows it travels on, else the system's.

An event is on a flow when it is the flow's trigger, or when a participant of the flow
(a step's service or its orchestrator) publishes it in a declared reaction (`reacts`)
to an event already on the flow. A participant that declares no `reacts` does not say
what its events follow from, so nothing beyond it is counted as on the flow.
"""

from __future__ import annotations

from dataclasses import dataclass

from advisor.decision.catalogue import Answer
from advisor.format.loader import NodePath
from advisor.format.model import Flow
from advisor.lint.context import Context


def flow_events(ctx: Context, flow: Flow) -> frozenset[str]:
    """The events on a flow: its trigger and what its participants' reactions publish from it."""
    participants = set(flow.participants())
    found: set[str] = set()
    queue = [flow.trigger] if flow.trigger else []
    while queue:
        event = queue.pop()
        if event in found:
            continue
        found.add(event)
        for use in ctx.consumers.get(event, []):
            service = ctx.model.services[use.service]
            reaction = service.reaction(event) if use.service in participants else None
            queue.extend(reaction.publishes if reaction else ())
    return frozenset(found)


@dataclass(frozen=True)
class Said:
    """An answer and who gave it: a flow (its name, and where) or the system ("")."""

    value: Answer | None
    flow: str = ""
    at: NodePath = ()


def answers_for(ctx: Context, event: str, trait: str) -> list[Said]:
    """The answers to `trait` that apply to `event`: each flow's it is on (its own answer,
    else the system's), or the system's alone when it is on no flow."""
    system = ctx.model.traits.get(trait)
    on: dict[str, frozenset[str]] = ctx.cache.setdefault("flow_events", {})
    said = []
    for flow in ctx.model.flows.values():
        if flow.name not in on:
            on[flow.name] = flow_events(ctx, flow)
        if event in on[flow.name]:
            own = flow.traits.get(trait)
            at: NodePath = ("flows", flow.name, "traits", trait)
            said.append(Said(own, flow.name, at) if own is not None else Said(system))
    return said or [Said(system)]
