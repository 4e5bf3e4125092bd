"""questionary prompts built from the trait catalogue, and the review screen.

The questions are data (rules/traits.yaml); this module turns them into prompts. Every
prompt uses `unsafe_ask()`, so Ctrl-C raises KeyboardInterrupt (exit 130) and a closed
input raises EOFError (exit 2) at the one error boundary in advisor.cli. questionary is
imported inside the functions: `advisor --help` never pays for it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Mapping
from typing import Any

from advisor.decision.catalogue import STYLES, Answer, Catalogue, Trait, show_answer
from advisor.decision.evidence import Derived
from advisor.decision.explain import score_text
from advisor.decision.scoring import Recommendation, used_answers
from advisor.format.model import Architecture

Echo = Callable[[str], None]
CONTINUE, CHANGE = "continue", "change"
SUPERSEDE, REWRITE, STOP = "supersede", "rewrite", "stop"


def _q() -> Any:
    import questionary

    return questionary


def trait_intro(trait: Trait, position: int, total: int, catalogue: Catalogue) -> list[str]:
    """The lines shown before a question: position, question, help and its sources."""
    sources = "; ".join(catalogue.cite(key) for key in trait.sources())
    body = textwrap.fill(trait.help, width=88, initial_indent="  ", subsequent_indent="  ")
    cited = textwrap.fill(f"Source: {sources}", 88, initial_indent="  ", subsequent_indent="    ")
    return ["", f"{position}/{total}  {trait.question}", body, cited]


def ask_trait(
    trait: Trait,
    default: Answer,
    position: int,
    total: int,
    catalogue: Catalogue,
    echo: Echo,
    derived: Derived | None = None,
) -> Answer:
    """Ask one trait: a select for levels and choices, a confirm for yes/no, a number for counts."""
    q = _q()
    for line in trait_intro(trait, position, total, catalogue):
        echo(line)
    if derived is not None and derived.answer == default:
        echo(f"  The file's model says {show_answer(derived.answer)}: {derived.basis}. Keeping it leaves it derived.")
    message = f"({position}/{total}) {trait.id}"
    if trait.type == "bool":
        return bool(q.confirm(message, default=bool(default)).unsafe_ask())
    if trait.type == "int":

        def valid(text: str) -> bool | str:
            number = text.strip()
            ok = number.isascii() and number.isdigit() and int(number) >= trait.minimum
            return True if ok else f"a whole number, at least {trait.minimum}"

        return int(q.text(message, default=str(default), validate=valid).unsafe_ask())
    answer: Answer = q.select(message, choices=[str(c) for c in trait.choices], default=str(default)).unsafe_ask()
    return answer


def ask_all(
    catalogue: Catalogue, defaults: Mapping[str, Answer], echo: Echo, derived: Mapping[str, Derived] = {}
) -> dict[str, Answer]:
    """Every question in catalogue order, each defaulting to `defaults`."""
    traits = list(catalogue.traits.values())
    return {
        trait.id: ask_trait(trait, defaults[trait.id], index, len(traits), catalogue, echo, derived.get(trait.id))
        for index, trait in enumerate(traits, 1)
    }


def review_lines(rec: Recommendation) -> list[str]:
    """The review screen: recommendation, a bar per style, the strongest reasons, the flips."""
    lines = [text for text, _ in score_text(rec, top=3, max_flips=6, sources=False)]
    return ["", *[line for line in lines if line]]


def review(
    answers: dict[str, Answer],
    catalogue: Catalogue,
    echo: Echo,
    *,
    target: str | None = None,
    model: Architecture | None = None,
) -> tuple[dict[str, Answer], Recommendation]:
    """Show the live recommendation (per flow too); let the user change answers until they go on."""
    from advisor.decision.flows import score_model

    q = _q()
    traits = list(catalogue.traits.values())
    model = model or Architecture()
    while True:
        rec = score_model(model, answers, target=target, catalogue=catalogue)
        shown = used_answers(rec)
        for line in review_lines(rec):
            echo(line)
        action = q.select(
            "Next",
            choices=[
                q.Choice("Continue with these answers", CONTINUE),
                q.Choice("Change an answer", CHANGE),
            ],
            default=CONTINUE,
        ).unsafe_ask()
        if action == CONTINUE:
            return answers, rec
        choices = [
            q.Choice(f"{i}/{len(traits)} {t.id}: {_state(t.id, answers, shown)}", t.id) for i, t in enumerate(traits, 1)
        ]
        tid = q.select("Which answer?", choices=choices).unsafe_ask()
        position = [t.id for t in traits].index(tid) + 1
        now = shown.get(tid, catalogue.traits[tid].default)
        answers = {**answers, tid: ask_trait(catalogue.traits[tid], now, position, len(traits), catalogue, echo)}


def _state(tid: str, answers: Mapping[str, Answer], used: Mapping[str, Answer]) -> str:
    if tid in answers:
        return show_answer(answers[tid])
    return f"{show_answer(used[tid])} (derived)" if tid in used else "unanswered"


def ask_style(rec: Recommendation, reason: str = "") -> tuple[str, str]:
    """The style to record (recommended pre-selected) and, for another one, why."""
    q = _q()
    choices = [
        q.Choice(f"{s} ({rec.scores[s]:.1f}{', recommended' if s == rec.recommendation else ''})", s) for s in STYLES
    ]
    style: str = q.select("Style to record", choices=choices, default=rec.recommendation).unsafe_ask()
    if style == rec.recommendation:
        return style, ""
    why: str = q.text(
        f"Why {style} rather than the recommended {rec.recommendation}? (goes into the record)",
        default=reason,
        validate=lambda text: bool(text.strip()) or "a reason is needed when overriding the recommendation",
    ).unsafe_ask()
    return style, why.strip()


def ask_title(default: str) -> str:
    """The record's title, pre-filled."""
    title: str = (
        _q()
        .text(
            "Title of the decision record",
            default=default,
            validate=lambda text: bool(text.strip()) or "a title is needed",
        )
        .unsafe_ask()
    )
    return title.strip()


def ask_target(options: list[tuple[str, bool]], default: str) -> str:
    """A scaffold target that fits the style, or none ("" for none)."""
    q = _q()
    choices = [q.Choice("none (no starter)", "")]
    choices += [q.Choice(name, name, disabled=None if ok else "not available in this version") for name, ok in options]
    usable = {value for value, ok in [("", True), *options] if ok}
    chosen: str = q.select(
        "Scaffold a starter for",
        choices=choices,
        default=default if default in usable else "",
    ).unsafe_ask()
    return chosen


def confirm_write(count: int) -> bool:
    """The final yes/no after the list of files."""
    return bool(_q().confirm(f"Write these {count} files?", default=True).unsafe_ask())


def ask_keep_starter(folder: str, count: int) -> bool:
    """The starter's files already exist: keep them (record the decision only), or stop."""
    q = _q()
    keep: bool = q.select(
        f"{folder} already holds {count} of the starter's files",
        choices=[
            q.Choice("Keep the existing starter; record the decision only", True),
            q.Choice("Stop; write nothing (--force replaces the starter)", False),
        ],
        default=True,
    ).unsafe_ask()
    return keep


def ask_existing_record(path: str) -> str:
    """FILE already records a decision: supersede it, rewrite it, or stop."""
    q = _q()
    choice: str = q.select(
        f"{path} already records a decision",
        choices=[
            q.Choice("Supersede it with a new record (keeps the history)", SUPERSEDE),
            q.Choice("Rewrite it in place", REWRITE),
            q.Choice("Stop; write nothing", STOP),
        ],
        default=SUPERSEDE,
    ).unsafe_ask()
    return choice
