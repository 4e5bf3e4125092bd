"""Models and fake targets shared by the scaffold tests."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from advisor.format.model import Architecture, Decision, Flow, Service, Step
from advisor.scaffold.engine import Starter, plan_starter, write_starter

# Names a schema-checked file cannot hold, but the engine must survive anyway.
HOSTILE = ("../../etc", "/etc/passwd", "..", "a/../../b", "C:\\Windows", "x\ny\"\"\"; import os", "")


def awkward_model() -> Architecture:
    """Names that collide once sanitized, keywords, a repeated step, odd durations."""
    services = {n: Service(n) for n in ("order-Service.v2", "order_service_v2", "class", "Payments", "9lives")}
    services["Checkout.Main"] = Service("Checkout.Main", role="orchestrator", replicas=1)
    steps = (
        Step("order-Service.v2", "import", compensation="un-import", timeout="500ms", retries=0),
        Step("order_service_v2", "import", compensation="un.import", timeout="90s"),
        Step("class", "reserve"),
        Step("Payments", "charge", compensation="refund", retries=7),
        Step("Payments", "charge", compensation="refund"),
        Step("9lives", "ship", compensation="recall", timeout="2h"),
    )
    flows = {
        "place-order": Flow("place-order", "orchestration", "Checkout.Main", "1d", steps=steps),
        "place.order": Flow("place.order", "orchestration", "Checkout.Main", "30s", steps=steps[2:4]),
        "Single": Flow("Single", "orchestration", "Checkout.Main", steps=(Step("class", "reserve"),)),
    }
    return Architecture(system="Awkward Shop!", decision=Decision(style="orchestration"),
                        services=services, flows=flows)


def hostile_model() -> Architecture:
    """Every name an attempt to leave the output directory or break a file's syntax."""
    services = {n: Service(n or "blank", role="orchestrator" if i == 0 else "participant")
                for i, n in enumerate(HOSTILE)}
    steps = tuple(Step(n, n, compensation=n) for n in HOSTILE)
    flows = {n: Flow(n, "orchestration", HOSTILE[0], steps=steps) for n in HOSTILE}
    return Architecture(system="../../../tmp/evil", services=services, flows=flows)


def generate(model: Architecture, target: str, out: Path) -> list[Path]:
    """Plan and write a starter (the same calls the CLI makes)."""
    return write_starter(plan_starter(model, target, out, style="orchestration"))


class FakeTarget:
    """A target returning whatever files it is given."""

    name = "fake"
    style = "orchestration"
    summary = "test double"

    def __init__(self, files: Mapping[str, str]) -> None:
        self._files = files

    def files(self, starter: Starter) -> Mapping[str, str]:
        return self._files

    def uses_flows(self, starter: Starter) -> bool:
        return True


def checkout_model() -> Architecture:
    """The orchestration example's model."""
    from advisor.format.model import load_architecture
    from tests.conftest import example_file

    return load_architecture(example_file("checkout-orchestration.yaml")).model


def saga_awkward_model(*extra_steps: Step) -> Architecture:
    """Unicode, quotes, keywords and names that sanitize alike, for the saga targets
    (`extra_steps` end the first flow: names a target's own files use)."""
    first = (
        Step("in.ventory", "re-serve", compensation="release", timeout="500ms", retries=0),
        Step("class", "import", compensation="del", retries=5),
        Step("Straße-zahlung", "café", compensation="o'neil"),
        Step("in-ventory", "re.serve"),  # sanitizes like the first step: must stay distinct
        *extra_steps,
    )
    flows = {
        "place-order.v2": Flow("place-order.v2", style="orchestration", orchestrator="check-out", timeout="2h",
                               steps=first),
        "saga": Flow("saga", style="orchestration", orchestrator="check-out", steps=(Step("class", "import"),)),
        "Saga": Flow("Saga", style="orchestration",
                     steps=(Step("multi\nline", 'say "hi"', compensation="x\\y"),)),
        "gossip": Flow("gossip", style="choreography", steps=(Step("class", "import"),)),
        "no-steps": Flow("no-steps", style="orchestration", orchestrator="check-out"),
    }
    services = {n: Service(n) for n in ("check-out", "in.ventory", "class", "Straße-zahlung", "in-ventory")}
    return Architecture(system="wëb shop.v2", services=services, flows=flows)


def target_files(target: str, model: Architecture) -> dict[str, str]:
    """A target's files for a model built in a test."""
    from advisor.scaffold import get_target
    from advisor.scaffold.engine import make_starter

    return dict(get_target(target, "orchestration").files(make_starter(model, target)))


def as_golden(files: Mapping[str, str]) -> str:
    """All files of a starter as one text, for one golden file per target."""
    return "".join(f"===== {path}\n{text}" + ("" if text.endswith("\n") else "\n")
                   for path, text in sorted(files.items()))


def run_starter_tests(model: Architecture, target: str, out: Path) -> str:
    """Generate a starter and run its own tests in a venv made from its requirements.txt."""
    from tests.starters.envs import python_env, run

    generate(model, target, out)
    python = python_env(out / "requirements.txt")
    return run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=out)


def starter_tests_fail(out: Path, *options: str) -> str:
    """Run a (deliberately broken) starter's tests and return their output; they must fail."""
    import subprocess

    from tests.starters.envs import python_env

    python = python_env(out / "requirements.txt")
    result = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", *options], cwd=out,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode != 0, "the starter's tests passed on a broken starter:\n" + result.stdout
    return result.stdout


def claims_model() -> Architecture:
    """An insurance claims platform (format version 2): a 14-day long-running flow with a
    query, a person's approval, a compensatable pay-out, a pivot and steps after it."""
    steps = (
        Step("claims", "get-claim", kind="query"),
        Step("assessor", "approve-claim", compensation="reopen-claim", timeout="30s"),
        Step("payments", "pay-out", compensation="claw-back", retries=3),
        Step("claims", "close-claim", kind="pivot"),
        Step("ledger", "book-payment", kind="retriable"),
        Step("notifications", "notify-claimant", critical=False, retries=1),
    )
    services = {
        "claims": Service("claims", owner="team-claims", role="orchestrator", replicas=2,
                          calls=("assessor", "payments", "ledger", "notifications")),
        "assessor": Service("assessor", owner="team-claims"),
        "payments": Service("payments", owner="team-payments", publishes=("ClaimPaid", "ClaimPaidReversed"),
                            outbox=True),
        "ledger": Service("ledger", owner="team-finance", consumes=("ClaimPaid", "ClaimPaidReversed"),
                          idempotent=True),
        "notifications": Service("notifications", owner="team-crm"),
    }
    flow = Flow("settle-claim", "orchestration", "claims", "14d", steps=steps, traits={"long_running": "high"})
    from advisor.format.model import Event

    return Architecture(system="claims", decision=Decision(style="orchestration", target="temporal"),
                        services=services, events={"ClaimPaid": Event("ClaimPaid", 1, "claim_id"),
                                                   "ClaimPaidReversed": Event("ClaimPaidReversed", 1, "claim_id")},
                        flows={"settle-claim": flow}, version=2)


def plant_and_fail(model: Architecture, target: str, out: Path, file: str, before: str, after: str) -> str:
    """Generate a starter, plant one break in `file` (text `before` -> `after`), and check
    that the starter's own tests fail; returns their output."""
    generate(model, target, out)
    path = out / file
    text = path.read_text(encoding="utf-8")
    assert before in text, f"{file} does not contain {before!r}"
    path.write_text(text.replace(before, after, 1), encoding="utf-8")
    return starter_tests_fail(out, "-x")  # the first failing test is enough


def write_files(files: Mapping[str, str], out: Path) -> Path:
    """Write rendered starter files under `out` (for a starter built in a test)."""
    for path, text in files.items():
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return out
