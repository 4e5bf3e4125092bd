from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("unversioned-event", text)


def test_event_consumed_by_another_team():
    findings = check("""
        services:
          a: {owner: red, publishes: [E]}
          b: {owner: blue, consumes: [E]}
        events:
          E: {}
        """)
    assert where(findings) == [(5, 3)]
    assert "'b' of another team" in findings[0].message


def test_two_consumers_share_it():
    text = "services:\n  p: {publishes: [E]}\n  a: {consumes: [E]}\n  b: {consumes: [E]}\nevents:\n  E: {}\n"
    assert len(check(text)) == 1


def test_an_event_nobody_publishes_is_left_to_event_without_producer():
    text = "services:\n  a: {consumes: [E]}\n  b: {consumes: [E]}\nevents:\n  E: {}\n"
    assert check(text) == [] and len(only("event-without-producer", text)) == 1


def test_versioned_or_team_internal_is_fine():
    same_team = "services:\n  a: {owner: t, publishes: [E]}\n  b: {owner: t, consumes: [E]}\nevents:\n  E: {}\n"
    assert check(same_team) == []
    assert (
        check(same_team.replace("owner: t, consumes", "owner: u, consumes").replace("E: {}", "E: {version: 1}")) == []
    )


def test_another_team_is_never_invented_when_an_owner_is_missing():
    text = "services:\n  a: {publishes: [E]}\n  b: {consumes: [E], owner: blue}\nevents: {E: {}}\n"
    assert only("unversioned-event", text) == []
    text = "services:\n  a: {publishes: [E], owner: red}\n  b: {consumes: [E]}\nevents: {E: {}}\n"
    assert only("unversioned-event", text) == []


def test_the_same_team_on_both_sides_is_not_another_team():
    text = "services:\n  a: {publishes: [E], owner: red}\n  b: {consumes: [E], owner: red}\nevents: {E: {}}\n"
    assert only("unversioned-event", text) == []
