"""Who publishes and consumes what, as the choreography targets render it.

Names become unique identifiers here (two services whose names sanitize alike get
`_2`), each handler learns which events it re-publishes (only what the model's `reacts`
declares, never one that would close an event cycle), and the starter's tests learn
which publications to trigger and which handlings to expect. Models without any
publish/consume get one choreographed chain per flow, derived from its steps (each step
reacting to the one before), so every starter has something to run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor import names
from advisor.format.model import Event, Flow, Reaction, Service
from advisor.scaffold.base import TemplateTarget
from advisor.scaffold.text import listed, plain

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

SAMPLES: dict[str, object] = {"string": "", "integer": 1, "number": 1.5, "boolean": True,
                              "object": {}, "array": []}
TS_TYPES = {"string": "string", "integer": "number", "number": "number", "boolean": "boolean",
            "object": "Record<string, unknown>", "array": "unknown[]"}


@dataclass(frozen=True)
class Ident:
    """One model name in every identifier form, unique among its kind."""

    name: str
    snake: str

    @property
    def text(self) -> str:
        """The name, safe inside a comment or docstring of any language."""
        return plain(self.name)

    @property
    def pascal(self) -> str:
        """ClassName form."""
        return names.pascal(self.snake)

    @property
    def camel(self) -> str:
        """camelCase form (always used with a prefix or suffix in generated code)."""
        return names.camel(self.snake)

    @property
    def slug(self) -> str:
        """file-name-form (never a name Windows reserves)."""
        text = self.snake.strip("_").replace("_", "-") or "item"
        return f"{text}-item" if names.reserved(text) else text

    @property
    def const(self) -> str:
        """UPPER_SNAKE form."""
        return self.snake.upper()


@dataclass(frozen=True)
class EventSpec:
    """An event with its payload fields (key first), publishers and consumers."""

    id: Ident
    key: str
    version: int
    fields: tuple[tuple[str, str], ...]
    publishers: tuple[str, ...]
    consumers: tuple[str, ...]

    def sample(self, seed: str = "1") -> dict[str, object]:
        """An example payload: every field with a value of its type."""
        return {f: f"{f}-{seed}" if t == "string" else SAMPLES[t] for f, t in self.fields}

    @property
    def ts_fields(self) -> tuple[tuple[str, str], ...]:
        """(field, TypeScript type) pairs."""
        return tuple((f, TS_TYPES[t]) for f, t in self.fields)


@dataclass(frozen=True)
class Handler:
    """A service's reaction to one consumed event: what it publishes as the model's `reacts`
    declares (`declared` False: the model does not say, and the handler publishes nothing)."""

    event: str
    republishes: tuple[str, ...]
    skipped: tuple[str, ...]
    declared: bool = True


@dataclass(frozen=True)
class ServiceSpec:
    """A service: what it publishes, its handlers, and its delivery guarantees."""

    id: Ident
    publishes: tuple[str, ...]
    handlers: tuple[Handler, ...]
    idempotent: bool
    outbox: bool


@dataclass(frozen=True)
class Trigger:
    """A publication the tests start, and every (service, event) handling it must cause."""

    service: str | None
    event: str
    expected: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Wiring:
    """The whole choreography: events, services and test triggers, by model name."""

    events: dict[str, EventSpec]
    services: dict[str, ServiceSpec]
    triggers: tuple[Trigger, ...]
    derived: bool
    idle: tuple[str, ...] = ()


def unique(raw: Iterable[str],
           convert: Callable[[str, str], str] = names.snake) -> dict[str, Ident]:
    """Model name -> Ident, suffixing `_2`, `_3` when two names sanitize alike."""
    # Pascal forms must differ too: `a_2_2` and `a_22` are both `A22`.
    idents = names.unique(raw, lambda name: convert(name, "item"),
                          suffix=lambda base, n: f"{base.rstrip('_')}_{n}",
                          forms=lambda ident: (ident, names.pascal(ident)))
    return {name: Ident(name, ident) for name, ident in idents.items()}


def event_names(services: Iterable[Service], events: Iterable[str] = ()) -> list[str]:
    """Declared events first, then those only a service publishes or consumes, in model order."""
    ordered = dict.fromkeys(events)
    for service in services:
        ordered.update(dict.fromkeys((*service.publishes, *service.consumes)))
    return list(ordered)


def mermaid_lines(nodes: Mapping[str, str], edges: Iterable[tuple[str, str, str]]) -> list[str]:
    """Mermaid flowchart lines: a node per (ident, text), then `publisher -->|event| consumer`."""
    lines = [f'svc_{ident}["{text}"]' for ident, text in nodes.items()]
    return lines + [f"svc_{publisher} -->|{event}| svc_{consumer}" for publisher, event, consumer in edges]


def derived_from_flows(flows: Iterable[Flow]) -> tuple[dict[str, Service], dict[str, Event]]:
    """One chain per flow: each step publishes `<service>-<action>-done`, the next consumes it."""
    services: dict[str, dict[str, list[str]]] = {}
    reacts: dict[str, dict[str, Reaction]] = {}
    events: dict[str, Event] = {}
    for flow in flows:
        previous = ""
        for step in flow.steps:
            event = f"{step.service}-{step.action}-done"
            events[event] = Event(event, version=1, key=f"{names.snake(flow.name, 'flow')}_id")
            entry = services.setdefault(step.service, {"publishes": [], "consumes": []})
            entry["publishes"].append(event)
            reacts.setdefault(step.service, {})
            if previous:
                entry["consumes"].append(previous)
                reacts[step.service][previous] = Reaction(publishes=(event,))
            previous = event
    built = {n: Service(n, publishes=tuple(e["publishes"]), consumes=tuple(e["consumes"]),
                        idempotent=True, reacts=reacts[n])
             for n, e in services.items()}
    return built, events


def wiring(services: dict[str, Service], events: dict[str, Event],
           flows: Iterable[Flow] = ()) -> Wiring:
    """The choreography of a model's services and events (derived from flows if it has none)."""
    idle = tuple(n for n, s in services.items() if not (s.publishes or s.consumes))
    derived = bool(services) and len(idle) == len(services)
    if derived:
        services, events, idle = *derived_from_flows(flows), ()
    else:
        # A service with no event takes no part in the choreography: listed, not generated.
        services = {n: s for n, s in services.items() if n not in idle}
    known = {name: events.get(name) or Event(name) for name in event_names(services.values(), events)}
    event_ids = unique(known)
    service_ids = unique(services)
    specs = {n: _event_spec(event_ids[n], known[n], services) for n in known}
    graph = {n: [p for c in specs[n].consumers for p in _caused(services[c], n)] for n in specs}
    built = {n: _service_spec(service_ids[n], s, graph) for n, s in services.items()}
    return Wiring(specs, built, _triggers(specs, built), derived, idle)


def _event_spec(ident: Ident, event: Event, services: dict[str, Service]) -> EventSpec:
    fields = dict(event.fields)
    if event.key:
        fields = {event.key: fields.get(event.key, "string"), **fields}
    return EventSpec(
        ident, event.key, event.version or 1, tuple(fields.items()),
        tuple(n for n, s in services.items() if event.name in s.publishes),
        tuple(n for n, s in services.items() if event.name in s.consumes),
    )


def _caused(service: Service, event: str) -> tuple[str, ...]:
    """What handling `event` publishes, as declared (nothing when the model does not say)."""
    reaction = service.reaction(event)
    return reaction.publishes if reaction else ()


def _reaches(start: str, target: str, graph: dict[str, list[str]]) -> bool:
    """True when publishing `start` leads, through consumers, back to `target`."""
    seen, todo = set(), [start]
    while todo:
        current = todo.pop()
        if current == target:
            return True
        if current not in seen:
            seen.add(current)
            todo.extend(graph.get(current, ()))
    return False


def _service_spec(ident: Ident, service: Service, graph: dict[str, list[str]]) -> ServiceSpec:
    publishes = tuple(dict.fromkeys(service.publishes))
    handlers = []
    for event in dict.fromkeys(service.consumes):
        reaction = service.reaction(event)
        caused = tuple(p for p in dict.fromkeys(reaction.publishes) if p in publishes) if reaction else ()
        handlers.append(Handler(event, tuple(p for p in caused if not _reaches(p, event, graph)),
                                tuple(p for p in caused if _reaches(p, event, graph)), reaction is not None))
    return ServiceSpec(ident, publishes, tuple(handlers), service.idempotent, service.outbox)


def _triggers(events: dict[str, EventSpec],
              services: dict[str, ServiceSpec]) -> tuple[Trigger, ...]:
    caused = {(s, p) for s, spec in services.items() for h in spec.handlers for p in h.republishes}
    starts: list[tuple[str | None, str]] = [
        (s, e) for s, spec in services.items() for e in spec.publishes if (s, e) not in caused
    ]
    starts += [(None, e) for e, spec in events.items() if spec.consumers and not spec.publishers]
    return tuple(Trigger(s, e, _expected(e, events, services)) for s, e in starts)


def _expected(event: str, events: dict[str, EventSpec],
              services: dict[str, ServiceSpec]) -> tuple[tuple[str, str], ...]:
    """Every (service, event) handling one publication of `event` causes, in order."""
    handled: list[tuple[str, str]] = []
    todo = [event]
    while todo:
        current = todo.pop(0)
        for consumer in events[current].consumers:
            if (consumer, current) in handled:
                continue
            handled.append((consumer, current))
            handler = next(h for h in services[consumer].handlers if h.event == current)
            todo.extend(handler.republishes)
    return tuple(handled)


def flow_lines(wired: Wiring) -> list[str]:
    """Mermaid flowchart lines: each service, then publisher -->|event| consumer."""
    node = {n: s.id.snake for n, s in wired.services.items()}
    return mermaid_lines({s.id.snake: s.id.text for s in wired.services.values()},
                         [(node[p], event.id.text, node[c]) for event in wired.events.values()
                          for p in event.publishers for c in event.consumers])


def starter_wiring(starter: Starter) -> Wiring:
    """The choreography of a starter's model (derived from its flows if it declares no events)."""
    return wiring(dict(starter.model.services), dict(starter.model.events), starter.flows)


def common_context(starter: Starter, wired: Wiring) -> dict[str, Any]:
    """What the choreography templates share: the wiring, its diagram, and names as text."""
    keys = [e.key for e in wired.events.values()]
    return {
        "system": plain(starter.system), "system_slug": starter.system_slug, "adr": starter.adr,
        "wiring": wired, "flow_lines": flow_lines(wired), "services": wired.services,
        "texts": {n: plain(n) for n in [*wired.events, *wired.services, *keys]},
        "owners": {n: plain(s.owner) for n, s in starter.model.services.items()},
        "listed": listed, "any_outbox": any(s.outbox for s in wired.services.values()),
    }


class WiringTarget(TemplateTarget):
    """A choreography target rendered from the wiring (nestjs)."""

    style = "choreography"

    def uses_flows(self, starter: Starter) -> bool:
        """Only when no service publishes or consumes: the chains then come from the flows."""
        return starter_wiring(starter).derived
