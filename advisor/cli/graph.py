"""`advisor graph`: the model as a Mermaid or Graphviz DOT diagram."""

from __future__ import annotations

from pathlib import Path

import click

from advisor.cli._common import file_argument, load
from advisor.format.model import require_valid

VIEWS = ("calls", "events", "flows")


@click.command(name="graph")
@file_argument()
@click.option("--format", "output_format", type=click.Choice(("mermaid", "dot")), default="mermaid",
              show_default=True, help="Diagram language.")
@click.option("--only", "only", type=click.Choice(VIEWS), multiple=True,
              help="Draw only these parts (repeatable; default: calls, events and flows).")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path), metavar="PATH",
              help="Write to PATH instead of printing.")
@click.option("--fence/--no-fence", default=None,
              help="Wrap the diagram in a Markdown code block (```mermaid). Default: only for a PATH "
                   "ending in .md or .markdown.")
@click.option("--force", is_flag=True, help="Overwrite PATH if it exists.")
def command(file: Path, output_format: str, only: tuple[str, ...], out: Path | None, fence: bool | None,
            force: bool) -> None:
    """Draw FILE's model: calls (with protocols), events (producers and consumers) and
    flows (steps and compensations), services grouped by owner.

    \b
    Examples:
      advisor graph > docs/architecture.mmd
      advisor graph -o docs/architecture.md        # a ```mermaid block GitHub renders
      advisor graph --format dot | dot -Tsvg > architecture.svg
      advisor graph --only calls --format dot -o calls.dot
    """
    from advisor.format.interop.graph import MARKDOWN_SUFFIXES, build_graph, dot, fenced, mermaid
    from advisor.writing import write_file

    loaded = load(file)
    require_valid(loaded, ("services", "events", "flows"))
    graph = build_graph(loaded.model, only or VIEWS)
    text = mermaid(graph) if output_format == "mermaid" else dot(graph)
    markdown = out is not None and out.suffix.lower() in MARKDOWN_SUFFIXES
    if fence or (fence is None and markdown):
        text = fenced(text, output_format)
    if out is None:
        click.echo(text, nl=False)
        return
    write_file(out, text, force=force)
    click.echo(f"wrote {out}")
