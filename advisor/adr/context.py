"""What a decision record says, worked out in Python; the templates only lay it out."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import Any

from advisor.adr.diagram import diagrams
from advisor.decision.catalogue import STYLES, Answer, Catalogue, show_answer
from advisor.decision.scoring import Contribution, Recommendation
from advisor.format.model import Architecture

# The lint rules (SPEC.md) that check a model keeps to each style.
STYLE_CHECKS = {
    "orchestration": (
        ("missing-compensation", "an orchestrated step other than the last has no compensation"),
        ("orchestrator-spof", "an orchestrator runs with fewer than 2 replicas"),
        ("unknown-reference", "a step or orchestrator names a service that is not declared"),
    ),
    "choreography": (
        ("event-without-producer", "an event is consumed but nobody publishes it"),
        ("event-without-consumer", "an event is published but nobody consumes it"),
        ("event-cycle", "events chain back to where they started"),
        ("hidden-orchestrator", "one service makes synchronous calls to 3 or more services"),
    ),
}
STRONGEST = 3
# The Nygard "Decision" sentence, in the active voice its layout asks for.
WE_WILL = {
    "orchestration": "We will coordinate each business flow from a central orchestrator.",
    "choreography": "We will let services coordinate by publishing and reacting to events, with no coordinator.",
    "hybrid": (
        "We will use choreography between bounded contexts and orchestration inside the context that owns a flow."
    ),
}
_ACRONYMS = {"ha": "HA", "id": "ID", "api": "API"}


def show(answer: Answer) -> str:
    """An answer as it is written in YAML (`true`, `high`, `6`)."""
    return show_answer(answer)


def lower_first(text: str) -> str:
    """`Services are ...` -> `services are ...` (to follow "because"); acronyms stay."""
    first = text.split(" ", 1)[0]
    return text if len(first) > 1 and first.isupper() else text[:1].lower() + text[1:]


def trait_title(trait_id: str) -> str:
    """`flow_length` -> `Flow length`, `coordinator_ha` -> `Coordinator HA`."""
    words = [_ACRONYMS.get(word, word) for word in trait_id.split("_")]
    return " ".join(words)[:1].upper() + " ".join(words)[1:]


def build_context(
    *,
    model: Architecture,
    rec: Recommendation,
    style: str,
    cat: Catalogue,
    override_reason: str,
    architecture_path: str,
    target: str,
) -> dict[str, Any]:
    """Everything the ADR templates show, as plain values."""
    cited: dict[str, None] = {}
    drivers = [_driver(c, cat, cited) for c in rec.contributions]
    options = [_option(sid, cat, style, rec.recommendation, cited) for sid in STYLES]
    lint_command = f"advisor lint {shlex.quote(architecture_path)} --fail-on warning"
    context = {
        "system": model.system or "the system",
        "description": model.description.strip(),
        "architecture_path": architecture_path,
        "model_summary": _model_summary(model),
        "drivers": drivers,
        "chosen": cat.styles[style].title,
        "style": style,
        "recommended": cat.styles[rec.recommendation].title,
        "override": style != rec.recommendation,
        "override_reason": override_reason.strip(),
        "we_will": WE_WILL[style],
        "because": _because(rec, style, cat, override_reason, cited),
        "score_line": _score_line(rec, style, cat),
        "options": options,
        "chosen_option": next(o for o in options if o["chosen"]),
        "against": [_driver(c, cat, cited) for c in _against(rec, style)],
        "warnings": list(rec.warnings),
        "target": target,
        "scaffold_command": f"advisor scaffold {architecture_path} --target {target}" if target else "",
        "diagrams": diagrams(model, style),
        "lint_command": lint_command,
        "style_checks": [c for s in STYLES if s in (style, *_parts(style)) for c in STYLE_CHECKS.get(s, ())],
        "scores": [
            {
                "title": cat.styles[s].title,
                "score": f"{rec.scores[s]:.1f}",
                "chosen": s == style,
                "recommended": s == rec.recommendation,
            }
            for s in STYLES
        ],
        "confidence": rec.confidence,
        "margin": f"{rec.margin:.1f}",
        "hybrid_source": _cite(cat.hybrid_source, cited),
        "flips": [_flip(f.trait, f.to, f.recommendation, model.traits, cat) for f in rec.flips],
        "unanswered": [{"id": t, "question": cat.traits[t].question} for t in rec.unanswered],
        "answered": len(rec.contributions),
        "rules_version": rec.rules_version,
        "revisit": _revisit(rec, style, lint_command, cat),
    }
    context["sources"] = [_source(key, cat) for key in sorted(cited)]
    return context


def _parts(style: str) -> tuple[str, ...]:
    return ("orchestration", "choreography") if style == "hybrid" else ()


def _cite(key: str, cited: dict[str, None]) -> str:
    cited[key] = None
    return key


def _driver(c: Contribution, cat: Catalogue, cited: dict[str, None]) -> dict[str, Any]:
    return {
        "trait": c.trait,
        "title": trait_title(c.trait),
        "lower_title": lower_first(trait_title(c.trait)),
        "question": cat.traits[c.trait].question,
        "answer": show(c.answer),
        "favours": c.favours,
        "points": f"{c.points:g}",
        "reason": c.reason,
        "source": _cite(c.source, cited),
        "neutral": c.favours not in STYLES or not c.points,
    }


def _option(sid: str, cat: Catalogue, chosen: str, recommended: str, cited: dict[str, None]) -> dict[str, Any]:
    style = cat.styles[sid]
    return {
        "id": sid,
        "title": style.title,
        "summary": style.summary,
        "tools": ", ".join(style.tools),
        "pros": [{"text": lower_first(p.text), "source": _cite(p.source, cited)} for p in style.pros],
        "cons": [{"text": lower_first(p.text), "source": _cite(p.source, cited)} for p in style.cons],
        "chosen": sid == chosen,
        "recommended": sid == recommended,
    }


def _reason(c: Contribution) -> str:
    return f"{lower_first(trait_title(c.trait))} is `{show(c.answer)}` ({c.reason} [{c.source}])"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _because(rec: Recommendation, style: str, cat: Catalogue, override_reason: str, cited: dict[str, None]) -> str:
    """The justification after `Chosen option: "..."`, from the strongest contributions."""
    if style != rec.recommendation:
        reason = override_reason.strip().rstrip(".") or "the team chose it over advisor's recommendation"
        return f"{reason} (advisor recommended {cat.styles[rec.recommendation].title}; see below)"
    if style == "hybrid" and rec.hybrid_tension:
        pulls = [f"{lower_first(trait_title(t.split('=')[0]))} is `{t.split('=', 1)[1]}`" for t in rec.hybrid_tension]
        return (
            f"strong drivers pull both ways ({_join(pulls)}) [{_cite(cat.hybrid_source, cited)}]: "
            "choreography between bounded contexts, orchestration inside the context that owns a flow"
        )
    strongest = [c for c in rec.contributions if c.favours == style and c.points > 0][:STRONGEST]
    if not strongest:
        return (
            "no answered trait favours any option, so advisor fell back to its tie-break (what you already "
            "run, then the simpler style); answer the questions with `advisor decide` before accepting it"
        )
    return _join([_reason(c) for c in strongest])


def _score_line(rec: Recommendation, style: str, cat: Catalogue) -> str:
    others = [f"{rec.scores[s]:.1f} for {cat.styles[s].title}" for s in STYLES if s != style]
    return (
        f"{cat.styles[style].title} scores {rec.scores[style]:.1f} of 100, against {_join(others)} "
        f"(confidence {rec.confidence}, margin {rec.margin:.1f} points, rules version {rec.rules_version})."
    )


def _against(rec: Recommendation, style: str) -> list[Contribution]:
    """The strongest answers that pulled away from the chosen style."""
    if style == "hybrid":
        return []
    return [c for c in rec.contributions if c.favours in STYLES and c.favours != style and c.points > 0][:STRONGEST]


def _flip(trait: str, to: Answer, recommendation: str, answers: Mapping[str, Answer], cat: Catalogue) -> dict[str, str]:
    now = answers.get(trait)
    return {
        "trait": trait,
        "title": trait_title(trait),
        "to": show(to),
        "now": f"now `{show(now)}`" if now is not None else "unanswered now",
        "recommendation": cat.styles[recommendation].title,
    }


def _revisit(rec: Recommendation, style: str, lint_command: str, cat: Catalogue) -> list[str]:
    items = []
    if rec.flips:
        names = sorted({f"`{f.trait}`" for f in rec.flips})
        which = f"any of {_join(names)}" if len(names) > 1 else names[0]
        items.append(f"When the answer to {which} changes: each of those alone changes the recommendation (above).")
    items.append(
        f"When `{lint_command}` reports `decision-mismatch`: the recorded answers no longer "
        f"recommend {cat.styles[style].title}."
    )
    items.append(
        f"When advisor's rules change (this record was scored with rules version {rec.rules_version}): "
        "re-run `advisor score` and compare."
    )
    if rec.confidence != "high":
        items.append(
            f"Soon: confidence is {rec.confidence}, so the options are close; check the answers with the "
            "teams involved before accepting."
        )
    if rec.unanswered:
        items.append("When the unanswered traits are answered: they were left out of the score.")
    return items


def _source(key: str, cat: Catalogue) -> dict[str, str]:
    source = cat.sources[key]
    return {"key": key, "title": source.title, "url": source.url}


def _model_summary(model: Architecture) -> str:
    parts = []
    for count, noun in ((len(model.services), "service"), (len(model.events), "event"), (len(model.flows), "flow")):
        if count:
            parts.append(f"{count} {noun}{'s' if count != 1 else ''}")
    return _join(parts) if parts else ""
