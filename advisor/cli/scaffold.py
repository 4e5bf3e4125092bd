"""`advisor scaffold`: starter code for the decided style, from the file's model."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click

from advisor.cli._common import file_argument, load, say
from advisor.decision.catalogue import STYLES
from advisor.errors import InputError
from advisor.targets import style_of, targets_for
from advisor.writing import PlannedFile


@click.command(name="scaffold")
@file_argument()
@click.option("--target", "-t", metavar="T",
              help="Scaffold target (default: decision.target), e.g. temporal, kafka, kafka+temporal.")
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), metavar="DIR",
              help="Output directory (default: starters/<target>).")
@click.option("--style", type=click.Choice(STYLES), help="Coordination style (default: decision.style).")
@click.option("--dry-run", is_flag=True, help="List the files that would be written; write nothing.")
@click.option("--force", is_flag=True, help="Overwrite files that already exist.")
def command(file: Path, target: str | None, out: Path | None, style: str | None,
            dry_run: bool, force: bool) -> None:
    """Write a starter for the decided style from FILE's services, events and flows.

    \b
    The style comes from decision.style (or --style), the target from --target
    (or decision.target). Nothing is overwritten without --force, and every file
    stays inside the output directory.

    \b
    Examples:
      advisor scaffold --target step-functions
      advisor scaffold architecture.yaml --target kubernetes --out deploy --dry-run
    """
    from advisor.scaffold.engine import example_flow_used, plan_starter, write_starter

    loaded = load(file, skip=("traits",))  # a starter is not made from the traits
    model = loaded.model
    chosen_style = style or model.decision.style
    if not chosen_style:
        raise InputError(f"{file}: no style to scaffold: set decision.style in the file or pass --style "
                         f"({' | '.join(STYLES)})")
    chosen = target or model.decision.target
    if not chosen:
        raise InputError(f"{file}: no target: pass --target or set decision.target; "
                         f"targets for {chosen_style}: {_fitting(chosen_style)}")
    if style is None and chosen_style != "hybrid" and style_of(chosen) == "hybrid":
        # A hybrid target holds an orchestration half and a choreography half: the decided
        # style is one of them. Write it, and say how to record the wider decision.
        click.echo(f"note: {file} decided {chosen_style}, and {chosen} is a hybrid target (events between "
                   f"contexts on its broker, flows on its engine): writing the hybrid starter; record it with "
                   f"`advisor decide --style hybrid --target {chosen}`", err=True)
        chosen_style = "hybrid"
    directory = out if out is not None else Path("starters") / chosen
    plan = plan_starter(model, chosen, directory, style=chosen_style)
    if example_flow_used(model, chosen):
        say(f"{file} has no flow with steps: the starter includes an example flow from its services")
    if dry_run:
        _list(plan, directory)
        return
    written = write_starter(plan, force=force)
    say(f"wrote {len(written)} files to {directory} ({chosen}, {chosen_style}):")
    for path in written:
        say(f"  {path}")
    say("")
    say(_next_steps(plan, directory), fold=False)  # commands to copy


def _fitting(style: str) -> str:
    if style == "hybrid":
        return "BROKER+ENGINE, e.g. kafka+temporal"
    return ", ".join(targets_for(style))


def _list(plan: list[PlannedFile], directory: Path) -> None:
    existing = sum(item.exists for item in plan)
    say(f"would write {len(plan)} files to {directory} (dry run, nothing written):")
    for item in plan:
        say(f"  {item.path}" + ("  (exists: --force overwrites it)" if item.exists else ""))
    if existing:
        say(f"{existing} of them exist already; without --force the write is refused")


def _next_steps(plan: list[PlannedFile], directory: Path) -> str:
    """The starter README's quick start section, or a pointer to the README."""
    readme = next((item for item in plan if item.path == directory / "README.md"), None)
    if readme is None:
        return "next: read the starter's files; it has no README"
    match = re.search(r"^## Quick start\n(.*?)(?=^## |\Z)", readme.content, re.M | re.S)
    block = re.search(r"^```[a-z]*\n(.*?)^```", match.group(1), re.M | re.S) if match else None
    if block is None:
        return f"next: read {directory / 'README.md'}"
    commands = [f"cd {shlex.quote(str(directory))}", *block.group(1).strip().splitlines()]
    return "next steps (more in README.md):\n" + "\n".join(f"  {line}" for line in commands)
