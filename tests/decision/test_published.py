"""advisor against published systems: the style each team chose, from the traits their write-ups give.

tests/decision/published/index.yaml lists each system, the style its team chose, why, and the
write-ups it rests on; each system's architecture file holds only what its write-up says. The
test reports the accuracy (run with `-s` to see the table) and fails when it drops below the
floor or when any wrong answer comes with high confidence: being wrong is allowed to be
uncertain, never sure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from advisor.decision.flows import score_model
from advisor.format.loader import load_file
from advisor.format.model import load_architecture

HERE = Path(__file__).resolve().parent / "published"
FLOOR = 0.8  # share of systems whose chosen style advisor recommends


@dataclass(frozen=True)
class Case:
    name: str
    chosen: str
    recommended: str
    confidence: str
    coverage: float
    flows: tuple[tuple[str, str, str, str], ...] = ()  # flow, chosen, recommended, confidence


def systems(here: Path = HERE) -> dict[str, dict[str, object]]:
    data = load_file(here / "index.yaml").data
    found: dict[str, dict[str, object]] = data["systems"]
    return found


def evaluate(here: Path = HERE) -> list[Case]:
    return [evaluate_one(here, name, entry) for name, entry in systems(here).items()]


def evaluate_one(here: Path, name: str, entry: dict[str, object]) -> Case:
    loaded = load_architecture(here / f"{name}.yaml")
    assert not loaded.problems, loaded.problem_lines()
    rec = score_model(loaded.model)
    chosen = entry.get("flows") or {}
    assert isinstance(chosen, dict), name
    flows = tuple(
        (flow, str(style), rec.flows[flow].recommendation, rec.flows[flow].confidence) for flow, style in chosen.items()
    )
    return Case(name, str(entry["style"]), rec.recommendation, rec.confidence, rec.coverage, flows)


def report(cases: list[Case]) -> str:
    right = [c for c in cases if c.chosen == c.recommended]
    lines = [f"{'system':<28} {'chosen':<14} {'advisor':<14} confidence coverage"]
    for c in cases:
        mark = "" if c.chosen == c.recommended else "  <- wrong"
        lines.append(f"{c.name:<28} {c.chosen:<14} {c.recommended:<14} {c.confidence:<10} {c.coverage:>7.0%}{mark}")
    lines.append(f"accuracy {len(right)}/{len(cases)} = {len(right) / len(cases):.0%}")
    for style in ("orchestration", "choreography", "hybrid"):
        of = [c for c in cases if c.chosen == style]
        hits = [c for c in of if c.recommended == style]
        lines.append(f"  {style}: {len(hits)}/{len(of)}")
    flows = [flow for c in cases for flow in c.flows]
    lines.append(
        f"flows the write-ups describe: {sum(f[1] == f[2] for f in flows)}/{len(flows)} as their teams run them"
    )
    lines += [f"  {c.name}/{f[0]}: {f[1]}, advisor {f[2]} ({f[3]})" for c in cases for f in c.flows if f[1] != f[2]]
    return "\n".join(lines)


def test_the_set_is_published_and_large_enough() -> None:
    listed = systems()
    assert len(listed) >= 12
    assert {entry["style"] for entry in listed.values()} == {"orchestration", "choreography", "hybrid"}
    for name, entry in listed.items():
        assert (HERE / f"{name}.yaml").is_file(), name
        assert str(entry["why"]).strip(), name
        sources = entry["sources"]
        assert isinstance(sources, list) and sources, name
        assert all(str(url).startswith("https://") for url in sources), name
        model = load_architecture(HERE / f"{name}.yaml").model
        assert set(entry.get("flows") or {}) <= set(model.flows), name


def test_accuracy_on_published_systems_and_never_wrong_with_high_confidence(capsys: pytest.CaptureFixture[str]) -> None:
    cases = evaluate()
    table = report(cases)
    with capsys.disabled():
        print("\n" + table)
    wrong = [c for c in cases if c.chosen != c.recommended]
    assert not [c for c in wrong if c.confidence == "high"], table
    assert 1 - len(wrong) / len(cases) >= FLOOR, table
    hybrids = [c for c in cases if c.chosen == "hybrid"]
    assert sum(c.recommended == "hybrid" for c in hybrids) >= len(hybrids) / 2, table
    flows = [flow for c in cases for flow in c.flows]
    assert len(flows) >= 8
    assert not [f for f in flows if f[1] != f[2] and f[3] == "high"], table
    assert sum(f[1] == f[2] for f in flows) / len(flows) >= FLOOR, table
