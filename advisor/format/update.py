"""Round-trip update of the architecture file: new traits and decision, the rest untouched.

Reading stays on the fast, safe loader (advisor.format.loader). Only `advisor decide` writes the
file back, through ruamel.yaml's round-trip mode, so a user's comments, key order,
quoting, flow lists and indentation survive. The file has already passed the safe
loader (no tags, no alias bombs, no duplicate keys) before ruamel.yaml sees it.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
from collections.abc import Mapping
from typing import Any

from advisor.decision.catalogue import Answer
from advisor.errors import InputError
from advisor.format.loader import Document, load_text
from advisor.format.splice import spliced

NEW_FILE = (
    "# Architecture model for advisor (format version 2).\n"
    "# `advisor schema` prints its JSON Schema; `advisor lint` checks it.\n"
    "version: 2\n"
)
_HEAD_KEYS = ("version", "system", "description")
_KEY_LINE = re.compile(r"( *)[^\s#-][^#]*:\s*(#.*)?$")
_DASH_LINE = re.compile(r"( *)- ")


def guess_indent(text: str) -> tuple[int, int]:
    """The file's mapping indent and block-sequence dash offset (defaults 2 and 2)."""
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    mapping = next(
        (
            len(line) - len(line.lstrip(" "))
            for line in lines
            if line.startswith(" ") and not line.lstrip().startswith("- ")
        ),
        2,
    )
    for previous, line in itertools.pairwise(lines):
        dash, key = _DASH_LINE.match(line), _KEY_LINE.match(previous)
        if dash and key:
            return mapping, max(len(dash.group(1)) - len(key.group(1)), 0)
    return mapping, 2


def yaml_for(text: str) -> Any:
    """A round-trip ruamel.yaml instance that writes with the indentation `text` uses."""
    from ruamel.yaml import YAML  # only `decide` writes YAML back; keep other paths light

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a user's long lines
    mapping, offset = guess_indent(text)
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml


def _fill(data: Any, key: str, after: tuple[str, ...], values: Mapping[str, Any]) -> None:
    """Update the mapping under `key`, creating it after the last of `after` when missing.

    A new section goes right below the one before it, set off by a blank line; the blank
    lines and comments that followed that section move below the new one.
    """
    from ruamel.yaml.comments import CommentedMap

    current = data.get(key)
    if current is None and key not in data and not values:
        return  # nothing to say: no empty section is added
    if isinstance(current, CommentedMap) and current.anchor.value is None:
        _update(current, values)
        return
    if isinstance(current, CommentedMap):  # shared through an alias: write a copy, not the original
        data[key] = fresh = CommentedMap(current)
        _update(fresh, values)
        return
    fresh = CommentedMap()
    if key in data:  # not a mapping: replace the value in place
        data[key] = fresh
        _update(fresh, values)
        return
    keys = list(data)
    position = max((keys.index(k) + 1 for k in after if k in data), default=0)
    tail = _blank_line_after(data, keys[position - 1]) if position else None
    data.insert(position, key, fresh)
    _update(fresh, values)
    if tail is not None and fresh:
        fresh.ca.items.setdefault(list(fresh)[-1], [None, None, None, None])[2] = tail


def _blank_line_after(data: Any, key: Any) -> Any:
    """End the value under `key` with a blank line; return what followed it (or None)."""
    from ruamel.yaml.comments import CommentedMap
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    holder = data
    while isinstance(holder[key], CommentedMap) and holder[key]:
        holder, key = holder[key], list(holder[key])[-1]
    if not isinstance(holder, CommentedMap):
        return None
    entry = holder.ca.items.setdefault(key, [None, None, None, None])
    old = entry[2]
    if old is None:
        entry[2] = CommentToken("\n\n", CommentMark(0), None)
        return None
    head, _, rest = old.value.partition("\n")  # an end-of-line comment stays on its line
    kept = copy.copy(old)
    kept.value = head + "\n\n"
    entry[2] = kept
    if not rest:
        return None
    moved = copy.copy(old)
    moved.value = "\n" + rest
    return moved


def _quoted(value: Any) -> Any:
    from ruamel.yaml.scalarstring import SingleQuotedScalarString

    # Dates stay text for every YAML reader (a plain 2026-01-31 is a date in YAML 1.1).
    return SingleQuotedScalarString(value) if isinstance(value, str) and value[:1].isdigit() else value


def _update(section: Any, values: Mapping[str, Any]) -> None:
    """Set (or, for None, remove) keys; blank lines and comments after the section stay after it."""
    last = list(section)[-1] if section else None
    entry = section.ca.items.get(last) if last is not None else None
    token = entry[2] if entry and len(entry) > 2 else None
    for key, value in values.items():
        if value is None:
            section.pop(key, None)
        else:
            section[key] = value
    new_last = list(section)[-1] if section else None
    if token is not None and new_last is not None and new_last != last:
        _move_trailing(section, last, new_last, token)


def _move_trailing(section: Any, old: Any, new: Any, token: Any) -> None:
    """Move what followed the old last line (blank lines, comments) under the new last line."""
    head, _, tail = token.value.partition("\n")
    if not tail:
        return
    if old in section:  # its end-of-line comment stays with it
        kept = copy.copy(token)
        kept.value = head + "\n"
        section.ca.items[old][2] = kept if head.strip() else None
    moved = copy.copy(token)
    moved.value = "\n" + tail
    section.ca.items.setdefault(new, [None, None, None, None])[2] = moved


def update_architecture_text(
    text: str | None,
    *,
    traits: Mapping[str, Answer],
    decision: Mapping[str, str | None],
    path: str = "architecture.yaml",
    before: Document | None = None,
) -> str:
    """The file's text with `traits` set and `decision` keys set (None removes a key).

    `before` is the file as the safe loader read it (read here when not given): only the
    sections the update touches are round-tripped, and every other section must read
    back the same (nothing written through an alias)."""
    document = before if before is not None else (load_text(text, path) if text and text.strip() else None)
    if text and document is not None:
        result = spliced(text, document, lambda part: _round_trip(part, traits, decision))
        if result is None:
            result = _round_trip(text, traits, decision)
    else:
        result = _round_trip(text, traits, decision)
    _check_round_trip(result, traits, decision, path, document.data if document else None)
    return result


def _round_trip(text: str | None, traits: Mapping[str, Answer], decision: Mapping[str, str | None]) -> str:
    """The whole text through ruamel.yaml's round trip, traits and decision updated."""
    source = text if text and text.strip() else NEW_FILE
    yaml = yaml_for(source)
    data = yaml.load(source)
    if not hasattr(data, "insert"):
        raise InputError("the top level must be a mapping of keys to values", None)
    _fill(data, "traits", _HEAD_KEYS, dict(traits))
    _fill(data, "decision", ("traits", *_HEAD_KEYS), {k: _quoted(v) for k, v in decision.items()})
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _check_round_trip(
    text: str, traits: Mapping[str, Answer], decision: Mapping[str, str | None], path: str, before: Any
) -> None:
    """Read the new text back with the safe loader: what we wrote must be what it reads."""
    data = load_text(text, path).data
    if isinstance(before, dict):
        untouched = {k for k in {*before, *data} if k not in ("traits", "decision")}
        changed = sorted(str(k) for k in untouched if before.get(k) != data.get(k))
        if changed:
            raise InputError(
                f"{path}: updating traits and decision would also change {', '.join(changed)} "
                "(a YAML alias shares them); nothing was written"
            )
    read_traits = data.get("traits") or {}
    read_decision = data.get("decision") or {}
    wrong = [t for t, v in traits.items() if read_traits.get(t) != v or type(read_traits.get(t)) is not type(v)]
    wrong += [k for k, v in decision.items() if read_decision.get(k) != v]
    if wrong:
        raise InputError(
            f"{path}: the updated file would not read back the same ({', '.join(wrong)}); nothing was written"
        )
