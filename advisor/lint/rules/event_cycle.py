"""event-cycle: events chain back to where they started (A -> B -> ... -> A)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.lint.context import Context
from advisor.lint.finding import Hit
from advisor.lint.graph import components, cycle_through, edge_note, event_graph

ID = "event-cycle"
SEVERITY = "warning"
SUMMARY = "events chain back to where they started (A -> B -> ... -> A); names the cycle"
EXPLANATION = (
    "When a service reacts to an event that, through other services, leads back to an event "
    "it reacts to again, one message can loop for ever, amplify under retries, or leave "
    "the flow's outcome depending on timing. Circular event chains are the classic "
    "failure mode of choreography: nobody owns the loop, and it is invisible in any one "
    "service's code."
)
SOURCE = "AZ-SAGA (Azure Saga pattern); AWS-CH (AWS saga choreography); AZ-CH (Azure Choreography pattern)"
FIX = (
    "Break the loop: let one service own the flow (a local orchestrator), or make the last "
    "hop a different event the first service does not consume."
)
OPTIONS: Mapping[str, int] = {}


def check(ctx: Context) -> Iterator[Hit]:
    """One hit per strongly connected part of the event graph, naming one cycle in it."""
    graph = event_graph(ctx)
    comp, found = components(graph)
    for members in found:
        if len(members) < 2:
            continue  # services never consume themselves without an event node between
        start = min(m for m in members if graph.is_service(m))
        hops = cycle_through(graph, comp, start)
        names = [graph.labels[start]] + [graph.labels[node] for node, _ in hops]
        previous = [start, *(node for node, _ in hops)]
        related = tuple(
            (at, edge_note(graph, prev, node, at)) for prev, (node, at) in zip(previous, hops, strict=False)
        )
        services = sorted(graph.labels[m] for m in members if graph.is_service(m))
        shown = sum(1 for node, _ in hops if graph.is_service(node))
        extra = f"; {len(services)} services take part in loops here" if len(services) > shown else ""
        yield Hit(
            hops[0][1],
            f"events form a cycle: {' -> '.join(names)}{extra}",
            subject="cycle:" + ",".join(services),
            related=related,
        )
