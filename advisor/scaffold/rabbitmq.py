"""The `rabbitmq` target: a topic exchange; per consumer a quorum queue with a delivery limit,
delayed-retry queues and a parking queue, declared by that consumer only; pika publishers with
confirms and `mandatory`; one database transaction per handled message (de-duplication, state,
outbox) acknowledged after the commit; CloudEvents and traceparent headers; JSON Schemas.

The starter's tests run against a real RabbitMQ: $AMQP_URL, or rabbitmq-server started by
the tests; they skip with the reason where neither exists.
"""

from __future__ import annotations

from advisor.scaffold import event_files, event_views
from advisor.scaffold.base import renderer
from advisor.scaffold.event_views import EventSystem, ServiceView
from advisor.scaffold.text import label

_MESSAGING = ("__init__.py", "config.py", "events.py", "topology.py", "publisher.py",
              "consumer.py")
# The service database and the outbox relay are the Kafka starter's, with this publisher.
_SHARED = ("store.py", "store.sql", "relay.py")
TEMPLATES = "scaffold/rabbitmq"
_render = renderer(TEMPLATES)
_render_shared = renderer("scaffold/kafka")


def queue_name(system: EventSystem, service: ServiceView) -> str:
    """A consumer's queue: `<system>.<service>`."""
    return f"{system.slug}.{service.slug}"


def _service_test(system: EventSystem, service: ServiceView) -> str:
    items, imports = event_views.service_test_imports(system, service, "Publisher", "EventPublisher")
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
        files[f"{base}/publisher.py"] = _render("service/publisher.py.j2", svc=service, slug=system.slug)
        if service.outbox:
            files[f"{base}/outbox.py"] = _render("service/outbox.py.j2", svc=service, slug=system.slug)
    if service.consumes:
        files[f"{base}/consumer.py"] = _render(
            "service/consumer.py.j2", svc=service, queue=queue_name(system, service), slug=system.slug,
            ordered=system.ordered)
    files[f"tests/test_{service.ident}.py"] = _service_test(system, service)
    return files


def _readme(system: EventSystem, adr: str, names: dict[str, str]) -> str:
    active = [s for s in system.services if s.publishes or s.consumes]
    services = [
        {"svc": s, "queue": queue_name(system, s) if s.consumes else "",
         "bindings": ", ".join(f"`{e.channel}`" for e in s.consumes)}
        for s in active
    ]
    return _render(
        "README.md.j2", adr=adr, event_rows=event_views.event_rows(system), service_rows=services,
        consumers=[s for s in active if s.consumes], publishers=[s for s in active if s.publishes],
        flow_lines=event_views.flow_lines(system), ordered=system.ordered,
        any_outbox=any(s.outbox and s.publishes for s in active),
        **names,
    )


def render_files(system: EventSystem, adr: str = "") -> dict[str, str]:
    """Every file of a RabbitMQ starter for an EventSystem."""
    names = {"system_label": label(system.system), "slug": system.slug,
             "exchange": f"{system.slug}.events",
             "dead_letter_exchange": f"{system.slug}.dead-letter"}
    queues = [{"name": queue_name(system, s), "routing_keys": tuple(e.channel for e in s.consumes)}
              for s in system.services if s.consumes]
    files = event_files.starter_files(system, _render, _readme(system, adr, names), names)
    for name in _MESSAGING:
        files[f"messaging/{name}"] = _render(
            f"messaging/{name}.j2", events=system.events, queues=queues, **names)
    for name in _SHARED:
        files[f"messaging/{name}"] = _render_shared(
            f"messaging/{name}.j2", producer_module="publisher", producer_class="EventPublisher")
    files["tests/test_delivery.py"] = event_files.delivery_test(
        system, _render, exchange=names["exchange"], ordered=system.ordered)
    return files | event_files.schema_and_service_files(system, lambda s: _service_files(system, s))


class RabbitMQTarget(event_views.BrokerTarget):
    """Choreography on RabbitMQ (pika)."""

    name = "rabbitmq"
    summary = "RabbitMQ topic exchange, a queue and dead-letter queue per consumer (pika)"
    templates = TEMPLATES

    def render_system(self, system: EventSystem, adr: str) -> dict[str, str]:
        """Every file of the starter for an EventSystem."""
        return render_files(system, adr)


TARGET = RabbitMQTarget()
