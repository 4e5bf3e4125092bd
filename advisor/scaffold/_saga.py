"""A flow as a saga plan for code-generating orchestration targets (temporal, airflow).

Python decides here: which flows an engine orchestrates, a unique identifier for every
step and compensation, durations as numbers. Templates only render the result.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from advisor import names
from advisor.errors import InputError
from advisor.model import Flow

_DURATION = re.compile(r"^([1-9][0-9]*)(ms|s|m|h|d)$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def duration_seconds(text: str) -> float | None:
    """`10m` -> 600.0; None when empty or not a duration of the format."""
    match = _DURATION.match(text.strip())
    return int(match.group(1)) * _UNIT_SECONDS[match.group(2)] if match else None


def timedelta_expr(seconds: float | None) -> str:
    """A readable `timedelta(...)` expression: 600 -> `timedelta(minutes=10)`; None -> `None`."""
    if seconds is None:
        return "None"
    if seconds != int(seconds):
        return f"timedelta(milliseconds={round(seconds * 1000)})"
    whole = int(seconds)
    for unit, size in (("days", 86400), ("hours", 3600), ("minutes", 60)):
        if whole % size == 0:
            return f"timedelta({unit}={whole // size})"
    return f"timedelta(seconds={whole})"


def duration_text(seconds: float) -> str:
    """A compact duration as in the architecture file: 600 -> `10m`, 0.5 -> `500ms`."""
    if seconds != int(seconds):
        return f"{round(seconds * 1000)}ms"
    for unit in ("d", "h", "m"):
        if int(seconds) % _UNIT_SECONDS[unit] == 0:
            return f"{int(seconds) // int(_UNIT_SECONDS[unit])}{unit}"
    return f"{int(seconds)}s"


def prose(text: str) -> str:
    """Model text made safe inside a docstring, comment or string: printable, no quotes."""
    cleaned = "".join(char if char.isprintable() else "?" for char in text)
    return cleaned.replace("\\", "/").replace('"', "'").replace("|", "/").strip() or "?"


def failure_points(steps: list[str], compensations: list[str]) -> list[str]:
    """The calls a starter's tests make fail: the first and the last step's, unless that call
    also undoes a step (then the flow could not be compensated, which tests nothing useful)."""
    return [call for call in dict.fromkeys(steps[:1] + steps[-1:]) if call not in compensations]


def adr_sentence(adr: str) -> str:
    """What a starter's README says about the ADR it implements."""
    return f"the decision recorded in `{prose(adr)}`" if adr else "no ADR yet (`advisor decide` writes one)"


class Namer:
    """Hands out unique identifiers: the same key always gets the same one."""

    def __init__(self, reserved: Iterable[str] = ()) -> None:
        self._by_key: dict[object, str] = {}
        self._taken = set(reserved)

    def __call__(self, key: object, base: str) -> str:
        """The identifier for `key`, made from `base` (suffixed `_2`, `_3`, ... on a clash)."""
        if key not in self._by_key:
            candidate, n = base, 1
            while candidate in self._taken:
                n += 1
                candidate = f"{base}_{n}"
            self._taken.add(candidate)
            self._by_key[key] = candidate
        return self._by_key[key]


@dataclass(frozen=True)
class Operation:
    """One call on a service: a step's action or its compensation."""

    service: str
    action: str
    ident: str  # a unique Python identifier
    label: str  # a unique display name, `service.action`

    @property
    def queue(self) -> str:
        """The service's task queue / pool name."""
        return names.slug(self.service, "service")


@dataclass(frozen=True)
class SagaStep:
    """A step of a flow, with its compensation (or None) and its limits."""

    operation: Operation
    compensation: Operation | None
    timeout: float | None
    retries: int | None


@dataclass(frozen=True)
class SagaFlow:
    """A flow ready to render: identifiers, durations and its steps in order."""

    flow: Flow
    ident: str
    cls: str
    slug: str
    orchestrator: str
    timeout: float | None
    steps: tuple[SagaStep, ...]

    @property
    def queue(self) -> str:
        """The orchestrator's task queue."""
        return names.slug(self.orchestrator, "orchestrator")


def orchestrated(flows: Iterable[Flow], target: str) -> tuple[Flow, ...]:
    """The flows an engine runs: those with steps that are not choreographed (InputError if none)."""
    chosen = tuple(flow for flow in flows if flow.steps and flow.style != "choreography")
    if not chosen:
        raise InputError(
            f"nothing to scaffold for {target}: the model has no orchestrated flow with steps "
            "and no services to build an example flow from"
        )
    return chosen


def left_out(flows: Iterable[Flow], chosen: tuple[Flow, ...]) -> dict[str, list[str]]:
    """The flows a starter leaves out, by reason: `choreographed` or `without steps`."""
    reasons: dict[str, list[str]] = {"choreographed": [], "without steps": []}
    for flow in flows:
        if flow not in chosen:
            reasons["choreographed" if flow.style == "choreography" else "without steps"].append(prose(flow.name))
    return reasons


class OperationNamer:
    """Unique identifiers and labels for (service, action) pairs, shared across flows."""

    def __init__(self, ident: Callable[[str, str], str], reserved: Iterable[str] = ()) -> None:
        self._ident = ident
        self._idents = Namer(reserved)
        self._labels = Namer()

    def __call__(self, service: str, action: str) -> Operation:
        """The operation `service.action` (the same pair always gets the same names)."""
        key = (service, action)
        return Operation(
            service,
            action,
            self._idents(key, self._ident(service, action)),
            self._labels(key, f"{prose(service)}.{prose(action)}"),
        )


def plan_flows(
    flows: Iterable[Flow], system: str, operations: OperationNamer, *, reserved: Iterable[str] = ()
) -> tuple[SagaFlow, ...]:
    """Every flow as a SagaFlow, with names unique across the starter (and not `reserved`)."""
    taken = tuple(reserved)
    idents, classes, slugs = Namer(taken), Namer(taken), Namer()
    planned = []
    for flow in flows:
        steps = tuple(
            SagaStep(
                operations(step.service, step.action),
                operations(step.service, step.compensation) if step.compensation else None,
                duration_seconds(step.timeout),
                step.retries,
            )
            for step in flow.steps
        )
        planned.append(
            SagaFlow(
                flow,
                idents(flow.name, names.snake(flow.name, "flow")),
                classes(flow.name, names.pascal(flow.name, "Flow")),
                slugs(flow.name, names.slug(flow.name, "flow")),
                flow.orchestrator or system,
                duration_seconds(flow.timeout),
                steps,
            )
        )
    return tuple(planned)
