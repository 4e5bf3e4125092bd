"""Where records live and what the next one is called (adr-tools compatible)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from advisor import names
from advisor.errors import InputError, Location

ADR_DIR_FILE = ".adr-dir"
CONVENTIONAL_DIRS = ("docs/decisions", "docs/adr", "doc/adr")
DEFAULT_DIR = "docs/decisions"
# NNNN-slug.md; up to 6 digits so log4brains' YYYYMMDD-slug.md files are not taken
# for record 20240101 and do not push the numbering into the millions.
RECORD_NAME = re.compile(r"^(\d{1,6})-[^/\\]+\.md$")
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


def project_root(start: Path) -> Path:
    """The repository holding `start` (the nearest folder with .git), else `start` itself."""
    here = start.resolve()
    return next((folder for folder in (here, *here.parents) if (folder / ".git").exists()), here)


def find_adr_dir(start: Path) -> Path:
    """The ADR directory for a project at `start` (see SPEC.md, "ADRs").

    `.adr-dir` is looked for from `start` up to the repository root, and the folder it
    names must lie inside the repository (a pull request could otherwise send records
    anywhere); `--adr-dir` chooses a folder outside it."""
    root = project_root(start)
    here = start.resolve()
    for folder in (start, *[p for p in here.parents if p == root or root in p.parents]):
        marker = folder / ADR_DIR_FILE
        if marker.is_file():
            return _inside(_read_marker(marker), root, marker)
    for candidate in CONVENTIONAL_DIRS:
        if (start / candidate).is_dir():
            return start / candidate
    return start / DEFAULT_DIR


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
    resolved = folder.resolve()
    if resolved != root and root not in resolved.parents:
        message = f"names {str(folder)!r}, outside the repository {root}; use --adr-dir to write records there"
        raise InputError(message, Location(str(marker), 1, 1))
    return folder


def record_number(path: Path) -> int | None:
    """The number in a record file name (`0009-x.md` -> 9, never octal), else None."""
    match = RECORD_NAME.match(path.name)
    return int(match.group(1), 10) if match else None


def record_files(adr_dir: Path) -> list[Path]:
    """The record files in a directory, by number then name; other files are ignored."""
    if not adr_dir.is_dir():
        return []
    found = [p for p in adr_dir.iterdir() if p.is_file() and record_number(p) is not None]
    return sorted(found, key=lambda p: (record_number(p) or 0, p.name))


def next_number(adr_dir: Path) -> int:
    """The largest record number in the directory plus one (1 for an empty directory)."""
    return max((record_number(p) or 0 for p in record_files(adr_dir)), default=0) + 1


def title_slug(title: str) -> str:
    """A file-name slug for a title; non-Latin titles keep their letters rather than vanish."""
    latin = names.slug(title.translate(_TRANSLITERATE), fallback="")
    if latin:
        return latin
    # Scripts with no ASCII transliteration (Cyrillic, CJK, ...) stay as lower-case words.
    words = re.findall(r"[^\W_]+", unicodedata.normalize("NFC", title).casefold())
    return "-".join(words)[:64].strip("-") or "decision"


def record_filename(number: int, title: str) -> str:
    """`NNNN-slug.md` for a record."""
    return f"{number:04d}-{title_slug(title)}.md"


def adr_id(number: int) -> str:
    """How a record is cited: `ADR-0007`."""
    return f"ADR-{number:04d}"
