"""Lint YAML text in tests: the whole result, or one rule's findings."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

from advisor.lint import lint_text
from advisor.lint.config import LintConfig
from advisor.lint.finding import Finding


def lint(
    text: str, *, config: LintConfig | None = None, base_dir: Path | None = None, path: str = "architecture.yaml"
) -> list[Finding]:
    """Every finding for the (dedented) text."""
    return lint_text(dedent(text).lstrip("\n"), path, config, base_dir)


def only(rule: str, text: str, **kwargs: object) -> list[Finding]:
    """The findings of one rule."""
    return [f for f in lint(text, **kwargs) if f.rule == rule]  # type: ignore[arg-type]


def where(findings: list[Finding]) -> list[tuple[int, int]]:
    """(line, column) of each finding."""
    return [(f.line, f.column) for f in findings]
