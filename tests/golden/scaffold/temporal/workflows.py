"""Temporal workflows of web-shop-checkout: one workflow per flow, each a saga.

- A step's compensation is registered just before the step runs (a step that times out
  may still have done its work), so every compensation must tolerate "nothing to undo".
- When a step fails for good, when the flow's deadline passes, when a person rejects a
  step, or when the run is cancelled, the registered compensations run in reverse order.
  They run in a scope a cancellation cannot interrupt; an undo that still fails after its
  retries is reported and the remaining undos run all the same.
- The deadline is a timer inside the workflow (never an execution timeout, which would
  end the run without compensating). After a flow's pivot step nothing is undone: later
  steps retry until they are done.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, TypeVar

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError, CancelledError

with workflow.unsafe.imports_passed_through():
    import activities

# Undos keep trying longer than steps: one that gives up leaves the system inconsistent.
COMPENSATION_RETRY = RetryPolicy(maximum_attempts=10, maximum_interval=timedelta(minutes=1))
COMPENSATION_TIMEOUT = timedelta(minutes=1)
# Steps after the pivot (or declared retriable) retry until they are done.
UNTIL_DONE = RetryPolicy(maximum_attempts=0, maximum_interval=timedelta(minutes=5))

Request = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Decision:
    """A person's answer to a step that waits for one (the `decide` signal)."""

    step: str
    approved: bool
    note: str = ""


class DeadlineReached(Exception):
    """The flow's deadline passed before its pivot: the saga compensates."""


class Rejected(Exception):
    """A person rejected a step: the saga compensates."""


@dataclass(frozen=True)
class Compensation:
    """An undo activity and the request to undo."""

    name: str
    activity: Callable[[Request], Awaitable[Request]]
    request: Request
    task_queue: str


class Saga:
    """The compensation stack of one workflow run."""

    def __init__(self) -> None:
        self._stack: list[Compensation] = []

    def register(self, compensation: Compensation) -> None:
        """Remember how to undo the step about to run."""
        self._stack.append(compensation)

    def commit(self) -> None:
        """The pivot succeeded: nothing before it may be undone any more."""
        self._stack.clear()

    async def compensate(self) -> tuple[list[str], list[str]]:
        """Run the registered compensations, last first, where a cancellation cannot stop
        them; return the names undone and the names that failed after their retries."""
        task = asyncio.ensure_future(self._undo_all())
        while True:
            try:
                return await asyncio.shield(task)
            except asyncio.CancelledError:
                continue  # a cancelled run still undoes what it did

    async def _undo_all(self) -> tuple[list[str], list[str]]:
        undone: list[str] = []
        failed: list[str] = []
        while self._stack:
            item = self._stack.pop()
            try:
                await workflow.execute_activity(
                    item.activity,
                    item.request,
                    task_queue=item.task_queue,
                    start_to_close_timeout=COMPENSATION_TIMEOUT,
                    retry_policy=COMPENSATION_RETRY,
                )
                undone.append(item.name)
            except ActivityError:
                # Reported in the flow's error and the history; the other undos still run.
                workflow.logger.exception("compensation %s failed after its retries", item.name)
                failed.append(item.name)
        return undone, failed


class Deadline:
    """The flow's deadline, checked around every step before the pivot."""

    def __init__(self, seconds: float | None) -> None:
        self._at = None if seconds is None else workflow.now() + timedelta(seconds=seconds)

    def remaining(self) -> float | None:
        """Seconds left (None: no deadline); DeadlineReached once it has passed."""
        if self._at is None:
            return None
        left = (self._at - workflow.now()).total_seconds()
        if left <= 0:
            raise DeadlineReached("the flow's deadline passed")
        return left

    async def bound(self, call: Awaitable[T]) -> T:
        """Await `call`, raising DeadlineReached (and cancelling it) if the deadline passes first."""
        left = self.remaining()
        if left is None:
            return await call
        running = asyncio.ensure_future(call)
        try:
            done, _ = await workflow.wait([running], timeout=left)
        except asyncio.CancelledError:
            running.cancel()  # the run was cancelled: stop the step too, then compensate
            raise
        if running in done:
            return running.result()
        running.cancel()
        with contextlib.suppress(ActivityError, asyncio.CancelledError):
            await running  # the step's cancellation, which the deadline caused
        raise DeadlineReached("the flow's deadline passed")


def cancelled(error: BaseException) -> bool:
    """Whether the run was cancelled (while waiting, or while a step ran)."""
    return isinstance(error, asyncio.CancelledError) or isinstance(getattr(error, "cause", None), CancelledError)


def compensated(flow: str, undone: list[str], failed: list[str], error: BaseException) -> ApplicationError:
    """The error a flow fails with once compensated: `FlowCompensated`, or
    `CompensationFailed` naming the undos that need repair by hand."""
    cause = getattr(error, "cause", None) or error
    done = ", ".join(undone) or "nothing to undo"
    if failed:
        return ApplicationError(f"{flow} failed ({cause}); compensated: {done}; NOT compensated: {', '.join(failed)}",
                                undone, failed, type="CompensationFailed", non_retryable=True)
    return ApplicationError(f"{flow} failed ({cause}); compensated: {done}",
                            undone, failed, type="FlowCompensated", non_retryable=True)


@workflow.defn(name='place-order')
class PlaceOrder:
    """Flow place-order, orchestrated by checkout."""

    TASK_QUEUE = 'checkout'
    ID_PREFIX = 'place-order'
    # The model's flow timeout, as a deadline inside the saga (seconds; None: none).
    DEADLINE: float | None = 600


    @workflow.run
    async def run(self, request: Request, deadline_seconds: float | None = None) -> dict[str, Request]:
        """Run the steps in order; on a failure, the deadline or a cancellation, undo in reverse.

        `deadline_seconds` overrides the model's deadline for this run.
        """
        saga = Saga()
        deadline = Deadline(self.DEADLINE if deadline_seconds is None else deadline_seconds)
        results: dict[str, Request] = {}
        try:
            saga.register(Compensation(
                'inventory.release',
                activities.inventory_release,
                request,
                'inventory',
            ))
            results['inventory.reserve'] = await deadline.bound(workflow.execute_activity(
                activities.inventory_reserve,
                request,
                task_queue='inventory',
                start_to_close_timeout=timedelta(minutes=1),
                retry_policy=RetryPolicy(maximum_attempts=3, maximum_interval=timedelta(minutes=1)),
            ))
            saga.register(Compensation(
                'payments.refund',
                activities.payments_refund,
                request,
                'payments',
            ))
            results['payments.capture'] = await deadline.bound(workflow.execute_activity(
                activities.payments_capture,
                request,
                task_queue='payments',
                start_to_close_timeout=timedelta(minutes=1),
                retry_policy=RetryPolicy(maximum_attempts=3, maximum_interval=timedelta(minutes=1)),
            ))
            results['shipping.ship'] = await deadline.bound(workflow.execute_activity(
                activities.shipping_ship,
                request,
                task_queue='shipping',
                start_to_close_timeout=timedelta(minutes=1),
                retry_policy=RetryPolicy(maximum_attempts=3, maximum_interval=timedelta(minutes=1)),
            ))
        except (ActivityError, DeadlineReached, Rejected, asyncio.CancelledError) as error:
            undone, failed = await saga.compensate()
            if cancelled(error):
                workflow.logger.warning("%s cancelled; compensated: %s; failed: %s",
                                        'place-order', undone, failed)
                raise asyncio.CancelledError() from error  # the run ends cancelled, its undos done
            raise compensated('place-order', undone, failed, error) from error
        return results


# Workflow type name (the flow's name in the model) -> workflow class.
WORKFLOWS: dict[str, type[Any]] = {
    'place-order': PlaceOrder,
}

# Task queue -> the workflows its worker runs (one queue per orchestrator).
WORKFLOWS_BY_QUEUE: dict[str, list[type[Any]]] = {
    'checkout': [PlaceOrder],
}
