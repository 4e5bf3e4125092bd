"""Every DAG imports cleanly and has the tasks, retries and wiring of its flow."""

from __future__ import annotations

import pytest

try:  # Airflow 3
    from airflow.dag_processing.dagbag import DagBag
except ImportError:  # Airflow 2.x
    from airflow.models.dagbag import DagBag

from conftest import DAGS

# DAG id -> its step task ids in order, the steps a failure compensates, and its undo
# task ids in the order they run (empty: no saga_failed / flow_failed either).
EXPECTED = {
    'place_order': (
        [
            'inventory_reserve',
            'payments_capture',
            'shipping_ship',
        ],
        3,
        ['undo_payments_capture', 'undo_inventory_reserve'],
    ),
}

# Task id -> retries, per DAG.
RETRIES = {
    'place_order': {
        'inventory_reserve': 2,
        'payments_capture': 2,
        'shipping_ship': 2,
    },
}


@pytest.fixture(scope="module")
def bag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


def test_no_import_errors(bag: DagBag) -> None:
    assert bag.import_errors == {}


def test_one_dag_per_flow(bag: DagBag) -> None:
    assert sorted(bag.dags) == sorted(EXPECTED)


@pytest.mark.parametrize("dag_id", sorted(EXPECTED))
def test_tasks_and_wiring(bag: DagBag, dag_id: str) -> None:
    steps, guarded, undo = EXPECTED[dag_id]
    dag = bag.dags[dag_id]
    extra = ["saga_failed", *undo, "flow_failed"] if undo else []
    assert sorted(dag.task_ids) == sorted([*steps, *extra])
    for index, (before, after) in enumerate(zip(steps, steps[1:], strict=False)):
        gate = {"saga_failed"} if undo and index < guarded else set()
        assert dag.get_task(before).downstream_task_ids == {after} | gate
    for task_id, retries in RETRIES[dag_id].items():
        assert dag.get_task(task_id).retries == retries
    assert dag.dagrun_timeout is None  # a run the scheduler kills would not compensate
    if undo:
        gate = dag.get_task("saga_failed")
        assert gate.trigger_rule == "one_failed"
        assert gate.upstream_task_ids == set(steps[:guarded])
        # The undos run one after another, last step first, each once, whatever the previous one did.
        chain = ["saga_failed", *undo, "flow_failed"]
        for before, after in zip(chain, chain[1:], strict=False):
            assert dag.get_task(after).upstream_task_ids == {before}
            assert dag.get_task(after).trigger_rule == "none_skipped"
