"""Option helpers shared by the commands (click stays inside advisor/cli)."""

from __future__ import annotations

import dataclasses
import json
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


def say(text: str = "", **options: Any) -> None:
    """click.echo for text that may hold values from a file: every line made inert."""
    from advisor.display import inert_lines

    click.echo(inert_lines(text), **options)


def echo_json(data: Any) -> None:
    """Print data as indented JSON."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
