"""Kubernetes: the orchestrator and the workers of each flow as Deployments and Services.

Orchestrators run at least two replicas with a PodDisruptionBudget (a coordinator must
not be a single point of failure); the flow definitions live in a ConfigMap the
orchestrator mounts; a Job per flow starts one run by hand. Manifests are built as data
and dumped with PyYAML, so names from the model cannot break their structure.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from advisor import names
from advisor.format.model import Flow
from advisor.scaffold.base import TemplateTarget
from advisor.scaffold.engine import Starter
from advisor.scaffold.plan import COMPENSATION, COMPENSATION_TIMEOUT, Retry, plan_flow
from advisor.scaffold.yamltext import dump, dump_all

PORT = 8080
FLOWS_DIR = "/etc/flows"
STORE_DIR = "/var/lib/saga"
USER_ID = 10001
_DOCS = {"README.md": "README.md.j2", "requirements.txt": "requirements.txt.j2", "pytest.ini": "pytest.ini.j2",
         "tests/test_manifests.py": "test_manifests.py.j2", "orchestrator/saga.py": "saga.py.j2",
         "tests/test_saga.py": "test_saga.py.j2"}


def k8s_name(name: str, fallback: str = "app", limit: int = 63) -> str:
    """A DNS-1035 label (lower case, digits, dashes; starts with a letter; at most `limit`)."""
    text = names.slug(name, fallback)
    if not text[0].isalpha():
        text = f"{fallback}-{text}"
    return text[:limit].rstrip("-")


@dataclass(frozen=True)
class Plan:
    """Who runs where: Kubernetes names for services and flows, orchestrators and workers."""

    system: str
    services: dict[str, str]
    flows: dict[str, str]
    orchestrators: tuple[str, ...]
    workers: tuple[str, ...]
    orchestrator_of: dict[str, str]


def plan(starter: Starter) -> Plan:
    """Decide the Deployments: one per orchestrator and one per service a flow calls."""
    flows = starter.orchestrated_flows
    orchestrator_of = {f.name: f.orchestrator or "orchestrator" for f in flows}
    declared = [s.name for s in starter.model.services.values() if s.role == "orchestrator"]
    orchestrators = list(dict.fromkeys([*orchestrator_of.values(), *declared]))
    workers = [s.service for f in flows for s in f.steps if s.service not in orchestrators]
    workers = list(dict.fromkeys(workers))
    services = names.unique([*orchestrators, *workers], k8s_name, respell=True)
    flow_names = names.unique([f.name for f in flows], lambda n: k8s_name(n, "flow", 40), respell=True)
    return Plan(k8s_name(starter.system, "system"), services, flow_names, tuple(orchestrators), tuple(workers),
                orchestrator_of)


def env_name(name: str) -> str:
    """The environment variable holding a service's URL: `INVENTORY_URL`."""
    return name.upper().replace("-", "_") + "_URL"


def _retry(retry: Retry) -> dict[str, Any]:
    backoff = retry.backoff
    return {"attempts": retry.attempts,
            "backoff": {"initial": backoff.initial, "rate": backoff.rate, "maximum": backoff.maximum}}


def flow_definition(flow: Flow, p: Plan, traits: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The flow as the orchestrator (orchestrator/saga.py) reads it from the ConfigMap: the saga plan."""
    saga = plan_flow(flow, traits)
    steps = [{
        "name": f"{s.service}.{s.action}", "service": p.services[s.service], "action": s.action,
        "kind": s.kind or None, "critical": s.critical, "afterPivot": s.after_pivot, "waits": s.waits,
        "compensation": s.compensation or None,
        "url": f"http://{p.services[s.service]}/{names.slug(s.action, 'action')}",
        "compensationUrl": f"http://{p.services[s.service]}/{names.slug(s.compensation, 'undo')}"
        if s.compensation else None,
        "retry": _retry(s.retry), "timeoutSeconds": s.timeout,
    } for s in saga.steps]
    return {"flow": flow.name, "orchestrator": p.services[p.orchestrator_of[flow.name]],
            "deadlineSeconds": saga.deadline, "pivot": saga.pivot, "steps": steps,
            "compensation": {"retry": _retry(COMPENSATION), "timeoutSeconds": COMPENSATION_TIMEOUT}}


def labels(p: Plan, name: str, component: str) -> dict[str, str]:
    """The recommended app.kubernetes.io labels."""
    return {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": p.system,
            "app.kubernetes.io/component": component}


def container(name: str, image_name: str, env: list[dict[str, str]], mounts: list[dict[str, Any]]) -> dict[str, Any]:
    """A hardened container listening on PORT with health probes."""
    probe = {"httpGet": {"path": "/healthz", "port": "http"}, "periodSeconds": 10}
    return {
        "name": name, "image": image_name, "ports": [{"name": "http", "containerPort": PORT}],
        **({"env": env} if env else {}),
        "readinessProbe": probe, "livenessProbe": {**probe, "initialDelaySeconds": 10},
        "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}, "limits": {"memory": "256Mi"}},
        "securityContext": SECURITY,
        "volumeMounts": [*mounts, {"name": "tmp", "mountPath": "/tmp"}],
    }


# Pod Security "restricted": non-root with a numeric user, no privilege escalation, the
# runtime's seccomp profile, no capabilities, a read-only root (writable /tmp only).
SECURITY = {"runAsNonRoot": True, "runAsUser": USER_ID, "allowPrivilegeEscalation": False,
            "readOnlyRootFilesystem": True, "capabilities": {"drop": ["ALL"]},
            "seccompProfile": {"type": "RuntimeDefault"}}
POD_SECURITY = {"runAsNonRoot": True, "runAsUser": USER_ID, "fsGroup": USER_ID,
                "seccompProfile": {"type": "RuntimeDefault"}}
TMP = {"name": "tmp", "emptyDir": {}}


def deployment(p: Plan, service: str, replicas: int, component: str,
               env: list[dict[str, str]], volumes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A Deployment and its Service (and a PodDisruptionBudget for an orchestrator)."""
    name = p.services[service]
    selector = {"app.kubernetes.io/name": name, "app.kubernetes.io/part-of": p.system}
    mounts = [{"name": v["name"], "mountPath": FLOWS_DIR, "readOnly": True} for v in volumes]
    pod: dict[str, Any] = {"automountServiceAccountToken": False, "securityContext": POD_SECURITY,
                           "containers": [container(name, image(p, name), env, mounts)],
                           "volumes": [*volumes, TMP]}
    if component == "orchestrator":
        term = {"labelSelector": {"matchLabels": selector}, "topologyKey": "kubernetes.io/hostname"}
        pod["affinity"] = {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 100, "podAffinityTerm": term}]}}
    meta = {"name": name, "labels": labels(p, name, component)}
    documents = [
        {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta, "spec": {
            "replicas": replicas, "selector": {"matchLabels": selector},
            "template": {"metadata": {"labels": labels(p, name, component)}, "spec": pod}}},
        {"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": {
            "selector": selector, "ports": [{"name": "http", "port": 80, "targetPort": "http"}]}},
    ]
    if component == "orchestrator":
        documents.append({"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": meta,
                          "spec": {"minAvailable": 1, "selector": {"matchLabels": selector}}})
    return documents


def image(p: Plan, name: str) -> str:
    """A placeholder image; kustomization.yaml's `images:` points it at your registry."""
    return f"registry.example.com/{p.system}/{name}:0.1.0"


STORE_CLAIM = "saga-store"


def store_claim(p: Plan) -> dict[str, Any]:
    """The PersistentVolumeClaim holding the orchestrator's store (its SQLite file)."""
    return {"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": STORE_CLAIM, "labels": {"app.kubernetes.io/part-of": p.system}},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}


def job(p: Plan, flow: Flow, config_map: str) -> dict[str, Any]:
    """A Job that runs (or, after an eviction, resumes) one instance of a flow, named by
    its business key, with the orchestrator's image and the durable store."""
    orchestrator = p.services[p.orchestrator_of[flow.name]]
    # Not the orchestrator's own name label: its Service must not send traffic to a run.
    meta = labels(p, k8s_name(f"{orchestrator} run"), "flow-run")
    run = {
        "name": "run", "image": image(p, orchestrator),
        "args": ["run", p.flows[flow.name], "$(INSTANCE_ID)", "$(REQUEST)"],
        "env": [{"name": "INSTANCE_ID", "value": "example-1"}, {"name": "REQUEST", "value": '{"id": "example-1"}'},
                {"name": "FLOWS_DIR", "value": FLOWS_DIR}, {"name": "SAGA_STORE", "value": f"{STORE_DIR}/saga.db"},
                *_urls(p, flow)],
        "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}, "limits": {"memory": "128Mi"}},
        "volumeMounts": [{"name": "flows", "mountPath": FLOWS_DIR, "readOnly": True},
                         {"name": "store", "mountPath": STORE_DIR}, {"name": "tmp", "mountPath": "/tmp"}],
        "securityContext": SECURITY,
    }
    # No activeDeadlineSeconds: it would kill the run without compensating (saga.py keeps
    # the flow's deadline). A failed or evicted pod is replaced and resumes from the store.
    return {"apiVersion": "batch/v1", "kind": "Job",
            "metadata": {"generateName": f"run-{p.flows[flow.name]}-", "labels": meta},
            "spec": {"backoffLimit": 6, "ttlSecondsAfterFinished": 86400,
                     "template": {"metadata": {"labels": meta}, "spec": {
                         "restartPolicy": "Never", "automountServiceAccountToken": False,
                         "securityContext": POD_SECURITY, "containers": [run],
                         "volumes": [{"name": "flows", "configMap": {"name": config_map}},
                                     {"name": "store", "persistentVolumeClaim": {"claimName": STORE_CLAIM}}, TMP]}}}}


def _urls(p: Plan, flow: Flow) -> list[dict[str, str]]:
    workers = dict.fromkeys(p.services[s.service] for s in flow.steps)
    return [{"name": env_name(w), "value": f"http://{w}"} for w in workers]


class KubernetesTarget(TemplateTarget):
    """The `kubernetes` target."""

    name = "kubernetes"
    style = "orchestration"
    summary = "Kubernetes manifests: orchestrator (HA) and workers, flows in a ConfigMap, a Job per flow"
    templates = "scaffold/kubernetes"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """manifests/*.yaml (kustomize), jobs/*.yaml, tests, README, requirements."""
        p = plan(starter)
        flows = starter.orchestrated_flows
        config_map = k8s_name(f"{p.system} flows")
        files = {"manifests/flows-configmap.yaml": dump(self.config_map(p, flows, config_map, starter.model.traits)),
                 "manifests/saga-store.yaml": dump(store_claim(p))}
        for service in (*p.orchestrators, *p.workers):
            documents = self.service(starter, p, service, config_map)
            files[f"manifests/services/{p.services[service]}.yaml"] = dump_all(documents)
        files["manifests/kustomization.yaml"] = dump({
            "apiVersion": "kustomize.config.k8s.io/v1beta1", "kind": "Kustomization",
            "resources": sorted((path.split("/", 1)[1] for path in files), key=lambda r: ("/" in r, r)),
            "images": [{"name": image(p, n).rsplit(":", 1)[0], "newName": image(p, n).rsplit(":", 1)[0],
                        "newTag": "0.1.0"} for n in p.services.values()],
        })
        for flow in flows:
            files[f"jobs/run-{p.flows[flow.name]}.yaml"] = dump(job(p, flow, config_map))
        context = {"starter": starter, "plan": p, "flows": flows, "config_map": config_map,
                   "expected": _expected(starter, p, config_map)}
        return files | self.render_all(_DOCS, **context)

    def config_map(self, p: Plan, flows: tuple[Flow, ...], name: str, traits: Mapping[str, Any]) -> dict[str, Any]:
        """The ConfigMap holding every flow definition as JSON."""
        data = {f"{p.flows[f.name]}.json": json.dumps(flow_definition(f, p, traits), indent=2) + "\n"
                for f in flows}
        return {"apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": name, "labels": {"app.kubernetes.io/part-of": p.system}}, "data": data}

    def service(self, starter: Starter, p: Plan, service: str, config_map: str) -> list[dict[str, Any]]:
        """The documents of one service: orchestrators get the flows and the workers' URLs."""
        declared = starter.model.services.get(service)
        replicas = declared.replicas if declared and declared.replicas is not None else None
        if service not in p.orchestrators:
            documents = deployment(p, service, 1 if replicas is None else replicas, "worker", [], [])
        else:
            own = [f for f in starter.orchestrated_flows if p.orchestrator_of[f.name] == service]
            urls = list({u["name"]: u for f in own for u in _urls(p, f)}.values())
            env = [{"name": "FLOWS_DIR", "value": FLOWS_DIR}, *urls]
            volumes = [{"name": "flows", "configMap": {"name": config_map}}]
            documents = deployment(p, service, max(2, replicas or 0), "orchestrator", env, volumes)
        return documents


def _expected(starter: Starter, p: Plan, config_map: str) -> dict[str, Any]:
    """What the starter's tests check the manifests against."""
    return {
        "configMap": config_map,
        "orchestrators": [p.services[o] for o in p.orchestrators],
        "workers": [p.services[w] for w in p.workers],
        "flows": {f"{p.flows[f.name]}.json": {
            "orchestrator": p.services[p.orchestrator_of[f.name]],
            "steps": [[p.services[s.service], s.action] for s in f.steps]} for f in starter.orchestrated_flows},
    }


TARGET = KubernetesTarget()
