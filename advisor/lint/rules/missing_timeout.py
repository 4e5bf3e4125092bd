"""missing-timeout: an orchestrated flow waits without a timeout."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "missing-timeout"
SEVERITY = "warning"
SUMMARY = "an orchestrated flow has no timeout"
EXPLANATION = (
    "A flow instance that waits for a reply, a timer or a person can wait for ever when "
    "the other side is lost. Without a timeout nobody notices the stuck instance, and "
    "nothing triggers its compensation. A timeout turns a silent hang into a visible, "
    "handled failure."
)
SOURCE = "BR-TAME (Ruecker: How to tame event-driven microservices); AWS-CH (AWS saga choreography: timeouts)"
FIX = "Add `timeout: 15m` (or the business deadline) to the flow, or a `timeout` to each of its steps."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Orchestrated flows with no flow timeout and some step without one."""
    for flow in ctx.model.flows.values():
        orchestrated = flow.style == "orchestration" or (not flow.style and bool(flow.orchestrator))
        if not orchestrated or flow.timeout:
            continue
        if flow.steps and all(step.timeout for step in flow.steps):
            continue
        yield Hit(
            ("flows", flow.name),
            f"flow {flow.name!r} has no timeout: a lost reply leaves the instance waiting for ever",
            key=True,
            subject=flow.name,
        )
