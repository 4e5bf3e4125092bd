"""The parts of a record's text: front matter, headings, sections, the metadata comment."""

from __future__ import annotations

import re
import unicodedata
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


# Bidi controls and zero-width characters: they reorder or hide text without showing.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
# Characters that can start inline Markdown or HTML anywhere on a line.
_INLINE = re.compile(r"([\\`*\[\]<>&|~!])")
_LINE_START = re.compile(r"^(\s*)([#>+=-]|\d+(?=[.)]))")
_UNDERSCORE = re.compile(r"(?<![^\W_])_|_(?![^\W_])")  # emphasis needs `_` at a word's edge
_AUTOLINK = re.compile(r"(?i)(\w)(://)|\b(www)(\.)")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def visible(text: str) -> str:
    """Text without control, bidi or zero-width characters (tabs and newlines kept)."""
    kept = _INVISIBLE.sub("", text)
    return "".join(c for c in kept if c in "\t\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co"))


def inline(text: str) -> str:
    """Free text as literal Markdown on one line: it can add no heading, link, HTML or comment."""
    line = " ".join(visible(text).split())
    line = _INLINE.sub(r"\\\1", line)
    line = _UNDERSCORE.sub(r"\\_", line)
    line = _AUTOLINK.sub(_break_autolink, line)
    return _LINE_START.sub(_escape_line_start, line)


def _break_autolink(match: re.Match[str]) -> str:
    """`https://` -> `https\\://`, `www.` -> `www\\.`: GitHub no longer links them."""
    return f"{match.group(1)}\\{match.group(2)}" if match.group(1) else f"{match.group(3)}\\{match.group(4)}"


def _escape_line_start(match: re.Match[str]) -> str:
    """`# x` -> `\\# x`, `1. x` -> `1\\. x`: no heading, list or quote from a line's start."""
    mark = match.group(2)
    return match.group(1) + (f"{mark}\\" if mark[0].isdigit() else f"\\{mark}")


def block(text: str) -> str:
    """Free text of several paragraphs, each line literal (see `inline`); blank lines kept, once."""
    paragraphs = [p for p in re.split(r"\n\s*\n", visible(text).strip()) if p.strip()]
    return "\n\n".join("\n".join(inline(line) for line in p.splitlines() if line.strip()) for p in paragraphs)


def heading_text(text: str) -> str:
    """A title made literal for a heading or link text; `unescape` reads it back."""
    return inline(text)


def unescape(text: str) -> str:
    """CommonMark backslash escapes removed: the text a reader sees."""
    return _ESCAPED.sub(r"\1", text)


def code(text: str) -> str:
    """Text as an inline code span, fenced with more backticks than it contains."""
    shown = " ".join(visible(text).split())
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if shown.startswith("`") or shown.endswith("`") or not shown else ""
    return f"{fence}{pad}{shown}{pad}{fence}"
