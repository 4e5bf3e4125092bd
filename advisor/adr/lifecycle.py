"""The record lifecycle: new records, superseding and typed links (both records), in the
folder's own dialect, planned as a whole and written together."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from advisor.adr.dirs import adr_id, new_record_path, next_number, record_filename, record_number
from advisor.adr.edits import (
    TextStyle,
    add_link_line,
    add_status_line,
    plain_text,
    set_front_matter,
    set_listed_status,
    text_style,
)
from advisor.adr.folder import PROJECT_TEMPLATE, Folder, folder_dialect, read_folder
from advisor.adr.markdown import heading_text
from advisor.adr.records import Record, parse_record
from advisor.adr.render import NEW_TEMPLATES, check_status, check_template, clean_title, front_matter, today
from advisor.errors import InputError, Location
from advisor.format.loader import decode
from advisor.writing import PlannedFile


class Draft:
    """An ADR folder with edits not written yet: records are read through the edits."""

    def __init__(self, adr_dir: Path) -> None:
        self.adr_dir = adr_dir
        self._texts: dict[Path, str] = {}
        self._original: dict[Path, str] = {}
        self._styles: dict[Path, TextStyle] = {}

    def text(self, path: Path) -> str:
        """A record's text as edited so far ("\\n" line endings, no BOM)."""
        if path not in self._texts:
            raw = path.read_bytes()
            self._styles[path] = text_style(raw)
            self._texts[path] = self._original[path] = plain_text(decode(raw, str(path)))
        return self._texts[path]

    def put(self, path: Path, text: str) -> None:
        """Replace (or add) a record's text."""
        self._texts[path] = text

    def folder(self) -> Folder:
        """The folder as it will be once the edits are written."""
        return read_folder(self.adr_dir, self._texts)

    def find(self, ref: Ref) -> Record:
        """The one readable record `ref` names (3, `0003`, `ADR-0003`, or a file name such as
        log4brains' `20240131-use-kafka`); InputError when none, several or unreadable."""
        folder = self.folder()
        number = _number(ref)
        if number is None:
            named = [r for r in folder.records if str(ref) in (r.path.name, r.path.stem)]
            if not named:
                raise InputError(f"there is no record {str(ref)!r} in {self.adr_dir}")
            return named[0]
        found = [r for r in folder.records if r.number == number]
        if not found:
            unreadable = [e for e in folder.problems if e.location and _number_of(e.location.path) == number]
            if unreadable:
                raise unreadable[0]
            raise InputError(f"there is no {adr_id(number)} in {self.adr_dir}")
        if len(found) > 1:
            paths = ", ".join(str(r.path.name) for r in found)
            raise InputError(f"{adr_id(number)} is ambiguous: {paths} share the number; name one by its file")
        return found[0]

    def plan(self) -> list[PlannedFile]:
        """The new and changed files, each written with its own line endings and BOM."""
        return [
            PlannedFile(path, self._styles.get(path, TextStyle()).apply(text))
            for path, text in self._texts.items()
            if self._original.get(path) != text
        ]


Ref = int | str


def _number(ref: Ref) -> int | None:
    """The number a reference gives (3, "3", "0003", "ADR-0003"), else None (a file name)."""
    if isinstance(ref, int):
        return ref
    match = re.fullmatch(r"(?:ADR-?)?(\d{1,8})", ref.strip(), re.IGNORECASE)
    return int(match.group(1), 10) if match else None


def _number_of(shown: str) -> int | None:
    return record_number(Path(shown))


def duplicate_numbers(records: list[Record]) -> dict[int, list[Path]]:
    """Numbers used by more than one NNNN- file (two branches each added a record)."""
    seen: dict[int, list[Path]] = {}
    for record in records:
        seen.setdefault(record.number, []).append(record.path)
    return {n: paths for n, paths in seen.items() if len(paths) > 1 and n < 10**6}


def new_record_text(
    adr_dir: Path, title: str, *, status: str = "proposed", template: str | None = None, date: str | None = None
) -> tuple[Path, str]:
    """The path and text of a blank record in the folder's dialect (or `template`'s)."""
    check_status(status)
    title = clean_title(title)
    when = date or today()
    number = next_number(adr_dir)
    path = new_record_path(adr_dir, number, title, when)  # log4brains folders: named by date
    project = adr_dir / PROJECT_TEMPLATE
    if template is None and project.is_file():
        return path, project_template(plain_text(project.read_text(encoding="utf-8")), number, title, when, status)
    template = template or folder_dialect(adr_dir, list(read_folder(adr_dir).records))
    check_template(template, NEW_TEMPLATES)
    from advisor.templating import render

    text = render(
        "adr",
        f"new-{template}.md.j2",
        title=heading_text(title),
        number=number,
        date=when,
        status=status,
        status_title=status.capitalize(),
        front_matter=front_matter(status, when, (), {}),
    )
    return path, text


def project_template(text: str, number: int, title: str, date: str, status: str) -> str:
    """adr-tools' substitution: the first NUMBER, TITLE, DATE and STATUS on each line."""
    values = (("NUMBER", str(number)), ("TITLE", heading_text(title)), ("DATE", date), ("STATUS", status.capitalize()))
    lines = []
    for line in text.split("\n"):
        for key, value in values:
            line = line.replace(key, value, 1)
        lines.append(line)
    return "\n".join(lines)


def plan_new_record(
    adr_dir: Path, title: str, *, status: str = "proposed", template: str | None = None, date: str | None = None
) -> PlannedFile:
    """A blank record in the folder's dialect (or `template`'s), numbered max + 1; not written."""
    return plan_new(adr_dir, title, status=status, template=template, date=date)[0]


def plan_new(
    adr_dir: Path,
    title: str,
    *,
    status: str = "proposed",
    template: str | None = None,
    date: str | None = None,
    supersedes: tuple[Ref, ...] = (),
    links: tuple[tuple[Ref, str, str], ...] = (),
) -> list[PlannedFile]:
    """A blank record, and the records it supersedes or links to, updated on both sides."""
    draft = Draft(adr_dir)
    path, text = new_record_text(adr_dir, title, status=status, template=template, date=date)
    if path.exists():
        raise InputError(f"{path} already exists")
    for number in (*supersedes, *(target for target, _, _ in links)):
        draft.find(number)  # refuse before planning anything
    draft.put(path, text)
    new = draft.folder()
    created = next(r for r in new.records if r.path == path)
    for old in supersedes:
        supersede(draft, old, created.number, new_path=path)
    for target, forward, reverse in links:
        link(draft, path, forward, target, reverse)
    plan = draft.plan()
    return [item for item in plan if item.path == path] + [item for item in plan if item.path != path]


def plan_supersede(adr_dir: Path, old: Ref, new: Ref) -> list[PlannedFile]:
    """Both records updated: OLD `superseded by` NEW, NEW `supersedes` OLD (unchanged files left out)."""
    draft = Draft(adr_dir)
    supersede(draft, old, new)
    return draft.plan()


def supersede(draft: Draft, old: Ref, new: Ref, *, new_path: Path | None = None) -> None:
    """Edit both records in the draft, each in its own dialect, and check they now say so."""
    before = draft.find(old)
    after = _by_path(draft, new_path) if new_path else draft.find(new)
    if before.path == after.path:
        raise InputError(f"{before.cite} cannot supersede itself")
    if before.number in after.superseded_by:
        raise InputError(f"{after.cite} is itself superseded by {before.cite}; superseding back would make a cycle")
    draft.put(before.path, _mark_superseded(draft.text(before.path), before, after))
    draft.put(after.path, _mark_supersedes(draft.text(after.path), after, before))
    _check(draft, before.path, lambda r: after.number in r.superseded_by)
    _check(draft, after.path, lambda r: before.number in r.supersedes)


def _by_path(draft: Draft, path: Path) -> Record:
    return parse_record(draft.text(path), path)


def _check(draft: Draft, path: Path, says: Callable[[Record], bool]) -> None:
    """Re-read an edited record to make sure it says what we meant."""
    record = parse_record(draft.text(path), path)
    if not says(record):
        raise InputError("could not update the record's status; edit it by hand", Location(str(path)))


def link(draft: Draft, source: Path, forward: str, target: Ref, reverse: str) -> None:
    """adr-tools' `adr link`: `forward` from source to target, `reverse` back."""
    for label in (forward, reverse):
        if not re.fullmatch(r"[A-Za-z][A-Za-z ]*", label.strip()):
            raise InputError(f"{label!r} is not a link type; write words such as `Amends` or `Amended by`")
    forward, reverse = " ".join(forward.split()), " ".join(reverse.split())
    there = draft.find(target)
    here = _by_path(draft, source)
    if here.path == there.path:
        raise InputError(f"{there.cite} cannot link to itself")
    draft.put(here.path, _add_link(draft.text(here.path), here, forward, there))
    draft.put(there.path, _add_link(draft.text(there.path), there, reverse, here))


def plan_link(adr_dir: Path, source: Ref, forward: str, target: Ref, reverse: str) -> list[PlannedFile]:
    """Both records updated with a typed link ("Amends" / "Amended by")."""
    draft = Draft(adr_dir)
    link(draft, draft.find(source).path, forward.strip(), target, reverse.strip())
    return draft.plan()


def _link(record: Record) -> str:
    return f"[{record.label_markdown}]({quote(record.path.name)})"


def _add_link(text: str, record: Record, label: str, other: Record) -> str:
    line = f"{label} {_link(other)}"
    if record.layout == "nygard":
        return add_status_line(text, line, drop_status=False)
    return add_link_line(text, line)


def _mark_superseded(text: str, record: Record, successor: Record) -> str:
    if record.layout == "nygard":
        return add_status_line(text, f"Superseded by {_link(successor)}", drop_status=True)
    successors = dict.fromkeys((*record.superseded_by, successor.number))
    if record.layout == "madr2":  # log4brains / MADR 2: the `* Status:` item, never new front matter
        cited = [_link(successor) if n == successor.number else adr_id(n) for n in successors]
        return set_listed_status(text, "superseded by " + ", ".join(cited))
    return set_front_matter(text, {"status": "superseded by " + ", ".join(adr_id(n) for n in successors)})


def _mark_supersedes(text: str, record: Record, predecessor: Record) -> str:
    if record.layout == "nygard":
        return add_status_line(text, f"Supersedes {_link(predecessor)}", drop_status=False)
    if record.layout == "madr2":
        return add_link_line(text, f"Supersedes {_link(predecessor)}")
    numbers = dict.fromkeys((*record.supersedes, predecessor.number))
    return set_front_matter(text, {"supersedes": "[" + ", ".join(adr_id(n) for n in numbers) + "]"})


def plan_init(
    here: Path, directory: Path | None, *, template: str | None = None, date: str | None = None
) -> list[PlannedFile]:
    """adr-tools' `adr init [DIR]`: `.adr-dir` naming DIR (when given), then the first record."""
    from advisor.adr.dirs import ADR_DIR_FILE, find_adr_dir

    folder = here / directory if directory else find_adr_dir(here)
    found = read_folder(folder)
    if found.records or found.problems:
        raise InputError(f"{folder} already holds records; `advisor adr new TITLE` adds one")
    marker = here / ADR_DIR_FILE
    plan = []
    if directory is not None and marker.exists():
        if marker.read_text(encoding="utf-8").strip() != directory.as_posix():
            raise InputError(f"{marker} already names another folder; edit or remove it first")
    elif directory is not None:
        plan.append(PlannedFile(marker, f"{directory.as_posix()}\n"))
    template = template or ("nygard" if directory is not None else folder_dialect(folder, []))
    check_template(template)
    when = date or today()
    from advisor.templating import render

    text = render(
        "adr", f"init-{template}.md.j2", number=1, date=when, front_matter=front_matter("accepted", when, (), {})
    )
    return [*plan, PlannedFile(folder / record_filename(1, "Record architecture decisions"), text)]
