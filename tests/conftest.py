"""Shared fixtures: the example models beside the checkout, and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED_EXAMPLES = ROOT.parent / "shared" / "examples"
DATA = Path(__file__).resolve().parent / "data"


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
