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
