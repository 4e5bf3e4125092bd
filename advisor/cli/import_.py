"""`advisor import`: start or extend the architecture file from the artefacts a team keeps."""

from __future__ import annotations

from pathlib import Path

import click

from advisor.cli._common import echo_json, format_option
from advisor.format.interop.sources import KINDS
from advisor.format.model import DEFAULT_FILE


@click.command(name="import")
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--into", "-i", "target", type=click.Path(dir_okay=False, path_type=Path), default=Path(DEFAULT_FILE),
              show_default=True, help="The architecture file to start or to merge into.")
@click.option("--from", "kind", type=click.Choice(KINDS), help="The sources' format (default: detected per document).")
@click.option("--service", metavar="NAME",
              help="The service an AsyncAPI document describes (default: from its info.title).")
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@format_option("text", "json")
def command(sources: tuple[Path, ...], target: Path, kind: str | None, service: str | None,
            dry_run: bool, output_format: str) -> None:
    """Import services, events and flows from SOURCES into an architecture file.

    \b
    SOURCES are files or folders (`-`: standard input) of: AsyncAPI 2.6/3.0
    documents, Kubernetes manifests (or `helm template` output), compose files,
    AWS Step Functions definitions (ASL JSON/YAML) and Backstage catalog entities.
    The file is written in format version 2.
    What the file already says wins: a fact that contradicts it is reported as a
    conflict (with what differs) and left as written, so importing again changes
    nothing. A platform default the source only implies (one replica where it
    sets none) is no conflict with a value the file sets.

    \b
    Examples:
      advisor import k8s/                       # manifests -> architecture.yaml
      helm template shop ./chart | advisor import -
      advisor import asyncapi.yaml --service orders --dry-run
    """
    from advisor.format.interop.importing import Options, import_into
    from advisor.format.interop.report import report_data, report_text
    from advisor.writing import write_file

    merged = import_into(sources, target, Options(kind or "", service or ""))
    write = merged.changed and not dry_run
    if write:
        write_file(target, merged.text, force=True)  # a merge: nothing written by hand is replaced
    if output_format == "json":
        echo_json(report_data(merged, str(target), written=write))
    else:
        click.echo(report_text(merged, str(target), written=write))
