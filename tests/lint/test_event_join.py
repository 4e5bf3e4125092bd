from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("event-join", text)


def test_diamond_join():
    findings = check("""
        services:
          orders: {publishes: [OrderPlaced]}
          payments: {consumes: [OrderPlaced], publishes: [Paid]}
          stock: {consumes: [OrderPlaced], publishes: [Reserved]}
          shipping: {consumes: [Paid, Reserved]}
        """)
    assert where(findings) == [(5, 14)]
    assert "may join 'Paid' and 'Reserved', which both follow from 'OrderPlaced' if payments and stock" in (
        findings[0].message
    )
    assert findings[0].severity == "info" and "Declare `reacts` on payments and stock" in findings[0].hint


def test_direct_and_indirect_branch_is_a_join():
    assert (
        len(
            check("""
        services:
          a: {publishes: [X]}
          b: {consumes: [X], publishes: [Y]}
          c: {consumes: [X, Y]}
        """)
        )
        == 1
    )


def test_unrelated_events_are_not_a_join():
    assert (
        check("""
        services:
          a: {publishes: [X]}
          b: {publishes: [Y]}
          c: {consumes: [X, Y]}
        """)
        == []
    )


DECLARED = """
    version: 2
    services:
      orders: {publishes: [OrderPlaced]}
      payments: {consumes: [OrderPlaced], publishes: [Paid], reacts: {OrderPlaced: {publishes: [Paid]}}}
      stock: {consumes: [OrderPlaced], publishes: [Reserved], reacts: {OrderPlaced: {publishes: [Reserved]}}}
      shipping: {consumes: [Paid, Reserved]}
    """


def test_declared_branches_make_a_join():
    [finding] = check(DECLARED)
    assert "service 'shipping' joins 'Paid' and 'Reserved', which both follow from 'OrderPlaced'" in finding.message
    assert finding.hint.startswith("Let one service")


def test_a_reaction_that_does_not_publish_the_branch_is_no_join():
    assert check(DECLARED.replace("reacts: {OrderPlaced: {publishes: [Reserved]}}", "reacts: {OrderPlaced: {}}")) == []


def test_alternative_outcomes_of_one_reaction_are_not_a_join():
    # StockConfirmed / StockRejected: one service's answers to one event, never both
    assert (
        check("""
        version: 2
        services:
          orders: {publishes: [OrderCreated], consumes: [StockConfirmed, StockRejected]}
          stock:
            consumes: [OrderCreated]
            publishes: [StockConfirmed, StockRejected]
            reacts: {OrderCreated: {publishes: [StockConfirmed, StockRejected]}}
        """)
        == []
    )


def test_alternatives_in_version_1_are_not_guessed_into_a_join():
    assert (
        check("""
        services:
          orders: {publishes: [OrderCreated], consumes: [StockConfirmed, StockRejected]}
          stock: {consumes: [OrderCreated], publishes: [StockConfirmed, StockRejected]}
        """)
        == []
    )


def test_what_the_service_itself_publishes_is_not_a_branch_it_waits_for():
    text = """
        version: 2
        services:
          a: {publishes: [X]}
          b: {consumes: [X, Y], publishes: [Y], reacts: {X: {publishes: [Y]}, Y: {}}}
        """
    assert check(text) == []
