"""A validator for the subset of JSON Schema that advisor.format.schema uses.

It reports located problems in file order, with "did you mean" hints for near-miss
keys and values, and says what YAML 1.1 made of unquoted words such as `on` or `no`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from advisor.decision.catalogue import Catalogue
from advisor.format.loader import Document, NodePath
from advisor.format.schema import CHANNEL_PATTERN, NAME_PATTERN, architecture_schema


@dataclass(frozen=True)
class Problem:
    """A schema violation at a node; `key` when it is about the key itself."""

    at: NodePath
    message: str
    key: bool = False
    hint: str = ""  # how to fix this problem, when there is more to say than the message


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
    "null": (type(None),),
}


def _type_ok(value: Any, expected: str | list[str]) -> bool:
    if isinstance(expected, list):
        return any(_type_ok(value, one) for one in expected)
    if isinstance(value, bool) and expected in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[expected])


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    kind = {dict: "a mapping", list: "a list", bool: "a boolean", str: "text"}.get(type(value), "a number")
    shown = repr(value) if not isinstance(value, (dict, list)) else ""
    return f"{kind} {shown}".strip()


_WANTED = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
}
_DURATION_HINT = "Write a whole number and a unit: 500ms, 30s, 5m, 2h or 14d."
_PATTERN_HINTS = {
    NAME_PATTERN: "Rename it: start with a letter, then letters, digits, _ . or -.",
    CHANNEL_PATTERN: "Write the broker address without spaces.",
}


def _reads_as(text: str, expected: str) -> bool:
    """Whether unquoted `text` would be read as the expected type (so the quotes are the mistake)."""
    if expected == "boolean":
        return text in ("true", "false")
    return re.fullmatch(r"-?[0-9]+" if expected == "integer" else r"-?[0-9]+(\.[0-9]+)?", text) is not None


def _same(value: Any, expected: Any) -> bool:
    """JSON equality: a boolean is not the number 1 or 0."""
    return type(value) is type(expected) and value == expected


class Validator:
    """Checks a Document against the schema subset advisor uses."""

    def __init__(self, document: Document) -> None:
        self.doc = document

    def check(self, schema: dict[str, Any], value: Any, at: NodePath) -> Iterator[Problem]:
        """Yield every problem with `value` (found at `at`) under `schema`."""
        if "errorMessage" in schema:
            inner = {k: v for k, v in schema.items() if k not in ("errorMessage", "x-at", "x-hint")}
            if any(True for _ in self.check(inner, value, at)):
                key = schema.get("x-at") == "key"
                yield Problem(at, schema["errorMessage"], key=key, hint=schema.get("x-hint", ""))
            return
        yield from self._conditions(schema, value, at)
        expected = schema.get("type")
        if expected and not _type_ok(value, expected):
            if "enum" in schema and at in self.doc.raw:
                yield self._not_allowed(value, schema["enum"], at)
            else:
                yield self._wrong_type(value, expected[0] if isinstance(expected, list) else expected, at)
            return
        if "enum" in schema and value not in schema["enum"]:
            if "x-not-allowed" in schema and type(value) is type(schema["enum"][0]):
                yield Problem(at, schema["x-not-allowed"].format(value=value), hint=schema.get("x-hint", ""))
            else:
                yield self._not_allowed(value, schema["enum"], at)
        if "anyOf" in schema:
            yield from self._any_of(schema["anyOf"], value, at)
        if isinstance(value, str):
            yield from self._string(schema, value, at)
        if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
            minimum = schema["minimum"]
            yield Problem(at, f"must be at least {minimum}, found {value}", hint=f"Use {minimum} or more.")
        if isinstance(value, list):
            yield from self._array(schema, value, at)
        if isinstance(value, dict):
            yield from self._object(schema, value, at)

    def _conditions(self, schema: dict[str, Any], value: Any, at: NodePath) -> Iterator[Problem]:
        """`const`, `not`, `allOf` and `if`/`then` (an `if` holds when it finds no problem)."""
        if "const" in schema and not _same(value, schema["const"]):
            yield Problem(at, f"must be {schema['const']!r}, found {_describe(value)}")
        if "not" in schema and not any(True for _ in self.check(schema["not"], value, at)):
            yield Problem(at, f"{_describe(value)} is not allowed here")
        for rule in schema.get("allOf", []):
            yield from self.check(rule, value, at)
        if "if" in schema and not any(True for _ in self.check(schema["if"], value, at)):
            yield from self.check(schema.get("then", {}), value, at)

    def _any_of(self, branches: list[dict[str, Any]], value: Any, at: NodePath) -> Iterator[Problem]:
        """Problems under the branch that fits the value's type (the first, if none fits)."""
        fitting = [b for b in branches if "type" not in b or _type_ok(value, b["type"])]
        if len(fitting) == 1 or not fitting:
            yield from self.check((fitting or branches)[0], value, at)
        elif not any(not list(self.check(b, value, at)) for b in fitting):
            allowed = fitting[0].get("enum", [])
            yield self._not_allowed(value, [*allowed, "BROKER+ENGINE"], at)

    def _string(self, schema: dict[str, Any], value: str, at: NodePath) -> Iterator[Problem]:
        pattern = schema.get("pattern")
        if pattern and not re.match(pattern, value):
            what = {
                NAME_PATTERN: "a name",
                CHANNEL_PATTERN: "a channel address (printable characters, no spaces, at most 255)",
            }.get(pattern, "a duration such as 30s, 5m, 2h or 1d")
            rule = " (a letter, then letters, digits, _ . -; at most 64)" if pattern == NAME_PATTERN else ""
            yield Problem(at, f"{value!r} is not {what}{rule}", hint=_PATTERN_HINTS.get(pattern, _DURATION_HINT))

    def _array(self, schema: dict[str, Any], value: list[Any], at: NodePath) -> Iterator[Problem]:
        items = schema.get("items")
        seen: set[Any] = set()
        for index, item in enumerate(value):
            if items:
                yield from self.check(items, item, (*at, index))
            name = item.get("service") if isinstance(item, dict) else item
            if schema.get("uniqueItems") and isinstance(name, str):
                if name in seen:
                    yield Problem((*at, index), f"{name!r} is listed twice", hint="Remove the repeated item.")
                seen.add(name)

    def _object(self, schema: dict[str, Any], value: dict[Any, Any], at: NodePath) -> Iterator[Problem]:
        properties: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        for key, item in value.items():
            if not isinstance(key, str):
                yield Problem(
                    (*at, key),
                    f"keys must be text, found {_describe(key)}",
                    key=True,
                    hint="Quote the key so that YAML reads it as text.",
                )
                continue
            if names and not re.match(names["pattern"], key):
                yield Problem(
                    (*at, key),
                    f"{key!r} is not a valid name (a letter, then letters, digits, _ . -; at most 64)",
                    key=True,
                    hint=_PATTERN_HINTS[NAME_PATTERN],
                )
            if key in properties:
                yield from self.check(properties[key], item, (*at, key))
            elif extra is False:
                yield self._unknown_key(key, properties, (*at, key))
            elif isinstance(extra, dict):
                yield from self.check(extra, item, (*at, key))
        for key in schema.get("required", []):
            if key not in value:
                yield Problem(at, f"missing required key {key!r}", hint=f"Add `{key}:` here.")

    def _unknown_key(self, key: str, properties: dict[str, Any], at: NodePath) -> Problem:
        where = ".".join(str(p) for p in at[:-1]) or "the top level"
        close = difflib.get_close_matches(key, list(properties), n=1, cutoff=0.6)
        if close:
            return Problem(at, f"unknown key {key!r} in {where}; did you mean {close[0]!r}?", True, "Correct the key.")
        allowed = ", ".join(properties)
        return Problem(
            at, f"unknown key {key!r} in {where}; allowed: {allowed}", True, "Remove it or use a key allowed here."
        )

    def _wrong_type(self, value: Any, expected: str, at: NodePath) -> Problem:
        raw = self.doc.raw.get(at)
        wanted = _WANTED[expected]
        if raw is not None and expected == "string":
            return Problem(
                at,
                f'YAML read {raw!r} as {_describe(value)}, but text is expected here; quote it: "{raw}"',
                hint="Quote text that YAML would otherwise read as a boolean, number or null.",
            )
        message = f"must be {wanted}, found {_describe(value)}"
        if isinstance(value, str) and expected in ("integer", "number", "boolean") and _reads_as(value, expected):
            return Problem(at, message, hint=f"Remove the quotes around {value!r}: quoted, YAML reads it as text.")
        return Problem(at, message, hint=f"Write {wanted} here.")

    def _not_allowed(self, value: Any, allowed: list[Any], at: NodePath) -> Problem:
        options = ", ".join(map(str, allowed))
        raw = self.doc.raw.get(at)
        if raw is not None and not isinstance(value, str):
            return Problem(
                at,
                f"YAML read {raw!r} as {_describe(value)}; allowed: {options} (quote it if you meant the text)",
                hint=f'Use one of the allowed values; to mean the text, quote it: "{raw}".',
            )
        close = difflib.get_close_matches(str(value), list(map(str, allowed)), n=1, cutoff=0.6)
        suggestion = f"; did you mean {close[0]!r}?" if close else ""
        hint = f"Write {close[0]!r}." if close else "Use one of the allowed values."
        return Problem(at, f"{value!r} is not allowed; allowed: {options}{suggestion}", hint=hint)


def validate(document: Document, catalogue: Catalogue | None = None) -> list[Problem]:
    """Every schema problem in an architecture document, in file order."""
    found = Validator(document).check(architecture_schema(catalogue), document.data, ())
    problems = list(dict.fromkeys(found))  # a key under two subschemas (e.g. not text) once

    def position(problem: Problem) -> tuple[int, int]:
        where = document.locate(problem.at, key=problem.key)
        return where.line, where.column

    return sorted(problems, key=position)
