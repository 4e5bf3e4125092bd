"""A record's status and its links to other records, in every dialect found in the wild.

MADR 3/4 keep the status in front matter; MADR 2 and log4brains in a `* Status: ...` list
item under the title; adr-tools/Nygard in a `## Status` section, with link lines such as
"Superseded by [2. X](0002-x.md)" or "Amends [..](..)". A status is read only from those
places (never from a code block or a later section), and any status string is kept: the
five MADR knows are understood, others ("on hold") are shown as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.adr.dirs import record_number
from advisor.adr.markdown import Split, fenced_lines, headings, section, visible
from advisor.errors import InputError, Location
from advisor.format.loader import Document

STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
# Spellings other tools write: adr-tools' "Superceded", log4brains' "draft".
_STATUS_ALIASES = {"superceded": "superseded", "draft": "proposed"}
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)[^)]*\)")
_ADR_REF = re.compile(r"\bADR[- ]?0*(\d+)\b", re.IGNORECASE)
_BRACKET_NUMBER = re.compile(r"\[0*(\d+)\.")
_SUPERSEDED_BY = re.compile(r"^\W*super[sc]eded\s+by\b", re.IGNORECASE)
_SUPERSEDES = re.compile(r"^\W*super[sc]edes\b", re.IGNORECASE)
# `Amends [3. X](0003-x.md)`: a typed link as adr-tools writes it (label, then the link)
_TYPED_LINK = re.compile(r"^[*-]?\s*([A-Za-z][\w ]*?)\s+\[[^\]]*\]\(([^)\s]+)\)\s*$")
BODY_FIELD = re.compile(r"^\s*[*-]?\s*(status|date)\s*:\s*(.+?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Relations:
    """What a record's status says, and the records it links to."""

    status: str
    superseded_by: tuple[int, ...] = ()
    supersedes: tuple[int, ...] = ()
    links: tuple[tuple[str, int], ...] = ()
    # the file names links point at: log4brains records share a date, so their number is not enough
    superseded_by_names: tuple[str, ...] = ()
    supersedes_names: tuple[str, ...] = ()


def normalize_status(raw: str) -> tuple[str, tuple[int, ...]]:
    """`Superseded by ADR-0003` -> ("superseded", (3,)); `On hold` -> ("on hold", ())."""
    text = " ".join(visible(raw).strip().strip("*_`[]").split())
    word = re.match(r"[A-Za-z]+", text)
    status = _STATUS_ALIASES.get(word.group(0).lower(), word.group(0).lower()) if word else ""
    if status in STATUSES:
        return status, refs(raw) if status == "superseded" else ()
    return text.lower(), ()


def refs(text: str) -> tuple[int, ...]:
    """The record numbers a text cites: link targets `0003-x.md`, `ADR-0003`, `[3. Title]`."""
    found = [record_number(Path(target.split("#")[0])) for target in _LINK_TARGET.findall(text)]
    numbers = [n for n in found if n is not None]
    numbers += [int(n, 10) for n in _ADR_REF.findall(text)]
    numbers += [int(n, 10) for n in _BRACKET_NUMBER.findall(text)]
    if not numbers and text.strip().isdigit():
        numbers.append(int(text.strip(), 10))
    return tuple(dict.fromkeys(numbers))


def targets(text: str) -> tuple[str, ...]:
    """The record file names a text links to (`[x](./0003-x.md#part)` -> `0003-x.md`)."""
    names = [Path(target.split("#")[0]).name for target in _LINK_TARGET.findall(text)]
    return tuple(dict.fromkeys(name for name in names if record_number(Path(name)) is not None))


def _ref_list(value: Any, where: Location) -> tuple[int, ...]:
    items = value if isinstance(value, list) else [value]
    numbers: list[int] = []
    for item in items:
        found = (item,) if isinstance(item, int) and not isinstance(item, bool) else refs(str(item))
        if not found:
            raise InputError(f"{item!r} does not name a record (write ADR-NNNN)", where)
        numbers.extend(found)
    return tuple(dict.fromkeys(numbers))


def header_field(parts: Split, name: str) -> tuple[str | None, int]:
    """A MADR 2 / log4brains `* Status: accepted` or adr-tools `Date: ...` line under the title.

    Only the lines before the first section count, outside code blocks: a `status:` in an
    example or in prose further down is not the record's status.
    """
    marks = [index for index, level, _ in headings(parts.lines, parts.body_start) if level >= 2]
    stop = marks[0] if marks else len(parts.lines)
    fenced = fenced_lines(parts.lines, parts.body_start)
    for index in range(parts.body_start, stop):
        match = None if index in fenced else BODY_FIELD.match(parts.lines[index])
        if match and match.group(1).lower() == name:
            return match.group(2), index
    return None, -1


def madr_relations(front: Document | None, parts: Split, shown: str) -> tuple[Relations, bool]:
    """Status and links of a MADR record; the flag says the status came from a body list item."""
    data = front.data if front else {}
    raw, where, listed = data.get("status"), front.locate(("status",)) if front else Location(shown), False
    if raw is None:
        raw, line = header_field(parts, "status")
        where, listed = Location(shown, line + 1, 1), raw is not None
    status, successors = ("accepted", ()) if raw is None else _text_status(raw, where)
    successor_names = targets(raw) if isinstance(raw, str) else ()
    if front and data.get("superseded-by") is not None:
        successors += _ref_list(data["superseded-by"], front.locate(("superseded-by",)))
    supersedes: tuple[int, ...] = ()
    if front and data.get("supersedes"):
        supersedes = _ref_list(data["supersedes"], front.locate(("supersedes",)))
    linked = _link_lines(parts, "Links")
    supersedes += tuple(n for label, n, _ in linked if _SUPERSEDES.match(label))
    successors += tuple(n for label, n, _ in linked if _SUPERSEDED_BY.match(label))
    others = tuple((label, n) for label, n, _ in linked if not re.match(r"super[sc]ed", label, re.IGNORECASE))
    names = (
        _unique_names([*successor_names, *(name for label, _, name in linked if _SUPERSEDED_BY.match(label))]),
        _unique_names([name for label, _, name in linked if _SUPERSEDES.match(label)]),
    )
    return Relations(status, _unique(successors), _unique(supersedes), others, *names), listed


def _text_status(raw: Any, where: Location) -> tuple[str, tuple[int, ...]]:
    if not isinstance(raw, str) or not raw.strip():
        raise InputError("status must be text, e.g. `status: proposed`", where)
    return normalize_status(raw)


def nygard_relations(parts: Split, shown: str) -> Relations:
    """Status and links from an adr-tools `## Status` section (its first plain line is the status)."""
    start, end = section(parts.lines, "Status", parts.body_start) or (0, 0)
    fenced = fenced_lines(parts.lines, start)
    status = ""
    successors: list[int] = []
    supersedes: list[int] = []
    links: list[tuple[str, int]] = []
    successor_names: list[str] = []
    supersedes_names: list[str] = []
    for index in range(start, end):
        line = parts.lines[index].strip()
        if index in fenced or not line or line.startswith(("```", "~~~", "<!--")):
            continue
        if _SUPERSEDED_BY.match(line):
            successors.extend(refs(line))
            successor_names.extend(targets(line))
        elif _SUPERSEDES.match(line):
            supersedes.extend(refs(line))
            supersedes_names.extend(targets(line))
        elif "](" in line:
            links.extend((label, n) for label, n, _ in _typed_link(line))
        elif not status:
            status, more = normalize_status(line)
            successors.extend(more)
    if not status and not successors:
        raise InputError("the Status section names no status", Location(shown, start, 1))
    return Relations(
        status or "superseded",
        _unique(successors),
        _unique(supersedes),
        tuple(links),
        _unique_names(successor_names),
        _unique_names(supersedes_names),
    )


def _typed_link(line: str) -> list[tuple[str, int, str]]:
    """(label, number, file name) of a `Label [text](0003-x.md)` line."""
    match = _TYPED_LINK.match(line)
    name = Path(match.group(2).split("#")[0]).name if match else ""
    number = record_number(Path(name)) if match else None
    return [(match.group(1), number, name)] if match and number is not None else []


def _unique_names(names: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(names))


def _link_lines(parts: Split, name: str) -> list[tuple[str, int, str]]:
    found = section(parts.lines, name, parts.body_start)
    if found is None:
        return []
    return [link for index in range(*found) for link in _typed_link(parts.lines[index].strip())]


def _unique(numbers: tuple[int, ...] | list[int]) -> tuple[int, ...]:
    return tuple(dict.fromkeys(numbers))
