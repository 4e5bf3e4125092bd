"""Rendering the decision record `advisor decide` writes (MADR 4 or Nygard layout)."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any

import yaml

from advisor.adr.confirmation import confirmation
from advisor.adr.consequences import consequences
from advisor.adr.context import build_context
from advisor.adr.dirs import adr_id, new_record_path, next_number
from advisor.adr.facts import model_facts
from advisor.adr.markdown import META_CLOSE, META_OPEN, block, heading_text, inline, visible
from advisor.decision.catalogue import STYLES, Catalogue, load_catalogue
from advisor.decision.scoring import Recommendation
from advisor.errors import InputError
from advisor.format.loader import Document
from advisor.format.model import Architecture
from advisor.writing import PlannedFile

TEMPLATES = ("madr", "nygard")
# Blank records may also be MADR 2 / log4brains (`* Status:` items, no front matter).
NEW_TEMPLATES = (*TEMPLATES, "madr2")
NEW_STATUSES = ("proposed", "accepted", "rejected", "deprecated")


def today() -> str:
    """Today's date, ISO 8601."""
    return datetime.date.today().isoformat()


def check_template(template: str, known: tuple[str, ...] = TEMPLATES) -> None:
    """InputError unless the layout is one we render."""
    if template not in known:
        raise InputError(f"unknown ADR template {template!r}; expected one of: {', '.join(known)}")


def check_status(status: str) -> None:
    """InputError unless it is a status a record can start with (superseding sets the other)."""
    if status not in NEW_STATUSES:
        raise InputError(f"unknown status {status!r}; expected one of: {', '.join(NEW_STATUSES)}")


def clean_title(title: str) -> str:
    """The title on one line, single-spaced; InputError when empty."""
    cleaned = " ".join(visible(title).split())
    if not cleaned:
        raise InputError("the record's title is empty")
    return cleaned


def plan_decision_record(
    *,
    model: Architecture,
    recommendation: Recommendation,
    style: str,
    title: str,
    adr_dir: Path,
    status: str = "proposed",
    template: str = "madr",
    override_reason: str = "",
    architecture_path: str = "architecture.yaml",
    target: str = "",
    decision_makers: tuple[str, ...] = (),
    date: str | None = None,
    document: Document | None = None,
) -> PlannedFile:
    """The full record for a scored decision, at `adr_dir/NNNN-slug.md` (not written).

    With the architecture file's `document` (which `model` was read from), the Confirmation
    also lists what lint reports on that file as decided."""
    check_template(template)
    check_status(status)
    if style not in STYLES:
        raise InputError(f"unknown style {style!r}; expected one of: {', '.join(STYLES)}")
    title = clean_title(title)
    cat = load_catalogue()
    number = next_number(adr_dir)
    when = date or today()
    override_reason = " ".join(visible(override_reason).split())
    metadata = decision_metadata(recommendation, style, target, architecture_path, override_reason, cat)
    context = build_context(
        model=model,
        rec=recommendation,
        style=style,
        cat=cat,
        override_reason=inline(override_reason),  # text from the file or a flag: literal Markdown
        architecture_path=architecture_path,
        target=target,
    )
    context.update(
        # free text from the architecture file never becomes headings, links, HTML or comments
        system=inline(model.system) if model.system else context["system"],
        description=block(model.description),
        facts=model_facts(model),
        consequences=_consequences(model, style, context, cat),
        title=heading_text(title),
        number=number,
        adr_id=adr_id(number),
        date=when,
        status=status,
        status_title=status.capitalize(),
        front_matter=front_matter(status, when, decision_makers, metadata),
        metadata_comment=metadata_comment(metadata),
        **confirmation(style, model, document),
    )
    from advisor.templating import render

    text = render("adr", f"{template}.md.j2", **context)
    return PlannedFile(new_record_path(adr_dir, number, title, when), text)


def _consequences(model: Architecture, style: str, context: dict[str, Any], cat: Catalogue) -> list[dict[str, str]]:
    """What the choice means for this model; a model without services or flows gets the style's
    generic pros and cons instead. Their sources join the record's source list."""
    found = [{"kind": k, "text": t, "source": s} for k, t, s in consequences(model, style)]
    if not (model.services or model.flows):
        option = context["chosen_option"]
        found = [{"kind": "Good", **p} for p in option["pros"]] + [{"kind": "Bad", **c} for c in option["cons"]]
    keys = sorted({source["key"] for source in context["sources"]} | {c["source"] for c in found})
    context["sources"] = [{"key": key, "title": cat.sources[key].title, "url": cat.sources[key].url} for key in keys]
    return found


def decision_metadata(
    rec: Recommendation, style: str, target: str, architecture_path: str, override_reason: str, cat: Catalogue
) -> dict[str, Any]:
    """advisor's machine-readable block: enough for lint to re-score the recorded answers."""
    answers = {c.trait: c.answer for c in rec.contributions if c.origin == "answered"}
    data: dict[str, Any] = {
        "style": style,
        "recommended": rec.recommendation,
        "target": target,
        "confidence": rec.confidence,
        "rules_version": rec.rules_version,
        "architecture": architecture_path,
        "answers": {t: answers[t] for t in cat.traits if t in answers},
        "scores": {s: float(rec.scores[s]) for s in STYLES},
        "coverage": rec.coverage,
    }
    if rec.derived:
        data["derived"] = {d.trait: d.answer for d in rec.derived}
    if rec.flows:
        data["flows"] = {name: flow.recommendation for name, flow in rec.flows.items()}
    if not target:
        del data["target"]
    if style != rec.recommendation:
        data["override_reason"] = override_reason.strip()
    return data


def _dump(data: dict[str, Any]) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=100)


def _scalar(text: str) -> str:
    """A plain YAML scalar when it reads back as the same text (dates do), else a quoted one."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}|[A-Za-z][\w ,.-]*", text) and text.strip() == text:
        return text
    return json.dumps(text, ensure_ascii=False)


def front_matter(status: str, date: str, decision_makers: tuple[str, ...], metadata: dict[str, Any]) -> str:
    """The MADR front matter, fences included."""
    # status and date stay plain (`date: 2024-05-01`), as MADR writes them
    body = f"status: {_scalar(status)}\ndate: {_scalar(date)}\n"
    body += _dump({"decision-makers": list(decision_makers), "consulted": [], "informed": []})
    if metadata:
        body += _dump({"advisor": metadata})
    return f"---\n{body}---\n"


def metadata_comment(metadata: dict[str, Any]) -> str:
    """The same metadata as an HTML comment, for layouts without front matter (Nygard).

    Text in it (an override's reason) could hold `-->` and end the comment early: then every
    string is written double-quoted, where `\\x2d` spells the same dash without closing it.
    """
    text = _dump(metadata)
    if "--" in text:
        quoted = yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True, default_style='"', width=100)
        text = quoted.replace("--", "-\\x2d")
    return f"{META_OPEN}\n{text}{META_CLOSE}"
