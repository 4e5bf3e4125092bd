from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("unkeyed-ordering", text)


MODEL = "traits:\n  ordering: {level}\nservices:\n  a: {{consumes: [E]}}\nevents:\n  E: {event}\n"


def test_high_ordering_needs_a_key():
    findings = check(MODEL.format(level="high", event="{}"))
    assert where(findings) == [(6, 3)]


def test_keyed_event_or_lower_ordering_is_fine():
    assert check(MODEL.format(level="high", event="{key: order_id}")) == []
    assert check(MODEL.format(level="medium", event="{}")) == []


FLOWS = """
version: 2
traits: {ordering: SYSTEM}
services:
  orders: {publishes: [OrderPlaced]}
  stock:
    consumes: [OrderPlaced]
    publishes: [StockReserved]
    reacts: {OrderPlaced: {publishes: [StockReserved]}}
  billing: {consumes: [StockReserved, Invoiced], publishes: [Invoiced]}
  audit: {consumes: [Audited], publishes: [Audited]}
events: {OrderPlaced: {}, StockReserved: {}, Invoiced: {}, Audited: {}}
flows:
  place-order:
    style: choreography
    trigger: OrderPlaced
    traits: {ordering: FLOW}
    steps:
      - {service: stock, action: reserve}
      - {service: billing, action: invoice}
"""


def flagged(system: str, flow: str) -> list[str]:
    return [f.subject for f in check(FLOWS.replace("SYSTEM", system).replace("FLOW", flow))]


def test_a_flow_that_says_order_does_not_matter_decides_for_its_own_events():
    # OrderPlaced (the trigger) and StockReserved (stock's declared reaction) are on the flow
    assert flagged("high", "low") == ["Invoiced", "Audited"]


def test_a_flow_that_says_order_matters_decides_for_its_own_events():
    findings = check(FLOWS.replace("SYSTEM", "low").replace("FLOW", "high"))
    assert [f.subject for f in findings] == ["OrderPlaced", "StockReserved"]
    assert "has no key although flow 'place-order' says ordering is high" in findings[0].message
    assert [(r.line, r.message) for r in findings[0].related] == [(16, "flow 'place-order': ordering is high")]


def test_a_flow_without_its_own_answer_takes_the_systems():
    text = FLOWS.replace("SYSTEM", "high").replace("    traits: {ordering: FLOW}\n", "")
    assert [f.subject for f in check(text)] == ["OrderPlaced", "StockReserved", "Invoiced", "Audited"]


def test_what_a_participant_without_reacts_publishes_is_not_counted_on_the_flow():
    # billing declares no reacts: Invoiced may or may not follow from the flow's events
    assert "Invoiced" in flagged("high", "low")
    assert "Invoiced" not in flagged("low", "high")
