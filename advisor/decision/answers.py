"""The questionnaire's answers from files: defaults, `--answers F`, and FILE's own traits.

Every bad answer is reported at once, each with file:line:col, the trait, what was read
and what is allowed (the schema validator's messages).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from advisor.decision.catalogue import Answer, Catalogue, load_catalogue
from advisor.decision.evidence import Derived, system_traits
from advisor.errors import InputError, Location
from advisor.format.loader import load_file
from advisor.format.model import Architecture, Loaded
from advisor.format.validation import validate


def default_answers(model: Architecture, catalogue: Catalogue | None = None) -> dict[str, Answer]:
    """The questionnaire's pre-filled answers: the file's valid traits, else what the model
    says (derived), else each trait's default from the rules."""
    cat = catalogue or load_catalogue()
    derived = derived_defaults(model)
    return {
        tid: model.traits.get(tid, derived[tid].answer if tid in derived else trait.default)
        for tid, trait in cat.traits.items()
    }


def derived_defaults(model: Architecture) -> dict[str, Derived]:
    """The traits the model says that the file does not answer."""
    return {tid: d for tid, d in system_traits(model).items() if tid not in model.traits}


def answered(asked: Mapping[str, Answer], model: Architecture) -> dict[str, Answer]:
    """The questionnaire's answers to keep: a derived value kept as shown stays derived, not answered."""
    derived = derived_defaults(model)
    return {tid: value for tid, value in asked.items() if not (tid in derived and derived[tid].answer == value)}


def read_answers(path: Path) -> dict[str, Answer]:
    """The `traits:` of an answers file; every bad answer reported at once (InputError)."""
    document = load_file(path, display=str(path))
    traits = document.data.get("traits")
    if not isinstance(traits, dict):
        where = document.locate(("traits",), key=True) if "traits" in document.data else Location(str(path), 1, 1)
        raise InputError("an answers file needs a `traits:` mapping (see `advisor questions`)", where)
    problems = [p for p in validate(document) if p.at[:1] == ("traits",)]
    if problems:
        lines = [f"{document.locate(p.at, key=p.key)}: {_trait_of(p.at)}{p.message}" for p in problems]
        raise InputError(_listing(f"{path} has {_count(len(lines), 'bad answer')}", lines))
    return {str(k): v for k, v in traits.items()}


def trait_problems(loaded: Loaded | None, *, overridden: Mapping[str, Answer] = {}) -> list[str]:
    """`file:line:col: trait: problem` for each invalid trait in the file not overridden."""
    if loaded is None:
        return []
    return [
        f"{loaded.document.locate(p.at, key=p.key)}: {_trait_of(p.at)}{p.message}"
        for p in loaded.problems
        if p.at[:1] == ("traits",) and not (len(p.at) > 1 and p.at[1] in overridden)
    ]


def file_answers(loaded: Loaded | None, *, overridden: Mapping[str, Answer] = {}) -> None:
    """Refuse the architecture file's invalid traits (those not overridden), all at once."""
    lines = trait_problems(loaded, overridden=overridden)
    if lines and loaded:
        raise InputError(_listing(f"{loaded.document.path} has {_count(len(lines), 'bad trait')}", lines))


def _trait_of(at: tuple[str | int, ...]) -> str:
    return f"{at[1]}: " if len(at) > 1 else ""


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _listing(head: str, lines: list[str]) -> str:
    return f"{head}:\n  " + "\n  ".join(lines)
