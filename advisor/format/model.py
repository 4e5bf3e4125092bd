"""The architecture file (format v1, SPEC.md) as typed data.

`read_model` builds the model from a loaded Document, skipping what is malformed:
the schema validator (advisor.format.validation) reports those parts, so lint can go on and
check the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.decision.catalogue import Answer, Catalogue, load_catalogue
from advisor.errors import InputError
from advisor.format.loader import Document, load_file
from advisor.format.validation import Problem, validate

DEFAULT_FILE = "architecture.yaml"


@dataclass(frozen=True)
class Service:
    """A service and how it talks to others."""

    name: str
    owner: str = ""
    description: str = ""
    role: str = "participant"
    replicas: int | None = None
    calls: tuple[str, ...] = ()
    publishes: tuple[str, ...] = ()
    consumes: tuple[str, ...] = ()
    idempotent: bool = False
    outbox: bool = False


@dataclass(frozen=True)
class Event:
    """An event on the broker."""

    name: str
    version: int | None = None
    key: str = ""
    description: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Step:
    """One step of an orchestrated flow."""

    service: str
    action: str
    compensation: str = ""
    timeout: str = ""
    retries: int | None = None
    description: str = ""


@dataclass(frozen=True)
class Flow:
    """A business flow."""

    name: str
    style: str = ""
    orchestrator: str = ""
    timeout: str = ""
    description: str = ""
    trigger: str = ""
    steps: tuple[Step, ...] = ()


@dataclass(frozen=True)
class Decision:
    """What was decided."""

    style: str = ""
    target: str = ""
    adr: str = ""
    date: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Architecture:
    """The whole architecture file."""

    system: str = ""
    description: str = ""
    traits: Mapping[str, Answer] = field(default_factory=dict)
    decision: Decision = field(default_factory=Decision)
    services: Mapping[str, Service] = field(default_factory=dict)
    events: Mapping[str, Event] = field(default_factory=dict)
    flows: Mapping[str, Flow] = field(default_factory=dict)
    version: int = 1


def _section(data: Any, key: str) -> dict[str, Any]:
    value = data.get(key) if isinstance(data, dict) else None
    return {k: v for k, v in value.items() if isinstance(k, str)} if isinstance(value, dict) else {}


def _string(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""


def _pick(raw: Any, names: Mapping[str, type | tuple[type, ...]]) -> dict[str, Any]:
    """The well-typed keys of a mapping; lists become tuples of their strings."""
    if not isinstance(raw, dict):
        return {}
    picked: dict[str, Any] = {}
    for name, kind in names.items():
        value = raw.get(name)
        if kind is tuple and isinstance(value, list):
            picked[name] = tuple(v for v in value if isinstance(v, str))
        elif kind is not tuple and isinstance(value, kind) and not (isinstance(value, bool) and kind is int):
            picked[name] = value
    return picked


_SERVICE = {
    "owner": str,
    "description": str,
    "role": str,
    "replicas": int,
    "calls": tuple,
    "publishes": tuple,
    "consumes": tuple,
    "idempotent": bool,
    "outbox": bool,
}
_EVENT = {"version": int, "key": str, "description": str, "fields": dict}
_STEP = {"compensation": str, "timeout": str, "retries": int, "description": str}
_FLOW = {"style": str, "orchestrator": str, "timeout": str, "description": str, "trigger": str}
_DECISION = {"style": str, "target": str, "adr": str, "date": str, "reason": str}


def _steps(raw: Any) -> tuple[Step, ...]:
    steps = raw.get("steps") if isinstance(raw, dict) else None
    if not isinstance(steps, list):
        return ()
    return tuple(
        Step(step["service"], step["action"], **_pick(step, _STEP))
        for step in steps
        if isinstance(step, dict) and isinstance(step.get("service"), str) and isinstance(step.get("action"), str)
    )


def valid_traits(data: Any, catalogue: Catalogue | None = None) -> dict[str, Answer]:
    """The answers in a `traits:` mapping that fit their trait; the rest are left out."""
    cat = catalogue or load_catalogue()
    traits = _section(data, "traits")
    answers: dict[str, Answer] = {}
    for tid, value in traits.items():
        trait = cat.traits.get(tid)
        if trait is None or value is None:
            continue
        if trait.type == "int":
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= trait.minimum
        else:
            ok = value in trait.choices and type(value) is type(trait.choices[0])
        if ok:
            answers[tid] = value
    return answers


def read_model(document: Document, catalogue: Catalogue | None = None) -> Architecture:
    """The typed model of a loaded architecture file (malformed parts skipped)."""
    data = document.data if isinstance(document.data, dict) else {}
    events = {}
    for name, raw in _section(data, "events").items():
        picked = _pick(raw, _EVENT)
        picked["fields"] = {k: v for k, v in picked.get("fields", {}).items() if isinstance(v, str)}
        events[name] = Event(name, **picked)
    return Architecture(
        system=_string(data, "system"),
        description=_string(data, "description"),
        traits=valid_traits(data, catalogue),
        decision=Decision(**_pick(data.get("decision"), _DECISION)),
        services={n: Service(n, **_pick(raw, _SERVICE)) for n, raw in _section(data, "services").items()},
        events=events,
        flows={n: Flow(n, steps=_steps(raw), **_pick(raw, _FLOW)) for n, raw in _section(data, "flows").items()},
    )


@dataclass(frozen=True)
class Loaded:
    """A loaded architecture file: the document, its model and its schema problems."""

    document: Document
    model: Architecture
    problems: tuple[Problem, ...]

    def problem_lines(self, only: tuple[str, ...] = ()) -> list[str]:
        """`file:line:col: message` for each problem (under the `only` sections, if given)."""
        return [
            f"{self.document.locate(p.at, key=p.key)}: {p.message}"
            for p in self.problems
            if not only or (p.at and p.at[0] in only)
        ]


def require_file(path: Path) -> None:
    """Raise an InputError when an architecture file is missing or is a directory."""
    if path.is_dir():
        raise InputError(f"{path}: is a directory; name the architecture file")
    if not path.exists():
        hint = " (create one with `advisor init` or `advisor decide`)" if path.name == DEFAULT_FILE else ""
        raise InputError(f"{path}: no such file{hint}")


def load_architecture(path: Path, *, display: str | None = None) -> Loaded:
    """Load, validate and model an architecture file (YamlError if it is not YAML)."""
    document = load_file(path, display=display)
    return Loaded(document, read_model(document), tuple(validate(document)))


def require_valid(loaded: Loaded, sections: tuple[str, ...] = ()) -> None:
    """Raise one InputError listing every schema problem (in `sections`, if given)."""
    lines = loaded.problem_lines(sections)
    if lines:
        count = f"{len(lines)} problem{'s' if len(lines) > 1 else ''}"
        raise InputError(f"{loaded.document.path} is not valid ({count}):\n  " + "\n  ".join(lines))
