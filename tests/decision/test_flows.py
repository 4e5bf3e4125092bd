"""Per-flow recommendations, hybrid when flows differ on their own evidence, and where they show."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from click.testing import CliRunner
from hypothesis import given, settings

from advisor.adr import plan_decision_record
from advisor.cli import cli
from advisor.decision import questionnaire as ui
from advisor.decision.flows import score_model
from advisor.format.model import Architecture, Flow, Step, load_architecture

DATA = Path(__file__).resolve().parent / "data"
TWO_FLOWS = DATA / "two-flows.yaml"


def test_a_sequenced_compensating_flow_and_a_fan_out_flow_make_a_hybrid() -> None:
    rec = score_model(load_architecture(TWO_FLOWS).model)
    assert rec.recommendation == "hybrid"
    place, notify = rec.flows["place-order"], rec.flows["notify-customer"]
    assert (place.recommendation, notify.recommendation) == ("orchestration", "choreography")
    assert place.confidence in ("medium", "high") and notify.confidence in ("medium", "high")
    assert any("2 compensating steps" in why for why in place.why)
    assert any("independent reaction" in why for why in notify.why)
    assert rec.plan is not None
    assert rec.plan.orchestrated == ("place-order",) and rec.plan.choreographed == ("notify-customer",)
    assert rec.plan.boundary == ("OrderPlaced",)  # checkout publishes it; email, sms, analytics react
    assert "place-order (inside checkout)" in rec.plan.summary
    assert rec.scores["hybrid"] == max(rec.scores.values())


def test_flows_that_agree_keep_the_systems_recommendation() -> None:
    both = load_architecture(TWO_FLOWS).model
    only = Architecture(traits=both.traits, services=both.services, flows={"place-order": both.flows["place-order"]})
    rec = score_model(only)
    assert rec.plan is None and rec.flows["place-order"].recommendation == "orchestration"


def test_a_flow_without_evidence_of_its_own_does_not_make_a_hybrid() -> None:
    bare = Flow("sync", steps=(Step("a", "do"), Step("b", "do")))  # writes, no kinds: says nothing
    model = Architecture(traits={"fan_out": "high", "team_autonomy": "high"}, flows={"sync": bare})
    rec = score_model(model)
    assert not rec.flows["sync"].own and rec.plan is None
    assert rec.flows["sync"].why == (
        "flow_length 2: flow sync involves 2 services",
    )  # a count alone sets nothing apart


def test_a_flows_own_traits_override_the_systems_answers() -> None:
    flow = Flow("approve", traits={"long_running": "high", "sequencing": "high", "compensation": "high"})
    rec = score_model(Architecture(traits={"fan_out": "high", "team_autonomy": "high"}, flows={"approve": flow}))
    assert rec.flows["approve"].recommendation == "orchestration"
    assert any("answered for flow approve" in why for why in rec.flows["approve"].why)


def test_score_shows_flows_in_text_json_and_markdown() -> None:
    runner = CliRunner()
    data = json.loads(runner.invoke(cli, ["score", str(TWO_FLOWS), "--format", "json"]).output)
    assert data["recommendation"] == "hybrid"
    assert {"coverage", "assumed", "flows", "derived", "why_not", "scale"} <= set(data)
    assert data["assumed"] == []  # nothing is taken from defaults
    assert data["flows"]["place-order"]["recommendation"] == "orchestration"
    assert data["flows"]["notify-customer"]["confidence"] in ("medium", "high")
    assert data["hybrid"]["boundary"] == ["OrderPlaced"]
    assert {w["style"] for w in data["why_not"]} == {"orchestration", "choreography"}
    text = runner.invoke(cli, ["score", str(TWO_FLOWS)]).output
    flat = " ".join(text.split())
    assert "Flows (each scored on its own evidence):" in text and "hybrid: orchestrate place-order" in flat
    assert "Why not the others:" in text and "would take:" in text
    assert "Scores are 0-100: the share of the points" in flat
    markdown = runner.invoke(cli, ["score", str(TWO_FLOWS), "--format", "markdown"]).output
    assert "| place-order | orchestration |" in markdown and "### Why not the others" in markdown


def test_the_review_screen_shows_each_flow() -> None:
    text = " ".join(" ".join(ui.review_lines(score_model(load_architecture(TWO_FLOWS).model))).split())
    assert "place-order orchestration" in text and "notify-customer choreography" in text
    assert "hybrid: orchestrate place-order" in text


def test_the_record_has_a_flow_table_and_says_where_the_boundary_is(tmp_path: Path) -> None:
    model = load_architecture(TWO_FLOWS).model
    rec = score_model(model)
    content = plan_decision_record(
        model=model, recommendation=rec, style="hybrid", title="Coordinate shop", adr_dir=tmp_path, date="2024-05-31"
    ).content
    assert "| Flow | Style | Why |" in content
    assert "| place-order | Orchestration (" in content and "| notify-customer | Choreography (" in content
    assert "The flows differ, so the system is a hybrid: orchestrate place-order (inside checkout)" in content
    assert "the boundary is the event OrderPlaced" in content
    assert "### Why not the other options" in content and "What would have to change:" in content
    assert "Answered (2 of 17): `visibility`, `team_autonomy`." in content
    assert "* `compensation: high`: flow place-order has 2 compensating steps" in content  # derived, and says so
    assert "traits were answered." not in content


def _answers() -> Any:
    from hypothesis import strategies as st

    from advisor.decision.catalogue import load_catalogue

    cat = load_catalogue()
    return st.fixed_dictionaries(
        {}, optional={tid: st.sampled_from(t.choices) for tid, t in cat.traits.items() if t.type != "int"}
    )


@settings(max_examples=12, deadline=None)
@given(answers=_answers())
def test_flips_with_flows_are_verified_by_rescoring_the_model(answers: dict[str, Any]) -> None:
    model = load_architecture(TWO_FLOWS).model
    rec = score_model(model, answers)
    assert rec.scores[rec.recommendation] == max(rec.scores.values())
    assert score_model(model, dict(reversed(list(answers.items())))).to_dict() == rec.to_dict()
    for flip in rec.flips:
        assert score_model(model, {**answers, flip.trait: flip.to}).recommendation == flip.recommendation


def test_a_flow_that_only_reads_never_makes_a_hybrid() -> None:
    reads = Flow("browse", steps=(Step("catalog", "get-items"), Step("prices", "lookup-price")))
    model = load_architecture(TWO_FLOWS).model
    only = Architecture(traits=model.traits, flows={"place-order": model.flows["place-order"], "browse": reads})
    rec = score_model(only)
    assert not rec.flows["browse"].own and rec.plan is None


def test_a_flow_declared_in_another_style_says_so() -> None:
    model = load_architecture(TWO_FLOWS).model
    flows = dict(model.flows)
    flows["notify-customer"] = Flow(**{**flows["notify-customer"].__dict__, "style": "orchestration"})
    rec = score_model(Architecture(traits=model.traits, services=model.services, flows=flows))
    assert rec.flows["notify-customer"].to_dict()["declared"] == "orchestration"
    from advisor.decision.explain import score_text

    text = " ".join(" ".join(line for line, _ in score_text(rec)).split())
    assert "notify-customer choreography (medium, declared orchestration)" in text
