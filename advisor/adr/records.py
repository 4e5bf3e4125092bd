"""Reading records of both kinds: MADR (front matter) and adr-tools/Nygard (`## Status`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from advisor.adr.dirs import adr_id, dated_number, record_number
from advisor.adr.markdown import (
    Split,
    fenced_lines,
    headings,
    inline,
    metadata_comment,
    section,
    split,
    unescape,
    visible,
)
from advisor.adr.status import STATUSES, header_field, madr_relations, nygard_relations
from advisor.decision.catalogue import STYLES
from advisor.errors import InputError, Location
from advisor.format.loader import Document, load_text, read_text

_NUMBERED_TITLE = re.compile(r"^(\d+)\.\s+(.*)$")
_CHOSEN = re.compile(r"Chosen option:\s*\"?([^\"\n]+)", re.IGNORECASE)
# "We will not ...", "we won't ...": a Nygard decision sentence that rules an option out
_WE_WILL = re.compile(r"\bwe\s+(?:will|shall|are\s+going\s+to)\b(?!\s+(?:not|never)\b)", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:not|never|no|without|against|avoid|instead of)\b|n't\b", re.IGNORECASE)
LAYOUTS = ("madr", "madr2", "nygard")


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
    layout: str = "madr"  # madr (front matter), madr2 (`* Status:` list item) or nygard
    chosen_text: str = ""  # the chosen option as the record words it ("Kafka")
    links: tuple[tuple[str, int], ...] = ()  # typed links other than supersede ("Amends", 3)
    superseded_by_names: tuple[str, ...] = ()  # the file names its supersede links point at
    supersedes_names: tuple[str, ...] = ()
    bare: bool = False  # no front matter, status item or Status section: it shows no dialect

    @property
    def cite(self) -> str:
        """How the record is cited: `ADR-0007`, or a log4brains record by its file name."""
        return self.path.stem if dated_number(self.path) is not None else adr_id(self.number)

    @property
    def label(self) -> str:
        """`3. Title`, as adr-tools shows a record (a log4brains record by its title alone)."""
        return self.title if dated_number(self.path) is not None else f"{self.number}. {self.title}"

    @property
    def label_markdown(self) -> str:
        """The label as literal Markdown inside a link's text: the title escaped, the number not."""
        title = inline(self.title)
        return title if dated_number(self.path) is not None else f"{self.number}. {title}"

    @property
    def known_status(self) -> bool:
        """True for the five statuses MADR and adr-tools define; others ("on hold") are kept as text."""
        return self.status in STATUSES

    def status_edit(self, status: str, name: str) -> str:
        """How to give the record a status where its dialect keeps it, as an instruction: in its
        front matter (MADR), its `## Status` section (adr-tools / Nygard) or its `Status:` list
        item (MADR 2 / log4brains)."""
        if self.layout == "nygard":
            return f"write `{status.capitalize()}` as the status in the `## Status` section of {name}"
        if self.layout == "madr2":
            return f"set the `Status:` list item under the title of {name} to `{status}`"
        return f"set `status: {status}` in {name}'s front matter"

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of `adr list --format json`."""
        return {
            "number": self.number,
            "id": self.cite,
            "title": self.title,
            "status": self.status,
            "date": self.date,
            "chosen_option": self.chosen_option,
            "superseded_by": list(self.superseded_by),
            "supersedes": list(self.supersedes),
            "layout": self.layout,
            "chosen_text": self.chosen_text,
            "links": [{"type": label, "number": number} for label, number in self.links],
            "path": str(self.path),
        }


def read_record(path: Path) -> Record:
    """Read one record; InputError naming the file (and line) when it is not a record."""
    return parse_record(read_text(path), path)


def list_records(adr_dir: Path) -> list[Record]:
    """Every readable record in the directory, by number (see `folder.read_folder` for the rest)."""
    from advisor.adr.folder import read_folder

    return list(read_folder(adr_dir).records)


def parse_record(text: str, path: Path) -> Record:
    """Parse a record's text (`path` names it in errors and gives its number)."""
    shown = str(path)
    parts = split(text)
    if parts.front_end == -2:
        raise InputError(
            "the front matter opened here is never closed with `---`", Location(shown, parts.front_start + 1, 1)
        )
    front = _front_matter(parts, shown)
    heading_number, title, full_title = _title(parts, shown, path)
    number = record_number(path)
    number = heading_number if number is None else number  # 0 is a number: MADR's `0000-` record
    if heading_number != number:
        title = full_title  # "# 1984. Orwell" in 0003-x.md: the digits belong to the title
    if number is None:
        raise InputError("no record number: name the file NNNN-title.md", Location(shown))
    # a `## Status` section makes it Nygard, unless front matter already carries the status
    has_front_status = front is not None and front.data.get("status") is not None
    nygard = not has_front_status and section(parts.lines, "Status", parts.body_start) is not None
    if nygard:
        relations, layout = nygard_relations(parts, shown), "nygard"
        metadata = _comment_metadata(parts, shown)
    else:
        relations, listed = madr_relations(front, parts, shown)
        layout = "madr2" if listed else "madr"
        metadata = _madr_metadata(front, shown)
    chosen_text = _chosen_text(parts)
    return Record(
        path=path,
        number=number,
        title=title,
        status="superseded" if relations.superseded_by else relations.status,
        date=_date(front, parts),
        chosen_option=_chosen_option(metadata, parts, chosen_text),
        superseded_by=relations.superseded_by,
        supersedes=relations.supersedes,
        metadata=metadata,
        layout=layout,
        chosen_text=chosen_text,
        links=relations.links,
        superseded_by_names=relations.superseded_by_names,
        supersedes_names=relations.supersedes_names,
        bare=layout == "madr" and not parts.has_front_matter,
    )


def _front_matter(parts: Split, shown: str) -> Document | None:
    if not parts.has_front_matter:
        return None
    try:
        return load_text(parts.front_text(), shown)
    except InputError as error:
        raise InputError(f"front matter: {error.message}", error.location) from None


def _title(parts: Split, shown: str, path: Path) -> tuple[int | None, str, str]:
    marks = headings(parts.lines, parts.body_start)
    first = next(((i, text) for i, level, text in marks if level == 1), None)
    if first is None or not first[1].strip():
        if dated_number(path) is not None:
            # a log4brains record without a heading: log4brains titles it from its file name
            shown = path.stem.split("-", 1)[-1].replace("-", " ").capitalize()
            return None, shown, shown
        where = Location(shown, parts.body_start + 1, 1)
        raise InputError("no title: a record needs a `# Title` heading", where)
    raw = " ".join(visible(first[1]).split())  # no control or bidi characters reach a terminal
    match = _NUMBERED_TITLE.match(raw)  # on the written text: `# 1\. x` is the title "1. x"
    if match:
        return int(match.group(1), 10), unescape(match.group(2).strip()), unescape(raw)
    return None, unescape(raw), unescape(raw)


def _date(front: Document | None, parts: Split) -> str:
    value = front.data.get("date") if front else None
    if value is None:
        value, _ = header_field(parts, "date")
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


def _chosen_text(parts: Split) -> str:
    """The option after `Chosen option:` in the Decision Outcome, as written (outside code blocks)."""
    fenced = fenced_lines(parts.lines, parts.body_start)
    for index in range(parts.body_start, len(parts.lines)):
        match = None if index in fenced else _CHOSEN.search(parts.lines[index])
        if match:
            return match.group(1).strip().rstrip(",").strip()
    return ""


def _chosen_option(metadata: Mapping[str, Any], parts: Split, chosen_text: str) -> str:
    style = metadata.get("style")
    if isinstance(style, str) and style in STYLES:
        return style
    if chosen_text:
        return option_style(chosen_text)
    decision = section(parts.lines, "Decision", parts.body_start)
    if decision is None:
        return ""
    return option_style(" ".join(_decided(parts.lines[decision[0] : decision[1]])))


def _decided(lines: tuple[str, ...]) -> list[str]:
    """The clauses of a Nygard Decision that say what will be done ("We will ..."), not ruled out."""
    clauses = re.split(r"[.;:!?\n]+|\bbut\b|\binstead\b", "\n".join(lines), flags=re.IGNORECASE)
    willing = [clause for clause in clauses if _WE_WILL.search(clause)]
    return willing or [clause for clause in clauses if not _NEGATION.search(clause)]
