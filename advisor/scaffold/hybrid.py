"""Hybrid starter (`BROKER+ENGINE`): events between bounded contexts on the broker under
`events/`, the orchestrated flows inside the context that owns them under `flows/`."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from advisor.errors import InputError
from advisor.scaffold import Target, get_target
from advisor.scaffold.event_views import BrokerTarget, build
from advisor.scaffold.eventflow import starter_wiring
from advisor.scaffold.text import plain
from advisor.targets import CHOREOGRAPHY_TARGETS, ORCHESTRATION_TARGETS, style_of

if TYPE_CHECKING:
    from advisor.format.model import Architecture, Flow
    from advisor.scaffold.engine import Starter

HALVES = ("events", "flows")
_QUICK_START = re.compile(r"^## Quick start\n.*?^```[a-z]*\n(.*?)^```", re.M | re.S)


_PYTHON_TESTS = ["python -m venv .venv && . .venv/bin/activate",
                 "pip install -r requirements.txt", "python -m pytest"]


def quick_start(files: Mapping[str, str]) -> list[str]:
    """A half's commands to install and test it: its README's `## Quick start` block, else
    the usual ones for its dependency file, else a pointer to its README."""
    match = _QUICK_START.search(files.get("README.md", ""))
    if match:
        return match.group(1).strip().splitlines()
    if "package.json" in files:
        return ["npm install", "npm test"]
    if "requirements.txt" in files:
        return list(_PYTHON_TESTS)
    return ["# see README.md here"]


def _contexts(model: Architecture) -> dict[str, list[str]]:
    """Bounded contexts as the model shows them: owner -> services (unowned: on their own)."""
    contexts: dict[str, list[str]] = {}
    for name, service in model.services.items():
        contexts.setdefault(plain(service.owner) or plain(name), []).append(plain(name))
    return contexts


def _flow_row(flow: Flow, model: Architecture) -> dict[str, Any]:
    owner = model.services.get(flow.orchestrator)
    team = owner.owner if owner else ""
    crossing = [s.service for s in flow.steps
                if team and model.services.get(s.service) is not None
                and model.services[s.service].owner not in ("", team)]
    return {
        "crossing": [f"{plain(s)} ({plain(model.services[s].owner)})"
                     for s in dict.fromkeys(crossing)],
        "name": plain(flow.name),
        "orchestrator": plain(flow.orchestrator) or "-",
        "owner": plain(owner.owner) if owner and owner.owner else "-",
        "steps": [f"{plain(s.service)}.{plain(s.action)}"
                  + (f" (undo: {plain(s.compensation)})" if s.compensation else "")
                  for s in flow.steps],
        "timeout": plain(flow.timeout) or "-",
    }


def broker_events(starter: Starter, broker: Target) -> tuple[list[dict[str, Any]], bool]:
    """The events the broker half generates, from the model objects that half renders (the
    EventSystem of kafka, rabbitmq and pubsub; the wiring of nestjs), and whether they are
    derived from the flows (only the wiring derives them, when no service has events)."""
    if isinstance(broker, BrokerTarget):
        system = build(starter.model, starter.system)
        return [{"name": plain(e.name), "key": plain(e.key) or "-",
                 "publishers": [plain(s.name) for s in system.producers_of(e)] or ["-"],
                 "consumers": [plain(s.name) for s in system.consumers_of(e)] or ["-"]}
                for e in system.events], False
    wired = starter_wiring(starter)
    return [{"name": plain(n), "key": plain(e.key) or "-",
             "publishers": [plain(p) for p in e.publishers] or ["-"],
             "consumers": [plain(c) for c in e.consumers] or ["-"]}
            for n, e in wired.events.items()], wired.derived


def context(starter: Starter, broker: Target, engine: Target) -> dict[str, Any]:
    """What the top-level README says: events on the broker, flows on the engine."""
    model = starter.model
    events, derived = broker_events(starter, broker)
    on_engine = [f for f in starter.flows if f.style != "choreography"]
    return {
        "system": plain(starter.system), "adr": starter.adr, "broker": broker, "engine": engine,
        "derived_events": derived, "events": events,
        "flows": [_flow_row(f, model) for f in on_engine],
        "choreographed_flows": [plain(f.name) for f in starter.flows if f.style == "choreography"],
        "generated_example": starter.generated_example,
        "contexts": _contexts(model),
    }


class HybridTarget:
    """A broker target and an engine target, side by side, with a README on the split."""

    style = "hybrid"

    def __init__(self, broker: Target, engine: Target) -> None:
        self.broker = broker
        self.engine = engine
        self.name = f"{broker.name}+{engine.name}"
        self.summary = (f"events between contexts on {broker.name}, "
                        f"flows inside a context on {engine.name}")

    @property
    def seam(self) -> bool:
        """Whether the engine's steps write their events through the broker half's outbox
        (kafka's `messaging.outbox` from a Temporal activity)."""
        return (self.broker.name, self.engine.name) == ("kafka", "temporal")

    def uses_flows(self, starter: Starter) -> bool:
        """Whether either half is built from the model's flows (the engine half always is)."""
        return self.broker.uses_flows(starter) or self.engine.uses_flows(starter)

    def files(self, starter: Starter) -> Mapping[str, str]:
        """Both halves' files under events/ and flows/, plus the README explaining the split."""
        from advisor.templating import render

        files: dict[str, str] = {}
        commands: list[str] = []
        for prefix, target in zip(HALVES, (self.broker, self.engine), strict=True):
            extra = {**starter.extra, "hybrid_half": prefix}
            if prefix == "flows" and self.seam:
                extra["seam"] = "outbox"
            half = target.files(replace(starter, target=target.name, extra=extra))
            files.update({f"{prefix}/{path}": text for path, text in half.items()})
            commands += [f"cd {'../' if commands else ''}{prefix}", *quick_start(half)]
        if "flows/seam.py" in files:
            files["flows/requirements.txt"] = with_runtime(files["flows/requirements.txt"],
                                                           files.get("events/requirements.txt", ""))
        files["README.md"] = render("scaffold/hybrid", "README.md.j2", quick_start=commands,
                                    seam=seam_lines(files.get("flows/activities.py", "")),
                                    **context(starter, self.broker, self.engine))
        return files


_PUBLISH = re.compile(r"^@activity\.defn\(name='([^']+)'\)$|^    seam\.publish\('[^']*', '([^']+)'", re.M)


def seam_lines(activities: str) -> list[str]:
    """`activity writes Event, ...` for each activity of the flows half that writes to an outbox."""
    writes: dict[str, list[str]] = {}
    current = ""
    for activity, event in _PUBLISH.findall(activities):
        if activity:
            current = activity
        elif current:
            writes.setdefault(current, []).append(event)
    return [f"{plain(name)} writes {', '.join(plain(e) for e in events)}" for name, events in writes.items()]


def with_runtime(flows: str, events: str) -> str:
    """The flows half's requirements plus the events half's runtime ones (its lines under
    `# Runtime`), which the seam imports."""
    runtime: list[str] = []
    taking = False
    for line in events.splitlines():
        if line.startswith("#"):
            taking = line.strip().lower() == "# runtime"
        elif taking and line.strip():
            runtime.append(line.strip())
    extra = [line for line in runtime if line not in flows.splitlines()]
    if not extra:
        return flows
    return flows.rstrip("\n") + "\n# The events half's runtime, for seam.py\n" + "\n".join(extra) + "\n"


def hybrid_target(name: str) -> Target:
    """The hybrid target for `BROKER+ENGINE` (InputError when either half does not fit)."""
    broker, _, engine = name.partition("+")
    if style_of(name) != "hybrid":
        raise InputError(
            f"hybrid target {name!r} must be BROKER+ENGINE with BROKER one of "
            f"{', '.join(CHOREOGRAPHY_TARGETS)} and ENGINE one of "
            f"{', '.join(ORCHESTRATION_TARGETS)}"
        )
    return HybridTarget(get_target(broker, "choreography"), get_target(engine, "orchestration"))
