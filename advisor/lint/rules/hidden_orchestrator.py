"""hidden-orchestrator: under choreography, one service calls 3 or more services synchronously."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "hidden-orchestrator"
SEVERITY = "warning"
SUMMARY = "under choreography, one service makes synchronous calls to 3 or more services"
EXPLANATION = (
    "A service that calls several others in turn and waits for their answers is "
    "orchestrating, whatever the decision says. Under choreography it carries the "
    "orchestrator's coupling and availability risk without its benefits: no declared "
    "owner, no visible state, no compensation. Either make it a real orchestrator "
    "(role: orchestrator, a flow, HA) or let the others react to its events."
)
SOURCE = "SEED (orchestration is the synchronous, centralised style); BR-MIX (Ruecker: choreography AND orchestration)"
FIX = (
    "Publish an event the other services consume instead of calling them, or declare the service "
    "`role: orchestrator` with a flow (hybrid); tune `min-calls` in .advisor.yaml."
)
OPTIONS: Mapping[str, int] = {"min-calls": 3}


def check(ctx: Context) -> Iterator[Hit]:
    """Services calling at least `min-calls` others while the decision is choreography (or
    hybrid, for services not declared as orchestrators)."""
    style = ctx.model.decision.style
    if style not in ("choreography", "hybrid"):
        return
    limit = ctx.options.get(ID, OPTIONS)["min-calls"]
    for name, service in ctx.model.services.items():
        if style == "hybrid" and service.role == "orchestrator":
            continue
        called = sorted(set(service.calls) - {name})
        if len(called) >= limit:
            yield Hit(
                ("services", name, "calls"),
                f"service {name!r} calls {len(called)} services synchronously "
                f"({', '.join(called[:5])}{', ...' if len(called) > 5 else ''}) although "
                f"the decision is {style}: it is a hidden orchestrator",
                key=True,
                subject=name,
            )
