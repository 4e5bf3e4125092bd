"""`advisor score [FILE]`: score the traits in an architecture file and explain it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from advisor.cli._common import echo_json, file_argument, format_option, load, say


@click.command(name="score")
@file_argument()
@format_option("text", "json", "markdown")
@click.option("--target", help="Scaffold target to check the fit of (default: decision.target).")
def command(file: Path, output_format: str, target: str | None) -> None:
    """Score the traits in FILE (default architecture.yaml) and explain the result.

    \b
    Example:
      advisor score architecture.yaml --format json
    """
    from advisor.decision.explain import score_markdown, score_text
    from advisor.decision.flows import score_model
    from advisor.errors import InputError, Location

    loaded = load(file)
    if target is not None:
        from advisor.targets import style_of, unknown_target

        if style_of(target) is None:
            raise InputError(unknown_target(target))
    try:
        rec = score_model(loaded.model, target=target or loaded.model.decision.target or None)
    except InputError as error:
        raise InputError(error.message, Location(str(file))) from None
    if output_format == "json":
        echo_json(rec.to_dict())
    elif output_format == "markdown":
        click.echo(score_markdown(rec), nl=False)
    else:
        for text, style in score_text(rec):
            colours: dict[str, Any] = dict(style)  # click.style's keywords
            say(text, **colours)
