"""The files every event starter shares: README and pins, each event's JSON Schema, the
failure tests' subjects, and each service's files (see event_views for the model)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from advisor.scaffold.event_views import EventSystem, EventView, ServiceView

GITIGNORE = "__pycache__/\n.venv/\n*.sqlite3*\n"


def starter_files(system: EventSystem, render: Callable[..., str], readme: str,
                  compose: dict[str, Any]) -> dict[str, str]:
    """The files every broker starter has, in order: README, pins, compose file, test setup."""
    return {
        "README.md": readme,
        ".gitignore": GITIGNORE,
        "requirements.txt": render("requirements.txt.j2"),
        "pytest.ini": render("pytest.ini.j2"),
        "docker-compose.yml": render("docker-compose.yml.j2", **compose),
        "services/__init__.py": '"""One package per service."""\n',
        "tests/conftest.py": render("tests/conftest.py.j2"),
        "tests/test_contracts.py": render("tests/test_contracts.py.j2"),
    }


def delivery_test(system: EventSystem, render: Callable[..., str], **extra: Any) -> str:
    """The starter's failure tests (`tests/test_delivery.py.j2`), through one consumer (an
    idempotent one of a keyed event first) and one of its events, with an event that has
    several consumers for the fan-out test."""
    pairs = [(s, e) for s in system.services for e in s.consumes]
    if not pairs:
        return '"""No service consumes an event: there is no delivery to test."""\n'
    service, event = max(pairs, key=lambda p: (p[0].idempotent, bool(p[1].key)))
    fanout = next((e for e in system.events if len(system.consumers_of(e)) > 1), None)
    return render("tests/test_delivery.py.j2", svc=service, event=event, fanout_event=fanout,
                  fanout_services=system.consumers_of(fanout) if fanout else (), **extra)


def schema_and_service_files(system: EventSystem,
                             service_files: Callable[[ServiceView], dict[str, str]]) -> dict[str, str]:
    """Each event's JSON Schema, then the files of each service that publishes or consumes."""
    files = {event.schema_file: json_schema(event, system.slug) for event in system.events}
    for service in system.services:
        if service.publishes or service.consumes:
            files.update(service_files(service))
    return files


def json_schema(event: EventView, system_slug: str) -> str:
    """The JSON Schema (2020-12) of an event's payload, as text."""
    properties: dict[str, Any] = {name: {"type": kind} for name, kind in event.fields}
    if event.key and event.key not in properties:
        properties[event.key] = {"type": "string", "description": "the entity key (ordering key)"}
    required = sorted({*(name for name, _ in event.fields), *([event.key] if event.key else [])})
    schema: dict[str, Any] = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:{system_slug}:event:{event.channel}",
        "title": event.name,
        "description": event.description or f"Payload of {event.name}, version {event.version}.",
        "type": "object",
        "properties": dict(sorted(properties.items())),
        "required": required,
        "additionalProperties": True,
    }
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
