"""Where records live and what the next one is called (adr-tools compatible)."""

from __future__ import annotations

import datetime
import os
import re
import unicodedata
from pathlib import Path

from advisor import names
from advisor.errors import InputError, Location

ADR_DIR_FILE = ".adr-dir"
CONVENTIONAL_DIRS = ("docs/decisions", "docs/adr", "doc/adr")
DEFAULT_DIR = "docs/decisions"
# NNNN-slug.md (adr-tools, MADR; `0000-` is MADR's first record) and log4brains'
# YYYYMMDD-slug.md. Dated names are read but never push the numbering into the millions.
RECORD_NAME = re.compile(r"^(\d{1,6})-[^/\\]+\.md$")
DATED_NAME = re.compile(r"^((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-[^/\\]+\.md$")
# What marks the top of a repository: discovery never walks above it.
_REPO_MARKERS = (".git", ".hg", ".svn")
# Letters NFKD does not decompose into ASCII; without these "Straße" would become "strae".
_TRANSLITERATE = str.maketrans(
    {
        "ß": "ss",
        "ẞ": "SS",
        "æ": "ae",
        "Æ": "Ae",
        "œ": "oe",
        "Œ": "Oe",
        "ø": "o",
        "Ø": "O",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "þ": "th",
        "Þ": "Th",
        "ð": "d",
        "Ð": "D",
        "\u0131": "i",  # dotless i (Turkish)
    }
)


def find_adr_dir(start: Path) -> Path:
    """The ADR directory for a project at `start`, looked for upward to the repository root.

    At each level from `start` up: a `.adr-dir` file (adr-tools), else an existing
    docs/decisions, docs/adr or doc/adr. Found nowhere: docs/decisions at the repository
    root (or at `start` outside a repository). Paths stay relative when `start` is.
    """
    levels, in_repository = _levels(start)
    for folder in levels:
        marker = folder / ADR_DIR_FILE
        if marker.is_file():
            named = _read_marker(marker)
            return _inside(named, levels[-1], marker) if in_repository else named
        for candidate in CONVENTIONAL_DIRS:
            if (folder / candidate).is_dir():
                return folder / candidate
    return repository_root(start) / DEFAULT_DIR


def _levels(start: Path) -> tuple[list[Path], bool]:
    """`start` and its parents up to the repository root (to `/` outside one, as adr-tools)."""
    absolute = start.resolve()
    levels = []
    for folder in (absolute, *absolute.parents):
        levels.append(folder if start.is_absolute() else Path(os.path.relpath(folder)))
        if any((folder / marker).exists() for marker in _REPO_MARKERS):
            return levels, True
    return levels, False


def repository_root(start: Path) -> Path:
    """The repository folder holding `start` (relative when `start` is), else `start`."""
    levels, in_repository = _levels(start)
    return levels[-1] if in_repository else start


def _read_marker(marker: Path) -> Path:
    """The directory named in an adr-tools `.adr-dir` file, relative to the file's folder."""
    try:
        text = marker.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read it: {exc}", Location(str(marker))) from None
    if not text or "\n" in text:
        message = "must hold one directory name (as `adr init` writes it)"
        raise InputError(message, Location(str(marker), 1, 1))
    return marker.parent / text


def _inside(folder: Path, root: Path, marker: Path) -> Path:
    """The folder a `.adr-dir` names, refused when it leaves the repository (a pull request
    could otherwise send records anywhere); `--adr-dir` (decide) or `--dir` (adr) choose such a folder."""
    resolved, top = folder.resolve(), root.resolve()
    if resolved != top and top not in resolved.parents:
        message = f"names {str(folder)!r}, outside the repository {top}; use --adr-dir or --dir to write records there"
        raise InputError(message, Location(str(marker), 1, 1))
    return folder


def record_number(path: Path) -> int | None:
    """The number in a record file name (`0009-x.md` -> 9, never octal; `20240131-x.md` ->
    20240131), else None. 0 is a number: MADR's first record is `0000-`."""
    match = RECORD_NAME.match(path.name)
    if match:
        return int(match.group(1), 10)
    return dated_number(path)


def dated_number(path: Path) -> int | None:
    """The date of a log4brains `YYYYMMDD-slug.md` name as the number 20240131, else None."""
    match = DATED_NAME.match(path.name)
    if not match:
        return None
    try:
        datetime.date(*(int(part, 10) for part in match.groups()))
    except ValueError:
        return None
    return int("".join(match.groups()), 10)


def record_files(adr_dir: Path) -> list[Path]:
    """The record files in a directory, by number then name; other files are ignored."""
    if not adr_dir.is_dir():
        return []
    found = [p for p in adr_dir.iterdir() if p.is_file() and record_number(p) is not None]
    return sorted(found, key=lambda p: (record_number(p) or 0, p.name))


def is_dated_folder(adr_dir: Path) -> bool:
    """True when every record is named YYYYMMDD-slug.md (log4brains): new ones are named so too."""
    files = record_files(adr_dir)
    return bool(files) and all(dated_number(p) is not None for p in files)


def next_number(adr_dir: Path) -> int:
    """The largest NNNN record number in the directory plus one (1 for an empty directory)."""
    numbers = [n for p in record_files(adr_dir) if dated_number(p) is None and (n := record_number(p)) is not None]
    return max(numbers, default=0) + 1


def title_slug(title: str) -> str:
    """A file-name slug for a title; non-Latin titles keep their letters rather than vanish."""
    latin = names.slug(title.translate(_TRANSLITERATE), fallback="")
    if latin:
        return latin
    # Scripts with no ASCII transliteration (Cyrillic, CJK, ...) stay as lower-case words.
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", title).casefold())
    return "-".join(words)[:64].strip("-") or "decision"


def record_filename(number: int, title: str) -> str:
    """`NNNN-slug.md` for a record (`YYYYMMDD-slug.md` when the number is a log4brains date)."""
    return f"{number:04d}-{title_slug(title)}.md"


def new_record_path(adr_dir: Path, number: int, title: str, date: str) -> Path:
    """Where a new record goes: `NNNN-slug.md`, or `YYYYMMDD-slug.md` in a log4brains folder."""
    if is_dated_folder(adr_dir):
        return adr_dir / f"{datetime.date.fromisoformat(date):%Y%m%d}-{title_slug(title)}.md"
    return adr_dir / record_filename(number, title)


def adr_id(number: int) -> str:
    """How a record is cited: `ADR-0007` (a log4brains record by its date, `ADR-20240131`)."""
    return f"ADR-{number:04d}"
