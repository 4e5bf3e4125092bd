"""Flow place-order of web-shop-checkout as an Airflow DAG (TaskFlow API).

Steps run in order, each with its retries and timeout.
When a step fails for good, the `compensate` task (trigger rule `one_failed`) undoes
the completed steps that have a compensation, last first, and `flow_failed` then marks
the run failed.

Start a run with the request as its configuration:
`airflow dags trigger place_order --conf '{"id": "42"}'`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from airflow.sdk import chain, dag, get_current_context, task
from airflow.sdk.exceptions import AirflowFailException

Request = dict[str, Any]


def request() -> Request:
    """The run's request: the configuration it was triggered with."""
    dag_run = get_current_context()["dag_run"]
    return dict(dag_run.conf or {})


# The work: one function per step action and per compensation. Replace the bodies with
# calls to the services (HTTP, a client library); raise to fail the step. A task may run
# more than once (retries, clearing), so keep every call idempotent.


def inventory_reserve(payload: Request) -> Request:
    """inventory.reserve: a step."""
    # Call the inventory service here.
    return {"service": 'inventory', "action": 'reserve', "status": "done"}


def inventory_release(payload: Request) -> Request:
    """inventory.release: undoes inventory.reserve."""
    # Call the inventory service here.
    return {"service": 'inventory', "action": 'release', "status": "done"}


def payments_capture(payload: Request) -> Request:
    """payments.capture: a step."""
    # Call the payments service here.
    return {"service": 'payments', "action": 'capture', "status": "done"}


def payments_refund(payload: Request) -> Request:
    """payments.refund: undoes payments.capture."""
    # Call the payments service here.
    return {"service": 'payments', "action": 'refund', "status": "done"}


def shipping_ship(payload: Request) -> Request:
    """shipping.ship: a step."""
    # Call the shipping service here.
    return {"service": 'shipping', "action": 'ship', "status": "done"}


@dag(
    dag_id='place_order',
    description='Flow place-order, orchestrated by checkout.',
    schedule=None,
    start_date=datetime(2025, 1, 1),
    catchup=False,
    dagrun_timeout=timedelta(minutes=10),
    default_args={"retries": 2, "retry_delay": timedelta(minutes=1)},
    tags=["advisor", 'checkout'],
)
def build_dag() -> None:
    """Wire the steps, the compensation and the failure marker."""

    @task(task_id='inventory_reserve', retries=2, execution_timeout=None)
    def step_1() -> Request:
        """Step 1: inventory.reserve (undone by inventory.release)."""
        return inventory_reserve(request())

    @task(task_id='payments_capture', retries=2, execution_timeout=None)
    def step_2() -> Request:
        """Step 2: payments.capture (undone by payments.refund)."""
        return payments_capture(request())

    @task(task_id='shipping_ship', retries=2, execution_timeout=None)
    def step_3() -> Request:
        """Step 3: shipping.ship."""
        return shipping_ship(request())

    @task(task_id="compensate", trigger_rule="one_failed", retries=5)
    def compensate() -> list[str]:
        """Undo the completed steps, last first; runs only when a step failed."""
        ti = get_current_context()["ti"]
        undone: list[str] = []
        if ti.xcom_pull(task_ids='payments_capture') is not None:
            payments_refund(request())
            undone.append('payments.refund')
        if ti.xcom_pull(task_ids='inventory_reserve') is not None:
            inventory_release(request())
            undone.append('inventory.release')
        return undone

    @task(task_id="flow_failed", retries=0)
    def flow_failed(undone: list[str]) -> None:
        """Fail the run once compensated, so it never counts as a success."""
        raise AirflowFailException('place-order failed; compensated: ' + (", ".join(undone) or "nothing to undo"))

    steps = [step_1(), step_2(), step_3()]
    chain(*steps)
    undone = compensate()
    steps >> undone
    flow_failed(undone)


flow_dag = build_dag()
