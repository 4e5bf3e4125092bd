"""The model as Backstage catalog entities: a Component per service, an API for its events.

Backstage requires an owner and a lifecycle; where the model has none the entity says
`unknown` rather than inventing one. Calls become `dependsOn`; a service that publishes
or consumes events provides an AsyncAPI API entity whose definition is its document.
"""

from __future__ import annotations

import json
import re
from typing import Any

from advisor.format.interop.asyncapi_out import asyncapi_document
from advisor.format.model import Architecture, Service
from advisor.names import slug

API_VERSION = "backstage.io/v1alpha1"
UNKNOWN = "unknown"
_ENTITY_NAME = re.compile(r"^[a-zA-Z0-9]+([-_.][a-zA-Z0-9]+)*$")


def entity_name(name: str) -> str:
    """A Backstage entity name (letters and digits joined by single - _ .), at most 63 long."""
    if _ENTITY_NAME.match(name) and len(name) <= 63:
        return name
    return slug(name, "unnamed")[:63].strip("-") or "unnamed"


def backstage_entities(model: Architecture) -> list[dict[str, Any]]:
    """A Component per service and an API per service that publishes or consumes events."""
    entities: list[dict[str, Any]] = []
    for service in model.services.values():
        component = _component(model, service)
        entities.append(component)
        if service.publishes or service.consumes:
            api = f"{entity_name(service.name)}-events"[:63]
            component["spec"]["providesApis"] = [api]
            entities.append(_api(model, service, api))
    return entities


def _component(model: Architecture, service: Service) -> dict[str, Any]:
    metadata: dict[str, Any] = {"name": entity_name(service.name)}
    if service.description.strip():
        metadata["description"] = " ".join(service.description.split())
    spec: dict[str, Any] = {"type": "service", "lifecycle": UNKNOWN,
                            "owner": entity_name(service.owner) if service.owner else UNKNOWN}
    if model.system:
        spec["system"] = entity_name(model.system)
    if service.calls:
        spec["dependsOn"] = [f"component:{entity_name(c)}" for c in service.calls]
    return {"apiVersion": API_VERSION, "kind": "Component", "metadata": metadata, "spec": spec}


def _api(model: Architecture, service: Service, name: str) -> dict[str, Any]:
    definition = json.dumps(asyncapi_document(model, service.name), indent=2, ensure_ascii=False)
    return {
        "apiVersion": API_VERSION,
        "kind": "API",
        "metadata": {"name": name, "description": f"Events {service.name} publishes and consumes"},
        "spec": {"type": "asyncapi", "lifecycle": UNKNOWN,
                 "owner": entity_name(service.owner) if service.owner else UNKNOWN, "definition": definition},
    }
