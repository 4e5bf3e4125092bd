"""From a model to a starter on disk: sanitized names, one example flow when none,
files confined to the output directory, atomic writes, no overwrite without force."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from advisor import names
from advisor.errors import InputError, WriteRefused
from advisor.model import Architecture, Flow, Step
from advisor.scaffold import get_target
from advisor.writing import PlannedFile, plan_files, write_plan

_DURATION = re.compile(r"^([0-9]+)(ms|s|m|h|d)$")
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


@dataclass(frozen=True)
class Starter:
    """What a target renders from: the model, plus what every target needs derived."""

    model: Architecture
    target: str
    system: str
    flows: tuple[Flow, ...]
    adr: str = ""
    generated_example: bool = False
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def system_slug(self) -> str:
        """The system's name as a file-name part."""
        return names.slug(self.system, "system")

    @property
    def orchestrated_flows(self) -> tuple[Flow, ...]:
        """The flows that have steps: what an engine target turns into workflows."""
        return tuple(flow for flow in self.flows if flow.steps)


def example_flow(model: Architecture) -> Flow | None:
    """One sensible flow from the services when the model declares none."""
    services = list(model.services.values())
    if not services:
        return None
    orchestrator = next((s for s in services if s.role == "orchestrator"), services[0])
    callees = [c for c in orchestrator.calls if c in model.services] or [
        s.name for s in services if s.name != orchestrator.name
    ] or [orchestrator.name]
    steps = tuple(
        Step(service=name, action="handle", compensation="undo" if i < len(callees) - 1 else "")
        for i, name in enumerate(callees[:6])
    )
    return Flow("example", style="orchestration", orchestrator=orchestrator.name, timeout="5m", steps=steps)


def make_starter(model: Architecture, target: str, *, adr: str = "") -> Starter:
    """The Starter for a model; with no flow that has steps, one example flow is added."""
    flows = tuple(model.flows.values())
    generated = False
    if not any(flow.steps for flow in flows):
        example = example_flow(model)
        if example is not None:
            flows, generated = (*flows, example), True
    return Starter(model, target, model.system or "system", flows, adr or model.decision.adr, generated)


def plan_starter(model: Architecture, target: str, out: Path, *, style: str | None = None) -> list[PlannedFile]:
    """Every file the target would write under `out`, checked for confinement."""
    try:
        chosen = get_target(target, style)
    except ModuleNotFoundError as error:
        if not (error.name or "").startswith("advisor.scaffold."):
            raise
        raise InputError(f"target {target!r} is not available in this version of advisor") from error
    if not (model.services or model.flows or model.events):
        raise InputError("the model declares no services, events or flows: there is nothing to scaffold")
    starter = make_starter(model, target)
    if chosen.style == "orchestration" and not starter.orchestrated_flows:
        raise InputError("the model has no flow with steps, and no services to sketch an example flow from")
    return plan_files(out, chosen.files(starter))


def write_starter(plan: list[PlannedFile], *, force: bool = False) -> list[Path]:
    """Write a planned starter, all or nothing (an OS error becomes WriteRefused, nothing kept)."""
    try:
        return write_plan(plan, force=force)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        reason = error.strerror or str(error)
        raise WriteRefused(f"cannot write the starter: {where}{reason}; nothing was written") from error


def seconds(duration: str, default: int) -> int:
    """A model duration (`30s`, `5m`, `2h`, `1d`, `500ms`) in whole seconds (at least 1)."""
    match = _DURATION.match(duration.strip()) if duration else None
    if match is None:
        return default
    value = int(match.group(1)) * _UNIT_SECONDS[match.group(2)]
    return max(1, math.ceil(value))


def unique_names(originals: Iterable[str], convert: Callable[[str], str]) -> dict[str, str]:
    """Each distinct original -> a distinct sanitized name (`a.b`, `a-b` -> `a_b`, `a_b_2`)."""
    result: dict[str, str] = {}
    taken: set[str] = set()
    for original in originals:
        if original in result:
            continue
        base = convert(original)
        candidate, number = base, 2
        while candidate in taken:
            candidate = convert(f"{base[:56]} {number}")
            number += 1
        taken.add(candidate)
        result[original] = candidate
    return result
