from __future__ import annotations

from advisor.lint.config import LintConfig
from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str, **kwargs: object) -> list[Finding]:
    return only("unused-suppression", text, **kwargs)


def test_suppression_on_a_clean_line():
    findings = check("version: 1  # advisor: ignore[event-cycle] old loop\n")
    assert where(findings) == [(1, 13)]
    assert "event-cycle on line 1 suppresses nothing" in findings[0].message


def test_used_suppression_is_not_reported():
    assert check("services:\n  a:\n    publishes: [E]  # advisor: ignore[dual-write] no db\n") == []


def test_can_be_turned_off():
    config = LintConfig(severities={"unused-suppression": "off"})
    assert check("version: 1  # advisor: ignore[event-cycle] old loop\n", config=config) == []
