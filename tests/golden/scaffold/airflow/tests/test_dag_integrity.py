"""Every DAG imports cleanly and has the tasks, retries and wiring of its flow."""

from __future__ import annotations

import pytest
from airflow.dag_processing.dagbag import DagBag

from conftest import DAGS

# DAG id -> its step task ids in order, and whether it has compensate/flow_failed.
EXPECTED = {
    'place_order': (
        [
            'inventory_reserve',
            'payments_capture',
            'shipping_ship',
        ],
        True,
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
    steps, compensated = EXPECTED[dag_id]
    dag = bag.dags[dag_id]
    extra = ["compensate", "flow_failed"] if compensated else []
    assert sorted(dag.task_ids) == sorted([*steps, *extra])
    for before, after in zip(steps, steps[1:], strict=False):
        assert dag.get_task(before).downstream_task_ids == {after, *extra[:1]}
    for task_id, retries in RETRIES[dag_id].items():
        assert dag.get_task(task_id).retries == retries
    if compensated:
        compensate = dag.get_task("compensate")
        assert compensate.trigger_rule == "one_failed"
        assert compensate.upstream_task_ids == set(steps)
        assert dag.get_task("flow_failed").upstream_task_ids == {"compensate"}
