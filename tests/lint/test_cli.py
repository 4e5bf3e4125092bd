"""`advisor lint` on the command line: files, formats, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli

CLEAN = "version: 1\nservices:\n  a: {owner: t}\n"
WARNS = "version: 1\nservices:\n  a: {publishes: [E], outbox: false}\nevents:\n  E: {version: 1}\n"
ERRORS = "version: 1\nservices:\n  a: {calls: [ghost]}\n"


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    for name, text in (("clean.yaml", CLEAN), ("warns.yaml", WARNS), ("errors.yaml", ERRORS)):
        (tmp_path / name).write_text(text)
    return tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["lint", *args])
    return result.exit_code, result.stdout, result.stderr


def test_clean_file_exits_zero(files: Path):
    code, out, _ = run("clean.yaml")
    assert code == 0 and out == "no problems found in 1 file\n"


def test_default_file_is_architecture_yaml(files: Path):
    (files / "architecture.yaml").write_text(ERRORS)
    code, out, _ = run()
    assert code == 1 and out.startswith("architecture.yaml:3:15: error [unknown-reference]")


def test_warnings_pass_unless_fail_on_warning(files: Path):
    assert run("warns.yaml")[0] == 0
    assert run("warns.yaml", "--fail-on", "warning")[0] == 1
    assert run("errors.yaml", "--fail-on", "info")[0] == 1


def test_several_files_at_once(files: Path):
    code, out, _ = run("clean.yaml", "warns.yaml", "errors.yaml", "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["files"] == ["clean.yaml", "warns.yaml", "errors.yaml"]
    assert {f["path"] for f in data["findings"]} == {"warns.yaml", "errors.yaml"}


def test_missing_file_is_exit_two_without_traceback(files: Path):
    code, out, err = run("nope.yaml")
    assert code == 2 and out == ""
    assert err.strip() == "advisor: nope.yaml: no such file"


def test_a_missing_file_keeps_the_other_files_findings(files: Path):
    code, out, err = run("errors.yaml", "nope.yaml", "warns.yaml")
    assert code == 2 and "Traceback" not in err
    assert err.strip() == "advisor: nope.yaml: no such file"
    assert "errors.yaml:" in out and "warns.yaml:" in out and "in 2 files" in out
    code, out, _ = run("errors.yaml", "nope.yaml", "--format", "json")
    assert code == 2 and json.loads(out)["files"] == ["errors.yaml"]


def test_bad_flag_and_bad_config_are_exit_two(files: Path):
    assert run("--format", "xml", "clean.yaml")[0] == 2
    (files / ".advisor.yaml").write_text("lint:\n  rules:\n    no-such-rule: off\n")
    code, _, err = run("clean.yaml")
    assert code == 2 and ".advisor.yaml:3:5" in err and "no-such-rule" in err and "Traceback" not in err


def test_explicit_config_wins(files: Path):
    (files / "strict.yaml").write_text("lint:\n  fail-on: warning\n")
    assert run("warns.yaml", "--config", "strict.yaml")[0] == 1


def test_broken_yaml_is_a_finding_exit_one(files: Path):
    (files / "broken.yaml").write_text("services: [\n")
    code, out, _ = run("broken.yaml")
    assert code == 1 and "[syntax]" in out


def test_github_is_the_default_on_github_actions(files: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run("errors.yaml")
    assert code == 1 and out.startswith("::error file=errors.yaml,line=3,col=15,")
    assert run("errors.yaml", "--format", "text")[1].startswith("errors.yaml:3:15:")


def test_sarif_output_is_json(files: Path):
    code, out, _ = run("errors.yaml", "--format", "sarif")
    assert code == 1 and json.loads(out)["version"] == "2.1.0"


def test_colour_on_request_only(files: Path):
    assert "\x1b[" not in run("errors.yaml")[1]
    assert "\x1b[1;31merror" in run("errors.yaml", "--color")[1]


def test_strict_ignores_suppressions(files: Path):
    (files / "quiet.yaml").write_text(
        "version: 1\nservices:\n  a: {calls: [ghost]}  # advisor: ignore[unknown-reference] demo\n"
    )
    assert run("quiet.yaml")[0] == 0
    code, out, _ = run("quiet.yaml", "--strict")
    assert code == 1 and "[unknown-reference]" in out and "suppression" not in out
