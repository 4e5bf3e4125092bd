"""trait-contradicts-model: an answered trait the file's own model shows to be wrong."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.decision.catalogue import show_answer
from advisor.decision.evidence import Derived, contradicts, flow_traits, system_traits
from advisor.format.loader import NodePath
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "trait-contradicts-model"
SEVERITY = "warning"
SUMMARY = "an answered trait contradicts what the file's services, events or flows declare"
EXPLANATION = (
    "The traits are the reasons for the decision, and the model says some of them too: how "
    "many services there are, how many take part in a flow, how many steps need an undo, "
    "how many consumers react to one event, how long a flow may wait. When an answer is "
    "below what the model shows (flow_length 2 beside a flow of 6 services, compensation "
    "low beside a flow with compensations) or a flow's own traits disagree with its steps, "
    "the recommendation rests on an answer the file itself refutes. Only contradictions "
    "the model proves are reported: a file may model part of a system, so an answer above "
    "what it declares is not one."
)
SOURCE = "SEED; rules/traits.yaml (each trait's reason and source)"
FIX = "Correct the answer, or remove it so that `advisor score` uses what the model says (reported as derived)."
OPTIONS: Mapping[str, int] = {}


def _located(ctx: Context, at: NodePath) -> NodePath | None:
    return at if at and ctx.raw(*at) is not None else None


def _hit(ctx: Context, at: NodePath, tid: str, answer: object, derived: Derived) -> Hit:
    related = _located(ctx, derived.at)
    return Hit(
        at,
        f"{'.'.join(map(str, at))} is {show_answer(answer)}, but the model says {show_answer(derived.answer)}: "
        f"{derived.basis}",
        subject=f"{'.'.join(map(str, at))}:{show_answer(answer)}",
        related=((related, derived.basis),) if related else (),
    )


def check(ctx: Context) -> Iterator[Hit]:
    """System answers below what the model proves; flow answers against the flow's evidence."""
    model = ctx.model
    derived = system_traits(model)
    for tid, answer in model.traits.items():
        if tid in derived and contradicts(answer, derived[tid]):
            yield _hit(ctx, ("traits", tid), tid, answer, derived[tid])
    services = model.traits.get("services", len(model.services) or None)
    length = model.traits.get("flow_length")
    if isinstance(services, int) and isinstance(length, int) and length > services:
        counted = "answered" if "services" in model.traits else "declared"
        yield Hit(
            ("traits", "flow_length"),
            f"traits.flow_length is {length}, but only {services} services are {counted}: "
            "one flow cannot involve more services than the system has",
            subject=f"traits.flow_length:{length}>services:{services}",
            related=((("traits", "services"), "the services answer"),) if "services" in model.traits else (),
        )
    for flow in model.flows.values():
        own = flow_traits(flow)
        for tid, answer in flow.traits.items():
            if tid in own and contradicts(answer, own[tid], complete=True):
                yield _hit(ctx, ("flows", flow.name, "traits", tid), tid, answer, own[tid])
