from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("unkeyed-ordering", text)


MODEL = "traits:\n  ordering: {level}\nservices:\n  a: {{consumes: [E]}}\nevents:\n  E: {event}\n"


def test_high_ordering_needs_a_key():
    findings = check(MODEL.format(level="high", event="{}"))
    assert where(findings) == [(6, 3)]


def test_keyed_event_or_lower_ordering_is_fine():
    assert check(MODEL.format(level="high", event="{key: order_id}")) == []
    assert check(MODEL.format(level="medium", event="{}")) == []
