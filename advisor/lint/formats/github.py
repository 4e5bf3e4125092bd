"""GitHub Actions workflow commands: `::error file=..,line=..::message`, worst first.

GitHub shows about ten annotations of each kind per step, so the first ten of each
are annotations, the rest plain log lines, and a notice counts what was not annotated.
"""

from __future__ import annotations

from advisor.lint.engine import Report
from advisor.lint.finding import RANK, Finding
from advisor.lint.formats.text import finding_line, summary_line

KIND = {"error": "error", "warning": "warning", "info": "notice"}
PER_KIND = 10


def escape_data(text: str) -> str:
    """Escape a message: % CR LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: % CR LF : ,"""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding) -> str:
    """One workflow command for a finding."""
    props = (
        f"file={escape_property(finding.path)},line={finding.line},col={finding.column},"
        f"title={escape_property(f'advisor [{finding.rule}]')}"
    )
    message = finding.message + (f"\nfix: {finding.hint}" if finding.hint else "")
    return f"::{KIND[finding.severity]} {props}::{escape_data(message)}"


def render_github(report: Report) -> str:
    """Annotations (worst first, at most ten per kind), the rest as log lines, then counts."""
    ordered = sorted(report.findings, key=lambda f: (-RANK[f.severity], f.sort_key()))
    shown: dict[str, int] = dict.fromkeys(KIND.values(), 0)
    lines, rest = [], []
    for finding in ordered:
        kind = KIND[finding.severity]
        if shown[kind] < PER_KIND:
            shown[kind] += 1
            lines.append(annotation(finding))
        else:
            rest.append(finding)
    lines.extend(finding_line(f) for f in rest)
    if rest:
        hidden = {k: sum(1 for f in rest if KIND[f.severity] == k) for k in KIND.values()}
        counts = ", ".join(f"{n} {k}{'s' if n != 1 else ''}" for k, n in hidden.items() if n)
        note = f"{counts} more not annotated (GitHub shows about {PER_KIND} per kind); they are listed in the log above"
        lines.append(f"::notice title=advisor::{escape_data(note)}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
