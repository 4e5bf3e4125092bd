"""`advisor lint`: check architecture files in CI."""

from __future__ import annotations

import os
import sys

import click

from advisor.lint.formats import FORMATS
from advisor.lint.levels import SEVERITIES


@click.command(name="lint")
@click.argument("files", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default=None,
    help="Output format [default: github when GITHUB_ACTIONS=true, else text].",
)
@click.option(
    "--fail-on",
    type=click.Choice(SEVERITIES),
    default=None,
    help="Exit 1 when a finding is at or above this severity [default: error, or lint.fail-on].",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(exists=True, dir_okay=False),
    help="Settings file [default: the nearest .advisor.yaml above each file].",
)
@click.option("--strict", is_flag=True, help="Ignore `# advisor: ignore[...]` comments: report everything.")
@click.option("--color/--no-color", default=None, help="Colour the text output [default: on a terminal].")
def command(
    files: tuple[str, ...],
    output_format: str | None,
    fail_on: str | None,
    config_path: str | None,
    strict: bool,
    color: bool | None,
) -> None:
    """Check architecture FILES (default architecture.yaml): the model's structure, the
    decision against the traits, and the decision against its ADR.

    \b
    Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
    2 a missing file or bad configuration. `advisor rules ID` explains a rule.
    Suppress one finding with `# advisor: ignore[rule-id] reason` on its line.
    """
    from pathlib import Path

    from advisor.format.model import DEFAULT_FILE
    from advisor.lint import lint_paths
    from advisor.lint.formats import render

    paths = [Path(name) for name in files or (DEFAULT_FILE,)]
    config = Path(config_path) if config_path else None
    report = lint_paths(paths, config_path=config, fail_on=fail_on or "", strict=strict)
    chosen = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    use_color = (
        color if color is not None else (chosen == "text" and sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    )
    if report.files:  # the files that could be read are reported even when another is missing
        click.echo(render(report, chosen, color=use_color), nl=False, color=use_color)
    if report.unreadable:
        from advisor.display import inert_lines

        click.echo(inert_lines("\n".join(f"advisor: {line}" for line in report.unreadable)), err=True)
        sys.exit(2)
    sys.exit(1 if report.failed else 0)
