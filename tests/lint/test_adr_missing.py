from __future__ import annotations

from pathlib import Path

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str, base: Path) -> list[Finding]:
    return only("adr-missing", text, base_dir=base)


def test_missing_record_relative_to_the_file(tmp_path: Path):
    findings = check("decision:\n  style: orchestration\n  adr: docs/decisions/0001-x.md\n", tmp_path)
    assert where(findings) == [(3, 8)]
    assert findings[0].severity == "error" and "does not exist" in findings[0].message


def test_existing_record_is_fine(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "0001-x.md").write_text("# 1. X\n")
    assert check("decision:\n  adr: docs/0001-x.md\n", tmp_path) == []


def test_a_directory_is_not_a_record(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    [finding] = check("decision:\n  adr: docs\n", tmp_path)
    assert "directory" in finding.message
