from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("trait-contradicts-model", text)


SIX_SERVICE_FLOW = """
version: 2
traits:
  flow_length: {length}
  compensation: {compensation}
flows:
  fulfil:
    orchestrator: hub
    steps:
      - {{service: stock, action: reserve, compensation: release}}
      - {{service: pay, action: charge, compensation: refund}}
      - {{service: ship, action: book, kind: pivot}}
      - {{service: mail, action: send, kind: retriable}}
      - {{service: crm, action: note, kind: retriable}}
"""


def test_an_answer_below_what_a_flow_shows_is_located_at_the_trait():
    findings = check(SIX_SERVICE_FLOW.format(length=2, compensation="low"))
    assert where(findings) == [(3, 16), (4, 17)]
    length, undo = findings
    assert "traits.flow_length is 2, but the model says 6: flow fulfil involves 6 services" in length.message
    assert "traits.compensation is low, but the model says high: flow fulfil has 2 compensating steps" in undo.message
    assert all(f.severity == "warning" for f in findings)
    assert length.related and length.related[0].line == 7  # the flow it rests on


def test_answers_the_model_supports_or_cannot_refute_are_clean():
    assert check(SIX_SERVICE_FLOW.format(length=6, compensation="high")) == []
    # medium against high is within the coarse evidence; more services than modelled is allowed
    assert check(SIX_SERVICE_FLOW.format(length=9, compensation="medium")) == []


def test_flow_length_above_the_services_is_a_contradiction_of_the_answers():
    [finding] = check("traits:\n  services: 3\n  flow_length: 20\n")
    assert where([finding]) == [(3, 16)]
    assert "only 3 services are answered" in finding.message


def test_a_flows_own_traits_are_checked_against_its_steps():
    text = """
    version: 2
    flows:
      pay:
        traits: {compensation: low, sequencing: low}
        steps:
          - {service: stock, action: reserve, compensation: release}
          - {service: cards, action: charge, compensation: refund}
    """
    found = check(text)
    assert [f.message.split(",")[0] for f in found] == [
        "flows.pay.traits.compensation is low",
        "flows.pay.traits.sequencing is low",
    ]
    assert where(found)[0] == (4, 28)


def test_an_answer_above_what_the_steps_show_is_not_refuted():
    # The saga taxonomy says nothing before the pivot needs an undo, but a late failure may
    # still call for a refund in practice: the file does not prove the answer wrong.
    text = """
    version: 2
    flows:
      place-order:
        traits: {compensation: high}
        steps:
          - {service: cart, action: get-cart, kind: query}
          - {service: payments, action: charge, kind: pivot}
          - {service: shipping, action: ship, kind: retriable}
    """
    assert check(text) == []


def test_a_system_answer_above_what_one_flow_shows_is_not_a_contradiction():
    text = """
    version: 2
    traits: {compensation: high, long_running: high}
    flows:
      notify:
        timeout: 5m
        steps:
          - {service: mail, action: send, critical: false}
    """
    assert check(text) == []  # other flows, not modelled here, may need both


def test_a_managed_coordinator_refutes_coordinator_ha_false():
    text = """
    version: 2
    traits: {coordinator_ha: false}
    services:
      flowsvc: {role: orchestrator, managed: true}
    """
    [finding] = check(text)
    assert "flowsvc is a managed engine" in finding.message


def test_a_long_timeout_does_not_refute_a_short_flow_answer():
    text = """
    version: 2
    traits: {long_running: low}
    flows:
      settle:
        timeout: 3d
        steps:
          - {service: ledger, action: settle, kind: retriable}
    """
    assert check(text) == []  # a deadline is the most a flow may wait, not what it does
