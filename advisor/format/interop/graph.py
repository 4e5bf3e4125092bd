"""The whole model as a picture: calls with protocols, events with producers and consumers,
flows with their steps and compensations; services grouped by owner so large systems stay
readable. `build_graph` returns data; `mermaid` and `dot` render it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from advisor import names
from advisor.format.model import Architecture, Flow

VIEWS = ("calls", "events", "flows")
_UNSAFE = re.compile(r"[^A-Za-z0-9 _.,:/()+'-]+")


@dataclass(frozen=True)
class Node:
    """A service or an event; `group` is the owning team ("" when none)."""

    id: str
    label: str
    kind: str
    group: str = ""


@dataclass(frozen=True)
class Edge:
    """A call, a publish, a consume or a flow step, with its label."""

    source: str
    target: str
    kind: str
    label: str = ""


@dataclass(frozen=True)
class Graph:
    """Nodes (in model order) and edges."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]

    def groups(self) -> dict[str, list[Node]]:
        """Owner -> its services, in order; "" holds services without owner and events."""
        found: dict[str, list[Node]] = {}
        for node in self.nodes:
            found.setdefault(node.group, []).append(node)
        return found


class _Builder:
    def __init__(self, model: Architecture) -> None:
        self.model = model
        self.ids = names.Unique()
        self.nodes: dict[tuple[str, str], Node] = {}
        self.edges: list[Edge] = []

    def node(self, kind: str, name: str) -> str:
        key = (kind, name)
        if key not in self.nodes:
            owner = self.model.services[name].owner if kind == "service" and name in self.model.services else ""
            ident = self.ids(key, f"{kind[0]}_{names.snake(name, kind)}")
            self.nodes[key] = Node(ident, name, kind, owner)
        return self.nodes[key].id

    def calls(self) -> None:
        for service in self.model.services.values():
            for callee in service.calls:
                label = service.protocols.get(callee, "")
                self.edges.append(Edge(self.node("service", service.name), self.node("service", callee), "call", label))

    def events(self) -> None:
        for event in self.model.events:
            self.node("event", event)
        for service in self.model.services.values():
            source = self.node("service", service.name)
            self.edges += [Edge(source, self.node("event", e), "publish") for e in service.publishes]
            self.edges += [Edge(self.node("event", e), source, "consume") for e in service.consumes]

    def flows(self) -> None:
        for flow in self.model.flows.values():
            self.flow(flow)

    def flow(self, flow: Flow) -> None:
        previous = flow.orchestrator if flow.style != "choreography" and flow.orchestrator else ""
        for number, step in enumerate(flow.steps, 1):
            label = f"{flow.name} {number}. {step.action}"
            if step.compensation:
                label += f" (undo: {step.compensation})"
            target = self.node("service", step.service)
            start = self.node("service", previous) if previous else self.node("flow", flow.name)
            self.edges.append(Edge(start, target, "step", label))
            if flow.style == "choreography" or not flow.orchestrator:
                previous = step.service


def build_graph(model: Architecture, views: tuple[str, ...] = VIEWS) -> Graph:
    """The diagram's nodes and edges for the chosen views (calls, events, flows)."""
    builder = _Builder(model)
    for service in model.services:
        builder.node("service", service)
    for view in views:
        getattr(builder, view)()
    return Graph(tuple(builder.nodes.values()), tuple(builder.edges))


def _text(value: str) -> str:
    """Text that cannot break out of a label in either language."""
    return _UNSAFE.sub(" ", value).strip() or "-"


_MERMAID_SHAPES = {"service": '["{}"]', "event": '{{{{"{}"}}}}', "flow": '(["{}"])'}
_MERMAID_ARROWS = {"call": "-->", "publish": "-.->", "consume": "-.->", "step": "==>"}


def mermaid(graph: Graph) -> str:
    """A Mermaid flowchart (GitHub renders it), services grouped by owner in subgraphs."""
    lines = ["flowchart LR"]
    for number, (group, members) in enumerate(graph.groups().items(), 1):
        indent = "    " if group else "  "
        if group:
            lines.append(f'  subgraph owner_{number}["{_text(group)}"]')
        lines += [f"{indent}{n.id}{_MERMAID_SHAPES[n.kind].format(_text(n.label))}" for n in members]
        if group:
            lines.append("  end")
    for edge in graph.edges:
        label = f'|"{_text(edge.label)}"|' if edge.label else ""
        lines.append(f"  {edge.source} {_MERMAID_ARROWS[edge.kind]}{label} {edge.target}")
    return "\n".join(lines) + "\n"


_DOT_STYLE = {"call": "", "publish": "style=dashed", "consume": "style=dashed", "step": "style=bold, color=\"#1f5fa8\""}


def dot(graph: Graph) -> str:
    """A Graphviz digraph, one cluster per owner."""
    lines = ["digraph architecture {", '  graph [rankdir=LR, fontname="Helvetica"];',
             '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];']
    for number, (group, members) in enumerate(graph.groups().items(), 1):
        indent = "    " if group else "  "
        if group:
            lines += [f"  subgraph cluster_{number} {{", f'    label="{_text(group)}";']
        for n in members:
            shape = {"event": ", shape=hexagon", "flow": ", shape=oval"}.get(n.kind, "")
            lines.append(f'{indent}{n.id} [label="{_text(n.label)}"{shape}];')
        if group:
            lines.append("  }")
    for edge in graph.edges:
        attributes = [a for a in (f'label="{_text(edge.label)}"' if edge.label else "", _DOT_STYLE[edge.kind]) if a]
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  {edge.source} -> {edge.target}{suffix};")
    return "\n".join(lines) + "\n}\n"


MARKDOWN_SUFFIXES = (".md", ".markdown")


def fenced(diagram: str, language: str) -> str:
    """The diagram as a Markdown code block (```mermaid renders on GitHub); its own lines never
    hold a backtick fence (labels are reduced to safe characters), so it cannot close early."""
    return f"```{language}\n{diagram}```\n"
