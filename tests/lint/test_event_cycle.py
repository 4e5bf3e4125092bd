from __future__ import annotations

import time

from advisor.lint.finding import Finding
from tests.lint.support import lint, only


def check(text: str) -> list[Finding]:
    return only("event-cycle", text)


LOOP = """
services:
  orders: {publishes: [OrderPlaced], consumes: [Shipped]}
  payments: {publishes: [Paid], consumes: [OrderPlaced]}
  shipping: {publishes: [Shipped], consumes: [Paid]}
events: {OrderPlaced: {}, Paid: {}, Shipped: {}}
"""


def test_cycle_names_every_hop_and_locates_each():
    [finding] = check(LOOP)
    assert finding.message.endswith("orders -> OrderPlaced -> payments -> Paid -> shipping -> Shipped -> orders")
    assert (finding.line, finding.column) == (2, 24)
    assert [(r.line, r.message) for r in finding.related] == [
        (2, "orders publishes OrderPlaced"),
        (3, "payments consumes OrderPlaced"),
        (3, "payments publishes Paid"),
        (4, "shipping consumes Paid"),
        (4, "shipping publishes Shipped"),
        (2, "orders consumes Shipped"),
    ]


def test_service_consuming_its_own_event():
    [finding] = check("services:\n  a: {publishes: [E], consumes: [E]}\nevents: {E: {}}\n")
    assert "a -> E -> a" in finding.message


def test_fingerprint_survives_reformatting():
    [first] = check(LOOP)
    [second] = check("# moved\n\n" + LOOP.replace("{", "{ ").replace("}", " }"))
    assert first.line != second.line and first.fingerprint == second.fingerprint


def test_chain_without_loop_is_clean():
    assert check(LOOP.replace("consumes: [Shipped]", "consumes: []")) == []


def test_four_thousand_service_cycle_is_linear_and_needs_no_recursion():
    n = 4000
    services = "".join(f"  s{i}: {{publishes: [E{i}], consumes: [E{(i - 1) % n}]}}\n" for i in range(n))
    events = "".join(f"  E{i}: {{}}\n" for i in range(n))
    start = time.perf_counter()
    findings = lint(f"services:\n{services}events:\n{events}")
    assert time.perf_counter() - start < 20
    [cycle] = [f for f in findings if f.rule == "event-cycle"]
    assert len(cycle.related) == 2 * n
