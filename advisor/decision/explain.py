"""Formatters for a Recommendation: terminal text and Markdown (JSON is `to_dict`)."""

from __future__ import annotations

import textwrap

from advisor.decision.catalogue import STYLES, Catalogue, load_catalogue, show_answer
from advisor.decision.scoring import Recommendation

BAR_WIDTH = 30
WIDTH = 88


def bar(score: float, width: int = BAR_WIDTH) -> str:
    """A horizontal bar for a 0-100 score."""
    filled = round(score / 100 * width)
    return "█" * filled + "·" * (width - filled)


def flip_sentence(trait: str, to: object, recommendation: str) -> str:
    """`compensation` -> `high` gives `hybrid`, as a sentence."""
    return f"{trait} = {show_answer(to)} would make it {recommendation}"


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
        (f"Recommendation: {rec.recommendation} (confidence {rec.confidence}, margin {rec.margin})", {"bold": True}),
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
    if rec.hybrid_tension:
        lines.append((f"  hybrid tension: {' vs '.join(rec.hybrid_tension)} [{cat.hybrid_source}]", {"dim": True}))
    pushing = [c for c in rec.contributions if c.points > 0][:top]
    if pushing:
        lines += [("", {}), ("Strongest reasons:", {"bold": True})]
        for c in pushing:
            line = f"+{c.points:g} {c.favours:<13} {c.trait} = {show_answer(c.answer)}: {c.reason} [{c.source}]"
            lines.append((f"  {line}", {}))
    lines += [("", {}), ("What would change it:", {"bold": True})]
    shown = rec.flips[:max_flips] if max_flips is not None else rec.flips
    lines += [(f"  {flip_sentence(f.trait, f.to, f.recommendation)}", {}) for f in shown]
    if len(shown) < len(rec.flips):
        lines.append((f"  ... and {len(rec.flips) - len(shown)} more (`advisor score` lists them all)", {}))
    if not rec.flips:
        lines.append(("  no single answer change flips this recommendation", {}))
    if rec.unanswered:
        lines += [("", {}), (f"Unanswered (no effect): {', '.join(rec.unanswered)}", {"dim": True})]
    for warning in rec.warnings:
        lines.append((f"warning: {warning}", {"fg": "yellow"}))
    used = sorted({c.source for c in pushing})
    if used and sources:
        lines += [("", {}), ("Sources:", {"dim": True})]
        lines += [(f"  {cat.cite(key)}", {"dim": True}) for key in used]
    return [(row, style) for text, style in lines for row in _wrap(text)]


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
        f"Confidence **{rec.confidence}** (margin {rec.margin} points, rules {rec.rules_version}).",
        "",
        "| style | score |",
        "|---|---:|",
    ]
    out += [f"| {'**' + s + '**' if s == rec.recommendation else s} | {rec.scores[s]:.1f} |" for s in STYLES]
    out += [
        "",
        "### Contributions",
        "",
        "| trait | answer | favours | points | reason | source |",
        "|---|---|---|---:|---|---|",
    ]
    for c in rec.contributions:
        out.append(f"| {c.trait} | {show_answer(c.answer)} | {c.favours} | {c.points:g} | {c.reason} | {c.source} |")
    out += ["", "### What would change it", ""]
    out += [f"- {flip_sentence(f.trait, f.to, f.recommendation)}" for f in rec.flips] or [
        "- no single answer change flips this recommendation"
    ]
    if rec.unanswered:
        out += ["", f"Unanswered: {', '.join(rec.unanswered)}"]
    if rec.warnings:
        out += ["", "### Warnings", ""] + [f"- {w}" for w in rec.warnings]
    keys = sorted({c.source for c in rec.contributions})
    out += ["", "### Sources", ""]
    for key in keys:
        src = cat.sources[key]
        out.append(f"- **{key}**: {f'[{src.title}]({src.url})' if src.url else src.title}")
    return "\n".join(out) + "\n"
