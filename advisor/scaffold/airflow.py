"""The `airflow` target: a TaskFlow DAG per flow with retries and a compensation task."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor import names
from advisor.scaffold._saga import (
    Operation,
    OperationNamer,
    SagaFlow,
    SagaStep,
    common_context,
    operation_fields,
    operation_functions,
    orchestrated,
    plan_flows,
    timedelta_expr,
    timeout_text,
)
from advisor.scaffold.base import TemplateTarget
from advisor.scaffold.plan import (
    COMPENSATION,
    COMPENSATION_TIMEOUT,
    DEFAULT_RETRIES,
    STEP_BACKOFF,
    UNTIL_DONE_BACKOFF,
    approval_timeout,
)
from advisor.scaffold.text import prose

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

# Airflow has no unlimited retries: "until done" is this many, at most 5 minutes apart (about a year).
UNTIL_DONE_RETRIES = 100_000
# Names of a DAG file that generated function names must not shadow.
_RESERVED = (
    "Request",
    "request",
    "build_dag",
    "flow_dag",
    "dag",
    "task",
    "chain",
    "get_current_context",
    "AirflowFailException",
    "datetime",
    "timedelta",
    "Any",
    "annotations",
    "saga_failed",
    "flow_failed",
    "DEADLINE",
    "ATTEMPTED",
    "UNDO_TASKS",
    "check_deadline",
    "mark_attempted",
    "was_attempted",
    "last_try",
    "timezone",
    "Variable",
    "decision_key",
)
_FILES = {
    "requirements.txt": "requirements.txt.j2",
    "pytest.ini": "pytest.ini.j2",
    "README.md": "README.md.j2",
    "tests/conftest.py": "tests/conftest.py.j2",
    "tests/test_dag_integrity.py": "tests/test_dag_integrity.py.j2",
    "tests/test_dag_runs.py": "tests/test_dag_runs.py.j2",
}


def _step(step: SagaStep) -> dict[str, Any]:
    plan = step.plan
    return {
        **operation_fields(step.operation),
        "compensation": operation_fields(step.compensation) if step.compensation else None,
        "retries": UNTIL_DONE_RETRIES if plan.retry.retries is None else plan.retry.retries,
        "retries_text": "until done" if plan.retry.until_done else str(plan.retry.retries),
        "until_done": plan.retry.until_done,
        "after_pivot": plan.after_pivot,
        "critical": plan.critical,
        "waits": plan.waits,
        "timeout": timedelta_expr(plan.timeout),
        "timeout_text": timeout_text(plan.timeout),
    }


def _operations(saga: SagaFlow) -> list[dict[str, str]]:
    """The step and compensation functions of one DAG file, in order of first use."""
    uses: dict[Operation, list[str]] = {}
    for step in saga.steps:
        uses.setdefault(step.operation, ["a step"])
        if step.compensation:
            uses.setdefault(step.compensation, [f"undoes {step.operation.label}"])
    return operation_functions(uses)


def _failure(saga: SagaFlow, steps: list[dict[str, Any]], at: int) -> dict[str, Any]:
    """What a run does when every call of step `at` fails: the calls, in order, and the undos
    (the failing step's own included: its call may have taken effect)."""
    undo = [steps[s.index]["compensation"] for s in saga.plan.undo_after(at)]
    calls = [step["label"] for step in steps[:at]] + [steps[at]["label"]] * (steps[at]["retries"] + 1)
    return {"ident": steps[at]["ident"], "calls": calls + [op["label"] for op in undo], "undo": undo}


def _failure_points(saga: SagaFlow, steps: list[dict[str, Any]]) -> list[int]:
    """The steps the tests make fail: bounded critical ones, once per function, unless the
    function also undoes a step (the undo would fail too, which tests nothing useful)."""
    undos = {step["compensation"]["ident"] for step in steps if step["compensation"]}
    firsts = {step["ident"]: i for i, step in reversed(list(enumerate(steps)))}
    return [i for i in saga.plan.failure_points() if steps[i]["ident"] not in undos and firsts[steps[i]["ident"]] == i]


def _slow(saga: SagaFlow, steps: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The step a deadline test slows down (the one before the last step the deadline
    covers), the calls then made and the undos then run; None when there is no such pair."""
    covered = [s.index for s in saga.plan.steps if not s.after_pivot]
    if len(covered) < 2:
        return None
    at = covered[-2]
    if any(step["ident"] == steps[at]["ident"] for step in steps[:at]):
        return None
    undo = [steps[s.index]["compensation"]["label"] for s in saga.plan.undo_after(at)]
    return {"ident": steps[at]["ident"], "calls": [step["label"] for step in steps[: at + 1]], "undo": undo}


def _rejected(saga: SagaFlow, steps: list[dict[str, Any]]) -> dict[str, Any] | None:
    """What a run calls when a person says no to its first waiting step, and the undos then."""
    at = next((s.index for s in saga.plan.steps if s.waits), None)
    if at is None:
        return None
    undo = [steps[s.index]["compensation"]["label"] for s in saga.plan.undo_after(at)]
    return {"calls": [step["label"] for step in steps[: at + 1]], "undo": undo}


def _flow(flow: SagaFlow, traits: Mapping[str, Any]) -> dict[str, Any]:
    # One DAG per file: a namer per flow keeps function names unique within its file.
    step_names = [f"step_{n}" for n in range(1, len(flow.flow.steps) + 1)]
    operations = OperationNamer(
        lambda service, action: names.snake(f"{service}-{action}", "step"), (*_RESERVED, *step_names)
    )
    saga = plan_flows([flow.flow], flow.orchestrator, operations, traits=traits)[0]
    steps = [_step(step) for step in saga.steps]
    task_ids = names.Unique(("saga_failed", "flow_failed"))
    for index, step in enumerate(steps):
        step["task_id"] = task_ids(index, step["ident"])  # a flow may call the same function twice
    for index, step in enumerate(steps):
        if step["compensation"]:
            step["undo_task_id"] = task_ids(("undo", index), f"undo_{step['task_id']}")
        if step["waits"]:
            step["wait_task_id"] = task_ids(("wait", index), f"decided_{step['task_id']}")
    tasks = [t for step in steps for t in ([step["task_id"]] + ([step["wait_task_id"]] if step["waits"] else []))]
    pivot = saga.plan.pivot
    doc = prose(flow.flow.name)
    return {
        "dag_id": flow.ident,
        "doc": doc,
        "description": prose(flow.flow.description or f"Flow {doc}, orchestrated by {prose(flow.orchestrator)}."),
        "orchestrator": prose(flow.orchestrator),
        "orchestrator_tag": flow.queue,
        "deadline": flow.plan.deadline,
        "timeout_text": timeout_text(flow.timeout),
        "steps": steps,
        "guarded": len(tasks) if pivot is None else tasks.index(steps[pivot]["task_id"]) + 1,
        "tasks": tasks,
        "waits": [step for step in steps if step["waits"]],
        "approval_seconds": round(approval_timeout(flow.plan)),
        "rejected": _rejected(saga, steps),
        "operations": _operations(saga),
        "compensated": any(step["compensation"] for step in steps),
        "undo": [step for step in reversed(steps) if step["compensation"]],
        "failures": [_failure(saga, steps, at) for at in _failure_points(saga, steps)],
        "slow": _slow(saga, steps),
        "failed_message": f"{doc} failed; compensated: ",
    }


def context(starter: Starter) -> dict[str, Any]:
    """Everything the templates render, decided here."""
    chosen = orchestrated(starter.flows, "airflow")
    # Step names are made per DAG file (see _flow); here only the flows' names matter.
    unused = OperationNamer(lambda service, action: "unused")
    sagas = plan_flows(chosen, starter.system, unused, traits=starter.model.traits)
    flows = [_flow(saga, starter.model.traits) for saga in sagas]
    return {
        **common_context(starter, chosen),
        "flows": flows,
        "multi_undo": any(len(f["undo"]) > 1 for flow in flows for f in flow["failures"]),
        "any_slow": any(flow["slow"] for flow in flows),
        "any_rejected": any(flow["rejected"] for flow in flows),

        "default_retries": DEFAULT_RETRIES,
        "compensation_retries": (COMPENSATION.retries or 0),
        "retry": {
            "initial": timedelta_expr(STEP_BACKOFF.initial),
            "maximum": timedelta_expr(STEP_BACKOFF.maximum),
            "until_done_maximum": timedelta_expr(UNTIL_DONE_BACKOFF.maximum),
            "compensation_timeout": timedelta_expr(COMPENSATION_TIMEOUT),
        },
    }


class AirflowTarget(TemplateTarget):
    """Apache Airflow 3: a TaskFlow DAG per flow (batch-style flows)."""

    name = "airflow"
    style = "orchestration"
    summary = "Apache Airflow 3 TaskFlow DAGs with retries and a compensation task, DAG integrity and run tests"
    templates = "scaffold/airflow"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        values = context(starter)
        rendered = self.render_all(_FILES, **values)
        for flow in values["flows"]:
            rendered[f"dags/{flow['dag_id']}.py"] = self.render("dags/flow.py.j2", flow=flow, **values)
        return rendered


TARGET = AirflowTarget()
