"""The `temporal` target: a saga workflow per flow, activities, workers, a starter, tests."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor import names
from advisor.scaffold._saga import (
    Namer,
    Operation,
    OperationNamer,
    SagaFlow,
    SagaStep,
    adr_sentence,
    duration_text,
    failure_points,
    left_out,
    orchestrated,
    plan_flows,
    prose,
    timedelta_expr,
)

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

DEFAULT_TIMEOUT = 60.0  # seconds a step may run when the model gives no timeout
DEFAULT_RETRIES = 2  # retries after the first attempt when the model gives none
# Module-level names of workflows.py / activities.py that generated names must not shadow.
_RESERVED = (
    "activities",
    "activity",
    "workflow",
    "workflows",
    "annotations",
    "Any",
    "Awaitable",
    "Callable",
    "RetryPolicy",
    "ActivityError",
    "ApplicationError",
    "Saga",
    "Compensation",
    "Request",
    "COMPENSATION_RETRY",
    "COMPENSATION_TIMEOUT",
    "WORKFLOWS",
    "WORKFLOWS_BY_QUEUE",
    "ACTIVITIES_BY_QUEUE",
    "compensated",
    "dataclass",
    "timedelta",
)
_SHELL_SAFE = re.compile(r"[A-Za-z0-9_.-]+")
_FILES = {
    "workflows.py": "workflows.py.j2",
    "activities.py": "activities.py.j2",
    "worker.py": "worker.py.j2",
    "starter.py": "starter.py.j2",
    "requirements.txt": "requirements.txt.j2",
    "pytest.ini": "pytest.ini.j2",
    "README.md": "README.md.j2",
    "tests/test_workflows.py": "tests/test_workflows.py.j2",
}


def _operation(op: Operation) -> dict[str, str]:
    return {"ident": op.ident, "label": op.label, "queue": op.queue}


def _step(step: SagaStep) -> dict[str, Any]:
    timeout = step.timeout or DEFAULT_TIMEOUT
    return {
        **_operation(step.operation),
        "compensation": _operation(step.compensation) if step.compensation else None,
        "timeout": timedelta_expr(timeout),
        "timeout_text": duration_text(timeout) + ("" if step.timeout else " (default)"),
        "attempts": (DEFAULT_RETRIES if step.retries is None else max(step.retries, 0)) + 1,
    }


def attempts_within(attempts: int, flow_timeout: float | None) -> int:
    """The attempts a failing step gets: Temporal retries no further than the flow's timeout.

    The default retry policy waits 1s, 2s, 4s, ... (at most 100s) between attempts; a retry
    whose start would reach the workflow's execution timeout is not made.
    """
    made, elapsed, interval = 1, 0.0, 1.0
    while made < attempts:
        elapsed += min(interval, 100.0)
        if flow_timeout is not None and elapsed >= flow_timeout:
            break
        made, interval = made + 1, interval * 2
    return made


def _failure(steps: list[dict[str, Any]], label: str, flow_timeout: float | None) -> dict[str, Any]:
    """What a run does when every call of `label` fails: the calls, in order, and the undos."""
    at = next(i for i, step in enumerate(steps) if step["label"] == label)
    # Compensations are registered before their step runs, so the failing step's own runs too.
    undo = [step["compensation"]["label"] for step in reversed(steps[: at + 1]) if step["compensation"]]
    tries = attempts_within(steps[at]["attempts"], flow_timeout)
    return {"label": label, "calls": [step["label"] for step in steps[:at]] + [label] * tries + undo, "undo": undo}


def _flow(saga: SagaFlow) -> dict[str, Any]:
    steps = [_step(step) for step in saga.steps]
    keys = Namer()
    for index, step in enumerate(steps):
        step["key"] = keys(index, step["label"])  # a step may call the same activity twice
    compensations = [step["compensation"]["label"] for step in steps if step["compensation"]]
    return {
        "name": saga.flow.name,
        "doc": prose(saga.flow.name),
        "cls": saga.cls,
        "slug": saga.slug,
        "queue": saga.queue,
        "orchestrator": prose(saga.orchestrator),
        "timeout": timedelta_expr(saga.timeout),
        "timeout_text": duration_text(saga.timeout) if saga.timeout else "none",
        "steps": steps,
        "happy": [step["label"] for step in steps],
        "result_keys": [step["key"] for step in steps],
        "failures": [
            _failure(steps, label, saga.timeout)
            for label in failure_points([step["label"] for step in steps], compensations)
        ],
    }


def _activities(flows: tuple[SagaFlow, ...]) -> list[dict[str, str]]:
    """Every distinct operation once, with what uses it, in order of first use."""
    uses: dict[Operation, list[str]] = {}
    for saga in flows:
        flow = prose(saga.flow.name)
        for step in saga.steps:
            uses.setdefault(step.operation, []).append(f"step of {flow}")
            if step.compensation:
                uses.setdefault(step.compensation, []).append(f"undoes {step.operation.label} in {flow}")
    return [
        {
            **_operation(op),
            "service": prose(op.service),
            "service_name": op.service,
            "action_name": op.action,
            "doc": f"{op.label}: " + "; ".join(dict.fromkeys(used)) + ".",
        }
        for op, used in uses.items()
    ]


def _group(items: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for queue, value in items:
        grouped.setdefault(queue, []).append(value)
    return grouped


def context(starter: Starter) -> dict[str, Any]:
    """Everything the templates render, decided here."""
    chosen = orchestrated(starter.flows, "temporal")
    operations = OperationNamer(lambda service, action: names.snake(f"{service}-{action}", "activity"), _RESERVED)
    sagas = plan_flows(chosen, starter.system, operations, reserved=_RESERVED)
    flows = [_flow(saga) for saga in sagas]
    acts = _activities(sagas)
    return {
        "system": prose(starter.system),
        "adr": adr_sentence(starter.adr),
        "flows": flows,
        "activities": acts,
        "activity_queues": _group([(a["queue"], a["ident"]) for a in acts]),
        "activity_labels": _group([(a["queue"], a["label"]) for a in acts]),
        "workflow_queues": _group([(f["queue"], f["cls"]) for f in flows]),
        "example_flow": flows[0]["name"] if _SHELL_SAFE.fullmatch(flows[0]["name"]) else "FLOW",
        "example_queue": flows[0]["queue"],
        "default_timeout": duration_text(DEFAULT_TIMEOUT),
        "default_retries": DEFAULT_RETRIES,
        "generated_example": starter.generated_example,
        "left_out": left_out(starter.flows, chosen),
    }


class TemporalTarget:
    """Temporal (Python SDK): saga workflows with a compensation stack."""

    name = "temporal"
    style = "orchestration"
    summary = "Temporal workflows (Python SDK) with a compensation stack, activities, workers, tests"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        from advisor.templating import render

        values = context(starter)
        return {path: render("scaffold/temporal", template, **values) for path, template in _FILES.items()}


TARGET = TemporalTarget()
