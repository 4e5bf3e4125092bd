"""A whole ADR folder: every record that reads, a warning for each that does not, its dialect.

One odd file (a binary, broken front matter) never hides the rest of the folder: it is
reported by name and skipped. Links written on one side only ("Supersedes 4" in record 5,
nothing in record 4) are completed, so record 4 is listed as superseded.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from advisor.adr.dirs import ADR_DIR_FILE, is_dated_folder, record_files, record_number
from advisor.adr.records import Record, parse_record, read_record
from advisor.errors import InputError

PROJECT_TEMPLATE = Path("templates") / "template.md"  # adr-tools' project template, in the ADR folder


@dataclass(frozen=True)
class Folder:
    """The records of an ADR folder, what could not be read, and how new records are written."""

    path: Path
    records: tuple[Record, ...]
    problems: tuple[InputError, ...]

    @property
    def dialect(self) -> str:
        """`nygard`, `madr2` or `madr`: the layout new records get; see `folder_dialect`."""
        return folder_dialect(self.path, self.records)


def read_folder(adr_dir: Path, pending: Mapping[Path, str] | None = None) -> Folder:
    """Read every record file in the folder (and `pending` texts not yet written, which win).

    Unreadable records become problems, not failures.
    """
    records: list[Record] = []
    problems: list[InputError] = []
    pending = pending or {}
    paths = {*record_files(adr_dir), *(p for p in pending if record_number(p) is not None)}
    for path in sorted(paths, key=lambda p: (record_number(p) or 0, p.name)):
        try:
            records.append(parse_record(pending[path], path) if path in pending else read_record(path))
        except InputError as error:
            problems.append(error)
    return Folder(adr_dir, tuple(reconcile(records)), tuple(problems))


def reconcile(records: list[Record]) -> list[Record]:
    """Complete supersede links written on one side only (matched by file name where a link names one)."""
    successors: dict[str, list[int]] = {}
    predecessors: dict[str, list[int]] = {}
    for record in records:
        for name in _named(records, record.supersedes, record.supersedes_names):
            successors.setdefault(name, []).append(record.number)
        for name in _named(records, record.superseded_by, record.superseded_by_names):
            predecessors.setdefault(name, []).append(record.number)
    result = []
    for record in records:
        by = tuple(dict.fromkeys((*record.superseded_by, *successors.get(record.path.name, ()))))
        of = tuple(dict.fromkeys((*record.supersedes, *predecessors.get(record.path.name, ()))))
        if by != record.superseded_by or of != record.supersedes:
            status = "superseded" if by else record.status
            record = replace(record, superseded_by=by, supersedes=of, status=status)
        result.append(record)
    return result


def _named(records: list[Record], numbers: tuple[int, ...], names: tuple[str, ...]) -> list[str]:
    """The files a record's links mean: the names it links to, else the numbers held by one file each."""
    present = {r.path.name for r in records}
    found = [name for name in names if name in present]
    for number in numbers:
        holders = [r.path.name for r in records if r.number == number]
        if len(holders) == 1 and not any(record_number(Path(name)) == number for name in found):
            found.append(holders[0])
    return found


def folder_dialect(adr_dir: Path, records: tuple[Record, ...] | list[Record]) -> str:
    """How a new record in this folder is written: the layout every existing record shares.

    `nygard` when all records are adr-tools/Nygard records, or the folder is empty and was
    set up by adr-tools (`.adr-dir`, a project template, or `doc/adr`); `madr2` when all are
    MADR 2 / log4brains records (`* Status:` items); else `madr`.
    """
    if records and not all(r.bare for r in records):
        layouts = {r.layout for r in records if not r.bare}
        return layouts.pop() if len(layouts) == 1 and layouts <= {"nygard", "madr2"} else "madr"
    adr_tools = (adr_dir / PROJECT_TEMPLATE).is_file() or adr_dir.as_posix().endswith("doc/adr")
    marker = any((folder / ADR_DIR_FILE).is_file() for folder in (adr_dir, *adr_dir.resolve().parents))
    return "nygard" if adr_tools or marker else "madr"


def folder_record(path: Path) -> tuple[Record, tuple[int, ...]]:
    """One record as its folder sees it (links from other records included), and the records
    in force that replace it, at the end of its chain of successors; InputError if unreadable."""
    record = read_record(path)
    records = read_folder(path.parent).records
    for other in records:
        if other.path.name == path.name:
            return other, in_force(records, other)
    return record, ()


def in_force(records: tuple[Record, ...], record: Record) -> tuple[int, ...]:
    """The successors of a superseded record that are not superseded themselves (cycles stop)."""
    by_number = {r.number: r for r in records}
    seen, ends, todo = {record.number}, [], list(record.superseded_by)
    while todo:
        number = todo.pop(0)
        if number in seen:
            continue
        seen.add(number)
        successor = by_number.get(number)
        if successor is None or not successor.superseded_by:
            ends.append(number)
        else:
            todo.extend(successor.superseded_by)
    return tuple(ends)


def uses_dates(adr_dir: Path) -> bool:
    """True when the folder names records by date (log4brains)."""
    return is_dated_folder(adr_dir)
