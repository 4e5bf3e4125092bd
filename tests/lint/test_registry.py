"""Every rule keeps the contract, is documented, and has its own test module."""

from __future__ import annotations

from pathlib import Path

from advisor.lint import lint_rule_docs
from advisor.lint.finding import SEVERITIES
from advisor.lint.rules import REGISTRY

SPEC_RULES = {
    "syntax",
    "schema",
    "unknown-reference",
    "event-without-producer",
    "event-without-consumer",
    "event-cycle",
    "hidden-orchestrator",
    "orchestrator-spof",
    "missing-compensation",
    "decision-mismatch",
    "adr-missing",
    "adr-mismatch",
}
PITFALL_RULES = {
    "command-as-event",
    "long-event-chain",
    "event-join",
    "god-orchestrator",
    "missing-timeout",
    "no-idempotency",
    "dual-write",
    "unversioned-event",
    "unkeyed-ordering",
}


def test_spec_and_pitfall_rules_are_registered():
    assert set(REGISTRY) >= SPEC_RULES | PITFALL_RULES


def test_spec_default_severities():
    errors = {"syntax", "schema", "unknown-reference", "event-without-producer", "adr-missing", "adr-mismatch"}
    for rule_id in SPEC_RULES:
        assert ("error" if rule_id in errors else "warning") == REGISTRY[rule_id].SEVERITY, rule_id


def test_docs_are_complete_for_advisor_rules():
    docs = lint_rule_docs()
    assert [d["id"] for d in docs] == list(REGISTRY)
    for doc in docs:
        assert doc["severity"] in SEVERITIES
        assert len(doc["explanation"]) > 120 and doc["source"] and doc["fix"] and doc["summary"]
        assert all(isinstance(v, int) for v in doc["options"].values())


def test_each_rule_has_a_test_module():
    here = Path(__file__).parent
    missing = [r for r in REGISTRY if not (here / f"test_{r.replace('-', '_')}.py").exists()]
    assert missing == []


def test_every_rule_source_resolves_to_a_cited_source():
    from advisor.decision.catalogue import load_catalogue
    from advisor.lint import source_keys

    known = load_catalogue().sources
    for rule_id, rule in REGISTRY.items():
        keys = source_keys(rule.SOURCE)
        assert keys, rule_id
        assert [k for k in keys if k not in known] == [], rule_id


def test_source_keys_reads_each_part():
    from advisor.lint import source_keys

    assert source_keys("AZ-CH (Azure Choreography pattern); BR-MIX (Ruecker: a, b)") == ["AZ-CH", "BR-MIX"]
    assert source_keys("SEED; T&S (sensitivity)") == ["SEED", "T&S"]


def test_rules_overview_lists_the_version_2_rules():
    from click.testing import CliRunner

    from advisor.cli import cli

    out = CliRunner().invoke(cli, ["rules"]).output
    for rule_id in (
        "non-retriable-after-pivot",
        "contradictory-step-kind",
        "missing-deadline",
        "no-dead-letter",
        "hidden-request-reply",
    ):
        assert rule_id in out
