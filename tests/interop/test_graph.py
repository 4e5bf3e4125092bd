"""`advisor graph`: the whole model, grouped by owner, in Mermaid and Graphviz DOT."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from advisor.format.interop.graph import build_graph, dot, mermaid
from tests.interop.support import model_of

TEAMS = [f"team-{n}" for n in range(6)]


def big_model() -> str:
    """50 services of 6 teams: each calls the next, every fifth publishes an event the next consumes."""
    lines = ["version: 2", "services:"]
    for i in range(50):
        lines.append(f"  svc{i}:")
        lines.append(f"    owner: {TEAMS[i % 6]}")
        if i < 49:
            lines.append(f"    calls: [{{service: svc{i + 1}, protocol: grpc}}]")
        if i % 5 == 0:
            lines.append(f"    publishes: [Event{i}]")
        if i % 5 == 1:
            lines.append(f"    consumes: [Event{i - 1}]")
    lines += ["flows:", "  checkout:", "    style: orchestration", "    orchestrator: svc0", "    steps:",
              "      - {service: svc1, action: reserve, compensation: release}",
              "      - {service: svc2, action: charge}"]
    return "\n".join(lines) + "\n"


def test_fifty_services_are_grouped_by_owner() -> None:
    graph = build_graph(model_of(big_model()))
    text = mermaid(graph)
    subgraphs = re.findall(r'^  subgraph owner_\d+\["(team-\d)"\]$', text, re.M)
    assert sorted(subgraphs) == TEAMS
    declared = re.findall(r"^\s+(s_\w+)\[", text, re.M)
    assert len(declared) == len(set(declared)) == 50
    assert text.count(' -->|"grpc"| ') == 49
    assert text.count(" -.-> ") == 20  # 10 events, each with one producer and one consumer
    assert 's_svc_0 ==>|"checkout 1. reserve (undo: release)"| s_svc_1' in text


def test_dot_has_a_cluster_per_owner_and_renders() -> None:
    text = dot(build_graph(model_of(big_model())))
    assert len(re.findall(r"^  subgraph cluster_\d+ \{$", text, re.M)) == 6
    if shutil.which("dot") is None:
        pytest.skip("Graphviz `dot` is not installed (.ci/setup.d/graphviz.sh installs it)")
    svg = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=True).stdout
    assert svg.count('class="cluster"') == 6 and svg.count('class="node"') == 60


def test_choreographed_flows_start_at_the_flow() -> None:
    text = mermaid(build_graph(model_of("""
version: 2
services: {a: {}, b: {}}
flows:
  signup: {style: choreography, steps: [{service: a, action: create}, {service: b, action: welcome}]}
""")))
    assert 'f_signup(["signup"])' in text
    assert 'f_signup ==>|"signup 1. create"| s_a' in text and 's_a ==>|"signup 2. welcome"| s_b' in text


def test_text_from_the_file_cannot_break_out_of_a_label() -> None:
    hostile = 'x"]; click s_a call alert(1) %% <b>'
    text = mermaid(build_graph(model_of(f"version: 2\nservices:\n  a: {{owner: '{hostile}'}}\n")))
    label = re.search(r'subgraph owner_1\["([^"]*)"\]', text)
    assert label is not None and not set(label.group(1)) & set('"[];%<>')
    assert not any(line.lstrip().startswith("click") for line in text.splitlines())
    dot_text = dot(build_graph(model_of(f"version: 2\nservices:\n  a: {{owner: '{hostile}'}}\n")))
    assert re.search(r'label="[^"\\;\[\]]*";', dot_text)


CHECKER = Path(__file__).parent.parent / "adr" / "mermaid_check"


@pytest.mark.slow
def test_the_real_mermaid_parser_accepts_the_diagrams(tmp_path: Path) -> None:
    from tests.starters.envs import node_modules, run

    if shutil.which("node") is None:
        pytest.skip("node is not installed on this machine")
    for name in ("package.json", "check.mjs"):
        shutil.copy(CHECKER / name, tmp_path / name)
    node_modules(tmp_path)
    codes = [mermaid(build_graph(model_of(big_model()), views)) for views in
             (("calls", "events", "flows"), ("calls",), ("events",), ("flows",))]
    (tmp_path / "blocks.json").write_text(json.dumps(codes), encoding="utf-8")
    results = json.loads(run(["sh", "-c", "node check.mjs < blocks.json"], tmp_path).strip().splitlines()[-1])
    assert [r.get("type") for r in results] == ["flowchart-v2"] * 4, results
