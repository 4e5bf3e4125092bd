from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("event-without-consumer", text)


def test_published_but_not_consumed():
    findings = check("""
        services:
          a: {publishes: [Lonely]}
        events:
          Lonely: {}
        """)
    assert where(findings) == [(4, 3)]
    assert findings[0].severity == "warning" and "published by a" in findings[0].message


def test_declared_and_unused():
    [finding] = check("events:\n  Spare: {}\n")
    assert "no service publishes or consumes" in finding.message


def test_consumed_is_fine():
    assert check("services:\n  a: {publishes: [E]}\n  b: {consumes: [E]}\nevents:\n  E: {}\n") == []
