"""What a lint rule reports (a Hit, by model path) and what lint returns (a located Finding)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.format.loader import NodePath

from advisor.lint.levels import RANK, SEVERITIES

__all__ = ["RANK", "SEVERITIES", "Finding", "Hit", "Related", "count", "dotted"]


@dataclass(frozen=True)
class Hit:
    """A rule's report about one node of the model, before it is located.

    `subject` names the thing in model terms (rule + subject make the fingerprint,
    so it survives reformatting); `related` lists further nodes, e.g. each hop of a
    cycle, with a short message each.
    """

    at: NodePath
    message: str
    key: bool = False
    subject: str = ""
    related: tuple[tuple[NodePath, str], ...] = ()
    severity: str = ""  # a rule may lower its own severity for this hit (never raise it)
    position: tuple[int, int] | None = None  # when the node is unknown (a syntax error)
    hint: str = ""  # a fix hint for this hit, when the rule's general one does not fit


@dataclass(frozen=True)
class Related:
    """A further location of a finding, e.g. one hop of a cycle."""

    line: int
    column: int
    message: str


@dataclass(frozen=True)
class Finding:
    """One located lint result (rule, severity, path, line, column, message)."""

    rule: str
    severity: str
    path: str
    line: int
    column: int
    message: str
    hint: str = ""
    subject: str = ""
    related: tuple[Related, ...] = field(default=())

    @property
    def fingerprint(self) -> str:
        """A stable id from the rule and the model subject, not from line text."""
        import hashlib

        digest = hashlib.sha256(f"{self.rule}\0{self.subject or self.message}".encode())
        return digest.hexdigest()[:32]

    def sort_key(self) -> tuple[str, int, int, str]:
        """File order: path, line, column, rule."""
        return (self.path, self.line, self.column, self.rule)


def count(findings: list[Finding]) -> dict[str, int]:
    """How many findings per severity (every severity present, even at zero)."""
    summary = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        summary[finding.severity] += 1
    return summary


def at_or_above(findings: list[Finding], threshold: str) -> bool:
    """Whether any finding is at least as severe as `threshold`."""
    return any(RANK[f.severity] >= RANK[threshold] for f in findings)


def dotted(at: NodePath) -> str:
    """A node path as `services.payments.calls.0`."""
    return ".".join(str(part) for part in at)
