"""advisor against a blind set of published systems, scored as test_published scores its set.

tests/decision/published/blind/ holds systems whose architecture files were written from
their teams' write-ups by someone who had not read advisor's rules or scoring, and were
committed before advisor was first run on them; nothing in them was changed afterwards.
The accuracy on this set is reported on its own (run with `-s` to see the table) and sets
no floor, since a floor chosen after seeing the answers would be tuned to them. Each
system is its own test: it fails when advisor's answer, for the system or for a flow its
team describes, is wrong with high confidence. A case that does is kept and marked
`xfail(strict=True)` with the reason, so that it is reported, not hidden, and its test
fails loudly once advisor stops being sure of the wrong answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.decision.test_published import Case, evaluate, evaluate_one, report, systems

BLIND = Path(__file__).resolve().parent / "published" / "blind"

# system -> why advisor is sure of a style its team did not choose (filled from runs, never
# by changing a system's file).
SURE_AND_WRONG: dict[str, str] = {}


def sure_and_wrong(case: Case) -> list[str]:
    found = []
    if case.recommended != case.chosen and case.confidence == "high":
        found.append(f"{case.name}: chosen {case.chosen}, advisor {case.recommended} (high)")
    for flow, chosen, recommended, confidence in case.flows:
        if recommended != chosen and confidence == "high":
            found.append(f"{case.name}/{flow}: chosen {chosen}, advisor {recommended} (high)")
    return found


def test_the_blind_set_is_published_balanced_and_described() -> None:
    listed = systems(BLIND)
    assert len(listed) >= 8
    styles = [str(entry["style"]) for entry in listed.values()]
    assert {style: styles.count(style) >= 2 for style in ("orchestration", "choreography", "hybrid")} == {
        "orchestration": True,
        "choreography": True,
        "hybrid": True,
    }
    for name, entry in listed.items():
        path = BLIND / f"{name}.yaml"
        assert path.is_file(), name
        assert not (Path(__file__).resolve().parent / "published" / f"{name}.yaml").exists(), f"{name} is not new"
        assert str(entry["why"]).strip(), name
        sources = entry["sources"]
        assert isinstance(sources, list) and sources, name
        assert all(str(url).startswith("https://") for url in sources), name
        text = path.read_text(encoding="utf-8")
        assert "traits:" in text, name
        trait_lines = text.split("traits:", 1)[1].split("\nservices:", 1)[0].splitlines()
        answers = [line for line in trait_lines if line.startswith("  ") and not line.lstrip().startswith("#")]
        comments = [line for line in trait_lines if line.lstrip().startswith("#")]
        assert answers and len(comments) >= len(answers), f"{name}: every trait rests on a quoted sentence"
    assert set(SURE_AND_WRONG) <= set(listed)


def test_accuracy_on_the_blind_set_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    cases = evaluate(BLIND)
    table = report(cases)
    with capsys.disabled():
        print("\nblind set\n" + table)
    assert len(cases) == len(systems(BLIND))
    assert f"accuracy {sum(c.chosen == c.recommended for c in cases)}/{len(cases)}" in table


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=SURE_AND_WRONG[name]))
        if name in SURE_AND_WRONG
        else name
        for name in systems(BLIND)
    ],
)
def test_a_blind_system_is_never_wrong_with_high_confidence(name: str) -> None:
    case = evaluate_one(BLIND, name, systems(BLIND)[name])
    assert not sure_and_wrong(case), report([case])
