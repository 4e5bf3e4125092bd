"""`advisor adr new|list|supersede|index` through CliRunner: output, files and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor.adr import list_records
from advisor.cli import cli
from tests.adr.helpers import adr_tools_project, madr_project, write


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["adr", *args])


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_creates_docs_decisions_and_prints_the_path(tmp_path: Path) -> None:
    result = run("new", "Use", "Kafka", "for", "events")
    assert result.exit_code == 0, result.output
    path = tmp_path / "docs/decisions/0001-use-kafka-for-events.md"
    assert result.stdout.strip().endswith("0001-use-kafka-for-events.md") and path.exists()
    assert "status: proposed" in path.read_text(encoding="utf-8")
    assert run("new", "Second").stdout.strip().endswith("0002-second.md")


def test_new_follows_adr_dir_and_writes_nygard(tmp_path: Path) -> None:
    folder = adr_tools_project(tmp_path)
    result = run("new", "--template", "nygard", "--status", "accepted", "--date", "2024-02-29", "Third")
    assert result.exit_code == 0, result.output
    text = (folder / "0003-third.md").read_text(encoding="utf-8")
    assert text.startswith("# 3. Third\n\nDate: 2024-02-29\n\n## Status\n\nAccepted\n")


def test_new_with_dir_and_bad_options(tmp_path: Path) -> None:
    assert run("new", "--dir", "records", "X").exit_code == 0
    assert (tmp_path / "records/0001-x.md").exists()
    for bad in (
        ["new", "--status", "superseded", "X"],
        ["new", "--date", "31/12/2024", "X"],
        ["new"],
        ["new", "--template", "y", "X"],
    ):
        result = run(*bad)
        assert result.exit_code == 2 and "Traceback" not in result.output, bad


def test_list_text_and_json(tmp_path: Path) -> None:
    adr_tools_project(tmp_path)
    result = run("list")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "ADR-0001  superseded by ADR-0002  1992-01-12  First Record",
        "ADR-0002  accepted                1992-01-12  Second Record",
    ]
    data = json.loads(run("list", "--format", "json").stdout)
    assert [(r["number"], r["status"], r["superseded_by"], r["chosen_option"]) for r in data] == [
        (1, "superseded", [2], "choreography"),
        (2, "accepted", [], "orchestration"),
    ]


def test_list_warns_about_duplicate_numbers(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)
    write(folder, {"0002-other-branch.md": "# Other branch\n"})
    result = run("list")
    assert result.exit_code == 0 and "ADR-0002 is used by 2 files" in result.stderr


def test_a_bad_record_is_a_warning_naming_it_and_the_rest_of_the_folder_works(tmp_path: Path) -> None:
    write(
        tmp_path / "docs/decisions",
        {"0001-ok.md": "# Ok\n", "0002-bad.md": "---\nstatus: [x\n---\n# Bad\n", "0003-new.md": "# New\n"},
    )
    for command in (["list"], ["index"], ["generate", "toc"], ["supersede", "1", "3"]):
        result = run(*command)
        assert result.exit_code == 0, (command, result.output)
        assert "warning: docs/decisions/0002-bad.md:3:" in result.stderr and "(skipped)" in result.stderr
        assert "Traceback" not in result.output
    assert "ADR-0003" in run("list").stdout
    result = run("supersede", "2", "3")  # the unreadable record itself cannot be edited: its error, exit 2
    assert result.exit_code == 2 and "0002-bad.md:3:" in result.stderr


def test_supersede_updates_both_and_reports(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)
    result = run("supersede", "1", "2")
    assert result.exit_code == 0 and result.stdout.count("updated ") == 2
    old, new = list_records(folder)
    assert old.superseded_by == (2,) and new.supersedes == (1,)
    again = run("supersede", "1", "2")
    assert again.exit_code == 0 and "already superseded" in again.stdout
    assert run("supersede", "2", "1").exit_code == 2
    assert run("supersede", "0", "1").exit_code == 2
    assert run("supersede", "1", "x").exit_code == 2


def test_index_prints_writes_and_refuses(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)
    printed = run("index")
    assert printed.exit_code == 0 and "| [ADR-0001](0001-use-kafka-between-bounded-contexts.md)" in printed.stdout
    refused = run("index", "--write")
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert (folder / "README.md").read_text(encoding="utf-8") == "# Decisions\n\nHand-written.\n"
    assert run("index", "--write", "--force").exit_code == 0
    assert (folder / "README.md").read_text(encoding="utf-8") == printed.stdout
    assert run("index", "--write").exit_code == 0  # its own index is rewritten without --force


def test_help_lists_the_subcommands() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert all(name in result.stdout for name in ("new", "list", "supersede", "index"))


def test_new_can_supersede_like_adr_tools_dash_s(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)
    result = run("new", "--supersedes", "1", "Replace Kafka")
    assert result.exit_code == 0, result.output
    records = list_records(folder)
    assert records[0].superseded_by == (3,) and records[2].supersedes == (1,)
    missing = run("new", "--supersedes", "9", "Nothing to replace")
    assert missing.exit_code == 2 and "no ADR-0009" in missing.stderr
    assert not list(folder.glob("0004-*"))


def test_list_of_an_empty_folder_says_so() -> None:
    result = run("list")
    assert result.exit_code == 0 and result.stdout == "" and "no records in docs/decisions" in result.stderr


def test_a_number_two_files_share_is_a_warning_for_list_index_and_toc(tmp_path: Path) -> None:
    write(tmp_path / "docs/decisions", {"0001-a.md": "# A\n", "0001-b.md": "# B\n", "0002-c.md": "# C\n"})
    for command in (["list"], ["index"], ["generate", "toc"]):
        result = run(*command)
        assert result.exit_code == 0
        assert "warning: ADR-0001 is used by 2 files (0001-a.md, 0001-b.md); renumber one" in result.stderr
