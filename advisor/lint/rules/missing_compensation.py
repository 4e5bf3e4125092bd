"""missing-compensation: an orchestrated step, other than the last, has no compensation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "missing-compensation"
SEVERITY = "warning"
SUMMARY = "an orchestrated flow step, other than the last, has no compensation"
EXPLANATION = (
    "A saga undoes completed steps when a later one fails: every step that can be "
    "followed by a failure needs a compensating action. The last step (the pivot or a "
    "retriable step) needs none. A step without one leaves its effect in place when the "
    "flow aborts: stock stays reserved, a card stays charged."
)
SOURCE = "MSIO (Richardson: Pattern: Saga); AZ-SAGA (Azure Saga pattern)"
FIX = (
    "Add `compensation: <undo action>` to the step, or move it after the pivot (last) step if it cannot fail the flow."
)
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Every non-final step of an orchestrated flow without `compensation`."""
    for flow in ctx.model.flows.values():
        if flow.style != "orchestration" and not (not flow.style and flow.orchestrator):
            continue
        steps = ctx.raw("flows", flow.name, "steps")
        if not isinstance(steps, list):
            continue
        for index, step in enumerate(steps[:-1]):
            if isinstance(step, dict) and not step.get("compensation"):
                action = f"{step.get('service')}.{step.get('action')}"
                yield Hit(
                    ("flows", flow.name, "steps", index),
                    f"step {index + 1} of flow {flow.name!r} ({action}) has no compensation, but later steps can fail",
                    subject=f"{flow.name}:{action}",
                )
