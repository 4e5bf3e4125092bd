"""One saga plan per flow, shared by every engine target.

The plan decides, once, what each engine must do with a step: how many attempts it gets
and how long to wait between them, how long one attempt may take, what undoes it, in
which order undos run, when the flow's deadline applies and which steps wait for a
person. Engines only render a plan, so the same model gives the same saga on each.

Semantics (format version 2's step kinds):

- a compensatable step's undo is registered *before* the step runs: when the step fails
  for good (its action may have taken effect, e.g. a timed-out payment), it is undone
  too, then every earlier compensatable step, last first;
- a query never compensates; a pivot has no undo: once it succeeds the flow must finish;
- after the pivot, and for steps declared retriable, attempts are unbounded: the engine
  retries until the step is done, and neither a failure nor the deadline compensates;
- a step with `critical: false` is best effort: its failure is recorded, not fatal;
- the flow's timeout is a deadline inside the saga: reaching it before the pivot
  compensates like a failed step; so does cancelling the run;
- an undo is retried `COMPENSATION.attempts` times; one that still fails is reported
  and the remaining undos still run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from advisor.decision.catalogue import Answer
from advisor.format.durations import duration_seconds
from advisor.format.model import Flow, Step

DEFAULT_RETRIES = 2  # retries after the first attempt when the model gives none
DEFAULT_STEP_TIMEOUT = 60.0  # seconds one attempt may take when the model gives none
APPROVAL_TIMEOUT = 7 * 86400.0  # seconds a person may take when the flow has no deadline
# Actions whose first word says a person decides (docs/format.md, "Long waits"): in a long-running
# flow they wait for a signal or callback instead of holding a worker.
APPROVAL_VERBS = ("approve", "review", "authorize", "authorise")


@dataclass(frozen=True)
class Backoff:
    """The wait before retry n (n = 1, 2, ...): min(initial * rate ** (n - 1), maximum)."""

    initial: float = 1.0
    rate: float = 2.0
    maximum: float = 60.0

    def delay(self, retry: int) -> float:
        """Seconds before retry number `retry` (1 = the first retry)."""
        return min(self.initial * self.rate ** (retry - 1), self.maximum)


@dataclass(frozen=True)
class Retry:
    """How often a call is tried: `attempts` in all, the first included; None = until done."""

    attempts: int | None
    backoff: Backoff = Backoff()

    @property
    def until_done(self) -> bool:
        """Whether the engine retries without limit."""
        return self.attempts is None

    @property
    def retries(self) -> int | None:
        """Attempts after the first (None = without limit)."""
        return None if self.attempts is None else self.attempts - 1


STEP_BACKOFF = Backoff(1.0, 2.0, 60.0)
UNTIL_DONE_BACKOFF = Backoff(1.0, 2.0, 300.0)
# Undos keep trying longer than steps (giving up leaves the system inconsistent), then report.
COMPENSATION = Retry(10, Backoff(1.0, 2.0, 60.0))
COMPENSATION_TIMEOUT = 60.0


@dataclass(frozen=True)
class PlanStep:
    """What an engine does with one step of a flow."""

    index: int
    service: str
    action: str
    kind: str  # compensatable | pivot | retriable | query | "" (effective kind)
    critical: bool
    retry: Retry
    timeout: float  # seconds one attempt may take
    compensation: str  # the undo action; "" when the step is not compensatable
    after_pivot: bool
    waits: bool  # a person decides: the engine waits for a signal or callback

    @property
    def compensatable(self) -> bool:
        """Whether the step has an undo the saga registers before running it."""
        return bool(self.compensation)


@dataclass(frozen=True)
class SagaPlan:
    """A flow's saga: its steps in order, its deadline and its pivot."""

    flow: str
    deadline: float | None  # seconds from the start; None = no deadline
    pivot: int | None
    steps: tuple[PlanStep, ...]

    @property
    def long_running(self) -> bool:
        """Whether a step waits for a person."""
        return any(step.waits for step in self.steps)

    def undo_after(self, failed: int) -> list[PlanStep]:
        """The steps undone, in order, when step `failed` fails for good (or the deadline or a
        cancellation strikes while it runs): itself when compensatable, then the earlier
        compensatable steps, last first. Nothing once the pivot has succeeded."""
        if self.pivot is not None and failed > self.pivot:
            return []
        return [step for step in reversed(self.steps[: failed + 1]) if step.compensatable]

    def failure_points(self) -> list[int]:
        """The steps a starter's tests make fail for good: the bounded, critical ones (a
        step retried until done cannot fail for good; a best-effort one does not fail the flow)."""
        return [s.index for s in self.steps if not s.retry.until_done and s.critical]


def flow_traits(flow: Flow, system: Mapping[str, Answer]) -> Mapping[str, Answer]:
    """The flow's answers over the system's."""
    return {**system, **flow.traits}


def _waits(step: Step, long_running: bool) -> bool:
    verb = step.action.replace("_", "-").split("-", 1)[0].lower()
    return long_running and verb in APPROVAL_VERBS


def plan_step(step: Step, index: int, pivot: int | None, long_running: bool) -> PlanStep:
    """One step's plan (see the module's docstring for the rules)."""
    kind = step.effective_kind
    after_pivot = pivot is not None and index > pivot
    until_done = (kind == "retriable" or after_pivot) and step.critical
    if until_done:
        retry = Retry(None, UNTIL_DONE_BACKOFF)
    else:
        retries = DEFAULT_RETRIES if step.retries is None else max(step.retries, 0)
        retry = Retry(retries + 1, STEP_BACKOFF)
    waits = _waits(step, long_running)
    compensation = step.compensation if kind == "compensatable" and not after_pivot else ""
    return PlanStep(
        index,
        step.service,
        step.action,
        kind,
        step.critical,
        retry,
        duration_seconds(step.timeout) or DEFAULT_STEP_TIMEOUT,
        compensation,
        after_pivot,
        waits,
    )


def plan_flow(flow: Flow, system_traits: Mapping[str, Answer] | None = None) -> SagaPlan:
    """The saga plan of one flow (system traits decide long-running when the flow has none)."""
    pivot = flow.pivot_index()
    long_running = flow_traits(flow, system_traits or {}).get("long_running") == "high"
    steps = tuple(plan_step(step, i, pivot, long_running) for i, step in enumerate(flow.steps))
    return SagaPlan(flow.name, duration_seconds(flow.timeout), pivot, steps)


def approval_timeout(plan: SagaPlan) -> float:
    """How long a waiting step waits at most: the flow's deadline, else a week."""
    return plan.deadline or APPROVAL_TIMEOUT
