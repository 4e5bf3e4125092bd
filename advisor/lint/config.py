"""`.advisor.yaml`: per-rule severities (or `off`), thresholds and the default --fail-on.

lint:
  fail-on: warning
  rules:
    decision-mismatch: off
    event-cycle: error
    long-event-chain: {severity: warning, max-hops: 5}
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.errors import InputError, Location
from advisor.format.loader import Document, NodePath, load_file
from advisor.lint.finding import SEVERITIES
from advisor.suggest import did_you_mean

CONFIG_NAME = ".advisor.yaml"
_LEVELS = (*SEVERITIES, "off")


@dataclass(frozen=True)
class LintConfig:
    """Resolved settings: severity and options per rule, and the default fail-on level."""

    severities: Mapping[str, str] = field(default_factory=dict)
    options: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    fail_on: str = ""
    path: str = ""
    strict: bool = False  # ignore suppression comments (an audit)


def find_config(start: Path) -> Path | None:
    """The nearest `.advisor.yaml` in the linted file's directory or above it."""
    directory = start.resolve().parent
    for candidate in (directory, *directory.parents):
        found = candidate / CONFIG_NAME
        if found.is_file():
            return _shown(found)
    return None


def _shown(path: Path) -> Path:
    """The path relative to the working directory when it is below it (for messages)."""
    try:
        return path.relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def load_config(path: Path, rules: Mapping[str, Mapping[str, int]]) -> LintConfig:
    """Read and check a config file against the rules (id -> default options)."""
    doc = load_file(path)
    return _Reader(doc, rules).read()


def _empty(value: Any) -> Any:
    """An absent or empty (null) section reads as an empty mapping."""
    return {} if value is None else value


def _choose(word: str, allowed: list[str]) -> str:
    close = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
    return f"did you mean {close[0]!r}?" if close else f"allowed: {', '.join(allowed)}"


class _Reader:
    """Validates a config document, collecting every bad key with its line (one run shows all)."""

    def __init__(self, doc: Document, rules: Mapping[str, Mapping[str, int]]) -> None:
        self.doc = doc
        self.rules = rules
        self.problems: list[tuple[Location, str]] = []

    def fail(self, at: NodePath, message: str, *, key: bool = False) -> None:
        self.problems.append((self.doc.locate(at, key=key), message))

    def mapping(self, value: Any, at: NodePath, allowed: list[str]) -> dict[str, Any]:
        """The known keys of a mapping; a non-mapping or an unknown key is a problem."""
        name = ".".join(map(str, at)) or "the top level"
        if not isinstance(value, dict):
            self.fail(at, f"{name} must be a mapping")
            return {}
        for key in value:
            if key not in allowed:
                self.fail((*at, key), f"unknown key {key!r} in {name}; {_choose(str(key), allowed)}", key=True)
        return {k: v for k, v in value.items() if k in allowed}

    def read(self) -> LintConfig:
        top = self.mapping(self.doc.data, (), ["lint"])
        lint = self.mapping(_empty(top.get("lint")), ("lint",), ["fail-on", "rules"])
        fail_on = lint.get("fail-on", "")
        if fail_on and fail_on not in SEVERITIES:
            self.fail(
                ("lint", "fail-on"),
                f"lint.fail-on must be one of {', '.join(SEVERITIES)}, found {fail_on!r}"
                + did_you_mean(str(fail_on), SEVERITIES),
            )
            fail_on = ""
        rules = self.mapping(_empty(lint.get("rules")), ("lint", "rules"), list(self.rules))
        severities: dict[str, str] = {}
        options: dict[str, dict[str, int]] = {}
        for rule, setting in rules.items():
            severities[rule], options[rule] = self.rule(rule, setting)
        self.raise_problems()
        return LintConfig({k: v for k, v in severities.items() if v}, options, fail_on, str(self.doc.path))

    def raise_problems(self) -> None:
        if len(self.problems) == 1:
            where, message = self.problems[0]
            raise InputError(f"bad lint configuration: {message}", where)
        if self.problems:
            lines = "\n  ".join(f"{where}: {message}" for where, message in self.problems)
            raise InputError(f"{self.doc.path}: bad lint configuration ({len(self.problems)} problems):\n  {lines}")

    def rule(self, rule: str, setting: Any) -> tuple[str, dict[str, int]]:
        at: NodePath = ("lint", "rules", rule)
        if not isinstance(setting, dict):
            return self.severity(setting, at), {}
        body = self.mapping(setting, at, ["severity", *self.rules[rule]])
        options = {}
        for name, value in body.items():
            if name == "severity":
                continue
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                self.fail((*at, name), f"{rule}.{name} must be a whole number of at least 1, found {value!r}")
                continue
            options[name] = value
        return (self.severity(body["severity"], (*at, "severity")) if "severity" in body else ""), options

    def severity(self, value: Any, at: NodePath) -> str:
        # YAML 1.1 reads a bare `off` as false: accept it as meant.
        level = "off" if value is False else value
        if level not in _LEVELS:
            shown = ".".join(map(str, at[2:]))
            self.fail(
                at, f"{shown} must be one of {', '.join(_LEVELS)}, found {value!r}" + did_you_mean(str(value), _LEVELS)
            )
            return ""
        if level == "off" and at[2] == "syntax":
            # A pipeline must never pass on a file nobody could parse.
            self.fail(at, "syntax cannot be turned off: a file that is not YAML cannot be checked at all")
            return ""
        return str(level)
