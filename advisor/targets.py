"""Scaffold target names and the style each one implements (README, "Scaffold targets")."""

from __future__ import annotations

import importlib.util
from typing import TYPE_CHECKING

from advisor.errors import InputError

if TYPE_CHECKING:
    from advisor.format.model import Architecture

NO_TARGET = "none"
NOTHING_TO_SCAFFOLD = "the file declares no services, events or flows, so there is nothing to scaffold yet"

ORCHESTRATION_TARGETS = ("temporal", "airflow", "step-functions", "gcp-workflows", "kubernetes")
CHOREOGRAPHY_TARGETS = ("kafka", "rabbitmq", "pubsub", "nestjs")
TARGET_STYLE = {
    **{name: "orchestration" for name in ORCHESTRATION_TARGETS},
    **{name: "choreography" for name in CHOREOGRAPHY_TARGETS},
}
HYBRID_PATTERN = f"^({'|'.join(CHOREOGRAPHY_TARGETS)})\\+({'|'.join(ORCHESTRATION_TARGETS)})$"


def all_targets() -> tuple[str, ...]:
    """Every target name: the engines, the brokers and each broker+engine pair."""
    return (*ORCHESTRATION_TARGETS, *CHOREOGRAPHY_TARGETS, *targets_for("hybrid"))


def unknown_target(name: str) -> str:
    """The message for a name that is no target, with the nearest one when it is close."""
    from advisor.suggest import did_you_mean

    known = ", ".join([*ORCHESTRATION_TARGETS, *CHOREOGRAPHY_TARGETS])
    return f"unknown target {name!r}{did_you_mean(name, all_targets())} (known: {known}, BROKER+ENGINE, or none)"


def targets_for(style: str) -> tuple[str, ...]:
    """The target names that fit a style (hybrid: every broker+engine pair)."""
    if style == "hybrid":
        return tuple(f"{b}+{e}" for b in CHOREOGRAPHY_TARGETS for e in ORCHESTRATION_TARGETS)
    return tuple(name for name, s in TARGET_STYLE.items() if s == style)


def style_of(target: str) -> str | None:
    """The style a target name implements, or None when it names no target."""
    if "+" in target:
        broker, _, engine = target.partition("+")
        ok = TARGET_STYLE.get(broker) == "choreography" and TARGET_STYLE.get(engine) == "orchestration"
        return "hybrid" if ok else None
    return TARGET_STYLE.get(target)


def target_available(target: str) -> bool:
    """True when this version ships the target (its module is importable)."""
    from advisor.scaffold import REGISTRY

    if "+" in target:
        parts = target.split("+")
        return importlib.util.find_spec("advisor.scaffold.hybrid") is not None and all(map(target_available, parts))
    module = REGISTRY.get(target)
    try:
        return module is not None and importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def target_options(style: str) -> list[tuple[str, bool]]:
    """The targets that fit a style, each with whether it is available."""
    return [(name, target_available(name)) for name in targets_for(style)]


def check_target_name(target: str) -> None:
    """Refuse a target name that is unknown or not available in this version."""
    if target in ("", NO_TARGET):
        return
    if style_of(target) is None:
        raise InputError(unknown_target(target))
    if not target_available(target):
        raise InputError(
            f"target {target!r} is not available in this version of advisor; "
            "--target none records the decision without a starter"
        )


def check_target(target: str, style: str, model: Architecture) -> str:
    """A requested target checked against the style, this version and the model ("" for none)."""
    check_target_name(target)
    if target in ("", NO_TARGET):
        return ""
    fits = style_of(target)
    if fits != style:
        raise InputError(f"target {target!r} is for {fits}, but the chosen style is {style}")
    if not can_scaffold(model):
        raise InputError(f"{NOTHING_TO_SCAFFOLD}; --target none records the decision without a starter")
    return target


def can_scaffold(model: Architecture) -> bool:
    """True when the model declares something a starter can be generated from."""
    return bool(model.services or model.flows or model.events)


def default_target(model: Architecture, style: str) -> str:
    """The file's target when it fits the style, else none."""
    target = model.decision.target
    return target if target and style_of(target) == style else ""
