"""`advisor decide`: questionnaire (or answers) -> score -> ADR (+ starter) -> FILE."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import click

from advisor import decide as core
from advisor.cli._common import load, say
from advisor.decision import answers as answers_io
from advisor.decision.catalogue import STYLES, Answer, Catalogue, load_catalogue
from advisor.decision.scoring import Recommendation
from advisor.errors import InputError
from advisor.format.model import DEFAULT_FILE, Architecture, Loaded


def has_terminal() -> bool:
    """True when a person can answer prompts (stdin is a terminal)."""
    return sys.stdin.isatty()


@dataclass(frozen=True)
class Flags:
    """The options that pre-empt a question when given."""

    style: str | None
    reason: str
    title: str | None
    target: str | None
    status: str
    decision_makers: tuple[str, ...]


@click.command(name="decide")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), default=Path(DEFAULT_FILE))
@click.option(
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Read the answers from this file's `traits:` section; ask nothing.",
)
@click.option("--no-input", is_flag=True, help="Ask nothing: FILE's traits and what its model says.")
@click.option(
    "--target",
    help="Scaffold target fitting the style (e.g. temporal, kafka, kafka+temporal) or none.",
)
@click.option(
    "--style",
    type=click.Choice(STYLES),
    help="Record this style instead of the recommended one (needs --reason).",
)
@click.option("--reason", default="", help="Why the recorded style differs from the recommendation.")
@click.option("--title", help="Title of the decision record.")
@click.option(
    "--status",
    type=click.Choice(core.STATUSES),
    default="proposed",
    show_default=True,
    help="Status of the new record.",
)
@click.option(
    "--decision-maker",
    "decision_makers",
    multiple=True,
    metavar="NAME",
    help="Who decides (repeatable); the record's decision-makers.",
)
@click.option(
    "--adr-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where records live (default: .adr-dir, docs/decisions, docs/adr or doc/adr).",
)
@click.option(
    "--scaffold-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where the starter goes (default: starters/<target> beside FILE).",
)
@click.option(
    "--template",
    type=click.Choice(("madr", "nygard")),
    help="Record layout: MADR 4 or Nygard (adr-tools). Default: the layout of the folder's records.",
)
@click.option("--dry-run", is_flag=True, help="Show what would be written; write nothing.")
@click.option(
    "--supersede",
    is_flag=True,
    help="FILE already records a decision: write a new record and mark that one superseded.",
)
@click.option(
    "--keep-starter",
    is_flag=True,
    help="Keep starter files that already exist (write none of the starter); the decision is still recorded.",
)
@click.option("--force", is_flag=True, help="Replace an existing record or starter files.")
def command(
    file: Path,
    answers_file: Path | None,
    no_input: bool,
    target: str | None,
    style: str | None,
    reason: str,
    title: str | None,
    status: str,
    decision_makers: tuple[str, ...],
    adr_dir: Path | None,
    scaffold_dir: Path | None,
    template: str | None,
    dry_run: bool,
    supersede: bool,
    keep_starter: bool,
    force: bool,
) -> None:
    """Answer the questions (or read them), see the recommendation, record the decision.

    Writes the traits and the decision into FILE (default architecture.yaml; created if
    missing, comments kept), a decision record, and with --target a starter.
    """
    interactive = answers_file is None and not no_input
    if interactive and not has_terminal():
        raise InputError(
            "no terminal to ask the questions: give the answers with --answers FILE, "
            "or use --no-input to take FILE's traits and what its model says"
        )
    if target is not None:
        core.check_target_name(target)  # before the questions, not after them
    # The whole file is checked before anything is planned; decide replaces the traits.
    loaded = load(file, skip=("traits",)) if os.path.lexists(file) else None
    model = loaded.model if loaded else core.new_model(file)
    nothing_to_scaffold = target in (None, "", core.NO_TARGET) and not core.can_scaffold(model)
    if nothing_to_scaffold and interactive:
        _say_what_to_add(file)  # before the questions
    flags = Flags(style, reason, title, target, status, decision_makers)
    catalogue = load_catalogue()
    if interactive:
        choices, rec = _ask(loaded, model, flags, catalogue)
    else:
        choices, rec = _read(loaded, model, flags, answers_file, catalogue)
        if nothing_to_scaffold:
            _say_what_to_add(file)  # once there is a decision to record
    planner = partial(
        core.plan_decision,
        path=file,
        loaded=loaded,
        choices=choices,
        recommendation=rec,
        adr_dir=adr_dir,
        scaffold_dir=scaffold_dir,
        template=template,
    )
    settled = _settle_recorded_decision(planner, interactive=interactive, force=force, supersede=supersede)
    if settled is None:
        say("Nothing was written.")
        return
    planned, rewrite = settled
    plan = _keep_existing_starter(planned, keep=keep_starter, interactive=interactive and not dry_run, force=force)
    if plan is None:
        say("Nothing was written.")
        return
    _show_plan(plan, force, rewrite)
    if dry_run:
        # A dry run stops where the real run would: at a file only --force may replace.
        core.refuse_conflicts(plan, force=force, rewrite=rewrite)
        say("Dry run: nothing was written.")
        return
    if interactive and not _confirm(plan, force, rewrite):
        say("Nothing was written.")
        return
    written = core.write_decision(plan, force=force, rewrite=rewrite)
    say(f"Wrote {len(written)} file{'s' if len(written) != 1 else ''}. Check it in CI with: advisor lint {file}")


def _settle_recorded_decision(
    planner: Callable[..., core.DecisionPlan], *, interactive: bool, force: bool, supersede: bool
) -> tuple[core.DecisionPlan, bool] | None:
    """The plan, and whether its existing record may be rewritten; in a terminal, ask how (None: stop)."""
    plan = planner(supersede=supersede)
    if not (interactive and plan.record.exists) or force or supersede:
        return plan, force
    from advisor.decision import questionnaire as ui

    way = ui.ask_existing_record(str(plan.record.path))
    if way == ui.STOP:
        return None
    return (plan, True) if way == ui.REWRITE else (planner(supersede=True), False)


def _keep_existing_starter(
    plan: core.DecisionPlan, *, keep: bool, interactive: bool, force: bool
) -> core.DecisionPlan | None:
    """The plan without its starter when the starter's files exist and are to be kept (None: stop)."""
    existing = [item for item in plan.starter if item.exists]
    if not existing or force:
        return plan
    if not keep and interactive:
        from advisor.decision import questionnaire as ui

        folder = os.path.commonpath([str(item.path.parent) for item in plan.starter])
        keep = ui.ask_keep_starter(folder, len(existing))
        if not keep:
            return None
    if keep:
        say(f"Keeping the existing starter ({len(existing)} of its files exist); writing none of it.")
        return dataclasses.replace(plan, starter=())
    return plan


def _say_what_to_add(file: Path) -> None:
    say(
        f"{file} declares no services, events or flows yet, so this run records the decision "
        "without a starter. Add them (`advisor init` writes a commented file to fill in), "
        "then `advisor scaffold` makes the starter."
    )


def _read(
    loaded: Loaded | None, model: Architecture, flags: Flags, answers_file: Path | None, catalogue: Catalogue
) -> tuple[core.Choices, Recommendation]:
    """The non-interactive path: answers from --answers or FILE, choices from flags."""
    from advisor.decision.flows import score_model

    given: dict[str, Answer] = answers_io.read_answers(answers_file) if answers_file else {}
    answers_io.file_answers(loaded, overridden=given)
    answers = {**model.traits, **given}  # only what was answered: nothing is assumed
    try:
        rec = score_model(model, answers, target=flags.target, catalogue=catalogue)
    except InputError:
        raise InputError(
            "nothing to decide on: no trait is answered and the file declares no services or flows to derive "
            "them from; answer the questions in a terminal (`advisor decide`) or give them with --answers FILE"
        ) from None
    style, reason = core.choose_style(rec, flags.style, flags.reason)
    requested = flags.target if flags.target is not None else core.default_target(model, style)
    target = core.check_target(requested, style, model)
    _echo_recommendation(rec, style)
    title = flags.title or core.default_title(model, style)
    return core.Choices(answers, style, title, target, reason, flags.status, flags.decision_makers), rec


def _ask(
    loaded: Loaded | None, model: Architecture, flags: Flags, catalogue: Catalogue
) -> tuple[core.Choices, Recommendation]:
    """The terminal session: questions, review, style, title, target."""
    from advisor.decision import questionnaire as ui

    say(
        f"{len(catalogue.traits)} questions about your system. Enter keeps the shown answer; "
        "Ctrl-C stops without writing anything."
    )
    problems = answers_io.trait_problems(loaded)
    if problems:
        say("These answers in the file are not valid; their questions start from the defaults:")
        for line in problems:
            say(f"  {line}")
    derived = answers_io.derived_defaults(model)
    asked = ui.ask_all(catalogue, answers_io.default_answers(model, catalogue), say, derived)
    answers = answers_io.answered(asked, model)
    answers, rec = ui.review(answers, catalogue, say, target=flags.target, model=model)
    if flags.style:
        style, reason = core.choose_style(rec, flags.style, flags.reason)
    else:
        style, reason = ui.ask_style(rec, flags.reason or model.decision.reason)
    title = flags.title or ui.ask_title(core.default_title(model, style))
    if flags.target is not None:
        target = core.check_target(flags.target, style, model)
    elif not core.can_scaffold(model):
        say(f"No starter: {core.NOTHING_TO_SCAFFOLD} (add them, then run `advisor scaffold`).")
        target = ""
    else:
        target = ui.ask_target(core.target_options(style), core.default_target(model, style))
    return core.Choices(answers, style, title, target, reason, flags.status, flags.decision_makers), rec


def _echo_recommendation(rec: Recommendation, style: str) -> None:
    scores = ", ".join(f"{s} {v:.1f}" for s, v in rec.scores.items())
    say(f"Recommendation: {rec.recommendation} ({rec.confidence} confidence; {scores} of 100)")
    rest = f"; {len(rec.unanswered)} unanswered count for nothing" if rec.unanswered else ""
    say(f"From {len(rec.answered)} answered and {len(rec.derived)} derived traits (coverage {rec.coverage:.0%}){rest}.")
    for name, flow in rec.flows.items():
        say(f"  flow {name}: {flow.recommendation} ({flow.confidence})")
    if rec.plan is not None:
        say(f"  hybrid: {rec.plan.summary}")
    if style != rec.recommendation:
        say(f"Recorded style: {style} (overriding the recommendation)")
    for warning in rec.warnings:
        say(f"Warning: {warning}", err=True)


def _show_plan(plan: core.DecisionPlan, force: bool, rewrite: bool) -> None:
    say("Files:")
    for item in plan.files:
        note = ""
        if item is plan.architecture:
            state = "update" if item.exists else "create"
        elif item is plan.superseded:
            state, note = "update", "  (marked superseded by the new record)"
        elif item.exists and (force or (rewrite and item is plan.record)):
            state = "replace"
        elif item is plan.record and item.exists:
            state, note = "exists", "  (--force rewrites it; --supersede records a new decision)"
        elif item.exists:
            state, note = "exists", "  (only --force replaces it)"
        else:
            state = "create"
        say(f"  {state:<8} {item.path}{note}")
        if item is plan.architecture:
            for change in plan.changes:
                say(f"             {change}")


def _confirm(plan: core.DecisionPlan, force: bool, rewrite: bool) -> bool:
    from advisor.decision import questionnaire as ui

    core.refuse_conflicts(plan, force=force, rewrite=rewrite)  # before asking, not after
    return ui.confirm_write(len(plan.files))
