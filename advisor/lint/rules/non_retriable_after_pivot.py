"""non-retriable-after-pivot: a step after the flow's pivot is not declared retriable."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.format.model import Flow
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "non-retriable-after-pivot"
SEVERITY = "warning"
SUMMARY = "a step after the flow's pivot is neither retriable, a query, nor best effort"
EXPLANATION = (
    "Once the pivot step succeeds a saga must complete: nothing before it will be undone. "
    "Every critical step after the pivot must therefore be retriable, retried until it "
    "succeeds (idempotent, with no business reason to fail). A step there that can fail for "
    "good leaves the flow half done with no way back: the card is charged and nothing ships."
)
SOURCE = "MP2 (saga step kinds: compensatable, pivot, retriable); MSIO (Richardson: Pattern: Saga)"
FIX = (
    "Make the step safe to retry and say `kind: retriable`, move it before the pivot with a "
    "`compensation`, or mark it `critical: false` if the flow may succeed without it."
)
OPTIONS: Mapping[str, int] = {}


def not_retriable(flow: Flow) -> list[int]:
    """Indexes of the critical steps after the flow's declared pivot that are neither retriable
    nor queries: what this rule reports, for records to say the same (a second pivot is
    contradictory-step-kind's to report)."""
    pivot = flow.pivot_index()
    if pivot is None:
        return []
    return [
        index
        for index in range(pivot + 1, len(flow.steps))
        if flow.steps[index].critical and flow.steps[index].effective_kind not in ("retriable", "query", "pivot")
    ]


def check(ctx: Context) -> Iterator[Hit]:
    """Critical steps (of any flow) after a declared pivot whose kind is not retriable or query."""
    for flow in ctx.model.flows.values():
        pivot = flow.pivot_index()
        if pivot is None:
            continue
        raw = ctx.raw("flows", flow.name, "steps")
        if not isinstance(raw, list) or len(raw) != len(flow.steps):
            continue
        for index in range(pivot + 1, len(flow.steps)):
            step = flow.steps[index]
            kind = step.effective_kind
            if not step.critical or kind in ("retriable", "query", "pivot"):
                continue  # a second pivot is contradictory-step-kind's to report
            action = f"{step.service}.{step.action}"
            said = f"is {kind}" if kind else "declares no kind"
            yield Hit(
                ("flows", flow.name, "steps", index),
                f"step {index + 1} of flow {flow.name!r} ({action}) comes after the pivot "
                f"({flow.steps[pivot].service}.{flow.steps[pivot].action}) but {said}: "
                "if it fails, the flow can neither complete nor be undone",
                subject=f"{flow.name}:{action}",
            )
