"""`advisor export`: the model as AsyncAPI 3.0 or Backstage catalog entities."""

from __future__ import annotations

import json
from pathlib import Path

import click

from advisor.cli._common import file_argument, load
from advisor.format.model import require_valid

TARGETS = ("asyncapi", "backstage")


@click.command(name="export")
@file_argument()
@click.option("--to", "target", type=click.Choice(TARGETS), required=True, help="What to export.")
@click.option("--service", metavar="NAME", help="AsyncAPI: the document of one service (default: the system's).")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
              help="Write to PATH instead of printing.")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def command(file: Path, target: str, service: str | None, out: Path | None, force: bool) -> None:
    """Export FILE's model for the tools around it.

    \b
    asyncapi   an AsyncAPI 3.0 document (JSON, valid YAML) of the events: one per
               service with --service, else one for the system
    backstage  Backstage catalog entities (a YAML stream): a Component per service,
               an AsyncAPI API entity for each service's events

    \b
    Examples:
      advisor export --to asyncapi --service payments -o payments.asyncapi.json
      advisor export --to backstage -o catalog-info.yaml
    """
    from advisor.writing import write_file

    loaded = load(file)
    require_valid(loaded, ("services", "events", "flows"))
    if target == "asyncapi":
        from advisor.format.interop.asyncapi_out import asyncapi_document

        text = json.dumps(asyncapi_document(loaded.model, service or ""), indent=2, ensure_ascii=False) + "\n"
    else:
        import yaml

        from advisor.format.interop.backstage_out import backstage_entities

        if service:
            raise click.UsageError("--service applies to --to asyncapi only")
        text = yaml.safe_dump_all(backstage_entities(loaded.model), sort_keys=False, allow_unicode=True)
    if out is None:
        click.echo(text, nl=False)
        return
    write_file(out, text, force=force)
    click.echo(f"wrote {out}")
