"""adr-tools itself and advisor on one folder (slow: runs adr-tools' shell scripts).

.ci/setup.d/adr-tools.sh installs Debian's adr-tools; without `adr` on PATH the tests skip.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.adr import list_records
from advisor.cli import cli

pytestmark = pytest.mark.slow


def adr(project: Path, *args: str) -> str:
    if shutil.which("adr") is None:
        pytest.skip("adr-tools is not installed (run .ci/setup.d/adr-tools.sh)")
    env = {**os.environ, "VISUAL": "true", "EDITOR": "true", "ADR_DATE": "2020-01-15"}
    result = subprocess.run(
        ["adr", *args], cwd=project, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def advisor(project: Path, monkeypatch: pytest.MonkeyPatch, *args: str) -> str:
    monkeypatch.chdir(project)
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    adr(tmp_path, "init", "doc/arch")
    adr(tmp_path, "new", "First", "idea")
    adr(tmp_path, "new", "Second", "idea")
    return tmp_path


def test_adr_tools_reads_what_advisor_writes_and_edits(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "src").mkdir()
    advisor(project / "src", monkeypatch, "adr", "new", "-s", "2", "-l", "1:Amends:Amended by", "Third", "idea")
    advisor(project, monkeypatch, "adr", "link", "3", "Clarifies", "2", "Clarified by")
    toc = adr(project, "generate", "toc")
    assert "* [4. Third idea](0004-third-idea.md)" in toc  # a Nygard title, not "-"
    graph = adr(project, "generate", "graph")
    for edge in ('_4 -> _2 [label="Supersedes"', '_4 -> _1 [label="Amends"', '_3 -> _2 [label="Clarifies"'):
        assert edge in graph
    # advisor draws the same graph adr-tools draws
    assert advisor(project, monkeypatch, "adr", "generate", "graph") == graph
    assert advisor(project, monkeypatch, "adr", "generate", "toc") == toc


def test_advisor_reads_what_adr_tools_edits_after_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    advisor(project, monkeypatch, "adr", "new", "--status", "accepted", "Third", "idea")
    adr(project, "new", "-s", "4", "-s", "2", "Fourth")
    records = {r.number: r for r in list_records(project / "doc/arch")}
    assert records[4].superseded_by == (5,) and records[2].superseded_by == (5,)
    assert records[5].supersedes == (4, 2) and records[5].status == "accepted"
    listed = advisor(project, monkeypatch, "adr", "list")
    assert "ADR-0004  superseded by ADR-0005" in listed


def test_decide_in_an_adr_tools_folder_writes_a_record_adr_tools_lists(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "architecture.yaml").write_text("version: 2\ntraits:\n  compensation: high\n", encoding="utf-8")
    advisor(project, monkeypatch, "decide", "--no-input", "--target", "none", "--title", "Coordinate checkout")
    toc = adr(project, "generate", "toc")
    assert "* [4. Coordinate checkout](0004-coordinate-checkout.md)" in toc
    adr(project, "new", "-s", "4", "Revisit checkout")  # adr-tools supersedes advisor's record
    record = {r.number: r for r in list_records(project / "doc/arch")}[4]
    assert record.superseded_by == (5,) and record.metadata["style"] in ("orchestration", "choreography", "hybrid")
