"""Writing imported facts into an architecture file: what is written by hand wins.

The file goes through ruamel.yaml's round-trip mode (advisor.format.update), so its
comments, order and quoting survive. A fact the file already holds is `same`; one it
lacks is `added`; one it contradicts is a `conflict`, reported and left as written. A
value the source does not state (a platform default, such as one replica where compose
says nothing) that the file sets otherwise is `overridden`: the file is more specific,
so that is no conflict. Importing the same sources again therefore changes nothing.
"""

from __future__ import annotations

import copy
import io
from dataclasses import dataclass, replace
from typing import Any

from advisor.errors import InputError, Location
from advisor.format.interop.facts import Fact, FactPath, Facts, Note, item_key
from advisor.format.loader import load_text
from advisor.format.update import yaml_for

NEW_FILE = (
    "# Architecture model for advisor (format version 2), started by `advisor import`.\n"
    "# Facts written by hand win over imported ones; `advisor lint` checks the file.\n"
    "version: 2\n"
)
VERSION = 2
_ORDER = ("version", "system", "description", "traits", "decision", "services", "events", "flows")


@dataclass(frozen=True)
class Entry:
    """What became of one fact: added, same (already there), conflict (the file's value kept) or
    overridden (a default of the source's platform the file sets otherwise)."""

    status: str
    path: FactPath
    value: Any
    source: Location
    current: Any = None
    detail: str = ""


@dataclass(frozen=True)
class Merged:
    """The new text of the architecture file and what the import did."""

    text: str
    entries: tuple[Entry, ...]
    notes: tuple[Note, ...]
    upgraded: bool  # the file's `version` was raised to 2

    @property
    def changed(self) -> bool:
        """True when the import added something (or raised the version)."""
        return self.upgraded or any(e.status == "added" for e in self.entries)


def merge_facts(text: str | None, facts: Facts, *, path: str = "architecture.yaml") -> Merged:
    """The file's text with the facts merged in (a new file when text is None or empty)."""
    if not (text and text.strip()):
        return _new_file(facts)
    source = text
    yaml = yaml_for(source)
    data = yaml.load(source)
    if not hasattr(data, "insert"):
        raise InputError("the top level must be a mapping of keys to values", Location(path, 1, 1))
    _block(data)  # a one-line file (`{version: 2}`) gains its sections one per line
    upgraded = _version(data)
    entries = tuple(_apply(data, fact) for fact in facts.facts)
    out = io.StringIO()
    yaml.dump(data, out)
    result = out.getvalue()
    _check(result, entries, path)
    return Merged(result, entries, tuple(facts.notes), upgraded)


def _new_file(facts: Facts) -> Merged:
    """A new file: the same merge over plain data, written by PyYAML (much faster than round-trip)."""
    import yaml

    data: dict[str, Any] = {"version": VERSION}
    entries = tuple(_apply(data, fact, plain=True) for fact in facts.facts)
    body = yaml.dump(data, Dumper=_block_dumper(), sort_keys=False, allow_unicode=True, width=4096)
    return Merged(NEW_FILE.removesuffix("version: 2\n") + body, entries, tuple(facts.notes), True)


def _block_dumper() -> Any:
    """A PyYAML dumper writing mappings in block style, one key a line; lists of plain values and
    the mappings inside lists (calls, steps) stay on one line each, as the merge writes them."""
    import yaml

    base = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[misc, valid-type]
        def represent_dict(self, data: Any) -> Any:
            return self.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=False)

        def represent_list(self, data: Any) -> Any:
            node = self.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=False)
            nested = any(isinstance(v, list) or (isinstance(v, dict) and _deep(v)) for v in data)
            if not nested:
                node.flow_style = not any(isinstance(v, dict) for v in data)
                for item in node.value:
                    item.flow_style = True
            return node

    Dumper.add_representer(dict, Dumper.represent_dict)
    Dumper.add_representer(list, Dumper.represent_list)
    return Dumper


def _deep(value: dict[str, Any]) -> bool:
    return any(isinstance(v, dict | list) for v in value.values())


def _block(data: Any) -> None:
    if data.fa.flow_style():
        data.fa.set_block_style()


def _version(data: Any) -> bool:
    current = data.get("version")
    if current == VERSION:
        return False
    if "version" in data:
        data["version"] = VERSION
    else:
        data.insert(0, "version", VERSION)
    return True


def _apply(data: Any, fact: Fact, *, plain: bool = False) -> Entry:
    entry = _merge_one(data, fact, plain)
    return replace(entry, detail=fact.detail) if fact.detail else entry


def _merge_one(data: Any, fact: Fact, plain: bool) -> Entry:
    parent_path = fact.path if fact.op == "declare" else fact.path[:-1]
    container, created = _mapping_at(data, parent_path, plain)
    if container is None:
        return Entry("conflict", fact.path, fact.value, fact.source, "(not a mapping)")
    if fact.op == "declare":
        return Entry("added" if created else "same", fact.path, None, fact.source)
    key = fact.path[-1]
    if fact.op == "set":
        if key not in container and not plain and len(fact.path) == 1:  # a top-level key: in its place
            container.insert(_position(container, key), key, _node(fact.value))
            return Entry("added", fact.path, fact.value, fact.source)
        if key not in container or container[key] is None:
            container[key] = copy.deepcopy(fact.value) if plain else _node(fact.value)
            return Entry("added", fact.path, fact.value, fact.source)
        current = _plain(container[key])
        status = "same" if current == fact.value else "overridden" if fact.default else "conflict"
        return Entry(status, fact.path, fact.value, fact.source, None if status == "same" else current)
    return _add(container, key, fact, plain)


def _add(container: Any, key: str, fact: Fact, plain: bool) -> Entry:
    node = _same if plain else _node
    items = container.get(key)
    if items is None:
        items = container[key] = [] if plain else _new_list(fact.value)
    if not isinstance(items, list):
        return Entry("conflict", fact.path, fact.value, fact.source, _plain(items))
    wanted = item_key(fact.value)
    for index, existing in enumerate(items):
        if item_key(_plain(existing)) != wanted:
            continue
        current = _plain(existing)
        if current == fact.value:
            return Entry("same", fact.path, fact.value, fact.source)
        if isinstance(current, str) and isinstance(fact.value, dict):  # a protocol for a plain call
            items[index] = node(fact.value)
            return Entry("added", fact.path, fact.value, fact.source)
        if isinstance(current, dict) and isinstance(fact.value, str):
            return Entry("same", fact.path, fact.value, fact.source)
        return Entry("conflict", fact.path, fact.value, fact.source, current)
    items.append(node(fact.value))
    return Entry("added", fact.path, fact.value, fact.source)


def _same(value: Any) -> Any:
    return copy.deepcopy(value)  # never share an object between two places (PyYAML would alias it)


def _new_list(first: Any) -> Any:
    from ruamel.yaml.comments import CommentedSeq

    return CommentedSeq() if isinstance(first, dict) else _flow(CommentedSeq())


def _mapping_at(data: Any, path: FactPath, plain: bool) -> tuple[Any, bool]:
    """The mapping at `path`, created where missing (or empty); None when something else is there."""
    node, created = data, False
    for depth, part in enumerate(path):
        child = node.get(part)
        if child is None:
            child = {} if plain else _new_map()
            if depth == 0 and part not in node and not plain:
                node.insert(_position(node, part), part, child)
            else:
                node[part] = child
            created = True
        if not isinstance(child, dict):
            return None, False
        if not child and not plain:
            _block(child)  # `flows: {}` written by hand: entries go one a line
        node = child
    return node, created


def _new_map() -> Any:
    from ruamel.yaml.comments import CommentedMap

    return CommentedMap()


def _position(data: Any, key: str) -> int:
    """Where a new top-level section goes: after the sections that come before it."""
    before = _ORDER[: _ORDER.index(key)] if key in _ORDER else _ORDER
    keys = list(data)
    return max((keys.index(k) + 1 for k in before if k in keys), default=len(keys))


def _flow(node: Any) -> Any:
    node.fa.set_flow_style()
    return node


def _node(value: Any) -> Any:
    """A plain value as ruamel.yaml nodes: lists and small mappings in flow style."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        return _flow(CommentedMap((k, _node(v)) for k, v in value.items()))
    if isinstance(value, list):
        seq = CommentedSeq(_node(v) for v in value)
        return seq if any(isinstance(v, dict) for v in value) else _flow(seq)
    return value


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, str):
        return str(node)
    return node


def _check(text: str, entries: tuple[Entry, ...], path: str) -> None:
    """Read the result back with the safe loader: each added fact must read as it was meant."""
    data = load_text(text, path).data
    for entry in entries:
        if entry.status != "added" or entry.value is None:
            continue
        node: Any = data
        for part in entry.path:
            node = node.get(part) if isinstance(node, dict) else None
        found = [item_key(i) for i in node] if isinstance(node, list) and not isinstance(entry.value, list) else [node]
        if item_key(entry.value) not in found and entry.value != node:
            raise InputError(f"{path}: the imported file would not read back {'.'.join(entry.path)}; nothing written")
