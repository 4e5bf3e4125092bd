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
