"""Google Cloud Workflows: one workflow per flow, each step a retried HTTP call.

`main` runs the steps inside one try; its except enters the compensation steps at the
last completed step that can be undone (a switch on how many steps finished), runs them
in reverse order and raises the original error again. Documents are built as data and
dumped as block-style YAML (flow style breaks on `${...}` expressions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor import names
from advisor.format.model import Flow, Step
from advisor.scaffold.base import TemplateTarget
from advisor.scaffold.durations import seconds
from advisor.scaffold.engine import Starter
from advisor.scaffold.yamltext import dump

MAX_HTTP_TIMEOUT = 1800  # seconds: the longest timeout Workflows allows on an HTTP call
_DOCS = {"README.md": "README.md.j2", "requirements.txt": "requirements.txt.j2", "pytest.ini": "pytest.ini.j2",
         "tests/test_workflows.py": "test_workflows.py.j2"}


@dataclass(frozen=True)
class Call:
    """One HTTP call of the workflow: a step or a compensation."""

    kind: str
    name: str
    service: str
    action: str
    retries: int
    timeout: int
    step_index: int


@dataclass(frozen=True)
class Workflow:
    """A flow as a Workflows source file."""

    flow: Flow
    file: str
    steps: tuple[Call, ...]
    compensations: tuple[Call, ...]
    document: dict[str, Any]


def env_names(starter: Starter) -> dict[str, str]:
    """service -> the environment variable holding its base URL (`INVENTORY_URL`)."""
    services = [s.service for f in starter.orchestrated_flows for s in f.steps]
    return names.unique(services, lambda name: names.snake(name, "service").upper().rstrip("_") + "_URL",
                        respell=True)


def build_workflow(flow: Flow, file: str, env: Mapping[str, str]) -> Workflow:
    """The Workflows document of one flow."""
    step_names = _step_names(flow)
    steps = tuple(_call("step", step_names[("step", i)], s, s.action, i) for i, s in enumerate(flow.steps))
    undoable = [i for i, s in enumerate(flow.steps[:-1]) if s.compensation]
    compensations = tuple(
        Call("compensation", step_names[("undo", i)], flow.steps[i].service, flow.steps[i].compensation, 5, 60, i)
        for i in reversed(undoable)
    )
    saga = _saga(steps, step_names, env)
    handler = _handler(compensations, step_names, env)
    results = {call.name: f"${{{call.name}_result.body}}" for call in steps}
    main = {"params": ["request"], "steps": [
        {step_names["init"]: {"assign": [{"done": 0}]}},
        {step_names["saga"]: {"try": {"steps": saga}, "except": {"as": "failure", "steps": handler}}},
        {step_names["finish"]: {"return": {"status": "done", "results": results}}},
    ]}
    document = {"main": main}
    return Workflow(flow, file, steps, compensations, document)


def _saga(steps: tuple[Call, ...], step_names: Mapping[Any, str], env: Mapping[str, str]) -> list[dict[str, Any]]:
    """The steps in order, each followed by counting it as done."""
    saga: list[dict[str, Any]] = []
    for call in steps:
        saga.append({call.name: _retried(call, env, result=f"{call.name}_result")})
        saga.append({step_names[("done", call.step_index)]: {"assign": [{"done": call.step_index + 1}]}})
    return saga


def _handler(chain: tuple[Call, ...], step_names: Mapping[Any, str], env: Mapping[str, str]) -> list[dict[str, Any]]:
    """The except block: enter the chain at the last finished step that can be undone, fall through, re-raise."""
    handler: list[dict[str, Any]] = []
    if chain:
        conditions = [{"condition": f"${{done > {c.step_index}}}", "next": c.name} for c in chain]
        handler.append({step_names["compensate"]: {"switch": conditions, "next": step_names["reraise"]}})
        handler += [{c.name: _retried(c, env)} for c in chain]
    handler.append({step_names["reraise"]: {"raise": "${failure}"}})
    return handler


def _call(kind: str, name: str, step: Step, action: str, index: int) -> Call:
    retries = 3 if step.retries is None else step.retries
    return Call(kind, name, step.service, action, retries, min(seconds(step.timeout, 60), MAX_HTTP_TIMEOUT), index)


def _step_names(flow: Flow) -> dict[Any, str]:
    """Unique step names (letters, digits, underscores) for the whole file."""
    fixed = ("init", "saga", "compensate", "reraise", "finish")
    wanted: list[tuple[Any, str]] = [(key, key) for key in fixed]
    for i, step in enumerate(flow.steps):
        wanted += [(("step", i), f"{step.service} {step.action}"), (("done", i), f"{step.service} {step.action} done")]
        if step.compensation:
            wanted.append((("undo", i), f"undo {step.service} {step.compensation}"))
    keyed = {key: f"{n}\0{text}" for n, (key, text) in enumerate(wanted)}
    unique = names.unique(keyed.values(), lambda text: names.snake(text.split("\0")[-1], "step"), respell=True)
    return {key: unique[value] for key, value in keyed.items()}


def _retried(call: Call, env: Mapping[str, str], result: str = "") -> dict[str, Any]:
    """An authenticated HTTP POST of the workflow's input, retried on transient errors when retries > 0."""
    url = f'${{sys.get_env("{env[call.service]}") + "/{names.slug(call.action, "action")}"}}'
    # OIDC: an identity token for Cloud Run or Cloud Functions, from the workflow's service account.
    args = {"url": url, "body": "${request}", "timeout": call.timeout, "auth": {"type": "OIDC"}}
    body: dict[str, Any] = {"call": "http.post", "args": args}
    if result:
        body["result"] = result
    if call.retries <= 0:
        return body
    backoff = {"initial_delay": 1, "max_delay": 60, "multiplier": 2}
    return {"try": body, "retry": {"predicate": "${http.default_retry_predicate}", "max_retries": call.retries,
                                   "backoff": backoff}}


class GcpWorkflowsTarget(TemplateTarget):
    """The `gcp-workflows` target."""

    name = "gcp-workflows"
    style = "orchestration"
    summary = "Google Cloud Workflows: YAML per flow with try/retry/except and compensation steps"
    templates = "scaffold/gcp-workflows"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """workflows/*.yaml, tests, README, requirements."""
        env = env_names(starter)
        flow_files = starter.flow_slugs
        workflows = [build_workflow(f, f"workflows/{flow_files[f.name]}.yaml", env) for f in starter.orchestrated_flows]
        files = {w.file: _header(w) + dump(w.document) for w in workflows}
        context = {"starter": starter, "workflows": workflows, "env": env, "expected": _expected(workflows)}
        return files | self.render_all(_DOCS, **context)


def _header(workflow: Workflow) -> str:
    name = workflow.file.split("/")[-1].removesuffix(".yaml")
    return (f"# Google Cloud Workflows source for flow {name}, generated by advisor.\n"
            f"# Deploy: gcloud workflows deploy {name} --source={workflow.file} --set-env-vars=...\n")


def _expected(workflows: list[Workflow]) -> dict[str, Any]:
    """What the starter's tests check each workflow against: steps and compensations in order."""
    return {
        w.file: {"steps": [c.name for c in w.steps],
                 "compensations": [[c.name, w.steps[c.step_index].name] for c in w.compensations]}
        for w in workflows
    }


TARGET = GcpWorkflowsTarget()
