"""Broker-neutral views of a model's services and events, for the broker targets.

Every name from the model becomes an identifier or a path here, through `advisor.names`,
and two names that sanitize to the same identifier get distinct ones (`a-b`, `a_b` ->
`a_b`, `a_b_2`), so a generated package never has two modules in one file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor import names
from advisor.format.model import Architecture
from advisor.scaffold.base import TemplateTarget
from advisor.scaffold.eventflow import SAMPLES, event_names, mermaid_lines
from advisor.scaffold.text import label

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

# Module names the starters use themselves; a service must not shadow them.
RESERVED = frozenset({"messaging", "services", "tests", "schemas", "conftest", "test"})
# Example values by field type; a string field gets an example made from its name.
_EXAMPLES = {kind: value for kind, value in SAMPLES.items() if kind != "string"}


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
    # consumed event name -> what handling it publishes; None: the model has no `reacts`.
    reacts: Mapping[str, tuple[EventView, ...]] | None = None
    retries: int | None = None
    dead_letter: bool | None = None

    @property
    def label(self) -> str:
        """The name as plain text."""
        return label(self.name)

    def reaction(self, event: EventView) -> tuple[EventView, ...] | None:
        """What handling `event` publishes: None when the model does not say (no `reacts`)."""
        if self.reacts is None:
            return None
        return self.reacts.get(event.name, ())

    def replies(self, consumed: EventView) -> list[Reply]:
        """Each publication handling `consumed` makes, with where its fields come from."""
        return [Reply(consumed, published) for published in self.reaction(consumed) or ()]


@dataclass(frozen=True)
class Reply:
    """An event a handler publishes in reaction to a consumed one."""

    consumed: EventView
    published: EventView

    @property
    def fields(self) -> list[tuple[str, str]]:
        """(field, source) pairs: `copy` from the consumed payload, `derive` a new key from the
        consumed message's id (so a redelivery derives the same one), or `todo` to fill in."""
        carried = {name for name, _ in self.consumed.fields} | {self.consumed.key} - {""}
        names_ = [name for name, _ in self.published.fields]
        if self.published.key and self.published.key not in names_:
            names_.insert(0, self.published.key)
        return [(name, "copy" if name in carried else "derive" if name == self.published.key
                 else "todo") for name in names_]

    def placeholder(self, name: str) -> Any:
        """The typed placeholder of a field the handler must fill in from its own state."""
        kind = dict(self.published.fields).get(name, "string")
        return _EXAMPLES.get(kind, "")


@dataclass(frozen=True)
class EventSystem:
    """The services and events of a model, ready for a broker template."""

    system: str
    slug: str
    services: tuple[ServiceView, ...]
    events: tuple[EventView, ...]
    ordered: bool = False  # the model asks for per-key ordering (`ordering: high`)

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


def service_test_imports(system: EventSystem, service: ServiceView, suffix: str,
                         generic: str) -> tuple[list[Inbound], set[tuple[str, str]]]:
    """What a service's test publishes (see `inbound`) and what it imports: the service's
    publishers, its outbox relay, and its consumer with the consumer's SOURCE."""
    items = inbound(system, service, suffix, generic)
    imports = set(publisher_imports(system, service, items, suffix, suffix.lower()))
    if service.outbox and service.publishes:
        imports.add((f"services.{service.ident}.outbox", f"{service.pascal}Outbox"))
    if service.consumes:
        imports.add((f"services.{service.ident}.consumer", f"{service.pascal}Consumer"))
        imports.add((f"services.{service.ident}.consumer", "SOURCE"))
    return items, imports


def event_rows(system: EventSystem) -> list[dict[str, Any]]:
    """The README's event table: each event with its producers and consumers as text."""
    return [
        {"event": e, "producers": ", ".join(s.label for s in system.producers_of(e)),
         "consumers": ", ".join(s.label for s in system.consumers_of(e))}
        for e in system.events
    ]


def flow_lines(system: EventSystem) -> list[str]:
    """Mermaid flowchart lines: publisher -->|event| consumer, for each pair in the model."""
    nodes = {s.ident: s.label for s in system.services if s.publishes or s.consumes}
    return mermaid_lines(nodes, [(producer.ident, event.label, consumer.ident)
                                 for event in system.events for producer in system.producers_of(event)
                                 for consumer in system.consumers_of(event)])


def _dashed(base: str, number: int) -> str:
    return f"{base}-{number}"


def build(model: Architecture, system: str) -> EventSystem:
    """The EventSystem of a model."""
    ordered = event_names(model.services.values(), model.events)
    idents = names.unique(ordered, lambda n: names.snake(n, "event"))
    slugs = names.unique(ordered, lambda n: names.slug(n, "event"), suffix=_dashed)
    events: dict[str, EventView] = {}
    for name in ordered:
        declared = model.events.get(name)
        version = declared.version if declared and declared.version else 1
        fields = tuple(sorted(declared.fields.items())) if declared else ()
        events[name] = EventView(name, idents[name], slugs[name], version,
                                 declared.key if declared else "",
                                 declared.description if declared else "", fields)
    svc_idents = names.unique(model.services, lambda n: names.snake(n, "service"), RESERVED)
    svc_slugs = names.unique(model.services, lambda n: names.slug(n, "service"), suffix=_dashed)
    services = tuple(
        ServiceView(
            name=s.name, ident=svc_idents[s.name], slug=svc_slugs[s.name],
            pascal=names.pascal(svc_idents[s.name], "Service"), owner=s.owner,
            publishes=tuple(events[e] for e in dict.fromkeys(s.publishes)),
            consumes=tuple(events[e] for e in dict.fromkeys(s.consumes)),
            idempotent=s.idempotent, outbox=s.outbox,
            reacts=None if s.reacts is None else {
                e: tuple(events[p] for p in dict.fromkeys(r.publishes) if p in events)
                for e, r in s.reacts.items()},
            retries=s.consumer.retries if s.consumer else None,
            dead_letter=s.consumer.dead_letter if s.consumer else None,
        )
        for s in model.services.values()
    )
    per_key = str(model.traits.get("ordering", "")) == "high"
    return EventSystem(system, names.slug(system, "system"), services, tuple(events.values()), per_key)


class BrokerTarget(TemplateTarget):
    """A broker target built from the services' publishes and consumes (kafka, rabbitmq)."""

    style = "choreography"

    def uses_flows(self, starter: Starter) -> bool:
        """Never: flows play no part in these starters."""
        return False

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        return self.render_system(build(starter.model, starter.system), starter.adr)

    def render_system(self, system: EventSystem, adr: str) -> dict[str, str]:
        """Every file of the starter for an EventSystem."""
        raise NotImplementedError
