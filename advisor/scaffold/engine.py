"""From a model to a starter on disk: sanitized names, one example flow when none,
files confined to the output directory, atomic writes, no overwrite without force."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from advisor import names
from advisor.errors import InputError
from advisor.format.model import Architecture, Flow, Step
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

    @property
    def orchestrated_flows(self) -> tuple[Flow, ...]:
        """The flows that have steps: what an engine target turns into workflows."""
        return tuple(flow for flow in self.flows if flow.steps)

    @property
    def flow_slugs(self) -> dict[str, str]:
        """Each orchestrated flow's name -> a distinct file-name part."""
        flows = [flow.name for flow in self.orchestrated_flows]
        return names.unique(flows, lambda name: names.slug(name, "flow"), respell=True)


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


def example_flow_used(model: Architecture, target: str) -> bool:
    """Whether the target's starter includes the example flow: the model has no flow with
    steps, and the target builds from flows (a broker target building from the services'
    publishes and consumes does not)."""
    starter = make_starter(model, target)
    return starter.generated_example and get_target(target).uses_flows(starter)


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
    """Write a planned starter, all or nothing (a failed write becomes WriteFailed, nothing kept)."""
    return write_plan(plan, force=force)

