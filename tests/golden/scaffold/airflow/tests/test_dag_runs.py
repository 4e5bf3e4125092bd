"""Run every DAG in-process (`dag.test()`) with recording stand-ins for its functions:
succeeding; with each step failing for good (retried, then every attempted step undone
once, in reverse order, the failing one included); with an undo failing (retried, then
the others still run and the run names it); and with the deadline passing mid-flow.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import itertools
import time

import pytest

# Airflow is imported only after conftest has pointed it at a throw-away home.
try:  # Airflow 3
    from airflow.utils.cli import get_bagged_dag
except ImportError:  # Airflow 2.x
    get_bagged_dag = None

from airflow.models import Variable

from conftest import DAGS

KEYS = itertools.count()

# DAG id -> [(task id, function name, label)] of its steps, in order.
STEPS = {
    'place_order': [
        ('inventory_reserve', 'inventory_reserve', 'inventory.reserve'),
        ('payments_capture', 'payments_capture', 'payments.capture'),
        ('shipping_ship', 'shipping_ship', 'shipping.ship'),
    ],
}

# DAG id -> [(undo task id, label)] of its compensations, in the order they run.
UNDO_TASKS = {
    'place_order': [
        ('undo_payments_capture', 'payments.refund'),
        ('undo_inventory_reserve', 'inventory.release'),
    ],
}

# DAG id -> (the step a deadline test slows down, the calls then made, the undos then run).
SLOW = {
    'place_order': ('payments_capture', ['inventory.reserve', 'payments.capture'], ['payments.refund', 'inventory.release']),
}

COMPENSATION_TRIES = 10

# DAG id -> the tasks where a person decides (an Airflow Variable holds the answer).
WAITS = {
    'place_order': [],
}

# DAG id -> (the calls up to its first waiting step, the undos when a person says no).
REJECTED = {
}

# DAG id -> [(function name, label)] of its compensations.
UNDO = {
    'place_order': [
        ('payments_refund', 'payments.refund'),
        ('inventory_release', 'inventory.release'),
    ],
}

# (DAG id, failing function) -> (the calls a run makes when every call of it fails, with
# its retries, then the compensations of the completed steps, last first; those labels).
FAILING = {
    ('place_order', 'inventory_reserve'): (
        [
            'inventory.reserve',
            'inventory.reserve',
            'inventory.reserve',
            'inventory.release',
        ],
        ['inventory.release'],
    ),
    ('place_order', 'payments_capture'): (
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
    ('place_order', 'shipping_ship'): (
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


def run_dag(dag_id: str, monkeypatch: pytest.MonkeyPatch, fail_at: str | None = None, *,
            also_fail: str | None = None, slow: str | None = None,
            deadline: float | None = None, answer: str = "yes") -> tuple[Any, list[str]]:
    """One run of the DAG with its step and compensation functions replaced by recorders
    (`fail_at` and `also_fail` raise, `slow` takes two seconds)."""
    if get_bagged_dag is not None:
        dag = get_bagged_dag(bundle_names=None, dag_id=dag_id)
    else:
        from airflow.models.dagbag import DagBag

        dag = DagBag(dag_folder=str(DAGS), include_examples=False).get_dag(dag_id)
    calls: list[str] = []
    module = next(iter(dag.task_dict.values())).python_callable.__globals__

    def recorder(name: str, label: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def record(payload: dict[str, Any]) -> dict[str, Any]:
            calls.append(label)
            if name in (fail_at, also_fail):
                raise RuntimeError(f"{label} failed on purpose")
            if name == slow:
                time.sleep(2)
            return {"label": label, "payload": payload}
        return record

    for name, label in [*((name, label) for _, name, label in STEPS[dag_id]), *UNDO[dag_id]]:
        monkeypatch.setitem(module, name, recorder(name, label))
    for task in dag.tasks:
        task.retry_delay = timedelta(0)  # retry at once in the test run
        task.retry_exponential_backoff = False
    conf: dict[str, Any] = {"id": "test-1", "key": f"key-{next(KEYS)}"}
    if deadline is not None:
        conf["deadline_seconds"] = deadline
    for task_id in WAITS[dag_id]:  # a person answers each waiting step before it asks
        Variable.set(f"decision/{dag_id}/{conf['key']}/{task_id}", answer)
    return dag.test(run_conf=conf), calls


def states(run: Any) -> dict[str, str]:
    return {ti.task_id: str(ti.state) for ti in run.get_task_instances()}


@pytest.mark.parametrize("dag_id", sorted(dag_id for dag_id, steps in STEPS.items() if steps))
def test_run_succeeds_through_every_step(dag_id: str, airflow_db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    run, calls = run_dag(dag_id, monkeypatch)
    assert str(run.state) == "success"
    assert calls == [label for _, _, label in STEPS[dag_id]]
    assert all(states(run)[task_id] == "success" for task_id, _, _ in STEPS[dag_id])


@pytest.mark.parametrize(("dag_id", "failing"), sorted(FAILING))
def test_failing_step_is_retried_then_attempted_steps_are_undone_once_in_reverse(
    dag_id: str, failing: str, airflow_db: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected_calls, undone = FAILING[dag_id, failing]
    run, calls = run_dag(dag_id, monkeypatch, fail_at=failing)
    assert str(run.state) == "failed"
    assert calls == expected_calls
    if UNDO[dag_id]:
        assert states(run)["saga_failed"] == "success"
        assert all(states(run)[task_id] == "success" for task_id, _ in UNDO_TASKS[dag_id])
        assert states(run)["flow_failed"] == "failed"


@pytest.mark.parametrize(("dag_id", "failing"), sorted(key for key, (_, undo) in FAILING.items() if len(undo) > 1))
def test_failing_undo_is_retried_and_the_others_still_run(
    dag_id: str, failing: str, airflow_db: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected_calls, undone = FAILING[dag_id, failing]
    broken = next(name for name, label in UNDO[dag_id] if label == undone[0])
    run, calls = run_dag(dag_id, monkeypatch, fail_at=failing, also_fail=broken)
    assert str(run.state) == "failed"
    steps = expected_calls[: len(expected_calls) - len(undone)]
    assert calls == steps + [undone[0]] * COMPENSATION_TRIES + undone[1:]
    assert states(run)["flow_failed"] == "failed"


@pytest.mark.parametrize("dag_id", sorted(SLOW))
def test_deadline_passing_mid_flow_compensates(dag_id: str, airflow_db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    slow, expected_calls, undone = SLOW[dag_id]
    run, calls = run_dag(dag_id, monkeypatch, slow=slow, deadline=1.0)
    assert str(run.state) == "failed"
    assert calls == expected_calls + undone
    assert states(run)["saga_failed"] == "success"
