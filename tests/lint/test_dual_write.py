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



def test_a_service_without_a_datastore_has_one_write_only():
    text = "version: 2\nservices:\n  gw: {publishes: [E], datastore: false}\nevents: {E: {}}\n"
    assert only("dual-write", text) == []
    assert len(only("dual-write", text.replace("datastore: false", "datastore: true"))) == 1
