from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("command-as-event", text)


def test_requested_event_with_one_consumer():
    findings = check(
        "services:\n  a: {publishes: [PaymentRequested]}\n  b: {consumes: [PaymentRequested]}\n"
        "events:\n  PaymentRequested: {}\n"
    )
    assert where(findings) == [(5, 3)]
    assert findings[0].severity == "info" and "'b'" in findings[0].message


def test_two_consumers_make_it_a_real_event():
    text = (
        "services:\n  a: {publishes: [PaymentRequested]}\n  b: {consumes: [PaymentRequested]}\n"
        "  c: {consumes: [PaymentRequested]}\n"
    )
    assert check(text) == []


def test_fact_named_event_is_fine():
    assert check("services:\n  a: {publishes: [PaymentCompleted]}\n  b: {consumes: [PaymentCompleted]}\n") == []



def test_a_declared_kind_is_taken_at_its_word():
    text = "version: 2\nservices:\n  a: {publishes: [PaymentRequested]}\n  b: {consumes: [PaymentRequested]}\n"
    assert len(only("command-as-event", text)) == 1
    assert only("command-as-event", text + "events: {PaymentRequested: {kind: event}}\n") == []
