"""hidden-orchestrator: under choreography, one service calls 3 or more services synchronously."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "hidden-orchestrator"
SEVERITY = "warning"
SUMMARY = "under choreography, one service (not a gateway) makes synchronous calls to 3 or more services (`min-calls`)"
EXPLANATION = (
    "A service that calls several others in turn and waits for their answers is "
    "orchestrating, whatever the decision says. Under choreography it carries the "
    "orchestrator's coupling and availability risk without its benefits: no declared "
    "owner, no visible state, no compensation. Either make it a real orchestrator "
    "(role: orchestrator, a flow, HA) or let the others react to its events. Gateways "
    "(`role: gateway`) route requests rather than coordinate, and calls to a service whose "
    "flow steps are all queries only read: neither counts."
)
SOURCE = "SEED (orchestration is the synchronous, centralised style); BR-MIX (Ruecker: choreography AND orchestration)"
FIX = (
    "Publish an event the other services consume instead of calling them, or declare the service "
    "`role: orchestrator` with a flow (hybrid); tune `min-calls` in .advisor.yaml."
)
OPTIONS: Mapping[str, int] = {"min-calls": 3}


def _read_only(ctx: Context) -> set[str]:
    """Services that appear in flow steps, and only in query steps: calling them only reads."""
    kinds: dict[str, set[str]] = {}
    for flow in ctx.model.flows.values():
        for step in flow.steps:
            kinds.setdefault(step.service, set()).add(step.effective_kind)
    return {service for service, found in kinds.items() if found == {"query"}}


def check(ctx: Context) -> Iterator[Hit]:
    """Services (not gateways) calling at least `min-calls` others that do more than read, while
    the decision is choreography (or hybrid, for services not declared as orchestrators)."""
    style = ctx.model.decision.style
    if style not in ("choreography", "hybrid"):
        return
    limit = ctx.options.get(ID, OPTIONS)["min-calls"]
    reads = _read_only(ctx)
    hint = (
        "Publish an event the other services consume instead of calling them, declare the service "
        f"`role: orchestrator` with a flow (hybrid), or `role: gateway` if it only routes; `min-calls` is {limit}."
    )
    for name, service in ctx.model.services.items():
        if service.role == "gateway" or (style == "hybrid" and service.role == "orchestrator"):
            continue
        called = sorted(set(service.calls) - {name} - reads)
        if len(called) >= limit:
            yield Hit(
                ("services", name, "calls"),
                f"service {name!r} calls {len(called)} services synchronously "
                f"({', '.join(called[:5])}{', ...' if len(called) > 5 else ''}) although "
                f"the decision is {style}: it is a hidden orchestrator",
                key=True,
                subject=name,
                hint=hint,
            )
