"""The model's events as an AsyncAPI 3.0 document, for one service or for the whole system.

One channel per address (an event's `channel`, by default its name) carrying the events
that travel on it, one message per event with its fields and key, and one operation per
service and event: `send` for what it publishes, `receive` for what it consumes. In a system
document each operation names its service in `x-advisor-service`, so importing the
document gives the same services back. What AsyncAPI has no field for travels in
specification extensions of the message: the event's version in `x-advisor-version`, its
kind (event, command, reply) in `x-advisor-kind`; the key is the Kafka message binding's key.
"""

from __future__ import annotations

import re
from typing import Any

from advisor.errors import InputError
from advisor.format.interop.asyncapi import KIND_EXTENSION, SERVICE_EXTENSION, VERSION_EXTENSION
from advisor.format.model import Architecture, Event, Service

VERSION = "3.0.0"


def asyncapi_document(model: Architecture, service: str = "") -> dict[str, Any]:
    """An AsyncAPI 3.0 document for `service` (or, without one, for the system)."""
    if service and service not in model.services:
        known = ", ".join(sorted(model.services)) or "none"
        raise InputError(f"no service {service!r} in the model (services: {known})")
    chosen = [model.services[service]] if service else list(model.services.values())
    operations: dict[str, Any] = {}
    used: list[str] = []
    for svc in chosen:
        for action, events in (("send", svc.publishes), ("receive", svc.consumes)):
            for event in events:
                operation_id = _operation_id(svc, action, event, bool(service))
                operations[operation_id] = _operation(svc, action, event, not service)
                used.append(event)
    if not service:
        used += list(model.events)
    ordered = list(dict.fromkeys(used))
    title = service or model.system or "system"
    info: dict[str, Any] = {"title": title, "version": "1.0.0"}
    description = (model.services[service].description if service else model.description).strip()
    if description:
        info["description"] = description
    document: dict[str, Any] = {"asyncapi": VERSION, "info": info, "defaultContentType": "application/json"}
    channels = _channel_ids(model, ordered)
    if ordered:
        document["channels"] = {}
        for event in ordered:
            channel = document["channels"].setdefault(channels[event], {"address": _address(model, event)})
            channel.setdefault("messages", {})[event] = {"$ref": f"#/components/messages/{event}"}
    for operation in operations.values():
        event = operation.pop("event")
        operation["channel"] = {"$ref": f"#/channels/{channels[event]}"}
        operation["messages"] = [{"$ref": f"#/channels/{channels[event]}/messages/{event}"}]
    if operations:
        document["operations"] = operations
    if ordered:
        document["components"] = {"messages": {e: _message(e, model.events.get(e)) for e in ordered}}
    return document


def _address(model: Architecture, event: str) -> str:
    declared = model.events.get(event)
    return declared.address if declared is not None else event


def _channel_ids(model: Architecture, events: list[str]) -> dict[str, str]:
    """A channel id per event: events on one address share it; ids are unique and well-formed."""
    by_address: dict[str, str] = {}
    ids: dict[str, str] = {}
    for event in events:
        address = _address(model, event)
        if address not in by_address:
            base = event if address == event else re.sub(r"[^A-Za-z0-9._-]+", "_", address).strip("_") or "channel"
            candidate, n = base, 2
            while candidate in by_address.values():
                candidate, n = f"{base}_{n}", n + 1
            by_address[address] = candidate
        ids[event] = by_address[address]
    return ids


def _operation_id(svc: Service, action: str, event: str, single: bool) -> str:
    return f"{action}.{event}" if single else f"{svc.name}.{action}.{event}"


def _operation(svc: Service, action: str, event: str, mark: bool) -> dict[str, Any]:
    operation: dict[str, Any] = {
        "action": action,
        "event": event,  # replaced by the channel and message references
        "summary": f"{svc.name} {'publishes' if action == 'send' else 'consumes'} {event}",
    }
    if mark:
        operation[SERVICE_EXTENSION] = svc.name
    return operation


def _message(name: str, event: Event | None) -> dict[str, Any]:
    message: dict[str, Any] = {"name": name, "title": name}
    if event is None:
        return message
    if event.description.strip():
        message["summary"] = " ".join(event.description.split())
    if event.fields:
        message["payload"] = {"type": "object",
                              "properties": {f: {"type": kind} for f, kind in event.fields.items()}}
    if event.key:
        message["bindings"] = {"kafka": {"key": {"type": "string", "title": event.key}}}
    if event.version is not None:
        message[VERSION_EXTENSION] = event.version
    if event.kind:
        message[KIND_EXTENSION] = event.kind
    return message
