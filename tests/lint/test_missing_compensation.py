from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("missing-compensation", text)


FLOW = """
services: {{o: {{}}, inv: {{}}, pay: {{}}, ship: {{}}}}
flows:
  checkout:
    style: {style}
    orchestrator: o
    steps:
      - {{service: inv, action: reserve, compensation: release}}
      - {{service: pay, action: charge}}
      - {{service: ship, action: ship}}
"""


def test_step_before_the_last_without_compensation():
    findings = check(FLOW.format(style="orchestration"))
    assert where(findings) == [(8, 9)]
    assert "step 2 of flow 'checkout' (pay.charge)" in findings[0].message


def test_last_step_needs_none():
    text = FLOW.format(style="orchestration").replace("action: charge", "action: charge, compensation: refund")
    assert check(text) == []


def test_choreography_flows_are_not_checked():
    assert check(FLOW.format(style="choreography").replace("orchestrator: o", "")) == []


SAGA = """
version: 2
services: {o: {}, cart: {}, inv: {}, pay: {}, ship: {}, mail: {}}
flows:
  checkout:
    style: orchestration
    orchestrator: o
    steps:
      - {service: cart, action: get-cart}
      - {service: inv, action: reserve, compensation: release}
      - {service: mail, action: notify-start, critical: false}
      - {service: pay, action: charge, kind: pivot}
      - {service: ship, action: ship, kind: retriable}
"""


def test_queries_best_effort_steps_and_the_pivot_need_no_compensation():
    assert check(SAGA) == []


def test_a_read_named_step_of_a_version_1_file_is_a_query_too():
    text = FLOW.format(style="orchestration")
    read_first = text.replace("action: reserve, compensation: release", "action: get-cart")
    assert [f.message for f in check(read_first)] == [f.message for f in check(text)]
    assert len(check(text.replace("action: reserve, compensation: release", "action: reserve"))) == 2


def test_a_writing_step_before_the_pivot_needs_one():
    [finding] = check(SAGA.replace("action: reserve, compensation: release", "action: reserve"))
    assert "step 2 of flow 'checkout' (inv.reserve)" in finding.message


def test_a_declared_query_needs_none_whatever_its_name():
    assert check(SAGA.replace("action: reserve, compensation: release", "action: price-quote, kind: query")) == []


def test_best_effort_steps_at_the_end_cannot_fail_the_flow():
    text = """
    services: {o: {}, inv: {}, pay: {}, mail: {}}
    flows:
      f:
        orchestrator: o
        steps:
          - {service: inv, action: reserve, compensation: release}
          - {service: pay, action: charge}
          - {service: mail, action: confirm, critical: false}
    """
    assert check(text) == []  # charge is the last step that can fail: the pivot by default


def test_steps_after_the_pivot_are_left_to_the_retriable_rule():
    text = SAGA.replace("action: ship, kind: retriable", "action: ship")
    assert check(text) == [] and len(only("non-retriable-after-pivot", text)) == 1


def test_a_choreographed_saga_with_a_declared_pivot_is_checked():
    text = SAGA.replace("style: orchestration\n    orchestrator: o", "style: choreography").replace(
        "action: reserve, compensation: release", "action: reserve"
    )
    assert len(check(text)) == 1
