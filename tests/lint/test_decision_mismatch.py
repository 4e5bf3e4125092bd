from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("decision-mismatch", text)


ORCHESTRATION_TRAITS = """
traits:
  compensation: high
  sequencing: high
  visibility: high
  control: high
  team_autonomy: low
decision:
  style: {style}
"""


def test_decided_style_against_the_recommendation():
    findings = check(ORCHESTRATION_TRAITS.format(style="choreography"))
    assert where(findings) == [(8, 10)]
    assert findings[0].severity == "warning"
    assert "recommend orchestration" in findings[0].message


def test_matching_decision_is_clean():
    assert check(ORCHESTRATION_TRAITS.format(style="orchestration")) == []


def test_a_recorded_reason_lowers_it_to_info():
    text = ORCHESTRATION_TRAITS.format(style="choreography") + "  reason: the broker is already run\n"
    [finding] = check(text)
    assert finding.severity == "info" and "decision.reason" in finding.message


def test_no_traits_no_finding():
    assert check("decision: {style: choreography}\n") == []


def test_it_rescores_with_what_the_model_derives_and_each_flow():
    # One answer: the model's two flows differ on their own evidence, so the traits recommend hybrid.
    text = """
version: 2
traits:
  team_autonomy: high
services:
  checkout: {role: orchestrator, replicas: 2, publishes: [OrderPlaced]}
  email: {consumes: [OrderPlaced]}
  sms: {consumes: [OrderPlaced]}
  crm: {consumes: [OrderPlaced]}
flows:
  place-order:
    orchestrator: checkout
    steps:
      - {service: stock, action: reserve, compensation: release}
      - {service: pay, action: charge, compensation: refund}
      - {service: ship, action: book, kind: pivot}
  notify:
    trigger: OrderPlaced
    steps:
      - {service: email, action: send, critical: false}
      - {service: sms, action: send, critical: false}
      - {service: crm, action: note, critical: false}
decision:
  style: choreography
"""
    [finding] = check(text)
    assert "recommend hybrid" in finding.message and "1 answered" in finding.message
    assert "derived from the model" in finding.message


def test_on_thin_evidence_it_is_only_informational():
    [finding] = check("traits:\n  platform: engine\ndecision:\n  style: choreography\n")
    assert "confidence low" in finding.message and finding.severity == "info"
