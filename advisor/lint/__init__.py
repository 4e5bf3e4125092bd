"""Lint architecture files: the model's structure, the decision against the traits, and
the decision against its ADR. `lint_paths` returns a Report; formats render it."""

from __future__ import annotations

from typing import Any

from advisor.lint.engine import Report, lint_file, lint_paths, lint_text
from advisor.lint.finding import Finding
from advisor.lint.rules import REGISTRY

__all__ = ["Finding", "Report", "lint_file", "lint_paths", "lint_rule_docs", "lint_text", "source_keys"]


def source_keys(source: str) -> list[str]:
    """The `rules/sources.yaml` keys a rule's `source` cites: each `;`-separated part's
    leading key (`AZ-CH (Azure Choreography pattern)` -> `AZ-CH`)."""
    return [part.strip().split(" (", 1)[0].strip() for part in source.split(";") if part.strip()]


def lint_rule_docs() -> list[dict[str, Any]]:
    """Every lint rule as data: id, severity, summary, explanation, source, fix, options."""
    return [
        {
            "id": rule.ID,
            "severity": rule.SEVERITY,
            "summary": rule.SUMMARY,
            "explanation": rule.EXPLANATION,
            "source": rule.SOURCE,
            "fix": rule.FIX,
            "options": dict(rule.OPTIONS),
        }
        for rule in REGISTRY.values()
    ]
