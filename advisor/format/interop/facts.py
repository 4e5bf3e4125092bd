"""What an importer found: facts in the shape of the architecture file, each with its source."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from advisor.errors import Location
from advisor.format.loader import Document, NodePath

FactPath = tuple[str, ...]


@dataclass(frozen=True)
class Fact:
    """One imported value: `set` a key, `add` an item to a list, or `declare` a mapping."""

    op: str
    path: FactPath
    value: Any
    source: Location
    detail: str = ""  # how the value was found where the source does not say it plainly
    default: bool = False  # the platform's default where the source sets nothing (no conflict)


@dataclass(frozen=True)
class Note:
    """Something in a source that could not be mapped, and why."""

    source: Location
    message: str


@dataclass
class Facts:
    """The facts and notes of one import, in the order they were found."""

    facts: list[Fact] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


class Recorder:
    """Records facts found in one source document, locating them by node path."""

    def __init__(self, document: Document, into: Facts) -> None:
        self.doc = document
        self.into = into

    def at(self, node: NodePath) -> Location:
        """Where a node of the source document was written."""
        return self.doc.locate(node)

    def declare(self, path: FactPath, node: NodePath) -> None:
        """A service, event or flow exists, found at `node`."""
        self.into.facts.append(Fact("declare", path, None, self.at(node)))

    def set(self, path: FactPath, value: Any, node: NodePath, detail: str = "") -> None:
        """A key's value (the last part of `path`); `detail` says why when the source is silent."""
        self.into.facts.append(Fact("set", path, value, self.at(node), detail))

    def default(self, path: FactPath, value: Any, node: NodePath, why: str) -> None:
        """A value the source's platform takes where the source sets none (`why`): a value the
        file sets otherwise is more specific, not a conflict."""
        self.into.facts.append(Fact("set", path, value, self.at(node), why, default=True))

    def add(self, path: FactPath, item: Any, node: NodePath, detail: str = "") -> None:
        """An item of the list at `path` (calls, publishes, consumes); `detail` says how it was found."""
        self.into.facts.append(Fact("add", path, item, self.at(node), detail))

    def note(self, message: str, node: NodePath = ()) -> None:
        """Something at `node` that has no place in the model."""
        self.into.notes.append(Note(self.at(node), message))


def item_key(item: Any) -> Any:
    """What identifies a list item: a call's callee (name or `{service: ...}`), else the item."""
    if isinstance(item, dict) and "service" in item:
        return item["service"]
    return item


def mapping(value: Any) -> dict[str, Any]:
    """`value` if it is a mapping, else an empty one (untrusted documents may hold anything)."""
    return value if isinstance(value, dict) else {}


def listing(value: Any) -> list[Any]:
    """`value` if it is a list, else an empty one."""
    return value if isinstance(value, list) else []


def text(value: Any) -> str:
    """`value` if it is a string, else ""."""
    return value if isinstance(value, str) else ""
