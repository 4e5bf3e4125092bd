"""The kubernetes target: HA orchestrator, workers, flows in a ConfigMap, a Job per flow."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import yaml

from advisor.scaffold.kubernetes import k8s_name
from tests.conftest import shared_example
from tests.scaffold.helpers import (
    as_golden,
    awkward_model,
    checkout_files,
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


def test_golden_checkout(golden) -> None:
    files = checkout_files(TARGET, shared_example("checkout-orchestration.yaml"))
    golden("scaffold/kubernetes.txt", as_golden(files))


def test_checkout_manifests() -> None:
    files = checkout_files(TARGET, shared_example("checkout-orchestration.yaml"))
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
    assert job["spec"]["template"]["spec"]["containers"][0]["args"] == ["run", "place-order"]
    assert job["spec"]["activeDeadlineSeconds"] == 600


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
    assert flow["timeoutSeconds"] == 86400 and len(flow["steps"]) == 6
    assert flow["steps"][0]["retries"] == 0 and flow["steps"][0]["url"] == "http://order-service-v-2/import"
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


@pytest.mark.slow
def test_checkout_starter_passes_its_own_tests(tmp_path) -> None:
    from advisor.model import load_architecture

    model = load_architecture(shared_example("checkout-orchestration.yaml")).model
    output = run_starter_tests(model, TARGET, tmp_path / "starter")
    assert "passed" in output and "failed" not in output


@pytest.mark.slow
def test_awkward_starter_passes_its_own_tests(tmp_path) -> None:
    assert "passed" in run_starter_tests(awkward_model(), TARGET, tmp_path / "starter")


@pytest.mark.slow
def test_the_starter_tests_catch_an_invalid_manifest(tmp_path) -> None:
    out = tmp_path / "starter"
    run_starter_tests(awkward_model(), TARGET, out)
    path = out / "manifests" / "services" / "class.yaml"
    path.write_text(path.read_text().replace("containerPort: 8080", "containerPort: '8080'\n              hostIP: 1"))
    output = starter_tests_fail(out)
    assert "test_kubernetes_validate_accepts_the_manifest[manifests/services/class.yaml]" in output
