"""The causal event graph: event -consumed by-> handler -publishes-> event, and its shape.

A handler is what a service does on one consumed event (`reacts`, format version 2);
a service that publishes events no reaction explains starts them itself (its origin
node). A service without `reacts` is one node whose outgoing edges are *assumed*:
the file does not say which consumed event causes which published one, so rules
report what depends on them at most as info naming the reactions to declare.

Handlers and events are both nodes, so an event with P publishers and C consumers
costs P + C edges rather than P * C: everything here is linear in the size of the
model, and iterative, so a 4,000-service chain needs no deep recursion.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field

from advisor.format.loader import NodePath
from advisor.lint.context import Context


@dataclass
class EventGraph:
    """Nodes 0..S-1 are handlers (labelled with their service), S.. are events; each edge
    keeps the list item it comes from. `assumed` marks handlers whose out-edges are guesses."""

    labels: list[str]
    services: int
    edges: list[list[tuple[int, NodePath]]] = field(default_factory=list)
    assumed: frozenset[int] = frozenset()

    def is_service(self, node: int) -> bool:
        """Whether a node is a handler of some service (else an event)."""
        return node < self.services

    def known(self) -> EventGraph:
        """The same graph without the assumed edges."""
        if not self.assumed:
            return self
        edges = [[] if node in self.assumed else out for node, out in enumerate(self.edges)]
        return EventGraph(self.labels, self.services, edges)


def event_graph(ctx: Context, *, known: bool = True) -> EventGraph:
    """The model's causal graph (built once per file): declared reactions only, or (with
    `known=False`) also the assumed edges of services without `reacts`."""
    if "graph" not in ctx.cache:
        full = _build(ctx)
        ctx.cache["graph"] = (full.known(), full)
    graphs: tuple[EventGraph, EventGraph] = ctx.cache["graph"]
    return graphs[0] if known else graphs[1]


@dataclass
class _Builder:
    labels: list[str] = field(default_factory=list)
    outs: list[list[tuple[str, NodePath]]] = field(default_factory=list)
    ins: list[tuple[str, NodePath, int]] = field(default_factory=list)  # event -> handler
    assumed: set[int] = field(default_factory=set)

    def handler(self, service: str, publishes: Iterable[tuple[str, NodePath]]) -> int:
        self.labels.append(service)
        self.outs.append(list(publishes))
        return len(self.labels) - 1


def _build(ctx: Context) -> EventGraph:
    build = _Builder()
    for name, service in ctx.model.services.items():
        published = ctx.names_in(name, "publishes")
        consumed = ctx.names_in(name, "consumes")
        if service.reacts is None:
            node = build.handler(name, published)
            build.ins.extend((event, at, node) for event, at in consumed)
            if consumed and published:
                build.assumed.add(node)
            continue
        caused: set[str] = set()
        for event, at in consumed:
            items = ctx.raw("services", name, "reacts", event, "publishes")
            outs = [
                (item, ("services", name, "reacts", event, "publishes", i))
                for i, item in enumerate(items if isinstance(items, list) else [])
                if isinstance(item, str)
            ]
            caused.update(item for item, _ in outs)
            build.ins.append((event, at, build.handler(name, outs)))
        spontaneous = [(event, at) for event, at in published if event not in caused]
        if spontaneous:
            build.handler(name, spontaneous)
    return _assemble(build)


def _assemble(build: _Builder) -> EventGraph:
    count = len(build.labels)
    names = [e for out in build.outs for e, _ in out] + [e for e, _, _ in build.ins]
    index = {name: count + i for i, name in enumerate(dict.fromkeys(names))}
    graph = EventGraph([*build.labels, *index], count, assumed=frozenset(build.assumed))
    graph.edges = [[(index[e], at) for e, at in out] for out in build.outs]
    graph.edges.extend([] for _ in index)
    for event, at, node in build.ins:
        graph.edges[index[event]].append((node, at))
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


MAX_LOOPS = 10


def loops_in(graph: EventGraph, comp: list[int], members: list[int]) -> list[list[tuple[int, NodePath]]]:
    """Cycles that together pass through every handler of a component (at most MAX_LOOPS):
    each the shortest one through a handler that earlier ones missed."""
    loops: list[list[tuple[int, NodePath]]] = []
    covered: set[int] = set()
    for start in sorted(m for m in members if graph.is_service(m)):
        if start in covered:
            continue
        if len(loops) == MAX_LOOPS:
            break
        hops = cycle_through(graph, comp, start)
        loops.append(hops)
        covered.update(node for node, _ in hops)
    return loops


@dataclass(frozen=True)
class Chain:
    """A chain of events: the handlers and events in order, and the list items linking them."""

    nodes: tuple[int, ...]
    items: tuple[NodePath, ...]


def longest_chains(graph: EventGraph, comp: list[int], ordered: list[list[int]]) -> list[Chain]:
    """For each node that starts a chain, the longest chain from it (edges inside a cycle
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
    best: dict[int, int] = {}  # chain start -> its furthest handler
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


def guessed(graph: EventGraph, nodes: Iterable[int]) -> list[str]:
    """The services (in the order given, once each) whose assumed edges a path or cycle uses."""
    return list(dict.fromkeys(graph.labels[n] for n in nodes if n in graph.assumed))


def if_they_publish(names: list[str]) -> str:
    """`if a publishes` / `if a, b publish`: the condition a guessed finding rests on."""
    shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
    verb = "publishes" if len(names) == 1 else "publish"
    pronoun = "it consumes" if len(names) == 1 else "they consume"
    return f"if {shown} {verb} what follows from what {pronoun}"
