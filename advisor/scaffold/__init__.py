"""Starter scaffolding: one module per target, all with the same contract.

A target turns a `Starter` (the model's services, events and flows, already
sanitized) into files: a mapping of relative POSIX path -> text. The engine
(`advisor.scaffold.engine`) confines, plans and writes them.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Protocol

from advisor.errors import InputError
from advisor.targets import style_of, targets_for, unknown_target

if TYPE_CHECKING:
    from advisor.scaffold.engine import Starter


class Target(Protocol):
    """What every scaffold target provides."""

    name: str
    style: str
    summary: str

    def files(self, starter: Starter) -> Mapping[str, str]:
        """The starter's files: relative POSIX path -> text."""
        ...

    def uses_flows(self, starter: Starter) -> bool:
        """Whether the starter is built from the model's flows (so an example flow would show)."""
        ...


# Explicit registry: target name -> module holding `TARGET`. Imported only when used.
REGISTRY: dict[str, str] = {
    "temporal": "advisor.scaffold.temporal",
    "airflow": "advisor.scaffold.airflow",
    "step-functions": "advisor.scaffold.step_functions",
    "gcp-workflows": "advisor.scaffold.gcp_workflows",
    "kubernetes": "advisor.scaffold.kubernetes",
    "kafka": "advisor.scaffold.kafka",
    "rabbitmq": "advisor.scaffold.rabbitmq",
    "pubsub": "advisor.scaffold.pubsub",
    "nestjs": "advisor.scaffold.nestjs",
}


def get_target(name: str, style: str | None = None) -> Target:
    """The target called `name`, checked against the decided style (InputError if unfit)."""
    target_style = style_of(name)
    if target_style is None:
        raise InputError(unknown_target(name))
    if style and target_style != style:
        fitting = ", ".join(targets_for(style)) if style != "hybrid" else "BROKER+ENGINE, e.g. kafka+temporal"
        raise InputError(
            f"target {name!r} is for {target_style}, but the style is {style}; targets that fit: {fitting}"
        )
    if "+" in name:
        module = importlib.import_module("advisor.scaffold.hybrid")
        return module.hybrid_target(name)  # type: ignore[no-any-return]
    module = importlib.import_module(REGISTRY[name])
    return module.TARGET  # type: ignore[no-any-return]
