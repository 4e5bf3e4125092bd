from __future__ import annotations

from advisor.lint.config import LintConfig
from advisor.lint.finding import Finding
from tests.lint.support import only


def check(text: str, **kwargs: object) -> list[Finding]:
    return only("long-event-chain", text, **kwargs)


def chain(hops: int, trigger: bool = False) -> str:
    services = "".join(
        f"  s{i}: {{publishes: [E{i}]" + (f", consumes: [E{i - 1}]" if i else "") + "}\n" for i in range(hops + 1)
    )
    flows = "flows:\n  f: {trigger: E0}\n" if trigger else ""
    return f"services:\n{services}{flows}"


def test_four_hops_exceed_the_default_of_three():
    [finding] = check(chain(4))
    assert "over 4 hops (more than 3)" in finding.message
    assert "s0 -> E0 -> s1" in finding.message
    assert (finding.line, finding.column) == (2, 20)


def test_three_hops_are_fine():
    assert check(chain(3)) == []


def test_max_hops_is_configurable():
    config = LintConfig(options={"long-event-chain": {"max-hops": 5}})
    assert check(chain(5), config=config) == []
    assert len(check(chain(6), config=config)) == 1


def test_a_flow_owning_the_chain_silences_it():
    assert check(chain(6, trigger=True)) == []


def test_long_chains_are_shortened_in_the_message():
    [finding] = check(chain(40))
    assert "more) ..." in finding.message and len(finding.message) < 400


def test_every_hop_is_a_related_location():
    [finding] = check(chain(4))
    assert [r.message for r in finding.related[:3]] == ["s0 publishes E0", "s1 consumes E0", "s1 publishes E1"]
    assert [(r.line, r.column) for r in finding.related[:2]] == [(2, 20), (3, 36)]


def declared_chain(hops: int) -> str:
    services = "".join(
        f"  s{i}: {{publishes: [E{i}]"
        + (f", consumes: [E{i - 1}], reacts: {{E{i - 1}: {{publishes: [E{i}]}}}}" if i else "")
        + "}\n"
        for i in range(hops + 1)
    )
    return f"version: 2\nservices:\n{services}"


def test_a_chain_through_undeclared_reactions_is_info_naming_them():
    [finding] = check(chain(4))
    assert finding.severity == "info" and finding.message.startswith("events may chain over 4 hops")
    assert "if s1, s2, s3 publish what follows from what they consume" in finding.message
    assert finding.hint.startswith("Declare `reacts` on s1, s2, s3")


def test_a_declared_chain_is_a_warning_whose_hint_names_the_threshold():
    [finding] = check(declared_chain(4))
    assert finding.severity == "warning" and finding.message.startswith("events chain over 4 hops (more than 3)")
    assert "`max-hops` (now 3)" in finding.hint
    config = LintConfig(options={"long-event-chain": {"max-hops": 2}})
    [tuned] = check(declared_chain(4), config=config)
    assert "`max-hops` (now 2)" in tuned.hint


def test_a_hub_counts_only_its_real_hops():
    # the hub handles two unrelated conversations: A0 -> A1 and B0 -> B1
    text = """
    version: 2
    services:
      p: {publishes: [P0]}
      a: {consumes: [P0], publishes: [A0], reacts: {P0: {publishes: [A0]}}}
      hub:
        consumes: [A0, B0]
        publishes: [A1, B1]
        reacts: {A0: {publishes: [A1]}, B0: {publishes: [B1]}}
      b: {consumes: [A1], reacts: {A1: {}}}
      x: {publishes: [B0]}
      c: {consumes: [B1], publishes: [C1], reacts: {B1: {publishes: [C1]}}}
      e: {consumes: [C1], reacts: {C1: {}}}
    """
    assert check(text) == []  # 4 hops only if A0 caused B1, which the file says it does not
    merged = text.replace("A0: {publishes: [A1]}", "A0: {publishes: [A1, B1]}")
    [finding] = check(merged)
    assert "over 4 hops" in finding.message and "p -> P0 -> a -> A0 -> hub -> B1 -> c -> C1 -> e" in finding.message
    v1 = """
    services:
      p: {publishes: [P0]}
      a: {consumes: [P0], publishes: [A0]}
      hub: {consumes: [A0, B0], publishes: [A1, B1]}
      b: {consumes: [A1]}
      x: {publishes: [B0]}
      c: {consumes: [B1], publishes: [C1]}
      e: {consumes: [C1]}
    """
    [guess] = check(v1)
    assert guess.severity == "info" and "if a, hub, c publish what follows" in guess.message


def test_commands_and_replies_sequenced_by_a_declared_orchestrator_are_owned():
    # an orchestrator talking to its participants over messaging (Eventuate Tram style)
    text = """
    version: 2
    services:
      order:
        role: orchestrator
        publishes: [CreateTicket, Authorize, ApproveTicket]
        consumes: [TicketCreated, Authorized]
        reacts: {TicketCreated: {publishes: [Authorize]}, Authorized: {publishes: [ApproveTicket]}}
      kitchen:
        consumes: [CreateTicket, ApproveTicket]
        publishes: [TicketCreated]
        reacts: {CreateTicket: {publishes: [TicketCreated]}, ApproveTicket: {}}
      accounting: {consumes: [Authorize], publishes: [Authorized], reacts: {Authorize: {publishes: [Authorized]}}}
    """
    assert check(text) == []
    assert len(check(text.replace("        role: orchestrator\n", ""))) == 1
