from __future__ import annotations

from advisor.lint.config import LintConfig
from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str, **kwargs: object) -> list[Finding]:
    return only("god-orchestrator", text, **kwargs)


def many(count: int) -> str:
    names = [f"s{i}" for i in range(count)]
    services = "".join(f"  {n}: {{}}\n" for n in names)
    return f"services:\n  o:\n    role: orchestrator\n    calls: [{', '.join(names)}]\n{services}"


def test_more_than_seven_participants():
    findings = check(many(8))
    assert where(findings) == [(2, 3)]
    assert "drives 8 services" in findings[0].message


def test_seven_is_fine_and_the_limit_is_configurable():
    assert check(many(7)) == []
    assert len(check(many(7), config=LintConfig(options={"god-orchestrator": {"max-participants": 6}}))) == 1


def test_crud_only_steps():
    findings = check("""
        services: {o: {role: orchestrator}, a: {}, b: {}, c: {}}
        flows:
          f:
            style: orchestration
            orchestrator: o
            steps:
              - {service: a, action: getCustomer}
              - {service: b, action: updateStock}
              - {service: c, action: save_order}
        """)
    assert len(findings) == 1 and "CRUD steps only" in findings[0].message


def test_business_actions_are_fine():
    assert (
        check("""
        services: {o: {role: orchestrator}, a: {}, b: {}, c: {}}
        flows:
          f:
            style: orchestration
            orchestrator: o
            steps:
              - {service: a, action: reserve}
              - {service: b, action: charge}
              - {service: c, action: ship}
        """)
        == []
    )


def test_the_hint_names_the_configured_limit():

    text = "services:\n  o: {role: orchestrator, calls: [a, b, c]}\n  a: {}\n  b: {}\n  c: {}\n"
    config = LintConfig(options={"god-orchestrator": {"max-participants": 2}})
    [finding] = only("god-orchestrator", text, config=config)
    assert "more than 2" in finding.message and "`max-participants` is 2" in finding.hint
