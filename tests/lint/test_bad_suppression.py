from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import lint, only, where


def check(text: str) -> list[Finding]:
    return only("bad-suppression", text)


def test_reason_suppresses_the_finding_on_its_line():
    findings = lint("services:\n  a:\n    publishes: [E]  # advisor: ignore[dual-write] no database\n")
    assert "dual-write" not in {f.rule for f in findings}
    assert not {"bad-suppression", "unused-suppression"} & {f.rule for f in findings}


def test_without_a_reason_it_suppresses_nothing_and_is_reported():
    text = "services:\n  a:\n    publishes: [E]  # advisor: ignore[dual-write]\n"
    findings = check(text)
    assert where(findings) == [(3, 21)]
    assert "has no reason" in findings[0].message
    assert "dual-write" in {f.rule for f in lint(text)}


def test_unknown_rule_id_and_empty_brackets():
    assert "unknown rule 'dual-wrte'" in check("a: 1  # advisor: ignore[dual-wrte] typo\n")[0].message
    assert "names no rule" in check("a: 1  # advisor: ignore[] why\n")[0].message


def test_several_rules_in_one_comment():
    text = "services:\n  a:\n    consumes: [E]  # advisor: ignore[no-idempotency, unknown-reference] demo\n"
    assert not {"no-idempotency", "unknown-reference", "bad-suppression"} & {f.rule for f in lint(text)}
