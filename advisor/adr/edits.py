"""Editing a record's text in its own dialect: a Status section line, front matter keys, a
MADR 2 `* Status:` item, a Links section; line endings and a BOM kept as the file had them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor.adr.markdown import section, split
from advisor.adr.status import header_field

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
_FIELD_VALUE = re.compile(r"^(\s*[*-]?\s*status\s*:\s*)", re.IGNORECASE)
BOM = "\ufeff"


@dataclass(frozen=True)
class TextStyle:
    """How a file writes its text: line ending and byte order mark."""

    newline: str = "\n"
    bom: bool = False

    def apply(self, text: str) -> str:
        """Text with "\\n" line endings, written the file's way."""
        body = text.replace("\n", self.newline) if self.newline != "\n" else text
        return (BOM if self.bom else "") + body


def text_style(raw: bytes) -> TextStyle:
    """The style of a file's bytes: CRLF when its first line ends so, a UTF-8 BOM if present."""
    first = raw.find(b"\n")
    crlf = first > 0 and raw[first - 1 : first] == b"\r"
    return TextStyle("\r\n" if crlf else "\n", raw.startswith(b"\xef\xbb\xbf"))


def plain_text(text: str) -> str:
    """Text with "\\n" line endings and no BOM, as edits work on it."""
    return text.lstrip(BOM).replace("\r\n", "\n")


def add_status_line(text: str, line: str, *, drop_status: bool) -> str:
    """Add a link line to a Nygard `## Status` section (adr-tools drops the old status word)."""
    parts = split(text)
    lines = list(parts.lines)
    start, end = section(parts.lines, "Status", parts.body_start) or (0, 0)
    if any(existing.strip() == line for existing in lines[start:end]):
        return text
    body = [entry for entry in lines[start:end] if entry.strip()]
    if drop_status:
        body = [entry for entry in body if "](" in entry or re.match(r"^\W*super", entry, re.IGNORECASE)]
    # one entry per paragraph, as adr-tools writes them (adjacent lines would render as one)
    entries = [*body, line]
    lines[start:end] = [row for entry in entries for row in ("", entry.strip())] + [""]
    return "\n".join(lines) + "\n"


def set_front_matter(text: str, values: dict[str, str]) -> str:
    """Set top-level front matter keys in place (comments and order kept); add the block if missing."""
    parts = split(text)
    lines = list(parts.lines)
    if not parts.has_front_matter:
        lines = ["---", "---", *lines]
        parts = split("\n".join(lines))
    end = parts.front_end
    for key, value in values.items():
        end = _set_key(lines, parts.front_start + 1, end, key, value)
    return "\n".join(lines) + "\n"


def _set_key(lines: list[str], start: int, end: int, key: str, value: str) -> int:
    """Replace `key: ...` (and its indented continuation) or insert it after `status`; returns the new end."""
    new = f"{key}: {value}"
    for index in range(start, end):
        match = _TOP_KEY.match(lines[index])
        if match and match.group(1) == key:
            stop = index + 1
            while stop < end and lines[stop][:1] in (" ", "\t", "-") and not lines[stop].startswith("---"):
                stop += 1
            lines[index:stop] = [new]
            return end - (stop - index) + 1
    # a new status goes first, as MADR writes it; other keys after the status, else last
    status_line = next((i + 1 for i in range(start, end) if lines[i].startswith("status:")), None)
    lines.insert(start if key == "status" else status_line or end, new)
    return end + 1


def set_listed_status(text: str, status: str) -> str:
    """Replace the value of a MADR 2 / log4brains `* Status: ...` item under the title."""
    parts = split(text)
    _, index = header_field(parts, "status")
    lines = list(parts.lines)
    match = _FIELD_VALUE.match(lines[index]) if index >= 0 else None
    if match is None:
        return text
    lines[index] = match.group(1) + status
    return "\n".join(lines) + "\n"


def add_link_line(text: str, line: str) -> str:
    """Add `* {line}` to the record's `## Links` section (MADR 2 has one), made at the end if missing."""
    parts = split(text)
    lines = list(parts.lines)
    found = section(parts.lines, "Links", parts.body_start)
    bullet = _list_marker(parts.lines)  # `*` or `-`, as the record's other lists (markdownlint MD004)
    if found is None:
        while lines and not lines[-1].strip():
            lines.pop()
        return "\n".join([*lines, "", "## Links", "", f"{bullet} {line}"]) + "\n"
    start, end = found
    if any(existing.strip().lstrip("*- ") == line for existing in lines[start:end]):
        return text
    filled = [i for i in range(start, end) if lines[i].strip()]
    if not filled:
        lines[start:start] = ["", f"{bullet} {line}"]
        return "\n".join(lines) + "\n"
    lines.insert(filled[-1] + 1, f"{bullet} {line}")
    return "\n".join(lines) + "\n"


def _list_marker(lines: tuple[str, ...]) -> str:
    """The bullet the record's lists use (the first one found), else `*`."""
    for line in lines:
        match = re.match(r"^\s*([*-])\s+\S", line)
        if match and not line.strip().startswith(("---", "***")):
            return match.group(1)
    return "*"
