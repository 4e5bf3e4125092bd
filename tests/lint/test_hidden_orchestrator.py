from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("hidden-orchestrator", text)


def model(style: str, calls: str = "[b, c, d]", role: str = "participant") -> str:
    return (
        f"decision: {{style: {style}}}\nservices:\n  a: {{calls: {calls}, role: {role}}}\n"
        "  b: {}\n  c: {}\n  d: {}\n"
    )


def test_three_calls_under_choreography():
    findings = check(model("choreography"))
    assert where(findings) == [(3, 7)]
    assert "calls 3 services synchronously (b, c, d)" in findings[0].message


def test_two_calls_are_fine():
    assert check(model("choreography", "[b, c]")) == []


def test_orchestration_is_not_hidden():
    assert check(model("orchestration")) == []


def test_hybrid_declared_orchestrator_is_fine_but_participant_is_not():
    assert check(model("hybrid", role="orchestrator")) == []
    assert len(check(model("hybrid"))) == 1
