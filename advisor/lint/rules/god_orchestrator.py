"""god-orchestrator: an orchestrator with high fan-out over CRUD-only participants."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "god-orchestrator"
SEVERITY = "warning"
SUMMARY = "an orchestrator drives many services, or only CRUD steps (get, save, update, delete)"
EXPLANATION = (
    "An orchestrator should sequence business capabilities, not hold all the business "
    "logic while its participants shrink to data stores behind create/read/update/delete "
    "endpoints. Such a god service couples every team to one codebase and becomes the "
    "bottleneck for change. Push behaviour into the participants; keep the orchestrator "
    "to ordering, waiting and compensating."
)
SOURCE = "NEWMAN (Sam Newman: Building Microservices); SEED (orchestration is less flexible)"
FIX = (
    "Give the participants business actions (reserve, charge, ship) and split the flow if one "
    "orchestrator drives too many services; tune `max-participants` in .advisor.yaml."
)
OPTIONS: Mapping[str, int] = {"max-participants": 7}

_CRUD = re.compile(
    r"^(get|read|fetch|load|list|find|query|create|insert|add|save|store|put|update|"
    r"set|patch|delete|remove)([A-Z_.-]|$)",
    re.IGNORECASE,
)


def check(ctx: Context) -> Iterator[Hit]:
    """Orchestrators driving more than `max-participants` services, or 3+ with CRUD steps only."""
    limit = ctx.options.get(ID, OPTIONS)["max-participants"]
    hint = (
        "Give the participants business actions (reserve, charge, ship) and split the flow if one "
        f"orchestrator drives too many services; `max-participants` is {limit} (.advisor.yaml)."
    )
    for name, at in ctx.orchestrators().items():
        driven = set(ctx.model.services[name].calls)
        actions: list[str] = []
        for flow in ctx.model.flows.values():
            if flow.orchestrator == name:
                driven.update(step.service for step in flow.steps)
                actions.extend(step.action for step in flow.steps)
        driven.discard(name)
        if len(driven) > limit:
            yield Hit(
                at,
                f"orchestrator {name!r} drives {len(driven)} services (more than {limit}): "
                "a god service every team depends on",
                key=True,
                subject=name,
                hint=hint,
            )
        elif len(driven) >= 3 and actions and all(_CRUD.match(action) for action in actions):
            yield Hit(
                at,
                f"orchestrator {name!r} drives {len(driven)} services with CRUD steps only "
                f"({', '.join(sorted(set(actions))[:4])}): the logic lives in the orchestrator",
                key=True,
                subject=name,
                hint=hint,
            )
