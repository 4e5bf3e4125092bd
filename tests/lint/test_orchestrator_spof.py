from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("orchestrator-spof", text)


def test_one_replica_points_at_replicas():
    findings = check("services:\n  o:\n    role: orchestrator\n    replicas: 1\n")
    assert where(findings) == [(4, 15)]
    assert "1 replica," in findings[0].message


def test_no_replicas_declared_points_at_the_service():
    assert where(check("services:\n  o: {role: orchestrator}\n")) == [(2, 3)]


def test_flow_orchestrator_counts_too():
    text = "services:\n  o: {}\nflows:\n  f: {style: orchestration, orchestrator: o}\n"
    assert len(check(text)) == 1


def test_two_replicas_are_fine():
    assert check("services:\n  o: {role: orchestrator, replicas: 2}\n") == []


def test_a_managed_engine_is_not_asked_for_replicas():
    assert check("version: 2\nservices:\n  sfn: {role: orchestrator, managed: true}\n") == []


def test_a_managed_decided_target_covers_the_flow_orchestrator():
    text = (
        "decision: {style: orchestration, target: step-functions}\nservices:\n  o: {}\n"
        "flows:\n  f: {style: orchestration, orchestrator: o}\n"
    )
    assert check(text) == []
    assert len(check(text.replace("step-functions", "temporal"))) == 1


def test_the_hint_uses_the_configured_minimum():
    from advisor.lint.config import LintConfig

    config = LintConfig(options={"orchestrator-spof": {"min-replicas": 3}})
    [finding] = only("orchestrator-spof", "services:\n  o: {role: orchestrator, replicas: 2}\n", config=config)
    assert "fewer than 3" in finding.message and "`replicas: 3`" in finding.hint
