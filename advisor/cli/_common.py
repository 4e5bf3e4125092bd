"""Option helpers shared by the commands (click stays inside advisor/cli)."""

from __future__ import annotations

import dataclasses
import json
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from advisor.format.model import DEFAULT_FILE, Loaded, load_architecture, require_file, require_valid

F = TypeVar("F", bound=Callable[..., Any])


def file_argument(required: bool = False) -> Callable[[F], F]:
    """The optional FILE argument, defaulting to architecture.yaml."""
    return click.argument(
        "file", type=click.Path(dir_okay=False, path_type=Path), default=Path(DEFAULT_FILE), required=required
    )


def format_option(*choices: str, default: str = "text") -> Callable[[F], F]:
    """--format with the given choices."""
    return click.option(
        "--format",
        "output_format",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def load(path: Path, *, skip: tuple[str, ...] = ()) -> Loaded:
    """Load an architecture file and require it valid, every command the same way:
    a friendly error when it is missing, one InputError listing every schema problem
    (except under the `skip` sections, which the command replaces or does not read)."""
    require_file(path)
    loaded = load_architecture(path)
    kept = tuple(p for p in loaded.problems if not (p.at and p.at[0] in skip))
    require_valid(dataclasses.replace(loaded, problems=kept))
    return loaded


def say(text: str = "", *, fold: bool = True, **options: Any) -> None:
    """click.secho for text that may hold values from a file: every line made inert, and
    folded at word boundaries to the terminal's width (continuation lines indented);
    `fold=False` for shell commands, tables and Markdown, which must stay whole."""
    from advisor.display import inert

    width = terminal_width() if fold else None
    lines = [inert(line) for line in text.split("\n")]
    if width:
        lines = [row for line in lines for row in fold_line(line, width)]
    click.secho("\n".join(lines), **options)


def terminal_width() -> int | None:
    """Columns to fold at: the terminal's (or $COLUMNS), at most 100; None when output is not a terminal."""
    import os
    import sys

    if "COLUMNS" not in os.environ and not sys.stdout.isatty():
        return None
    return max(40, min(shutil.get_terminal_size((100, 24)).columns - 1, 100))


def fold_line(line: str, width: int) -> list[str]:
    """One line folded at `width` on spaces, never inside a word."""
    if len(line) <= width:
        return [line]
    indent = " " * (len(line) - len(line.lstrip()) + 4)
    rows = textwrap.wrap(line, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)
    return rows or [line]


def echo_json(data: Any) -> None:
    """Print data as indented JSON."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
