"""Google Cloud Pub/Sub starter: a topic per event, a subscription per consumer, publishers
with attributes and ordering keys, subscribers that ack, de-duplicate and re-publish."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from advisor.scaffold.eventflow import EventSpec, ServiceSpec, Wiring, flow_lines, plain, wiring

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

PUBSUB_VERSION = "2.44.0"
PYTEST_VERSION = "8.4.2"

# (template, output path) rendered once per starter; `None` marks per-service files.
_COMMON = (
    ("README.md.j2", "README.md"),
    ("requirements.txt.j2", "requirements.txt"),
    ("pytest.ini.j2", "pytest.ini"),
    ("contracts.py.j2", "contracts.py"),
    ("publisher.py.j2", "publisher.py"),
    ("subscriber.py.j2", "subscriber.py"),
    ("setup_topics.py.j2", "setup_topics.py"),
    ("publish.py.j2", "publish.py"),
    ("processed.py.j2", "processed.py"),
    ("outbox.py.j2", "outbox.py"),
    ("services_init.py.j2", "services/__init__.py"),
    ("tests/chains.py.j2", "tests/chains.py"),
    ("tests/conftest.py.j2", "tests/conftest.py"),
    ("tests/test_contracts.py.j2", "tests/test_contracts.py"),
    ("tests/test_services.py.j2", "tests/test_services.py"),
    ("tests/test_emulator.py.j2", "tests/test_emulator.py"),
)


def resource_id(*parts: str) -> str:
    """A Pub/Sub topic or subscription id: dot-joined slugs, never starting with `goog`."""
    joined = ".".join(parts)
    return f"ev-{joined}" if joined.lower().startswith("goog") else joined


def listed(items: Iterable[str], empty: str = "-") -> str:
    """Names as comment-safe text, comma-separated (`empty` when there are none)."""
    return ", ".join(plain(item) for item in items) or empty


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
    wired = flow or wiring(dict(starter.model.services), dict(starter.model.events), starter.flows)
    events = {n: _event(e, starter.system_slug, wired.services) for n, e in wired.events.items()}
    owners = {n: plain(s.owner) for n, s in starter.model.services.items()}
    keys = [e.key for e in wired.events.values()]
    texts = {n: plain(n) for n in [*wired.events, *wired.services, *keys]}
    return {
        "system": plain(starter.system), "system_slug": starter.system_slug, "adr": starter.adr,
        "wiring": wired, "flow_lines": flow_lines(wired), "events": events,
        "services": wired.services, "owners": owners,
        "texts": texts, "listed": listed,
        "any_outbox": any(s.outbox for s in wired.services.values()),
        "any_idempotent": any(s.idempotent for s in wired.services.values()),
        "pubsub_version": PUBSUB_VERSION, "pytest_version": PYTEST_VERSION,
    }


class PubSubTarget:
    """Google Cloud Pub/Sub publishers and subscribers (google-cloud-pubsub)."""

    name = "pubsub"
    style = "choreography"
    summary = "Google Cloud Pub/Sub topics, subscriptions, publishers and subscribers"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        from advisor.templating import render

        ctx = context(starter)
        files = {out: render("scaffold/pubsub", template, **ctx) for template, out in _COMMON}
        if not ctx["any_outbox"]:
            del files["outbox.py"]
        if not ctx["any_idempotent"]:
            del files["processed.py"]
        for service in ctx["services"].values():
            files[f"services/{service.id.snake}.py"] = render(
                "scaffold/pubsub", "service.py.j2", service=service, **ctx)
        return files


TARGET = PubSubTarget()
