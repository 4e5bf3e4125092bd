"""Precision on real systems: lint's findings on models of public systems, each labelled
true or false against the system's source (expected.yaml), and the README's table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from advisor.lint import lint_file

HERE = Path(__file__).parent
LABELS: dict[str, list[dict[str, str]]] = yaml.safe_load((HERE / "expected.yaml").read_text(encoding="utf-8"))
README = HERE.parents[2] / "README.md"


def findings(system: str) -> set[tuple[str, str]]:
    return {(f.rule, f.subject) for f in lint_file(HERE / f"{system}.yaml")}


def labelled(system: str) -> dict[tuple[str, str], bool]:
    return {(item["rule"], item["subject"]): item["verdict"] is True for item in LABELS[system]}


def test_every_model_has_labels_and_the_labels_are_complete():
    assert sorted(p.stem for p in HERE.glob("*.yaml") if p.name != "expected.yaml") == sorted(LABELS)
    assert len(LABELS) >= 3
    for system, items in LABELS.items():
        for item in items:
            assert set(item) == {"rule", "subject", "verdict", "why"}, system
            assert isinstance(item["verdict"], bool) and len(item["why"]) > 40, item


@pytest.mark.parametrize("system", sorted(LABELS))
def test_no_new_false_alarm_and_no_lost_true_finding(system: str):
    found, labels = findings(system), labelled(system)
    unlabelled = sorted(found - set(labels))
    lost = sorted(key for key, true in labels.items() if true and key not in found)
    fixed = sorted(key for key, true in labels.items() if not true and key not in found)
    assert unlabelled == [], f"new findings on {system}: label them true or false in expected.yaml"
    assert lost == [], f"true findings on {system} no longer reported"
    assert fixed == [], f"false alarms on {system} no longer reported: drop them from expected.yaml"


@pytest.mark.parametrize("system", sorted(LABELS))
def test_every_model_is_valid_version_2(system: str):
    text = (HERE / f"{system}.yaml").read_text(encoding="utf-8")
    assert "\nversion: 2\n" in text
    assert not {rule for rule, _ in findings(system)} & {"syntax", "schema", "unknown-reference"}


def precision_row(name: str, verdicts: list[bool]) -> str:
    true = sum(verdicts)
    return f"| {name} | {len(verdicts)} | {true} | {len(verdicts) - true} | {100 * true / len(verdicts):.0f}% |"


def test_the_readme_reports_the_measured_precision():
    text = README.read_text(encoding="utf-8")
    every: list[bool] = []
    for system in LABELS:
        verdicts = list(labelled(system).values())
        every += verdicts
        assert precision_row(system, verdicts) in text, precision_row(system, verdicts)
    assert precision_row("all", every) in text, precision_row("all", every)
