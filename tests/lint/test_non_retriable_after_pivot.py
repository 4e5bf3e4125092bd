from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("non-retriable-after-pivot", text)


SAGA = """
version: 2
services: {o: {}, inv: {}, pay: {}, ship: {}, mail: {}}
flows:
  checkout:
    style: orchestration
    orchestrator: o
    steps:
      - {service: inv, action: reserve, compensation: release}
      - {service: pay, action: charge, kind: pivot}
      - {service: ship, action: ship, kind: retriable}
      - {service: mail, action: confirm, kind: retriable, critical: false}
"""


def test_retriable_and_best_effort_steps_after_the_pivot_are_fine():
    assert check(SAGA) == []


def test_a_step_after_the_pivot_that_can_fail_for_good():
    findings = check(SAGA.replace("action: ship, kind: retriable", "action: ship"))
    assert where(findings) == [(10, 9)]
    assert "step 3 of flow 'checkout' (ship.ship) comes after the pivot (pay.charge) but declares no kind" in (
        findings[0].message
    )


def test_a_compensatable_step_after_the_pivot_is_reported_with_its_kind():
    [finding] = check(SAGA.replace("action: ship, kind: retriable", "action: ship, compensation: unship"))
    assert "but is compensatable" in finding.message


def test_best_effort_and_query_steps_after_the_pivot_are_not_reported():
    text = SAGA.replace("action: ship, kind: retriable", "action: get-label").replace(
        "action: confirm, kind: retriable", "action: confirm"
    )
    assert check(text) == []


def test_without_a_declared_pivot_nothing_is_said():
    assert check(SAGA.replace(", kind: pivot", "").replace("action: ship, kind: retriable", "action: ship")) == []
