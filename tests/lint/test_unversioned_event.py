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
    assert len(check("services:\n  a: {consumes: [E]}\n  b: {consumes: [E]}\nevents:\n  E: {}\n")) == 1


def test_versioned_or_team_internal_is_fine():
    same_team = "services:\n  a: {owner: t, publishes: [E]}\n  b: {owner: t, consumes: [E]}\nevents:\n  E: {}\n"
    assert check(same_team) == []
    assert (
        check(same_team.replace("owner: t, consumes", "owner: u, consumes").replace("E: {}", "E: {version: 1}")) == []
    )
