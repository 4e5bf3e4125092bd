"""missing-compensation: a step before the flow's pivot writes but has no compensation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.format.model import Flow, Step
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "missing-compensation"
SEVERITY = "warning"
SUMMARY = "a step before the flow's pivot that writes (not a query) has no compensation"
EXPLANATION = (
    "A saga undoes completed steps when a later one fails: every step that writes and can "
    "be followed by a failure needs a compensating action. Queries only read and need none; "
    "the pivot (the go/no-go step, by default the last one that can fail) and the retriable "
    "steps after it are never undone; a best-effort step (`critical: false`) cannot fail "
    "the flow and is not asked for one. A step without one leaves its effect in place when the flow aborts: stock "
    "stays reserved, a card stays charged."
)
SOURCE = "MSIO (Richardson: Pattern: Saga); MP2 (saga step kinds); AZ-SAGA (Azure Saga pattern)"
FIX = (
    "Add `compensation: <undo action>` to the step; if it only reads, say `kind: query`; if it cannot "
    "fail the flow, move it after the pivot (`kind: retriable`) or mark it `critical: false`."
)
OPTIONS: Mapping[str, int] = {}


def checked(flow: Flow) -> bool:
    """Orchestrated flows (declared, or implied by naming an orchestrator), and any flow
    that declares its pivot (the saga taxonomy applies to choreographed sagas too)."""
    return (
        flow.style == "orchestration"
        or (not flow.style and bool(flow.orchestrator))
        or flow.pivot_index() is not None
    )


def _can_fail(step: Step) -> bool:
    """Whether a step's failure fails the flow (retriable steps are retried until they succeed)."""
    return step.critical and step.effective_kind != "retriable"


def exposed(flow: Flow) -> list[int]:
    """Indexes of the steps that a later failure would leave in place: before the declared
    pivot, else before the last step that can fail the flow."""
    pivot = flow.pivot_index()
    if pivot is None:
        failing = [i for i, step in enumerate(flow.steps) if _can_fail(step)]
        pivot = failing[-1] if failing else 0
    return list(range(pivot))


def uncompensated(flow: Flow) -> list[int]:
    """Indexes of the steps this rule reports in a flow it checks: critical writing steps that a
    later failure would leave in place, without a compensation (records say the same)."""
    if not checked(flow):
        return []
    return [
        index
        for index in exposed(flow)
        if not flow.steps[index].compensation
        and flow.steps[index].critical
        and flow.steps[index].effective_kind not in ("query", "pivot")
    ]


def check(ctx: Context) -> Iterator[Hit]:
    """Writing steps before the pivot (orchestrated flows, or any with a pivot) without compensation."""
    for flow in ctx.model.flows.values():
        if len(flow.steps) != len(ctx.raw("flows", flow.name, "steps") or ()):
            continue
        for index in uncompensated(flow):
            step = flow.steps[index]
            action = f"{step.service}.{step.action}"
            yield Hit(
                ("flows", flow.name, "steps", index),
                f"step {index + 1} of flow {flow.name!r} ({action}) has no compensation, but later steps can fail",
                subject=f"{flow.name}:{action}",
            )
