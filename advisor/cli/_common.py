"""Option helpers shared by the commands (click stays inside advisor/cli)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from advisor.format.model import DEFAULT_FILE, Loaded, load_architecture, require_file

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


def load(path: Path) -> Loaded:
    """Load an architecture file, with a friendly error when it is missing."""
    require_file(path)
    return load_architecture(path)


def echo_json(data: Any) -> None:
    """Print data as indented JSON."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, default=str))
