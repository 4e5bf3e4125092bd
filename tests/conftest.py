"""Shared fixtures: the example models carried in tests/data/examples, and a CLI runner."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

# Property tests explore the same examples on every run of the default suite, so a result
# never depends on the luck of the draw (and CI cannot fail on a case nobody has seen);
# `HYPOTHESIS_PROFILE=explore python -m pytest` searches afresh, and what it finds becomes
# a test of its own.
settings.register_profile("default", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
EXAMPLES = DATA / "examples"
ANSWERS = DATA / "answers.yaml"  # one answered trait, for runs that are not about the decision
# The OASIS SARIF 2.1.0 schema (errata 01), copied from
# https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json
SARIF_SCHEMA = DATA / "sarif-schema-2.1.0.json"
# Golden starters hold their own tests (test_*.py) that need the starter's environment.
collect_ignore_glob = ["golden/*"]


def example_file(name: str) -> Path:
    """A model from tests/data/examples (carried in the repository, so it is always there)."""
    path = EXAMPLES / name
    assert path.is_file(), f"{path} is missing from the repository"
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def checkout_example() -> Path:
    return example_file("checkout-orchestration.yaml")


@pytest.fixture
def newsroom_example() -> Path:
    return example_file("newsroom-choreography.yaml")


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
