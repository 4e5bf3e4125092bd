"""The rules files: complete, cited, and refused with a located error when broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from advisor.decision.catalogue import load_catalogue
from advisor.errors import InputError
from advisor.resources import data_dir

SPEC_TRAITS = [
    "services",
    "flow_length",
    "communication_frequency",
    "sync_responses",
    "sequencing",
    "fan_out",
    "compensation",
    "visibility",
    "control",
    "long_running",
    "team_autonomy",
    "evolution",
    "throughput",
    "coordinator_ha",
    "ordering",
    "consistency",
    "platform",
]


def test_all_spec_traits_with_sources() -> None:
    cat = load_catalogue()
    assert list(cat.traits) == SPEC_TRAITS
    for trait in cat.traits.values():
        assert trait.question.endswith("?") and trait.help
        assert all(rule.source in cat.sources for rule in trait.rules)


def test_styles_cite_the_seed_first() -> None:
    cat = load_catalogue()
    for style in ("orchestration", "choreography"):
        assert cat.styles[style].pros[0].source == "SEED"
        assert cat.styles[style].cons[0].source == "SEED"


def broken(tmp_path: Path, name: str, old: str, new: str) -> str:
    rules = tmp_path / "rules"
    shutil.copytree(data_dir("rules"), rules)
    path = rules / name
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    load_catalogue.cache_clear()
    try:
        with pytest.raises(InputError) as caught:
            load_catalogue(rules)
    finally:
        load_catalogue.cache_clear()
    return str(caught.value)


def test_unknown_source_is_located(tmp_path: Path) -> None:
    message = broken(tmp_path, "traits.yaml", "source: SEED", "source: NOPE")
    assert "traits.yaml:" in message and "unknown source 'NOPE'" in message


def test_missing_answer_is_located(tmp_path: Path) -> None:
    message = broken(
        tmp_path,
        "traits.yaml",
        "      medium:\n        favours: orchestration\n        points: 3\n",
        "      mediun:\n        favours: orchestration\n        points: 3\n",
    )
    assert "answers must be exactly: low, medium, high" in message and "traits.yaml:" in message


def test_bad_points_are_located(tmp_path: Path) -> None:
    message = broken(tmp_path, "traits.yaml", "points: 8", "points: lots")
    assert "points must be a number" in message and ":" in message.split(" ")[0]


def test_broken_styles_file(tmp_path: Path) -> None:
    assert "not a level trait" in broken(tmp_path, "styles.yaml", "[team_autonomy,", "[services,")


def test_unquoted_comma_in_a_flow_mapping_is_caught(tmp_path: Path) -> None:
    old = (
        "      low:\n        favours: orchestration\n        points: 2\n"
        '        reason: "with few independent reactions, events add indirection without much gain"\n'
        "        source: BR-ECT\n"
    )
    new = "      low: {favours: orchestration, points: 2, source: BR-ECT, reason: few reactions, little gain}\n"
    message = broken(tmp_path, "traits.yaml", old, new)
    assert "unknown key 'little gain'" in message and "quote text with commas" in message
