"""`advisor schema`: the JSON Schema of the architecture file."""

from __future__ import annotations

import click

from advisor.cli._common import echo_json


@click.command(name="schema")
def command() -> None:
    """Print the JSON Schema (draft-07) of the architecture file.

    \b
    Use it in an editor with yaml-language-server, first line of architecture.yaml:
      # yaml-language-server: $schema=./architecture.schema.json
    after: advisor schema > architecture.schema.json
    """
    from advisor.format.schema import architecture_schema

    echo_json(architecture_schema())
