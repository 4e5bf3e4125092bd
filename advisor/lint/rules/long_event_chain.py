"""long-event-chain: more than N events in a row, with no flow owning the chain."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit
from advisor.lint.graph import (
    Chain,
    EventGraph,
    components,
    edge_note,
    event_graph,
    guessed,
    if_they_publish,
    longest_chains,
)

ID = "long-event-chain"
SEVERITY = "warning"
SUMMARY = "events chain over more than N hops (default 3) with no flow owning the chain"
EXPLANATION = (
    "Each hop of a choreographed chain is a service reacting to the previous one's event. "
    "Beyond a few hops nobody can see where a business transaction is, why it stopped, "
    "or what to retry: the process exists only implicitly. Long chains need an owner: "
    "a flow with a `trigger` (and a correlation id) or a local orchestrator. Only declared "
    "reactions (`reacts`) count as hops; a chain that exists only if services without "
    "`reacts` publish what follows from what they consume is info. A chain through a declared "
    "orchestrator (its commands and the replies it waits for) is that orchestrator's to own."
)
SOURCE = "AZ-CH (Azure Choreography pattern); BR-TAME (Ruecker: How to tame event-driven microservices)"
FIX = (
    "Declare a flow whose `trigger` is one of the chain's events and give it an owner, or move "
    "the sequence into an orchestrator; raise `max-hops` in .advisor.yaml if the chain is intended."
)
OPTIONS: Mapping[str, int] = {"max-hops": 3}


def _describe(graph: EventGraph, chain: Chain) -> str:
    names = [graph.labels[node] for node in chain.nodes]
    if len(names) > 11:
        names = [*names[:5], f"... ({len(names) - 9} more) ...", *names[-4:]]
    return " -> ".join(names)


def _fix(limit: int) -> str:
    return (
        "Declare a flow whose `trigger` is one of the chain's events and give it an owner, or move the "
        f"sequence into an orchestrator; raise `max-hops` (now {limit}) in .advisor.yaml if the chain is intended."
    )


def _long(ctx: Context, graph: EventGraph, limit: int) -> Iterator[tuple[Chain, int]]:
    """Chains over `limit` events that no flow owns: none of their events triggers a flow,
    and no declared orchestrator handles a hop (commands and replies it sequences itself)."""
    comp, ordered = components(graph)
    owners = ctx.orchestrators()
    for chain in longest_chains(graph, comp, ordered):
        events = [graph.labels[n] for n in chain.nodes if not graph.is_service(n)]
        if len(events) <= limit or any(event in ctx.triggers for event in events):
            continue
        if not any(graph.labels[n] in owners for n in chain.nodes[1:-1] if graph.is_service(n)):
            yield chain, len(events)


def _hit(graph: EventGraph, chain: Chain, hops: int, limit: int, unknown: list[str]) -> Hit:
    steps = zip(chain.nodes, chain.nodes[1:], chain.items, strict=False)
    related = tuple((at, edge_note(graph, source, target, at)) for source, target, at in steps)
    first = graph.labels[chain.nodes[0]]
    shown = f"over {hops} hops (more than {limit}) with no flow owning them: {_describe(graph, chain)}"
    if not unknown:
        return Hit(chain.items[0], f"events chain {shown}", subject=f"chain:{first}", related=related, hint=_fix(limit))
    names = ", ".join(unknown[:5])
    return Hit(
        chain.items[0],
        f"events may chain {shown}, {if_they_publish(unknown)}",
        subject=f"maybe-chain:{first}",
        related=related,
        severity="info",
        hint=f"Declare `reacts` on {names} to say which consumed event causes which publish.",
    )


def check(ctx: Context) -> Iterator[Hit]:
    """One hit per chain start whose longest declared chain exceeds `max-hops` events; info
    for chains that are that long only through services whose reactions are not declared."""
    limit = ctx.options.get(ID, OPTIONS)["max-hops"]
    known = event_graph(ctx)
    starts = set()
    for chain, hops in _long(ctx, known, limit):
        starts.add(chain.nodes[0])
        yield _hit(known, chain, hops, limit, [])
    full = event_graph(ctx, known=False)
    if full is known:
        return
    for chain, hops in _long(ctx, full, limit):
        unknown = guessed(full, chain.nodes[:-1])
        if unknown and chain.nodes[0] not in starts:
            yield _hit(full, chain, hops, limit, unknown)
