"""Run every DAG in-process (`dag.test()`) with recording stand-ins for its functions:
once succeeding, then with the first and with the last step failing, so the completed
steps must be compensated in reverse order.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest

# Airflow is imported only after conftest has pointed it at a throw-away home.
from airflow.utils.cli import get_bagged_dag

# DAG id -> [(task id, function name, label)] of its steps, in order.
STEPS = {
    'place_order': [
        ('inventory_reserve', 'inventory_reserve', 'inventory.reserve'),
        ('payments_capture', 'payments_capture', 'payments.capture'),
        ('shipping_ship', 'shipping_ship', 'shipping.ship'),
    ],
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
        ],
        [],
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


def run_dag(dag_id: str, monkeypatch: pytest.MonkeyPatch, fail_at: str | None = None) -> tuple[Any, list[str]]:
    """One run of the DAG with its step and compensation functions replaced by recorders."""
    dag = get_bagged_dag(bundle_names=None, dag_id=dag_id)
    calls: list[str] = []
    module = next(iter(dag.task_dict.values())).python_callable.__globals__

    def recorder(name: str, label: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
        def record(payload: dict[str, Any]) -> dict[str, Any]:
            calls.append(label)
            if name == fail_at:
                raise RuntimeError(f"{label} failed on purpose")
            return {"label": label, "payload": payload}
        return record

    for name, label in [*((name, label) for _, name, label in STEPS[dag_id]), *UNDO[dag_id]]:
        monkeypatch.setitem(module, name, recorder(name, label))
    for task in dag.tasks:
        task.retry_delay = timedelta(0)  # retry at once in the test run
    return dag.test(run_conf={"id": "test-1"}), calls


def states(run: Any) -> dict[str, str]:
    return {ti.task_id: str(ti.state) for ti in run.get_task_instances()}


@pytest.mark.parametrize("dag_id", sorted(dag_id for dag_id, steps in STEPS.items() if steps))
def test_run_succeeds_through_every_step(dag_id: str, airflow_db: object, monkeypatch: pytest.MonkeyPatch) -> None:
    run, calls = run_dag(dag_id, monkeypatch)
    assert str(run.state) == "success"
    assert calls == [label for _, _, label in STEPS[dag_id]]
    assert all(states(run)[task_id] == "success" for task_id, _, _ in STEPS[dag_id])


@pytest.mark.parametrize(("dag_id", "failing"), sorted(FAILING))
def test_failing_step_is_retried_then_completed_steps_are_undone_in_reverse(
    dag_id: str, failing: str, airflow_db: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected_calls, undone = FAILING[dag_id, failing]
    run, calls = run_dag(dag_id, monkeypatch, fail_at=failing)
    assert str(run.state) == "failed"
    assert calls == expected_calls
    if UNDO[dag_id]:
        assert states(run)["compensate"] == "success"
        assert states(run)["flow_failed"] == "failed"
        compensate = next(ti for ti in run.get_task_instances() if ti.task_id == "compensate")
        assert compensate.xcom_pull(task_ids="compensate") == undone
