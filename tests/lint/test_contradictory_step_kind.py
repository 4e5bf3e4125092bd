from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import lint, only, where


def check(text: str) -> list[Finding]:
    return only("contradictory-step-kind", text)


SAGA = """
version: 2
services: {o: {}, inv: {}, pay: {}, ship: {}, cart: {}}
flows:
  checkout:
    style: orchestration
    orchestrator: o
    steps:
      - {service: cart, action: get-cart, kind: query}
      - {service: inv, action: reserve, compensation: release}
      - {service: pay, action: charge, kind: pivot}
      - {service: ship, action: ship, kind: retriable}
"""


def test_a_consistent_saga_has_none():
    assert check(SAGA) == []


def test_a_second_pivot_is_reported_once_and_not_as_a_step_after_the_pivot():
    text = SAGA.replace("action: ship, kind: retriable", "action: ship, kind: pivot")
    [finding] = check(text)
    assert where([finding]) == [(11, 39)]
    assert finding.message == (
        "step 4 of flow 'checkout' (ship.ship) is a second pivot (the first is step 3, pay.charge): "
        "a saga has one point after which it must complete"
    )
    assert only("non-retriable-after-pivot", text) == []


def test_a_pivot_with_a_compensation():
    [finding] = check(SAGA.replace("action: charge, kind: pivot", "action: charge, kind: pivot, compensation: refund"))
    assert where([finding]) == [(10, 53)]
    assert "is pivot but declares compensation 'refund': a pivot cannot be undone" in finding.message


def test_a_query_with_a_compensation():
    [finding] = check(SAGA.replace("kind: query", "kind: query, compensation: forget"))
    assert "is query but declares compensation 'forget': a query only reads, so there is nothing to undo" in (
        finding.message
    )


def test_a_retriable_step_after_the_pivot_with_a_compensation():
    [finding] = check(SAGA.replace("kind: retriable", "kind: retriable, compensation: unship"))
    assert "a retriable step after the pivot is retried until it succeeds, never undone" in finding.message


def test_a_retriable_step_before_the_pivot_may_have_a_compensation_or_none():
    before = SAGA.replace("action: reserve, compensation: release", "action: reserve, kind: retriable")
    assert check(before) == []
    assert check(before.replace("reserve, kind: retriable}", "reserve, kind: retriable, compensation: release}")) == []


def test_without_a_pivot_a_retriable_step_is_not_known_to_come_after_it():
    text = SAGA.replace("kind: pivot", "compensation: refund")
    text = text.replace("kind: retriable", "kind: retriable, compensation: x")
    assert check(text) == []


def test_the_findings_of_a_contradictory_flow_do_not_repeat_in_other_rules():
    text = SAGA.replace("action: ship, kind: retriable", "action: ship, kind: pivot")
    assert [f.rule for f in lint(text) if "ship.ship" in f.message] == ["contradictory-step-kind"]
