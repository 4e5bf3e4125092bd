"""`advisor adr new|list|supersede|index`: the record lifecycle (MADR 4, adr-tools compatible)."""

from __future__ import annotations

from pathlib import Path

import click

from advisor.cli._common import echo_json, format_option, say

_DIR_HELP = "ADR directory (default: from .adr-dir, else docs/decisions, docs/adr or doc/adr)."
_NEW_STATUSES = ("proposed", "accepted", "rejected", "deprecated")


_dir_option = click.option("--dir", "adr_dir", type=click.Path(file_okay=False, path_type=Path), help=_DIR_HELP)


def _resolve(adr_dir: Path | None) -> Path:
    from advisor.adr import find_adr_dir

    # a relative start keeps the paths we print and put in errors short (docs/decisions/...)
    return adr_dir if adr_dir is not None else find_adr_dir(Path("."))


@click.group(name="adr")
def command() -> None:
    """Create, list, supersede and index architecture decision records.

    \b
    Records are NNNN-slug.md files in the ADR directory: `.adr-dir` (adr-tools) if
    present, else docs/decisions, docs/adr or doc/adr, else docs/decisions.
    """


@command.command(name="new")
@click.argument("title", nargs=-1, required=True)
@click.option(
    "--status",
    type=click.Choice(_NEW_STATUSES),
    default="proposed",
    show_default=True,
    help="Status of the new record.",
)
@click.option(
    "--template",
    type=click.Choice(("madr", "nygard")),
    default="madr",
    show_default=True,
    help="Layout: MADR 4 (front matter) or Nygard (adr-tools).",
)
@click.option("--date", help="Date of the record (YYYY-MM-DD; default today).")
@click.option("--supersedes", "old", type=click.IntRange(min=1), help="Number of a record the new one supersedes.")
@_dir_option
def new(
    title: tuple[str, ...], status: str, template: str, date: str | None, old: int | None, adr_dir: Path | None
) -> None:
    """Write a blank record titled TITLE (not scored; `advisor decide` writes scored ones)."""
    from advisor.adr import plan_new_record, plan_supersede
    from advisor.adr.dirs import record_number
    from advisor.adr.lifecycle import find_record
    from advisor.adr.records import list_records
    from advisor.locking import folders_locked
    from advisor.writing import write_plan

    folder = _resolve(adr_dir)
    with folders_locked(folder):  # two runs at once never take the same number
        if old is not None:
            find_record(list_records(folder), old, folder)  # refuse before writing anything
        when = _checked_date(date)
        planned = plan_new_record(folder, " ".join(title), status=status, template=template, date=when)
        write_plan([planned])
        if old is not None:
            try:
                write_plan(plan_supersede(folder, old, record_number(planned.path) or 0), force=True)
            except BaseException:
                planned.path.unlink(missing_ok=True)  # all or nothing: no new record without its link
                raise
    say(str(planned.path))


def _checked_date(date: str | None) -> str | None:
    import datetime

    if date is None:
        return None
    try:
        return datetime.date.fromisoformat(date).isoformat()
    except ValueError:
        raise click.BadParameter(f"{date!r} is not a date like 2024-05-31", param_hint="--date") from None


@command.command(name="list")
@format_option("text", "json")
@_dir_option
def list_(output_format: str, adr_dir: Path | None) -> None:
    """List the records: number, status, date and title."""
    from advisor.adr import adr_id, duplicate_numbers, list_records

    folder = _resolve(adr_dir)
    records = list_records(folder)
    if not records:
        say(f"no records in {folder} (write one with `advisor adr new TITLE` or `advisor decide`)", err=True)
    if output_format == "json":
        echo_json([record.to_dict() for record in records])
    else:
        rows = [(adr_id(r.number), _status_text(r.status, r.superseded_by), r.date or "-", r.title) for r in records]
        width = max((len(row[1]) for row in rows), default=0)
        for cited, status, date, title in rows:
            say(f"{cited}  {status:<{width}}  {date:<10}  {title}", fold=False)
    for number, paths in duplicate_numbers(records).items():
        names = ", ".join(p.name for p in paths)
        say(f"warning: {adr_id(number)} is used by {len(paths)} files ({names}); renumber one", err=True)


def _status_text(status: str, superseded_by: tuple[int, ...]) -> str:
    from advisor.adr import adr_id

    return f"{status} by {', '.join(adr_id(n) for n in superseded_by)}" if superseded_by else status


@command.command(name="supersede")
@click.argument("old", type=click.IntRange(min=1))
@click.argument("new", type=click.IntRange(min=1))
@_dir_option
def supersede(old: int, new: int, adr_dir: Path | None) -> None:
    """Mark record OLD as superseded by record NEW (both records are updated)."""
    from advisor.adr import adr_id, plan_supersede
    from advisor.writing import write_plan

    plan = plan_supersede(_resolve(adr_dir), old, new)
    write_plan(plan, force=True)  # both files exist by construction: updating them is the point
    if not plan:
        say(f"{adr_id(old)} is already superseded by {adr_id(new)}; nothing changed")
    for item in plan:
        say(f"updated {item.path}")


@command.command(name="index")
@click.option("--write", "write", is_flag=True, help="Write README.md in the ADR directory instead of printing.")
@click.option("--force", is_flag=True, help="Replace a README.md that advisor did not generate.")
@_dir_option
def index(write: bool, force: bool, adr_dir: Path | None) -> None:
    """Print (or --write) a Markdown index of the records with their statuses."""
    from advisor.adr import list_records, plan_index, render_index
    from advisor.writing import write_plan

    folder = _resolve(adr_dir)
    if not write:
        say(render_index(folder, list_records(folder)), nl=False, fold=False)
        return
    planned = plan_index(folder, force=force)
    write_plan([planned], force=True)  # plan_index already refused a README it did not write
    say(str(planned.path))
