"""`advisor rules [ID]`: the scoring rules and the lint rules, with their sources."""

from __future__ import annotations

import click

from advisor.cli._common import echo_json, format_option
from advisor.errors import InputError


def _answer(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


@click.command(name="rules")
@click.argument("rule_id", required=False)
@format_option("text", "json")
def command(rule_id: str | None, output_format: str) -> None:
    """List the scoring rules (per trait) and lint rules, or explain one ID.

    \b
    Examples:
      advisor rules                 every rule, one line each
      advisor rules compensation    the points each answer gives, with sources
    """
    from advisor.catalogue import load_catalogue

    cat = load_catalogue()
    if rule_id is None:
        _overview(output_format)
    elif rule_id in cat.traits:
        _trait(rule_id, output_format)
    elif rule_id in cat.sources:
        src = cat.sources[rule_id]
        click.echo(f"{src.key}: {src.title}" + (f"\n  {src.url}" if src.url else ""))
    else:
        known = ", ".join(cat.traits)
        raise InputError(f"unknown rule {rule_id!r}; scoring rules: {known}")


def _overview(output_format: str) -> None:
    from advisor.catalogue import load_catalogue

    cat = load_catalogue()
    rows = [
        {"id": t.id, "kind": "scoring", "summary": t.question, "source": list(t.sources())} for t in cat.traits.values()
    ]
    if output_format == "json":
        echo_json(
            {
                "rules_version": cat.rules_version,
                "rules": rows,
                "sources": {k: {"title": s.title, "url": s.url} for k, s in cat.sources.items()},
            }
        )
        return
    click.secho(f"Scoring rules (rules version {cat.rules_version}):", bold=True)
    for row in rows:
        click.echo(f"  {row['id']:<24} {row['summary']}  [{', '.join(row['source'])}]")
    click.secho("\nSources:", bold=True)
    for key, src in cat.sources.items():
        click.echo(f"  {key:<8} {src.title}" + (f" <{src.url}>" if src.url else ""))


def _trait(rule_id: str, output_format: str) -> None:
    from advisor.catalogue import load_catalogue

    cat = load_catalogue()
    trait = cat.traits[rule_id]
    rows = [
        {
            "answer": ("from " if trait.type == "int" else "") + rule.label,
            "favours": rule.favours,
            "points": rule.points,
            "reason": rule.reason,
            "source": rule.source,
        }
        for rule in trait.rules
    ]
    if output_format == "json":
        echo_json({"id": trait.id, "question": trait.question, "help": trait.help, "rules": rows})
        return
    click.secho(f"{trait.id}: {trait.question}", bold=True)
    click.echo(f"  {trait.help}\n")
    for row in rows:
        click.echo(f"  {row['answer']:<10} +{row['points']:g} {row['favours']:<13} {row['reason']} [{row['source']}]")
    click.echo("")
    for key in trait.sources():
        click.secho(f"  {cat.cite(key)}", dim=True)
