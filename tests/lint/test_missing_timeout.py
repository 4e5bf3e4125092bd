from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("missing-timeout", text)


BASE = "services: {o: {}, a: {}}\nflows:\n  f:\n    style: orchestration\n    orchestrator: o\n"


def test_orchestrated_flow_without_timeout():
    findings = check(BASE + "    steps:\n      - {service: a, action: x}\n")
    assert where(findings) == [(3, 3)]


def test_flow_timeout_or_every_step_timeout_is_enough():
    assert check(BASE + "    timeout: 15m\n") == []
    assert check(BASE + "    steps:\n      - {service: a, action: x, timeout: 30s}\n") == []


def test_choreography_flow_is_not_checked():
    assert check("flows:\n  f: {style: choreography}\n") == []
