"""The hybrid target: halves under events/ and flows/, the README on the split, real pairs."""

from __future__ import annotations

import importlib.util
import re
import sys
import types
from collections.abc import Mapping
from pathlib import Path

import pytest

from advisor import scaffold
from advisor.errors import InputError
from advisor.scaffold import get_target
from advisor.scaffold.engine import Starter, make_starter
from tests.conftest import example_file
from tests.scaffold.event_starters import as_text, generate, model_from, model_of, render
from tests.starters.envs import node_modules, python_env, run


class FakeTarget:
    """Records the starter it was given and returns one file."""

    def __init__(self, name: str, style: str) -> None:
        self.name, self.style, self.summary = name, style, f"fake {name}"
        self.seen: list[Starter] = []

    def files(self, starter: Starter) -> Mapping[str, str]:
        self.seen.append(starter)
        readme = f"# {self.name} half\n\n## Quick start\n\n```sh\nrun {self.name} tests\n```\n"
        return {"README.md": readme, f"src/{self.name}.txt": starter.target}

    def uses_flows(self, starter: Starter) -> bool:
        return self.style == "orchestration"


@pytest.fixture
def fakes(monkeypatch: pytest.MonkeyPatch) -> tuple[FakeTarget, FakeTarget]:
    """kafka and temporal replaced by fakes in the registry."""
    broker, engine = FakeTarget("kafka", "choreography"), FakeTarget("temporal", "orchestration")
    for target in (broker, engine):
        module = types.ModuleType(f"fake_{target.name}")
        module.TARGET = target  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, module.__name__, module)
        monkeypatch.setitem(scaffold.REGISTRY, target.name, module.__name__)
    return broker, engine


def checkout() -> Path:
    """The orchestration example: events and a flow."""
    return example_file("checkout-orchestration.yaml")


def test_halves_go_under_events_and_flows(fakes: tuple[FakeTarget, FakeTarget]) -> None:
    broker, engine = fakes
    target = get_target("kafka+temporal", "hybrid")
    assert (target.name, target.style) == ("kafka+temporal", "hybrid")
    model = model_of(checkout())
    files = target.files(make_starter(model, "kafka+temporal"))
    assert set(files) == {"README.md", "events/README.md", "events/src/kafka.txt",
                          "flows/README.md", "flows/src/temporal.txt"}
    # each half renders as if it were chosen alone, and knows it is one half
    assert files["events/src/kafka.txt"] == "kafka"
    assert files["flows/src/temporal.txt"] == "temporal"
    assert broker.seen[0].extra["hybrid_half"] == "events"
    assert engine.seen[0].extra["hybrid_half"] == "flows"
    assert engine.seen[0].flows == tuple(model.flows.values())


def test_readme_explains_the_split(fakes: tuple[FakeTarget, FakeTarget]) -> None:
    starter = make_starter(model_of(checkout()), "kafka+temporal")
    readme = get_target("kafka+temporal").files(starter)["README.md"]
    assert "| PaymentCaptured | order_id | payments | notifications |" in readme
    assert "| place-order | checkout | team-checkout |" in readme
    assert "inventory.reserve (undo: release)" in readme
    assert "place-order: payments (team-payments), shipping (team-logistics)" in readme
    assert "| team-checkout | checkout, inventory |" in readme
    # one quick start for both halves, from each half's own
    assert "```sh\ncd events\nrun kafka tests\ncd ../flows\nrun temporal tests\n```" in readme


def test_quick_start_falls_back_to_the_dependency_file() -> None:
    from advisor.scaffold.hybrid import quick_start

    assert quick_start({"package.json": "{}"}) == ["npm install", "npm test"]
    assert quick_start({"requirements.txt": ""})[-1] == "python -m pytest"
    assert quick_start({"README.md": "# x\n"}) == ["# see README.md here"]


def test_readme_names_the_adr_as_text_never_as_a_link(fakes: tuple[FakeTarget, FakeTarget], tmp_path: Path) -> None:
    adr = "docs/decisions/0001-hybrid.md"  # a path from the file, relative to it (not to the starter)
    starter = make_starter(model_of(checkout()), "kafka+temporal", adr=adr)
    readme = get_target("kafka+temporal").files(starter)["README.md"]
    assert "The decision behind it: `docs/decisions/0001-hybrid.md`." in readme and "](docs/" not in readme


@pytest.mark.parametrize("name", ["temporal+kafka", "kafka+nestjs", "kafka+", "kafka+temporal+x"])
def test_pairs_that_do_not_fit_are_refused(name: str) -> None:
    from advisor.scaffold.hybrid import hybrid_target

    with pytest.raises(InputError):
        get_target(name)
    with pytest.raises(InputError, match="BROKER\\+ENGINE"):
        hybrid_target(name)


def test_hybrid_needs_the_hybrid_style() -> None:
    with pytest.raises(InputError, match="hybrid"):
        get_target("pubsub+temporal", "choreography")


# Real pairs: the engines' targets come from their own modules; a pair is tested once both exist.
REAL_PAIRS = ["pubsub+temporal", "nestjs+temporal", "kafka+temporal", "nestjs+step-functions",
              "pubsub+gcp-workflows", "pubsub+kubernetes", "kafka+step-functions",
              "rabbitmq+kubernetes", "nestjs+airflow"]
GOLDEN_PAIRS = ["pubsub+temporal", "nestjs+step-functions"]


def available(pair: str) -> None:
    """Skip unless both halves of the pair are implemented in this checkout."""
    for half in pair.split("+"):
        if importlib.util.find_spec(scaffold.REGISTRY[half]) is None:
            pytest.skip(f"the {half} target is not in this checkout")


@pytest.mark.parametrize("pair", GOLDEN_PAIRS)
def test_real_pair_matches_golden(golden, pair: str) -> None:  # type: ignore[no-untyped-def]
    available(pair)
    files = render(model_of(checkout()), pair)
    assert {path.split("/")[0] for path in files} == {"README.md", "events", "flows"}
    golden(f"scaffold/hybrid/checkout-{pair}.txt", as_text(files))


def run_half(half: Path) -> str:
    """Run one half's own tests the way its README says: pytest or npm test."""
    if (half / "package.json").exists():
        node_modules(half)
        return run(["npm", "test"], half)
    python = python_env(half / "requirements.txt")
    return run([str(python), "-m", "pytest", "-v", "-rs"], half)


@pytest.mark.slow
@pytest.mark.parametrize("pair", REAL_PAIRS)
def test_both_halves_pass_their_tests(pair: str, tmp_path: Path) -> None:
    available(pair)
    starter = generate(model_of(checkout()), pair, tmp_path / "s")
    for half in ("events", "flows"):
        output = run_half(starter / half)
        assert "passed" in output or "# pass" in output, output[-2000:]


def _claims_hybrid() -> dict[str, str]:
    from dataclasses import replace

    from tests.scaffold.helpers import claims_model

    model = claims_model()
    model = replace(model, decision=replace(model.decision, style="hybrid", target="kafka+temporal"))
    return dict(get_target("kafka+temporal", "hybrid").files(make_starter(model, "kafka+temporal")))


def test_kafka_temporal_steps_write_their_events_through_the_outbox() -> None:
    files = _claims_hybrid()
    activities = files["flows/activities.py"]
    start, end = activities.index("async def payments_pay_out"), activities.index("async def payments_claw_back")
    pay_out = activities[start:end]
    assert "seam.publish('payments', 'ClaimPaid', request" in pay_out
    claw_back = activities[activities.index("async def payments_claw_back"):]
    assert "seam.publish('payments', 'ClaimPaidReversed', request" in claw_back.split("@activity.defn")[0]
    # the seam opens the events half's own store through a module that half really has
    import re

    modules = re.findall(r"'(services\.[A-Za-z0-9_]+\.outbox)'", files["flows/seam.py"])
    assert modules == ["services.payments.outbox"]
    assert all(f"events/{m.replace('.', '/')}.py" in files for m in modules)
    assert "def open_store(" in files["events/services/payments/outbox.py"]
    assert "confluent-kafka==" in files["flows/requirements.txt"]  # the seam imports the events half
    assert "payments.pay-out writes ClaimPaid" in files["README.md"]
    assert "payments.claw-back writes ClaimPaidReversed" in files["README.md"]


def test_other_pairs_have_no_seam() -> None:
    from dataclasses import replace

    from tests.scaffold.helpers import claims_model

    model = claims_model()
    model = replace(model, decision=replace(model.decision, style="hybrid"))
    files = get_target("pubsub+temporal", "hybrid").files(make_starter(model, "pubsub+temporal"))
    assert "flows/seam.py" not in files and "seam.publish" not in files["flows/activities.py"]


@pytest.mark.slow
def test_the_claims_seam_writes_to_the_events_halfs_outbox(tmp_path: Path) -> None:
    from tests.scaffold.helpers import write_files

    root = write_files(_claims_hybrid(), tmp_path / "s")
    outputs = {half: run_half(root / half) for half in ("events", "flows")}
    for output in outputs.values():
        assert " passed" in output and " failed" not in output, output[-2000:]
    assert "test_the_activity_writes_its_events_to_the_outbox_once[payments.pay-out] PASSED" in outputs["flows"]


FLOWS_ONLY = '''\
version: 1
system: shop
services:
  checkout: {owner: team-a}
  payments: {owner: team-b}
flows:
  place-order:
    orchestrator: checkout
    steps:
      - {service: checkout, action: reserve}
      - {service: payments, action: charge, compensation: refund}
'''
_PY_EVENT = re.compile(r"^        name='([^']+)',$", re.M)
_TS_EVENT = re.compile(r'^export const \w+_EVENT: EventDef = \{ pattern: "([^"]+)"', re.M)


def readme_events(readme: str) -> set[str]:
    """The events the hybrid README's `Between contexts` table names."""
    section = readme[readme.index("## Between contexts"):readme.index("## Inside a context")]
    rows = [line for line in section.splitlines() if line.startswith("| ")]
    return {row.split(" | ")[0].removeprefix("| ") for row in rows[1:]}


def half_events(files: Mapping[str, str]) -> set[str]:
    """The events the broker half's code defines (its event registry)."""
    if "events/src/events.ts" in files:
        return set(_TS_EVENT.findall(files["events/src/events.ts"]))
    return set(_PY_EVENT.findall(files["events/messaging/events.py"]))


@pytest.mark.parametrize("broker", ["kafka", "rabbitmq", "pubsub", "nestjs"])
@pytest.mark.parametrize("model", ["flows-only", "checkout"])
def test_readme_names_exactly_the_events_of_the_broker_half(broker: str, model: str,
                                                            tmp_path: Path) -> None:
    pair = f"{broker}+temporal"
    available(pair)
    arch = model_from(FLOWS_ONLY, tmp_path) if model == "flows-only" else model_of(checkout())
    files = get_target(pair).files(make_starter(arch, pair))
    in_half = half_events(files)
    assert readme_events(files["README.md"]) == in_half
    if model == "checkout":
        assert in_half == {"PaymentCaptured"}
    elif broker == "nestjs":  # the wiring still derives one event per step when none is declared
        assert in_half == {"checkout-reserve-done", "payments-charge-done"}
        assert "derived from the flows' steps" in files["README.md"]
    else:
        assert in_half == set()
        assert "`events/` has no events yet" in files["README.md"]
        assert "derived from the flows" not in files["README.md"]


def test_a_model_without_events_gets_no_seam(tmp_path: Path) -> None:
    # the seam writes a step's declared events; with none declared there is nothing to write
    files = get_target("kafka+temporal").files(make_starter(model_from(FLOWS_ONLY, tmp_path),
                                                            "kafka+temporal"))
    assert "flows/seam.py" not in files and "seam.publish" not in files["flows/activities.py"]
    assert "through the events half's outbox" not in files["README.md"]
