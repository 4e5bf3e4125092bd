"""Reading records of both kinds: MADR (front matter) and adr-tools/Nygard (`## Status`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.adr.dirs import record_files, record_number
from advisor.adr.markdown import Split, headings, metadata_comment, section, split
from advisor.decision.catalogue import STYLES
from advisor.errors import InputError, Location
from advisor.format.loader import Document, load_text, read_text

STATUSES = ("proposed", "accepted", "rejected", "deprecated", "superseded")
# Spellings other tools write: adr-tools' "Superceded", log4brains' "draft".
_STATUS_ALIASES = {"superceded": "superseded", "draft": "proposed"}
_NUMBERED_TITLE = re.compile(r"^(\d+)\.\s+(.*)$")
_LINK_TARGET = re.compile(r"\]\(([^)\s]+)[^)]*\)")
_ADR_REF = re.compile(r"\bADR[- ]?0*(\d+)\b", re.IGNORECASE)
_BRACKET_NUMBER = re.compile(r"\[0*(\d+)\.")
_SUPERSEDED_BY = re.compile(r"^\W*super[sc]eded\s+by\b", re.IGNORECASE)
_SUPERSEDES = re.compile(r"^\W*super[sc]edes\b", re.IGNORECASE)
_BODY_FIELD = re.compile(r"^\s*[*-]?\s*(status|date)\s*:\s*(.+?)\s*$", re.IGNORECASE)
_CHOSEN = re.compile(r"Chosen option:\s*\"?([^\"\n]+)", re.IGNORECASE)


@dataclass(frozen=True)
class Record:
    """One decision record, as lint and `adr list` need it."""

    path: Path
    number: int
    title: str
    status: str
    date: str
    chosen_option: str
    superseded_by: tuple[int, ...] = ()
    supersedes: tuple[int, ...] = ()
    metadata: Mapping[str, Any] = field(default_factory=dict)
    layout: str = "madr"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `adr list --format json`."""
        return {
            "number": self.number,
            "title": self.title,
            "status": self.status,
            "date": self.date,
            "chosen_option": self.chosen_option,
            "superseded_by": list(self.superseded_by),
            "supersedes": list(self.supersedes),
            "layout": self.layout,
            "path": str(self.path),
        }


def read_record(path: Path) -> Record:
    """Read one record; InputError naming the file (and line) when it is not a record."""
    return parse_record(read_text(path), path)


def list_records(adr_dir: Path) -> list[Record]:
    """Every record in the directory, by number (files not named NNNN-*.md are ignored)."""
    return [read_record(path) for path in record_files(adr_dir)]


def parse_record(text: str, path: Path) -> Record:
    """Parse a record's text (`path` names it in errors and gives its number)."""
    shown = str(path)
    parts = split(text)
    if parts.front_end == -2:
        raise InputError(
            "the front matter opened here is never closed with `---`", Location(shown, parts.front_start + 1, 1)
        )
    front = _front_matter(parts, shown)
    heading_number, title, full_title = _title(parts, shown)
    number = record_number(path) or heading_number
    if heading_number != number:
        title = full_title  # "# 1984. Orwell" in 0003-x.md: the digits belong to the title
    if number is None:
        raise InputError("no record number: name the file NNNN-title.md", Location(shown))
    # a `## Status` section makes it Nygard, unless front matter already carries the status
    has_front_status = front is not None and front.data.get("status") is not None
    nygard = not has_front_status and section(parts.lines, "Status", parts.body_start) is not None
    if nygard:
        status, superseded_by, supersedes = _nygard_status(parts, shown)
        metadata = _comment_metadata(parts, shown)
    else:
        status, superseded_by, supersedes = _madr_status(front, parts, shown)
        metadata = _madr_metadata(front, shown)
    return Record(
        path=path,
        number=number,
        title=title,
        status="superseded" if superseded_by else status,
        date=_date(front, parts),
        chosen_option=_chosen_option(metadata, parts),
        superseded_by=superseded_by,
        supersedes=supersedes,
        metadata=metadata,
        layout="nygard" if nygard else "madr",
    )


def _front_matter(parts: Split, shown: str) -> Document | None:
    if not parts.has_front_matter:
        return None
    try:
        return load_text(parts.front_text(), shown)
    except InputError as error:
        raise InputError(f"front matter: {error.message}", error.location) from None


def _title(parts: Split, shown: str) -> tuple[int | None, str, str]:
    marks = headings(parts.lines, parts.body_start)
    first = next(((i, text) for i, level, text in marks if level == 1), None)
    if first is None or not first[1].strip():
        where = Location(shown, parts.body_start + 1, 1)
        raise InputError("no title: a record needs a `# Title` heading", where)
    full = first[1].strip()
    match = _NUMBERED_TITLE.match(full)
    if match:
        return int(match.group(1), 10), match.group(2).strip(), full
    return None, full, full


def normalize_status(raw: str, where: Location) -> tuple[str, tuple[int, ...]]:
    """`Superseded by ADR-0003` -> ("superseded", (3,)); unknown words are an InputError."""
    word = re.match(r"[A-Za-z]+", raw.strip().lstrip("*_[` "))
    status = _STATUS_ALIASES.get(word.group(0).lower(), word.group(0).lower()) if word else ""
    if status not in STATUSES:
        expected = ", ".join(STATUSES)
        raise InputError(f"unknown status {raw.strip()!r}; expected one of: {expected}", where)
    return status, refs(raw) if status == "superseded" else ()


def refs(text: str) -> tuple[int, ...]:
    """The record numbers a text cites: link targets `0003-x.md`, `ADR-0003`, `[3. Title]`."""
    found = [record_number(Path(target.split("#")[0])) for target in _LINK_TARGET.findall(text)]
    numbers = [n for n in found if n is not None]
    numbers += [int(n, 10) for n in _ADR_REF.findall(text)]
    numbers += [int(n, 10) for n in _BRACKET_NUMBER.findall(text)]
    if not numbers and text.strip().isdigit():
        numbers.append(int(text.strip(), 10))
    return tuple(dict.fromkeys(numbers))


def _ref_list(value: Any, where: Location) -> tuple[int, ...]:
    items = value if isinstance(value, list) else [value]
    numbers: list[int] = []
    for item in items:
        found = (item,) if isinstance(item, int) and not isinstance(item, bool) else refs(str(item))
        if not found:
            raise InputError(f"{item!r} does not name a record (write ADR-NNNN)", where)
        numbers.extend(found)
    return tuple(dict.fromkeys(numbers))


Relations = tuple[str, tuple[int, ...], tuple[int, ...]]


def _madr_status(front: Document | None, parts: Split, shown: str) -> Relations:
    data = front.data if front else {}
    raw, where = data.get("status"), front.locate(("status",)) if front else Location(shown)
    if raw is None:
        raw, line = _body_field(parts, "status")
        where = Location(shown, line + 1, 1)
    if raw is None:
        return "accepted", (), ()  # log4brains' rule: a record without a status is accepted
    if not isinstance(raw, str):
        raise InputError("status must be text, e.g. `status: proposed`", where)
    status, successors = normalize_status(raw, where)
    if front and data.get("superseded-by") is not None:
        successors += _ref_list(data["superseded-by"], front.locate(("superseded-by",)))
    supersedes: tuple[int, ...] = ()
    if front and data.get("supersedes"):
        supersedes = _ref_list(data["supersedes"], front.locate(("supersedes",)))
    return status, tuple(dict.fromkeys(successors)), supersedes


def _body_field(parts: Split, name: str) -> tuple[str | None, int]:
    """A MADR 2 style `* Status: accepted` / adr-tools `Date: ...` line in the body."""
    for index in range(parts.body_start, len(parts.lines)):
        match = _BODY_FIELD.match(parts.lines[index])
        if match and match.group(1).lower() == name:
            return match.group(2), index
    return None, -1


def _nygard_status(parts: Split, shown: str) -> Relations:
    start, end = section(parts.lines, "Status", parts.body_start) or (0, 0)
    status = ""
    successors: list[int] = []
    supersedes: list[int] = []
    for index in range(start, end):
        line = parts.lines[index].strip()
        if _SUPERSEDED_BY.match(line):
            successors.extend(refs(line))
        elif _SUPERSEDES.match(line):
            supersedes.extend(refs(line))
        elif line and not status and "](" not in line:
            status, more = normalize_status(line, Location(shown, index + 1, 1))
            successors.extend(more)
    if not status and not successors:
        raise InputError("the Status section names no status", Location(shown, start, 1))
    unique = tuple(dict.fromkeys(successors)), tuple(dict.fromkeys(supersedes))
    return status or "superseded", *unique


def _date(front: Document | None, parts: Split) -> str:
    value = front.data.get("date") if front else None
    if value is None:
        value, _ = _body_field(parts, "date")
    return "" if value is None else str(value).strip()


def _madr_metadata(front: Document | None, shown: str) -> Mapping[str, Any]:
    value = front.data.get("advisor") if front else None
    if value is not None and not isinstance(value, dict):
        where = front.locate(("advisor",)) if front else Location(shown)
        raise InputError("the `advisor` front matter key must be a mapping", where)
    return value or {}


def _comment_metadata(parts: Split, shown: str) -> Mapping[str, Any]:
    found = metadata_comment(parts.lines)
    if found is None:
        return {}
    open_line, close_line = found
    if close_line < 0:
        where = Location(shown, open_line + 1, 1)
        raise InputError("the advisor metadata comment is never closed with `-->`", where)
    text = "\n" * (open_line + 1) + "\n".join(parts.lines[open_line + 1 : close_line]) + "\n"
    try:
        data: dict[str, Any] = load_text(text, shown).data
    except InputError as error:
        raise InputError(f"advisor metadata: {error.message}", error.location) from None
    return data


def option_style(text: str) -> str:
    """The style an option's text names ("Orchestration (Temporal)" -> orchestration), else ""."""
    lowered = text.lower()
    named = [style for style in STYLES if style[:10] in lowered]
    return named[0] if len(named) == 1 else ""


def _chosen_option(metadata: Mapping[str, Any], parts: Split) -> str:
    style = metadata.get("style")
    if isinstance(style, str) and style in STYLES:
        return style
    body = "\n".join(parts.lines[parts.body_start :])
    match = _CHOSEN.search(body)
    if match:
        return option_style(match.group(1))
    decision = section(parts.lines, "Decision", parts.body_start)
    return option_style("\n".join(parts.lines[decision[0] : decision[1]])) if decision else ""
