"""Shared by the kafka and rabbitmq target tests: an awkward model and starter helpers."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path, PurePosixPath

import yaml

from advisor.format.model import Architecture, Event, Service
from advisor.scaffold.engine import make_starter, plan_starter, write_starter
from advisor.scaffold.event_views import RESERVED
from tests.starters.envs import python_env, run


def awkward_model() -> Architecture:
    """Names with dashes, dots, keywords, unicode, clashes and reserved module names."""
    services = [
        Service("order-service", publishes=("Order.Placed", "for"), outbox=True),
        Service("billing.v2", consumes=("Order.Placed",), publishes=("ÉvénementCréé",),
                idempotent=True),
        Service("class", consumes=("for", "ÉvénementCréé"), idempotent=True),
        Service("café-ünïcode", consumes=("Order.Placed",)),
        Service("日本", consumes=("for",), idempotent=True),
        Service("a-b", consumes=("ÉvénementCréé",)),
        Service("a_b", consumes=("never-published",)),
        Service("messaging", publishes=("order_placed",)),
        Service("quiet"),
    ]
    events = [
        Event("Order.Placed", version=3, key="order-id",
              fields={"order-id": "string", "total": "number", "lines": "array"}),
        Event("for", key="import", fields={"import": "integer", "class": "boolean"}),
        Event("ÉvénementCréé", description='He said "hi" \\ and {{ left }} # here'),
        Event("order_placed", version=1, key="id"),
    ]
    return Architecture(system="Sys.tem 2 ☃", services={s.name: s for s in services},
                        events={e.name: e for e in events})


def generate(model: Architecture, target: str) -> dict[str, str]:
    """A target's files for a model, through the engine."""
    from advisor.scaffold import get_target

    return dict(get_target(target).files(make_starter(model, target)))


def as_text(files: Mapping[str, str]) -> str:
    """All files of a starter in one text, for a golden file."""
    return "".join(f"==> {path} <==\n{files[path]}\n" for path in sorted(files))


def check_awkward(files: Mapping[str, str]) -> None:
    """Every file is well formed and confined, whatever the names in the model."""
    modules: set[str] = set()
    for path, text in files.items():
        pure = PurePosixPath(path)
        assert not pure.is_absolute() and ".." not in pure.parts, path
        assert re.fullmatch(r"[A-Za-z0-9_./-]+", path), f"unsafe path {path!r}"
        if path.endswith(".py"):
            compile(text, path, "exec")  # raises SyntaxError with the file name
            modules.add(path)
        elif path.endswith(".json"):
            json.loads(text)
        elif path.endswith((".yml", ".yaml")):
            assert yaml.safe_load(text)
    service_dirs = {PurePosixPath(p).parts[1] for p in files
                    if p.startswith("services/") and p.count("/") == 2}
    assert not service_dirs & RESERVED
    # Every service with events has its own package ("quiet" has none).
    assert len(service_dirs) == 8


def run_starter(files: Mapping[str, str], out: Path, model: Architecture, target: str) -> str:
    """Write the starter through the engine, then run its own tests in its own environment."""
    write_starter(plan_starter(model, target, out))
    assert {str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()} == set(files)
    python = python_env(out / "requirements.txt")
    command = [str(python), "-m", "pytest", "-v", "-p", "no:cacheprovider", "-rs"]
    return run(command, out, timeout=900)
