"""Google Cloud Workflows: one workflow per flow, rendering the shared saga plan.

`main` assigns the deadline (`sys.now()` + the flow's timeout) and an empty list of
failed undos, then runs the steps up to the pivot inside one try: before each step it
checks the deadline and counts the step as started (so a step that fails after taking
effect is undone too). Its except enters the undo chain at the last started step that
can be undone; each undo has its own try/retry/except, so one that still fails is
logged and listed and the others run; the chain then raises `CompensationFailed`, or
the original error. Steps after the pivot run outside the try: retried until done,
never undone. Calls that change something retry with the non-idempotent predicate and
send an idempotency key; queries retry with the idempotent one. A step where a person
decides waits on a callback endpoint, at most until the deadline. Documents are built
as data and dumped as block-style YAML (flow style breaks on `${...}` expressions).
"""

from __future__ import annotations

import pprint
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor import names
from advisor.format.model import Flow
from advisor.scaffold.base import TemplateTarget
from advisor.scaffold.engine import Starter
from advisor.scaffold.plan import COMPENSATION, PlanStep, Retry, SagaPlan, approval_timeout, plan_flow
from advisor.scaffold.yamltext import dump

MAX_HTTP_TIMEOUT = 1800  # seconds: the longest timeout Workflows allows on an HTTP call
UNTIL_DONE_RETRIES = 100_000  # "until done": Workflows has no unlimited retries
IDEMPOTENT = "${http.default_retry_predicate}"
NON_IDEMPOTENT = "${http.default_retry_predicate_non_idempotent}"
_DOCS = {"README.md": "README.md.j2", "requirements.txt": "requirements.txt.j2", "pytest.ini": "pytest.ini.j2",
         "tests/test_workflows.py": "test_workflows.py.j2", "tests/syntax.py": "syntax.py.j2"}


@dataclass(frozen=True)
class Call:
    """One HTTP call of the workflow: a step or a compensation."""

    kind: str
    name: str
    service: str
    action: str
    retry: Retry
    timeout: int
    step_index: int
    plan: PlanStep | None = None

    @property
    def retries(self) -> int:
        """Retries after the first attempt (`UNTIL_DONE_RETRIES` for "until done")."""
        return UNTIL_DONE_RETRIES if self.retry.retries is None else self.retry.retries


@dataclass(frozen=True)
class Workflow:
    """A flow as a Workflows source file."""

    flow: Flow
    file: str
    plan: SagaPlan
    steps: tuple[Call, ...]
    compensations: tuple[Call, ...]
    document: dict[str, Any]


def env_names(starter: Starter) -> dict[str, str]:
    """service -> the environment variable holding its base URL (`INVENTORY_URL`)."""
    services = [s.service for f in starter.orchestrated_flows for s in f.steps]
    return names.unique(services, lambda name: names.snake(name, "service").upper().rstrip("_") + "_URL",
                        respell=True)


def build_workflow(flow: Flow, file: str, env: Mapping[str, str], plan: SagaPlan | None = None) -> Workflow:
    """The Workflows document of one flow."""
    plan = plan or plan_flow(flow)
    n = _step_names(flow)
    steps = tuple(Call("step", n[("step", p.index)], p.service, p.action, p.retry,
                       min(max(1, round(p.timeout)), MAX_HTTP_TIMEOUT), p.index, p) for p in plan.steps)
    chain = tuple(Call("compensation", n[("undo", p.index)], p.service, p.compensation, COMPENSATION, 60, p.index)
                  for p in reversed(plan.steps) if p.compensatable)
    guarded = [c for c in steps if c.plan is not None and not c.plan.after_pivot]
    after = [c for c in steps if c.plan is not None and c.plan.after_pivot]
    init: list[dict[str, Any]] = [{"started": 0}, {"undo_failures": []}]
    if plan.deadline is not None:
        init.append({"deadline": f"${{sys.now() + {round(plan.deadline)}}}"})
    body: list[dict[str, Any]] = [{n["init"]: {"assign": init}}]
    saga = [item for call in guarded for item in _guarded(call, plan, n, env)]
    if saga:
        handler = _handler(chain, n, env)
        body.append({n["saga"]: {"try": {"steps": saga}, "except": {"as": "failure", "steps": handler}}})
    body += [item for call in after for item in _step(call, n, env, plan)]
    results = {call.name: f"${{{call.name}_result.body}}" for call in steps}
    body.append({n["finish"]: {"return": {"status": "done", "results": results}}})
    return Workflow(flow, file, plan, steps, chain, {"main": {"params": ["request"], "steps": body}})


def _guarded(call: Call, plan: SagaPlan, n: Mapping[Any, str], env: Mapping[str, str]) -> list[dict[str, Any]]:
    """A step before the pivot: the deadline check, counting it as started, the call."""
    items: list[dict[str, Any]] = []
    if plan.deadline is not None:
        late = {"condition": "${sys.now() >= deadline}",
                "raise": {"code": "DeadlineReached", "message": "the flow's deadline passed"}}
        items.append({n[("check", call.step_index)]: {"switch": [late]}})
    items.append({n[("start", call.step_index)]: {"assign": [{"started": call.step_index + 1}]}})
    return items + _step(call, n, env, plan)


def _step(call: Call, n: Mapping[Any, str], env: Mapping[str, str], plan: SagaPlan) -> list[dict[str, Any]]:
    """The call itself (and, for a waiting step, the wait for a person's answer)."""
    if call.plan is not None and call.plan.waits:
        bounded = plan.deadline is not None and not call.plan.after_pivot
        return _waiting(call, n, env, bounded, round(approval_timeout(plan)))
    step = {call.name: _retried(call, env, result=f"{call.name}_result")}
    if call.plan is not None and not call.plan.critical:  # best effort: log and go on
        log = {"call": "sys.log", "args": {"severity": "WARNING", "json": "${e}"}}
        tried = {"try": {"steps": [step]},
                 "except": {"as": "e", "steps": [{n[("skip", call.step_index)]: log},
                                                  {n[("skipped", call.step_index)]: {"assign": [
                                                      {f"{call.name}_result": {"body": "${e}"}}]}}]}}
        return [{n[("best", call.step_index)]: tried}]
    return [step]


def _waiting(call: Call, n: Mapping[Any, str], env: Mapping[str, str], bounded: bool,
             wait_seconds: int) -> list[dict[str, Any]]:
    """Ask the service (sending a callback URL), then wait for the answer, at most until
    the deadline; no answer raises TimeoutError, a rejection raises `Rejected`."""
    i = call.step_index
    endpoint = {"call": "events.create_callback_endpoint", "args": {"http_callback_method": "POST"},
                "result": f"{call.name}_callback"}
    timeout: str | int = "${deadline - sys.now()}" if bounded else wait_seconds
    wait = {"call": "events.await_callback", "args": {"callback": f"${{{call.name}_callback}}", "timeout": timeout},
            "result": f"{call.name}_answer"}
    rejected = {"condition": f"${{not({call.name}_answer.http_request.body.approved)}}",
                "raise": {"code": "Rejected", "message": f"{call.service}.{call.action} rejected"}}
    ask = _retried(call, env, result=f"{call.name}_result", callback=f"${{{call.name}_callback.url}}")
    return [{n[("endpoint", i)]: endpoint}, {call.name: ask}, {n[("wait", i)]: wait},
            {n[("answer", i)]: {"switch": [rejected]}}]


def _handler(chain: tuple[Call, ...], n: Mapping[Any, str], env: Mapping[str, str]) -> list[dict[str, Any]]:
    """The except block: enter the chain at the last started step that can be undone, run
    every undo (each failure logged and listed), then raise."""
    handler: list[dict[str, Any]] = []
    if chain:
        conditions = [{"condition": f"${{started > {c.step_index}}}", "next": c.name} for c in chain]
        handler.append({n["compensate"]: {"switch": conditions, "next": n["reraise"]}})
        for call in chain:
            failed = {"assign": [{"undo_failures": f'${{list.concat(undo_failures, "{call.name}")}}'}]}
            log = {"call": "sys.log", "args": {"severity": "ERROR", "json": "${undo_error}"}}
            handler.append({call.name: {"try": {"steps": [{n[("do", call.step_index)]: _retried(call, env)}]},
                                        "except": {"as": "undo_error", "steps": [
                                            {n[("log", call.step_index)]: log},
                                            {n[("failed", call.step_index)]: failed}]}}})
        undo_failed = {"condition": "${len(undo_failures) > 0}",
                       "raise": {"code": "CompensationFailed", "failed": "${undo_failures}", "cause": "${failure}"}}
        handler.append({n["judge"]: {"switch": [undo_failed]}})
    handler.append({n["reraise"]: {"raise": "${failure}"}})
    return handler


def _step_names(flow: Flow) -> dict[Any, str]:
    """Unique step names (letters, digits, underscores) for the whole file."""
    fixed = ("init", "saga", "compensate", "judge", "reraise", "finish")
    wanted: list[tuple[Any, str]] = [(key, key) for key in fixed]
    parts = ("check", "start", "endpoint", "wait", "answer", "best", "skip", "skipped")
    for i, step in enumerate(flow.steps):
        wanted.append((("step", i), f"{step.service} {step.action}"))
        wanted += [((part, i), f"{part} {step.service} {step.action}") for part in parts]
        if step.compensation:
            wanted.append((("undo", i), f"undo {step.service} {step.compensation}"))
            wanted += [((part, i), f"{part} {step.service} {step.compensation}") for part in ("do", "log", "failed")]
    keyed = {key: f"{i}\0{text}" for i, (key, text) in enumerate(wanted)}
    unique = names.unique(keyed.values(), lambda text: names.snake(text.split("\0")[-1], "step"), respell=True)
    return {key: unique[value] for key, value in keyed.items()}


def _retried(call: Call, env: Mapping[str, str], result: str = "", callback: str = "") -> dict[str, Any]:
    """An authenticated HTTP POST of the request with an idempotency key, retried per the plan."""
    url = f'${{sys.get_env("{env[call.service]}") + "/{names.slug(call.action, "action")}"}}'
    key = f'${{sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID") + "/{call.name}"}}'
    body: dict[str, Any] = {"request": "${request}"}
    if callback:
        body["callback_url"] = callback
    # OIDC: an identity token for Cloud Run or Cloud Functions, from the workflow's service account.
    args = {"url": url, "headers": {"Idempotency-Key": key}, "body": body, "timeout": call.timeout,
            "auth": {"type": "OIDC"}}
    post: dict[str, Any] = {"call": "http.post", "args": args}
    if result:
        post["result"] = result
    if call.retries <= 0:
        return post
    query = call.plan is not None and call.plan.kind == "query"
    backoff = call.retry.backoff
    delays = {"initial_delay": round(backoff.initial), "max_delay": round(backoff.maximum), "multiplier": backoff.rate}
    predicate = IDEMPOTENT if query else NON_IDEMPOTENT  # a POST that changes something may have taken effect
    return {"try": post, "retry": {"predicate": predicate, "max_retries": call.retries, "backoff": delays}}


class GcpWorkflowsTarget(TemplateTarget):
    """The `gcp-workflows` target."""

    name = "gcp-workflows"
    style = "orchestration"
    summary = "Google Cloud Workflows: YAML per flow with try/retry/except, deadline checks and per-undo excepts"
    templates = "scaffold/gcp-workflows"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """workflows/*.yaml, tests, README, requirements."""
        env = env_names(starter)
        flow_files = starter.flow_slugs
        workflows = [build_workflow(f, f"workflows/{flow_files[f.name]}.yaml", env,
                                    plan_flow(f, starter.model.traits)) for f in starter.orchestrated_flows]
        files = {w.file: _header(w) + dump(w.document) for w in workflows}
        expected = _expected(workflows, env)
        context = {"starter": starter, "workflows": workflows, "env": env, "any_failures": any(
            e["failures"] for e in expected.values()), "any_multi": any(
            len(f["undo"]) > 1 for e in expected.values() for f in e["failures"]), "any_slow": any(
            e["slow"] for e in expected.values()), "expected_py": pprint.pformat(expected, width=110, sort_dicts=False)}
        return files | self.render_all(_DOCS, **context)


def _header(workflow: Workflow) -> str:
    name = workflow.file.split("/")[-1].removesuffix(".yaml")
    return (f"# Google Cloud Workflows source for flow {name}, generated by advisor.\n"
            f"# Deploy: gcloud workflows deploy {name} --source={workflow.file} --set-env-vars=...\n")


def _expected(workflows: list[Workflow], env: Mapping[str, str]) -> dict[str, Any]:
    """What the starter's tests check each workflow against, from the saga plan."""
    return {w.file: _expected_workflow(w, env) for w in workflows}


def _expected_workflow(w: Workflow, env: Mapping[str, str]) -> dict[str, Any]:
    n = _step_names(w.flow)

    def path(call: Call) -> str:
        return f"/{env[call.service]}/{names.slug(call.action, 'action')}"

    undo_of = {c.step_index: c for c in w.compensations}
    undo_paths = {path(c) for c in w.compensations}

    def undo_after(at: int) -> list[str]:
        return [path(undo_of[p.index]) for p in w.plan.undo_after(at)]

    failures = []
    for at in w.plan.failure_points():
        call = w.steps[at]
        waits = call.plan is not None and call.plan.waits
        if waits or path(call) in undo_paths or any(path(c) == path(call) for c in w.steps[:at]):
            continue  # failing it would fail an undo or an earlier step too
        calls = [path(c) for c in w.steps[:at]] + [path(call)] * (call.retries + 1)
        failures.append({"path": path(call), "calls": calls, "undo": undo_after(at)})
    guarded = [c.step_index for c in w.steps if c.plan is not None and not c.plan.after_pivot]
    slow = None
    if w.plan.deadline is not None and len(guarded) >= 2:
        at = guarded[-2]
        if all(path(c) != path(w.steps[at]) for c in w.steps[:at]):
            slow = {"path": path(w.steps[at]), "calls": [path(c) for c in w.steps[: at + 1]], "undo": undo_after(at)}
    return {
        "steps": [c.name for c in w.steps],
        "compensations": [[c.name, w.steps[c.step_index].name] for c in w.compensations],
        "retries": {c.name: c.retries for c in (*w.steps, *w.compensations)},
        "queries": [c.name for c in w.steps if c.plan is not None and c.plan.kind == "query"],
        "after_pivot": [c.name for c in w.steps if c.plan is not None and c.plan.after_pivot],
        "deadline": round(w.plan.deadline) if w.plan.deadline else 0,
        "env": sorted({env[c.service] for c in (*w.steps, *w.compensations)}),
        "happy": [path(c) for c in w.steps],
        "failures": failures,
        "compensation_attempts": (COMPENSATION.attempts or 1),
        "slow": slow,
        "waits": {c.name: {"endpoint": n[("endpoint", c.step_index)], "wait": n[("wait", c.step_index)],
                           "callback": f"{c.name}_callback", "answer": f"{c.name}_answer"}
                  for c in w.steps if c.plan is not None and c.plan.waits},
    }


TARGET = GcpWorkflowsTarget()
