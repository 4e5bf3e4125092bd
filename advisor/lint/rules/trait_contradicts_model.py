"""trait-contradicts-model: an answered trait the file's own model shows to be wrong."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.decision.evidence import contradictions
from advisor.format.loader import NodePath
from advisor.lint.context import Context
from advisor.lint.finding import Hit

ID = "trait-contradicts-model"
SEVERITY = "warning"
SUMMARY = "an answered trait contradicts what the file's services, events or flows declare"
EXPLANATION = (
    "The traits are the reasons for the decision, and the model says some of them too: how "
    "many services there are, how many take part in a flow, how many steps need an undo, "
    "how many consumers react to one event, whether the coordinator is managed. When an answer is "
    "below what the model shows (flow_length 2 beside a flow of 6 services, compensation "
    "low beside a flow with compensations), in the system's traits or a flow's own, "
    "the recommendation rests on an answer the file itself refutes. Only contradictions "
    "the model proves are reported: a file may model part of a system, so an answer above "
    "what it declares is not one."
)
SOURCE = "SEED; rules/traits.yaml (each trait's reason and source)"
FIX = "Correct the answer, or remove it so that `advisor score` uses what the model says (reported as derived)."
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """Each contradiction, at the answer, with the model node it rests on as related."""
    for found in contradictions(ctx.model):
        evidence = found.evidence
        related: tuple[tuple[NodePath, str], ...] = ()
        if evidence is not None and evidence.at and ctx.raw(*evidence.at) is not None:
            related = ((evidence.at, evidence.basis),)
        elif found.at == ("traits", "flow_length") and "services" in ctx.model.traits:
            related = ((("traits", "services"), "the services answer"),)
        yield Hit(found.at, found.message, subject=f"{'.'.join(map(str, found.at))}:{found.answer}", related=related)
