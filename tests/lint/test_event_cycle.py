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


def test_a_cycle_through_undeclared_reactions_is_info_naming_what_to_declare():
    [finding] = check(LOOP)
    assert finding.severity == "info"
    assert finding.message.startswith("events may form a cycle, if orders, payments, shipping publish")
    assert finding.hint.startswith("Declare `reacts` on orders, payments, shipping to say which consumed event")


DECLARED = """
version: 2
services:
  orders: {publishes: [OrderPlaced], consumes: [Shipped], reacts: {Shipped: {publishes: [OrderPlaced]}}}
  payments: {publishes: [Paid], consumes: [OrderPlaced], reacts: {OrderPlaced: {publishes: [Paid]}}}
  shipping: {publishes: [Shipped], consumes: [Paid], reacts: {Paid: {publishes: [Shipped]}}}
events: {OrderPlaced: {}, Paid: {}, Shipped: {}}
"""


def test_a_declared_cycle_is_a_warning_pointing_at_the_reactions():
    [finding] = check(DECLARED)
    assert finding.severity == "warning" and finding.hint.startswith("Break the loop")
    assert finding.message == (
        "events form a cycle: orders -> OrderPlaced -> payments -> Paid -> shipping -> Shipped -> orders"
    )
    assert (finding.line, finding.column) == (3, 90)


def test_a_reaction_that_does_not_publish_breaks_the_cycle():
    assert check(DECLARED.replace("reacts: {Paid: {publishes: [Shipped]}}", "reacts: {Paid: {}}")) == []


def test_an_event_published_on_its_own_is_not_a_cause():
    # shipping publishes Shipped, but not because of Paid (say, from a warehouse callback)
    text = DECLARED.replace("consumes: [Paid], reacts: {Paid: {publishes: [Shipped]}}", "consumes: [Paid], reacts: {}")
    assert check(text) == []


def test_a_hub_with_separate_reactions_makes_separate_loops():
    text = """
    version: 2
    services:
      hub:
        consumes: [A1, B1]
        publishes: [A0, B0]
        reacts: {A1: {publishes: [A0]}, B1: {publishes: [B0]}}
      a: {consumes: [A0], publishes: [A1], reacts: {A0: {publishes: [A1]}}}
      b: {consumes: [B0], publishes: [B1], reacts: {B0: {publishes: [B1]}}}
    """
    assert sorted(f.message for f in check(text)) == [
        "events form a cycle: hub -> A0 -> a -> A1 -> hub",
        "events form a cycle: hub -> B0 -> b -> B1 -> hub",
    ]


def test_the_message_names_every_loop_it_counts():
    text = """
    version: 2
    services:
      hub:
        consumes: [A1, B1]
        publishes: [A0, B0]
        reacts: {A1: {publishes: [A0, B0]}, B1: {publishes: [B0, A0]}}
      a: {consumes: [A0], publishes: [A1], reacts: {A0: {publishes: [A1]}}}
      b: {consumes: [B0], publishes: [B1], reacts: {B0: {publishes: [B1]}}}
      c: {consumes: [A0], publishes: [C1], reacts: {A0: {publishes: [C1]}}}
      d: {consumes: [C1], publishes: [A1], reacts: {C1: {publishes: [A1]}}}
    """
    [finding] = check(text)
    assert finding.message == (
        "events form 3 cycles: hub -> A0 -> a -> A1 -> hub; hub -> B0 -> b -> B1 -> hub; "
        "c -> C1 -> d -> A1 -> hub -> A0 -> c"
    )
    assert len(finding.related) == len({r.line * 1000 + r.column for r in finding.related}) == 12
