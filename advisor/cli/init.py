"""`advisor init [FILE]`: a commented starter architecture file."""

from __future__ import annotations

from pathlib import Path

import click

from advisor.cli._common import file_argument, say


@click.command(name="init")
@file_argument()
@click.option("--system", help="The system's name (default: the directory's name).")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def command(file: Path, system: str | None, force: bool) -> None:
    """Write a commented starter architecture file (default architecture.yaml).

    \b
    Example:
      advisor init && advisor score
    """
    from advisor.format.starterfile import starter_text
    from advisor.writing import write_file

    name = system or file.resolve().parent.name
    write_file(file, starter_text(name), force=force)
    say(f"wrote {file}: answer the traits, then run `advisor score` or `advisor decide`")
