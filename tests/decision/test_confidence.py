"""Confidence from margin and coverage; nothing answered is nothing to score."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.cli import cli
from advisor.decision.catalogue import load_catalogue
from advisor.decision.scoring import coverage, score_traits

CAT = load_catalogue()


def score(path: Path, *args: str) -> Any:
    return CliRunner().invoke(cli, ["score", str(path), *args])


def test_one_answer_is_never_high_confidence(tmp_path: Path) -> None:
    path = tmp_path / "architecture.yaml"
    path.write_text("version: 2\ntraits:\n  platform: broker\n")
    data = json.loads(score(path, "--format", "json").output)
    assert data["recommendation"] == "choreography" and data["margin"] == 100.0
    assert data["confidence"] == "low" and data["coverage"] < 0.05
    assert data["assumed"] == [] and "compensation" in data["unanswered"]
    text = score(path).output
    assert "confidence low" in text and "coverage 2%" in text


def test_two_strong_answers_are_still_thin_evidence() -> None:
    rec = score_traits({"compensation": "high", "sequencing": "high"})
    assert rec.recommendation == "orchestration" and rec.scores["orchestration"] == 100.0
    assert rec.confidence == "low"


def test_nothing_answered_or_derivable_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "architecture.yaml"
    path.write_text("version: 2\nsystem: empty\n")
    for fmt in ("text", "json", "markdown"):
        result = score(path, "--format", fmt)
        assert result.exit_code == 2 and result.stdout == ""
        [line] = result.stderr.strip().splitlines()
        assert "nothing to score" in line and "advisor decide" in line and "traits:" in line
        assert line.startswith(f"advisor: {path}: ")


def test_a_model_alone_is_something_to_score(tmp_path: Path) -> None:
    path = tmp_path / "architecture.yaml"
    path.write_text("version: 2\nservices:\n  a: {publishes: [E]}\n  b: {consumes: [E]}\n  c: {consumes: [E]}\n")
    data = json.loads(score(path, "--format", "json").output)
    assert {d["trait"] for d in data["derived"]} == {"services", "fan_out", "platform"}
    assert data["confidence"] == "low"


@settings(max_examples=80, deadline=None)
@given(chosen=st.sets(st.sampled_from(sorted(CAT.traits))), data=st.data())
def test_confidence_is_never_high_below_the_coverage_threshold(chosen: set[str], data: st.DataObject) -> None:
    answers = {tid: data.draw(st.sampled_from(CAT.traits[tid].choices)) for tid in chosen}
    rec = score_traits(answers)
    assert rec.coverage == coverage(set(answers), CAT)
    if rec.coverage < CAT.coverage["high"]:
        assert rec.confidence != "high"
    if rec.coverage < CAT.coverage["medium"]:
        assert rec.confidence == "low"
