"""Cold-start cost of the light commands, as a ratio to importing click alone.

Prints the median wall time of `advisor --version`, `advisor --help` and
`advisor lint --help` over N runs, each divided by the median of
`python -c "import click"` measured in the same run. Goal: <= 1.3x, which holds
only while questionary, jinja2 and the rules stay off these paths.

    python benchmarks/coldstart.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

GOAL = 1.3


def median_seconds(command: list[str], runs: int) -> float:
    """Median wall time of a command over `runs` runs (after one warm-up)."""
    subprocess.run(command, capture_output=True, check=True)
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    baseline = median_seconds([sys.executable, "-c", "import click"], runs)
    print(f"baseline  python -c 'import click'   {baseline * 1000:7.1f} ms")
    worst = 0.0
    for args in (["--version"], ["--help"], ["lint", "--help"]):
        seconds = median_seconds([sys.executable, "-m", "advisor", *args], runs)
        ratio = seconds / baseline
        worst = max(worst, ratio)
        print(f"advisor {' '.join(args):<24} {seconds * 1000:7.1f} ms  {ratio:4.2f}x")
    print(f"worst ratio {worst:.2f}x (goal <= {GOAL}x): {'ok' if worst <= GOAL else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
