"""SARIF 2.1.0 for GitHub code scanning: rule metadata with help, model-based
partialFingerprints, related locations, and cycles as code flows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import quote

from advisor import __version__
from advisor.lint.engine import Report
from advisor.lint.finding import Finding
from advisor.lint.rules import REGISTRY, LintRule

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVEL = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT = "advisorModelKey/v1"


def artifact_uri(path: str) -> dict[str, str]:
    """A repository-relative URI when the file is under the working directory."""
    resolved = Path(path).resolve()
    try:
        relative = resolved.relative_to(Path.cwd().resolve())
    except ValueError:
        return {"uri": resolved.as_uri()}
    return {"uri": quote(relative.as_posix()), "uriBaseId": "%SRCROOT%"}


def _pascal(rule_id: str) -> str:
    return "".join(part.capitalize() for part in rule_id.split("-"))


def rule_descriptor(rule: LintRule) -> dict[str, Any]:
    """A reportingDescriptor: id, descriptions, help text and markdown, default level."""
    text = f"{rule.EXPLANATION}\n\nFix: {rule.FIX}\n\nSource: {rule.SOURCE}"
    markdown = f"{rule.EXPLANATION}\n\n**Fix:** {rule.FIX}\n\n**Source:** {rule.SOURCE}"
    return {
        "id": rule.ID,
        "name": _pascal(rule.ID),
        "shortDescription": {"text": rule.SUMMARY},
        "fullDescription": {"text": rule.EXPLANATION},
        "help": {"text": text, "markdown": markdown},
        "defaultConfiguration": {"level": LEVEL[rule.SEVERITY]},
        "properties": {"tags": ["architecture"], "problem.severity": rule.SEVERITY},
    }


def _location(uri: dict[str, str], line: int, column: int, message: str = "") -> dict[str, Any]:
    found: dict[str, Any] = {
        "physicalLocation": {
            "artifactLocation": dict(uri),
            "region": {"startLine": max(line, 1), "startColumn": max(column, 1)},
        }
    }
    if message:
        found["message"] = {"text": message}
    return found


def result(finding: Finding, index: dict[str, int], uri: dict[str, str] | None = None) -> dict[str, Any]:
    """One SARIF result."""
    data: dict[str, Any] = {
        "ruleId": finding.rule,
        "ruleIndex": index[finding.rule],
        "level": LEVEL[finding.severity],
        "message": {"text": finding.message + (f" Fix: {finding.hint}" if finding.hint else "")},
        "locations": [_location(uri or artifact_uri(finding.path), finding.line, finding.column)],
        "partialFingerprints": {FINGERPRINT: finding.fingerprint},
    }
    if finding.related:
        hops = [_location(uri or artifact_uri(finding.path), r.line, r.column, r.message) for r in finding.related]
        data["relatedLocations"] = [{"id": i, **hop} for i, hop in enumerate(hops)]
        if finding.rule in ("event-cycle", "long-event-chain"):
            data["codeFlows"] = [{"threadFlows": [{"locations": [{"location": hop} for hop in hops]}]}]
    return data


def sarif_log(report: Report) -> dict[str, Any]:
    """The whole SARIF log as data."""
    index = {rule_id: i for i, rule_id in enumerate(REGISTRY)}
    uris = {path: artifact_uri(path) for path in {f.path for f in report.findings}}
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "advisor",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "rules": [rule_descriptor(rule) for rule in REGISTRY.values()],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().resolve().as_uri() + "/"}},
                "results": [result(f, index, uris[f.path]) for f in report.findings],
                "columnKind": "unicodeCodePoints",
                "invocations": [{"executionSuccessful": True}],
            }
        ],
    }


def render_sarif(report: Report) -> str:
    """The report as SARIF 2.1.0 JSON."""
    return json.dumps(sarif_log(report), indent=2, ensure_ascii=False) + "\n"
