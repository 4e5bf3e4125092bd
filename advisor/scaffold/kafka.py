"""The `kafka` target: confluent-kafka producers and consumers per service, versioned topics,
JSON Schemas, CloudEvents headers, one database transaction per handled message (de-duplication,
state, outbox), in-place retries with backoff, a dead-letter topic per consumer group, and a
local docker-compose file.

The starter's tests run on librdkafka's built-in mock cluster, failure paths included.
"""

from __future__ import annotations

from advisor.scaffold import event_files, event_views
from advisor.scaffold.base import renderer
from advisor.scaffold.event_views import EventSystem, ServiceView
from advisor.scaffold.text import label

_MESSAGING = ("__init__.py", "config.py", "events.py", "producer.py", "consumer.py", "store.py",
              "store.sql")
_OUTBOX = ("relay.py",)
TEMPLATES = "scaffold/kafka"
_render = renderer(TEMPLATES)


def _service_test(system: EventSystem, service: ServiceView) -> str:
    items, imports = event_views.service_test_imports(system, service, "Producer", "EventProducer")
    return _render(
        "tests/test_service.py.j2", svc=service, slug=system.slug, inbound=items, service_imports=sorted(imports),
        needs_generic_producer=any(i.producer == "EventProducer" for i in items),
        published_names=[e.name for e in service.publishes],
    )


def _service_files(system: EventSystem, service: ServiceView) -> dict[str, str]:
    base = f"services/{service.ident}"
    files = {f"{base}/__init__.py": f'"""The {service.label} service."""\n'}
    if service.publishes:
        files[f"{base}/producer.py"] = _render("service/producer.py.j2", svc=service, slug=system.slug)
        if service.outbox:
            files[f"{base}/outbox.py"] = _render("service/outbox.py.j2", svc=service, slug=system.slug)
    if service.consumes:
        files[f"{base}/consumer.py"] = _render("service/consumer.py.j2", svc=service, slug=system.slug)
    files[f"tests/test_{service.ident}.py"] = _service_test(system, service)
    return files


def _readme(system: EventSystem, adr: str, any_outbox: bool) -> str:
    active = [s for s in system.services if s.publishes or s.consumes]
    return _render(
        "README.md.j2", system_label=label(system.system), adr=adr, event_rows=event_views.event_rows(system),
        services=active, consumers=[s for s in active if s.consumes],
        publishers=[s for s in active if s.publishes], any_outbox=any_outbox,
        flow_lines=event_views.flow_lines(system),
    )


def render_files(system: EventSystem, adr: str = "") -> dict[str, str]:
    """Every file of a Kafka starter for an EventSystem."""
    any_outbox = any(s.outbox and s.publishes for s in system.services)
    common = {"system_label": label(system.system), "events": system.events, "slug": system.slug,
              "dead_letter_topics": [f"{s.slug}.dlq" for s in system.services if s.consumes]}
    files = event_files.starter_files(system, _render, _readme(system, adr, any_outbox), common)
    for name in (*_MESSAGING, *(_OUTBOX if any_outbox else ())):
        files[f"messaging/{name}"] = _render(f"messaging/{name}.j2", **common)
    files["tests/test_delivery.py"] = event_files.delivery_test(system, _render)
    return files | event_files.schema_and_service_files(system, lambda s: _service_files(system, s))


class KafkaTarget(event_views.BrokerTarget):
    """Choreography on Apache Kafka (confluent-kafka)."""

    name = "kafka"
    summary = "Kafka producers/consumers per service (confluent-kafka), schemas, outbox"
    templates = TEMPLATES

    def render_system(self, system: EventSystem, adr: str) -> dict[str, str]:
        """Every file of the starter for an EventSystem."""
        return render_files(system, adr)


TARGET = KafkaTarget()
