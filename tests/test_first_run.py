"""A new user's first run: an empty folder, a mistyped command, a narrow terminal."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor.cli import cli
from advisor.format.loader import load_file


@pytest.fixture(autouse=True)
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "Order Service"
    folder.mkdir()
    monkeypatch.chdir(folder)
    yield folder


def run(*args: str, **options: object) -> Result:
    return CliRunner().invoke(cli, list(args), **options)  # type: ignore[arg-type]


def test_a_first_decide_names_the_system_after_the_folder_like_init(project: Path) -> None:
    result = run("decide", "--no-input")
    assert result.exit_code == 0, result.output
    data = load_file(project / "architecture.yaml").data
    assert data["system"] == "order-service"
    assert "coordinate-order-service-with-" in data["decision"]["adr"]
    init = run("init", "other.yaml")
    assert init.exit_code == 0 and load_file(project / "other.yaml").data["system"] == data["system"]


def test_a_first_decide_on_a_file_without_services_says_what_to_add(project: Path) -> None:
    result = run("decide", "--no-input")
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()[0]
    assert "declares no services, events or flows yet" in first
    assert "advisor init" in result.stdout and "advisor scaffold" in result.stdout
    assert not (project / "starters").exists()
    help_text = run("--help").stdout
    assert "get an ADR and a starter" not in help_text
