"""The temporal target: golden files, awkward names, and the starter's own tests on Temporal."""

from __future__ import annotations

import ast
from functools import partial
from pathlib import Path

import pytest

from advisor.format.model import Architecture, Service
from advisor.scaffold import get_target
from advisor.scaffold.engine import make_starter
from advisor.scaffold.temporal import attempts_within
from tests.scaffold.helpers import (
    awkward_model,
    checkout_model,
    claims_model,
    run_starter_tests,
    saga_awkward_model,
    target_files,
)

AWKWARD = saga_awkward_model()
files = partial(target_files, "temporal")


def test_checkout_starter_matches_golden_files(golden) -> None:  # type: ignore[no-untyped-def]
    rendered = files(checkout_model())
    assert set(rendered) == {
        "README.md",
        "activities.py",
        "pytest.ini",
        "requirements.txt",
        "starter.py",
        "tests/test_workflows.py",
        "worker.py",
        "workflows.py",
    }
    for path, text in sorted(rendered.items()):
        golden(f"scaffold/temporal/{path}", text)


def test_awkward_names_give_python_that_compiles() -> None:
    rendered = files(AWKWARD)
    for path, text in rendered.items():
        if path.endswith(".py"):
            compile(text, path, "exec")
    tree = ast.parse(rendered["workflows.py"])
    classes = [node.name for node in tree.body if isinstance(node, ast.ClassDef)]
    # Three flows with steps, none shadowing the module's own Saga class; gossip and no-steps are left out.
    assert classes == ["Decision", "DeadlineReached", "Rejected", "Compensation", "Saga", "Deadline", "PlaceOrderV2",
                       "Saga_2", "Saga_3"]
    acts = ast.parse(rendered["activities.py"])
    functions = [node.name for node in acts.body if isinstance(node, ast.AsyncFunctionDef)]
    assert len(functions) == len(set(functions)) == 9
    assert "in_ventory_re_serve" in functions and "in_ventory_re_serve_2" in functions
    assert "Choreographed flows are left to the broker and have no workflow here: gossip." in rendered["README.md"]
    assert "Flows without steps have no workflow yet: no-steps." in rendered["README.md"]


def test_awkward_limits_become_timeouts_and_attempts() -> None:
    workflows = files(AWKWARD)["workflows.py"]
    assert "DEADLINE: float | None = 7200" in workflows
    assert "execution_timeout" not in workflows and "execution_timeout" not in files(AWKWARD)["starter.py"]
    limits = (
        "start_to_close_timeout=timedelta(milliseconds=500),\n"
        "                retry_policy=RetryPolicy(maximum_attempts=1, maximum_interval=timedelta(minutes=1)),"
    )
    assert limits in workflows
    assert "RetryPolicy(maximum_attempts=6, maximum_interval=timedelta(minutes=1))" in workflows


def test_claims_flow_waits_for_a_person_commits_at_the_pivot_and_retries_after_it() -> None:
    rendered = files(claims_model())
    workflows = rendered["workflows.py"]
    assert "DEADLINE: float | None = 1209600" in workflows
    approve = workflows.index("activities.assessor_approve_claim,")
    wait = workflows.index("await self._await_decision('assessor.approve-claim', deadline, timedelta(days=14))")
    pay_undo = workflows.index("activities.payments_claw_back,")
    pay = workflows.index("activities.payments_pay_out,")
    assert approve < wait < pay_undo < pay  # the undo is registered before the pay-out runs
    commit = workflows.index("saga.commit()")
    close, book = workflows.index("activities.claims_close_claim,"), workflows.index("activities.ledger_book_payment,")
    assert close < commit < book
    assert "retry_policy=UNTIL_DONE" in workflows[commit:]
    assert "deadline.bound(" not in workflows[commit:]  # past the pivot the deadline no longer compensates
    get_claim = workflows.index("activities.claims_get_claim,")
    query = workflows[get_claim - 300:get_claim]
    assert "saga.register" not in query  # a query has nothing to undo
    starter_py = rendered["starter.py"]
    assert "id_reuse_policy=WorkflowIDReusePolicy.REJECT_DUPLICATE" in starter_py
    assert "uuid" not in starter_py


@pytest.mark.slow
def test_claims_starter_survives_timeouts_cancellation_and_double_starts(tmp_path: Path) -> None:
    output = run_starter_tests(claims_model(), "temporal", tmp_path / "starter")
    assert " passed" in output and "failed" not in output and "skipped" not in output


def test_no_flows_gives_one_example_workflow() -> None:
    model = Architecture(
        system="shop",
        services={"a": Service("a", role="orchestrator", calls=("b", "c")), "b": Service("b"), "c": Service("c")},
    )
    rendered = files(model)
    assert "class Example:" in rendered["workflows.py"]
    assert "one example flow" in rendered["README.md"]


def test_readme_names_the_adr() -> None:
    model = checkout_model()
    starter = make_starter(model, "temporal", adr="docs/decisions/0001-use-temporal.md")
    readme = get_target("temporal").files(starter)["README.md"]
    assert "the decision recorded in `docs/decisions/0001-use-temporal.md`" in readme
    assert "no ADR yet" in files(model)["README.md"]


@pytest.mark.slow
def test_checkout_starter_runs_on_the_temporal_test_server(tmp_path: Path) -> None:
    output = run_starter_tests(checkout_model(), "temporal", tmp_path / "starter")
    assert " passed" in output and "failed" not in output and "skipped" not in output


@pytest.mark.slow
@pytest.mark.parametrize("model", [AWKWARD, awkward_model()], ids=["unicode-and-quotes", "collisions-and-repeats"])
def test_awkward_starter_runs_on_the_temporal_test_server(tmp_path: Path, model: Architecture) -> None:
    output = run_starter_tests(model, "temporal", tmp_path / "starter")
    assert " passed" in output and "failed" not in output and "skipped" not in output


@pytest.mark.parametrize(
    ("attempts", "flow_timeout", "made"),
    # Seen on the Temporal test server: retries wait 1s, 2s, 4s, ... and stop at the flow's timeout.
    [(3, None, 3), (8, 30.0, 5), (8, 3.0, 2), (8, 4.0, 3), (8, 7.0, 3), (8, 8.0, 4), (1, 1.0, 1)],
)
def test_expected_attempts_stop_at_the_flow_timeout(attempts: int, flow_timeout: float | None, made: int) -> None:
    assert attempts_within(attempts, flow_timeout) == made




PLANTS = {
    "undo order reversed": ("workflows.py", "item = self._stack.pop()", "item = self._stack.pop(0)"),
    "retry removed": ("workflows.py", "RetryPolicy(maximum_attempts=3,", "RetryPolicy(maximum_attempts=1,"),
    "deadline dropped": ("workflows.py", "self._at = None if seconds is None else", "self._at = None if True else"),
    "cancellation not compensated": ("workflows.py", "except (ActivityError, DeadlineReached, Rejected, "
                                     "asyncio.CancelledError) as error:",
                                     "except (ActivityError, DeadlineReached, Rejected) as error:"),
    "a failed undo stops the others": ("workflows.py", "failed.append(item.name)", "raise"),
    "random workflow id": ("starter.py", "id=workflow_id(flow, key),", "id=__import__('uuid').uuid4().hex,"),
}


@pytest.mark.slow
@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_the_starter_tests_catch_a_planted_break(tmp_path: Path, plant: str) -> None:
    from tests.scaffold.helpers import plant_and_fail

    file, before, after = PLANTS[plant]
    plant_and_fail(checkout_model(), "temporal", tmp_path / "starter", file, before, after)
