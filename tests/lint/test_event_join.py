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
    assert "joins 'Paid' and 'Reserved', which both follow from 'OrderPlaced'" in findings[0].message


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
