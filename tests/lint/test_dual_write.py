from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("dual-write", text)


def test_publisher_without_outbox():
    findings = check("services:\n  a:\n    publishes: [E]\n")
    assert where(findings) == [(3, 5)]
    assert "without an outbox" in findings[0].message


def test_outbox_is_fine():
    assert check("services:\n  a: {publishes: [E], outbox: true}\n") == []
