"""orchestrator-spof: an orchestrator has fewer than 2 replicas."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.format.model import Architecture
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "orchestrator-spof"
SEVERITY = "warning"
SUMMARY = "a self-run (not managed) orchestrator has fewer than 2 replicas (`min-replicas`)"
EXPLANATION = (
    "Every orchestrated flow runs through its orchestrator: when the only instance is "
    "down, no flow advances, and in-flight instances are lost unless their state is "
    "persisted. The coordinator is the known single point of failure of orchestration; "
    "run it redundantly (or on a highly available engine) before relying on it. A managed "
    "engine (`managed: true`, or a decided target such as step-functions) is run highly "
    "available by its provider and is not asked for replicas."
)
SOURCE = "AWS-CH (AWS saga choreography); AZ-SAGA (Azure Saga pattern); AWS-OR (AWS saga orchestration)"
FIX = "Set `replicas: N` (`min-replicas`, default 2) or more on the orchestrator, or `managed: true` for a managed one."
OPTIONS: Mapping[str, int] = {"min-replicas": 2}


def single_point(model: Architecture, name: str, limit: int = OPTIONS["min-replicas"]) -> bool:
    """Whether this rule reports orchestrator `name`: self-run, with fewer than `limit` replicas
    or none declared (records say the same)."""
    if model.is_managed(name):
        return False
    replicas = model.services[name].replicas
    return replicas is None or replicas < limit


def check(ctx: Context) -> Iterator[Hit]:
    """Orchestrators (by role or named by a flow) with too few replicas, or none declared."""
    limit = ctx.options.get(ID, OPTIONS)["min-replicas"]
    hint = (
        f"Set `replicas: {limit}` or more on the orchestrator (and persist flow state, e.g. on a workflow "
        "engine), or say `managed: true` if a provider runs it."
    )
    for name, at in ctx.orchestrators().items():
        if not single_point(ctx.model, name, limit):
            continue
        replicas = ctx.model.services[name].replicas
        if replicas is None:
            yield Hit(
                at,
                f"orchestrator {name!r} declares no replicas: unless {limit} or more run, "
                "it is a single point of failure",
                key=True,
                subject=name,
                hint=hint,
            )
        else:
            yield Hit(
                (*at, "replicas"),
                f"orchestrator {name!r} has {replicas} replica"
                f"{'' if replicas == 1 else 's'}, fewer than {limit}: a single point of failure",
                subject=name,
                hint=hint,
            )
