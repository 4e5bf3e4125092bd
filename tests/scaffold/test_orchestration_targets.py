"""What every engine target must do alike: golden checkout files, code that compiles for
awkward and hostile names, a clear error with nothing to orchestrate, starters whose own
tests pass."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.format.model import Architecture
from tests.scaffold.helpers import (
    as_golden,
    awkward_model,
    checkout_model,
    hostile_model,
    run_starter_tests,
    target_files,
)

SAGA_TARGETS = ("airflow", "temporal")  # code generators, one golden file per generated file
DOCUMENT_TARGETS = ("gcp-workflows", "step-functions", "kubernetes")  # one golden text each


@pytest.mark.parametrize("target", DOCUMENT_TARGETS)
def test_golden_checkout(golden, target: str) -> None:  # type: ignore[no-untyped-def]
    golden(f"scaffold/{target}.txt", as_golden(target_files(target, checkout_model())))


@pytest.mark.parametrize("target", SAGA_TARGETS)
@pytest.mark.parametrize("model", [awkward_model(), hostile_model()], ids=["awkward", "hostile"])
def test_awkward_and_hostile_models_give_python_that_compiles(target: str, model: Architecture) -> None:
    for path, text in target_files(target, model).items():
        assert not path.startswith("/") and ".." not in path.split("/")
        if path.endswith(".py"):
            compile(text, path, "exec")


@pytest.mark.parametrize("target", SAGA_TARGETS)
def test_nothing_to_orchestrate_is_an_input_error(target: str) -> None:
    with pytest.raises(InputError, match="no orchestrated flow"):
        target_files(target, Architecture(system="empty"))


@pytest.mark.slow
@pytest.mark.parametrize("target", DOCUMENT_TARGETS)
def test_checkout_starter_passes_its_own_tests(tmp_path: Path, target: str) -> None:
    output = run_starter_tests(checkout_model(), target, tmp_path / "starter")
    assert "passed" in output and "failed" not in output


@pytest.mark.slow
@pytest.mark.parametrize("target", DOCUMENT_TARGETS)
def test_awkward_starter_passes_its_own_tests(tmp_path: Path, target: str) -> None:
    assert "passed" in run_starter_tests(awkward_model(), target, tmp_path / "starter")
