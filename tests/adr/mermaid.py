"""A structural check of the Mermaid we emit: the claimed type, declared ids, well-formed lines."""

from __future__ import annotations

import re

ID = r"[A-Za-z][A-Za-z0-9_]*"
TEXT = r"[^;#\"`\n]+"
RESERVED = {"end", "graph", "subgraph", "flowchart", "style", "class", "click", "participant", "note", "opt", "alt"}
_SEQ = {
    "participant": re.compile(rf"^participant ({ID}) as ({TEXT})$"),
    "note": re.compile(rf"^Note over ({ID}): ({TEXT})$"),
    "message": re.compile(rf"^({ID})(->>|-->>)({ID}): ({TEXT})$"),
    "open": re.compile(rf"^(opt|alt|loop|critical) {TEXT}$"),
}
_NODE = re.compile(rf'^({ID})(\["{TEXT}"\]|\(\["{TEXT}"\]\))$')
_EDGE = re.compile(rf"^({ID}) (-->|-\.->)\|({TEXT})\| ({ID})$")


def blocks(markdown: str) -> list[str]:
    """The bodies of the ```mermaid blocks in a Markdown text."""
    return re.findall(r"^```mermaid\n(.*?)\n```$", markdown, flags=re.MULTILINE | re.DOTALL)


def check(code: str) -> str:
    """Return the diagram type; AssertionError naming the first malformed line."""
    head, *lines = code.splitlines()
    body = [line.strip() for line in lines if line.strip()]
    if head == "sequenceDiagram":
        _check_sequence(body)
    elif head in ("flowchart LR", "flowchart TD"):
        _check_flowchart(body)
    else:
        raise AssertionError(f"unknown diagram type {head!r}")
    return head.split()[0]


def _check_sequence(body: list[str]) -> None:
    declared: set[str] = set()
    depth = 0
    for line in body:
        if match := _SEQ["participant"].match(line):
            assert not declared & {match.group(1)}, f"participant declared twice: {line}"
            declared.add(match.group(1))
        elif match := _SEQ["note"].match(line):
            assert match.group(1) in declared, f"note over an undeclared participant: {line}"
        elif match := _SEQ["message"].match(line):
            assert {match.group(1), match.group(3)} <= declared, f"message between undeclared participants: {line}"
        elif _SEQ["open"].match(line):
            depth += 1
        elif line == "end":
            depth -= 1
            assert depth >= 0, "`end` without a block"
        else:
            raise AssertionError(f"malformed sequenceDiagram line: {line!r}")
        assert not declared & RESERVED, f"reserved word used as an id: {line}"
    assert depth == 0, "a block is not closed with `end`"
    assert declared, "no participants"


def _check_flowchart(body: list[str]) -> None:
    declared: set[str] = set()
    edges = 0
    for line in body:
        if match := _NODE.match(line):
            assert match.group(1) not in declared | RESERVED, f"node declared twice or reserved: {line}"
            declared.add(match.group(1))
        elif match := _EDGE.match(line):
            assert {match.group(1), match.group(4)} <= declared, f"edge between undeclared nodes: {line}"
            edges += 1
        else:
            raise AssertionError(f"malformed flowchart line: {line!r}")
    assert declared and edges, "an empty flowchart"
