"""Cold-start cost of the light commands, as a ratio to importing click alone.

Prints the fastest wall time of `advisor --version`, `advisor --help` and
`advisor lint --help` over N rounds, each divided by the fastest
`python -c "import click"`. The commands are timed in turn within each round, so load
from other processes falls on all of them alike, and the fastest run is the one least
disturbed by it. Goal: <= 1.3x, which holds only while questionary, jinja2, the lint
engine and the rules stay off these paths. Exits 1 when a command is over the goal.

    python benchmarks/coldstart.py [--runs 15] [--goal 1.3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

GOAL = 1.3


COMMANDS = (["--version"], ["--help"], ["lint", "--help"])


def fastest_seconds(commands: list[list[str]], runs: int) -> list[float]:
    """The fastest wall time of each command over `runs` rounds (after one warm-up each)."""
    for command in commands:
        subprocess.run(command, capture_output=True, check=True)
    best = [float("inf")] * len(commands)
    for _ in range(runs):
        for index, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            best[index] = min(best[index], time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--goal", type=float, default=GOAL, help="the largest acceptable ratio")
    options = parser.parse_args(argv)
    commands = [[sys.executable, "-c", "import click"], *([sys.executable, "-m", "advisor", *a] for a in COMMANDS)]
    baseline, *times = fastest_seconds(commands, options.runs)
    print(f"baseline  python -c 'import click'   {baseline * 1000:7.1f} ms")
    worst = 0.0
    for args, seconds in zip(COMMANDS, times, strict=True):
        ratio = seconds / baseline
        worst = max(worst, ratio)
        print(f"advisor {' '.join(args):<24} {seconds * 1000:7.1f} ms  {ratio:4.2f}x")
    over = worst > options.goal
    print(f"worst ratio {worst:.2f}x (goal <= {options.goal}x): {'OVER' if over else 'ok'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
