"""Backstage catalog entities -> services with owners, calls and descriptions.

Components of type service or website become services. `dependsOn` another component
in the catalog is a call; consuming an API another component provides is a call, with
the protocol its type says (openapi: http, grpc, graphql). Resources, groups and
references outside the imported catalog have no place in the model and are reported.
"""

from __future__ import annotations

from typing import Any

from advisor.format.interop.facts import Facts, Recorder, listing
from advisor.format.interop.sources import Source
from advisor.format.loader import NodePath
from advisor.names import model_name

SERVICE_TYPES = ("service", "website")
API_PROTOCOLS = {"openapi": "http", "grpc": "grpc", "graphql": "graphql", "trpc": "http"}


def entity_name(ref: str, kind: str = "component") -> tuple[str, str]:
    """(kind, name) of an entity reference: `component:default/cart` -> (component, cart)."""
    head, _, rest = ref.partition(":") if ":" in ref else (kind, "", ref)
    return head.lower(), rest.rsplit("/", 1)[-1]


def _spec(data: dict[str, Any]) -> dict[str, Any]:
    spec = data.get("spec")
    return spec if isinstance(spec, dict) else {}


def _meta(data: dict[str, Any]) -> dict[str, Any]:
    meta = data.get("metadata")
    return meta if isinstance(meta, dict) else {}


def read(sources: list[Source], facts: Facts, options: Any) -> None:
    """Record the services of a catalog (all the entities read together)."""
    entities = [(Recorder(s.document, facts), s.document.data) for s in sources]
    components = {str(_meta(d).get("name")): d for _, d in entities if d.get("kind") == "Component"}
    apis = {str(_meta(d).get("name")): d for _, d in entities if d.get("kind") == "API"}
    providers: dict[str, list[str]] = {}
    for name, data in components.items():
        for api in listing(_spec(data).get("providesApis")):
            providers.setdefault(entity_name(str(api), "api")[1], []).append(name)
    systems = {(rec, str(_spec(d)["system"])) for rec, d in entities
               if d.get("kind") == "Component" and isinstance(_spec(d).get("system"), str)}
    if len({name for _, name in systems}) == 1:
        rec, name = next(iter(systems))
        if model_name(name):
            rec.set(("system",), model_name(name), ("spec", "system"))
    for rec, data in entities:
        kind, name = data.get("kind"), str(_meta(data).get("name", ""))
        if kind == "Component" and _spec(data).get("type") in SERVICE_TYPES:
            _component(rec, name, data, components, apis, providers)
        elif kind == "Component":
            rec.note(f"Component {name} is a {_spec(data).get('type')}, not a service", ("spec", "type"))
        elif kind != "API":
            rec.note(f"{kind} {name}: nothing to map to services, events or flows", ("kind",))


def _component(rec: Recorder, name: str, data: dict[str, Any], components: dict[str, Any],
               apis: dict[str, Any], providers: dict[str, list[str]]) -> None:
    service = model_name(name)
    if not service:
        rec.note(f"{name!r} cannot be a service name", ("metadata", "name"))
        return
    path = ("services", service)
    rec.declare(path, ("metadata", "name"))
    spec = _spec(data)
    if isinstance(spec.get("owner"), str):
        rec.set((*path, "owner"), entity_name(spec["owner"], "group")[1], ("spec", "owner"))
    if isinstance(_meta(data).get("description"), str):
        rec.set((*path, "description"), " ".join(_meta(data)["description"].split()), ("metadata", "description"))
    for i, ref in enumerate(listing(spec.get("dependsOn"))):
        kind, target = entity_name(str(ref))
        at: NodePath = ("spec", "dependsOn", i)
        if kind == "component" and target in components and target != name:
            rec.add((*path, "calls"), model_name(target), at)
        else:
            rec.note(f"dependsOn {ref}: not a component of the imported catalog; not imported", at)
    for i, ref in enumerate(listing(spec.get("consumesApis"))):
        _consumes(rec, service, entity_name(str(ref), "api")[1], apis, providers, ("spec", "consumesApis", i))
    if spec.get("subcomponentOf"):
        rec.note(f"subcomponentOf {spec['subcomponentOf']}: the model has no nesting", ("spec", "subcomponentOf"))


def _consumes(rec: Recorder, service: str, api: str, apis: dict[str, Any],
              providers: dict[str, list[str]], at: NodePath) -> None:
    api_type = str(_spec(apis.get(api, {})).get("type", ""))
    if api_type == "asyncapi":
        rec.note(f"API {api} is AsyncAPI: import its definition for events", at)
        return
    found = [p for p in providers.get(api, []) if model_name(p) and model_name(p) != service]
    if not found:
        rec.note(f"API {api}: no component of the imported catalog provides it", at)
    protocol = API_PROTOCOLS.get(api_type, "")
    for provider in found:
        rec.add(("services", service, "calls"),
                {"service": model_name(provider), "protocol": protocol} if protocol else model_name(provider), at)
