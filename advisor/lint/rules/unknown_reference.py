"""unknown-reference: a call, step, orchestrator, publish or consume names nothing declared."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Iterator, Mapping

from advisor.format.loader import NodePath
from advisor.lint.context import Context
from advisor.lint.finding import Hit, dotted

ID = "unknown-reference"
SEVERITY = "error"
SUMMARY = "a call, step, orchestrator, publish, consume or reaction names something not declared"
EXPLANATION = (
    "Services and events are declared once under `services:` and `events:`; everything "
    "else refers to them by name. A reference to an undeclared name is usually a typo or "
    "a service that was renamed or removed, and it silently breaks every graph check "
    "(cycles, chains, producers and consumers) and the generated starters. A reaction "
    "(`reacts`) must be to an event the service consumes, and may only publish and call "
    "what the service itself publishes and calls."
)
SOURCE = "FORMAT (docs/format.md, the architecture file)"
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


def _reactions(ctx: Context, name: str) -> Iterator[Hit]:
    """`reacts` keys the service does not consume; values outside its publishes and calls."""
    service = ctx.model.services[name]
    reacts = ctx.raw("services", name, "reacts")
    if not isinstance(reacts, dict) or service.reacts is None:
        return
    own = {"publishes": service.publishes, "calls": service.calls}
    for event, reaction in service.reacts.items():
        at: NodePath = ("services", name, "reacts", event)
        if event not in service.consumes:
            yield Hit(
                at,
                f"service {name!r} reacts to {event!r} but does not consume it; add it to `consumes`",
                key=True,
                subject=f"{name}.reacts:{event}",
            )
        for key, names in (("publishes", reaction.publishes), ("calls", reaction.calls)):
            for i, target in enumerate(names):
                if target not in own[key]:
                    yield Hit(
                        (*at, key, i),
                        f"service {name!r}'s reaction to {event!r} {key[:-1]}s {target!r}, which is "
                        f"not in its own `{key}`",
                        subject=f"{name}.reacts.{event}.{key}:{target}",
                    )


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
        yield from _reactions(ctx, name)
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
