"""AWS Step Functions (Amazon States Language, JSON or YAML) -> a flow on a managed orchestrator.

The machine's main path (StartAt, Next, and at a Choice the one branch that does not end
in a Fail state) gives the steps: each Task is a step of the service it invokes (a Lambda
function, or the AWS service it integrates), its action the state's name; Retry gives
retries, TimeoutSeconds timeouts. Catch, and a Choice branch that ends in Fail, lead into
chains of compensating Tasks; each new Task in a chain is the compensation of the step it
first appears for. The machine itself is a managed orchestrator.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Any

from advisor.errors import InputError
from advisor.format.interop.facts import Facts, Recorder, listing, mapping
from advisor.format.interop.sources import Source
from advisor.format.loader import NodePath
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
        self.failing: dict[int, list[str]] = {}  # step index -> the Choice branch to Fail after it

    def check(self) -> None:
        """Every transition names a state of the machine (a broken definition is an error)."""
        targets: list[tuple[Any, NodePath]] = [(self.data.get("StartAt"), ("StartAt",))]
        for name, state in self.states.items():
            at: NodePath = ("States", name)
            body = mapping(state)
            targets += [(body[key], (*at, key)) for key in ("Next", "Default") if key in body]
            for part in ("Choices", "Catch"):
                targets += [(mapping(c)["Next"], (*at, part, i, "Next"))
                            for i, c in enumerate(listing(body.get(part))) if "Next" in mapping(c)]
        for target, at in targets:
            if not isinstance(target, str) or target not in self.states:
                raise InputError(f"{at[-1]} names {target!r}, which is not a state of this machine",
                                 self.rec.at(at))

    def read(self) -> None:
        self.check()
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
        """The Task states from StartAt to the end, following Next and, at a Choice, its way to success."""
        tasks: list[str] = []
        seen: set[str] = set()
        current = self.data.get("StartAt")
        while isinstance(current, str) and current in self.states and current not in seen:
            seen.add(current)
            state = self.states[current]
            kind = state.get("Type") if isinstance(state, dict) and isinstance(state.get("Type"), str) else None
            if kind == "Task" and task_service(state):
                tasks.append(current)
            elif kind == "Task":
                self.rec.note(f"Task {current}: no function or service it calls", ("States", current))
            elif kind == "Choice":
                current = self.choose(current, state, len(tasks) - 1, seen)
                continue
            elif kind in ("Parallel", "Map"):
                self.rec.note(f"{kind} {current}: its branches are not imported as steps", ("States", current))
            elif kind is None:
                self.rec.note(f"{current}: a state without a Type", ("States", current))
            elif kind not in _STOPS and kind != "Pass":
                self.rec.note(f"{kind} {current}: not a step", ("States", current))
            current = None if kind in _STOPS or not isinstance(state, dict) or state.get("End") else state.get("Next")
        return tasks

    def choose(self, name: str, state: dict[str, Any], last: int, seen: set[str]) -> str | None:
        """The branch of a Choice the main path takes: the one way on that does not end in Fail.

        The Task states of a branch that ends in Fail are the failure path, compensations of
        the step before the Choice; a branch back to a state already passed (a polling loop)
        is not a way on. With no single way to success the main path ends here.
        """
        branches = [text for text in (*(mapping(c).get("Next") for c in listing(state.get("Choices"))),
                                      state.get("Default")) if isinstance(text, str)]
        ways = list(dict.fromkeys(branches))
        failing = [b for b in ways if self.ends_in_fail(b)]
        succeeding = [b for b in ways if b not in failing and not seen & set(self.run_of(b))]
        undoing = []  # the failing branches that run Tasks
        for branch in failing:
            tasks = [s for s in self.run_of(branch) if mapping(self.states[s]).get("Type") == "Task"]
            known = self.failing.setdefault(last, []) if last >= 0 else []
            known += [t for t in tasks if t not in known]
            undoing += [branch] if tasks else []
        at = ("States", name)
        default = state.get("Default")
        if len(succeeding) > 1 and default in succeeding:  # no way to tell them apart: the default way
            others = ", ".join(b for b in succeeding if b != default)
            self.rec.note(f"Choice {name}: only its Default branch is followed; {others} not imported", at)
            return str(default)
        if len(succeeding) == 1:
            if undoing:
                self.rec.note(f"Choice {name}: the branch to {succeeding[0]} is the main path; the Tasks "
                              f"from {', '.join(undoing)} end in Fail and are read as compensations", at)
            return succeeding[0]
        listed = ", ".join(succeeding) or "none"
        self.rec.note(f"Choice {name}: not mapped, no single branch leads to success (branches that do not "
                      f"end in Fail: {listed}); the main path ends here", at)
        return None

    def run_of(self, start: str) -> list[str]:
        """The states from `start` along Next, in order, until the machine ends or loops."""
        found: list[str] = []
        current: Any = start
        while isinstance(current, str) and current in self.states and current not in found:
            found.append(current)
            state = mapping(self.states[current])
            if state.get("Type") in _STOPS or state.get("End") or state.get("Type") == "Choice":
                break
            current = state.get("Next")
        return found

    def ends_in_fail(self, start: str) -> bool:
        """True when the states from `start` run (without another Choice) into a Fail state."""
        run = self.run_of(start)
        return bool(run) and mapping(self.states[run[-1]]).get("Type") == "Fail"

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
        main = set(path)
        chains = [list(dict.fromkeys(self.chain(name, main) + [t for t in self.failing.get(k, []) if t not in main]))
                  for k, name in enumerate(path)]
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
