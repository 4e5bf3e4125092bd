"""Cold-start cost of the light commands, as a ratio to importing click alone.

Prints the wall time of `advisor --version`, `advisor --help` and `advisor lint --help`
as a ratio to `python -c "import click"`. Each round times the baseline and then each
command, one right after the other, so load from other processes falls on both sides of
a ratio alike; the ratio reported is the median over the rounds. Goal: <= 1.3x, which
holds only while questionary, jinja2, the lint engine and the rules stay off these
paths. Exits 1 when a command is over the goal.

    python benchmarks/coldstart.py [--runs 15] [--goal 1.3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

GOAL = 1.3


COMMANDS = (["--version"], ["--help"], ["lint", "--help"])


def ratios(commands: list[list[str]], runs: int) -> list[list[float]]:
    """For each command after the first, its time divided by the first's, one per round."""
    for command in commands:
        subprocess.run(command, capture_output=True, check=True)  # warm the caches
    found: list[list[float]] = [[] for _ in commands[1:]]
    for _ in range(runs):
        times = []
        for command in commands:
            start = time.perf_counter()
            subprocess.run(command, capture_output=True, check=True)
            times.append(time.perf_counter() - start)
        for index, seconds in enumerate(times[1:]):
            found[index].append(seconds / times[0])
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--goal", type=float, default=GOAL, help="the largest acceptable ratio")
    options = parser.parse_args(argv)
    # What the installed `advisor` script runs (pip's console-script wrapper), without runpy's
    # extra imports that `python -m advisor` pays and a user does not.
    script = "import re, sys; from advisor.cli import main; sys.argv[0] = 'advisor'; main()"
    commands = [[sys.executable, "-c", "import click"], *([sys.executable, "-c", script, *a] for a in COMMANDS)]
    worst = 0.0
    for args, series in zip(COMMANDS, ratios(commands, options.runs), strict=True):
        ratio = statistics.median(series)
        worst = max(worst, ratio)
        print(f"advisor {' '.join(args):<24} {ratio:4.2f}x  (rounds: {min(series):.2f}x to {max(series):.2f}x)")
    over = worst > options.goal
    print(f"worst ratio {worst:.2f}x (goal <= {options.goal}x): {'OVER' if over else 'ok'}")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
