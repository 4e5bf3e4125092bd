"""How long `advisor import` takes on 500 workloads, against merely parsing the manifests.

Generates a folder of 500 Deployment + Service manifests (each workload wired to three
others through `*_ADDR` environment variables, as microservices-demo does) and times
collecting the facts and merging them into a new architecture file against
`yaml.load_all` of the same files with libyaml (best of several runs, CPU time).
Goal: import <= 2x the parse.

    python benchmarks/import_scale.py [--workloads N] [--repeat N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import yaml

from advisor.format.interop.importing import collect
from advisor.format.interop.merge import merge_facts

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
RATIO_GOAL = 2.0


def manifest(i: int, workloads: int) -> str:
    """One workload's Deployment and Service, calling three others over gRPC."""
    env = "\n".join(f"            - name: SVC{(i + k) % workloads}_ADDR\n"
                    f"              value: \"svc{(i + k) % workloads}:50051\"" for k in (1, 2, 3))
    return f"""\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc{i}
  labels: {{app: svc{i}, team: team{i % 25}}}
spec:
  replicas: {1 + i % 3}
  selector:
    matchLabels: {{app: svc{i}}}
  template:
    metadata:
      labels: {{app: svc{i}}}
    spec:
      containers:
        - name: server
          image: registry.example/svc{i}:1.0
          ports: [{{containerPort: 50051}}]
          env:
{env}
          resources:
            requests: {{cpu: 100m, memory: 64Mi}}
---
apiVersion: v1
kind: Service
metadata:
  name: svc{i}
spec:
  selector: {{app: svc{i}}}
  ports:
    - name: grpc
      port: 50051
      targetPort: 50051
"""


def measure(folder: Path, repeat: int) -> tuple[float, float, int]:
    """(parse seconds, import seconds, facts): the best of `repeat` interleaved rounds."""
    files = sorted(folder.glob("*.yaml"))
    parse = run = float("inf")
    facts = 0
    for _ in range(repeat):
        start = time.process_time()
        for path in files:
            list(yaml.load_all(path.read_text(encoding="utf-8"), Loader=LOADER))
        parse = min(parse, time.process_time() - start)
        start = time.process_time()
        found = collect([folder])
        merge_facts(None, found)
        run = min(run, time.process_time() - start)
        facts = len(found.facts)
    return parse, run, facts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workloads", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        for i in range(args.workloads):
            (folder / f"svc{i}.yaml").write_text(manifest(i, args.workloads), encoding="utf-8")
        parse, run, facts = measure(folder, args.repeat)
    ratio = run / parse
    print(f"{args.workloads} workloads: parse {parse:.3f}s, import {run:.3f}s ({facts} facts), "
          f"{ratio:.2f}x the parse (goal <= {RATIO_GOAL}x)")
    return 0 if ratio <= RATIO_GOAL else 1


if __name__ == "__main__":
    raise SystemExit(main())
