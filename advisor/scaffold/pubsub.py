"""The `pubsub` target: Google Cloud Pub/Sub topics per event, a subscription per consumer with
ordering, a retry policy and a dead-letter policy; publishers with CloudEvents attributes and
ordering keys; one database transaction per handled message (de-duplication, state, outbox),
acknowledged after the commit; in-place retries with backoff, then a dead-letter topic.

The starter's tests run on the Pub/Sub emulator and skip, saying why, where it is missing.
"""

from __future__ import annotations

from advisor.scaffold import event_files, event_views
from advisor.scaffold.base import renderer
from advisor.scaffold.event_views import EventSystem, ServiceView
from advisor.scaffold.text import label

PUBSUB_VERSION = "2.44.0"
PYTEST_VERSION = "9.2.0"
_MESSAGING = ("__init__.py", "config.py", "events.py", "publisher.py", "topology.py", "consumer.py")
# The service database and the outbox relay are the Kafka starter's, with this publisher.
_SHARED = ("store.py", "store.sql", "relay.py")
TEMPLATES = "scaffold/pubsub"
_render = renderer(TEMPLATES)
_render_shared = renderer("scaffold/kafka")


def resource_id(*parts: str) -> str:
    """A Pub/Sub topic or subscription id: dot-joined slugs, starting with a letter, never `goog`."""
    joined = ".".join(parts)
    return joined if joined[:1].isalpha() and not joined.lower().startswith("goog") else f"ev-{joined}"


def _topics(system: EventSystem) -> dict[str, str]:
    return {e.name: resource_id(system.slug, e.channel) for e in system.events}


def _subscriptions(system: EventSystem, service: ServiceView) -> dict[str, str]:
    topics = _topics(system)
    return {e.name: f"{topics[e.name]}.{service.slug}" for e in service.consumes}


def _dead_letter_topic(system: EventSystem, service: ServiceView) -> str:
    return resource_id(system.slug, service.slug, "dlq")


def _service_test(system: EventSystem, service: ServiceView) -> str:
    items, imports = event_views.service_test_imports(system, service, "Publisher", "EventPublisher")
    return _render(
        "tests/test_service.py.j2", svc=service, inbound=items, service_imports=sorted(imports),
        needs_generic_publisher=any(i.producer == "EventPublisher" for i in items),
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
            "service/consumer.py.j2", svc=service, slug=system.slug,
            subscriptions=_subscriptions(system, service),
            dead_letter_topic=_dead_letter_topic(system, service))
    files[f"tests/test_{service.ident}.py"] = _service_test(system, service)
    return files


def _readme(system: EventSystem, adr: str) -> str:
    active = [s for s in system.services if s.publishes or s.consumes]
    rows = [{"svc": s, "subscriptions": _subscriptions(system, s),
             "dead_letter": _dead_letter_topic(system, s) if s.consumes else ""} for s in active]
    return _render(
        "README.md.j2", system_label=label(system.system), adr=adr, topics=_topics(system),
        event_rows=event_views.event_rows(system), service_rows=rows,
        consumers=[s for s in active if s.consumes], publishers=[s for s in active if s.publishes],
        any_outbox=any(s.outbox and s.publishes for s in active), flow_lines=event_views.flow_lines(system),
    )


def render_files(system: EventSystem, adr: str = "") -> dict[str, str]:
    """Every file of a Pub/Sub starter for an EventSystem."""
    common = {"system_label": label(system.system), "events": system.events, "slug": system.slug,
              "topics": _topics(system)}
    files = {
        "README.md": _readme(system, adr),
        "requirements.txt": _render("requirements.txt.j2", pubsub_version=PUBSUB_VERSION,
                                    pytest_version=PYTEST_VERSION),
        "pytest.ini": _render("pytest.ini.j2"),
        ".gitignore": event_files.GITIGNORE,
        "services/__init__.py": '"""One package per service."""\n',
        "tests/conftest.py": _render("tests/conftest.py.j2"),
        "tests/test_contracts.py": _render("tests/test_contracts.py.j2"),
        "tests/test_delivery.py": event_files.delivery_test(system, _render),
    }
    for name in _MESSAGING:
        files[f"messaging/{name}"] = _render(f"messaging/{name}.j2", **common)
    for name in _SHARED:
        files[f"messaging/{name}"] = _render_shared(
            f"messaging/{name}.j2", producer_module="publisher", producer_class="EventPublisher")
    return files | event_files.schema_and_service_files(system, lambda s: _service_files(system, s))


class PubSubTarget(event_views.BrokerTarget):
    """Choreography on Google Cloud Pub/Sub (google-cloud-pubsub)."""

    name = "pubsub"
    summary = "Google Cloud Pub/Sub topics, subscriptions with retry and dead-letter policies"
    templates = TEMPLATES

    def render_system(self, system: EventSystem, adr: str) -> dict[str, str]:
        """Every file of the starter for an EventSystem."""
        return render_files(system, adr)


TARGET = PubSubTarget()
