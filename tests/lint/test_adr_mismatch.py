from __future__ import annotations

from pathlib import Path

import pytest

from advisor.lint.finding import Finding
from tests.lint.support import only, where

pytest.importorskip("advisor.adr", reason="the ADR reader (advisor.adr) is not in this checkout yet")

ORCHESTRATION = "  compensation: high\n  sequencing: high\n  visibility: high\n  control: high\n"
CHOREOGRAPHY = "  team_autonomy: high\n  fan_out: high\n  throughput: high\n  coordinator_ha: false\n"


def check(text: str, base: Path) -> list[Finding]:
    return only("adr-mismatch", text, base_dir=base)


def madr(tmp: Path, status: str = "accepted", chosen: str = "orchestration", advisor: str = "") -> None:
    folder = tmp / "docs" / "decisions"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "0001-coordinate-checkout.md").write_text(
        f"---\nstatus: {status}\ndate: 2026-01-01\n{advisor}---\n\n# Coordinate checkout\n\n"
        f'## Decision Outcome\n\nChosen option: "{chosen.capitalize()}", because it fits.\n'
    )


def model(style: str = "orchestration", traits: str = ORCHESTRATION) -> str:
    return f"traits:\n{traits}decision:\n  style: {style}\n  adr: docs/decisions/0001-coordinate-checkout.md\n"


def test_record_in_agreement_is_clean(tmp_path: Path):
    madr(tmp_path)
    assert check(model(), tmp_path) == []


def test_chosen_option_differs_from_the_decision(tmp_path: Path):
    madr(tmp_path, chosen="choreography")
    findings = check(model(), tmp_path)
    assert where(findings) == [(8, 8)]
    assert "chose choreography but decision.style is orchestration" in findings[0].message


@pytest.mark.parametrize("status", ["rejected", "deprecated"])
def test_record_not_in_force(tmp_path: Path, status: str):
    madr(tmp_path, status=status)
    [finding] = check(model(), tmp_path)
    assert f"is {status}" in finding.message


def test_superseded_nygard_record_names_its_successor(tmp_path: Path):
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    (folder / "0001-coordinate-checkout.md").write_text(
        "# 1. Coordinate checkout\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n"
        "Superseded by [3. Use hybrid](0003-use-hybrid.md)\n\n## Context\n\nx\n\n"
        "## Decision\n\nWe will use orchestration.\n\n## Consequences\n\nx\n"
    )
    [finding] = check(model(), tmp_path)
    assert "superseded by ADR 0003" in finding.message


def test_recorded_answers_no_longer_recommend_the_choice(tmp_path: Path):
    answers = "".join(f"    {line.strip()}\n" for line in ORCHESTRATION.splitlines())
    madr(tmp_path, advisor=f"advisor:\n  style: orchestration\n  answers:\n{answers}")
    findings = check(model(traits=CHOREOGRAPHY), tmp_path)
    [stale] = [f for f in findings if "today they recommend" in f.message]
    assert "decided when the traits recommended orchestration, but today they recommend" in stale.message
    assert "team_autonomy: unanswered -> high" in stale.message


def test_an_override_goes_stale_only_when_the_recommendation_moves(tmp_path: Path):
    answers = "".join(f"    {line.strip()}\n" for line in ORCHESTRATION.splitlines())
    meta = f"advisor:\n  style: hybrid\n  recommended: orchestration\n  answers:\n{answers}"
    madr(tmp_path, advisor=meta)
    assert not [f for f in check(model(traits=ORCHESTRATION), tmp_path) if "today they recommend" in f.message]
    [stale] = [f for f in check(model(traits=CHOREOGRAPHY), tmp_path) if "today they recommend" in f.message]
    assert "recommended orchestration" in stale.message


def test_unreadable_record_is_a_finding(tmp_path: Path):
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    (folder / "0001-coordinate-checkout.md").write_text("---\nstatus: accepted\n\nno closing fence\n")
    [finding] = check(model(), tmp_path)
    assert "cannot be read" in finding.message


def test_proposed_record_is_only_a_reminder(tmp_path: Path):
    madr(tmp_path, status="proposed")
    [finding] = check(model(), tmp_path)
    assert finding.severity == "info" and "still proposed" in finding.message
    assert "status: accepted" in finding.hint and "supersede" not in finding.hint
    assert finding.hint == "Once the decision is agreed, set `status: accepted` in ADR 0001's front matter."


def test_the_hint_for_a_proposed_record_names_where_its_dialect_keeps_the_status(tmp_path: Path):
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    record = folder / "0001-coordinate-checkout.md"
    record.write_text(  # adr-tools / Nygard: no front matter, a `## Status` section
        "# 1. Coordinate checkout\n\nDate: 2026-01-01\n\n## Status\n\nProposed\n\n## Context\n\nx\n\n"
        "## Decision\n\nWe will use orchestration.\n\n## Consequences\n\nx\n"
    )
    [finding] = check(model(), tmp_path)
    assert finding.hint == (
        "Once the decision is agreed, write `Accepted` as the status in the `## Status` section of ADR 0001."
    )
    assert "front matter" not in finding.hint
    record.write_text(  # MADR 2 / log4brains: a `* Status:` list item under the title
        "# Coordinate checkout\n\n* Status: proposed\n* Date: 2026-01-01\n\n## Decision Outcome\n\n"
        'Chosen option: "Orchestration", because it fits.\n'
    )
    [finding] = check(model(), tmp_path)
    assert finding.hint == (
        "Once the decision is agreed, set the `Status:` list item under the title of ADR 0001 to `accepted`."
    )


NYGARD = "# 1. Coordinate checkout\n\nDate: 2026-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n"


def test_a_supersede_written_only_in_the_successor_still_counts(tmp_path: Path):
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    (folder / "0001-coordinate-checkout.md").write_text(NYGARD + "## Decision\n\nWe will use orchestration.\n")
    (folder / "0002-use-hybrid.md").write_text(
        "# 2. Use hybrid\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\n"
        "Supercedes [1. Coordinate checkout](0001-coordinate-checkout.md)\n\n## Decision\n\nWe will use hybrid.\n"
    )
    [finding] = check(model(), tmp_path)
    assert "ADR 0001 is superseded by ADR 0002" in finding.message


@pytest.mark.parametrize(
    "decision",
    [
        "We will not introduce choreography here; we will orchestrate checkout from one coordinator.",
        "We will orchestrate checkout instead of choreography.",
        "We won't use choreography. We will use orchestration.",
    ],
)
def test_a_nygard_decision_that_rules_an_option_out_is_not_read_as_choosing_it(tmp_path: Path, decision: str):
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    (folder / "0001-coordinate-checkout.md").write_text(NYGARD + f"## Decision\n\n{decision}\n")
    assert check(model(), tmp_path) == []


def test_a_chain_of_supersedes_names_the_record_in_force(tmp_path: Path):
    folder = tmp_path / "docs" / "decisions"
    folder.mkdir(parents=True)
    (folder / "0001-coordinate-checkout.md").write_text(NYGARD + "## Decision\n\nWe will use orchestration.\n")
    for number, old in ((2, 1), (3, 2)):
        (folder / f"000{number}-next.md").write_text(
            f"# {number}. Next\n\nDate: 2026-02-01\n\n## Status\n\nAccepted\n\n"
            f"Supersedes [{old}. X](000{old}-{'coordinate-checkout' if old == 1 else 'next'}.md)\n"
        )
    [finding] = check(model(), tmp_path)
    assert "ADR 0001 is superseded by ADR 0002 (in force now: ADR 0003)" in finding.message
