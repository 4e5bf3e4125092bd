"""From a model to a starter on disk: sanitized names, one example flow when none,
files confined to the output directory, atomic writes, no overwrite without force."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from advisor import names
from advisor.model import Architecture, Flow, Step
from advisor.scaffold import get_target
from advisor.writing import PlannedFile, plan_files, write_plan


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


def example_flow(model: Architecture) -> Flow | None:
    """One sensible flow from the services when the model declares none."""
    services = list(model.services.values())
    if not services:
        return None
    orchestrator = next((s for s in services if s.role == "orchestrator"), services[0])
    callees = [c for c in orchestrator.calls if c in model.services] or [
        s.name for s in services if s.name != orchestrator.name
    ]
    steps = tuple(
        Step(service=name, action="handle", compensation="undo" if i < len(callees) - 1 else "")
        for i, name in enumerate(callees[:6])
    )
    return Flow("example", style="orchestration", orchestrator=orchestrator.name, timeout="5m", steps=steps)


def make_starter(model: Architecture, target: str, *, adr: str = "") -> Starter:
    """The Starter for a model; flows fall back to one example flow from the services."""
    flows = tuple(model.flows.values())
    generated = False
    if not flows:
        example = example_flow(model)
        flows, generated = ((example,), True) if example else ((), False)
    return Starter(model, target, model.system or "system", flows, adr or model.decision.adr, generated)


def plan_starter(model: Architecture, target: str, out: Path, *, style: str | None = None) -> list[PlannedFile]:
    """Every file the target would write under `out`, checked for confinement."""
    chosen = get_target(target, style)
    return plan_files(out, chosen.files(make_starter(model, target)))


def write_starter(plan: list[PlannedFile], *, force: bool = False) -> list[Path]:
    """Write a planned starter, all or nothing."""
    return write_plan(plan, force=force)
