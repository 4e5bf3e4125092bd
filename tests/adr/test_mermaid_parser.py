"""The Mermaid in our records, parsed by the real mermaid parser (slow: installs mermaid from npm)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from advisor.adr.diagram import Diagram, diagrams
from advisor.format.model import Architecture, load_architecture
from tests.adr.test_diagram import HOSTILE, model_of
from tests.starters.envs import node_modules, run

CHECKER = Path(__file__).parent / "mermaid_check"
EXPECTED_TYPE = {"sequenceDiagram": "sequence", "flowchart": "flowchart-v2"}


def all_diagrams(checkout: Path, newsroom: Path) -> list[Diagram]:
    models = [load_architecture(checkout).model, load_architecture(newsroom).model, model_of(HOSTILE), Architecture()]
    styles = ("orchestration", "choreography", "hybrid")
    return [d for model in models for style in styles for d in diagrams(model, style)]


@pytest.mark.slow
def test_every_diagram_parses_as_the_type_it_claims(
    tmp_path: Path, checkout_example: Path, newsroom_example: Path
) -> None:
    if shutil.which("node") is None:
        pytest.skip("node is not installed on this machine")
    for name in ("package.json", "check.mjs"):
        shutil.copy(CHECKER / name, tmp_path / name)
    node_modules(tmp_path)
    found = all_diagrams(checkout_example, newsroom_example)
    (tmp_path / "blocks.json").write_text(json.dumps([d.code for d in found]), encoding="utf-8")
    output = run(["sh", "-c", "node check.mjs < blocks.json"], tmp_path)
    results = json.loads(output.strip().splitlines()[-1])
    for diagram, result in zip(found, results, strict=True):
        assert result["ok"], f"{diagram.caption}: {result.get('error')}\n{diagram.code}"
        assert result["type"] == EXPECTED_TYPE[diagram.code.split()[0]]
