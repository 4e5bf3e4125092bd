"""One model, one saga: every engine's generated files give each step the same attempts
and timeout, and undo the same steps in the same order (read back from what each
engine would run: the DAG, the workflow code, the ASL, the Workflows YAML, the
orchestrator's flow definition)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from advisor.format.model import Architecture
from tests.scaffold.helpers import awkward_model, claims_model
from tests.scaffold.helpers import target_files as render

UNTIL_DONE = "until done"
_RENDERED: dict[tuple[str, int], dict[str, str]] = {}


def target_files(target: str, model: Architecture) -> dict[str, str]:
    """A target's files, rendered once per model object."""
    key = (target, id(model))
    if key not in _RENDERED:
        _RENDERED[key] = render(target, model)
    return _RENDERED[key]
_SECONDS = {"milliseconds": 0.001, "seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}


def _timedelta(text: str) -> float:
    unit, value = re.fullmatch(r"timedelta\((\w+)=(\d+)\)", text).groups()  # type: ignore[union-attr]
    return int(value) * _SECONDS[unit]


def _whole(seconds: float) -> int:
    return max(1, -int(-seconds // 1))


def temporal(model: Architecture, flow: str) -> dict[str, Any]:
    code = target_files("temporal", model)["workflows.py"]
    body = code[code.index(f"@workflow.defn(name={flow!r})"):]
    body = body[: body.index("@workflow.defn", 1)] if "@workflow.defn" in body[1:] else body
    calls = re.findall(r"execute_activity\(\n\s+activities\.\w+,\n\s+request,\n\s+task_queue=.*,\n"
                       r"\s+start_to_close_timeout=(timedelta\(\w+=\d+\)),\n\s+retry_policy=(.*),", body)
    attempts = [UNTIL_DONE if policy == "UNTIL_DONE" else int(re.search(r"maximum_attempts=(\d+)", policy)[1])
                for _, policy in calls]
    undo = re.findall(r"saga\.register\(Compensation\(\n\s+'([^']+)'", body)
    return {"attempts": attempts, "timeouts": [_whole(_timedelta(t)) for t, _ in calls], "undo": undo[::-1]}


def airflow(model: Architecture, flow: str) -> dict[str, Any]:
    dags = [text for path, text in target_files("airflow", model).items() if path.startswith("dags/")]
    dag = next(text for text in dags if f"Flow {flow} of" in text.splitlines()[0])
    tasks = re.findall(r"@task\(task_id='[^']+', retries=(\d+), execution_timeout=(timedelta\(\w+=\d+\))", dag)
    attempts = [UNTIL_DONE if int(r) == 100_000 else int(r) + 1 for r, _ in tasks]
    undo = re.findall(r"    \('[^']+', '([^']+)'\),", dag[dag.index("UNDO_TASKS = ["):]) if "UNDO_TASKS" in dag else []
    return {"attempts": attempts, "timeouts": [_whole(_timedelta(t)) for _, t in tasks], "undo": undo}


def step_functions(model: Architecture, flow: str) -> dict[str, Any]:
    files = target_files("step-functions", model)
    machine = next(json.loads(t) for p, t in files.items() if p.endswith(".asl.json")
                   and json.loads(t)["Comment"].startswith(f"{flow}:"))
    tasks = [s for s in machine["States"].values() if s["Type"] == "Task"]
    steps = [s for s in tasks if s["Comment"].startswith("step:")]

    def attempts(state: dict[str, Any]) -> Any:
        retry = [r["MaxAttempts"] for r in state["Retry"] if r["MaxAttempts"] > 0]
        return UNTIL_DONE if retry and retry[0] == 99_999_998 else (retry[0] + 1 if retry else 1)

    waits = [s["Resource"].endswith(".waitForTaskToken") for s in steps]
    undo = [s["Comment"].removeprefix("compensation: ") for s in tasks if s["Comment"].startswith("compensation:")]
    return {"attempts": [attempts(s) for s in steps], "timeouts": [s["TimeoutSeconds"] for s in steps],
            "undo": undo, "waits": waits}


def gcp_workflows(model: Architecture, flow: str) -> dict[str, Any]:
    files = target_files("gcp-workflows", model)
    document = next(yaml.safe_load(t) for p, t in files.items() if p.startswith("workflows/")
                    and _gcp_flow(files, p) == flow)
    calls: list[dict[str, Any]] = []

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            post = node.get("try") if isinstance(node.get("try"), dict) and "call" in node["try"] else node
            if post.get("call") == "http.post" and "result" in post:
                calls.append(node)
                return
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for item in node:
                visit(item)

    visit(document["main"]["steps"])
    attempts = [UNTIL_DONE if c.get("retry", {}).get("max_retries") == 100_000
                else c.get("retry", {}).get("max_retries", 0) + 1 for c in calls]
    timeouts = [(c.get("try") if "try" in c else c)["args"]["timeout"] for c in calls]
    return {"attempts": attempts, "timeouts": timeouts}


def kubernetes(model: Architecture, flow: str) -> dict[str, Any]:
    files = target_files("kubernetes", model)
    config_map = yaml.safe_load(files["manifests/flows-configmap.yaml"])
    definition = next(json.loads(t) for t in config_map["data"].values() if json.loads(t)["flow"] == flow)
    steps = definition["steps"]
    return {"attempts": [UNTIL_DONE if s["retry"]["attempts"] is None else s["retry"]["attempts"] for s in steps],
            "timeouts": [_whole(s["timeoutSeconds"]) for s in steps],
            "undo": [f"{s['name'].split('.')[0]}.{s['compensation']}" for s in reversed(steps) if s["compensation"]]}


def _gcp_flow(files: dict[str, str], path: str) -> str:
    readme = files["README.md"]
    match = re.search(r"### Flow `([^`]+)` → `" + re.escape(path) + "`", readme)
    return match[1] if match else ""


MODELS = {"claims": claims_model(), "awkward": awkward_model()}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_engine_gives_each_step_the_same_attempts_and_timeouts(name: str) -> None:
    model = MODELS[name]
    for flow in (f.name for f in model.flows.values() if f.steps and f.style != "choreography"):
        results = {engine: read(model, flow) for engine, read in
                   [("temporal", temporal), ("airflow", airflow), ("step-functions", step_functions),
                    ("gcp-workflows", gcp_workflows), ("kubernetes", kubernetes)]}
        attempts = {engine: r["attempts"] for engine, r in results.items()}
        assert len({json.dumps(a) for a in attempts.values()}) == 1, f"{flow}: {attempts}"
        assert len(attempts["temporal"]) == len(model.flows[flow].steps)
        sfn_waits = results["step-functions"]["waits"]
        timeouts = {engine: [t for t, waits in zip(r["timeouts"], sfn_waits, strict=True) if not waits]
                    for engine, r in results.items()}
        gcp = timeouts.pop("gcp-workflows")
        assert len({json.dumps(t) for t in timeouts.values()}) == 1, f"{flow}: {timeouts}"
        # Workflows allows an HTTP call at most 1800s: the one engine limit below a plan's timeout.
        assert gcp == [min(t, 1800) for t in timeouts["temporal"]], flow


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_engine_undoes_the_same_steps_in_the_same_order(name: str) -> None:
    model = MODELS[name]
    for flow in (f.name for f in model.flows.values() if f.steps and f.style != "choreography"):
        temporal_undo = temporal(model, flow)["undo"]
        assert airflow(model, flow)["undo"] == temporal_undo, flow
        labels = [u.replace(".", " ").split()[-1] for u in step_functions(model, flow)["undo"]]
        assert labels == [u.split(".")[-1] for u in temporal_undo], flow


def test_the_claims_saga_reads_the_same_on_every_engine() -> None:
    model = MODELS["claims"]
    # get-claim, approve-claim, pay-out (retries: 3), close-claim (the pivot), book-payment
    # (after the pivot: until done), notify-claimant (best effort, retries: 1).
    for read in (temporal, airflow, step_functions, gcp_workflows, kubernetes):
        assert read(model, "settle-claim")["attempts"] == [3, 3, 4, 3, UNTIL_DONE, 2], read.__name__
    assert temporal(model, "settle-claim")["undo"] == ["payments.claw-back", "assessor.reopen-claim"]
    assert kubernetes(model, "settle-claim")["undo"] == ["payments.claw-back", "assessor.reopen-claim"]
