"""What a record's Confirmation lists: the lint rules that check the decision, in lint's words,
and what lint reports on the architecture file as decided.

Each rule is described by its own `SUMMARY` from lint's registry, so the record and
`advisor rules` say the same thing; every rule in the registry is named somewhere, so a
rule that fails the build is never left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from advisor.adr.markdown import inline
from advisor.errors import InputError
from advisor.format.loader import Document
from advisor.format.model import Architecture
from advisor.lint.finding import RANK, Finding
from advisor.lint.rules import REGISTRY

# Rules about the record and the decision itself: the templates describe them for this record.
DECISION_RULES = ("decision-mismatch", "adr-mismatch", "adr-missing")
# Rules about the file, not the architecture.
FILE_RULES = ("syntax", "schema", "bad-suppression", "unused-suppression")
# Rules that check a model keeps to each style; the others check what any model declares
# (references, events without producer or consumer, idempotency, outbox, versions, ...).
SAGA_RULES = (  # orchestrated sagas, and any with a pivot
    "missing-compensation",
    "non-retriable-after-pivot",
    "contradictory-step-kind",
)
STYLE_RULES = {
    "orchestration": (*SAGA_RULES, "missing-timeout", "orchestrator-spof", "god-orchestrator"),
    "choreography": (
        "event-cycle",
        "event-join",
        "long-event-chain",
        "missing-deadline",
        "hidden-orchestrator",
        "hidden-request-reply",
    ),
}
SCOPE = {
    "orchestration": "orchestration",
    "choreography": "choreography",
    "hybrid": "orchestration inside the context that owns a flow and choreography between contexts",
}
MAX_FINDINGS = 12


@dataclass(frozen=True)
class Check:
    """A lint rule as the record lists it."""

    rule: str
    summary: str


def style_checks(style: str, model: Architecture) -> list[Check]:
    """The rules that check the model keeps to `style`, in registry order, with lint's summaries.

    Under choreography the saga rules join them when a flow declares its pivot: they check
    choreographed sagas too."""
    wanted: set[str] = set()
    for part in ("orchestration", "choreography"):
        if style in (part, "hybrid"):
            wanted.update(STYLE_RULES[part])
    if any(flow.pivot_index() is not None for flow in model.flows.values()):
        wanted.update(SAGA_RULES)
    return [Check(rule_id, rule.SUMMARY) for rule_id, rule in REGISTRY.items() if rule_id in wanted]


def other_checks(listed: list[Check]) -> list[str]:
    """The ids of the other rules that check the model (every one not listed otherwise)."""
    named = {*DECISION_RULES, *FILE_RULES, *(check.rule for check in listed)}
    return [rule_id for rule_id in REGISTRY if rule_id not in named]


def _join(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def findings_today(document: Document, model: Architecture) -> list[Finding] | None:
    """What `advisor lint` reports on the file once it holds `model`'s answers and decision
    (the rules about the record itself left out: it is being written); None when the
    file's lint settings cannot be read."""
    from advisor.lint.config import LintConfig, find_config, load_config
    from advisor.lint.engine import default_options, lint_model

    try:
        where = find_config(Path(document.path))
        config = load_config(where, default_options()) if where else LintConfig()
    except InputError:
        return None
    return [f for f in lint_model(document, model, config) if f.rule not in DECISION_RULES]


def confirmation(style: str, model: Architecture, document: Document | None) -> dict[str, object]:
    """The values `_confirmation.md.j2` shows."""
    checks = style_checks(style, model)
    found = findings_today(document, model) if document is not None else None
    failing = [f for f in found or () if RANK[f.severity] >= RANK["warning"]]
    notes = len(found or ()) - len(failing)
    return {
        "style_scope": SCOPE[style],
        "style_checks": [{"rule": c.rule, "summary": c.summary} for c in checks],
        "other_checks": _join([f"`{rule}`" for rule in other_checks(checks)]),
        "file_checks": _join([f"`{rule}`" for rule in FILE_RULES]),
        "findings_known": found is not None,
        "findings": [
            {"severity": f.severity, "rule": f.rule, "message": inline(f.message)} for f in failing[:MAX_FINDINGS]
        ],
        "findings_more": max(0, len(failing) - MAX_FINDINGS),
        "notes": notes,
    }
