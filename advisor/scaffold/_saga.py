"""Names for code-generating orchestration targets (temporal, airflow, kubernetes).

Python decides here: which flows an engine orchestrates, a unique identifier for every
step and compensation; the saga itself (attempts, timeouts, undo order) comes from
`advisor.scaffold.plan`, shared by every engine. Templates only render the result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from advisor import names
from advisor.adr.markdown import code
from advisor.decision.catalogue import Answer
from advisor.errors import InputError
from advisor.format.durations import duration_text
from advisor.format.model import Flow
from advisor.scaffold.plan import PlanStep, SagaPlan, plan_flow
from advisor.scaffold.text import prose

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter


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


def timeout_text(seconds: float | None) -> str:
    """A timeout as the README shows it: `10m`, or `none`."""
    return duration_text(seconds) if seconds else "none"


def adr_sentence(adr: str) -> str:
    """What a starter's README says about the ADR it implements."""
    return f"the decision recorded in {code(adr)}" if adr else "no ADR yet (`advisor decide` writes one)"


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
    """A step of a flow: its operation, its compensation (or None) and its plan."""

    operation: Operation
    compensation: Operation | None
    plan: PlanStep


@dataclass(frozen=True)
class SagaFlow:
    """A flow ready to render: identifiers, durations and its steps in order."""

    flow: Flow
    ident: str
    cls: str
    slug: str
    orchestrator: str
    plan: SagaPlan
    steps: tuple[SagaStep, ...]

    @property
    def timeout(self) -> float | None:
        """The flow's deadline in seconds (None: none)."""
        return self.plan.deadline

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


def operation_fields(op: Operation) -> dict[str, str]:
    """An operation as the templates use it: identifier, label and queue."""
    return {"ident": op.ident, "label": op.label, "queue": op.queue}


def operation_functions(uses: Mapping[Operation, Iterable[str]]) -> list[dict[str, str]]:
    """Each operation as a function to generate, its docstring saying what uses it."""
    return [
        {
            **operation_fields(op),
            "service": prose(op.service),
            "service_name": op.service,
            "action_name": op.action,
            "doc": f"{op.label}: " + "; ".join(dict.fromkeys(used)) + ".",
        }
        for op, used in uses.items()
    ]


def common_context(starter: Starter, chosen: tuple[Flow, ...]) -> dict[str, Any]:
    """What every saga target's README says: the system, its ADR, an example flow, flows left out."""
    return {
        "system": prose(starter.system),
        "adr": adr_sentence(starter.adr),
        "generated_example": starter.generated_example,
        "left_out": left_out(starter.flows, chosen),
    }


class OperationNamer:
    """Unique identifiers and labels for (service, action) pairs, shared across flows."""

    def __init__(self, ident: Callable[[str, str], str], reserved: Iterable[str] = ()) -> None:
        self._ident = ident
        self._idents = names.Unique(reserved)
        self._labels = names.Unique()

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
    flows: Iterable[Flow],
    system: str,
    operations: OperationNamer,
    *,
    reserved: Iterable[str] = (),
    traits: Mapping[str, Answer] | None = None,
) -> tuple[SagaFlow, ...]:
    """Every flow as a SagaFlow, with names unique across the starter (and not `reserved`)."""
    taken = tuple(reserved)
    idents, classes, slugs = names.Unique(taken), names.Unique(taken), names.Unique()
    planned = []
    for flow in flows:
        plan = plan_flow(flow, traits)
        steps = tuple(
            SagaStep(
                operations(step.service, step.action),
                operations(step.service, step.compensation) if step.compensation else None,
                step,
            )
            for step in plan.steps
        )
        planned.append(
            SagaFlow(
                flow,
                idents(flow.name, names.snake(flow.name, "flow")),
                classes(flow.name, names.pascal(flow.name, "Flow")),
                slugs(flow.name, names.slug(flow.name, "flow")),
                flow.orchestrator or system,
                plan,
                steps,
            )
        )
    return tuple(planned)
