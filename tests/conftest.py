"""Shared fixtures: the example models beside the checkout, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED_EXAMPLES = ROOT.parent / "shared" / "examples"
DATA = Path(__file__).resolve().parent / "data"
# Golden starters hold their own tests (test_*.py) that need the starter's environment.
collect_ignore_glob = ["golden/*"]


def shared_example(name: str) -> Path:
    """A model from ../shared/examples, or a skip saying why it is not there."""
    path = SHARED_EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{path} is not present beside this checkout")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def checkout_example() -> Path:
    return shared_example("checkout-orchestration.yaml")


@pytest.fixture
def newsroom_example() -> Path:
    return shared_example("newsroom-choreography.yaml")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/ from the current output (review the diff)"
    )


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """Compare text with tests/golden/<name>; `--update-golden` rewrites it."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = Path(__file__).resolve().parent / "golden" / name
        if update or not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if not update:
                pytest.fail(f"golden file {name} was missing and has been written; review and commit it")
        assert text == path.read_text(encoding="utf-8"), (
            f"output differs from tests/golden/{name} (run with --update-golden and review the diff)"
        )

    return check
