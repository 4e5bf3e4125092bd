"""The documented JSON shape (README, lint): findings (rule, severity, path, line, column, message) and a summary."""

from __future__ import annotations

import json
from typing import Any

from advisor.lint.engine import Report
from advisor.lint.finding import Finding, count
from advisor.lint.rules import REGISTRY


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as JSON data (documented keys first, then hint, source, fingerprint, related)."""
    return {
        "rule": finding.rule,
        "severity": finding.severity,
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "message": finding.message,
        "hint": finding.hint,
        "source": REGISTRY[finding.rule].SOURCE if finding.rule in REGISTRY else "",
        "fingerprint": finding.fingerprint,
        "related": [{"line": r.line, "column": r.column, "message": r.message} for r in finding.related],
    }


def render_json(report: Report) -> str:
    """The report as indented JSON."""
    data = {
        "findings": [finding_dict(f) for f in report.findings],
        "summary": count(list(report.findings)),
        "files": list(report.files),
        "fail_on": report.fail_on,
        "failed": report.failed,
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
