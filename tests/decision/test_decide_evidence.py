"""`advisor decide` keeps answers apart from what the model derives, and invents none."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.decision.answers import answered, default_answers
from advisor.format.loader import load_file
from advisor.format.model import load_architecture

TWO_FLOWS = Path(__file__).resolve().parent / "data" / "two-flows.yaml"


def test_no_input_writes_only_the_answers_and_records_the_derived_traits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(TWO_FLOWS, "architecture.yaml")
    result = CliRunner().invoke(cli, ["decide", "--no-input", "--target", "none"])
    assert result.exit_code == 0, result.output
    assert "flow place-order: orchestration" in result.output and "hybrid: orchestrate" in result.output
    data = load_file(tmp_path / "architecture.yaml").data
    assert data["traits"] == {"team_autonomy": "high", "visibility": "medium"}  # nothing added
    assert data["decision"]["style"] == "hybrid"
    record = (tmp_path / data["decision"]["adr"]).read_text(encoding="utf-8")
    assert "Answered (2 of 17): `visibility`, `team_autonomy`." in record
    assert "Derived from the model in `architecture.yaml`, not answered" in record
    assert "| place-order | Orchestration (" in record
    meta = record.split("---\n")[1]
    assert "answers:\n    visibility: medium\n    team_autonomy: high\n" in meta
    assert "derived:\n" in meta and "compensation: high" in meta
    lint = CliRunner().invoke(cli, ["lint", "architecture.yaml", "--format", "json"])
    findings = json.loads(lint.output)["findings"]
    drift = [f for f in findings if f["rule"] in ("decision-mismatch", "trait-contradicts-model")]
    drift += [f for f in findings if f["rule"] == "adr-mismatch" and f["severity"] != "info"]  # info: still proposed
    assert drift == [], lint.output


def test_a_derived_value_kept_in_the_questionnaire_stays_derived() -> None:
    model = load_architecture(TWO_FLOWS).model
    defaults = default_answers(model)
    assert defaults["compensation"] == "high" and defaults["services"] == 7  # pre-filled from the model
    assert defaults["team_autonomy"] == "high"  # the file's answer
    asked = {**defaults, "fan_out": "low"}
    kept = answered(asked, model)
    assert "compensation" not in kept and "services" not in kept  # kept as shown: still derived
    assert kept["fan_out"] == "low"  # changed: now an answer
    assert kept["team_autonomy"] == "high"


def test_in_a_terminal_derived_values_are_shown_as_such_and_kept_derived(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from prompt_toolkit.application import create_app_session
    from prompt_toolkit.input import create_pipe_input
    from prompt_toolkit.output import DummyOutput

    import advisor.cli.decide as decide_cli
    from advisor.decision.catalogue import load_catalogue

    monkeypatch.setattr(decide_cli, "has_terminal", lambda: True)
    monkeypatch.chdir(tmp_path)
    shutil.copy(TWO_FLOWS, "architecture.yaml")
    questions = len(load_catalogue().traits)
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text("\r" * (questions + 5))  # every question, review, style, title, target, confirm
        result = CliRunner().invoke(cli, ["decide"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "The file's model says high: flow place-order has 2 compensating steps. Keeping it leaves it derived." in out
    assert "Flows (each scored on its own evidence):" in out and "hybrid: orchestrate place-order" in " ".join(
        out.split()
    )
    traits = load_file(tmp_path / "architecture.yaml").data["traits"]
    assert not {"compensation", "services", "fan_out", "flow_length", "platform"} & set(traits)  # still derived
    assert traits["team_autonomy"] == "high"
