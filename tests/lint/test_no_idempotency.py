from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("no-idempotency", text)


def test_consumer_not_marked_idempotent():
    findings = check("services:\n  a:\n    consumes: [E]\n")
    assert where(findings) == [(3, 5)]
    assert "'a' consumes 1 event" in findings[0].message


def test_idempotent_consumer_and_non_consumer_are_fine():
    assert check("services:\n  a: {consumes: [E], idempotent: true}\n  b: {}\n") == []
