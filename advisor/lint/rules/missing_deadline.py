"""missing-deadline: a choreographed flow has no deadline (no flow `timeout`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.format.model import Architecture, Flow
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "missing-deadline"
SEVERITY = "warning"
SUMMARY = "a choreographed flow has no deadline (no flow `timeout`; version 2 files)"
EXPLANATION = (
    "In a choreography nobody waits for the flow as a whole: each service reacts and moves "
    "on. When an event is lost or a participant never answers, no one notices; the order "
    "stays pending for ever. A deadline per flow instance (a timer a service sets when the "
    "flow starts and checks when it should have ended) turns the silent gap into a handled "
    "failure: retry, compensate, or tell a person."
)
SOURCE = "BR-TAME (Ruecker: How to tame event-driven microservices); AWS-CH (AWS saga choreography: timeouts)"
FIX = (
    "Add `timeout: <deadline>` to the flow and let one service (usually the one that starts it) "
    "set a timer that checks the outcome, or move the flow to an orchestrator."
)
OPTIONS: Mapping[str, int] = {}


def choreographed(model: Architecture, flow: Flow) -> bool:
    """Declared so, or undeclared with no orchestrator under a choreography decision."""
    if flow.style:
        return flow.style == "choreography"
    return not flow.orchestrator and model.decision.style == "choreography"


def without_deadline(model: Architecture) -> list[Flow]:
    """The flows this rule reports: choreographed, no `timeout`, in a version 2 file (records say the same)."""
    if model.version < 2:
        return []
    return [flow for flow in model.flows.values() if choreographed(model, flow) and not flow.timeout]


def check(ctx: Context) -> Iterator[Hit]:
    """Choreographed flows without a flow `timeout` (version 2: version 1 gave them no meaning)."""
    for flow in without_deadline(ctx.model):
        yield Hit(
            ("flows", flow.name),
            f"choreographed flow {flow.name!r} has no deadline (`timeout`): "
            "a lost event or reply leaves an instance unfinished and nobody notices",
            key=True,
            subject=flow.name,
        )
