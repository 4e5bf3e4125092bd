"""Flow place-order of web-shop-checkout as an Airflow DAG (TaskFlow API; Airflow 3, or 2.x).

Steps run in order, each with its retries and timeout.
When a step fails for good (or finds the flow's deadline passed), `saga_failed` (trigger
rule `one_failed`) starts the undo chain: one task per compensatable step, last first,
each run once (trigger rule `none_skipped`, so a failed undo does not stop the others).
An undo only acts when its step was attempted: a step that failed after taking effect is
undone too. `flow_failed` then fails the run, naming what was undone and what was not.

Start a run with the request as its configuration:
`airflow dags trigger place_order --conf '{"id": "42"}'`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

try:  # Airflow 3
    from airflow.sdk import Variable, chain, dag, get_current_context, task
    from airflow.sdk.exceptions import AirflowFailException
except ImportError:  # Airflow 2.x
    from airflow.decorators import dag, task  # type: ignore[no-redef]
    from airflow.exceptions import AirflowFailException  # type: ignore[no-redef]
    from airflow.models import Variable  # type: ignore[no-redef]
    from airflow.models.baseoperator import chain  # type: ignore[no-redef]
    from airflow.operators.python import get_current_context  # type: ignore[no-redef]

Request = dict[str, Any]
# The model's flow timeout, checked before every step up to the pivot (seconds; None: none).
# Reaching it fails that step, which compensates; `deadline_seconds` in the conf overrides it.
DEADLINE: float | None = 600
ATTEMPTED = "attempted"  # the XCom a step pushes before it calls its service


def request() -> Request:
    """The run's request: the configuration it was triggered with."""
    conf = dict(get_current_context()["dag_run"].conf or {})
    conf.pop("deadline_seconds", None)
    return conf


def check_deadline() -> None:
    """Fail the step for good (no retry) once the flow's deadline has passed."""
    context = get_current_context()
    conf = context["dag_run"].conf or {}
    limit = conf.get("deadline_seconds", DEADLINE)
    started = context["dag_run"].start_date
    if limit is not None and started is not None:
        if datetime.now(timezone.utc) - started >= timedelta(seconds=float(limit)):
            raise AirflowFailException("the flow's deadline passed")


def mark_attempted() -> None:
    """Record that this step is about to call its service (so its undo knows to act)."""
    get_current_context()["ti"].xcom_push(key=ATTEMPTED, value=True)


def was_attempted(task_id: str) -> bool:
    """Whether step `task_id` called its service in this run (even if it then failed)."""
    return bool(get_current_context()["ti"].xcom_pull(task_ids=task_id, key=ATTEMPTED))


def decision_key(task_id: str) -> str:
    """The Airflow Variable holding a person's answer (`yes` or `no`) for a waiting task of
    this run: `decision/<dag id>/<the run's business key>/<task id>`; the business key is
    `key` in the run's configuration, else the run id."""
    run = get_current_context()["dag_run"]
    return f"decision/{run.dag_id}/{(run.conf or {}).get('key') or run.run_id}/{task_id}"


def last_try() -> bool:
    """Whether this is the task's last try."""
    ti = get_current_context()["ti"]
    return int(ti.try_number) > int(ti.max_tries)


# The work: one function per step action and per compensation. Replace the bodies with
# calls to the services (HTTP, a client library); raise to fail the step. A task may run
# more than once (retries, clearing), so send an idempotency key (the run id and task id)
# with every call that changes something.


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
    start_date=datetime(2025, 1, 1, tzinfo=timezone.utc),
    catchup=False,
    # No dagrun_timeout: the scheduler would fail the run without compensating.
    default_args={"retries": 2, "retry_delay": timedelta(seconds=1),
                  "retry_exponential_backoff": True, "max_retry_delay": timedelta(minutes=1)},
    tags=["advisor", 'checkout'],
)
def build_dag() -> None:
    """Wire the steps, the undo chain and the failure marker."""

    @task(task_id='inventory_reserve', retries=2, execution_timeout=timedelta(minutes=1))
    def step_1() -> Request:
        """Step 1: inventory.reserve (undone by inventory.release)."""
        check_deadline()
        mark_attempted()
        return inventory_reserve(request())

    @task(task_id='payments_capture', retries=2, execution_timeout=timedelta(minutes=1))
    def step_2() -> Request:
        """Step 2: payments.capture (undone by payments.refund)."""
        check_deadline()
        mark_attempted()
        return payments_capture(request())

    @task(task_id='shipping_ship', retries=2, execution_timeout=timedelta(minutes=1))
    def step_3() -> Request:
        """Step 3: shipping.ship."""
        check_deadline()
        return shipping_ship(request())

    @task(task_id="saga_failed", trigger_rule="one_failed", retries=0)
    def saga_failed() -> None:
        """Runs only when a step before the pivot failed: starts the undo chain."""

    @task(task_id='undo_payments_capture', trigger_rule="none_skipped", retries=9,
          execution_timeout=timedelta(minutes=1))
    def undo_1() -> str:
        """Undo payments.capture with payments.refund, once, if the step was attempted."""
        if not was_attempted('payments_capture'):
            return ""
        payments_refund(request())
        return 'payments.refund'

    @task(task_id='undo_inventory_reserve', trigger_rule="none_skipped", retries=9,
          execution_timeout=timedelta(minutes=1))
    def undo_2() -> str:
        """Undo inventory.reserve with inventory.release, once, if the step was attempted."""
        if not was_attempted('inventory_reserve'):
            return ""
        inventory_release(request())
        return 'inventory.release'

    @task(task_id="flow_failed", trigger_rule="none_skipped", retries=0)
    def flow_failed() -> None:
        """Fail the run once compensated, naming the undos that failed (repair those by hand)."""
        ti = get_current_context()["ti"]
        undone, failed = [], []
        for task_id, label in UNDO_TASKS:
            result = ti.xcom_pull(task_ids=task_id)
            if result is None:
                failed.append(label)
            elif result:
                undone.append(result)
        message = 'place-order failed; compensated: ' + (", ".join(undone) or "nothing to undo")
        if failed:
            message += "; NOT compensated: " + ", ".join(failed)
        raise AirflowFailException(message)

    steps = [step_1(), step_2(), step_3()]
    chain(*steps)
    gate = saga_failed()
    steps[:3] >> gate
    chain(gate, undo_1(), undo_2(), flow_failed())


# Undo task id -> the compensation it runs, in the order they run.
UNDO_TASKS = [
    ('undo_payments_capture', 'payments.refund'),
    ('undo_inventory_reserve', 'inventory.release'),
]


flow_dag = build_dag()
