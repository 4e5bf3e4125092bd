"""Scaffold target names and the style each one implements (SPEC.md, "Scaffold targets")."""

from __future__ import annotations

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
