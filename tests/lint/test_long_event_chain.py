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
