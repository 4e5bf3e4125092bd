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


def test_a_gateway_routes_rather_than_orchestrates():
    assert check(model("choreography", role="gateway").replace("decision:", "version: 2\ndecision:")) == []


def test_calls_to_services_that_only_answer_queries_do_not_count():
    text = model("choreography") + "flows:\n  f:\n    steps:\n      - {service: d, action: get-price}\n"
    assert check(text) == []
    assert len(check(text.replace("get-price", "reserve"))) == 1


def test_the_hint_names_the_configured_threshold():
    from advisor.lint.config import LintConfig

    config = LintConfig(options={"hidden-orchestrator": {"min-calls": 2}})
    [finding] = only("hidden-orchestrator", model("choreography", "[b, c]"), config=config)
    assert "`min-calls` is 2" in finding.hint
