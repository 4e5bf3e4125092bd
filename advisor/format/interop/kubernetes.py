"""Kubernetes manifests (files, folders, `helm template` output) -> services, replicas and calls.

Workloads become services; an environment variable whose whole value is the address of
another workload's Service becomes a call, with the protocol its port declares (port name
or appProtocol, as Istio and Kubernetes name them). Datastores and brokers are not services.
A manifest without metadata.namespace (`helm template` output) is in whichever namespace it
is applied to, so it matches a host of any namespace. Every address that becomes no call is
reported.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from advisor.format.interop.facts import Facts, Recorder, listing, mapping, text
from advisor.format.interop.sources import Source
from advisor.format.interop.wiring import address_name, engine, host_in, infrastructure, local_host, protocol_of
from advisor.format.loader import NodePath
from advisor.names import model_name

_POD_SPEC: dict[str, tuple[str, ...]] = {
    "Deployment": ("spec", "template"), "StatefulSet": ("spec", "template"), "DaemonSet": ("spec", "template"),
    "ReplicaSet": ("spec", "template"), "ReplicationController": ("spec", "template"),
    "Job": ("spec", "template"), "CronJob": ("spec", "jobTemplate", "spec", "template"), "Pod": (),
}
_SCALED = {"Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"}


@dataclass
class Workload:
    """A workload and where it was written."""

    rec: Recorder
    at: NodePath
    kind: str
    name: str
    namespace: str
    body: dict[str, Any]
    template: NodePath
    labels: dict[str, Any] = field(default_factory=dict)

    def pod(self) -> dict[str, Any]:
        """The pod template (or the Pod itself)."""
        node: Any = self.body
        for part in self.template:
            node = node.get(part) if isinstance(node, dict) else None
        return node if isinstance(node, dict) else {}

    def containers(self) -> Iterator[tuple[NodePath, dict[str, Any]]]:
        """Each container with its node path."""
        spec = self.pod().get("spec")
        containers = spec.get("containers") if isinstance(spec, dict) else None
        for i, container in enumerate(containers if isinstance(containers, list) else []):
            if isinstance(container, dict):
                yield (*self.at, *self.template, "spec", "containers", i), container


@dataclass
class KubeService:
    """A Service object: what it selects and its ports."""

    name: str
    namespace: str
    selector: dict[str, Any]
    ports: list[dict[str, Any]]


def objects(sources: list[Source], facts: Facts) -> Iterator[tuple[Recorder, NodePath, dict[str, Any]]]:
    """Every object, `kind: List` items included, with its recorder and node path."""
    for source in sources:
        rec = Recorder(source.document, facts)
        data = source.document.data
        if data.get("kind") == "List" and isinstance(data.get("items"), list):
            yield from ((rec, ("items", i), o) for i, o in enumerate(data["items"]) if isinstance(o, dict))
        else:
            yield rec, (), data


def _meta(obj: dict[str, Any]) -> tuple[str, str]:
    """An object's name and namespace ("" when unset: the namespace it is applied to)."""
    meta = mapping(obj.get("metadata"))
    return text(meta.get("name")), text(meta.get("namespace"))


def together(one: str, other: str) -> bool:
    """Whether two objects' namespaces can be the same one (unset is any)."""
    return one == other or not one or not other


def read(sources: list[Source], facts: Facts) -> None:
    """Record the services and calls of a set of manifests."""
    workloads: list[Workload] = []
    services: list[KubeService] = []
    scalers: dict[tuple[str, str, str], tuple[Recorder, NodePath, int]] = {}
    ignored: Counter[str] = Counter()
    first: dict[str, tuple[Recorder, NodePath]] = {}
    for rec, at, obj in objects(sources, facts):
        kind, (name, namespace) = str(obj.get("kind", "")), _meta(obj)
        if kind in _POD_SPEC and name:
            workload = Workload(rec, at, kind, name, namespace, obj, _POD_SPEC[kind])
            meta = workload.pod().get("metadata")
            workload.labels = mapping(mapping(meta).get("labels"))
            workloads.append(workload)
        elif kind == "HorizontalPodAutoscaler" and name:
            spec = mapping(obj.get("spec"))
            target = mapping(spec.get("scaleTargetRef"))
            low = spec.get("minReplicas", 1)
            if isinstance(low, int) and not isinstance(low, bool):
                where = (*at, "spec", "minReplicas") if "minReplicas" in spec else (*at, "spec")
                scalers[(namespace, text(target.get("kind")), text(target.get("name")))] = (rec, where, low)
        elif kind == "Service" and name:
            spec = mapping(obj.get("spec"))
            ports = [p for p in listing(spec.get("ports")) if isinstance(p, dict)]
            services.append(KubeService(name, namespace, mapping(spec.get("selector")), ports))
        else:
            ignored[kind or "(no kind)"] += 1
            first.setdefault(kind or "(no kind)", (rec, at))
    for kind, count in sorted(ignored.items()):
        rec, at = first[kind]
        more = f" (and {count - 1} more)" if count > 1 else ""
        rec.note(f"{kind}{more}: nothing to map to services, events or flows", at)
    _Mapper(workloads, services, scalers).record()


class _Mapper:
    def __init__(self, workloads: list[Workload], services: list[KubeService],
                 scalers: dict[tuple[str, str, str], tuple[Recorder, NodePath, int]]) -> None:
        self.workloads = workloads
        self.scalers = scalers
        self.services: dict[str, list[KubeService]] = {}
        for s in services:
            self.services.setdefault(s.name, []).append(s)
        self.names = {id(w): model_name(w.name) for w in workloads}
        self.infra = {id(w): _infra_of(w) for w in workloads}
        self.by_label: dict[tuple[str, str], list[Workload]] = {}
        self.by_name: dict[str, list[Workload]] = {}
        for w in workloads:
            self.by_name.setdefault(w.name, []).append(w)
            for k, v in w.labels.items():
                self.by_label.setdefault((str(k), str(v)), []).append(w)
        self.selected: dict[int, list[Workload]] = {}

    def behind(self, service: KubeService) -> list[Workload]:
        """The workloads a Service selects (found through a label index: manifests can be many);
        for a Service without a selector, the workload of its name."""
        if id(service) not in self.selected:
            pairs = list(service.selector.items())
            candidates = self.by_label.get((str(pairs[0][0]), str(pairs[0][1])), []) if pairs else \
                self.by_name.get(service.name, [])
            self.selected[id(service)] = [w for w in candidates if together(w.namespace, service.namespace)
                                          and all(w.labels.get(k) == v for k, v in pairs)]
        return self.selected[id(service)]

    def record(self) -> None:
        for w in self.workloads:
            name = self.names[id(w)]
            if self.infra[id(w)]:
                w.rec.note(f"{w.kind} {w.name} runs {self.infra[id(w)]}: a datastore or broker, not a service", w.at)
                continue
            if not name:
                w.rec.note(f"{w.kind} name {w.name!r} cannot be a service name", (*w.at, "metadata", "name"))
                continue
            self.service(w, name)

    def service(self, w: Workload, name: str) -> None:
        rec, path = w.rec, ("services", name)
        rec.declare(path, (*w.at, "metadata", "name"))
        scaler = self.scalers.get((w.namespace, w.kind, w.name)) or next(
            (found for (space, kind, target), found in self.scalers.items()
             if (kind, target) == (w.kind, w.name) and together(space, w.namespace)), None) if self.scalers else None
        if scaler:  # an autoscaler decides; the floor it keeps is what can be relied on
            scaler[0].set((*path, "replicas"), scaler[2], scaler[1], "minReplicas of its HorizontalPodAutoscaler")
        elif w.kind in _SCALED:
            spec = mapping(w.body.get("spec"))
            replicas = spec.get("replicas")
            if isinstance(replicas, int) and not isinstance(replicas, bool):
                rec.set((*path, "replicas"), replicas, (*w.at, "spec", "replicas"))
            elif "replicas" not in spec:
                rec.default((*path, "replicas"), 1, (*w.at, "spec"), "no replicas: the Kubernetes default")
        meta = mapping(w.body.get("metadata"))
        for source in ("labels", "annotations"):
            found = mapping(meta.get(source))
            owner = next((found[k] for k in ("owner", "team") if isinstance(found.get(k), str)), "")
            if owner:
                rec.set((*path, "owner"), owner, (*w.at, "metadata", source))
                break
        for at, container in w.containers():
            if isinstance(container.get("image"), str) and engine(container["image"]):
                rec.set((*path, "role"), "orchestrator", (*at, "image"))
            self.calls(w, name, at, container)

    def calls(self, w: Workload, name: str, at: NodePath, container: dict[str, Any]) -> None:
        for i, var in enumerate(listing(container.get("env"))):
            if not isinstance(var, dict) or not isinstance(var.get("value"), str):
                continue
            address = host_in(var["value"], named=address_name(text(var.get("name"))))
            if address is None or local_host(address[0]):
                continue
            where, said = (*at, "env", i, "value"), f"{text(var.get('name')) or 'env'}={var['value']}"
            service, why = self.resolve(address[0], w.namespace)
            if service is None:
                w.rec.note(f"{said}: {why}; not a call", where)
                continue
            callees = self.behind(service)
            if not callees:
                w.rec.note(f"{said}: Service {service.name} selects no workload of these manifests; not a call",
                           where)
            detail = "" if service.selector else f"Service {service.name} has no selector: the workload of its name"
            for callee in callees:
                why = _not_a_callee(self.infra[id(callee)], callee.name, callee is w, bool(self.names[id(callee)]))
                if why:
                    w.rec.note(f"{said}: {why}; not a call", where)
                    continue
                protocol = protocol_of(address[2]) or _port_protocol(service, address[1])
                item: Any = {"service": self.names[id(callee)], "protocol": protocol} if protocol else \
                    self.names[id(callee)]
                w.rec.add(("services", name, "calls"), item, where, detail)

    def resolve(self, host: str, namespace: str) -> tuple[KubeService | None, str]:
        """The Service a host name means (`svc`, `svc.ns`, `svc.ns.svc[.cluster.local]`), or why none."""
        parts = host.split(".")
        if len(parts) > 2 and parts[2] != "svc":
            return None, f"{host} is not a Service host of the cluster"
        wanted = parts[1] if len(parts) > 1 else namespace
        named = self.services.get(parts[0], [])
        exact = [s for s in named if s.namespace == wanted]
        loose = exact or [s for s in named if together(s.namespace, wanted)]
        if len(loose) == 1:
            return loose[0], ""
        if loose:
            spaces = ", ".join(sorted(s.namespace or "(unset)" for s in loose))
            return None, f"Services named {parts[0]} in several namespaces ({spaces})"
        if named:
            spaces = ", ".join(sorted(s.namespace for s in named))
            return None, f"Service {parts[0]} is in namespace {spaces}, not {wanted}"
        return None, f"no Service {parts[0]} in these manifests"


def _not_a_callee(infra: str, name: str, itself: bool, named: bool) -> str:
    """Why the workload behind an address is no callee, or ""."""
    if infra:
        return f"{name} runs {infra}, a datastore or broker"
    if itself:
        return f"{name} is this workload itself"
    return "" if named else f"{name!r} cannot be a service name"


def _infra_of(w: Workload) -> str:
    images = [text(c.get("image")) for _, c in w.containers() if text(c.get("image"))]
    found = [infrastructure(image) for image in images]
    return found[0] if found and all(found) else ""


def _port_protocol(service: KubeService, port: int | None) -> str:
    ports = service.ports if port is None else [p for p in service.ports if p.get("port") == port]
    if len(ports) != 1:
        return ""
    chosen = ports[0]
    return protocol_of(str(chosen.get("appProtocol") or "")) or protocol_of(str(chosen.get("name") or ""))
