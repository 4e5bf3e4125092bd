"""unknown-reference: a call, step, orchestrator, publish or consume names nothing declared."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Mapping

from advisor.format.loader import NodePath
from advisor.lint.context import Context
from advisor.lint.finding import Hit, dotted

ID = "unknown-reference"
SEVERITY = "error"
SUMMARY = "a call, step, orchestrator, publish or consume names something not declared"
EXPLANATION = (
    "Services and events are declared once under `services:` and `events:`; everything "
    "else refers to them by name. A reference to an undeclared name is usually a typo or "
    "a service that was renamed or removed, and it silently breaks every graph check "
    "(cycles, chains, producers and consumers) and the generated starters."
)
SOURCE = "docs/format.md, the architecture file"
FIX = "Correct the name, or declare the service or event it refers to."
OPTIONS: Mapping[str, int] = {}


# "Did you mean" compares a name with every declared one: do it for the first few
# distinct unknown names only, so a file full of broken references stays linear.
MAX_SUGGESTIONS = 25


def _suggest(ctx: Context, name: str, known: Collection[str]) -> str:
    tried: dict[str, str] = ctx.cache.setdefault("suggestions", {})
    if name not in tried and len(tried) < MAX_SUGGESTIONS:
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
        tried[name] = close[0] if close else ""
    return tried.get(name, "")


def _hit(ctx: Context, name: str, kind: str, known: Collection[str], at: NodePath) -> Hit:
    close = _suggest(ctx, name, known)
    hint = f"; did you mean {close!r}?" if close else f"; declare it under `{kind}s:`"
    return Hit(at, f"{kind} {name!r} is not declared{hint}", subject=f"{dotted(at[:-1])}:{name}")


def check(ctx: Context) -> Iterator[Hit]:
    """Every undeclared name used in services and flows."""
    services, events = ctx.model.services, ctx.model.events
    for name in services:
        for key, kind, known in (
            ("calls", "service", services),
            ("publishes", "event", events),
            ("consumes", "event", events),
        ):
            for target, at in ctx.names_in(name, key):
                if target not in known:
                    yield _hit(ctx, target, kind, known, at)
    for flow in ctx.model.flows.values():
        if flow.orchestrator and flow.orchestrator not in services:
            yield _hit(ctx, flow.orchestrator, "service", services, ("flows", flow.name, "orchestrator"))
        if flow.trigger and flow.trigger not in events:
            yield _hit(ctx, flow.trigger, "event", events, ("flows", flow.name, "trigger"))
        steps = ctx.raw("flows", flow.name, "steps")
        for index, step in enumerate(steps if isinstance(steps, list) else []):
            wanted: object = step.get("service") if isinstance(step, dict) else None
            if isinstance(wanted, str) and wanted not in services:
                yield _hit(ctx, wanted, "service", services, ("flows", flow.name, "steps", index, "service"))
