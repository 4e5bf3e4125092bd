"""Broker-neutral views of a model's services and events, for the broker targets.

Every name from the model becomes an identifier or a path here, through `advisor.names`,
and two names that sanitize to the same identifier get distinct ones (`a-b`, `a_b` ->
`a_b`, `a_b_2`), so a generated package never has two modules in one file.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from advisor import names
from advisor.model import Architecture

# Module names the starters use themselves; a service must not shadow them.
RESERVED = frozenset({"messaging", "services", "tests", "schemas", "conftest", "test"})
# Characters that could end a docstring or comment, or break a Markdown table.
_UNSAFE_IN_TEXT = str.maketrans(
    {"\\": "/", '"': "'", "`": "'", "{": "(", "}": ")", "#": " ", "|": "/"})
_EXAMPLES: dict[str, Any] = {
    "integer": 1, "number": 1.5, "boolean": True, "object": {}, "array": []}


def label(name: str) -> str:
    """A name as plain text for docstrings, comments and Markdown: one line, no quotes."""
    printable = "".join(ch if ch.isprintable() else " " for ch in name)
    return printable.translate(_UNSAFE_IN_TEXT).strip() or "?"


@dataclass(frozen=True)
class EventView:
    """One event: its original name (for strings only) and everything derived from it."""

    name: str
    ident: str
    slug: str
    version: int
    key: str
    description: str
    fields: tuple[tuple[str, str], ...]

    @property
    def label(self) -> str:
        """The name as plain text."""
        return label(self.name)

    @property
    def key_label(self) -> str:
        """The key field's name as plain text."""
        return label(self.key) if self.key else ""

    @property
    def channel(self) -> str:
        """The topic or routing key: `<event>.v<version>`."""
        return f"{self.slug}.v{self.version}"

    @property
    def schema_file(self) -> str:
        """Where the event's JSON Schema lives in the starter."""
        return f"schemas/{self.channel}.json"

    @property
    def example(self) -> dict[str, Any]:
        """A payload that satisfies the schema, for the starter's tests and README."""
        payload = {name: _EXAMPLES.get(kind, f"example-{names.slug(name, 'value')}")
                   for name, kind in self.fields}
        if self.key and isinstance(payload.get(self.key, ""), str):
            payload[self.key] = f"{names.slug(self.key, 'key')}-1"
        return payload


@dataclass(frozen=True)
class ServiceView:
    """One service with the events it publishes and consumes."""

    name: str
    ident: str
    slug: str
    pascal: str
    owner: str
    publishes: tuple[EventView, ...]
    consumes: tuple[EventView, ...]
    idempotent: bool
    outbox: bool

    @property
    def label(self) -> str:
        """The name as plain text."""
        return label(self.name)


@dataclass(frozen=True)
class EventSystem:
    """The services and events of a model, ready for a broker template."""

    system: str
    slug: str
    services: tuple[ServiceView, ...]
    events: tuple[EventView, ...]

    def producers_of(self, event: EventView) -> tuple[ServiceView, ...]:
        """The services that publish an event, in model order."""
        return tuple(s for s in self.services if event in s.publishes)

    def consumers_of(self, event: EventView) -> tuple[ServiceView, ...]:
        """The services that consume an event, in model order."""
        return tuple(s for s in self.services if event in s.consumes)


@dataclass(frozen=True)
class Inbound:
    """One event a consumer's test publishes: with which publishing class and method."""

    event: EventView
    producer: str
    method: str

    @property
    def name_argument(self) -> str:
        """The event name as a first argument, for the generic `publish(name, payload)`."""
        return f"{self.event.name!r}, " if self.method == "publish" else ""


def inbound(system: EventSystem, service: ServiceView, suffix: str, generic: str) -> list[Inbound]:
    """The events a service consumes, each published by the class of its first publisher
    (`<Service><suffix>`), or by the `generic` class where no service publishes it."""
    items = []
    for event in service.consumes:
        producers = system.producers_of(event)
        if producers:
            items.append(Inbound(event, f"{producers[0].pascal}{suffix}", f"publish_{event.ident}"))
        else:
            items.append(Inbound(event, generic, "publish"))
    return items


def publisher_imports(system: EventSystem, service: ServiceView, items: list[Inbound],
                      suffix: str, module: str) -> list[tuple[str, str]]:
    """The `(services.X.<module>, <Service><suffix>)` imports a service's test needs."""
    needed = {i.producer for i in items}
    if service.publishes:
        needed.add(f"{service.pascal}{suffix}")
    return sorted((f"services.{s.ident}.{module}", f"{s.pascal}{suffix}")
                  for s in system.services if s.publishes and f"{s.pascal}{suffix}" in needed)


def flow_lines(system: EventSystem) -> list[str]:
    """Mermaid flowchart lines: publisher -->|event| consumer, for each pair in the model."""
    lines = [f'svc_{s.ident}["{s.label}"]' for s in system.services if s.publishes or s.consumes]
    for event in system.events:
        for producer in system.producers_of(event):
            lines.extend(f"svc_{producer.ident} -->|{event.label}| svc_{consumer.ident}"
                         for consumer in system.consumers_of(event))
    return lines


def unique(items: Iterable[str], convert: Callable[[str], str], taken: Iterable[str] = (),
           sep: str = "_") -> dict[str, str]:
    """Map each item to `convert(item)`, suffixing `_2`, `_3`... where results would clash."""
    used = set(taken)
    result: dict[str, str] = {}
    for item in items:
        base = candidate = convert(item)
        number = 2
        while candidate in used:
            candidate = f"{base}{sep}{number}"
            number += 1
        used.add(candidate)
        result[item] = candidate
    return result


def _event_names(model: Architecture) -> list[str]:
    """Declared events first, then any only referenced by a service (so nothing is dropped)."""
    ordered = list(model.events)
    for service in model.services.values():
        ordered.extend(e for e in (*service.publishes, *service.consumes) if e not in ordered)
    return ordered


def build(model: Architecture, system: str) -> EventSystem:
    """The EventSystem of a model."""
    event_names = _event_names(model)
    idents = unique(event_names, lambda n: names.snake(n, "event"))
    slugs = unique(event_names, lambda n: names.slug(n, "event"), sep="-")
    events: dict[str, EventView] = {}
    for name in event_names:
        declared = model.events.get(name)
        version = declared.version if declared and declared.version else 1
        fields = tuple(sorted(declared.fields.items())) if declared else ()
        events[name] = EventView(name, idents[name], slugs[name], version,
                                 declared.key if declared else "",
                                 declared.description if declared else "", fields)
    svc_idents = unique(model.services, lambda n: names.snake(n, "service"), RESERVED)
    svc_slugs = unique(model.services, lambda n: names.slug(n, "service"), sep="-")
    services = tuple(
        ServiceView(
            name=s.name, ident=svc_idents[s.name], slug=svc_slugs[s.name],
            pascal=names.pascal(svc_idents[s.name], "Service"), owner=s.owner,
            publishes=tuple(events[e] for e in dict.fromkeys(s.publishes)),
            consumes=tuple(events[e] for e in dict.fromkeys(s.consumes)),
            idempotent=s.idempotent, outbox=s.outbox,
        )
        for s in model.services.values()
    )
    return EventSystem(system, names.slug(system, "system"), services, tuple(events.values()))


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
