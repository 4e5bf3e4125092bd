from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("no-dead-letter", text)


BASE = """
version: 2
services:
  orders: {publishes: [OrderPlaced]}
  shipping:
    consumes: [OrderPlaced]
    consumer: {retries: 3, dead_letter: true}
events: {OrderPlaced: {}}
"""


def test_a_dead_letter_queue_satisfies_it():
    assert check(BASE) == []


def test_declared_without_a_dead_letter_is_a_warning():
    findings = check(BASE.replace("dead_letter: true", "dead_letter: false"))
    assert where(findings) == [(6, 5)] and findings[0].severity == "warning"
    assert findings[0].message == (
        "service 'shipping' declares dead_letter: false: after 3 retries a message its handler keeps "
        "failing on is dropped, with no copy kept to inspect or replay"
    )


def test_no_retries_and_no_dead_letter_drops_on_the_first_failure():
    [finding] = check(BASE.replace("retries: 3, dead_letter: true", "retries: 0, dead_letter: false"))
    assert "a message its handler fails on once is dropped" in finding.message


def test_the_hint_asks_only_for_what_is_missing():
    [bounded] = check(BASE.replace("dead_letter: true", "dead_letter: false"))
    assert bounded.hint.startswith("Send a message that still fails after its retries to a dead-letter queue")
    [unbounded] = check(BASE.replace("{retries: 3, dead_letter: true}", "{dead_letter: false}"))
    assert unbounded.hint.startswith("Give the consumer bounded retries and a dead-letter queue")


def test_without_a_retry_limit_either_fate_is_named():
    [finding] = check(BASE.replace("{retries: 3, dead_letter: true}", "{dead_letter: false}"))
    assert "with no retry limit declared" in finding.message
    assert "redelivered without end" in finding.message and "where the broker gives up, dropped" in finding.message


def test_a_policy_that_does_not_mention_the_dead_letter():
    [finding] = check(BASE.replace("{retries: 3, dead_letter: true}", "{retries: 3}"))
    assert "declares no dead_letter" in finding.message and finding.severity == "warning"


def test_undeclared_policy_in_version_2_is_info_naming_the_fact():
    [finding] = check(BASE.replace("    consumer: {retries: 3, dead_letter: true}\n", ""))
    assert finding.severity == "info" and "(`consumer`)" in finding.message


def test_version_1_files_cannot_say_it_so_nothing_is_reported():
    text = BASE.replace("version: 2", "version: 1").replace("    consumer: {retries: 3, dead_letter: true}\n", "")
    assert check(text) == []


def test_services_that_consume_nothing_need_no_policy():
    assert check("version: 2\nservices:\n  a: {publishes: [E]}\nevents: {E: {}}\n") == []
