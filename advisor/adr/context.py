"""What a decision record says, worked out in Python; the templates only lay it out."""

from __future__ import annotations

import shlex
from collections.abc import Mapping
from typing import Any

from advisor.adr.diagram import diagrams
from advisor.decision.catalogue import STYLES, Answer, Catalogue, show_answer
from advisor.decision.scoring import SCALE, Contribution, Recommendation
from advisor.decision.whynot import why_not
from advisor.format.model import Architecture

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
        "model_note": _services_note(model),
        "drivers": drivers,
        "drivers_intro": (
            "The answered or derived traits that pushed toward an option, and by how many points (strongest first)"
            if rec.derived
            else "The answered traits that pushed toward an option, and by how many points (strongest first)"
        ),
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
        "answered": len(rec.answered),
        "answered_traits": ", ".join(f"`{t}`" for t in cat.traits if t in rec.answered),
        "total_traits": len(cat.traits),
        "derived": [{"trait": d.trait, "answer": show(d.answer), "basis": d.basis} for d in rec.derived],
        "assumed": list(rec.assumed),
        "coverage": f"{rec.coverage:.0%}",
        "scale": SCALE,
        "flows": [
            {
                "name": name,
                "style": cat.styles[f.recommendation].title,
                "confidence": f.confidence,
                "why": "; ".join(f.why),
            }
            for name, f in rec.flows.items()
        ],
        "plan": rec.plan.summary if rec.plan is not None else "",
        "why_not": [
            {"title": cat.styles[w.style].title, "against": list(w.against), "change": w.change}
            for w in why_not(rec, cat)
            if w.style != style
        ]
        + (
            [
                {
                    "title": cat.styles[rec.recommendation].title,
                    "against": ["advisor recommended it; see the override above"],
                    "change": "-",
                }
            ]
            if style != rec.recommendation
            else []
        ),
        "rules_version": rec.rules_version,
        "revisit": _revisit(rec, style, lint_command, cat),
    }
    context["sources"] = [_source(key, cat) for key in sorted(cited)]
    return context


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
        # a derived trait says so where its reason is read: the record never calls it answered
        "reason": f"derived from the model ({c.basis}), not answered; {c.reason}"
        if c.origin == "derived"
        else c.reason,
        "source": _cite(c.source, cited),
        "neutral": c.favours not in STYLES or not c.points,
        "derived": c.origin == "derived",
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
    said = f", derived from the model: {c.basis}" if c.origin == "derived" else ""
    return f"{lower_first(trait_title(c.trait))} is `{show(c.answer)}`{said} ({c.reason} [{c.source}])"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _because(rec: Recommendation, style: str, cat: Catalogue, override_reason: str, cited: dict[str, None]) -> str:
    """The justification after `Chosen option: "..."`, from the strongest contributions."""
    if style != rec.recommendation:
        reason = override_reason.strip().rstrip(".") or "the team chose it over advisor's recommendation"
        return f"{reason} (advisor recommended {cat.styles[rec.recommendation].title}; see below)"
    if style == "hybrid" and rec.plan is not None:
        return f"the flows differ on their own evidence [{_cite(cat.hybrid_source, cited)}]: {rec.plan.summary}"
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
    if style == rec.recommendation:
        items.append(
            f"When `{lint_command}` reports `decision-mismatch`: the recorded answers no longer "
            f"recommend {cat.styles[style].title}."
        )
    else:  # an override: the answers never recommended the chosen style, so say what can change
        items.append(
            f"When `{lint_command}` reports `adr-mismatch` because the answers no longer recommend "
            f"{cat.styles[rec.recommendation].title}: the reason for departing from it may no longer hold."
        )
    items.append(
        f"When advisor's rules change (this record was scored with rules version {rec.rules_version}): "
        "re-run `advisor score` and compare."
    )
    if rec.confidence != "high" and rec.coverage < cat.coverage["high"]:
        items.append(
            f"Soon: confidence is {rec.confidence} because the evidence is thin (coverage {rec.coverage:.0%}); "
            "answer the unanswered traits with the teams involved before accepting."
        )
    elif rec.confidence != "high":
        items.append(
            f"Soon: confidence is {rec.confidence}, so the options are close; check the answers with the "
            "teams involved before accepting."
        )
    if rec.unanswered:
        items.append("When the unanswered traits are answered: they were left out of the score.")
    if rec.derived:
        items.append(
            f"When the services, events or flows in `{lint_command.split()[2]}` change: "
            f"{_join([f'`{d.trait}`' for d in rec.derived])} were derived from them."
        )
    return items


def _source(key: str, cat: Catalogue) -> dict[str, str]:
    source = cat.sources[key]
    return {"key": key, "title": source.title, "url": source.url}


def _services_note(model: Architecture) -> str:
    """What the services answer says beside the services the file declares, when they differ."""
    said, declared = model.traits.get("services"), len(model.services)
    if not isinstance(said, int) or not declared or said == declared:
        return ""
    if said > declared:
        rest = said - declared
        return (
            f"The answers count {said} services; {'one is' if rest == 1 else f'{rest} are'} not modelled in the file."
        )
    return (
        f"The answers count {said} services, fewer than the {declared} the file declares: "
        "`advisor lint` reports this as `trait-contradicts-model`."
    )


def _model_summary(model: Architecture) -> str:
    parts = []
    for count, noun in ((len(model.services), "service"), (len(model.events), "event"), (len(model.flows), "flow")):
        if count:
            parts.append(f"{count} {noun}{'s' if count != 1 else ''}")
    return _join(parts) if parts else ""
