"""`advisor rules [ID]`: the scoring rules and the lint rules, with their sources."""

from __future__ import annotations

import textwrap
from typing import Any

import click

from advisor.cli._common import echo_json, format_option, say
from advisor.errors import InputError


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
    from advisor.decision.catalogue import load_catalogue
    from advisor.lint import lint_rule_docs

    cat = load_catalogue()
    lint_rules = {doc["id"]: doc for doc in lint_rule_docs()}
    if rule_id is None:
        _overview(output_format, list(lint_rules.values()))
    elif rule_id in cat.traits:
        _trait(rule_id, output_format)
    elif rule_id in lint_rules:
        _lint_rule(lint_rules[rule_id], output_format)
    elif rule_id in cat.sources:
        src = cat.sources[rule_id]
        say(f"{src.key}: {src.title}" + (f"\n  {src.url}" if src.url else ""))
    else:
        from advisor.suggest import closest

        near = closest(rule_id, [*cat.traits, *lint_rules, *cat.sources])
        if near:
            raise InputError(f"unknown rule {rule_id!r}; did you mean {near!r}? (`advisor rules` lists them all)")
        raise InputError(
            f"unknown rule {rule_id!r}; scoring rules: {', '.join(cat.traits)}; lint rules: {', '.join(lint_rules)}"
        )


def _overview(output_format: str, lint_rules: list[dict[str, Any]]) -> None:
    from advisor.decision.catalogue import load_catalogue

    cat = load_catalogue()
    rows: list[dict[str, Any]] = [
        {"id": t.id, "kind": "scoring", "summary": t.question, "source": list(t.sources())} for t in cat.traits.values()
    ]
    rows += [
        {"id": r["id"], "kind": "lint", "severity": r["severity"], "summary": r["summary"], "source": r["source"]}
        for r in lint_rules
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
    say(f"Scoring rules (rules version {cat.rules_version}):", bold=True)
    for row in rows:
        if row["kind"] == "scoring":
            say(f"  {row['id']:<24} {row['summary']}  [{', '.join(row['source'])}]")
    say("\nLint rules (advisor rules ID explains one):", bold=True)
    for row in rows:
        if row["kind"] == "lint":
            say(f"  {row['id']:<26} {row['severity']:<8} {row['summary']}")
    say("\nSources:", bold=True)
    for key, src in cat.sources.items():
        say(f"  {key:<8} {src.title}" + (f" <{src.url}>" if src.url else ""))


def _lint_rule(doc: dict[str, Any], output_format: str) -> None:
    if output_format == "json":
        echo_json(doc)
        return
    say(f"{doc['id']} ({doc['severity']}): {doc['summary']}", bold=True)
    for line in textwrap.wrap(doc["explanation"], 88):
        say(f"  {line}")
    say(f"\n  fix: {doc['fix']}")
    for name, value in doc.get("options", {}).items():
        say(f"  option {name}: {value} (set in .advisor.yaml)")
    say(f"  source: {doc['source']}", dim=True)


def _trait(rule_id: str, output_format: str) -> None:
    from advisor.decision.catalogue import load_catalogue

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
    say(f"{trait.id}: {trait.question}", bold=True)
    say(f"  {trait.help}\n")
    for row in rows:
        say(f"  {row['answer']:<10} +{row['points']:g} {row['favours']:<13} {row['reason']} [{row['source']}]")
    say("")
    for key in trait.sources():
        say(f"  {cat.cite(key)}", dim=True)
