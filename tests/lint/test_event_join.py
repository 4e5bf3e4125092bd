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


def test_events_in_sequence_are_not_a_join():
    # Y follows from X: whoever has Y knows X happened, so there is nothing to wait for
    assert (
        check("""
        services:
          a: {publishes: [X]}
          b: {consumes: [X], publishes: [Y]}
          c: {consumes: [X, Y]}
        """)
        == []
    )


def test_a_sequential_chain_with_declared_reactions_is_not_a_join():
    assert (
        check("""
        version: 2
        services:
          stock: {publishes: [StockReserved]}
          payments:
            consumes: [StockReserved]
            publishes: [PaymentAuthorized]
            reacts: {StockReserved: {publishes: [PaymentAuthorized]}}
          orders:
            consumes: [StockReserved, PaymentAuthorized]
            publishes: [OrderApproved]
            reacts: {StockReserved: {}, PaymentAuthorized: {publishes: [OrderApproved]}}
        """)
        == []
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


def test_declared_branches_into_a_service_that_does_not_say_what_it_does():
    [finding] = check(DECLARED)
    assert finding.message == (
        "service 'shipping' consumes 'Paid' and 'Reserved', which payments and stock publish in parallel "
        "in reaction to 'OrderPlaced': if it acts only once both have arrived, it must track which has"
    )
    assert finding.hint.startswith("Declare `reacts` on shipping")


def joined(reacts: str) -> list[Finding]:
    shipping = f"shipping: {{consumes: [Paid, Reserved], publishes: [Shipped], calls: [carrier], reacts: {reacts}}}"
    return check(DECLARED.replace("shipping: {consumes: [Paid, Reserved]}", shipping))


def test_reactions_to_both_branches_with_one_outcome_are_a_join():
    [finding] = joined("{Paid: {publishes: [Shipped]}, Reserved: {publishes: [Shipped]}}")
    assert finding.message == (
        "service 'shipping' joins 'Paid' and 'Reserved', which payments and stock publish in parallel in "
        "reaction to 'OrderPlaced', and its reactions to both publish 'Shipped': it must track which has arrived"
    )
    assert finding.hint.startswith("Let one service") and finding.severity == "info"
    [call] = joined("{Paid: {calls: [carrier]}, Reserved: {calls: [carrier]}}")
    assert "its reactions to both call 'carrier'" in call.message


def test_branches_handled_each_on_its_own_are_not_a_join():
    assert joined("{Paid: {publishes: [Shipped]}, Reserved: {}}") == []
    assert joined("{Paid: {publishes: [Shipped]}, Reserved: {calls: [carrier]}}") == []


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


def test_a_hub_consuming_many_parallel_events_is_not_compared_pair_by_pair():
    import time

    import yaml

    count = 3000
    lines = ["version: 2", "services:", "  origin: {publishes: [Start]}"]
    for i in range(count):
        lines.append(f"  p{i}: {{consumes: [Start], publishes: [E{i}], reacts: {{Start: {{publishes: [E{i}]}}}}}}")
    events = ", ".join(f"E{i}" for i in range(count))
    reacts = ", ".join(f"E{i}: {{publishes: [R{i}]}}" for i in range(count))
    outs = ", ".join(f"R{i}" for i in range(count))
    lines.append(f"  hub: {{consumes: [{events}], publishes: [{outs}], reacts: {{{reacts}}}}}")
    text = "\n".join(lines) + "\n"
    started = time.process_time()
    yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    parse = time.process_time() - started
    started = time.process_time()
    assert check(text) == []  # each event handled on its own: no join
    assert time.process_time() - started < 5 * parse  # all of lint, not only this rule (about 1.3x)
    shared = text.replace("E1: {publishes: [R1]}", "E1: {publishes: [R0]}")
    [finding] = check(shared)
    assert "joins 'E0' and 'E1'" in finding.message
