"""Files a pull request could commit to attack CI: every command validates before it plans,
and nothing read from the file reaches the terminal or a shell unescaped."""

from __future__ import annotations

import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor.cli import cli
from advisor.format.loader import load_file
from tests.conftest import ANSWERS

BAD_NAMES = """\
version: 1
services:
  "ord\\"ers'); x":
    owner: a
events:
  "Evt $(touch pwned); `id`":
    producer: "ord\\"ers'); x"
"""

BAD_SERVICES = """\
version: 1
traits:
  services: 4
services:
  orders:
    replicas: many
"""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def listing(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*")}


@pytest.mark.parametrize("target", ["nestjs", "kafka", "none"])
def test_decide_validates_the_whole_file_before_planning(in_tmp: Path, target: str) -> None:
    (in_tmp / "architecture.yaml").write_text(BAD_NAMES)
    before = listing(in_tmp)
    result = run("decide", "--no-input", "--style", "choreography", "--reason", "r", "--target", target)
    assert result.exit_code == 2, result.output
    assert "architecture.yaml is not valid" in result.output and "Traceback" not in result.output
    assert listing(in_tmp) == before


def test_score_reports_an_invalid_services_section_like_every_command(in_tmp: Path) -> None:
    (in_tmp / "architecture.yaml").write_text(BAD_SERVICES)
    outputs = []
    for command in (["score"], ["scaffold", "--style", "orchestration", "--target", "temporal"]):
        result = run(*command)
        assert result.exit_code == 2, (command, result.output)
        outputs.append(result.output.splitlines()[0])
    assert outputs[0] == outputs[1]
    assert "architecture.yaml is not valid (1 problem)" in outputs[0]


def test_decide_does_not_write_through_an_aliased_mapping(in_tmp: Path) -> None:
    (in_tmp / "architecture.yaml").write_text(
        "version: 1\nservices:\n  a: &x {}\n  b: {}\ndecision: *x\n"
    )
    result = run("decide", "--no-input", "--target", "none")
    assert result.exit_code in (0, 2), result.output
    data = load_file(in_tmp / "architecture.yaml").data
    assert data["services"]["a"] == {}


REASON = "x\n::error file=x.py,line=1::INJECTED\n\x1b[2J\x1b[31mred\x9b1m"


def test_values_from_the_file_are_escaped_when_echoed(in_tmp: Path) -> None:
    (in_tmp / "architecture.yaml").write_text(
        "version: 1\ntraits: {fan_out: high}\ndecision:\n  style: orchestration\n  reason: " + repr_yaml(REASON) + "\n"
    )
    result = run("decide", "--no-input", "--target", "none", "--dry-run")
    assert result.exit_code == 0, result.output
    for line in result.output.splitlines():
        assert not line.lstrip().startswith("::"), line
    assert "\x1b" not in result.output and "\x9b" not in result.output
    assert "INJECTED" in result.output  # shown, but inert


def repr_yaml(text: str) -> str:
    import json

    return json.dumps(text)


def test_starter_readme_shell_lines_quote_names_for_the_shell(in_tmp: Path, tmp_path: Path) -> None:
    """A name the schema allows, with characters a shell treats specially, stays one inert word."""
    (in_tmp / "architecture.yaml").write_text(
        "version: 1\nservices:\n  orders: {publishes: [Order.Placed-v1]}\n  billing: {consumes: [Order.Placed-v1]}\n"
        "events:\n  Order.Placed-v1: {}\n"
    )
    result = run("decide", "--no-input", "--style", "choreography", "--reason", "r", "--target", "nestjs")
    assert result.exit_code == 0, result.output
    readme = (in_tmp / "starters" / "nestjs" / "README.md").read_text()
    commands = [line for line in readme.splitlines() if line.startswith("node ")]
    assert commands, readme
    for line in commands:
        words = shlex.split(line)
        assert line == shlex.join(words), line
        echoed = subprocess.run(["sh", "-c", "printf '%s\\n' " + line.partition(" ")[2]], capture_output=True,
                                text=True, check=True).stdout.splitlines()
        assert echoed == words[1:]


def test_an_adr_dir_outside_the_repository_is_refused(in_tmp: Path) -> None:
    repo = in_tmp / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".adr-dir").write_text("../outside\n")
    args = ["decide", "repo/architecture.yaml", "--answers", str(ANSWERS), "--target", "none"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2 and "outside the repository" in result.stderr
    assert not (in_tmp / "outside").exists() and not (repo / "architecture.yaml").exists()


def test_a_record_in_the_repository_beside_files_folder_is_recognised_on_the_next_run(in_tmp: Path) -> None:
    (in_tmp / ".git").mkdir()
    (in_tmp / ".adr-dir").write_text("docs/adr\n")
    (in_tmp / "svc").mkdir()
    first = run("decide", "svc/architecture.yaml", "--answers", str(ANSWERS), "--target", "none")
    assert first.exit_code == 0, first.output
    assert load_file(in_tmp / "svc" / "architecture.yaml").data["decision"]["adr"].startswith("../docs/adr/0001-")
    second = run("decide", "svc/architecture.yaml", "--answers", str(ANSWERS), "--target", "none")
    assert second.exit_code == 2 and "already records this decision" in second.stderr
    assert len(list((in_tmp / "docs" / "adr").glob("*.md"))) == 1
