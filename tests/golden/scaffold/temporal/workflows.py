"""Temporal workflows of web-shop-checkout: one workflow per flow, each a saga.

A step's compensation is registered just before the step runs (a step that times out
may still have done its work), so every compensation must tolerate "nothing to undo".
When a step fails for good, the registered compensations run in reverse order and the
workflow fails with a `FlowCompensated` error naming them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from temporalio import workflow
from temporalio.common import RetryPolicy
from temporalio.exceptions import ActivityError, ApplicationError

with workflow.unsafe.imports_passed_through():
    import activities

# Compensations keep trying: an undo that gives up leaves the system inconsistent.
COMPENSATION_RETRY = RetryPolicy(maximum_attempts=10, maximum_interval=timedelta(minutes=1))
COMPENSATION_TIMEOUT = timedelta(minutes=1)

Request = dict[str, Any]


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

    async def compensate(self) -> list[str]:
        """Run the registered compensations, last first; return the names that succeeded."""
        undone: list[str] = []
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
                # Keep undoing the rest; the failure stays visible in the workflow history.
                workflow.logger.exception("compensation %s failed", item.name)
        return undone


def compensated(flow: str, undone: list[str], error: ActivityError) -> ApplicationError:
    """The error a flow fails with once it has been compensated."""
    done = ", ".join(undone) or "nothing to undo"
    return ApplicationError(f"{flow} failed ({error.cause or error}); compensated: {done}",
                            undone, type="FlowCompensated", non_retryable=True)


@workflow.defn(name='place-order')
class PlaceOrder:
    """Flow place-order, orchestrated by checkout."""

    TASK_QUEUE = 'checkout'
    ID_PREFIX = 'place-order'
    EXECUTION_TIMEOUT: timedelta | None = timedelta(minutes=10)

    @workflow.run
    async def run(self, request: Request) -> dict[str, Request]:
        """Run the steps in order; on a failed step, undo the earlier ones in reverse."""
        saga = Saga()
        results: dict[str, Request] = {}
        try:
            saga.register(Compensation(
                'inventory.release',
                activities.inventory_release,
                request,
                'inventory',
            ))
            results['inventory.reserve'] = await workflow.execute_activity(
                activities.inventory_reserve,
                request,
                task_queue='inventory',
                start_to_close_timeout=timedelta(minutes=1),
                retry_policy=RetryPolicy(maximum_attempts=3),
            )
            saga.register(Compensation(
                'payments.refund',
                activities.payments_refund,
                request,
                'payments',
            ))
            results['payments.capture'] = await workflow.execute_activity(
                activities.payments_capture,
                request,
                task_queue='payments',
                start_to_close_timeout=timedelta(minutes=1),
                retry_policy=RetryPolicy(maximum_attempts=3),
            )
            results['shipping.ship'] = await workflow.execute_activity(
                activities.shipping_ship,
                request,
                task_queue='shipping',
                start_to_close_timeout=timedelta(minutes=1),
                retry_policy=RetryPolicy(maximum_attempts=3),
            )
        except ActivityError as error:
            raise compensated('place-order', await saga.compensate(), error) from error
        return results


# Workflow type name (the flow's name in the model) -> workflow class.
WORKFLOWS: dict[str, type[Any]] = {
    'place-order': PlaceOrder,
}

# Task queue -> the workflows its worker runs (one queue per orchestrator).
WORKFLOWS_BY_QUEUE: dict[str, list[type[Any]]] = {
    'checkout': [PlaceOrder],
}
