"""The event graph (service -publishes-> event -consumed by-> service) and its shape.

Services and events are both nodes, so an event with P publishers and C consumers
costs P + C edges rather than P * C: everything here is linear in the size of the
model, and iterative, so a 4,000-service chain needs no deep recursion.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from advisor.format.loader import NodePath
from advisor.lint.context import Context


@dataclass
class EventGraph:
    """Nodes 0..S-1 are services, S.. are events; each edge keeps the list item it comes from."""

    labels: list[str]
    services: int
    edges: list[list[tuple[int, NodePath]]] = field(default_factory=list)

    def is_service(self, node: int) -> bool:
        """Whether a node is a service (else an event)."""
        return node < self.services


def event_graph(ctx: Context) -> EventGraph:
    """The model's event graph (built once per file)."""
    if "graph" not in ctx.cache:
        ctx.cache["graph"] = _build(ctx)
    graph: EventGraph = ctx.cache["graph"]
    return graph


def _build(ctx: Context) -> EventGraph:
    services = list(ctx.model.services)
    events = list(dict.fromkeys([*ctx.publishers, *ctx.consumers]))
    index = {name: i for i, name in enumerate(services)}
    event_index = {name: len(services) + i for i, name in enumerate(events)}
    graph = EventGraph([*services, *events], len(services))
    graph.edges = [[] for _ in graph.labels]
    for event, uses in ctx.publishers.items():
        for use in uses:
            graph.edges[index[use.service]].append((event_index[event], use.at))
    for event, uses in ctx.consumers.items():
        for use in uses:
            graph.edges[event_index[event]].append((index[use.service], use.at))
    return graph


def components(graph: EventGraph) -> tuple[list[int], list[list[int]]]:
    """Strongly connected components (iterative Tarjan): node -> component, and the
    components in reverse topological order (a component comes after those it reaches)."""
    count = len(graph.labels)
    order, low, comp = [-1] * count, [0] * count, [-1] * count
    stack: list[int] = []
    on_stack = [False] * count
    found: list[list[int]] = []
    counter = 0
    for root in range(count):
        if order[root] != -1:
            continue
        work = [(root, 0)]
        while work:
            node, next_edge = work.pop()
            if next_edge == 0:
                order[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack[node] = True
            edges = graph.edges[node]
            while next_edge < len(edges):
                target = edges[next_edge][0]
                next_edge += 1
                if order[target] == -1:
                    work.append((node, next_edge))
                    work.append((target, 0))
                    break
                if on_stack[target]:
                    low[node] = min(low[node], order[target])
            else:
                if low[node] == order[node]:
                    members = []
                    while True:
                        member = stack.pop()
                        on_stack[member] = False
                        comp[member] = len(found)
                        members.append(member)
                        if member == node:
                            break
                    found.append(members)
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
    return comp, found


def cycle_through(graph: EventGraph, comp: list[int], start: int) -> list[tuple[int, NodePath]]:
    """A shortest cycle from `start` back to itself within its component (BFS):
    a list of (node, list item of the edge into it)."""
    parent: dict[int, tuple[int, NodePath]] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target, at in graph.edges[node]:
            if comp[target] != comp[start]:
                continue
            if target == start:
                hops = [(start, at)]
                while node != start:
                    previous, via = parent[node]
                    hops.append((node, via))
                    node = previous
                return hops[::-1]
            if target not in parent:
                parent[target] = (node, at)
                queue.append(target)
    return []


@dataclass(frozen=True)
class Chain:
    """A chain of events: the services and events in order, and the list items linking them."""

    nodes: tuple[int, ...]
    items: tuple[NodePath, ...]


def longest_chains(graph: EventGraph, comp: list[int], ordered: list[list[int]]) -> list[Chain]:
    """For each service that starts a chain, the longest chain from it (edges inside a cycle
    are left out: the cycle rule reports those). Dynamic programming in topological order."""
    hops = [0] * len(graph.labels)
    pred: list[tuple[int, NodePath] | None] = [None] * len(graph.labels)
    for members in reversed(ordered):
        for node in members:
            for target, at in graph.edges[node]:
                if comp[target] == comp[node]:
                    continue
                gained = hops[node] + (0 if graph.is_service(target) else 1)
                if pred[target] is None or gained > hops[target]:
                    hops[target], pred[target] = gained, (node, at)
    best: dict[int, int] = {}  # chain start -> its furthest service
    start = list(range(len(graph.labels)))
    for members in reversed(ordered):
        for node in members:
            link = pred[node]
            if link is not None:
                start[node] = start[link[0]]
            if (
                graph.is_service(node)
                and hops[node]
                and (start[node] not in best or hops[node] > hops[best[start[node]]])
            ):
                best[start[node]] = node
    chains = []
    for end in best.values():
        nodes, items = [end], []
        link = pred[end]
        while link is not None:
            nodes.append(link[0])
            items.append(link[1])
            link = pred[link[0]]
        chains.append(Chain(tuple(nodes[::-1]), tuple(items[::-1])))
    return chains


def edge_note(graph: EventGraph, source: int, target: int, at: NodePath) -> str:
    """`orders publishes OrderPlaced` or `payments consumes OrderPlaced` for one edge."""
    if graph.is_service(source):
        return f"{graph.labels[source]} publishes {graph.labels[target]}"
    return f"{graph.labels[target]} consumes {graph.labels[source]}"
