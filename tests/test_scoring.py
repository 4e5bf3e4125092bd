"""Scoring: the examples score as decided, leads move the right way, flips are real."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.decision.catalogue import load_catalogue
from advisor.decision.scoring import score_traits
from advisor.format.model import load_architecture

CAT = load_catalogue()


def net(trait_id: str, answer: Any) -> float:
    """Points an answer gives orchestration minus those it gives choreography."""
    rule = CAT.traits[trait_id].rule_for(answer)
    sign = {"orchestration": 1, "choreography": -1}.get(rule.favours, 0)
    return sign * rule.points


def answer_strategy(trait_id: str) -> st.SearchStrategy[Any]:
    trait = CAT.traits[trait_id]
    if trait.type == "int":
        return st.integers(min_value=trait.minimum, max_value=60)
    return st.sampled_from(trait.choices)


answers_strategy = st.fixed_dictionaries({}, optional={tid: answer_strategy(tid) for tid in CAT.traits})


@pytest.mark.parametrize("name", ["checkout-orchestration.yaml", "newsroom-choreography.yaml"])
def test_examples_recommend_what_they_decided(name: str) -> None:
    from tests.conftest import example_file

    loaded = load_architecture(example_file(name))
    rec = score_traits(loaded.model.traits)
    assert rec.recommendation == loaded.model.decision.style
    assert rec.confidence == "high"


def test_contributions_explain_the_score() -> None:
    rec = score_traits({"compensation": "high", "fan_out": "high", "platform": "none"})
    first = rec.contributions[0]
    assert (first.trait, first.points) in {("compensation", 10.0), ("fan_out", 10.0)}
    assert all(c.source in CAT.sources for c in rec.contributions)
    assert [c.points for c in rec.contributions] == sorted((c.points for c in rec.contributions), reverse=True)
    assert "visibility" in rec.unanswered and "compensation" not in rec.unanswered


def test_hybrid_when_strong_drivers_pull_both_ways() -> None:
    rec = score_traits({"team_autonomy": "high", "compensation": "high", "sequencing": "high", "fan_out": "high"})
    assert rec.recommendation == "hybrid"
    assert set(rec.hybrid_tension) == {"sequencing=high", "team_autonomy=high"}


def test_medium_drivers_alone_do_not_make_a_hybrid() -> None:
    defaults = {tid: t.default for tid, t in CAT.traits.items()}
    assert score_traits(defaults).recommendation != "hybrid"


def test_strong_consistency_and_airflow_warnings() -> None:
    rec = score_traits({"consistency": "strong", "sync_responses": "high"}, target="airflow")
    assert any("eventually consistent" in w for w in rec.warnings)
    assert any("Airflow" in w for w in rec.warnings)
    assert score_traits({"consistency": "eventual"}, target="temporal").warnings == ()


@settings(max_examples=150, deadline=None)
@given(answers=answers_strategy, data=st.data())
def test_raising_an_answer_toward_a_style_never_lowers_its_lead(answers: dict[str, Any], data: st.DataObject) -> None:
    trait_id = data.draw(st.sampled_from(sorted(CAT.traits)))
    old, new = (data.draw(answer_strategy(trait_id)) for _ in range(2))
    before = score_traits({**answers, trait_id: old}).scores
    after = score_traits({**answers, trait_id: new}).scores
    lead_before = before["orchestration"] - before["choreography"]
    lead_after = after["orchestration"] - after["choreography"]
    if net(trait_id, new) >= net(trait_id, old):  # toward orchestration
        assert lead_after >= lead_before - 0.11  # scores are rounded to 0.1
    if net(trait_id, new) <= net(trait_id, old):  # toward choreography
        assert lead_after <= lead_before + 0.11


@settings(max_examples=60, deadline=None)
@given(answers=answers_strategy)
def test_flips_are_verified_and_complete(answers: dict[str, Any]) -> None:
    rec = score_traits(answers)
    for flip in rec.flips:
        assert score_traits({**answers, flip.trait: flip.to}).recommendation == flip.recommendation
        assert flip.recommendation != rec.recommendation
    listed = {(f.trait, f.to) for f in rec.flips}
    for trait in CAT.traits.values():
        for option in trait.choices:
            changed = score_traits({**answers, trait.id: option}).recommendation
            if changed != rec.recommendation:
                assert (trait.id, option) in listed


@settings(max_examples=40, deadline=None)
@given(answers=answers_strategy)
def test_scores_are_bounded_and_deterministic(answers: dict[str, Any]) -> None:
    first, second = score_traits(answers), score_traits(dict(reversed(list(answers.items()))))
    assert first.to_dict() == second.to_dict()
    assert all(0 <= v <= 100 for v in first.scores.values())
    assert first.scores[first.recommendation] == max(first.scores.values())


def test_json_shape_has_spec_keys(tmp_path: Path) -> None:
    data = score_traits({"compensation": "high"}).to_dict()
    assert {"recommendation", "scores", "confidence", "contributions", "flips", "unanswered", "warnings"} <= set(data)
    assert set(data["scores"]) == {"orchestration", "choreography", "hybrid"}
    assert set(data["contributions"][0]) >= {"trait", "answer", "favours", "points", "reason", "source"}


def test_platform_breaks_a_tie() -> None:
    from advisor.decision.scoring import _winner

    tie = {"orchestration": 50.0, "choreography": 50.0, "hybrid": 20.0}
    assert _winner(tie, {"platform": "broker"}) == "choreography"
    assert _winner(tie, {"platform": "engine"}) == "orchestration"
    assert _winner(tie, {}) == "orchestration"
    engine = score_traits({"fan_out": "high", "platform": "engine"}).scores["orchestration"]
    assert engine > score_traits({"fan_out": "high", "platform": "none"}).scores["orchestration"]
