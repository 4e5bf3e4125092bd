"""How `advisor decide` scales with the file: a whole run over a plain libyaml parse.

Generates version 2 files of 10,000 and 40,000 services (each with an owner, an event
it publishes and one it consumes, and a comment) and one answered trait, then runs
`advisor decide --no-input --target none` on a copy in a fresh folder: load, validate,
score (with the traits derived from the model), plan and write the record and the
updated file. It times that against `yaml.load(text, Loader=yaml.CSafeLoader)` of the
same text, in CPU time, best of several runs. A run reads the file, validates it, derives
traits from the model, lints it once for the record's Confirmation, and rewrites only the
sections it changes: it must stay within 6x the parse and grow no faster than 1.5x the
parse itself grows between the two sizes (the parse alone grows faster than linearly on
a large heap, so it is the fair baseline for a job that parses).

    python benchmarks/decide_scale.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import yaml
from click.testing import CliRunner

from advisor.cli import cli

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RATIO_GOAL, GROWTH_GOAL = 6.0, 1.5
SIZES = (10_000, 40_000)


def model(services: int) -> str:
    """An architecture file with `services` services, one answered trait and no decision yet."""
    lines = ["# a large system", "version: 2", "system: bench", "traits:", "  fan_out: high", "", "services:"]
    for i in range(services):
        lines.append(
            f"  svc{i}: {{owner: team{i % 50}, publishes: [E{i}], consumes: [E{(i - 1) % services}]}}  # kept"
        )
    return "\n".join(lines) + "\n"


def decide_seconds(text: str) -> float:
    """CPU seconds of one `decide --no-input` run on `text`, in a fresh folder."""
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "architecture.yaml"
        path.write_text(text, encoding="utf-8")
        here = Path.cwd()
        os.chdir(folder)
        try:
            start = time.process_time()
            result = runner.invoke(cli, ["decide", "--no-input", "--target", "none"])
            elapsed = time.process_time() - start
        finally:
            os.chdir(here)
        if result.exit_code != 0:
            raise SystemExit(f"decide failed: {result.output}")
        if not path.read_text(encoding="utf-8").endswith(text.split("\nservices:\n", 1)[1]):
            raise SystemExit("decide changed the services section")
    return elapsed


def main() -> int:
    """Print the table and whether the goals are met (exit 1 if not)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    texts = {n: model(n) for n in SIZES}
    parse = dict.fromkeys(SIZES, float("inf"))
    decide = dict.fromkeys(SIZES, float("inf"))
    for _ in range(args.repeat):
        for n, text in texts.items():
            start = time.process_time()
            yaml.load(text, Loader=LOADER)
            parse[n] = min(parse[n], time.process_time() - start)
            decide[n] = min(decide[n], decide_seconds(text))
    print(f"{'services':>8} {'parse s':>9} {'decide s':>9} {'decide/parse':>12}")
    for n in SIZES:
        print(f"{n:>8} {parse[n]:>9.3f} {decide[n]:>9.3f} {decide[n] / parse[n]:>12.2f}")
    worst = max(decide[n] / parse[n] for n in SIZES)
    growth = decide[SIZES[1]] / decide[SIZES[0]]
    parse_growth = parse[SIZES[1]] / parse[SIZES[0]]
    print(f"decide over parse: {worst:.2f}x at worst (goal <= {RATIO_GOAL}x)")
    print(f"growth {SIZES[0]:,} -> {SIZES[1]:,}: {growth:.2f}x, over the parse's {parse_growth:.2f}x: "
          f"{growth / parse_growth:.2f}x (goal <= {GROWTH_GOAL}x)")
    return 0 if worst <= RATIO_GOAL and growth / parse_growth <= GROWTH_GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
