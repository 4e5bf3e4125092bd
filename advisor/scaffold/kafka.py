"""The `kafka` target: confluent-kafka producers and consumers per service, versioned topics,
JSON Schemas, idempotent consumers, a transactional outbox, and a local docker-compose file.

The starter's tests run the events through the chain on librdkafka's built-in mock cluster.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.scaffold import event_views
from advisor.scaffold.event_views import EventSystem, ServiceView

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

_MESSAGING = ("__init__.py", "config.py", "events.py", "producer.py", "consumer.py", "dedup.py")
_OUTBOX = ("outbox.py", "outbox.sql")


def _render(template: str, **context: Any) -> str:
    from advisor.templating import render  # jinja2 only on the paths that render

    return render("scaffold/kafka", template, **context)


def _service_test(system: EventSystem, service: ServiceView) -> str:
    items = event_views.inbound(system, service, "Producer", "EventProducer")
    imports = set(event_views.publisher_imports(system, service, items, "Producer", "producer"))
    if service.consumes:
        imports.add((f"services.{service.ident}.consumer", f"{service.pascal}Consumer"))
    if service.outbox and service.publishes:
        imports.add((f"services.{service.ident}.outbox", f"{service.pascal}Outbox"))
    return _render(
        "tests/test_service.py.j2", svc=service, inbound=items, service_imports=sorted(imports),
        needs_generic_producer=any(i.producer == "EventProducer" for i in items),
        published_names=[e.name for e in service.publishes],
    )


def _service_files(system: EventSystem, service: ServiceView) -> dict[str, str]:
    base = f"services/{service.ident}"
    files = {f"{base}/__init__.py": f'"""The {service.label} service."""\n'}
    if service.publishes:
        files[f"{base}/producer.py"] = _render("service/producer.py.j2", svc=service)
        if service.outbox:
            files[f"{base}/outbox.py"] = _render("service/outbox.py.j2", svc=service)
    if service.consumes:
        files[f"{base}/consumer.py"] = _render("service/consumer.py.j2", svc=service)
    files[f"tests/test_{service.ident}.py"] = _service_test(system, service)
    return files


def _readme(system: EventSystem, adr: str, any_outbox: bool) -> str:
    rows = [
        {"event": e, "producers": ", ".join(s.label for s in system.producers_of(e)),
         "consumers": ", ".join(s.label for s in system.consumers_of(e))}
        for e in system.events
    ]
    active = [s for s in system.services if s.publishes or s.consumes]
    return _render(
        "README.md.j2", system_label=event_views.label(system.system), adr=adr, event_rows=rows,
        services=active, consumers=[s for s in active if s.consumes],
        publishers=[s for s in active if s.publishes], any_outbox=any_outbox,
        flow_lines=event_views.flow_lines(system),
    )


def render_files(system: EventSystem, adr: str = "") -> dict[str, str]:
    """Every file of a Kafka starter for an EventSystem."""
    any_outbox = any(s.outbox and s.publishes for s in system.services)
    common = {"system_label": event_views.label(system.system), "events": system.events,
              "slug": system.slug}
    files = {
        "README.md": _readme(system, adr, any_outbox),
        "requirements.txt": _render("requirements.txt.j2"),
        "pytest.ini": _render("pytest.ini.j2"),
        "docker-compose.yml": _render("docker-compose.yml.j2", **common),
        "services/__init__.py": '"""One package per service."""\n',
        "tests/conftest.py": _render("tests/conftest.py.j2"),
        "tests/test_contracts.py": _render("tests/test_contracts.py.j2"),
    }
    for name in (*_MESSAGING, *(_OUTBOX if any_outbox else ())):
        files[f"messaging/{name}"] = _render(f"messaging/{name}.j2", **common)
    for event in system.events:
        files[event.schema_file] = event_views.json_schema(event, system.slug)
    for service in system.services:
        if service.publishes or service.consumes:
            files.update(_service_files(system, service))
    return files


class KafkaTarget:
    """Choreography on Apache Kafka (confluent-kafka)."""

    name = "kafka"
    style = "choreography"
    summary = "Kafka producers/consumers per service (confluent-kafka), schemas, outbox"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        return render_files(event_views.build(starter.model, starter.system), starter.adr)


TARGET = KafkaTarget()
