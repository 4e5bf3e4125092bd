"""Answers from files: every problem at once, located, and nothing guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.decision.answers import default_answers, read_answers, trait_problems
from advisor.decision.catalogue import load_catalogue
from advisor.errors import InputError
from advisor.format.model import Architecture, load_architecture


def answers_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_answers_are_read_as_typed_values(tmp_path: Path) -> None:
    path = answers_file(tmp_path, "traits:\n  services: 12\n  coordinator_ha: false\n  evolution: steps\n")
    assert read_answers(path) == {"services": 12, "coordinator_ha": False, "evolution": "steps"}


def test_other_sections_of_an_answers_file_are_not_its_business(tmp_path: Path) -> None:
    path = answers_file(tmp_path, "traits:\n  fan_out: high\nservices:\n  bad name!: 3\n")
    assert read_answers(path) == {"fan_out": "high"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("traits:\n", "answers.yaml:1:1: an answers file needs a `traits:` mapping"),
        ("traits: [high]\n", "answers.yaml:1:1: an answers file needs a `traits:` mapping"),
        ("system: x\n", "answers.yaml:1:1: an answers file needs a `traits:` mapping"),
        ("traits:\n  fan_out: high\n  fan_out: low\n", "duplicate key 'fan_out': first on line 2, again on line 3"),
        ("- high\n", "answers.yaml:1:1: the top level must be a mapping"),
        ("traits:\n  platform: !!python/object:os.system echo\n", "is not allowed"),
    ],
)
def test_unusable_answers_files_are_refused_with_a_location(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(InputError) as caught:
        read_answers(answers_file(tmp_path, text))
    assert expected in str(caught.value).replace(str(tmp_path) + "/", "")


def test_yaml_1_1_surprises_are_explained(tmp_path: Path) -> None:
    path = answers_file(tmp_path, "traits:\n  platform: no\n  coordinator_ha: 'true'\n")
    with pytest.raises(InputError) as caught:
        read_answers(path)
    message = str(caught.value)
    assert "platform: YAML read 'no' as a boolean False" in message
    assert "coordinator_ha: must be true or false, found text 'true'" in message


def test_defaults_come_from_the_file_then_the_rules() -> None:
    cat = load_catalogue()
    defaults = default_answers(Architecture(traits={"fan_out": "high"}), cat)
    assert defaults["fan_out"] == "high"
    assert {k: v for k, v in defaults.items() if k != "fan_out"} == {
        t.id: t.default for t in cat.traits.values() if t.id != "fan_out"
    }


def test_trait_problems_skip_the_overridden_ones(tmp_path: Path) -> None:
    path = tmp_path / "architecture.yaml"
    path.write_text("traits:\n  fan_out: lots\n  ordering: 3\n", encoding="utf-8")
    loaded = load_architecture(path)
    assert len(trait_problems(loaded)) == 2
    only = trait_problems(loaded, overridden={"fan_out": "low"})
    assert len(only) == 1 and "ordering:" in only[0] and only[0].startswith(f"{path}:3:13:")
