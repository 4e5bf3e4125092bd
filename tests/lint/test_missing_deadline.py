from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("missing-deadline", text)


FLOW = """
version: 2
decision: {style: choreography}
services:
  orders: {publishes: [OrderPlaced]}
  shipping: {consumes: [OrderPlaced]}
events: {OrderPlaced: {}}
flows:
  place-order:
    trigger: OrderPlaced
    steps: [{service: shipping, action: ship}]
"""


def test_a_choreographed_flow_without_a_deadline():
    findings = check(FLOW)
    assert where(findings) == [(8, 3)]
    assert "choreographed flow 'place-order' has no deadline" in findings[0].message


def test_a_deadline_satisfies_it():
    assert check(FLOW.replace("trigger: OrderPlaced", "trigger: OrderPlaced\n    timeout: 2h")) == []


def test_orchestrated_flows_are_left_to_missing_timeout():
    text = FLOW.replace("trigger: OrderPlaced", "style: orchestration\n    orchestrator: orders")
    assert check(text) == []


def test_declared_choreography_under_another_decision_counts():
    text = FLOW.replace("style: choreography", "style: hybrid").replace(
        "trigger: OrderPlaced", "style: choreography"
    )
    assert len(check(text)) == 1


def test_version_1_files_are_not_asked_for_a_deadline():
    assert check(FLOW.replace("version: 2", "version: 1")) == []
