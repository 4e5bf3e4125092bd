"""Safe YAML loading that remembers where every node came from.

PyYAML's `safe_load` keeps the last of two duplicate keys, lets aliases expand without
limit and forgets positions. We compose the node graph with libyaml (when available),
check it, and build plain Python values ourselves, recording the 1-based line and
column of every value and mapping key.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import accumulate
from pathlib import Path
from typing import Any

import yaml

from advisor.errors import Location, YamlError

NodePath = tuple[str | int, ...]
Position = tuple[int, int]

MAX_BYTES = 8 * 1024 * 1024
MAX_ALIAS_NODES = 100_000
# libyaml's composer recurses in C: nesting tens of thousands deep crashes the process.
MAX_TEXT_NESTING = 10_000
_DEEP_INDENT = re.compile(rf"^[ \t?:-]{{{MAX_TEXT_NESTING}}}", re.MULTILINE)
_BRACKET_DEPTH = {"[": 1, "{": 1, "]": -1, "}": -1}

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TAG = "tag:yaml.org,2002:"
_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}
_COLLECTION_TAGS = {f"{_TAG}map", f"{_TAG}seq"}
_MERGE = f"{_TAG}merge"
_STR, _TIMESTAMP, _NULL, _BOOL, _INT = (f"{_TAG}{name}" for name in ("str", "timestamp", "null", "bool", "int"))
_constructor = yaml.SafeLoader("")  # only its scalar converters are used


@dataclass
class Document:
    """A loaded YAML file: plain data plus where each piece of it was written."""

    path: str
    data: Any
    text: str = ""
    positions: dict[NodePath, Position] = field(default_factory=dict)
    key_positions: dict[NodePath, Position] = field(default_factory=dict)
    raw: dict[NodePath, str] = field(default_factory=dict)

    def locate(self, node_path: NodePath, *, key: bool = False) -> Location:
        """The position of a node (or of its key), else of its nearest located ancestor."""
        table = self.key_positions if key else self.positions
        probe = node_path
        while probe:
            found = table.get(probe) or self.positions.get(probe)
            if found:
                return Location(self.path, *found)
            probe = probe[:-1]
        return Location(self.path, *self.positions.get((), (1, 1)))


def read_text(path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 text file, refusing oversized and binary files with a located error."""
    shown = display or str(path)
    return decode(read_bytes(path, shown, max_bytes), shown)


def unreadable(path: Path) -> str | None:
    """Why `path` is no file to read (missing, a folder, a device or pipe), else None."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as exc:
        return f"cannot read: {exc.strerror}"
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a device, pipe or socket); refusing to read it"
    return None


def read_bytes(path: Path, shown: str, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a regular file, never more than `max_bytes` read.

    A device, pipe or socket (a symlink to /dev/zero, say) is refused: its size says
    nothing about how much it would yield. O_NONBLOCK keeps opening a pipe from waiting."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except IsADirectoryError:
        raise YamlError("is a directory, not a file", Location(shown)) from None
    except FileNotFoundError:
        raise YamlError("no such file", Location(shown)) from None
    except OSError as exc:
        raise YamlError(f"cannot read: {exc.strerror}", Location(shown)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise YamlError("is a directory, not a file", Location(shown))
        if not stat.S_ISREG(info.st_mode):
            raise YamlError("is not a regular file (a device, pipe or socket); refusing to read it", Location(shown))
        if info.st_size > max_bytes:
            raise YamlError(f"file is {info.st_size:,} bytes; the limit is {max_bytes:,}", Location(shown))
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(fd, min(1 << 20, max_bytes + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > max_bytes:  # the file grew while it was read
            raise YamlError(f"file is over {max_bytes:,} bytes, the limit", Location(shown))
        return b"".join(chunks)
    except OSError as exc:
        raise YamlError(f"cannot read: {exc.strerror}", Location(shown)) from None
    finally:
        os.close(fd)


_WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def decode(data: bytes, shown: str) -> str:
    """Decode UTF-8 (with or without BOM); binary data is an error at its position."""
    for bom, name in _WIDE_BOMS:
        if data.startswith(bom):
            raise YamlError(f"the file is {name} text; save it as UTF-8", Location(shown, 1, 1))
    if b"\x00" in data:
        if _looks_utf16(data):
            raise YamlError(
                "the file looks like UTF-16 text (a NUL byte beside each letter); save it as UTF-8",
                Location(shown, 1, 1),
            )
        raise YamlError("binary data (a NUL byte), not YAML text", _byte_location(data, data.index(b"\x00"), shown))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise YamlError("not UTF-8 text", _byte_location(data, exc.start, shown)) from None


def _looks_utf16(data: bytes) -> bool:
    """ASCII written as UTF-16 without a BOM: every other byte of the first ones is NUL."""
    head = data[:64] if len(data) % 2 == 0 else b""
    return len(head) >= 4 and (head[1::2].count(0) == len(head) // 2 or head[0::2].count(0) == len(head) // 2)


def _byte_location(data: bytes, offset: int, shown: str) -> Location:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return Location(shown, line, column)


def load_file(path: Path, *, display: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """Load a YAML file whose top level must be a mapping."""
    shown = display or str(path)
    return load_text(read_text(path, display=shown, max_bytes=max_bytes), shown)


def load_text(text: str, path: str = "<string>", *, require_mapping: bool = True) -> Document:
    """Load YAML text safely, keeping positions; raise YamlError with file:line:col."""
    if len(text) > MAX_BYTES:
        raise YamlError(f"text is {len(text):,} characters; the limit is {MAX_BYTES:,}", Location(path))
    _refuse_deep_nesting(text, path)
    document = Document(path, None, text)
    # Pausing the garbage collector while building many small objects roughly halves
    # the load time; nothing here creates reference cycles that need it meanwhile.
    collecting = gc.isenabled()
    gc.disable()
    try:
        node = _compose(text, path)
        if node is not None:
            if "*" in text:  # without an alias there is nothing to expand or loop
                _check_graph(node, path)
            document.data = _Builder(document).build(node, ())
    except RecursionError:
        raise YamlError("the data is nested too deeply to read", Location(path)) from None
    finally:
        if collecting:
            gc.enable()
    if require_mapping and not isinstance(document.data, dict):
        found = "an empty file" if document.data is None else f"a {_kind(document.data)}"
        raise YamlError(f"the top level must be a mapping of keys to values, found {found}", Location(path, 1, 1))
    return document


def load_all_text(text: str, path: str = "<string>") -> list[Document]:
    """Load every document of a YAML stream (`---` separated), with the limits of `load_text`.

    Positions stay those of the whole text, so each document locates its nodes in the file.
    """
    if len(text) > MAX_BYTES:
        raise YamlError(f"text is {len(text):,} characters; the limit is {MAX_BYTES:,}", Location(path))
    _refuse_deep_nesting(text, path)
    documents: list[Document] = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        for node in _compose_all(text, path):
            document = Document(path, None, text)
            if "*" in text:
                _check_graph(node, path)
            document.data = _Builder(document).build(node, ())
            documents.append(document)
    except RecursionError:
        raise YamlError("the data is nested too deeply to read", Location(path)) from None
    finally:
        if collecting:
            gc.enable()
    return documents


def _compose_all(text: str, path: str) -> list[yaml.Node]:
    loader = _Loader(text)
    nodes: list[yaml.Node] = []
    with _located(path):
        try:
            while loader.check_node():
                nodes.append(loader.get_node())
        finally:
            loader.dispose()
    return nodes


def _refuse_deep_nesting(text: str, path: str) -> None:
    """Refuse nesting deeper than MAX_TEXT_NESTING before libyaml composes it.

    Deep nesting needs many brackets or a very long indentation; only then are the
    events counted (streaming, without recursion)."""
    if text.count("[") + text.count("{") < MAX_TEXT_NESTING and not _DEEP_INDENT.search(text):
        return
    brackets = re.findall(r"[\[\]{}]", text)
    if max(accumulate(_BRACKET_DEPTH[b] for b in brackets), default=0) < MAX_TEXT_NESTING and not _DEEP_INDENT.search(
        text
    ):
        return
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_TEXT_NESTING:
                    mark = event.start_mark
                    where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
                    raise YamlError(f"nested more than {MAX_TEXT_NESTING:,} levels deep", where)
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError:
        return  # composing reports the syntax error with its position


def _compose(text: str, path: str) -> yaml.Node | None:
    loader = _Loader(text)
    with _located(path):
        try:
            node: yaml.Node | None = loader.get_single_node()
            return node
        finally:
            loader.dispose()


@contextlib.contextmanager
def _located(path: str) -> Iterator[None]:
    """Turn libyaml's errors into a YamlError at the problem's position."""
    try:
        yield
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        problem = " ".join(part for part in (exc.context, exc.problem) if part) or "invalid YAML"
        raise YamlError(f"invalid YAML: {problem}", where) from None
    except yaml.YAMLError as exc:
        raise YamlError(f"invalid YAML: {exc}", Location(path)) from None


def _check_graph(root: yaml.Node, path: str) -> None:
    """Refuse self-referencing aliases and alias expansion beyond the node budget."""
    sizes: dict[int, int] = {}
    active: set[int] = set()

    def size(node: yaml.Node) -> int:
        key = id(node)
        if key in sizes:
            return sizes[key]
        if key in active:
            raise YamlError("an alias refers to a node that contains it (a self-referencing alias)", _mark(node, path))
        total = 1
        if isinstance(node, yaml.CollectionNode):
            active.add(key)
            children = node.value if isinstance(node, yaml.SequenceNode) else [n for pair in node.value for n in pair]
            for child in children:
                total += size(child)
                if total > distinct_budget[0]:
                    raise YamlError(
                        f"aliases expand to more than {MAX_ALIAS_NODES:,} extra nodes (an alias bomb?)",
                        _mark(node, path),
                    )
            active.discard(key)
        sizes[key] = total
        return total

    distinct_budget = [_count_distinct(root) + MAX_ALIAS_NODES]
    size(root)


def _count_distinct(root: yaml.Node) -> int:
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            stack.extend(n for pair in node.value for n in pair)
    return len(seen)


def _mark(node: yaml.Node, path: str) -> Location:
    return Location(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _kind(value: Any) -> str:
    return {list: "list", str: "string", bool: "boolean", int: "number", float: "number"}.get(type(value), "value")


class _Builder:
    """Turns a checked node graph into plain values, recording positions."""

    def __init__(self, document: Document) -> None:
        self.doc = document

    def build(self, node: yaml.Node, at: NodePath) -> Any:
        mark = node.start_mark
        self.doc.positions[at] = (mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, at)
        if node.tag not in _COLLECTION_TAGS:
            raise YamlError(f"the tag {_short(node.tag)} is not allowed here", _mark(node, self.doc.path))
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*at, index)) for index, child in enumerate(node.value)]
        assert isinstance(node, yaml.MappingNode)
        return self._mapping(node, at)

    def _scalar(self, node: yaml.ScalarNode, at: NodePath) -> Any:
        tag = node.tag
        if tag in (_STR, _TIMESTAMP):
            return node.value
        if tag not in _SCALAR_TAGS:
            raise YamlError(
                f"the tag {_short(tag)} is not allowed (only plain YAML values: no Python objects or binary data)",
                _mark(node, self.doc.path),
            )
        self.doc.raw[at] = node.value
        if tag == _NULL:
            return None
        try:
            if tag == _BOOL:
                return _constructor.construct_yaml_bool(node)
            if tag == _INT:
                return _constructor.construct_yaml_int(node)
            return _constructor.construct_yaml_float(node)
        except (ValueError, IndexError, KeyError, TypeError):  # an explicit tag on text that does not fit it
            raise YamlError(f"{node.value!r} is not a valid {_short(tag)} value", _mark(node, self.doc.path)) from None

    def _mapping(self, node: yaml.MappingNode, at: NodePath) -> dict[Any, Any]:
        result: dict[Any, Any] = {}
        # Merged-in keys (<<) first, so that keys written here replace them, positions included.
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                self._merge(result, value_node, at)
        merged = set(result)
        first_line: dict[Any, int] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(
                    "a mapping key must be a plain value, not a list or mapping", _mark(key_node, self.doc.path)
                )
            if key_node.tag == _STR:  # the common case, without the raw-text bookkeeping
                key = key_node.value
            else:
                key = self._scalar(key_node, (*at, "\0key"))
                self.doc.raw.pop((*at, "\0key"), None)
            mark = key_node.start_mark
            line = mark.line + 1
            if key in first_line:
                raise YamlError(
                    f"duplicate key {key!r}: first on line {first_line[key]}, again on line {line}",
                    _mark(key_node, self.doc.path),
                )
            first_line[key] = line
            child = (*at, key)
            if key in merged:
                self.doc.raw.pop(child, None)
            self.doc.key_positions[child] = (line, mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def _merge(self, result: dict[Any, Any], source: yaml.Node, at: NodePath) -> None:
        sources = source.value if isinstance(source, yaml.SequenceNode) else [source]
        for item in sources:
            if not isinstance(item, yaml.MappingNode):
                raise YamlError("a merge key (<<) takes a mapping or a list of mappings", _mark(item, self.doc.path))
            assert isinstance(item, yaml.MappingNode)
            for key, value in self._mapping(item, at).items():
                result.setdefault(key, value)


def _short(tag: str) -> str:
    return "!!" + tag[len(_TAG) :] if tag.startswith(_TAG) else tag
