"""`advisor adr ...`: the record lifecycle (MADR 4, adr-tools and log4brains folders)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from advisor.cli._common import echo_json, format_option, say

if TYPE_CHECKING:
    from advisor.adr import Folder, Record
    from advisor.writing import PlannedFile

_DIR_HELP = (
    "ADR directory (default: .adr-dir, docs/decisions, docs/adr or doc/adr, looked for from here "
    "up to the repository root)."
)
_NEW_STATUSES = ("proposed", "accepted", "rejected", "deprecated")
_TEMPLATE_HELP = "Layout: MADR 4 (front matter) or Nygard (adr-tools). Default: the folder's own."
_NEW_TEMPLATE_HELP = (
    "Layout: MADR 4 (front matter), MADR 2 / log4brains (`* Status:` items) or Nygard (adr-tools). "
    "Default: the folder's own."
)

_dir_option = click.option("--dir", "adr_dir", type=click.Path(file_okay=False, path_type=Path), help=_DIR_HELP)
_template_option = click.option("--template", type=click.Choice(("madr", "nygard")), help=_TEMPLATE_HELP)


def _resolve(adr_dir: Path | None) -> Path:
    from advisor.adr import find_adr_dir

    # a relative start keeps the paths we print and put in errors short (docs/decisions/...)
    return adr_dir if adr_dir is not None else find_adr_dir(Path("."))


def _read(folder: Path) -> Folder:
    """The folder's records; each record that cannot be read is a warning naming it."""
    from advisor.adr import adr_id, duplicate_numbers, read_folder

    found = read_folder(folder)
    for problem in found.problems:
        say(f"warning: {problem} (skipped)", err=True)
    for number, paths in duplicate_numbers(list(found.records)).items():
        names = ", ".join(p.name for p in paths)
        say(f"warning: {adr_id(number)} is used by {len(paths)} files ({names}); renumber one", err=True)
    return found


def _write(plan: list[PlannedFile], folder: Path, *, created: bool | None = None) -> None:
    """Write the plan in one go: its first file is new, the others are records it updates."""
    from advisor.writing import refuse_overwrites, write_plan

    created = not folder.exists() if created is None else created
    refuse_overwrites(plan[:1], force=False)
    write_plan(plan, force=True)  # all or nothing; the updated records exist by construction
    if created:
        say(f"created the ADR folder {folder}", err=True)


@click.group(name="adr")
def command() -> None:
    """Create, list, link, supersede and index architecture decision records.

    \b
    Records are NNNN-slug.md files (log4brains' YYYYMMDD-slug.md are read too) in the
    ADR directory: `.adr-dir` (adr-tools) if present, else docs/decisions, docs/adr or
    doc/adr, looked for from here up to the repository root, else docs/decisions there.
    """


def _link_spec(value: str) -> tuple[str, str, str]:
    parts = value.split(":")
    if len(parts) != 3 or not parts[0].strip():
        raise click.BadParameter(f"{value!r} is not TARGET:LINK:REVERSE-LINK, e.g. 3:Amends:Amended by")
    return parts[0].strip(), parts[1].strip(), parts[2].strip()


@command.command(name="new")
@click.argument("title", nargs=-1, required=True)
@click.option("--status", type=click.Choice(_NEW_STATUSES), default="proposed", show_default=True)
@click.option("--template", type=click.Choice(("madr", "madr2", "nygard")), help=_NEW_TEMPLATE_HELP)
@click.option("--date", help="Date of the record (YYYY-MM-DD; default today).")
@click.option("-s", "--supersedes", "old", multiple=True, metavar="N", help="A record it supersedes (number or file).")
@click.option("-l", "--link", "links", multiple=True, metavar="N:LINK:REVERSE", help="e.g. 3:Amends:Amended by")
@_dir_option
def new(
    title: tuple[str, ...],
    status: str,
    template: str | None,
    date: str | None,
    old: tuple[str, ...],
    links: tuple[str, ...],
    adr_dir: Path | None,
) -> None:
    """Write a blank record titled TITLE (not scored; `advisor decide` writes scored ones).

    It uses the folder's project template (templates/template.md, as adr-tools) or the
    layout its records already have. -s and -l may be repeated; every record they name
    is updated, and nothing is written unless all of them can be.
    """
    from advisor.adr.lifecycle import plan_new
    from advisor.locking import folders_locked

    folder = _resolve(adr_dir)
    specs = tuple(_link_spec(value) for value in links)
    when = _checked_date(date)
    created = not folder.exists()
    with folders_locked(folder):  # two runs at once never take the same number
        plan = plan_new(
            folder, " ".join(title), status=status, template=template, date=when, supersedes=old, links=specs
        )
        _write(plan, folder, created=created)
    say(str(plan[0].path))


def _checked_date(date: str | None) -> str | None:
    import datetime

    if date is None:
        return None
    try:
        return datetime.date.fromisoformat(date).isoformat()
    except ValueError:
        raise click.BadParameter(f"{date!r} is not a date like 2024-05-31", param_hint="--date") from None


@command.command(name="init")
@click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))
@_template_option
@click.option("--date", help="Date of the first record (YYYY-MM-DD; default today).")
def init(directory: Path | None, template: str | None, date: str | None) -> None:
    """Start an ADR folder (as adr-tools' `adr init [DIRECTORY]`) with its first record.

    With DIRECTORY, `.adr-dir` names it here, so every command finds it from any subfolder.
    """
    from advisor.adr.lifecycle import plan_init
    from advisor.writing import write_plan

    plan = plan_init(Path("."), directory, template=template, date=_checked_date(date))
    folder = plan[-1].path.parent
    created = not folder.exists()
    write_plan(plan)  # both new: never overwrites
    if created:
        say(f"created the ADR folder {folder}", err=True)
    for item in plan:
        say(str(item.path), fold=False)


@command.command(name="list")
@format_option("text", "json", "paths")
@_dir_option
def list_(output_format: str, adr_dir: Path | None) -> None:
    """List the records: number, status, date and title (`paths`: one file per line, as adr-tools)."""
    folder = _resolve(adr_dir)
    records = list(_read(folder).records)
    if not records:
        say(f"no records in {folder} (write one with `advisor adr new TITLE` or `advisor decide`)", err=True)
    if output_format == "json":
        echo_json([record.to_dict() for record in records])
    elif output_format == "paths":
        for record in records:
            say(str(record.path), fold=False)
    else:
        cites = _cites(records)
        rows = [(r.cite, _status_text(r, cites), r.date or "-", r.title) for r in records]
        widths = [max((len(row[i]) for row in rows), default=0) for i in (0, 1)]
        for cited, status, date, title in rows:
            say(f"{cited:<{widths[0]}}  {status:<{widths[1]}}  {date:<10}  {title}", fold=False)


def _cites(records: list[Record]) -> dict[int, str]:
    """How to cite each number: its record's id when one record holds it."""
    from advisor.adr import adr_id

    held: dict[int, list[str]] = {}
    for record in records:
        held.setdefault(record.number, []).append(record.cite)
    return {n: ids[0] if len(ids) == 1 else adr_id(n) for n, ids in held.items()}


def _status_text(record: Record, cites: dict[int, str]) -> str:
    from advisor.adr import adr_id
    from advisor.adr.dirs import dated_number

    if not record.superseded_by:
        return record.status
    named = {dated_number(Path(name)): Path(name).stem for name in record.superseded_by_names}
    by = [named.get(n) or cites.get(n, adr_id(n)) for n in record.superseded_by]
    return f"{record.status} by {', '.join(by)}"


@command.command(name="supersede")
@click.argument("old")
@click.argument("new")
@_dir_option
def supersede(old: str, new: str, adr_dir: Path | None) -> None:
    """Mark record OLD as superseded by record NEW (both records are updated).

    A record is named by its number (3, 0003, ADR-0003) or its file name (log4brains'
    20240131-use-kafka).
    """
    from advisor.adr import plan_supersede
    from advisor.writing import write_plan

    folder = _resolve(adr_dir)
    _read(folder)
    plan = plan_supersede(folder, old, new)
    write_plan(plan, force=True)  # both files exist by construction: updating them is the point
    if not plan:
        say(f"{old} is already superseded by {new}; nothing changed")
    for item in plan:
        say(f"updated {item.path}")


@command.command(name="link")
@click.argument("source")
@click.argument("link_type", metavar="LINK")
@click.argument("target")
@click.argument("reverse", metavar="REVERSE-LINK")
@_dir_option
def link(source: str, link_type: str, target: str, reverse: str, adr_dir: Path | None) -> None:
    """Link two records both ways, as adr-tools: `adr link 5 Amends 3 "Amended by"`."""
    from advisor.adr import plan_link
    from advisor.writing import write_plan

    plan = plan_link(_resolve(adr_dir), source, link_type, target, reverse)
    write_plan(plan, force=True)
    for item in plan:
        say(f"updated {item.path}", fold=False)


_file = click.Path(dir_okay=False, exists=True, path_type=Path)
_intro = click.option("-i", "--intro", type=_file, help="A Markdown file to put before the list.")
_outro = click.option("-o", "--outro", type=_file, help="A Markdown file to put after the list.")
_prefix = click.option("-p", "--prefix", default="", help="Put before each link target (e.g. a URL).")


def _text(path: Path | None) -> str:
    from advisor.format.loader import read_text

    return read_text(path) if path else ""


@command.command(name="index")
@click.option("--write", "write", is_flag=True, help="Write README.md in the ADR directory instead of printing.")
@click.option("--force", is_flag=True, help="Replace a README.md that advisor did not generate.")
@_intro
@_outro
@_prefix
@_dir_option
def index(write: bool, force: bool, intro: Path | None, outro: Path | None, prefix: str, adr_dir: Path | None) -> None:
    """Print (or --write) a Markdown table of the records with their statuses."""
    from advisor.adr import plan_index, render_index
    from advisor.writing import write_plan

    folder = _resolve(adr_dir)
    records = list(_read(folder).records)
    texts = {"intro": _text(intro), "outro": _text(outro), "prefix": prefix}
    if not write:
        say(render_index(folder, records, **texts), nl=False, fold=False)
        return
    planned = plan_index(folder, force=force, **texts)
    write_plan([planned], force=True)  # plan_index already refused a README it did not write
    say(str(planned.path))


@command.group(name="generate")
def generate() -> None:
    """adr-tools' `generate toc` and `generate graph`."""


@generate.command(name="toc")
@_intro
@_outro
@_prefix
@_dir_option
def toc(intro: Path | None, outro: Path | None, prefix: str, adr_dir: Path | None) -> None:
    """Print a table of contents: `* [N. Title](file)` per record, as adr-tools does."""
    from advisor.adr.index import render_toc

    records = list(_read(_resolve(adr_dir)).records)
    say(render_toc(records, intro=_text(intro), outro=_text(outro), prefix=prefix), nl=False, fold=False)


@generate.command(name="graph")
@format_option("dot", "mermaid", default="dot")
@_prefix
@click.option("-e", "--extension", default=".html", show_default=True, help="Link extension (DOT only).")
@_dir_option
def graph(output_format: str, prefix: str, extension: str, adr_dir: Path | None) -> None:
    """Print the records and their links as Graphviz DOT (as adr-tools) or Mermaid."""
    from advisor.adr.index import render_graph_dot, render_graph_mermaid

    records = list(_read(_resolve(adr_dir)).records)
    if output_format == "mermaid":
        say(render_graph_mermaid(records), nl=False, fold=False)
    else:
        say(render_graph_dot(records, prefix=prefix, extension=extension), nl=False, fold=False)
