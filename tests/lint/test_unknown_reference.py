from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("unknown-reference", text)


def test_call_to_undeclared_service_points_at_the_item():
    findings = check("""
        services:
          checkout:
            calls: [payments, paymnts]
          payments: {}
        """)
    assert where(findings) == [(3, 23)]
    assert "did you mean 'payments'" in findings[0].message


def test_publish_and_consume_need_declared_events():
    findings = check("""
        services:
          a:
            publishes: [Known, Missing]
            consumes: [Other]
        events:
          Known: {}
        """)
    assert where(findings) == [(3, 24), (4, 16)]
    assert all("event" in f.message for f in findings)


def test_flow_orchestrator_step_and_trigger():
    findings = check("""
        services:
          a: {}
        flows:
          f:
            style: orchestration
            orchestrator: nobody
            trigger: NoEvent
            steps:
              - {service: a, action: x}
              - {service: ghost, action: y}
        """)
    assert where(findings) == [(6, 19), (7, 14), (10, 19)]


def test_all_declared_is_clean():
    assert (
        check("""
        services:
          a: {calls: [b], publishes: [E]}
          b: {consumes: [E]}
        events:
          E: {}
        """)
        == []
    )


def test_thousands_of_broken_references_stay_fast():
    import time

    services = "".join(f"  s{i}: {{calls: [ghost{i}, s{(i + 1) % 3000}]}}\n" for i in range(3000))
    start = time.perf_counter()
    findings = check(f"services:\n{services}")
    assert len(findings) == 3000 and time.perf_counter() - start < 15



REACTS = """
version: 2
services:
  a:
    consumes: [E]
    publishes: [F]
    calls: [b]
    reacts:
      E: {publishes: [F], calls: [b]}
  b: {}
events: {E: {}, F: {}}
"""


def test_reactions_within_the_service_s_own_lists_are_fine():
    assert only("unknown-reference", REACTS) == []


def test_a_reaction_to_an_event_the_service_does_not_consume():
    findings = only("unknown-reference", REACTS.replace("      E: {", "      G: {"))
    assert [f.message for f in findings] == ["service 'a' reacts to 'G' but does not consume it; add it to `consumes`"]
    assert where(findings) == [(8, 7)]


def test_a_reaction_publishing_or_calling_outside_the_service_s_lists():
    text = REACTS.replace("{publishes: [F], calls: [b]}", "{publishes: [Z], calls: [c]}")
    messages = [f.message for f in only("unknown-reference", text)]
    assert messages == [
        "service 'a''s reaction to 'E' publishes 'Z', which is not in its own `publishes`",
        "service 'a''s reaction to 'E' calls 'c', which is not in its own `calls`",
    ]
