"""A new user's first run: an empty folder, a mistyped command, a narrow terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor.cli import cli
from advisor.format.loader import load_file
from tests.conftest import ANSWERS


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "Order Service"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder


def run(*args: str, **options: object) -> Result:
    return CliRunner().invoke(cli, list(args), **options)  # type: ignore[arg-type]


def test_a_first_decide_names_the_system_after_the_folder_like_init(project: Path) -> None:
    result = run("decide", "--answers", str(ANSWERS))
    assert result.exit_code == 0, result.output
    data = load_file(project / "architecture.yaml").data
    assert data["system"] == "order-service"
    assert "coordinate-order-service-with-" in data["decision"]["adr"]
    init = run("init", "other.yaml")
    assert init.exit_code == 0 and load_file(project / "other.yaml").data["system"] == data["system"]


def test_a_first_decide_on_a_file_without_services_says_what_to_add(project: Path) -> None:
    result = run("decide", "--answers", str(ANSWERS))
    assert result.exit_code == 0, result.output
    assert "declares no services, events or flows yet" in result.stdout
    assert "advisor init" in result.stdout and "advisor scaffold" in result.stdout
    assert not (project / "starters").exists()
    help_text = run("--help").stdout
    assert "get an ADR and a starter" not in help_text


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["decid"], "Did you mean 'decide'?"),
        (["rules", "compensaton"], "did you mean 'compensation'?"),
        (["decide", "--no-input", "--target", "temporl"], "did you mean 'temporal'?"),
        (["scaffold", "--style", "orchestration", "--target", "temporl"], "did you mean 'temporal'?"),
        (["score", "--target", "kafak"], "did you mean 'kafka'?"),
    ],
    ids=["command", "rule", "decide-target", "scaffold-target", "score-target"],
)
def test_a_mistyped_name_gets_a_suggestion_and_exit_2(project: Path, args: list[str], expected: str) -> None:
    (project / "architecture.yaml").write_text("version: 1\nservices:\n  a: {}\n")
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert expected in result.stderr and "Traceback" not in result.output


def test_score_says_when_the_target_does_not_fit_the_recommendation(project: Path) -> None:
    (project / "architecture.yaml").write_text("version: 1\ntraits:\n  compensation: high\n  sequencing: high\n")
    plain = run("score").stdout
    fitted = run("score", "--target", "kafka")
    assert fitted.exit_code == 0
    assert "target 'kafka' implements choreography, but the recommendation is orchestration" in fitted.output
    assert "implements" not in plain


def test_a_suppression_naming_a_mistyped_rule_gets_a_suggestion(project: Path) -> None:
    (project / "architecture.yaml").write_text(
        "version: 1\nservices:\n  a: {}  # advisor: ignore[dual-wrte] no database\n"
    )
    result = run("lint")
    assert "unknown rule 'dual-wrte'; did you mean 'dual-write'?" in result.output


@pytest.mark.parametrize(
    "args",
    [["score"], ["questions"], ["rules"], ["rules", "compensation"], ["rules", "dual-write"],
     ["decide", "--no-input", "--dry-run"]],
    ids=["score", "questions", "rules", "rule-trait", "rule-lint", "decide"],
)
def test_output_folds_to_the_terminal_width_between_words(project: Path, args: list[str]) -> None:
    (project / "architecture.yaml").write_text("version: 1\ntraits:\n  compensation: high\n")
    narrow = run(*args, env={"COLUMNS": "60"})
    wide = run(*args, env={"COLUMNS": "400"})
    assert narrow.exit_code == wide.exit_code == 0, narrow.output
    assert all(len(line) <= 59 or " " not in line.strip() for line in narrow.stdout.splitlines()), narrow.stdout
    assert narrow.stdout.split() == wide.stdout.split()  # folded between words, none broken
    assert all(len(line) <= 100 or " " not in line.strip() for line in wide.stdout.splitlines())


def test_commands_and_tables_are_never_folded(project: Path) -> None:
    (project / "architecture.yaml").write_text("version: 1\nsystem: a-rather-long-system-name\nservices:\n  a: {}\n")
    scaffold = run("scaffold", "--style", "orchestration", "--target", "temporal", env={"COLUMNS": "40"})
    assert scaffold.exit_code == 0, scaffold.output
    wide = (project / "w").mkdir() or run("scaffold", "--style", "orchestration", "--target", "temporal",
                                          "--out", "w/s", env={"COLUMNS": "400"})
    steps = scaffold.stdout.split("\n\n", 1)[1]
    assert steps == wide.stdout.split("\n\n", 1)[1].replace("w/s", "starters/temporal")
    for n in range(3):
        assert run("adr", "new", f"A decision with a long title number {n}").exit_code == 0
    index = run("adr", "index", env={"COLUMNS": "40"}).stdout
    assert index == run("adr", "index", env={"COLUMNS": "400"}).stdout
