"""The `rabbitmq` target: a topic exchange, a queue with bindings and a dead-letter queue per
consumer, pika publishers and consumers with manual acknowledgements, JSON Schemas.

The starter's tests run against a real RabbitMQ: $AMQP_URL, or rabbitmq-server started by
the tests; they skip with the reason where neither exists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.scaffold import event_views
from advisor.scaffold.event_views import EventSystem, ServiceView

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

_MESSAGING = ("__init__.py", "config.py", "events.py", "topology.py", "publisher.py",
              "consumer.py", "dedup.py")


def _render(template: str, **context: Any) -> str:
    from advisor.templating import render  # jinja2 only on the paths that render

    return render("scaffold/rabbitmq", template, **context)


def queue_name(system: EventSystem, service: ServiceView) -> str:
    """A consumer's queue: `<system>.<service>`."""
    return f"{system.slug}.{service.slug}"


def _service_test(system: EventSystem, service: ServiceView) -> str:
    items = event_views.inbound(system, service, "Publisher", "EventPublisher")
    imports = set(event_views.publisher_imports(system, service, items, "Publisher", "publisher"))
    if service.consumes:
        imports.add((f"services.{service.ident}.consumer", f"{service.pascal}Consumer"))
    return _render(
        "tests/test_service.py.j2", svc=service, inbound=items, service_imports=sorted(imports),
        needs_generic_publisher=any(i.producer == "EventPublisher" for i in items),
        published_names=[e.name for e in service.publishes],
        consumed_names=[e.name for e in service.consumes],
    )


def _service_files(system: EventSystem, service: ServiceView) -> dict[str, str]:
    base = f"services/{service.ident}"
    files = {f"{base}/__init__.py": f'"""The {service.label} service."""\n'}
    if service.publishes:
        files[f"{base}/publisher.py"] = _render("service/publisher.py.j2", svc=service)
    if service.consumes:
        files[f"{base}/consumer.py"] = _render(
            "service/consumer.py.j2", svc=service, queue=queue_name(system, service))
    files[f"tests/test_{service.ident}.py"] = _service_test(system, service)
    return files


def _readme(system: EventSystem, adr: str, names: dict[str, str]) -> str:
    events = [
        {"event": e, "producers": ", ".join(s.label for s in system.producers_of(e)),
         "consumers": ", ".join(s.label for s in system.consumers_of(e))}
        for e in system.events
    ]
    active = [s for s in system.services if s.publishes or s.consumes]
    services = [
        {"svc": s, "queue": queue_name(system, s) if s.consumes else "",
         "bindings": ", ".join(f"`{e.channel}`" for e in s.consumes)}
        for s in active
    ]
    return _render(
        "README.md.j2", adr=adr, event_rows=events, service_rows=services,
        consumers=[s for s in active if s.consumes], publishers=[s for s in active if s.publishes],
        flow_lines=event_views.flow_lines(system),
        **names,
    )


def render_files(system: EventSystem, adr: str = "") -> dict[str, str]:
    """Every file of a RabbitMQ starter for an EventSystem."""
    names = {"system_label": event_views.label(system.system), "slug": system.slug,
             "exchange": f"{system.slug}.events",
             "dead_letter_exchange": f"{system.slug}.dead-letter"}
    queues = [{"name": queue_name(system, s), "routing_keys": tuple(e.channel for e in s.consumes)}
              for s in system.services if s.consumes]
    files = {
        "README.md": _readme(system, adr, names),
        "requirements.txt": _render("requirements.txt.j2"),
        "pytest.ini": _render("pytest.ini.j2"),
        "docker-compose.yml": _render("docker-compose.yml.j2", **names),
        "services/__init__.py": '"""One package per service."""\n',
        "tests/conftest.py": _render("tests/conftest.py.j2"),
        "tests/test_contracts.py": _render("tests/test_contracts.py.j2"),
    }
    for name in _MESSAGING:
        files[f"messaging/{name}"] = _render(
            f"messaging/{name}.j2", events=system.events, queues=queues, **names)
    for event in system.events:
        files[event.schema_file] = event_views.json_schema(event, system.slug)
    for service in system.services:
        if service.publishes or service.consumes:
            files.update(_service_files(system, service))
    return files


class RabbitMQTarget:
    """Choreography on RabbitMQ (pika)."""

    name = "rabbitmq"
    style = "choreography"
    summary = "RabbitMQ topic exchange, a queue and dead-letter queue per consumer (pika)"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        return render_files(event_views.build(starter.model, starter.system), starter.adr)


TARGET = RabbitMQTarget()
