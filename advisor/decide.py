"""The core of `advisor decide`: answers -> Recommendation -> a plan of files -> written.

No click and no printing here: the CLI asks (advisor.decision.questionnaire) or reads answers,
then calls these functions with plain values and shows what they return.
"""

from __future__ import annotations

import datetime
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from advisor.decision.catalogue import STYLES, Answer, show_answer
from advisor.decision.scoring import Recommendation
from advisor.errors import InputError, WriteRefused
from advisor.format.model import Architecture, Decision, Loaded
from advisor.locking import folders_locked
from advisor.targets import (  # re-exported: the decide CLI uses them through this module
    NO_TARGET as NO_TARGET,
)
from advisor.targets import (
    NOTHING_TO_SCAFFOLD as NOTHING_TO_SCAFFOLD,
)
from advisor.targets import (
    can_scaffold as can_scaffold,
)
from advisor.targets import (
    check_target as check_target,
)
from advisor.targets import (
    check_target_name as check_target_name,
)
from advisor.targets import (
    default_target as default_target,
)
from advisor.targets import (
    target_available as target_available,
)
from advisor.targets import (
    target_options as target_options,
)
from advisor.writing import PlannedFile, confined, refuse_overwrites, write_plan

STATUSES = ("proposed", "accepted", "rejected", "deprecated")


@dataclass(frozen=True)
class Choices:
    """What the user settled on, interactively or from flags."""

    answers: Mapping[str, Answer]
    style: str
    title: str
    target: str = ""
    reason: str = ""
    status: str = "proposed"
    decision_makers: tuple[str, ...] = ()


@dataclass(frozen=True)
class DecisionPlan:
    """Every file `decide` would write: the architecture file, the record, the starter."""

    architecture: PlannedFile
    record: PlannedFile
    starter: tuple[PlannedFile, ...]
    choices: Choices
    recommendation: Recommendation
    changes: tuple[str, ...] = ()
    superseded: PlannedFile | None = None
    source: str | None = None  # FILE's text when planned (None: no file yet)
    new_record: bool = True  # the record did not exist when planned

    @property
    def files(self) -> list[PlannedFile]:
        """All planned files, architecture file first."""
        earlier = [self.superseded] if self.superseded else []
        return [self.architecture, self.record, *earlier, *self.starter]


def new_model(path: Path) -> Architecture:
    """The model of a FILE that does not exist yet: named after its folder, as `advisor init` does."""
    from advisor import names

    return Architecture(system=names.slug(path.absolute().parent.name, "my-system"))


def default_title(model: Architecture, style: str) -> str:
    """A pre-filled ADR title."""
    system = model.system or "the services"
    how = "a hybrid style" if style == "hybrid" else style
    return f"Coordinate {system} with {how}"


def choose_style(rec: Recommendation, style: str | None, reason: str) -> tuple[str, str]:
    """The chosen style and the reason for overriding the recommendation (InputError if missing)."""
    chosen = style or rec.recommendation
    if chosen not in STYLES:
        raise InputError(f"unknown style {chosen!r}; choose {', '.join(STYLES)}")
    if chosen != rec.recommendation and not reason.strip():
        raise InputError(f"{chosen} differs from the recommended {rec.recommendation}: say why with --reason")
    return chosen, reason.strip() if chosen != rec.recommendation else ""


def plan_decision(
    *,
    path: Path,
    loaded: Loaded | None,
    choices: Choices,
    recommendation: Recommendation,
    adr_dir: Path | None = None,
    scaffold_dir: Path | None = None,
    supersede: bool = False,
    today: datetime.date | None = None,
    template: str | None = None,
) -> DecisionPlan:
    """Render the record and starter and the updated architecture file; write nothing.

    A decision FILE already records is re-rendered into that record; with `supersede`, a
    new record replaces it instead and the earlier one is marked superseded. The record is
    written in `template`'s layout, else the one the folder's records share (Nygard in an
    adr-tools folder, MADR otherwise), and a re-rendered record keeps its own.
    """
    from advisor.adr import find_adr_dir, plan_decision_record  # renders with jinja2: load lazily

    root = path.parent
    recorded = recorded_record(loaded, root)
    if recorded and supersede:
        adr_dir = recorded.parent  # the two records link to each other by file name
    when = (today or datetime.date.today()).isoformat()  # the same date in FILE and the record
    model = replace(loaded.model if loaded else new_model(path), traits=dict(choices.answers))
    model = replace(model, decision=Decision(choices.style, choices.target, "", when, choices.reason))
    folder = adr_dir or find_adr_dir(root)
    record = plan_decision_record(
        model=model,
        recommendation=recommendation,
        style=choices.style,
        title=choices.title,
        adr_dir=folder,
        template=template or _layout(recorded if recorded and not supersede else None, folder),
        status=choices.status,
        override_reason=choices.reason,
        architecture_path=path.as_posix(),
        target=choices.target,
        date=when,
        decision_makers=choices.decision_makers,
        document=loaded.document if loaded else None,  # the Confirmation lists what lint reports on it
    )
    superseded = None
    if recorded and supersede:
        superseded, record = _supersede(recorded, record)
    elif recorded:
        record = replace(record, path=recorded)
    adr = Path(os.path.relpath(record.path, root)).as_posix()
    starter: tuple[PlannedFile, ...] = ()
    if choices.target:
        from advisor.scaffold.engine import plan_starter

        out = scaffold_dir or root / "starters" / choices.target  # as `advisor scaffold` (a checked name)
        model = replace(model, decision=replace(model.decision, adr=adr))
        starter = tuple(plan_starter(model, choices.target, out, style=choices.style))
    decision: dict[str, str | None] = {
        "style": choices.style,
        "target": choices.target or None,
        "adr": adr,
        "date": when,
        "reason": choices.reason or None,
    }
    arch = _architecture_file(path, loaded, choices.answers, decision, model.system)
    changes = tuple(_changes(loaded, choices.answers, decision))
    source = loaded.document.text if loaded else None
    return DecisionPlan(
        arch, record, starter, choices, recommendation, changes, superseded, source, not record.path.exists()
    )


def _layout(recorded: Path | None, folder: Path) -> str:
    """The layout a record keeps (its own when re-rendered), else the folder's dialect."""
    from advisor.adr import read_folder, read_record

    if recorded is not None:
        try:
            return "nygard" if read_record(recorded).layout == "nygard" else "madr"
        except InputError:
            return "madr"
    return "nygard" if read_folder(folder).dialect == "nygard" else "madr"


def _changes(loaded: Loaded | None, answers: Mapping[str, Answer], decision: Mapping[str, str | None]) -> Iterator[str]:
    """`section.key: old -> new` for every value the architecture file update changes."""
    data = loaded.document.data if loaded else {}
    for section, new in (("traits", answers), ("decision", decision)):
        found = data.get(section)
        old: dict[str, object] = found if isinstance(found, dict) else {}
        for key, value in new.items():
            before = old.get(key)
            if before != value or type(before) is not type(value):
                yield f"{section}.{key}: {_shown(before)} -> {_shown(value)}"


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    return show_answer(value)


def recorded_record(loaded: Loaded | None, root: Path) -> Path | None:
    """The existing record FILE's `decision.adr` names (never one outside the repository)."""
    from advisor.adr.dirs import repository_root

    recorded = loaded.model.decision.adr if loaded else ""
    if not recorded:
        return None
    top = repository_root(root.resolve())
    try:
        confined(top, os.path.relpath(root.resolve() / recorded, top))  # a path from the file never leads elsewhere
    except WriteRefused:
        return None
    existing = root / recorded
    return existing if existing.is_file() else None


def _supersede(earlier: Path, record: PlannedFile) -> tuple[PlannedFile, PlannedFile]:
    """The earlier record marked superseded and the new one marked as superseding it."""
    from advisor.adr import plan_supersede
    from advisor.adr.dirs import record_number

    old, new = record_number(earlier), record_number(record.path)
    if old is None or new is None:
        raise InputError(f"{earlier} is not named NNNN-title.md, so it cannot be superseded")
    # The ADR lifecycle edits records on disk: let it edit copies, then plan its results.
    with tempfile.TemporaryDirectory() as scratch:
        sandbox = Path(scratch)
        shutil.copyfile(earlier, sandbox / earlier.name)
        (sandbox / record.path.name).write_text(record.content, encoding="utf-8")
        edited = {item.path.name: item.content for item in plan_supersede(sandbox, old, new)}
    before = PlannedFile(earlier, edited.get(earlier.name, earlier.read_text(encoding="utf-8")))
    return before, replace(record, content=edited.get(record.path.name, record.content))


def _architecture_file(
    path: Path,
    loaded: Loaded | None,
    answers: Mapping[str, Answer],
    decision: Mapping[str, str | None],
    system: str,
) -> PlannedFile:
    from advisor.format.update import NEW_FILE, update_architecture_text

    text, before = (loaded.document.text, loaded.document) if loaded else (f"{NEW_FILE}system: {system}\n", None)
    updated = update_architecture_text(text, traits=answers, decision=decision, path=str(path), before=before)
    return PlannedFile(path, updated)


def refuse_conflicts(plan: DecisionPlan, *, force: bool, rewrite: bool = False) -> None:
    """Raise WriteRefused when the record (unless force or rewrite) or starter files (unless force) exist."""
    if plan.record.exists and not (force or rewrite):
        raise WriteRefused(
            f"{plan.record.path} already records this decision: --force rewrites it, "
            "--supersede records a new decision that replaces it"
        )
    try:
        refuse_overwrites(list(plan.starter), force=force)
    except WriteRefused as refused:
        keep = "--keep-starter keeps the existing starter and records the decision only"
        raise WriteRefused(f"{refused.message}\n{keep}") from None


def write_decision(plan: DecisionPlan, *, force: bool = False, rewrite: bool = False) -> list[Path]:
    """Write the plan, all or nothing; the record and starter are never replaced without consent.

    Runs writing the same file or record folder take turns; a run whose file or record
    number another run changed meanwhile writes nothing."""
    refuse_conflicts(plan, force=force, rewrite=rewrite)
    with folders_locked(plan.architecture.path.parent, plan.record.path.parent):
        _refuse_if_changed(plan)
        return write_plan(plan.files, force=True)


def _refuse_if_changed(plan: DecisionPlan) -> None:
    """WriteRefused when FILE or the record's number changed since the plan was made."""
    from advisor.adr.dirs import record_number
    from advisor.format.loader import read_text

    path = plan.architecture.path
    now = read_text(path) if os.path.lexists(path) else None
    if now != plan.source:
        raise WriteRefused(f"{path} changed while decide ran (another run?); nothing was written: run decide again")
    if not plan.new_record:
        return
    number = record_number(plan.record.path)
    folder = plan.record.path.parent
    taken = [p.name for p in (folder.iterdir() if folder.is_dir() else ()) if record_number(p) == number]
    if taken:
        raise WriteRefused(
            f"{folder / taken[0]} was written while decide ran (another run?); nothing was written: run decide again"
        )
