"""The trait questions, scoring points, styles and sources from `rules/*.yaml`.

The rules files are data, validated when loaded: a broken file is an InputError
naming the file, line and column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal, cast

from advisor.errors import InputError
from advisor.format.loader import Document, NodePath, load_file
from advisor.resources import data_dir

STYLES = ("orchestration", "choreography", "hybrid")
LEVELS = ("low", "medium", "high")
TraitType = Literal["int", "level", "choice", "bool"]
Answer = int | str | bool


def show_answer(answer: object) -> str:
    """An answer as it is written in YAML (booleans lower-case)."""
    return str(answer).lower() if isinstance(answer, bool) else str(answer)


@dataclass(frozen=True)
class Rule:
    """What one answer (or band of integers) gives: points to a style, why, and the source."""

    label: str
    favours: str
    points: float
    reason: str
    source: str
    start: int = 0


@dataclass(frozen=True)
class Trait:
    """One questionnaire question and its scoring rules."""

    id: str
    type: TraitType
    question: str
    help: str
    default: Answer
    rules: tuple[Rule, ...]
    minimum: int = 1

    @property
    def choices(self) -> tuple[Answer, ...]:
        """The allowed answers (for integers, the first value of each band)."""
        if self.type == "bool":
            return (True, False)
        if self.type == "int":
            return tuple(rule.start for rule in self.rules)
        return tuple(rule.label for rule in self.rules)

    def rule_for(self, answer: Answer) -> Rule:
        """The scoring rule an answer falls under."""
        if self.type == "int":
            assert isinstance(answer, int)
            return [rule for rule in self.rules if rule.start <= answer][-1]
        key = str(answer).lower() if self.type == "bool" else answer
        return next(rule for rule in self.rules if rule.label == key)

    @cached_property
    def most(self) -> Mapping[str, float]:
        """The most points an answer can give each style (0 when none favours it)."""
        return {s: max((r.points for r in self.rules if r.favours == s), default=0.0) for s in STYLES[:2]}

    @cached_property
    def weight(self) -> float:
        """The most points one answer to this trait can give (its share of the evidence)."""
        return max((rule.points for rule in self.rules), default=0.0)

    def sources(self) -> tuple[str, ...]:
        """The distinct source keys behind this trait's rules, in order."""
        return tuple(dict.fromkeys(rule.source for rule in self.rules))


@dataclass(frozen=True)
class Point:
    """A pro or con of a style, with its source."""

    text: str
    source: str


@dataclass(frozen=True)
class Style:
    """One of the three options."""

    id: str
    title: str
    summary: str
    pros: tuple[Point, ...]
    cons: tuple[Point, ...]
    tools: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """A publication the rules cite."""

    key: str
    title: str
    url: str = ""


@dataclass(frozen=True)
class Catalogue:
    """Everything in `rules/`, validated."""

    rules_version: str
    traits: Mapping[str, Trait]
    styles: Mapping[str, Style]
    sources: Mapping[str, Source]
    hybrid_drivers: Mapping[str, tuple[str, ...]]
    hybrid_bonus: float
    hybrid_levels: Mapping[str, float]
    hybrid_source: str
    confidence: Mapping[str, float]
    coverage: Mapping[str, float]

    @cached_property
    def total_weight(self) -> float:
        """The weight of all traits together (coverage is a share of it)."""
        return sum(trait.weight for trait in self.traits.values())

    def cite(self, key: str) -> str:
        """`KEY: title` for a source key."""
        return f"{key}: {self.sources[key].title}"


@cache
def load_catalogue(directory: Path | None = None) -> Catalogue:
    """Load and validate `sources.yaml`, `traits.yaml` and `styles.yaml`."""
    root = directory or data_dir("rules")
    sources_doc = load_file(root / "sources.yaml")
    sources = {
        str(key): Source(str(key), _text(sources_doc, (key, "title")), str(value.get("url", "")))
        for key, value in _mapping(sources_doc, ()).items()
        if _mapping(sources_doc, (key,)) is not None
    }
    traits_doc = load_file(root / "traits.yaml")
    reader = _Reader(traits_doc, sources)
    traits = {str(tid): reader.trait(str(tid)) for tid in _mapping(traits_doc, ("traits",))}
    styles_doc = load_file(root / "styles.yaml")
    return _Reader(styles_doc, sources).catalogue(_text(traits_doc, ("rules_version",)), traits)


def _fail(doc: Document, at: NodePath, message: str) -> InputError:
    return InputError(f"broken rules file: {message}", doc.locate(at))


def _get(doc: Document, at: NodePath) -> Any:
    value: Any = doc.data
    for part in at:
        found = isinstance(value, dict) and part in value
        found = found or (isinstance(value, list) and isinstance(part, int) and part < len(value))
        if found:
            value = value[part]
        else:
            raise _fail(doc, at[:-1], f"missing key {'.'.join(map(str, at))}")
    return value


def _mapping(doc: Document, at: NodePath) -> dict[Any, Any]:
    value = _get(doc, at)
    if not isinstance(value, dict):
        raise _fail(doc, at, f"{'.'.join(map(str, at)) or 'top level'} must be a mapping")
    return value


def _only(doc: Document, at: NodePath, allowed: set[str]) -> None:
    """Refuse keys a rules entry does not know (a comma in an unquoted flow value makes one)."""
    for key in _mapping(doc, at):
        if key not in allowed:
            raise _fail(
                doc, (*at, key), f"unknown key {key!r}; allowed: {', '.join(sorted(allowed))} (quote text with commas)"
            )


def _text(doc: Document, at: NodePath) -> str:
    value = _get(doc, at)
    if not isinstance(value, str) or not value.strip():
        raise _fail(doc, at, f"{'.'.join(map(str, at))} must be non-empty text")
    return value.strip()


class _Reader:
    """Reads one rules document, checking each value as it goes."""

    def __init__(self, doc: Document, sources: Mapping[str, Source]) -> None:
        self.doc = doc
        self.sources = sources

    def source(self, at: NodePath) -> str:
        key = _text(self.doc, at)
        if key not in self.sources:
            raise _fail(self.doc, at, f"unknown source {key!r}; known: {', '.join(self.sources)}")
        return key

    def rule(self, at: NodePath, label: str, start: int = 0) -> Rule:
        _only(self.doc, at, {"favours", "points", "reason", "source", "from"})
        favours = _text(self.doc, (*at, "favours"))
        if favours not in ("orchestration", "choreography", "neutral"):
            raise _fail(self.doc, (*at, "favours"), "favours must be orchestration, choreography or neutral")
        points = _get(self.doc, (*at, "points"))
        if isinstance(points, bool) or not isinstance(points, (int, float)) or points < 0:
            raise _fail(self.doc, (*at, "points"), "points must be a number >= 0")
        reason = _text(self.doc, (*at, "reason"))
        return Rule(label, favours, float(points), reason, self.source((*at, "source")), start)

    def trait(self, tid: str) -> Trait:
        at: NodePath = ("traits", tid)
        kind = _text(self.doc, (*at, "type"))
        if kind not in ("int", "level", "choice", "bool"):
            raise _fail(self.doc, (*at, "type"), "type must be int, level, choice or bool")
        rules = self.bands(at) if kind == "int" else self.answers(at, kind)
        trait = Trait(
            tid,
            cast(TraitType, kind),
            _text(self.doc, (*at, "question")),
            _text(self.doc, (*at, "help")),
            _get(self.doc, (*at, "default")),
            rules,
            int(_mapping(self.doc, at).get("minimum", 1)),
        )
        if kind == "int":
            ok = isinstance(trait.default, int) and not isinstance(trait.default, bool)
        else:
            ok = trait.default in trait.choices and type(trait.default) is type(trait.choices[0])
        if not ok:
            raise _fail(self.doc, (*at, "default"), f"default must be one of the answers of {tid}")
        return trait

    def bands(self, at: NodePath) -> tuple[Rule, ...]:
        bands = _get(self.doc, (*at, "bands"))
        if not isinstance(bands, list) or not bands:
            raise _fail(self.doc, (*at, "bands"), "bands must be a non-empty list")
        rules: list[Rule] = []
        for index, band in enumerate(bands):
            start = band.get("from") if isinstance(band, dict) else None
            if not isinstance(start, int) or (rules and start <= rules[-1].start):
                raise _fail(self.doc, (*at, "bands", index), "each band needs an integer `from`, increasing")
            rules.append(self.rule((*at, "bands", index), str(start), start))
        return tuple(rules)

    def answers(self, at: NodePath, kind: str) -> tuple[Rule, ...]:
        answers = _mapping(self.doc, (*at, "answers"))
        expected: tuple[str, ...] = {"level": LEVELS, "bool": ("true", "false")}.get(kind, ())
        if kind == "choice":
            expected = tuple(map(str, _get(self.doc, (*at, "choices"))))
        if set(map(str, answers)) != set(expected):
            raise _fail(self.doc, (*at, "answers"), f"answers must be exactly: {', '.join(expected)}")
        return tuple(self.rule((*at, "answers", key), key) for key in expected)

    def points(self, at: NodePath) -> tuple[Point, ...]:
        items = _get(self.doc, at)
        if not isinstance(items, list):
            raise _fail(self.doc, at, "must be a list")
        for index in range(len(items)):
            _only(self.doc, (*at, index), {"text", "source"})
        return tuple(
            Point(_text(self.doc, (*at, i, "text")), self.source((*at, i, "source"))) for i in range(len(items))
        )

    def style(self, sid: str) -> Style:
        at: NodePath = ("styles", sid)
        tools = _get(self.doc, (*at, "tools"))
        return Style(
            sid,
            _text(self.doc, (*at, "title")),
            _text(self.doc, (*at, "summary")),
            self.points((*at, "pros")),
            self.points((*at, "cons")),
            tuple(map(str, tools)),
        )

    def catalogue(self, version: str, traits: dict[str, Trait]) -> Catalogue:
        drivers = _mapping(self.doc, ("hybrid", "drivers"))
        for side in ("orchestration", "choreography"):
            for tid in _get(self.doc, ("hybrid", "drivers", side)):
                if tid not in traits or traits[tid].type != "level":
                    raise _fail(self.doc, ("hybrid", "drivers", side), f"{tid!r} is not a level trait")
        confidence = _mapping(self.doc, ("confidence",))
        levels = _mapping(self.doc, ("hybrid", "levels"))
        if set(levels) != set(LEVELS) or not all(isinstance(v, (int, float)) for v in levels.values()):
            raise _fail(self.doc, ("hybrid", "levels"), "levels must give a number for low, medium and high")
        return Catalogue(
            rules_version=version,
            traits=traits,
            styles={sid: self.style(sid) for sid in STYLES},
            sources=self.sources,
            hybrid_drivers={side: tuple(drivers[side]) for side in ("orchestration", "choreography")},
            hybrid_bonus=float(_get(self.doc, ("hybrid", "bonus"))),
            hybrid_levels={key: float(value) for key, value in levels.items()},
            hybrid_source=self.source(("hybrid", "source")),
            confidence={key: float(confidence[key]) for key in ("high", "medium")},
            coverage={key: float(_get(self.doc, ("confidence", "coverage", key))) for key in ("high", "medium")},
        )
