"""No record claims an answer that was not given: whatever was answered, the record says exactly that."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from advisor.adr import parse_record, plan_decision_record
from advisor.decision.catalogue import load_catalogue
from advisor.decision.flows import score_model
from advisor.decision.scoring import has_evidence
from advisor.format.model import Architecture, load_architecture

CAT = load_catalogue()
TWO_FLOWS = Path(__file__).resolve().parent / "data" / "two-flows.yaml"
MODELS = [Architecture(), load_architecture(TWO_FLOWS).model]
answers = st.fixed_dictionaries(
    {},
    optional={
        tid: st.sampled_from(t.choices) if t.type != "int" else st.integers(1, 40) for tid, t in CAT.traits.items()
    },
)


@settings(max_examples=25, deadline=None)
@given(given_answers=answers, which=st.sampled_from([0, 1]))
def test_the_record_lists_exactly_the_answers_given(given_answers: dict[str, Any], which: int) -> None:
    base = MODELS[which]
    model = Architecture(**{**base.__dict__, "traits": given_answers})
    if not (has_evidence(given_answers) or base.services):
        return  # nothing to score: decide refuses before any record is written
    rec = score_model(model)
    with tempfile.TemporaryDirectory() as scratch:
        content = plan_decision_record(
            model=model,
            recommendation=rec,
            style=rec.recommendation,
            title="T",
            adr_dir=Path(scratch),
            date="2024-05-31",
        ).content
    listed = re.search(r"^Answered \((\d+) of 17\): (.*)\.$", content, re.M)
    if given_answers:
        assert listed is not None
        assert int(listed.group(1)) == len(given_answers)
        assert set(re.findall(r"`([a-z_]+)`", listed.group(2))) == set(given_answers)
    else:
        assert listed is None and "No trait was answered." in content
    assert "All 17 traits were answered" not in content
    assert f"{len(given_answers)} of 17 traits were answered" in content
    for trait in rec.unanswered:
        assert f"* `{trait}`: " in content
    meta = parse_record(content, Path("0001-t.md")).metadata
    assert meta["answers"] == given_answers  # the record keeps only what was answered
    assert set(meta.get("derived", {})) == {d.trait for d in rec.derived}
    assert not set(meta.get("derived", {})) & set(given_answers)
