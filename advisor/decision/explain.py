"""Formatters for a Recommendation: terminal text and Markdown (JSON is `to_dict`)."""

from __future__ import annotations

import textwrap

from advisor.decision.catalogue import STYLES, Catalogue, load_catalogue, show_answer
from advisor.decision.scoring import SCALE, Contribution, Recommendation
from advisor.decision.whynot import why_not

BAR_WIDTH = 30
WIDTH = 88


def bar(score: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for a 0-100 score."""
    filled = round(score / 100 * width)
    return "█" * filled + "·" * (width - filled)


def flip_sentence(trait: str, to: object, recommendation: str) -> str:
    """`compensation` -> `high` gives `hybrid`, as a sentence."""
    return f"{trait} = {show_answer(to)} would make it {recommendation}"


def headline(rec: Recommendation) -> str:
    """`orchestration (confidence high: margin 55.7 points, coverage 100% ...)`."""
    return (
        f"{rec.recommendation} (confidence {rec.confidence}: margin {rec.margin} points, "
        f"coverage {rec.coverage:.0%} of the questionnaire's weight answered or derived)"
    )


def origin(c: Contribution) -> str:
    """` (derived: 7 services declared)` for a derived trait, else nothing."""
    return f" (derived: {c.basis})" if c.origin == "derived" else ""


def score_text(
    rec: Recommendation,
    *,
    top: int = 5,
    max_flips: int | None = None,
    sources: bool = True,
    catalogue: Catalogue | None = None,
) -> list[tuple[str, dict[str, object]]]:
    """Lines of the terminal report, each with click.style keyword arguments."""
    cat = catalogue or load_catalogue()
    lines: list[tuple[str, dict[str, object]]] = [
        (f"Recommendation: {headline(rec)}", {"bold": True}),
        ("", {}),
    ]
    for style in STYLES:
        mark = "▶" if style == rec.recommendation else " "
        lines.append(
            (
                f"{mark} {style:<14} {bar(rec.scores[style])} {rec.scores[style]:5.1f}",
                {"fg": "green"} if style == rec.recommendation else {},
            )
        )
    lines.append((f"  {SCALE}", {"dim": True}))
    if rec.hybrid_tension:
        lines.append((f"  hybrid tension: {' vs '.join(rec.hybrid_tension)} [{cat.hybrid_source}]", {"dim": True}))
    lines += _flow_lines(rec, cat)
    pushing = [c for c in rec.contributions if c.points > 0][:top]
    if pushing:
        lines += [("", {}), ("Strongest reasons:", {"bold": True})]
        for c in pushing:
            line = (
                f"+{c.points:g} {c.favours:<13} {c.trait} = {show_answer(c.answer)}{origin(c)}: {c.reason} [{c.source}]"
            )
            lines.append((f"  {line}", {}))
    lines += [("", {}), ("Why not the others:", {"bold": True})]
    for item in why_not(rec, cat):
        lines.append((f"  {item.style}:", {}))
        lines += [(f"    - {reason}", {}) for reason in item.against[: None if max_flips is None else 1]]
        lines.append((f"    would take: {item.change}", {"dim": True}))
    lines += [("", {}), ("What would change it:", {"bold": True})]
    shown = rec.flips[:max_flips] if max_flips is not None else rec.flips
    lines += [(f"  {flip_sentence(f.trait, f.to, f.recommendation)}", {}) for f in shown]
    if len(shown) < len(rec.flips):
        lines.append((f"  ... and {len(rec.flips) - len(shown)} more (`advisor score` lists them all)", {}))
    if not rec.flips:
        lines.append(("  no single answer change flips this recommendation", {}))
    if rec.derived:
        lines += [("", {}), ("Derived from the model (not answered; answer them to override):", {"dim": True})]
        lines += [(f"  {d.trait} = {show_answer(d.answer)}: {d.basis}", {"dim": True}) for d in rec.derived]
    if rec.unanswered:
        lines += [
            ("", {}),
            (f"Unanswered (count for nothing; nothing is assumed): {', '.join(rec.unanswered)}", {"dim": True}),
        ]
    for warning in rec.warnings:
        lines.append((f"warning: {warning}", {"fg": "yellow"}))
    used = sorted({c.source for c in pushing})
    if used and sources:
        lines += [("", {}), ("Sources:", {"dim": True})]
        lines += [(f"  {cat.cite(key)}", {"dim": True}) for key in used]
    return [(row, style) for text, style in lines for row in _wrap(text)]


def _flow_lines(rec: Recommendation, cat: Catalogue) -> list[tuple[str, dict[str, object]]]:
    if not rec.flows:
        return []
    lines: list[tuple[str, dict[str, object]]] = [
        ("", {}),
        ("Flows (each scored on its own evidence):", {"bold": True}),
    ]
    width = max(len(name) for name in rec.flows)
    for name, flow in rec.flows.items():
        differs = f", declared {flow.declared}" if flow.declared and flow.declared != flow.recommendation else ""
        head = f"  {name:<{width}}  {flow.recommendation} ({flow.confidence}{differs})"
        lines.append((f"{head}: {'; '.join(flow.why)}", {}))
    if rec.plan is not None:
        lines.append((f"  hybrid: {rec.plan.summary} [{cat.hybrid_source}]", {"fg": "green"}))
    return lines


def _wrap(text: str) -> list[str]:
    """A line folded at WIDTH, continuation lines indented under its text."""
    if len(text) <= WIDTH:
        return [text]
    indent = " " * (len(text) - len(text.lstrip()) + 4)
    return textwrap.wrap(text, WIDTH, subsequent_indent=indent)


def score_markdown(rec: Recommendation, *, catalogue: Catalogue | None = None) -> str:
    """The recommendation as a Markdown section (for PR comments and wikis)."""
    cat = catalogue or load_catalogue()
    out = [
        f"## Recommendation: {rec.recommendation}",
        "",
        f"Confidence **{rec.confidence}** (margin {rec.margin} points; coverage {rec.coverage:.0%} of the "
        f"questionnaire's weight answered or derived; rules {rec.rules_version}).",
        "",
        "| style | score (0-100) |",
        "|---|---:|",
    ]
    out += [f"| {'**' + s + '**' if s == rec.recommendation else s} | {rec.scores[s]:.1f} |" for s in STYLES]
    out += ["", SCALE]
    if rec.flows:
        out += ["", "### Flows", "", "| flow | style | confidence | why |", "|---|---|---|---|"]
        for name, flow in rec.flows.items():
            out.append(f"| {name} | {flow.recommendation} | {flow.confidence} | {'; '.join(flow.why)} |")
        if rec.plan is not None:
            out += ["", f"Hybrid: {rec.plan.summary} [{cat.hybrid_source}]."]
    out += [
        "",
        "### Contributions",
        "",
        "| trait | answer | from | favours | points | reason | source |",
        "|---|---|---|---|---:|---|---|",
    ]
    for c in rec.contributions:
        said = f"derived: {c.basis}" if c.origin == "derived" else "answered"
        out.append(
            f"| {c.trait} | {show_answer(c.answer)} | {said} | {c.favours} | {c.points:g} | {c.reason} | {c.source} |"
        )
    out += ["", "### Why not the others", ""]
    for item in why_not(rec, cat):
        out.append(f"- **{item.style}**: " + "; ".join(item.against) + f". Would take: {item.change}.")
    out += ["", "### What would change it", ""]
    out += [f"- {flip_sentence(f.trait, f.to, f.recommendation)}" for f in rec.flips] or [
        "- no single answer change flips this recommendation"
    ]
    if rec.unanswered:
        out += ["", f"Unanswered (count for nothing; nothing is assumed): {', '.join(rec.unanswered)}"]
    if rec.warnings:
        out += ["", "### Warnings", ""] + [f"- {w}" for w in rec.warnings]
    keys = sorted({c.source for c in rec.contributions})
    out += ["", "### Sources", ""]
    for key in keys:
        src = cat.sources[key]
        out.append(f"- **{key}**: {f'[{src.title}]({src.url})' if src.url else src.title}")
    return "\n".join(out) + "\n"
