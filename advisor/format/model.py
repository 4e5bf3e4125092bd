"""The architecture file (format versions 1 and 2; docs/format.md) as typed data.

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


# Actions named like these only read (docs/format.md, "Step kinds") when no kind is declared.
READ_VERBS = ("get", "list", "find", "fetch", "read", "query", "search", "lookup", "check")
MANAGED_TARGETS = ("step-functions", "gcp-workflows")


@dataclass(frozen=True)
class Reaction:
    """What handling one consumed event does (v2 `reacts`)."""

    publishes: tuple[str, ...] = ()
    calls: tuple[str, ...] = ()


@dataclass(frozen=True)
class ConsumerPolicy:
    """How a service's consumer handles a message that keeps failing (v2); None = not declared."""

    retries: int | None = None
    dead_letter: bool | None = None


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
    managed: bool = False
    datastore: bool = True
    protocols: Mapping[str, str] = field(default_factory=dict)
    reacts: Mapping[str, Reaction] | None = None
    consumer: ConsumerPolicy | None = None

    def reaction(self, event: str) -> Reaction | None:
        """What consuming `event` causes: None when the file does not say (no `reacts`)."""
        if self.reacts is None:
            return None
        return self.reacts.get(event, Reaction())


@dataclass(frozen=True)
class Event:
    """An event on the broker."""

    name: str
    version: int | None = None
    key: str = ""
    description: str = ""
    fields: Mapping[str, str] = field(default_factory=dict)
    kind: str = ""  # event | command | reply as declared; "" when not declared
    channel: str = ""  # the broker address as declared; "" means the event's name

    @property
    def address(self) -> str:
        """The broker address the event travels on."""
        return self.channel or self.name


@dataclass(frozen=True)
class Step:
    """One step of a flow."""

    service: str
    action: str
    compensation: str = ""
    timeout: str = ""
    retries: int | None = None
    description: str = ""
    kind: str = ""  # as declared; see `effective_kind`
    critical: bool = True

    @property
    def effective_kind(self) -> str:
        """The declared kind; else compensatable with a compensation, query for a read, else ""."""
        if self.kind:
            return self.kind
        if self.compensation:
            return "compensatable"
        verb = self.action.replace("_", "-").split("-", 1)[0].lower()
        return "query" if verb in READ_VERBS else ""


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
    traits: Mapping[str, Answer] = field(default_factory=dict)

    def participants(self) -> tuple[str, ...]:
        """The distinct services the flow involves: its orchestrator, then its steps' services."""
        first = [self.orchestrator] if self.orchestrator else []
        return tuple(dict.fromkeys([*first, *(step.service for step in self.steps)]))

    def pivot_index(self) -> int | None:
        """The position of the flow's (first) pivot step, if one is declared."""
        return next((i for i, step in enumerate(self.steps) if step.kind == "pivot"), None)


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

    def is_managed(self, service: str) -> bool:
        """True when `service` is a managed engine: declared so, or the decided target is one."""
        declared = self.services.get(service)
        if declared is not None and declared.managed:
            return True
        engine = self.decision.target.rsplit("+", 1)[-1]
        if engine not in MANAGED_TARGETS or declared is None:
            return False
        return declared.role == "orchestrator" or any(f.orchestrator == service for f in self.flows.values())


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
    "publishes": tuple,
    "consumes": tuple,
    "idempotent": bool,
    "outbox": bool,
    "managed": bool,
    "datastore": bool,
}
_EVENT = {"version": int, "key": str, "description": str, "fields": dict, "kind": str, "channel": str}
_STEP = {"compensation": str, "timeout": str, "retries": int, "description": str, "kind": str, "critical": bool}
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


def _calls(raw: Any) -> dict[str, Any]:
    """`calls` as callee names plus the protocols declared for them (v2 detail form)."""
    calls = raw.get("calls") if isinstance(raw, dict) else None
    names: list[str] = []
    protocols: dict[str, str] = {}
    for call in calls if isinstance(calls, list) else []:
        callee = call.get("service") if isinstance(call, dict) else call
        if isinstance(callee, str):
            names.append(callee)
            protocol = call.get("protocol") if isinstance(call, dict) else None
            if isinstance(protocol, str):
                protocols[callee] = protocol
    return {"calls": tuple(names), "protocols": protocols}


def _reacts(raw: Any) -> dict[str, Reaction] | None:
    reacts = raw.get("reacts") if isinstance(raw, dict) else None
    if not isinstance(reacts, dict):
        return None
    kinds = {"publishes": tuple, "calls": tuple}
    return {e: Reaction(**_pick(r, kinds)) for e, r in reacts.items() if isinstance(e, str)}


def _consumer(raw: Any) -> ConsumerPolicy | None:
    consumer = raw.get("consumer") if isinstance(raw, dict) else None
    if not isinstance(consumer, dict):
        return None
    return ConsumerPolicy(**_pick(consumer, {"retries": int, "dead_letter": bool}))


def _service(name: str, raw: Any) -> Service:
    return Service(name, reacts=_reacts(raw), consumer=_consumer(raw), **_pick(raw, _SERVICE), **_calls(raw))


def _flow(name: str, raw: Any, catalogue: Catalogue | None) -> Flow:
    return Flow(name, steps=_steps(raw), traits=valid_traits(raw, catalogue), **_pick(raw, _FLOW))


def valid_traits(data: Any, catalogue: Catalogue | None = None) -> dict[str, Answer]:
    """The answers in a `traits:` mapping that fit their trait; the rest are left out."""
    traits = _section(data, "traits")
    if not traits:
        return {}
    cat = catalogue or load_catalogue()
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
        services={n: _service(n, raw) for n, raw in _section(data, "services").items()},
        events=events,
        flows={n: _flow(n, raw, catalogue) for n, raw in _section(data, "flows").items()},
        version=data["version"] if data.get("version") in (1, 2) else 1,
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
