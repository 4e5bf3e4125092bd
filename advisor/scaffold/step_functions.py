"""AWS Step Functions: one Amazon States Language machine per flow, a Lambda stub per task.

The machine renders the shared saga plan (advisor.scaffold.plan): each step is a Task
with the plan's attempts and backoff; a step that fails for good enters the undo chain
at its own compensation (its call may have taken effect), else at the last earlier one;
each undo is retried, and one that still fails is recorded and the chain goes on; the
chain ends in a Choice that fails the execution as compensated or as needing repair.
Before each step up to the pivot a Choice compares the state's entry time with the
execution's `deadline` (set by start.py from the model's timeout): once passed, the saga
compensates. A step where a person decides waits with `.waitForTaskToken`.
"""

from __future__ import annotations

import json
import pprint
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor import names
from advisor.format.model import Flow
from advisor.scaffold.base import TemplateTarget
from advisor.scaffold.engine import Starter
from advisor.scaffold.plan import (
    COMPENSATION,
    COMPENSATION_TIMEOUT,
    PlanStep,
    Retry,
    SagaPlan,
    approval_timeout,
    plan_flow,
)

LAMBDA_ERRORS = ["Lambda.ServiceException", "Lambda.AWSLambdaException",
                 "Lambda.SdkClientException", "Lambda.TooManyRequestsException"]
REFUSED = "StepRefused"  # a handler raising this error type is not retried: a business refusal
UNTIL_DONE_ATTEMPTS = 99_999_998  # below the ceiling statelint enforces (99999999): "until done"
_DOCS = {"README.md": "README.md.j2", "requirements.txt": "requirements.txt.j2", "pytest.ini": "pytest.ini.j2",
         "tests/test_state_machines.py": "test_state_machines.py.j2", "start.py": "start.py.j2"}
MAX_EXECUTION_SECONDS = 365 * 86400  # a Standard workflow runs at most one year


@dataclass(frozen=True)
class Task:
    """One Lambda-backed state: a step, or the compensation of a step."""

    kind: str
    state: str
    function: str
    service: str
    action: str
    retry: Retry
    timeout: int
    undoes: str = ""
    plan: PlanStep | None = None

    @property
    def retries(self) -> str:
        """Retries after the first attempt, as the README shows them."""
        return "until done" if self.retry.until_done else str(self.retry.retries)


@dataclass(frozen=True)
class Machine:
    """A flow as a state machine: its tasks and the ASL document."""

    flow: Flow
    file: str
    plan: SagaPlan
    steps: tuple[Task, ...]
    compensations: tuple[Task, ...]
    document: dict[str, Any]


def function_names(starter: Starter) -> dict[tuple[str, str], str]:
    """(service, action) -> Lambda function / directory name, unique after sanitizing."""
    steps = [s for f in starter.orchestrated_flows for s in f.steps]
    pairs = [(s.service, s.action) for s in steps] + [(s.service, s.compensation) for s in steps if s.compensation]
    unique = names.unique([f"{service}\0{action}" for service, action in pairs],
                          lambda key: names.snake(key.replace("\0", " "), "function"), respell=True)
    return {(service, action): unique[f"{service}\0{action}"] for service, action in pairs}


def _seconds(value: float) -> int:
    return max(1, int(-(-value // 1)))


def build_machine(flow: Flow, file: str, functions: Mapping[tuple[str, str], str],
                  plan: SagaPlan | None = None) -> Machine:
    """The ASL document of one flow, from its saga plan."""
    plan = plan or plan_flow(flow)
    names_of = _state_names(flow)
    wait = _seconds(approval_timeout(plan))
    steps = tuple(
        Task("step", names_of[("step", p.index)], functions[(p.service, p.action)], p.service, p.action,
             p.retry, wait if p.waits else _seconds(p.timeout), plan=p)
        for p in plan.steps
    )
    chain = tuple(
        Task("compensation", names_of[("undo", p.index)], functions[(p.service, p.compensation)], p.service,
             p.compensation, COMPENSATION, _seconds(COMPENSATION_TIMEOUT), steps[p.index].state)
        for p in reversed(plan.steps) if p.compensatable
    )
    ends = {"failed": names_of[("fail", 0)], "undo_failed": names_of[("fail", 1)], "judge": names_of[("judge", 0)],
            "done": names_of[("done", 0)]}
    states = _wire(plan, steps, chain, ends, names_of)
    if not steps[-1].plan or not steps[-1].plan.critical:
        states[ends["done"]] = {"Type": "Succeed"}
    pascal = names.pascal(flow.name, "Flow")
    states[ends["failed"]] = {"Type": "Fail", "Error": f"{pascal}Compensated",
                              "Cause": "The flow failed (a step, the deadline or a person's rejection); "
                                       "what it had done was undone in reverse order."}
    if chain:
        states[ends["undo_failed"]] = {
            "Type": "Fail", "Error": f"{pascal}CompensationFailed",
            "Cause": "A compensation failed after its retries (see compensationErrors in the history): "
                     "repair by hand."}
    document = {
        "Comment": f"{flow.name}: orchestrated by {flow.orchestrator or 'the state machine'} (generated by advisor)",
        "StartAt": next(iter(states)),
        "States": states,
    }
    return Machine(flow, file, plan, steps, chain, document)


def _entry(chain: tuple[Task, ...], steps: tuple[Task, ...], before: int, failed: str) -> str:
    """The undo state a failure enters when steps up to index `before` (excluded) were attempted."""
    position = {task.state: i for i, task in enumerate(steps)}
    return next((c.state for c in chain if position[c.undoes] < before), failed)


def _wire(plan: SagaPlan, steps: tuple[Task, ...], chain: tuple[Task, ...], ends: Mapping[str, str],
          names_of: Mapping[tuple[str, int], str]) -> dict[str, Any]:
    """Deadline checks and step tasks in order, then the undo chain and its judge."""
    failed = ends["judge"] if chain else ends["failed"]
    states: dict[str, Any] = {}
    for i, task in enumerate(steps):
        p = plan.steps[i]
        following = {"Next": _first(plan, steps, i + 1, names_of)} if i + 1 < len(steps) else {"End": True}
        if plan.deadline is not None and not p.after_pivot:
            late = names_of[("late", i)]
            states[names_of[("check", i)]] = {
                "Type": "Choice",
                "Comment": "The flow's deadline (execution input `deadline`) has passed: compensate.",
                "Choices": [{"And": [
                    {"Variable": "$.deadline", "IsPresent": True},
                    {"Variable": "$$.State.EnteredTime", "TimestampGreaterThanEqualsPath": "$.deadline"},
                ], "Next": late}],
                "Default": task.state,
            }
            states[late] = {"Type": "Pass", "ResultPath": "$.error", "Next": _entry(chain, steps, i, failed),
                            "Result": {"Error": "DeadlineReached", "Cause": "the flow's deadline passed"}}
        if p.after_pivot and p.critical:
            catch: list[dict[str, Any]] = []  # past the pivot nothing is undone: the execution fails for repair
        elif not p.critical:
            catch = [{"ErrorEquals": ["States.ALL"], "Next": following.get("Next", ends["done"]),
                      "ResultPath": f"$.skipped.{task.state}"}]
        else:
            entry = _entry(chain, steps, i + 1, failed)  # its own undo first: its call may have taken effect
            catch = [{"ErrorEquals": ["States.ALL"], "Next": entry, "ResultPath": "$.error"}]
        states[task.state] = _task(task, catch) | following
    for k, compensation in enumerate(chain):
        after = chain[k + 1].state if k + 1 < len(chain) else ends["judge"]
        recorded = f"$.compensationErrors.{compensation.state}"  # reported at the end; the chain goes on
        catch = [{"ErrorEquals": ["States.ALL"], "Next": after, "ResultPath": recorded}]
        states[compensation.state] = _task(compensation, catch) | {"Next": after}
    if chain:
        states[ends["judge"]] = {"Type": "Choice", "Comment": "Did every compensation succeed?",
                                 "Choices": [{"Variable": "$.compensationErrors", "IsPresent": True,
                                              "Next": ends["undo_failed"]}],
                                 "Default": ends["failed"]}
    return states


def _first(plan: SagaPlan, steps: tuple[Task, ...], i: int, names_of: Mapping[tuple[str, int], str]) -> str:
    """The state that starts step `i`: its deadline check, or the step itself."""
    checked = plan.deadline is not None and not plan.steps[i].after_pivot
    return names_of[("check", i)] if checked else steps[i].state


def _state_names(flow: Flow) -> dict[tuple[str, int], str]:
    """Unique state names: checks, steps, compensations, the judge and the two Fail states."""
    wanted: list[tuple[tuple[str, int], str]] = []
    for i, step in enumerate(flow.steps):
        wanted += [(("check", i), f"before {step.service} {step.action}"),
                   (("late", i), f"too late for {step.service} {step.action}"),
                   (("step", i), f"{step.service} {step.action}")]
    for i, step in enumerate(flow.steps):
        if step.compensation:
            wanted.append((("undo", i), f"{step.service} {step.compensation}"))
    wanted += [(("fail", 0), f"{flow.name} compensated"), (("fail", 1), f"{flow.name} compensation failed"),
               (("judge", 0), f"{flow.name} undone"), (("done", 0), f"{flow.name} done")]
    by_key = {key: f"{i}\0{text}" for i, (key, text) in enumerate(wanted)}
    unique = names.unique(by_key.values(), lambda text: names.pascal(text.split("\0")[-1], "State")[:80],
                          respell=True)
    return {key: unique[value] for key, value in by_key.items()}


def _retriers(task: Task) -> list[dict[str, Any]]:
    """The plan's attempts and backoff; a refusal is never retried, nor a person's answer."""
    retry = task.retry
    waits = task.plan is not None and task.plan.waits
    retriers: list[dict[str, Any]] = [{"ErrorEquals": [REFUSED], "MaxAttempts": 0}]
    attempts = UNTIL_DONE_ATTEMPTS if retry.attempts is None else retry.attempts - 1
    if attempts > 0:
        retriers.append({"ErrorEquals": LAMBDA_ERRORS if waits else ["States.ALL"],
                         "IntervalSeconds": _seconds(retry.backoff.initial), "MaxAttempts": attempts,
                         "BackoffRate": float(retry.backoff.rate),
                         "MaxDelaySeconds": _seconds(retry.backoff.maximum)})
    return retriers


def _task(task: Task, catch: list[dict[str, Any]]) -> dict[str, Any]:
    waits = task.plan is not None and task.plan.waits
    payload: dict[str, Any] = {
        "request.$": "$.request",
        # The same for every attempt of this state in this execution: the service de-duplicates on it.
        "idempotencyKey.$": "States.Format('{}/{}', $$.Execution.Name, $$.State.Name)",
    }
    if waits:
        payload["taskToken.$"] = "$$.Task.Token"
    state: dict[str, Any] = {
        "Type": "Task",
        "Comment": f"{task.kind}: {task.service}.{task.action}" + (" (waits for a person)" if waits else ""),
        "Resource": "arn:aws:states:::lambda:invoke" + (".waitForTaskToken" if waits else ""),
        "Parameters": {"FunctionName": "${" + substitution(task.function) + "}", "Payload": payload},
    }
    if not waits:
        state["ResultSelector"] = {"result.$": "$.Payload"}
    path = "results" if task.kind == "step" else "undone"
    state |= {"ResultPath": f"$.{path}.{task.state}", "TimeoutSeconds": task.timeout, "Retry": _retriers(task)}
    if catch:
        state["Catch"] = catch
    return state


def substitution(function: str) -> str:
    """The SAM DefinitionSubstitutions key holding a function's ARN."""
    return names.pascal(function, "Function") + "Arn"


class StepFunctionsTarget(TemplateTarget):
    """The `step-functions` target."""

    name = "step-functions"
    style = "orchestration"
    summary = "AWS Step Functions: ASL state machines with Retry/Catch to compensations, Lambda stubs"
    templates = "scaffold/step-functions"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """statemachine/*.asl.json, functions/*/handler.py, tests, README, requirements."""
        functions = function_names(starter)
        flow_files = starter.flow_slugs
        machines = [build_machine(f, f"statemachine/{flow_files[f.name]}.asl.json", functions)
                    for f in starter.orchestrated_flows]
        files = {m.file: json.dumps(m.document, indent=2, ensure_ascii=False) + "\n" for m in machines}
        tasks = {t.function: t for m in machines for t in (*m.steps, *m.compensations)}
        for function, task in sorted(tasks.items()):
            files[f"functions/{function}/handler.py"] = self.render("handler.py.j2", task=task)
        from advisor.scaffold.step_functions_extras import expected_runs, sam_template

        files["template.yaml"] = sam_template(starter, machines)
        expected = expected_runs(machines)
        failures = [f for e in expected.values() for f in e["failures"]]
        context = {"starter": starter, "machines": machines, "any_failures": bool(failures),
                   "expected_py": pprint.pformat(expected, width=110, sort_dicts=False),
                   "any_multi": any(len(f["undo"]) > 1 for f in failures)}
        return files | self.render_all(_DOCS, **context)


TARGET = StepFunctionsTarget()
