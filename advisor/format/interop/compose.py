"""Compose files -> services, replicas and calls (environment wiring and `depends_on`).

A compose service's name is its host name on the project network, so an environment
value that is the address of another service (`http://orders:8080`, or `payments` in a
variable named as an address, `PAYMENTS_HOST`) is a call to it, as is a `depends_on`
entry. Datastores and brokers (by image) are not services. Every address that becomes no
call is reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from advisor.format.interop.facts import Facts, Recorder, mapping
from advisor.format.interop.sources import Source
from advisor.format.interop.wiring import address_name, engine, host_in, infrastructure, local_host, protocol_of
from advisor.format.loader import NodePath
from advisor.names import model_name


def read(sources: list[Source], facts: Facts, options: Any) -> None:
    """Record the services of each compose file."""
    for source in sources:
        _File(mapping(source.document.data.get("services")), Recorder(source.document, facts)).read()


def _pairs(value: Any) -> Iterator[tuple[str, Any, int | str]]:
    """Key/value pairs of a compose mapping or `KEY=value` list, with the node key of each."""
    if isinstance(value, dict):
        yield from ((str(k), v, k) for k, v in value.items())
    elif isinstance(value, list):
        for i, item in enumerate(value):
            if isinstance(item, str):
                key, _, rest = item.partition("=")
                yield key, rest, i


class _File:
    def __init__(self, services: dict[str, Any], rec: Recorder) -> None:
        self.services = {k: v if isinstance(v, dict) else {} for k, v in services.items()}
        self.rec = rec
        self.infra = {k: infrastructure(str(v.get("image", ""))) if v.get("image") else ""
                      for k, v in self.services.items()}

    def read(self) -> None:
        for name, body in self.services.items():
            at: NodePath = ("services", name)
            if self.infra[name]:
                self.rec.note(f"{name} runs {self.infra[name]}: a datastore or broker, not a service", at)
                continue
            service = model_name(name)
            if not service:
                self.rec.note(f"{name!r} cannot be a service name", at)
                continue
            self.service(service, body, at)

    def service(self, name: str, body: dict[str, Any], at: NodePath) -> None:
        path = ("services", name)
        self.rec.declare(path, at)
        deploy = mapping(body.get("deploy"))
        if isinstance(deploy.get("replicas"), int):
            self.rec.set((*path, "replicas"), deploy["replicas"], (*at, "deploy", "replicas"))
        elif isinstance(body.get("scale"), int):
            self.rec.set((*path, "replicas"), body["scale"], (*at, "scale"))
        else:
            self.rec.default((*path, "replicas"), 1, at, "no deploy.replicas: compose runs one")
        for key, value, node in _pairs(body.get("labels")):
            if key in ("owner", "team") and isinstance(value, str) and value:
                self.rec.set((*path, "owner"), value, (*at, "labels", node))
        if isinstance(body.get("image"), str) and engine(body["image"]):
            self.rec.set((*path, "role"), "orchestrator", (*at, "image"))
        for key, value, node in _pairs(body.get("environment")):
            address = host_in(str(value), named=address_name(key)) if value is not None else None
            if address is None or local_host(address[0]):
                continue
            where, host = (*at, "environment", node), address[0]
            why = f"no service {host} in this file" if host not in self.services else \
                f"{host} runs {self.infra[host]}, a datastore or broker" if self.infra[host] else \
                f"{host} is this service itself" if model_name(host) == name else ""
            if why:
                self.rec.note(f"{key}={value}: {why}; not a call", where)
            else:
                self.call(name, host, protocol_of(address[2]), where)
        depends = body.get("depends_on")
        for target in (depends if isinstance(depends, list) else list(mapping(depends))):
            if isinstance(target, str) and target in self.services:
                self.call(name, target, "", (*at, "depends_on"))

    def call(self, name: str, target: str, protocol: str, at: NodePath) -> None:
        callee = model_name(target)
        if self.infra[target] or not callee or callee == name:
            return
        self.rec.add(("services", name, "calls"), {"service": callee, "protocol": protocol} if protocol else callee, at)
