"""Google Cloud Pub/Sub starter: a topic per event, a subscription per consumer, publishers
with attributes and ordering keys, subscribers that ack, de-duplicate and re-publish."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.scaffold.eventflow import EventSpec, ServiceSpec, Wiring, WiringTarget, common_context, starter_wiring

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

PUBSUB_VERSION = "2.44.0"
PYTEST_VERSION = "8.4.2"

# (output path, template) rendered once per starter.
_COMMON = (
    ("README.md", "README.md.j2"),
    ("requirements.txt", "requirements.txt.j2"),
    ("pytest.ini", "pytest.ini.j2"),
    ("contracts.py", "contracts.py.j2"),
    ("publisher.py", "publisher.py.j2"),
    ("subscriber.py", "subscriber.py.j2"),
    ("setup_topics.py", "setup_topics.py.j2"),
    ("publish.py", "publish.py.j2"),
    ("processed.py", "processed.py.j2"),
    ("outbox.py", "outbox.py.j2"),
    ("services/__init__.py", "services_init.py.j2"),
    ("tests/chains.py", "tests/chains.py.j2"),
    ("tests/conftest.py", "tests/conftest.py.j2"),
    ("tests/test_contracts.py", "tests/test_contracts.py.j2"),
    ("tests/test_services.py", "tests/test_services.py.j2"),
    ("tests/test_emulator.py", "tests/test_emulator.py.j2"),
)


def resource_id(*parts: str) -> str:
    """A Pub/Sub topic or subscription id: dot-joined slugs, never starting with `goog`."""
    joined = ".".join(parts)
    return f"ev-{joined}" if joined.lower().startswith("goog") else joined


def _event(spec: EventSpec, system: str, services: Mapping[str, ServiceSpec]) -> dict[str, Any]:
    topic = resource_id(system, spec.id.slug)
    return {
        "spec": spec, "name": spec.id.name, "const": f"{spec.id.const}_EVENT",
        "snake": spec.id.snake,
        "topic": topic, "key": spec.key, "version": spec.version, "fields": dict(spec.fields),
        "subscriptions": {c: resource_id(topic, services[c].id.slug) for c in spec.consumers},
    }


def context(starter: Starter, flow: Wiring | None = None) -> dict[str, Any]:
    """Everything the templates need, decided here (templates only loop)."""
    wired = flow or starter_wiring(starter)
    events = {n: _event(e, starter.system_slug, wired.services) for n, e in wired.events.items()}
    return {
        **common_context(starter, wired), "events": events,
        "any_idempotent": any(s.idempotent for s in wired.services.values()),
        "pubsub_version": PUBSUB_VERSION, "pytest_version": PYTEST_VERSION,
    }


class PubSubTarget(WiringTarget):
    """Google Cloud Pub/Sub publishers and subscribers (google-cloud-pubsub)."""

    name = "pubsub"
    summary = "Google Cloud Pub/Sub topics, subscriptions, publishers and subscribers"
    templates = "scaffold/pubsub"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        ctx = context(starter)
        files = self.render_all(_COMMON, **ctx)
        if not ctx["any_outbox"]:
            del files["outbox.py"]
        if not ctx["any_idempotent"]:
            del files["processed.py"]
        for service in ctx["services"].values():
            files[f"services/{service.id.snake}.py"] = self.render("service.py.j2", service=service, **ctx)
        return files


TARGET = PubSubTarget()
