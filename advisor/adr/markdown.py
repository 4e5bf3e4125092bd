"""The parts of a record's text: front matter, headings, sections, the metadata comment."""

from __future__ import annotations

import re
from dataclasses import dataclass

FENCE = "---"
# Nygard records keep advisor's metadata in an HTML comment: adr-tools reads the title
# from the first line, so front matter would break its `list` and `generate toc`.
META_OPEN = "<!-- advisor-metadata"
META_CLOSE = "-->"
# CommonMark ATX heading; a closing run of `#` counts only after a space (`# C#` keeps its `#`)
_HEADING = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")


@dataclass(frozen=True)
class Split:
    """A record's lines, and where its front matter (if any) starts and ends (0-based)."""

    lines: tuple[str, ...]
    front_start: int = -1
    front_end: int = -1

    @property
    def has_front_matter(self) -> bool:
        """True when the record opens with a `---` block."""
        return self.front_start >= 0

    @property
    def body_start(self) -> int:
        """The index of the first line after the front matter."""
        return self.front_end + 1 if self.has_front_matter else 0

    def front_text(self) -> str:
        """The front matter, padded with blank lines so YAML line numbers match the file."""
        if not self.has_front_matter:
            return ""
        inner = self.lines[self.front_start + 1 : self.front_end]
        return "\n" * (self.front_start + 1) + "\n".join(inner) + "\n"


def split(text: str) -> Split:
    """Split a record into lines and find its front matter; an unclosed block is (-1, -1)."""
    lines = tuple(text.splitlines())
    first = next((i for i, line in enumerate(lines) if line.strip()), -1)
    if first < 0 or lines[first].rstrip() != FENCE:
        return Split(lines)
    for index in range(first + 1, len(lines)):
        if lines[index].rstrip() in (FENCE, "..."):
            return Split(lines, first, index)
    return Split(lines, first, -2)


def headings(lines: tuple[str, ...], start: int = 0) -> list[tuple[int, int, str]]:
    """(index, level, text) of each ATX heading outside fenced code blocks."""
    found = []
    in_code = False
    for index in range(start, len(lines)):
        line = lines[index]
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
            continue
        match = None if in_code else _HEADING.match(line)
        if match:
            found.append((index, len(match.group(1)), match.group(2) or ""))
    return found


def fenced_lines(lines: tuple[str, ...], start: int = 0) -> set[int]:
    """The indexes of lines inside fenced code blocks (fences included), from `start`."""
    found: set[int] = set()
    fence = ""
    for index in range(start, len(lines)):
        stripped = lines[index].lstrip()
        if not fence and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            found.add(index)
        elif fence:
            found.add(index)
            if stripped.startswith(fence):
                fence = ""
    return found


def section(lines: tuple[str, ...], name: str, start: int = 0) -> tuple[int, int] | None:
    """The (first, end) line indexes of the body of the level-2 section `name`, else None."""
    marks = headings(lines, start)
    for position, (index, level, text) in enumerate(marks):
        if level == 2 and text.strip().lower() == name.lower():
            end = next((i for i, lvl, _ in marks[position + 1 :] if lvl <= 2), len(lines))
            return index + 1, end
    return None


def metadata_comment(lines: tuple[str, ...]) -> tuple[int, int] | None:
    """The (open, close) line indexes of the advisor metadata comment, else None."""
    for index, line in enumerate(lines):
        if line.strip() == META_OPEN:
            after = range(index + 1, len(lines))
            close = next((i for i in after if lines[i].strip() == META_CLOSE), -1)
            return index, close
    return None
