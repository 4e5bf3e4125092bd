"""`advisor lint` (not built yet)."""

from __future__ import annotations

import click


@click.command(name="lint", context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def command(args: tuple[str, ...]) -> None:
    """Not built yet."""
    raise click.UsageError("`advisor lint` is not available in this version yet")
