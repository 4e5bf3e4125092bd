"""Lint architecture files: the model's structure, the decision against the traits, and
the decision against its ADR. `lint_paths` returns a Report; formats render it."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advisor.lint.engine import Report, lint_file, lint_paths, lint_text
    from advisor.lint.finding import Finding

__all__ = ["Finding", "Report", "lint_file", "lint_paths", "lint_rule_docs", "lint_text", "source_keys"]


def source_keys(source: str) -> list[str]:
    """The `rules/sources.yaml` keys a rule's `source` cites: each `;`-separated part's
    leading key (`AZ-CH (Azure Choreography pattern)` -> `AZ-CH`)."""
    return [part.strip().split(" (", 1)[0].strip() for part in source.split(";") if part.strip()]

# Loaded on first use, so `advisor lint --help` (which needs only the names of the
# severities and formats) does not import the engine and every rule.
_LAZY = {
    "Report": "advisor.lint.engine",
    "lint_file": "advisor.lint.engine",
    "lint_paths": "advisor.lint.engine",
    "lint_text": "advisor.lint.engine",
    "Finding": "advisor.lint.finding",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'advisor.lint' has no attribute {name!r}")


def lint_rule_docs() -> list[dict[str, Any]]:
    """Every lint rule as data: id, severity, summary, explanation, source, fix, options."""
    from advisor.lint.rules import REGISTRY

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
