"""The kubernetes target: HA orchestrator, workers, flows in a ConfigMap, a Job per flow."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from advisor.scaffold.kubernetes import k8s_name
from tests.scaffold.helpers import (
    awkward_model,
    checkout_model,
    claims_model,
    run_starter_tests,
    starter_tests_fail,
    target_files,
)

TARGET = "kubernetes"
DNS_LABEL = re.compile(r"^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$")


def documents(files: dict[str, str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path, text in sorted(files.items()):
        if path.endswith(".yaml") and path != "manifests/kustomization.yaml":
            found += [d for d in yaml.safe_load_all(text) if d]
    return found


def kinds(files: dict[str, str], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"].get("name") or d["metadata"]["generateName"]: d for d in documents(files)
            if d["kind"] == kind}


def test_checkout_manifests() -> None:
    files = target_files(TARGET, checkout_model())
    deployments = kinds(files, "Deployment")
    assert sorted(deployments) == ["checkout", "inventory", "payments", "shipping"]  # notifications: in no flow
    assert deployments["checkout"]["spec"]["replicas"] == 2
    assert set(kinds(files, "Service")) == set(deployments)
    assert list(kinds(files, "PodDisruptionBudget")) == ["checkout"]
    [config_map] = kinds(files, "ConfigMap").values()
    flow = json.loads(config_map["data"]["place-order.json"])
    assert [(s["service"], s["action"], s["compensation"]) for s in flow["steps"]] == [
        ("inventory", "reserve", "release"), ("payments", "capture", "refund"), ("shipping", "ship", None)]
    [job] = kinds(files, "Job").values()
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == [
        "run", "place-order", "$(INSTANCE_ID)", "$(REQUEST)"]
    assert "activeDeadlineSeconds" not in job["spec"]  # saga.py keeps the 10m deadline and compensates


@pytest.fixture(scope="module")
def awkward() -> dict[str, str]:
    return target_files(TARGET, awkward_model())


def test_names_are_distinct_dns_labels(awkward) -> None:
    deployments = kinds(awkward, "Deployment")
    assert sorted(deployments) == ["app-9-lives", "checkout-main", "class", "order-service-v-2",
                                   "order-service-v-2-2", "payments"]
    for document in documents(awkward):
        name = document["metadata"].get("name") or document["metadata"]["generateName"] + "x"
        assert DNS_LABEL.match(name), name
        for value in document["metadata"]["labels"].values():
            assert len(value) <= 63


def test_orchestrator_gets_two_replicas_even_when_the_model_says_one(awkward) -> None:
    orchestrator = kinds(awkward, "Deployment")["checkout-main"]
    assert orchestrator["spec"]["replicas"] == 2
    assert orchestrator["metadata"]["labels"]["app.kubernetes.io/component"] == "orchestrator"
    affinity = orchestrator["spec"]["template"]["spec"]["affinity"]["podAntiAffinity"]
    assert affinity["preferredDuringSchedulingIgnoredDuringExecution"][0]["podAffinityTerm"]["topologyKey"]


def test_orchestrator_knows_every_worker_url(awkward) -> None:
    container = kinds(awkward, "Deployment")["checkout-main"]["spec"]["template"]["spec"]["containers"][0]
    env = {e["name"]: e["value"] for e in container["env"]}
    workers = set(kinds(awkward, "Deployment")) - {"checkout-main"}
    assert {v.removeprefix("http://") for k, v in env.items() if k.endswith("_URL")} == workers
    assert env["FLOWS_DIR"] == "/etc/flows"


def test_config_map_and_jobs_cover_every_flow(awkward) -> None:
    [config_map] = kinds(awkward, "ConfigMap").values()
    assert sorted(config_map["data"]) == ["place-order-2.json", "place-order.json", "single.json"]
    flow = json.loads(config_map["data"]["place-order.json"])
    assert flow["deadlineSeconds"] == 86400 and len(flow["steps"]) == 6
    assert flow["steps"][0]["retry"]["attempts"] == 1 and flow["steps"][0]["url"] == "http://order-service-v-2/import"
    assert flow["steps"][2]["retry"]["attempts"] == 3  # the default, as on every engine
    assert flow["steps"][0]["timeoutSeconds"] == 0.5
    assert flow["steps"][1]["compensationUrl"] == "http://order-service-v-2-2/un-import"
    assert sorted(p for p in awkward if p.startswith("jobs/")) == [
        "jobs/run-place-order-2.yaml", "jobs/run-place-order.yaml", "jobs/run-single.yaml"]


def test_kustomization_lists_every_manifest(awkward) -> None:
    kustomization = yaml.safe_load(awkward["manifests/kustomization.yaml"])
    manifests = {p for p in awkward if p.startswith("manifests/") and not p.endswith("kustomization.yaml")}
    assert {f"manifests/{r}" for r in kustomization["resources"]} == manifests


def test_no_anchors_in_the_yaml(awkward) -> None:
    for path, text in awkward.items():
        assert "&id" not in text and "*id" not in text, path


@pytest.mark.parametrize(("name", "expected"), [("Checkout.Main", "checkout-main"), ("9lives", "app-9-lives"),
                                                ("a" * 80, "a" * 63), ("--", "app"), ("x-" * 40, "x-" * 31 + "x")])
def test_k8s_name(name: str, expected: str) -> None:
    assert k8s_name(name) == expected


def test_claims_flow_definition_is_the_saga_plan() -> None:
    files = target_files(TARGET, claims_model())
    [config_map] = kinds(files, "ConfigMap").values()
    flow = json.loads(config_map["data"]["settle-claim.json"])
    assert flow["pivot"] == 3 and flow["deadlineSeconds"] == 14 * 86400
    assert [s["retry"]["attempts"] for s in flow["steps"]] == [3, 3, 4, 3, None, 2]
    assert [bool(s["compensationUrl"]) for s in flow["steps"]] == [False, True, True, False, False, False]
    assert flow["steps"][1]["waits"] and flow["compensation"]["retry"]["attempts"] == 10
    job = next(iter(kinds(files, "Job").values()))
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == [
        "run", "settle-claim", "$(INSTANCE_ID)", "$(REQUEST)"]
    assert "activeDeadlineSeconds" not in job["spec"] and job["spec"]["backoffLimit"] == 6
    assert "orchestrator/saga.py" in files and "manifests/saga-store.yaml" in files


@pytest.mark.slow
def test_the_claims_saga_runs_compensates_and_resumes(tmp_path) -> None:
    output = run_starter_tests(claims_model(), TARGET, tmp_path / "starter")
    assert " passed" in output and "failed" not in output and "skipped" not in output


PLANTS = {
    "undo order reversed": ("for position in sorted(marks, reverse=True):", "for position in sorted(marks):"),
    "finished steps repeated on resume": ("continue  # finished before a restart: never repeated", "pass"),
    "attempts ignored": ('if retry["attempts"] is not None and attempt >= retry["attempts"]:', "if True:"),
    "deadline dropped": ('if current.get("deadline") is not None and time.time() >= current["deadline"]:',
                         "if False:"),
    "failed step not undone": ('store.mark(instance, position, "attempted")', "pass"),
}


@pytest.mark.slow
@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_the_starter_tests_catch_a_planted_break(tmp_path, plant: str) -> None:
    from tests.scaffold.helpers import generate

    out = tmp_path / "starter"
    generate(checkout_model(), TARGET, out)
    path = out / "orchestrator" / "saga.py"
    before, after = PLANTS[plant]
    assert before in path.read_text()
    path.write_text(path.read_text().replace(before, after, 1))
    starter_tests_fail(out)


@pytest.mark.slow
def test_the_starter_tests_catch_an_invalid_manifest(tmp_path) -> None:
    out = tmp_path / "starter"
    run_starter_tests(awkward_model(), TARGET, out)
    path = out / "manifests" / "services" / "class.yaml"
    path.write_text(path.read_text().replace("containerPort: 8080", "containerPort: '8080'\n              hostIP: 1"))
    output = starter_tests_fail(out)
    assert "test_kubernetes_validate_accepts_the_manifest[manifests/services/class.yaml]" in output
