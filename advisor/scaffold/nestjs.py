"""NestJS starter: a microservice per service on the TCP transport, `@EventPattern`
handlers per consumed event and `emit` to each consumer per published one."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from advisor.scaffold.eventflow import Wiring, flow_lines, plain, wiring

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter

# Nest 12 is ESM-only and needs Node >= 22; TypeScript 7 breaks the build: stay on these.
DEPENDENCIES = {
    "@nestjs/common": "11.2.10",
    "@nestjs/core": "11.2.10",
    "@nestjs/microservices": "11.2.6",
    "reflect-metadata": "0.2.2",
    "rxjs": "7.8.2",
}
DEV_DEPENDENCIES = {"@types/node": "20.19.43", "typescript": "5.9.3"}
FIRST_PORT = 4001
TS_SAMPLES = {"integer": "1", "number": "1.5", "boolean": "true", "object": "{}", "array": "[]"}

_COMMON = (
    ("package.json.j2", "package.json"),
    ("tsconfig.json.j2", "tsconfig.json"),
    ("README.md.j2", "README.md"),
    ("gitignore.j2", ".gitignore"),
    ("src/events.ts.j2", "src/events.ts"),
    ("src/topology.ts.j2", "src/topology.ts"),
    ("src/handled.ts.j2", "src/handled.ts"),
    ("src/outbox.ts.j2", "src/outbox.ts"),
    ("src/publish.ts.j2", "src/publish.ts"),
    ("test/chain.test.ts.j2", "test/chain.test.ts"),
)
_PER_SERVICE = (
    ("src/service/main.ts.j2", "main.ts"),
    ("src/service/module.ts.j2", "{slug}.module.ts"),
    ("src/service/controller.ts.j2", "{slug}.controller.ts"),
    ("src/service/events.ts.j2", "{slug}.events.ts"),
)


def context(starter: Starter, flow: Wiring | None = None) -> dict[str, Any]:
    """Everything the templates need, decided here (templates only loop)."""
    wired = flow or wiring(dict(starter.model.services), dict(starter.model.events), starter.flows)
    keys = [e.key for e in wired.events.values()]
    texts = {n: plain(n) for n in [*wired.events, *wired.services, *keys]}
    services = wired.services
    targets = {  # service -> the consumers it emits to, in order
        name: list(dict.fromkeys(c for e in s.publishes for c in wired.events[e].consumers))
        for name, s in services.items()
    }
    return {
        "system": plain(starter.system), "system_slug": starter.system_slug, "adr": starter.adr,
        "wiring": wired, "flow_lines": flow_lines(wired), "events": wired.events,
        "services": services, "texts": texts,
        "owners": {n: plain(s.owner) for n, s in starter.model.services.items()},
        "ports": {name: FIRST_PORT + i for i, name in enumerate(services)},
        "targets": targets, "ts_samples": TS_SAMPLES,
        "publishing": [s for s in services.values() if s.publishes],
        "published_events": list(dict.fromkeys(e for s in services.values() for e in s.publishes)),
        "republished_by": {n: list(dict.fromkeys(p for h in s.handlers for p in h.republishes))
                           for n, s in services.items()},
        "any_outbox": any(s.outbox for s in services.values()),
        "dependencies": DEPENDENCIES, "dev_dependencies": DEV_DEPENDENCIES,
        "listed": lambda items, empty="-": ", ".join(plain(i) for i in items) or empty,
    }


class NestTarget:
    """NestJS microservices with `@EventPattern` handlers (TCP transport)."""

    name = "nestjs"
    style = "choreography"
    summary = "NestJS microservices: @EventPattern handlers, emit to consumers over TCP"

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        from advisor.templating import render

        ctx = context(starter)
        files = {out: render("scaffold/nestjs", template, **ctx) for template, out in _COMMON}
        if not ctx["any_outbox"]:
            del files["src/outbox.ts"]
        for service in ctx["services"].values():
            for template, out in _PER_SERVICE:
                path = f"src/{service.id.slug}/{out.format(slug=service.id.slug)}"
                files[path] = render("scaffold/nestjs", template, service=service, **ctx)
        return files


TARGET = NestTarget()
