"""What every rule sees: the document, its typed model, options, and shared indexes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from advisor.errors import YamlError
from advisor.format.loader import Document, NodePath
from advisor.format.model import Architecture
from advisor.lint.suppressions import Suppression


@dataclass(frozen=True)
class Use:
    """One mention of an event by a service: in its `publishes` or `consumes` list."""

    service: str
    at: NodePath


@dataclass
class Context:
    """One architecture file under lint."""

    doc: Document
    model: Architecture
    base_dir: Path
    options: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    error: YamlError | None = None
    suppressions: list[Suppression] = field(default_factory=list)
    cache: dict[str, Any] = field(default_factory=dict)

    def section(self, name: str) -> dict[Any, Any]:
        """A top-level mapping of the raw data (empty when absent or not a mapping)."""
        data = self.doc.data
        value = data.get(name) if isinstance(data, dict) else None
        return value if isinstance(value, dict) else {}

    def raw(self, *at: str | int) -> Any:
        """The raw value at a path, or None."""
        value: Any = self.doc.data
        for part in at:
            if isinstance(value, dict):
                value = value.get(part)
            elif isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
                value = value[part]
            else:
                return None
        return value

    def names_in(self, service: str, key: str) -> list[tuple[str, NodePath]]:
        """The text items of a service's `calls`, `publishes` or `consumes`, with their paths."""
        items = self.raw("services", service, key)
        if not isinstance(items, list):
            return []
        return [(item, ("services", service, key, i)) for i, item in enumerate(items) if isinstance(item, str)]

    @cached_property
    def publishers(self) -> dict[str, list[Use]]:
        """Event name -> the services that publish it (in file order)."""
        return self._uses("publishes")

    @cached_property
    def consumers(self) -> dict[str, list[Use]]:
        """Event name -> the services that consume it (in file order)."""
        return self._uses("consumes")

    @cached_property
    def triggers(self) -> dict[str, list[str]]:
        """Event name -> the flows it triggers."""
        found: dict[str, list[str]] = {}
        for flow in self.model.flows.values():
            if flow.trigger:
                found.setdefault(flow.trigger, []).append(flow.name)
        return found

    def _uses(self, key: str) -> dict[str, list[Use]]:
        found: dict[str, list[Use]] = {}
        for service in self.model.services:
            for event, at in self.names_in(service, key):
                found.setdefault(event, []).append(Use(service, at))
        return found

    def event_at(self, event: str) -> NodePath:
        """Where to point for an event: its declaration, else its first mention."""
        if event in self.model.events:
            return ("events", event)
        uses = self.publishers.get(event) or self.consumers.get(event)
        return uses[0].at if uses else ("events",)

    def orchestrators(self) -> dict[str, NodePath]:
        """Services acting as orchestrators (role, or named by a flow) -> where to point."""
        return {name: ("services", name) for name in orchestrator_names(self.model)}


def orchestrator_names(model: Architecture) -> list[str]:
    """Services acting as orchestrators: by role, then those a flow names, in file order."""
    found = [name for name, service in model.services.items() if service.role == "orchestrator"]
    named = [flow.orchestrator for flow in model.flows.values() if flow.orchestrator in model.services]
    return list(dict.fromkeys([*found, *named]))
