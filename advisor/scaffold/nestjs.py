"""NestJS starter: a microservice per service on NestJS's RabbitMQ transport. A topic
exchange `<system>.events`; per consuming service a quorum queue `<system>.<service>` bound
to the events it consumes, delayed-retry queues and a `<queue>.dlq`; manual
acknowledgement after the handler; publisher confirms; handled ids in SQLite."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.scaffold.eventflow import Wiring, WiringTarget, common_context, starter_wiring

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

# Nest 12 is ESM-only and needs Node >= 22; TypeScript 7 breaks the build: stay on these.
DEPENDENCIES = {
    "@nestjs/common": "11.2.10",
    "@nestjs/core": "11.2.10",
    "@nestjs/microservices": "11.2.6",
    "amqp-connection-manager": "5.0.0",
    "amqplib": "0.10.9",
    # better-sqlite3 13 crashes on Node 20.
    "better-sqlite3": "12.6.2",
    "reflect-metadata": "0.2.2",
    "rxjs": "7.8.2",
}
DEV_DEPENDENCIES = {
    "@types/amqplib": "0.10.8", "@types/better-sqlite3": "7.6.13", "@types/node": "20.19.43",
    "typescript": "5.9.3",
}
TS_SAMPLES = {"integer": "1", "number": "1.5", "boolean": "true", "object": "{}", "array": "[]"}

# (output path, template); per-service paths are under src/<service>/.
_COMMON = (
    ("package.json", "package.json.j2"),
    ("tsconfig.json", "tsconfig.json.j2"),
    ("README.md", "README.md.j2"),
    (".gitignore", "gitignore.j2"),
    ("src/events.ts", "src/events.ts.j2"),
    ("src/topology.ts", "src/topology.ts.j2"),
    ("src/broker.ts", "src/broker.ts.j2"),
    ("src/delivery.ts", "src/delivery.ts.j2"),
    ("src/store.ts", "src/store.ts.j2"),
    ("src/handled.ts", "src/handled.ts.j2"),
    ("src/outbox.ts", "src/outbox.ts.j2"),
    ("src/publish.ts", "src/publish.ts.j2"),
    ("test/broker.ts", "test/broker.ts.j2"),
    ("test/chain.test.ts", "test/chain.test.ts.j2"),
)
_PER_SERVICE = (
    ("main.ts", "src/service/main.ts.j2"),
    ("{slug}.module.ts", "src/service/module.ts.j2"),
    ("{slug}.controller.ts", "src/service/controller.ts.j2"),
    ("{slug}.events.ts", "src/service/events.ts.j2"),
)


def context(starter: Starter, flow: Wiring | None = None) -> dict[str, Any]:
    """Everything the templates need, decided here (templates only loop)."""
    wired = flow or starter_wiring(starter)
    services = wired.services
    system = starter.system_slug
    routing_keys = {name: event.id.slug for name, event in wired.events.items()}
    return {
        **common_context(starter, wired), "events": wired.events,
        "exchange": f"{system}.events", "dead_letter_exchange": f"{system}.dead-letter",
        "queues": {name: f"{system}.{s.id.slug}" for name, s in services.items()},
        "routing_keys": routing_keys,
        "consumed_keys": {name: [routing_keys[h.event] for h in s.handlers]
                          for name, s in services.items()},
        "ts_samples": TS_SAMPLES,
        "publishing": [s for s in services.values() if s.publishes],
        "published_events": list(dict.fromkeys(e for s in services.values() for e in s.publishes)),
        "republished_by": {n: list(dict.fromkeys(p for h in s.handlers for p in h.republishes))
                           for n, s in services.items()},
        "dependencies": DEPENDENCIES, "dev_dependencies": DEV_DEPENDENCIES,
    }


class NestTarget(WiringTarget):
    """NestJS microservices with `@EventPattern` handlers on the RabbitMQ transport."""

    name = "nestjs"
    summary = "NestJS microservices on RabbitMQ: manual ack, retries, a DLQ per consumer"
    templates = "scaffold/nestjs"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        ctx = context(starter)
        files = self.render_all(_COMMON, **ctx)
        if not ctx["any_outbox"]:
            del files["src/outbox.ts"]
        for service in ctx["services"].values():
            for out, template in _PER_SERVICE:
                path = f"src/{service.id.slug}/{out.format(slug=service.id.slug)}"
                files[path] = self.render(template, service=service, **ctx)
        return files


TARGET = NestTarget()
