"""adr-mismatch: the ADR's status or chosen option disagrees with `decision`."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from advisor.decision.catalogue import show_answer
from advisor.decision.flows import rescore
from advisor.errors import InputError
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "adr-mismatch"
SEVERITY = "error"
SUMMARY = "the ADR's status or chosen option disagrees with `decision` (or it is superseded)"
EXPLANATION = (
    "The record named in `decision.adr` is the decision's source of truth. If it was "
    "rejected, deprecated or superseded, or chose another option than `decision.style`, "
    "the file and the record contradict each other and one of them is stale. When the "
    "record carries advisor's metadata (the answers it was decided on), lint also re-scores "
    "today's traits: if they no longer recommend what the record chose, it is time to "
    "revisit the decision."
)
SOURCE = "NYGARD (Documenting Architecture Decisions, 2011); MADR (status, chosen option, superseded by)"
FIX = (
    "Point `decision.adr` at the record in force, make `decision.style` match its chosen "
    "option, or supersede it with `advisor adr supersede` when the traits have changed."
)
OPTIONS: Mapping[str, int] = {}
_AT = ("decision", "adr")


def check(ctx: Context) -> Iterator[Hit]:
    """Compare the record's status, chosen option and recorded answers with the file."""
    adr = ctx.model.decision.adr
    path = ctx.base_dir / adr if adr else None
    if path is None or not path.is_file():
        return  # adr-missing reports it
    from advisor.adr.folder import folder_record  # imported only when there is a record to read

    try:
        record, current = folder_record(path)  # "Supersedes" written only in the successor still counts
    except InputError as error:
        yield Hit(_AT, f"decision record {adr!r} cannot be read: {error}", subject="unreadable")
        return
    name = f"ADR {record.number:04d}"
    if record.status in ("superseded", "rejected", "deprecated"):
        by = ", ".join(f"ADR {n:04d}" for n in record.superseded_by)
        newest = ", ".join(f"ADR {n:04d}" for n in current if n not in record.superseded_by)
        force = f" (in force now: {newest})" if newest else ""
        status = f"{record.status}{f' by {by}' if by else ''}{force}"
        yield Hit(
            _AT,
            f"{name} is {status}; decision.adr should name the record in force",
            subject=f"status:{record.status}",
        )
    elif record.status == "proposed":
        # advisor decide writes new records as proposed: a reminder, not a failure.
        yield Hit(
            _AT,
            f"{name} is still proposed; set its status to accepted once it is agreed",
            subject="status:proposed",
            severity="info",
            hint=f"Once the decision is agreed, {record.status_edit('accepted', name)}.",
        )
    decided = ctx.model.decision.style
    if decided and record.chosen_option and record.chosen_option != decided:
        yield Hit(
            _AT,
            f"{name} chose {record.chosen_option} but decision.style is {decided}",
            subject=f"option:{record.chosen_option}->{decided}",
        )
    yield from _stale(ctx, name, record.metadata, record.chosen_option)


def _stale(ctx: Context, name: str, metadata: Mapping[str, Any], chosen: str) -> Iterator[Hit]:
    """Today's traits against the recommendation the record was decided on.

    An explained override records both the recommendation and the chosen style; what
    goes stale is the recommendation, so that is what today's traits are compared with.
    """
    answers = metadata.get("answers")
    recorded = metadata.get("recommended") or metadata.get("style") or chosen
    if not isinstance(answers, Mapping) or not isinstance(recorded, str) or not ctx.model.traits:
        return
    rescored = rescore(ctx.model)  # the answers, and what the model derives, as `decide` scored them
    if rescored is None:
        return
    now = rescored.recommendation
    if now == recorded:
        return
    changed = [
        f"{t}: {_shown(answers.get(t))} -> {_shown(v)}" for t, v in ctx.model.traits.items() if answers.get(t) != v
    ]
    changed += [f"{t}: {_shown(v)} -> unanswered" for t, v in answers.items() if t not in ctx.model.traits]
    since = f"; changed since: {', '.join(changed[:6])}" if changed else ""
    yield Hit(
        _AT,
        f"{name} was decided when the traits recommended {recorded}, but today they recommend {now}{since}",
        subject=f"stale:{recorded}->{now}",
    )


def _shown(answer: object) -> str:
    """An answer as the file writes it (`true`, `high`, `12`), or `unanswered`."""
    if answer is None:
        return "unanswered"
    return show_answer(answer)
