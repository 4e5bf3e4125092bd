"""The airflow target: golden files, awkward names, and the starter's own tests on Airflow 3."""

from __future__ import annotations

import ast
from functools import partial
from pathlib import Path

import pytest

from advisor.format.model import Architecture, Step
from tests.scaffold.helpers import (
    awkward_model,
    checkout_model,
    claims_model,
    run_starter_tests,
    saga_awkward_model,
    target_files,
)

# The last step uses names the DAG file itself defines.
AWKWARD = saga_awkward_model(Step("compensate", "request", compensation="{x}"))
files = partial(target_files, "airflow")


def functions(source: str) -> list[str]:
    return [node.name for node in ast.parse(source).body if isinstance(node, ast.FunctionDef)]


def test_checkout_starter_matches_golden_files(golden) -> None:  # type: ignore[no-untyped-def]
    rendered = files(checkout_model())
    assert set(rendered) == {
        "README.md",
        "dags/place_order.py",
        "pytest.ini",
        "requirements.txt",
        "tests/conftest.py",
        "tests/test_dag_integrity.py",
        "tests/test_dag_runs.py",
    }
    for path, text in sorted(rendered.items()):
        golden(f"scaffold/airflow/{path}", text)


def test_awkward_names_give_python_that_compiles() -> None:
    rendered = files(AWKWARD)
    for path, text in rendered.items():
        if path.endswith(".py"):
            compile(text, path, "exec")
    # One DAG file per flow with steps, with distinct names; gossip and no-steps are left out.
    assert sorted(p for p in rendered if p.startswith("dags/")) == [
        "dags/place_order_v_2.py",
        "dags/saga.py",
        "dags/saga_2.py",
    ]
    defined = functions(rendered["dags/place_order_v_2.py"])
    assert len(defined) == len(set(defined))
    expected = {"in_ventory_re_serve", "in_ventory_re_serve_2", "compensate_request", "request", "build_dag"}
    assert expected <= set(defined)
    assert "Choreographed flows are left to the broker and have no DAG here: gossip." in rendered["README.md"]
    assert "Flows without steps have no DAG yet: no-steps." in rendered["README.md"]


def test_awkward_limits_become_retries_and_timeouts() -> None:
    dag = files(AWKWARD)["dags/place_order_v_2.py"]
    assert "task_id='in_ventory_re_serve', retries=0, execution_timeout=timedelta(milliseconds=500)" in dag
    assert "task_id='class_import', retries=5, execution_timeout=timedelta(minutes=1)" in dag
    assert "DEADLINE: float | None = 7200" in dag
    assert "dagrun_timeout=" not in dag  # the scheduler would end the run without compensating
    assert 'task_id="saga_failed", trigger_rule="one_failed"' in dag


def test_compensations_are_undone_last_first_one_task_each() -> None:
    dag = files(checkout_model())["dags/place_order.py"]
    assert dag.index("payments_refund(request())") < dag.index("inventory_release(request())")
    assert "chain(gate, undo_1(), undo_2(), flow_failed())" in dag
    assert dag.count('trigger_rule="none_skipped"') == 3


def test_claims_dag_undoes_a_failed_pay_out_and_stops_compensating_at_the_pivot() -> None:
    dag = files(claims_model())["dags/settle_claim.py"]
    pay_out = dag[dag.index("def step_3()"): dag.index("def step_4()")]
    assert "mark_attempted()" in pay_out  # its undo acts even when the pay-out itself failed
    assert "steps[:5] >> gate" in dag  # steps after the pivot never start the undo chain
    assert "retries=100000" in dag[dag.index("def step_4()") - 200:]
    assert "except Exception as error:  # best effort" in dag
    assert "get_claim" in dag and "undo_claims_get_claim" not in dag


def test_flow_without_compensation_has_no_undo_tasks() -> None:
    dag = files(AWKWARD)["dags/saga.py"]
    assert "saga_failed" not in dag and "flow_failed" not in dag


@pytest.mark.slow
def test_claims_starter_compensates_on_airflow(tmp_path: Path) -> None:
    output = run_starter_tests(claims_model(), "airflow", tmp_path / "starter")
    assert " passed" in output and "failed" not in output and "skipped" not in output


def test_readme_says_airflow_suits_batch_flows() -> None:
    readme = files(checkout_model())["README.md"]
    assert "batch-style flows" in readme and "request-driven" in readme


@pytest.mark.slow
def test_checkout_starter_dags_load_and_run_on_airflow(tmp_path: Path) -> None:
    output = run_starter_tests(checkout_model(), "airflow", tmp_path / "starter")
    assert " passed" in output and "failed" not in output and "skipped" not in output


@pytest.mark.slow
@pytest.mark.parametrize("model", [AWKWARD, awkward_model()], ids=["unicode-and-quotes", "collisions-and-repeats"])
def test_awkward_starter_dags_load_and_run_on_airflow(tmp_path: Path, model: Architecture) -> None:
    output = run_starter_tests(model, "airflow", tmp_path / "starter")
    assert " passed" in output and "failed" not in output and "skipped" not in output


@pytest.mark.slow
def test_claims_starter_dags_import_and_compensate_on_airflow_2(tmp_path: Path) -> None:
    from tests.scaffold.helpers import generate
    from tests.starters.envs import python_env, run

    out = tmp_path / "starter"
    generate(claims_model(), "airflow", out)
    requirements = tmp_path / "requirements-airflow2.txt"
    requirements.write_text("apache-airflow==2.11.0\npytest==9.2.0\n")
    output = run([str(python_env(requirements)), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=out)
    assert " passed" in output and "failed" not in output and "skipped" not in output


PLANTS = {
    "undo order reversed": ("chain(gate, undo_1(), undo_2(), flow_failed())",
                            "chain(gate, undo_2(), undo_1(), flow_failed())"),
    "a failed undo stops the others": ("task_id='undo_inventory_reserve', trigger_rule=\"none_skipped\"",
                                       "task_id='undo_inventory_reserve', trigger_rule=\"all_success\""),
    "failed step not undone": ("mark_attempted()\n        return payments_capture(", "return payments_capture("),
    "retry removed": ("retries=2, execution_timeout", "retries=0, execution_timeout"),
    "deadline dropped": ('raise AirflowFailException("the flow\'s deadline passed")', "pass"),
}


@pytest.mark.slow
@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_the_starter_tests_catch_a_planted_break(tmp_path: Path, plant: str) -> None:
    from tests.scaffold.helpers import plant_and_fail

    before, after = PLANTS[plant]
    plant_and_fail(checkout_model(), "airflow", tmp_path / "starter", "dags/place_order.py", before, after)


def test_a_persons_decision_is_a_rescheduling_sensor_that_can_compensate() -> None:
    dag = files(claims_model())["dags/settle_claim.py"]
    assert "@task.sensor(task_id='decided_assessor_approve_claim', mode=\"reschedule\", poke_interval=60,\n" \
           "                 timeout=1209600, retries=0)" in dag
    assert "steps = [step_1(), step_2(), decided_2(), step_3()," in dag
    assert "steps[:5] >> gate" in dag  # the decision is guarded: a "no" starts the undo chain
    assert "decided_" in files(claims_model())["README.md"]
    assert "decided_" not in files(AWKWARD)["dags/place_order_v_2.py"]
