"""The prompts built from the trait catalogue, and the review screen."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from advisor.decision import questionnaire as ui
from advisor.decision.catalogue import STYLES, load_catalogue
from advisor.decision.explain import bar, flip_sentence
from advisor.decision.scoring import score_traits

ENTER, DOWN, BACKSPACE, CTRL_C = "\r", "\x1b[B", "\x7f", "\x03"
ROOT = Path(__file__).resolve().parent.parent


def typed(keys: str, ask: Callable[[], Any]) -> Any:
    with create_pipe_input() as inp, create_app_session(input=inp, output=DummyOutput()):
        inp.send_text(keys)
        return ask()


def ask(tid: str, default: Any, keys: str, shown: list[str] | None = None) -> Any:
    cat = load_catalogue()
    echo = (shown if shown is not None else []).append
    return typed(keys, lambda: ui.ask_trait(cat.traits[tid], default, 4, 17, cat, echo))


def test_a_level_is_a_select_defaulting_to_the_given_answer() -> None:
    assert ask("compensation", "medium", ENTER) == "medium"
    assert ask("compensation", "low", DOWN + DOWN + ENTER) == "high"


def test_a_choice_trait_offers_its_choices() -> None:
    assert ask("evolution", "steps", DOWN + ENTER) == "both"


def test_a_boolean_is_a_confirm() -> None:
    assert ask("coordinator_ha", True, ENTER) is True
    assert ask("coordinator_ha", True, "n") is False


def test_a_count_is_a_validated_whole_number() -> None:
    assert ask("services", 5, ENTER) == 5
    # 0 is below the minimum; "x" and "²" are no numbers: all rejected, 12 is taken.
    keys = BACKSPACE + "0" + ENTER + BACKSPACE + "x" + ENTER + BACKSPACE + "²" + ENTER + BACKSPACE + "12" + ENTER
    assert ask("services", 5, keys) == 12


def test_each_question_shows_position_help_and_source() -> None:
    shown: list[str] = []
    ask("compensation", "high", ENTER, shown)
    cat = load_catalogue()
    trait = cat.traits["compensation"]
    text = "\n".join(shown)
    assert f"4/17  {trait.question}" in text
    assert trait.help.split()[0] in text
    for key in trait.sources():
        assert cat.cite(key).split(":")[0] in text
    assert "Source: " in text


def test_ctrl_c_raises_keyboard_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt):
        ask("compensation", "high", CTRL_C)


def test_the_target_prompt_skips_unavailable_targets() -> None:
    options = [("temporal", False), ("airflow", True)]
    assert typed(ENTER, lambda: ui.ask_target(options, "temporal")) == ""  # unavailable: none
    assert typed(DOWN + ENTER, lambda: ui.ask_target(options, "")) == "airflow"
    assert typed(ENTER, lambda: ui.ask_target(options, "airflow")) == "airflow"


def test_the_style_prompt_preselects_the_recommendation() -> None:
    rec = score_traits({"compensation": "high", "sequencing": "high"})
    assert typed(ENTER, lambda: ui.ask_style(rec)) == (rec.recommendation, "")
    other = typed(DOWN + ENTER + "  because  " + ENTER, lambda: ui.ask_style(rec))
    assert other[0] != rec.recommendation and other[1] == "because"
    kept = typed(DOWN + ENTER + ENTER, lambda: ui.ask_style(rec, "the reason on file"))
    assert kept[1] == "the reason on file"  # an earlier reason is pre-filled


def test_the_title_is_prefilled() -> None:
    assert typed(ENTER, lambda: ui.ask_title("Coordinate shop with orchestration")) == (
        "Coordinate shop with orchestration"
    )
    assert typed(
        BACKSPACE * 13 + "events" + ENTER,
        lambda: ui.ask_title("Coordinate shop with orchestration"),
    ) == ("Coordinate shop with events")


def test_review_lines_show_scores_reasons_and_flips() -> None:
    cat = load_catalogue()
    rec = score_traits({"compensation": "high", "sequencing": "high", "fan_out": "low"}, catalogue=cat)
    lines = ui.review_lines(rec)
    text = "\n".join(lines)
    assert f"Recommendation: {rec.recommendation} (confidence {rec.confidence}" in text
    rows = [line.lstrip("▶ ").split() for line in lines]
    bars = {row[0]: row[1:] for row in rows if row[:1] in ([s] for s in STYLES) and set(row[1]) <= set("█·")}
    for style, score in rec.scores.items():
        assert bars[style] == [bar(score), f"{score:.1f}"]
    assert any(line.startswith(f"▶ {rec.recommendation}") for line in lines)
    reasons = [c for c in rec.contributions if c.points > 0][:3]
    flowing = " ".join(line.strip() for line in lines)
    for c in reasons:
        assert f"+{c.points:g} {c.favours:<13} {c.trait} = {c.answer}: {c.reason} [{c.source}]" in flowing
    assert len([line for line in lines if line.startswith("  +")]) == 3
    assert all(len(line) <= 88 for line in lines)
    if rec.flips:
        flip = rec.flips[0]
        assert flip_sentence(flip.trait, flip.to, flip.recommendation) in text


def test_questionary_ruamel_and_jinja2_stay_unloaded_until_used() -> None:
    code = (
        "import sys, advisor.cli, advisor.cli.decide, advisor.decide; "
        "print(sorted(m for m in ('questionary', 'ruamel.yaml', 'jinja2') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert out.stdout.strip() == "[]"
