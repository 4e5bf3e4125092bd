"""long-event-chain: more than N events in a row, with no flow owning the chain."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit
from advisor.lint.graph import Chain, EventGraph, components, edge_note, event_graph, longest_chains

ID = "long-event-chain"
SEVERITY = "warning"
SUMMARY = "events chain over more than N hops (default 3) with no flow owning the chain"
EXPLANATION = (
    "Each hop of a choreographed chain is a service reacting to the previous one's event. "
    "Beyond a few hops nobody can see where a business transaction is, why it stopped, "
    "or what to retry: the process exists only implicitly. Long chains need an owner: "
    "a flow with a `trigger` (and a correlation id) or a local orchestrator."
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


def check(ctx: Context) -> Iterator[Hit]:
    """One hit per chain start whose longest chain exceeds `max-hops` events."""
    limit = ctx.options.get(ID, OPTIONS)["max-hops"]
    graph = event_graph(ctx)
    comp, ordered = components(graph)
    for chain in longest_chains(graph, comp, ordered):
        events = [graph.labels[n] for n in chain.nodes if not graph.is_service(n)]
        if len(events) <= limit or any(event in ctx.triggers for event in events):
            continue
        steps = zip(chain.nodes, chain.nodes[1:], chain.items, strict=False)
        related = tuple((at, edge_note(graph, source, target, at)) for source, target, at in steps)
        first = graph.labels[chain.nodes[0]]
        yield Hit(
            chain.items[0],
            f"events chain over {len(events)} hops (more than {limit}) with no flow "
            f"owning them: {_describe(graph, chain)}",
            subject=f"chain:{first}",
            related=related,
        )
