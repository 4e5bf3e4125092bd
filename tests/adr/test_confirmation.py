"""The Confirmation lists lint's rules in lint's own words, and what lint reports on the file as decided."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from advisor.adr import plan_decision_record
from advisor.adr.confirmation import STYLE_RULES, style_checks
from advisor.decision.scoring import score_traits
from advisor.format.model import Decision, load_architecture
from advisor.lint.rules import REGISTRY

TRIP = Path(__file__).parent / "fixtures" / "models" / "trip-booking.yaml"


def record(tmp_path: Path, text: str, style: str = "orchestration", *, with_document: bool = True) -> str:
    """The Confirmation section of the record `decide` would write for this file."""
    path = tmp_path / "architecture.yaml"
    path.write_text(text, encoding="utf-8")
    loaded = load_architecture(path)
    rec = score_traits(loaded.model.traits)
    model = replace(loaded.model, decision=Decision(style, loaded.model.decision.target))  # as decide does
    planned = plan_decision_record(
        model=model,
        recommendation=rec,
        style=style,
        title="Coordinate trips",
        adr_dir=tmp_path / "docs" / "decisions",
        override_reason="" if style == rec.recommendation else "the teams asked for it",
        date="2024-05-31",
        document=loaded.document if with_document else None,
    )
    content = planned.content
    return content[content.index("### Confirmation") : content.index("## Pros and Cons")]


def self_run_text() -> str:
    """The trip model with its engine run by the team, on one replica."""
    text = TRIP.read_text(encoding="utf-8")
    return text.replace("managed: true", "replicas: 1").replace("step-functions", "temporal")


def listed(section: str) -> dict[str, str]:
    """rule id -> the text after it, for each `* `rule`: text` item."""
    return dict(re.findall(r"^\* `([a-z-]+)`: (.*)$", section, re.MULTILINE))


@pytest.mark.parametrize("style", ["orchestration", "choreography", "hybrid"])
def test_every_rule_is_named_and_described_as_lint_describes_it(tmp_path: Path, style: str) -> None:
    section = record(tmp_path, TRIP.read_text(encoding="utf-8"), style)
    named = set(re.findall(r"`([a-z]+(?:-[a-z]+)+|syntax|schema)`", section))
    assert set(REGISTRY) <= named, set(REGISTRY) - named  # a rule that can fail the build is never left out
    items = listed(section)
    for rule in style_checks(style, load_architecture(TRIP).model):
        assert items[rule.rule] == REGISTRY[rule.rule].SUMMARY
    assert "an orchestrated step other than the last has no compensation" not in section  # the old wording


def test_each_style_lists_its_own_rules(tmp_path: Path) -> None:
    text = TRIP.read_text(encoding="utf-8")
    orchestration = listed(record(tmp_path, text, "orchestration"))
    assert set(STYLE_RULES["orchestration"]) <= set(orchestration)
    assert not set(STYLE_RULES["choreography"]) & set(orchestration)
    choreography = listed(record(tmp_path, text, "choreography"))
    assert set(STYLE_RULES["choreography"]) <= set(choreography)
    # the trip flow declares its pivot: the saga rules check choreographed sagas too
    assert {"missing-compensation", "non-retriable-after-pivot"} <= set(choreography)
    assert "orchestrator-spof" not in choreography
    without_pivot = text.replace(", kind: pivot", "")
    assert "missing-compensation" not in listed(record(tmp_path, without_pivot, "choreography"))
    hybrid = listed(record(tmp_path, text, "hybrid"))
    assert set(STYLE_RULES["orchestration"]) | set(STYLE_RULES["choreography"]) <= set(hybrid)


def test_what_lint_reports_on_the_file_as_decided_is_listed(tmp_path: Path) -> None:
    clean = record(tmp_path, TRIP.read_text(encoding="utf-8"))
    assert "lint reports nothing at warning level or above today." in clean
    self_run = self_run_text().replace("    consumer: {retries: 5, dead_letter: true}\n", "")
    section = record(tmp_path, self_run)
    assert "On `architecture.yaml` as decided, lint reports today:" in section
    assert (
        "* warning `orchestrator-spof`: orchestrator 'booking-saga' has 1 replica, fewer than 2: "
        "a single point of failure"
    ) in section
    # no-dead-letter's info, after the list (a paragraph of its own)
    assert "a single point of failure\n\nIt also notes 1 thing at info level; notes fail no build" in section
    assert "`no-dead-letter`: service" not in section


def test_rules_about_the_record_itself_are_not_reported_as_findings(tmp_path: Path) -> None:
    # the answers recommend orchestration; choosing choreography is an override decision-mismatch reports
    section = record(tmp_path, TRIP.read_text(encoding="utf-8"), "choreography")
    assert "recommend Orchestration, not Choreography; as `decision.reason` says why" in section
    assert "warning `decision-mismatch`" not in section and "`adr-missing`: `decision.adr` names" in section


def test_the_files_lint_settings_apply(tmp_path: Path) -> None:
    self_run = self_run_text()
    (tmp_path / ".advisor.yaml").write_text("lint:\n  rules:\n    orchestrator-spof: off\n", encoding="utf-8")
    assert "lint reports nothing at warning level or above today." in record(tmp_path, self_run)
    (tmp_path / ".advisor.yaml").write_text("lint: [broken\n", encoding="utf-8")
    section = record(tmp_path, self_run)  # settings lint cannot read: nothing is claimed about findings
    assert "lint reports" not in section and "`orchestrator-spof`: a self-run" in section


def test_without_the_file_no_findings_are_claimed(tmp_path: Path) -> None:
    section = record(tmp_path, TRIP.read_text(encoding="utf-8"), with_document=False)
    assert "lint reports" not in section


def test_an_override_without_a_reason_is_said_to_be_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "architecture.yaml"
    path.write_text(TRIP.read_text(encoding="utf-8"), encoding="utf-8")
    loaded = load_architecture(path)
    planned = plan_decision_record(
        model=loaded.model,
        recommendation=score_traits(loaded.model.traits),
        style="choreography",
        title="Coordinate trips",
        adr_dir=tmp_path / "docs",
        date="2024-05-31",
    )
    assert "a warning from the start, until `decision.reason` says why" in planned.content
    assert "reports `decision-mismatch` as a\nwarning; say why in `decision.reason`" in planned.content
