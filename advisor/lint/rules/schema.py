"""schema: a key, type or value the architecture format does not allow."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.format.validation import validate
from advisor.lint.context import Context
from advisor.lint.finding import Hit, dotted

ID = "schema"
SEVERITY = "error"
SUMMARY = "a key, type or value the format does not allow"
EXPLANATION = (
    "The architecture file has a fixed format (`advisor schema` prints it as JSON Schema). "
    "A misspelt key is otherwise ignored silently, and YAML 1.1 reads `no`, `on` or `1.10` "
    "as booleans and numbers, so a value may not be what was written. Every other rule "
    "reads the model, so what the schema refuses they cannot check."
)
SOURCE = "FORMAT (docs/format.md, the architecture file); YAML (1.1 type resolution)"
FIX = "Change the key or value as the message says."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """One hit per schema problem, at the offending key or value, with its own fix hint."""
    for problem in validate(ctx.doc):
        yield Hit(
            problem.at,
            problem.message,
            key=problem.key,
            hint=problem.hint,
            subject=f"{dotted(problem.at)}:{problem.message}",
        )
