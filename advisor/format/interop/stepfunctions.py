"""AWS Step Functions (Amazon States Language, JSON or YAML) -> a flow on a managed orchestrator.

The machine's main path (StartAt, Next, Choice defaults) gives the steps: each Task is
a step of the service it invokes (a Lambda function, or the AWS service it integrates),
its action the state's name; Retry gives retries, TimeoutSeconds timeouts. Catch leads
into chains of compensating Tasks; each new Task in a chain is the compensation of the
step it first appears for. The machine itself is a managed orchestrator.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from advisor.format.interop.facts import Facts, Recorder, listing, mapping
from advisor.format.interop.sources import Source
from advisor.names import model_name, slug

_WORDS_DROPPED = re.compile(r"[-_]?(function|lambda|fn)$", re.IGNORECASE)
_STOPS = {"Succeed", "Fail"}


def duration(seconds: int) -> str:
    """Seconds as the architecture file writes a duration: 600 -> `10m`."""
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def read(sources: list[Source], facts: Facts, options: Any) -> None:
    """Record each state machine as a flow with its steps and its orchestrator."""
    for source in sources:
        _Machine(source, Recorder(source.document, facts)).read()


def task_service(state: dict[str, Any]) -> str:
    """The service a Task calls: its Lambda function, activity, or the AWS service it integrates."""
    resource = str(state.get("Resource", ""))
    if ":::lambda:invoke" in resource:
        params = mapping(state.get("Parameters")) or mapping(state.get("Arguments"))
        name = params.get("FunctionName", "") if isinstance(params, dict) else ""
    elif ":::" in resource:  # an optimised integration: arn:aws:states:::sns:publish
        name = resource.split(":::", 1)[1].split(":", 1)[0]
    else:
        name = resource
    name = str(name).strip("${}").removesuffix(".Arn")
    for marker in (":function:", ":activity:", ":stateMachine:"):
        if marker in name:
            name = name.split(marker, 1)[1].split(":", 1)[0]
    return model_name(slug(_WORDS_DROPPED.sub("", name) or name, ""))


class _Machine:
    def __init__(self, source: Source, rec: Recorder) -> None:
        self.data: dict[str, Any] = source.document.data
        self.rec = rec
        stem = PurePath(source.document.path).name.split(".")[0]
        self.name = model_name(slug(stem, "")) or "state-machine"
        states = self.data.get("States")
        self.states: dict[str, Any] = states if isinstance(states, dict) else {}

    def read(self) -> None:
        path = self.main_path()
        steps = [self.step(name) for name in path]
        self.compensations(path, steps)
        flow = ("flows", self.name)
        orchestrator = ("services", self.name)
        self.rec.declare(orchestrator, ("StartAt",))
        self.rec.set((*orchestrator, "role"), "orchestrator", ("StartAt",))
        self.rec.set((*orchestrator, "managed"), True, ("StartAt",))
        self.rec.declare(flow, ("StartAt",))
        comment = self.data.get("Comment")
        if isinstance(comment, str) and comment.strip():
            self.rec.set((*flow, "description"), " ".join(comment.split()), ("Comment",))
        self.rec.set((*flow, "style"), "orchestration", ("StartAt",))
        self.rec.set((*flow, "orchestrator"), self.name, ("StartAt",))
        timeout = self.data.get("TimeoutSeconds")
        if isinstance(timeout, int) and not isinstance(timeout, bool) and timeout > 0:
            self.rec.set((*flow, "timeout"), duration(timeout), ("TimeoutSeconds",))
        for name, step in zip(path, steps, strict=True):
            self.rec.declare(("services", step["service"]), ("States", name))
        if steps:
            self.rec.set((*flow, "steps"), steps, ("States",))

    def main_path(self) -> list[str]:
        """The Task states from StartAt to the end, following Next and Choice defaults."""
        tasks: list[str] = []
        seen: set[str] = set()
        current = self.data.get("StartAt")
        while isinstance(current, str) and current in self.states and current not in seen:
            seen.add(current)
            state = self.states[current]
            kind = state.get("Type") if isinstance(state, dict) else None
            if kind == "Task" and task_service(state):
                tasks.append(current)
            elif kind == "Task":
                self.rec.note(f"Task {current}: no function or service it calls", ("States", current))
            elif kind == "Choice":
                self.rec.note(f"Choice {current}: only its Default branch is followed", ("States", current))
                current = state.get("Default")
                continue
            elif kind in ("Parallel", "Map"):
                self.rec.note(f"{kind} {current}: its branches are not imported as steps", ("States", current))
            elif kind not in _STOPS and kind != "Pass":
                self.rec.note(f"{kind} {current}: not a step", ("States", current))
            current = None if kind in _STOPS or not isinstance(state, dict) or state.get("End") else state.get("Next")
        return tasks

    def step(self, name: str) -> dict[str, Any]:
        state = self.states[name]
        step: dict[str, Any] = {"service": task_service(state), "action": model_name(slug(name, "step"))}
        timeout = state.get("TimeoutSeconds")
        if isinstance(timeout, int) and not isinstance(timeout, bool) and timeout > 0:
            step["timeout"] = duration(timeout)
        retriers = [r for r in listing(state.get("Retry")) if isinstance(r, dict)]
        attempts = [r.get("MaxAttempts", 3) for r in retriers]
        step["retries"] = max((a for a in attempts if isinstance(a, int)), default=0)
        return step

    def chain(self, name: str, main: set[str]) -> list[str]:
        """The Task states a step's Catch runs, in order, until the machine ends."""
        catchers = [c for c in listing(self.states[name].get("Catch")) if isinstance(c, dict)]
        chosen = next((c for c in catchers if "States.ALL" in listing(c.get("ErrorEquals"))), None) or \
            (catchers[0] if catchers else None)
        found: list[str] = []
        current = chosen.get("Next") if chosen else None
        while isinstance(current, str) and current in self.states and current not in main and current not in found:
            state = self.states[current]
            if not isinstance(state, dict) or state.get("Type") in _STOPS:
                break
            if state.get("Type") == "Task":
                found.append(current)
            current = None if state.get("End") else state.get("Next")
        return found

    def compensations(self, path: list[str], steps: list[dict[str, Any]]) -> None:
        chains = [self.chain(name, set(path)) for name in path]
        # Compensating the failing step itself (its chain longer than the steps before it) or
        # only the completed ones (the chain of step k starts with the undo of step k - 1).
        itself = any(len(chain) > k for k, chain in enumerate(chains))
        assigned: set[str] = set()
        for k, chain in enumerate(chains):
            owner = k if itself else k - 1
            for compensation in (c for c in chain if c not in assigned):
                while owner >= 0 and "compensation" in steps[owner]:
                    owner -= 1
                if owner < 0:
                    self.rec.note(f"Task {compensation}: runs after the compensations, with no step left to undo; "
                                  "not imported", ("States", compensation))
                    assigned.add(compensation)
                    continue
                steps[owner]["compensation"] = model_name(slug(compensation, "undo"))
                assigned.add(compensation)
        compensating = {c for chain in chains for c in chain}
        for name, state in self.states.items():
            if name not in compensating and name not in path and mapping(state).get("Type") == "Task":
                self.rec.note(f"Task {name}: not on the main path nor a compensation; not imported", ("States", name))
