"""The saga plan every engine target renders (advisor.scaffold.plan)."""

from __future__ import annotations

from advisor.format.model import Flow, Step
from advisor.scaffold.plan import COMPENSATION, Backoff, plan_flow
from tests.scaffold.helpers import claims_model


def test_the_claims_plan() -> None:
    plan = plan_flow(claims_model().flows["settle-claim"])
    assert plan.deadline == 14 * 86400 and plan.pivot == 3
    assert [s.kind for s in plan.steps] == ["query", "compensatable", "compensatable", "pivot", "retriable", ""]
    assert [s.retry.attempts for s in plan.steps] == [3, 3, 4, 3, None, 2]
    assert [s.waits for s in plan.steps] == [False, True, False, False, False, False]
    assert [s.after_pivot for s in plan.steps] == [False, False, False, False, True, True]
    assert plan.steps[1].timeout == 30 and plan.steps[0].timeout == 60
    # A failing pay-out is undone itself (it may have paid), then the approval is reopened.
    assert [s.action for s in plan.undo_after(2)] == ["pay-out", "approve-claim"]
    assert [s.action for s in plan.undo_after(0)] == []  # a query has nothing to undo
    assert plan.undo_after(4) == []  # past the pivot nothing is undone
    assert plan.failure_points() == [0, 1, 2, 3]  # until-done and best-effort steps cannot fail the flow


def test_without_long_running_nothing_waits_and_flow_traits_override_the_systems() -> None:
    flow = Flow("f", steps=(Step("a", "approve-it", compensation="undo"),), traits={"long_running": "low"})
    assert not plan_flow(flow, {"long_running": "high"}).steps[0].waits
    assert plan_flow(Flow("f", steps=flow.steps), {"long_running": "high"}).steps[0].waits
    assert not plan_flow(Flow("f", steps=(Step("a", "approved-list"),)), {"long_running": "high"}).steps[0].waits


def test_a_compensation_on_a_step_declared_retriable_is_not_run() -> None:
    plan = plan_flow(Flow("f", steps=(Step("a", "ship", compensation="recall", kind="retriable"),)))
    assert plan.steps[0].compensation == "" and plan.steps[0].retry.until_done


def test_backoff_and_compensation_retries() -> None:
    assert [Backoff(1, 2, 60).delay(n) for n in range(1, 9)] == [1, 2, 4, 8, 16, 32, 60, 60]
    assert COMPENSATION.attempts == 10 and COMPENSATION.retries == 9
