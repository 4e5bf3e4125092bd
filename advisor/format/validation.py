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


_TYPES: dict[str, tuple[type, ...]] = {
    "object": (dict,),
    "array": (list,),
    "string": (str,),
    "boolean": (bool,),
    "integer": (int,),
    "number": (int, float),
}


def _type_ok(value: Any, expected: str) -> bool:
    if isinstance(value, bool) and expected in ("integer", "number"):
        return False
    return isinstance(value, _TYPES[expected])


def _describe(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    kind = {dict: "a mapping", list: "a list", bool: "a boolean", str: "text"}.get(type(value), "a number")
    shown = repr(value) if not isinstance(value, (dict, list)) else ""
    return f"{kind} {shown}".strip()


class Validator:
    """Checks a Document against the schema subset advisor uses."""

    def __init__(self, document: Document) -> None:
        self.doc = document

    def check(self, schema: dict[str, Any], value: Any, at: NodePath) -> Iterator[Problem]:
        """Yield every problem with `value` (found at `at`) under `schema`."""
        expected = schema.get("type")
        if expected and not _type_ok(value, expected):
            if "enum" in schema and at in self.doc.raw:
                yield Problem(at, self._not_allowed(value, schema["enum"], at))
            else:
                yield Problem(at, self._wrong_type(value, expected, at))
            return
        if "enum" in schema and value not in schema["enum"]:
            if "x-not-allowed" in schema and type(value) is type(schema["enum"][0]):
                yield Problem(at, schema["x-not-allowed"].format(value=value))
            else:
                yield Problem(at, self._not_allowed(value, schema["enum"], at))
        if "anyOf" in schema:
            yield from self._any_of(schema["anyOf"], value, at)
        if isinstance(value, str):
            yield from self._string(schema, value, at)
        if isinstance(value, int) and "minimum" in schema and value < schema["minimum"]:
            yield Problem(at, f"must be at least {schema['minimum']}, found {value}")
        if isinstance(value, list):
            yield from self._array(schema, value, at)
        if isinstance(value, dict):
            yield from self._object(schema, value, at)

    def _any_of(self, branches: list[dict[str, Any]], value: Any, at: NodePath) -> Iterator[Problem]:
        """Problems under the branch that fits the value's type (the first, if none fits)."""
        fitting = [b for b in branches if "type" not in b or _type_ok(value, b["type"])]
        if len(fitting) == 1 or not fitting:
            yield from self.check((fitting or branches)[0], value, at)
        elif not any(not list(self.check(b, value, at)) for b in fitting):
            allowed = fitting[0].get("enum", [])
            yield Problem(at, self._not_allowed(value, [*allowed, "BROKER+ENGINE"], at))

    def _string(self, schema: dict[str, Any], value: str, at: NodePath) -> Iterator[Problem]:
        pattern = schema.get("pattern")
        if pattern and not re.match(pattern, value):
            what = {
                NAME_PATTERN: "a name",
                CHANNEL_PATTERN: "a channel address (printable characters, no spaces, at most 255)",
            }.get(pattern, "a duration such as 30s, 5m, 2h or 1d")
            hint = " (a letter, then letters, digits, _ . -; at most 64)" if pattern == NAME_PATTERN else ""
            yield Problem(at, f"{value!r} is not {what}{hint}")

    def _array(self, schema: dict[str, Any], value: list[Any], at: NodePath) -> Iterator[Problem]:
        items = schema.get("items")
        seen: set[Any] = set()
        for index, item in enumerate(value):
            if items:
                yield from self.check(items, item, (*at, index))
            name = item.get("service") if isinstance(item, dict) else item
            if schema.get("uniqueItems") and isinstance(name, str):
                if name in seen:
                    yield Problem((*at, index), f"{name!r} is listed twice")
                seen.add(name)

    def _object(self, schema: dict[str, Any], value: dict[Any, Any], at: NodePath) -> Iterator[Problem]:
        properties: dict[str, Any] = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        names = schema.get("propertyNames")
        for key, item in value.items():
            if not isinstance(key, str):
                yield Problem((*at, key), f"keys must be text, found {_describe(key)}", key=True)
                continue
            if names and not re.match(names["pattern"], key):
                yield Problem(
                    (*at, key),
                    f"{key!r} is not a valid name (a letter, then letters, digits, _ . -; at most 64)",
                    key=True,
                )
            if key in properties:
                yield from self.check(properties[key], item, (*at, key))
            elif extra is False:
                yield Problem((*at, key), self._unknown_key(key, properties, at), key=True)
            elif isinstance(extra, dict):
                yield from self.check(extra, item, (*at, key))
        for key in schema.get("required", []):
            if key not in value:
                yield Problem(at, f"missing required key {key!r}")
        for rule in schema.get("allOf", []):
            condition = rule["if"]
            matches = all(k in value for k in condition.get("required", [])) and all(
                value.get(k) == s["const"] for k, s in condition["properties"].items() if k in value
            )
            if matches:
                for key in rule["then"].get("required", []):
                    if key not in value:
                        yield Problem(at, f"missing required key {key!r} (needed when style is {value.get('style')})")

    def _unknown_key(self, key: str, properties: dict[str, Any], at: NodePath) -> str:
        where = ".".join(str(p) for p in at) or "the top level"
        close = difflib.get_close_matches(key, list(properties), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else f"; allowed: {', '.join(properties)}"
        return f"unknown key {key!r} in {where}{hint}"

    def _wrong_type(self, value: Any, expected: str, at: NodePath) -> str:
        raw = self.doc.raw.get(at)
        wanted = {
            "object": "a mapping",
            "array": "a list",
            "string": "text",
            "boolean": "true or false",
            "integer": "a whole number",
            "number": "a number",
        }[expected]
        if raw is not None and expected == "string":
            return f'YAML read {raw!r} as {_describe(value)}, but text is expected here; quote it: "{raw}"'
        return f"must be {wanted}, found {_describe(value)}"

    def _not_allowed(self, value: Any, allowed: list[Any], at: NodePath) -> str:
        options = ", ".join(map(str, allowed))
        raw = self.doc.raw.get(at)
        if raw is not None and not isinstance(value, str):
            return f"YAML read {raw!r} as {_describe(value)}; allowed: {options} (quote it if you meant the text)"
        close = difflib.get_close_matches(str(value), list(map(str, allowed)), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return f"{value!r} is not allowed; allowed: {options}{hint}"


# Keys (by their path, `*` for any name or index) that only format version 2 has.
_V2_ONLY: tuple[tuple[str, ...], ...] = (
    ("services", "*", "reacts"),
    ("services", "*", "managed"),
    ("services", "*", "datastore"),
    ("services", "*", "consumer"),
    ("events", "*", "kind"),
    ("events", "*", "channel"),
    ("flows", "*", "traits"),
    ("flows", "*", "steps", "*", "kind"),
    ("flows", "*", "steps", "*", "critical"),
)


def _matching(data: Any, pattern: tuple[str, ...], at: NodePath = ()) -> Iterator[NodePath]:
    if not pattern:
        yield at
        return
    head, rest = pattern[0], pattern[1:]
    if isinstance(data, dict):
        keys = list(data) if head == "*" else [head] if head in data else []
        for key in keys:
            yield from _matching(data[key], rest, (*at, key))
    elif isinstance(data, list) and head == "*":
        for index, item in enumerate(data):
            yield from _matching(item, rest, (*at, index))


def version_problems(data: Any) -> Iterator[Problem]:
    """Version 2 features used in a file that says (or defaults to) version 1."""
    if not isinstance(data, dict) or data.get("version", 1) != 1:
        return
    needs = "is format version 2; set `version: 2` at the top of the file to use it"
    for pattern in _V2_ONLY:
        for at in _matching(data, pattern):
            yield Problem(at, f"{at[-1]!r} {needs}", key=True)
    for at in _matching(data, ("services", "*")):
        service = data["services"][at[1]]
        if isinstance(service, dict) and service.get("role") == "gateway":
            yield Problem((*at, "role"), f"role 'gateway' {needs}")
        calls = service.get("calls") if isinstance(service, dict) else None
        for index, call in enumerate(calls if isinstance(calls, list) else []):
            if isinstance(call, dict):
                yield Problem((*at, "calls", index), f"a call with details {needs}")


def validate(document: Document, catalogue: Catalogue | None = None) -> list[Problem]:
    """Every schema problem in an architecture document, in file order."""
    problems = list(Validator(document).check(architecture_schema(catalogue), document.data, ()))
    problems += version_problems(document.data)

    def position(problem: Problem) -> tuple[int, int]:
        where = document.locate(problem.at, key=problem.key)
        return where.line, where.column

    return sorted(problems, key=position)
