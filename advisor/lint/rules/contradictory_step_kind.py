"""contradictory-step-kind: a step's declared kind contradicts its flow or its compensation."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.format.model import Flow, Step
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "contradictory-step-kind"
SEVERITY = "warning"
SUMMARY = "a flow declares more than one pivot, or a pivot, query or post-pivot retriable step has a compensation"
EXPLANATION = (
    "A saga has one pivot: the go/no-go step after which it must complete, so the steps "
    "before it are the ones undone and the steps after it the ones retried. A second pivot "
    "leaves it unsaid which steps are which. A compensation contradicts a kind that is never "
    "undone: a pivot cannot be undone by definition (once it succeeds the flow goes forward; "
    "if it fails it has done nothing to undo), a query only reads so there is nothing to "
    "undo, and a retriable step after the pivot is retried until it succeeds, never undone. "
    "Either the kind or the compensation is wrong, and the rules that read kinds cannot tell which."
)
SOURCE = "MP2 (saga step kinds: compensatable, pivot, retriable); MSIO (Richardson: Pattern: Saga)"
FIX = (
    "Keep one `kind: pivot` per flow (the step after which the flow must complete; steps before "
    "it are compensatable, steps after it retriable); drop a compensation that can never run, or "
    "change the step's kind to `compensatable` if it really can be undone."
)
OPTIONS: Mapping[str, int] = {}

_NEVER_UNDONE = {
    "pivot": "a pivot cannot be undone: once it succeeds the flow must complete",
    "query": "a query only reads, so there is nothing to undo",
    "retriable": "a retriable step after the pivot is retried until it succeeds, never undone",
}


def _named(flow: Flow, index: int) -> str:
    step = flow.steps[index]
    return f"step {index + 1} of flow {flow.name!r} ({step.service}.{step.action})"


def _compensation_contradicts(flow: Flow, index: int, step: Step) -> bool:
    """A compensation on a step that is never undone (a retriable step only after the pivot)."""
    if not step.compensation or step.kind not in _NEVER_UNDONE:
        return False
    pivot = flow.pivot_index()
    return step.kind != "retriable" or (pivot is not None and index > pivot)


def _hits(flow: Flow) -> Iterator[Hit]:
    pivot = flow.pivot_index()
    for index, step in enumerate(flow.steps):
        at = ("flows", flow.name, "steps", index)
        subject = f"{flow.name}:{step.service}.{step.action}"
        if step.kind == "pivot" and pivot is not None and index > pivot:
            yield Hit(
                (*at, "kind"),
                f"{_named(flow, index)} is a second pivot (the first is step {pivot + 1}, "
                f"{flow.steps[pivot].service}.{flow.steps[pivot].action}): "
                "a saga has one point after which it must complete",
                key=True,
                subject=f"{subject}:pivot",
            )
        if _compensation_contradicts(flow, index, step):
            yield Hit(
                (*at, "compensation"),
                f"{_named(flow, index)} is {step.kind} but declares compensation "
                f"{step.compensation!r}: {_NEVER_UNDONE[step.kind]}",
                key=True,
                subject=f"{subject}:compensation",
            )


def check(ctx: Context) -> Iterator[Hit]:
    """Second pivots, and compensations on steps whose declared kind is never undone."""
    for flow in ctx.model.flows.values():
        raw = ctx.raw("flows", flow.name, "steps")
        if isinstance(raw, list) and len(raw) == len(flow.steps):
            yield from _hits(flow)
