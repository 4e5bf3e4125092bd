"""`advisor questions`: the trait questions, with help text and sources."""

from __future__ import annotations

from typing import Any

import click

from advisor.cli._common import echo_json, format_option, say


def question_rows() -> list[dict[str, Any]]:
    """Each trait question as plain data (the JSON output)."""
    from advisor.decision.catalogue import load_catalogue

    cat = load_catalogue()
    return [
        {
            "id": t.id,
            "type": t.type,
            "question": t.question,
            "choices": list(t.choices) if t.type != "int" else [],
            "minimum": t.minimum if t.type == "int" else None,
            "default": t.default,
            "help": t.help,
            "source": [cat.cite(key) for key in t.sources()],
        }
        for t in cat.traits.values()
    ]


@click.command(name="questions")
@format_option("text", "json")
def command(output_format: str) -> None:
    """List the questions `advisor decide` asks (ids are the trait keys of the file).

    \b
    Example:
      advisor questions --format json
    """
    from advisor.decision.catalogue import show_answer

    rows = question_rows()
    if output_format == "json":
        echo_json(rows)
        return
    for index, row in enumerate(rows, 1):
        kind = (
            f"integer >= {row['minimum']}"
            if row["type"] == "int"
            else " | ".join(show_answer(c) for c in row["choices"])
        )
        default = show_answer(row["default"])
        say(f"{index:>2}. {row['id']}: {row['question']}", bold=True)
        say(f"    answer: {kind} (default {default})")
        say(f"    {row['help']}")
        say(f"    sources: {'; '.join(row['source'])}", dim=True)
