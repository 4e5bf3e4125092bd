"""The `temporal` target: a saga workflow per flow, activities, workers, a starter, tests."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor import names
from advisor.format.durations import duration_text
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
    DEFAULT_STEP_TIMEOUT,
    STEP_BACKOFF,
    UNTIL_DONE_BACKOFF,
    Backoff,
    approval_timeout,
)
from advisor.scaffold.text import prose

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

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
    "Decision",
    "DeadlineReached",
    "Rejected",
    "Deadline",
    "UNTIL_DONE",
    "asyncio",
    "contextlib",
    "T",
    "TypeVar",
    "Compensation",
    "Request",
    "COMPENSATION_RETRY",
    "COMPENSATION_TIMEOUT",
    "WORKFLOWS",
    "WORKFLOWS_BY_QUEUE",
    "ACTIVITIES_BY_QUEUE",
    "compensated",
    "seam",
    "cancelled",
    "CancelledError",
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


def _step(step: SagaStep) -> dict[str, Any]:
    plan = step.plan
    return {
        **operation_fields(step.operation),
        "compensation": operation_fields(step.compensation) if step.compensation else None,
        "timeout": timedelta_expr(plan.timeout),
        "timeout_text": duration_text(plan.timeout),
        # Temporal's maximum_attempts counts the first attempt; 0 means without limit.
        "attempts": plan.retry.attempts or 0,
        "attempts_text": "until done" if plan.retry.until_done else str(plan.retry.attempts),
        "maximum_interval": timedelta_expr(plan.retry.backoff.maximum),
        "until_done": plan.retry.until_done,
        "after_pivot": plan.after_pivot,
        "critical": plan.critical,
        "waits": plan.waits,
        "kind": plan.kind or "-",
    }


def attempts_within(attempts: int, deadline: float | None, backoff: Backoff = STEP_BACKOFF) -> int:
    """The attempts a failing step gets before the flow's deadline (measured from the run's
    start; earlier steps take no time in the tests): retries wait 1s, 2s, 4s, ..."""
    made, elapsed = 1, 0.0
    while made < attempts:
        elapsed += backoff.delay(made)
        if deadline is not None and elapsed >= deadline:
            break
        made += 1
    return made


def _failure(saga: SagaFlow, steps: list[dict[str, Any]], at: int) -> dict[str, Any]:
    """What a run does when every call of step `at` fails: the calls, in order, and the undos."""
    label = steps[at]["label"]
    undo = _undo_labels(saga, at)
    plan = saga.steps[at].plan
    tries = attempts_within(plan.retry.attempts or 1, saga.plan.deadline, plan.retry.backoff)
    return {"label": label, "calls": [step["label"] for step in steps[:at]] + [label] * tries + undo, "undo": undo}


def _failure_points(saga: SagaFlow, steps: list[dict[str, Any]]) -> list[int]:
    """The steps the tests make fail: each bounded critical step, once per activity, unless
    that activity also undoes a step (the undo would fail too, which tests nothing useful)."""
    undos = {step["compensation"]["label"] for step in steps if step["compensation"]}
    firsts = {step["label"]: i for i, step in reversed(list(enumerate(steps)))}
    return [i for i in saga.plan.failure_points() if steps[i]["label"] not in undos and firsts[steps[i]["label"]] == i]


def _flow(saga: SagaFlow) -> dict[str, Any]:
    steps = [_step(step) for step in saga.steps]
    keys = names.Unique()
    for index, step in enumerate(steps):
        step["key"] = keys(index, step["label"])  # a step may call the same activity twice
    waiting = [step["label"] for step in steps if step["waits"]]
    return {
        "name": saga.flow.name,
        "doc": prose(saga.flow.name),
        "cls": saga.cls,
        "slug": saga.slug,
        "queue": saga.queue,
        "orchestrator": prose(saga.orchestrator),
        "deadline": saga.plan.deadline,
        "timeout_text": timeout_text(saga.timeout),
        "pivot": saga.plan.pivot,
        "steps": steps,
        "waits": waiting,
        "wait_undo": _undo_labels(saga, next((s.index for s in saga.plan.steps if s.waits), 0)),
        "approval_wait": timedelta_expr(approval_timeout(saga.plan)),
        "happy": [step["label"] for step in steps],
        "result_keys": [step["key"] for step in steps],
        "failures": [_failure(saga, steps, at) for at in _failure_points(saga, steps)],
        # The step a deadline or cancellation test holds (the last one the deadline covers),
        # and what is undone then.
        "hold": _hold(saga, steps),
    }


def _hold(saga: SagaFlow, steps: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The step the deadline and cancellation tests hang, and the undos they expect."""
    covered = [s.index for s in saga.plan.steps if not s.after_pivot and not s.waits]
    if not covered:
        return None
    at = covered[-1]
    if steps[at]["label"] in {step["compensation"]["label"] for step in steps if step["compensation"]}:
        return None
    if any(step["label"] == steps[at]["label"] for step in steps[:at]):
        return None  # the same activity runs earlier: holding it would hold that step
    return {"label": steps[at]["label"], "before": [step["label"] for step in steps[:at]],
            "waits_before": [step["label"] for step in steps[:at] if step["waits"]],
            "undo": _undo_labels(saga, at)}


def _undo_labels(saga: SagaFlow, at: int) -> list[str]:
    """The compensations run, in order, when step `at` fails for good."""
    undo = [saga.steps[s.index].compensation for s in saga.plan.undo_after(at)]
    return [op.label for op in undo if op is not None]


def _activities(flows: tuple[SagaFlow, ...]) -> list[dict[str, str]]:
    """Every distinct operation once, with what uses it, in order of first use."""
    uses: dict[Operation, list[str]] = {}
    for saga in flows:
        flow = prose(saga.flow.name)
        for step in saga.steps:
            uses.setdefault(step.operation, []).append(f"step of {flow}")
            if step.compensation:
                uses.setdefault(step.compensation, []).append(f"undoes {step.operation.label} in {flow}")
    return operation_functions(uses)


def _seam(starter: Starter, sagas: tuple[SagaFlow, ...]) -> dict[str, dict[str, Any]]:
    """In a hybrid, the activities that write events to their service's outbox (the events
    half's): operation label -> service, the outbox's environment variable, the events.

    A step writes the events its service publishes when the service declares `outbox: true`
    and that step is the service's only action in the flows (the file does not say which
    action publishes what otherwise); its compensation writes `<Event>Reversed` where the
    service publishes that too."""
    if starter.extra.get("seam") != "outbox":
        return {}
    actions: dict[str, set[Operation]] = {}
    undos: dict[Operation, set[Operation]] = {}
    for saga in sagas:
        for step in saga.steps:
            actions.setdefault(step.operation.service, set()).add(step.operation)
            if step.compensation:
                undos.setdefault(step.operation, set()).add(step.compensation)
    from advisor.scaffold.event_views import build

    modules = {view.name: f"services.{view.ident}.outbox" for view in build(starter.model, starter.system).services}
    seam: dict[str, dict[str, Any]] = {}
    for service, ops in actions.items():
        declared = starter.model.services.get(service)
        if declared is None or not declared.outbox or len(ops) != 1:
            continue
        op = next(iter(ops))
        published = set(declared.publishes)
        events = [e for e in declared.publishes if not e.endswith("Reversed")]
        env = names.snake(service, "service").upper() + "_OUTBOX_DB"
        where: dict[str, Any] = {"service": service, "env": env, "module": modules.get(service, ""),
                                 "default": names.slug(service, "service") + ".sqlite3"}
        keys = sorted({starter.model.events[e].key for e in declared.publishes
                       if e in starter.model.events and starter.model.events[e].key})
        where["keys"] = keys
        if events:
            seam[op.label] = {**where, "events": events}
        reversals = [f"{e}Reversed" for e in events if f"{e}Reversed" in published]
        for undo in undos.get(op, set()):
            if reversals:
                seam[undo.label] = {**where, "events": reversals}
    return seam


def _group(items: list[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for queue, value in items:
        grouped.setdefault(queue, []).append(value)
    return grouped


def context(starter: Starter) -> dict[str, Any]:
    """Everything the templates render, decided here."""
    chosen = orchestrated(starter.flows, "temporal")
    operations = OperationNamer(lambda service, action: names.snake(f"{service}-{action}", "activity"), _RESERVED)
    sagas = plan_flows(chosen, starter.system, operations, reserved=_RESERVED, traits=starter.model.traits)
    flows = [_flow(saga) for saga in sagas]
    acts: list[dict[str, Any]] = [dict(a) for a in _activities(sagas)]
    seam = _seam(starter, sagas)
    for act in acts:
        act["seam"] = seam.get(act["label"])
    return {
        "seam": seam,
        "seam_keys": sorted({key for where in seam.values() for key in where["keys"]}),
        "seam_env": sorted({where["env"] for where in seam.values()}),
        "outboxes": {where["service"]: where for where in seam.values()},  # one per service
        **common_context(starter, chosen),
        "flows": flows,
        "multi_undo": any(len(f["undo"]) > 1 for flow in flows for f in flow["failures"]),
        "any_failures": any(flow["failures"] for flow in flows),
        "any_hold": any(flow["hold"] for flow in flows),
        "any_waits": any(flow["waits"] for flow in flows),
        "activities": acts,
        "activity_queues": _group([(a["queue"], a["ident"]) for a in acts]),
        "activity_labels": _group([(a["queue"], a["label"]) for a in acts]),
        "workflow_queues": _group([(f["queue"], f["cls"]) for f in flows]),
        "example_flow": flows[0]["name"] if _SHELL_SAFE.fullmatch(flows[0]["name"]) else "FLOW",
        "example_queue": flows[0]["queue"],
        "default_timeout": duration_text(DEFAULT_STEP_TIMEOUT),
        "default_retries": DEFAULT_RETRIES,
        "compensation": {"attempts": COMPENSATION.attempts, "maximum": timedelta_expr(COMPENSATION.backoff.maximum),
                         "timeout": timedelta_expr(COMPENSATION_TIMEOUT)},
        "until_done_maximum": timedelta_expr(UNTIL_DONE_BACKOFF.maximum),
    }


class TemporalTarget(TemplateTarget):
    """Temporal (Python SDK): saga workflows with a compensation stack."""

    name = "temporal"
    style = "orchestration"
    summary = "Temporal workflows (Python SDK) with a compensation stack, activities, workers, tests"
    templates = "scaffold/temporal"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        values = context(starter)
        files = self.render_all(_FILES, **values)
        if values["seam"]:
            files |= self.render_all({"seam.py": "seam.py.j2", "tests/test_seam.py": "tests/test_seam.py.j2"},
                                     **values)
        return files


TARGET = TemporalTarget()
