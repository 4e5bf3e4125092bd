from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("event-without-producer", text)


def test_consumed_but_never_published_points_at_the_declaration():
    findings = check("""
        services:
          a: {consumes: [OrderPlaced]}
        events:
          OrderPlaced: {version: 1}
        """)
    assert where(findings) == [(4, 3)]
    assert findings[0].severity == "error" and "'a'" not in findings[0].message
    assert "consumed by a" in findings[0].message


def test_flow_trigger_counts_as_a_consumer():
    assert len(check("events:\n  Go: {}\nflows:\n  f: {trigger: Go}\n")) == 1


def test_published_event_is_fine():
    assert check("services:\n  a: {publishes: [E]}\n  b: {consumes: [E]}\nevents:\n  E: {}\n") == []
