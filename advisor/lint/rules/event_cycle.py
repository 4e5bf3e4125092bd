"""event-cycle: events chain back to where they started (A -> B -> ... -> A)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from advisor.format.loader import NodePath
from advisor.lint.context import Context
from advisor.lint.finding import Hit
from advisor.lint.graph import EventGraph, components, edge_note, event_graph, guessed, if_they_publish, loops_in

ID = "event-cycle"
SEVERITY = "warning"
SUMMARY = "events chain back to where they started (A -> B -> ... -> A); names every loop"
EXPLANATION = (
    "When a service reacts to an event that, through other services, leads back to an event "
    "it reacts to again, one message can loop for ever, amplify under retries, or leave "
    "the flow's outcome depending on timing. Circular event chains are the classic "
    "failure mode of choreography: nobody owns the loop, and it is invisible in any one "
    "service's code. Only declared reactions (`reacts`) count; a loop that exists only "
    "if services without `reacts` publish what follows from what they consume is info."
)
SOURCE = "AZ-SAGA (Azure Saga pattern); AWS-CH (AWS saga choreography); AZ-CH (Azure Choreography pattern)"
FIX = (
    "Break the loop: let one service own the flow (a local orchestrator), or make the last "
    "hop a different event the first service does not consume."
)
OPTIONS: Mapping[str, int] = {}

Loop = list[tuple[int, NodePath]]


def _describe(graph: EventGraph, loop: Loop) -> str:
    start = loop[-1][0]
    return " -> ".join([graph.labels[start], *(graph.labels[node] for node, _ in loop)])


def _related(graph: EventGraph, loops: list[Loop]) -> tuple[tuple[NodePath, str], ...]:
    seen: dict[NodePath, str] = {}
    for loop in loops:
        previous = [loop[-1][0], *(node for node, _ in loop)]
        for prev, (node, at) in zip(previous, loop, strict=False):
            seen.setdefault(at, edge_note(graph, prev, node, at))
    return tuple(seen.items())


def _hit(graph: EventGraph, comp: list[int], members: list[int], *, assumed: bool) -> Hit:
    loops = loops_in(graph, comp, members)
    services = sorted({graph.labels[m] for m in members if graph.is_service(m)})
    named = {graph.labels[node] for loop in loops for node, _ in loop if graph.is_service(node)}
    counted = f"{len(loops)} cycles" if len(loops) > 1 else "a cycle"
    body = "; ".join(_describe(graph, loop) for loop in loops)
    rest = len(set(services) - named)
    if rest:
        body += f"; {rest} more services take part in further loops not listed"
    message, hint = f"events form {counted}: {body}", ""
    if assumed:
        unknown = guessed(graph, sorted(members))
        message = f"events may form {counted}, {if_they_publish(unknown)}: {body}"
        hint = f"Declare `reacts` on {', '.join(unknown[:5])} to say which consumed event causes which publish."
    return Hit(
        loops[0][0][1],
        message,
        subject=("maybe-cycle:" if assumed else "cycle:") + ",".join(services),
        related=_related(graph, loops),
        severity="info" if assumed else "",
        hint=hint,
    )


def check(ctx: Context) -> Iterator[Hit]:
    """One hit per strongly connected part of the declared graph, naming its loops; info
    for parts that loop only through services whose reactions are not declared."""
    known = event_graph(ctx)
    comp, found = components(known)
    cyclic = [members for members in found if len(members) > 1]
    for members in cyclic:
        yield _hit(known, comp, members, assumed=False)
    full = event_graph(ctx, known=False)
    if full is known:
        return
    in_known = {m for members in cyclic for m in members}
    comp, found = components(full)
    for members in found:
        if len(members) > 1 and not in_known.intersection(members):
            yield _hit(full, comp, members, assumed=True)
