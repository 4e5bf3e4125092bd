"""How lint time scales: lint over a plain libyaml parse, for 1,000 and 4,000 services.

Generates version 2 models where every service publishes one event and consumes the
previous service's event, saying so in `reacts` (a long chain, closed into one loop),
declares its consumer's failure policy and every event with a version and key, and
times `lint_text` against `yaml.load(text, Loader=yaml.CSafeLoader)` of the same text
(best of several runs, in CPU time so that other processes on a busy machine count
less). Goals: lint <= 1.5x the parse; its 1,000 -> 4,000 growth at most 1.5x that of a
trivially linear job timed in the same run.

    python benchmarks/lint_scale.py [--repeat N]
"""

from __future__ import annotations

import argparse
import time

import yaml

from advisor.lint import lint_text

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RATIO_GOAL, GROWTH_GOAL = 1.5, 1.5


def model(services: int) -> str:
    """An architecture file with `services` services in one event chain."""
    lines = [
        "version: 2",
        "system: bench",
        "traits:",
        "  services: 16",
        "  fan_out: high",
        "decision:",
        "  style: choreography",
        "services:",
    ]
    for i in range(services):
        lines += [
            f"  svc{i}:",
            f"    owner: team{i % 50}",
            f"    publishes: [Event{i}]",
            f"    consumes: [Event{(i - 1) % services}]",
            f"    reacts: {{Event{(i - 1) % services}: {{publishes: [Event{i}]}}}}",
            "    consumer: {retries: 5, dead_letter: true}",
            "    idempotent: true",
            "    outbox: true",
            "    replicas: 2",
        ]
    lines.append("events:")
    for i in range(services):
        lines += [f"  Event{i}:", "    version: 1", "    key: entity_id"]
    return "\n".join(lines) + "\n"


def measure(sizes: tuple[int, ...], repeat: int) -> dict[int, tuple[float, float, int]]:
    """(parse seconds, lint seconds, findings) per model size: the best of `repeat` rounds,
    interleaved so that a busy machine slows every size alike."""
    texts = {n: model(n) for n in sizes}
    parse = dict.fromkeys(sizes, float("inf"))
    lint = dict.fromkeys(sizes, float("inf"))
    found = dict.fromkeys(sizes, 0)
    for _ in range(repeat):
        for n, text in texts.items():
            start = time.process_time()
            yaml.load(text, Loader=LOADER)
            parse[n] = min(parse[n], time.process_time() - start)
            start = time.process_time()
            found[n] = len(lint_text(text, "bench.yaml"))
            lint[n] = min(lint[n], time.process_time() - start)
    return {n: (parse[n], lint[n], found[n]) for n in sizes}


def reference_growth(repeat: int) -> float:
    """How much a trivially linear job (a dict of 10 path tuples per service) grows from
    1,000 to 4,000 services on this machine: memory effects alone, for comparison."""

    def job(services: int) -> float:
        start = time.process_time()
        table = {
            ("services", f"s{i}", part, n): (i, n) for i in range(services) for part in ("a", "b") for n in range(5)
        }
        elapsed = time.process_time() - start
        del table
        return elapsed

    small = min(job(1000) for _ in range(repeat))
    return min(job(4000) for _ in range(repeat)) / small


def main() -> int:
    """Print the table and whether the goals are met (exit 1 if not)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    rows = measure((1000, 4000), args.repeat)
    print(f"{'services':>8} {'parse s':>9} {'lint s':>9} {'lint/parse':>10} {'findings':>8}")
    for n, (parse, lint, found) in rows.items():
        print(f"{n:>8} {parse:>9.4f} {lint:>9.4f} {lint / parse:>10.2f} {found:>8}")
    growth = rows[4000][1] / rows[1000][1]
    linear = reference_growth(args.repeat)
    worst = max(lint / parse for parse, lint, _ in rows.values())
    print(f"growth 1,000 -> 4,000 services: {growth:.2f}x; the parse grows {rows[4000][0] / rows[1000][0]:.2f}x")
    print(
        f"over a linear job's growth on this machine ({linear:.2f}x): {growth / linear:.2f}x "
        f"(goal <= {GROWTH_GOAL}x; a quadratic rule would be about 4x)"
    )
    print(f"lint over parse: {worst:.2f}x at worst (goal <= {RATIO_GOAL}x)")
    return 0 if growth / linear <= GROWTH_GOAL and worst <= RATIO_GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
