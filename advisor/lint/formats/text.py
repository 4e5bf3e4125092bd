"""`path:line:col: severity [rule] message`, a fix line, and a summary line."""

from __future__ import annotations

from advisor.lint.engine import Report
from advisor.lint.finding import Finding, count

_COLOURS = {"error": "\x1b[1;31m", "warning": "\x1b[33m", "info": "\x1b[36m"}
_DIM, _RESET = "\x1b[2m", "\x1b[0m"
MAX_RELATED = 8


def summary_line(report: Report) -> str:
    """`2 errors, 1 warning, 0 info in 3 files`, or that nothing was found."""
    files = f"{len(report.files)} file{'s' if len(report.files) != 1 else ''}"
    if not report.findings:
        return f"no problems found in {files}"
    counts = count(list(report.findings))
    parts = [
        f"{counts['error']} error{'s' if counts['error'] != 1 else ''}",
        f"{counts['warning']} warning{'s' if counts['warning'] != 1 else ''}",
        f"{counts['info']} info",
    ]
    return f"{', '.join(parts)} in {files} (fail-on {report.fail_on})"


def finding_line(finding: Finding, *, color: bool = False) -> str:
    """One finding in the compiler-style format editors and problem matchers read."""
    where = f"{finding.path}:{finding.line}:{finding.column}"
    severity, rule = finding.severity, f"[{finding.rule}]"
    if color:
        severity = f"{_COLOURS[severity]}{severity}{_RESET}"
        rule = f"{_DIM}{rule}{_RESET}"
    return f"{where}: {severity} {rule} {finding.message}"


def render_text(report: Report, *, color: bool = False) -> str:
    """Every finding with its fix hint and related locations, then the summary."""
    lines = []
    for finding in report.findings:
        lines.append(finding_line(finding, color=color))
        for related in finding.related[:MAX_RELATED]:
            lines.append(f"    {finding.path}:{related.line}:{related.column}: {related.message}")
        if len(finding.related) > MAX_RELATED:
            lines.append(f"    ... and {len(finding.related) - MAX_RELATED} more")
        if finding.hint:
            hint = f"fix: {finding.hint}"
            lines.append(f"    {_DIM}{hint}{_RESET}" if color else f"    {hint}")
    lines.append(summary_line(report))
    return "\n".join(lines) + "\n"
