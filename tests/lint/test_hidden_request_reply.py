from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("hidden-request-reply", text)


CONVERSATION = """
version: 2
services:
  orders:
    publishes: [AuthorizeCard]
    consumes: [CardAuthorized]
    reacts: {CardAuthorized: {}}
  accounting:
    consumes: [AuthorizeCard]
    publishes: [CardAuthorized]
    reacts: {AuthorizeCard: {publishes: [CardAuthorized]}}
events:
  AuthorizeCard: {kind: command}
  CardAuthorized: {kind: reply}
"""


def test_a_command_answered_by_its_one_consumer():
    findings = check(CONVERSATION)
    assert where(findings) == [(12, 3)]
    assert findings[0].message.startswith(
        "'orders' sends command 'AuthorizeCard' to 'accounting' and consumes its reply 'CardAuthorized'"
    )


def test_a_declared_orchestrator_sending_commands_is_orchestration_not_hidden():
    assert check(CONVERSATION.replace("  orders:\n", "  orders:\n    role: orchestrator\n")) == []


def test_no_reply_in_the_reaction_means_no_conversation():
    assert check(CONVERSATION.replace("reacts: {AuthorizeCard: {publishes: [CardAuthorized]}}", "reacts: {}")) == []


def test_an_undeclared_reaction_is_not_guessed():
    assert check(CONVERSATION.replace("    reacts: {AuthorizeCard: {publishes: [CardAuthorized]}}\n", "")) == []


def test_events_not_declared_as_commands_are_left_alone():
    assert check(CONVERSATION.replace("{kind: command}", "{kind: event}")) == []


def test_a_command_with_two_consumers_is_not_request_reply():
    text = CONVERSATION.replace("events:", "  audit: {consumes: [AuthorizeCard], reacts: {}}\nevents:")
    assert check(text) == []
