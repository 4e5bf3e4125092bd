"""The `airflow` target: a TaskFlow DAG per flow with retries and a compensation task."""

from __future__ import annotations

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

DEFAULT_RETRIES = 2  # retries after the first try when the model gives none
COMPENSATION_RETRIES = 5  # an undo that gives up leaves the system inconsistent
RETRY_DELAY = "timedelta(minutes=1)"
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
    "compensate",
    "flow_failed",
)
_FILES = {
    "requirements.txt": "requirements.txt.j2",
    "pytest.ini": "pytest.ini.j2",
    "README.md": "README.md.j2",
    "tests/conftest.py": "tests/conftest.py.j2",
    "tests/test_dag_integrity.py": "tests/test_dag_integrity.py.j2",
    "tests/test_dag_runs.py": "tests/test_dag_runs.py.j2",
}


def _operation(op: Operation) -> dict[str, str]:
    return {"ident": op.ident, "label": op.label, "queue": op.queue}


def _step(step: SagaStep) -> dict[str, Any]:
    return {
        **_operation(step.operation),
        "compensation": _operation(step.compensation) if step.compensation else None,
        "retries": DEFAULT_RETRIES if step.retries is None else max(step.retries, 0),
        "timeout": timedelta_expr(step.timeout),
        "timeout_text": duration_text(step.timeout) if step.timeout else "none",
    }


def _operations(saga: SagaFlow) -> list[dict[str, str]]:
    """The step and compensation functions of one DAG file, in order of first use."""
    uses: dict[Operation, str] = {}
    for step in saga.steps:
        uses.setdefault(step.operation, "a step")
        if step.compensation:
            uses.setdefault(step.compensation, f"undoes {step.operation.label}")
    return [
        {
            **_operation(op),
            "service": prose(op.service),
            "service_name": op.service,
            "action_name": op.action,
            "doc": f"{op.label}: {use}.",
        }
        for op, use in uses.items()
    ]


def _failure(steps: list[dict[str, Any]], ident: str) -> dict[str, Any]:
    """What a run does when every call of `ident` fails: the calls, in order, and the undos."""
    at = next(i for i, step in enumerate(steps) if step["ident"] == ident)
    # Only completed steps (those that returned a result) are compensated.
    undo = [step["compensation"] for step in reversed(steps[:at]) if step["compensation"]]
    calls = [step["label"] for step in steps[:at]] + [steps[at]["label"]] * (steps[at]["retries"] + 1)
    return {"ident": ident, "calls": calls + [op["label"] for op in undo], "undo": undo}


def _flow(flow: SagaFlow) -> dict[str, Any]:
    # One DAG per file: a namer per flow keeps function names unique within its file.
    step_names = [f"step_{n}" for n in range(1, len(flow.flow.steps) + 1)]
    operations = OperationNamer(
        lambda service, action: names.snake(f"{service}-{action}", "step"), (*_RESERVED, *step_names)
    )
    saga = plan_flows([flow.flow], flow.orchestrator, operations)[0]
    steps = [_step(step) for step in saga.steps]
    task_ids = Namer(("compensate", "flow_failed"))
    for index, step in enumerate(steps):
        step["task_id"] = task_ids(index, step["ident"])  # a flow may call the same function twice
    compensations = [step["compensation"]["ident"] for step in steps if step["compensation"]]
    doc = prose(flow.flow.name)
    return {
        "dag_id": flow.ident,
        "doc": doc,
        "description": prose(flow.flow.description or f"Flow {doc}, orchestrated by {prose(flow.orchestrator)}."),
        "orchestrator": prose(flow.orchestrator),
        "orchestrator_tag": flow.queue,
        "timeout": timedelta_expr(flow.timeout),
        "timeout_text": duration_text(flow.timeout) if flow.timeout else "none",
        "steps": steps,
        "operations": _operations(saga),
        "compensated": any(step["compensation"] for step in steps),
        "undo": [step for step in reversed(steps) if step["compensation"]],
        "failures": [
            _failure(steps, ident) for ident in failure_points([step["ident"] for step in steps], compensations)
        ],
        "failed_message": f"{doc} failed; compensated: ",
    }


def context(starter: Starter) -> dict[str, Any]:
    """Everything the templates render, decided here."""
    chosen = orchestrated(starter.flows, "airflow")
    # Step names are made per DAG file (see _flow); here only the flows' names matter.
    unused = OperationNamer(lambda service, action: "unused")
    flows = [_flow(saga) for saga in plan_flows(chosen, starter.system, unused)]
    return {
        "system": prose(starter.system),
        "adr": adr_sentence(starter.adr),
        "flows": flows,
        "default_retries": DEFAULT_RETRIES,
        "compensation_retries": COMPENSATION_RETRIES,
        "retry_delay": RETRY_DELAY,
        "generated_example": starter.generated_example,
        "left_out": left_out(starter.flows, chosen),
    }


class AirflowTarget:
    """Apache Airflow 3: a TaskFlow DAG per flow (batch-style flows)."""

    name = "airflow"
    style = "orchestration"
    summary = "Apache Airflow 3 TaskFlow DAGs with retries and a compensation task, DAG integrity and run tests"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        from advisor.templating import render

        values = context(starter)
        rendered = {path: render("scaffold/airflow", template, **values) for path, template in _FILES.items()}
        for flow in values["flows"]:
            rendered[f"dags/{flow['dag_id']}.py"] = render("scaffold/airflow", "dags/flow.py.j2", flow=flow, **values)
        return rendered


TARGET = AirflowTarget()
