"""Generated records pass markdownlint-cli2 with MADR's own configuration (slow: runs Node).

.ci/setup.d/markdownlint.sh installs markdownlint-cli2; without it the test skips and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from advisor.adr import plan_decision_record, plan_index, plan_new_record, plan_supersede
from advisor.decision.scoring import score_traits
from advisor.format.loader import load_text
from advisor.format.model import Architecture, Event, Flow, Service, Step, read_model
from advisor.writing import PlannedFile, write_plan
from tests.adr.test_hostile_text import hostile_model

pytestmark = pytest.mark.slow
FIXTURES = Path(__file__).parent / "fixtures"
INSTALLED = Path(os.environ.get("HOME", "~")) / ".cache/advisor-ci/markdownlint/node_modules/.bin/markdownlint-cli2"


def markdownlint() -> str:
    found = shutil.which("markdownlint-cli2") or (str(INSTALLED) if INSTALLED.is_file() else None)
    if not found:
        pytest.skip("markdownlint-cli2 is not installed (run .ci/setup.d/markdownlint.sh)")
    return found


def checkout() -> Architecture:
    services = {
        "orders": Service("orders", role="orchestrator", replicas=2, calls=("payments", "shipping")),
        "payments": Service("payments", publishes=("payment-captured",)),
        "shipping": Service("shipping", consumes=("payment-captured",)),
    }
    steps = (Step("payments", "capture", "refund"), Step("shipping", "ship"))
    return Architecture(
        system="web-shop",
        description="Checkout of the web shop.\n\nPayment must be undone when shipping fails.",
        services=services,
        events={"payment-captured": Event("payment-captured")},
        flows={"checkout": Flow("checkout", orchestrator="orders", steps=steps)},
        traits={"compensation": "high", "sequencing": "high", "team_autonomy": "low"},
    )


def records(folder: Path) -> None:
    """Scored records in both layouts (chosen and overridden), blank ones, an index, a supersede."""
    for number, (model, style, template) in enumerate(
        [
            (checkout(), "", "madr"),
            (checkout(), "", "nygard"),
            (checkout(), "hybrid", "madr"),
            (hostile_model(), "choreography", "madr"),
            (hostile_model(), "choreography", "nygard"),
        ],
        start=1,
    ):
        rec = score_traits(model.traits)
        planned = plan_decision_record(
            model=model,
            recommendation=rec,
            style=style or rec.recommendation,
            title=f"Decision {number}",
            adr_dir=folder,
            template=template,
            override_reason="the teams want to own their events" if style else "",
            date="2024-01-01",
        )
        write_plan([planned])
    write_plan([plan_new_record(folder, "Blank MADR", template="madr", date="2024-01-02")])
    write_plan([plan_new_record(folder, "Blank Nygard", template="nygard", date="2024-01-02")])
    write_plan([plan_new_record(folder, "Blank MADR 2", template="madr2", date="2024-01-02")])
    write_plan(plan_supersede(folder, 1, 3), force=True)
    write_plan(plan_supersede(folder, 2, 7), force=True)
    write_plan(plan_supersede(folder, 7, 8), force=True)
    write_plan([trip_record(folder)])
    write_plan([plan_index(folder)])


def trip_record(folder: Path) -> PlannedFile:
    """A record of the version 2 trip saga whose Confirmation lists what lint reports on the file."""
    text = (FIXTURES / "models/trip-booking.yaml").read_text(encoding="utf-8").replace("managed: true", "replicas: 1")
    text = text.replace("step-functions", "temporal").replace("    consumer: {retries: 5, dead_letter: true}\n", "")
    document = load_text(text, str(folder / "architecture.yaml"))  # a warning and an info
    model = read_model(document)
    return plan_decision_record(
        model=model,
        recommendation=score_traits(model.traits),
        style="orchestration",
        title="Decision 9",
        adr_dir=folder,
        date="2024-01-03",
        document=document,
    )


def test_generated_records_pass_markdownlint_with_madrs_configuration(tmp_path: Path) -> None:
    binary = markdownlint()
    folder = tmp_path / "docs/decisions"
    folder.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "madr-decisions/.markdownlint.yml", folder / ".markdownlint.yml")
    records(folder)
    assert len(list(folder.glob("*.md"))) == 10
    trip = (folder / "0009-decision-9.md").read_text(encoding="utf-8")
    assert "lint reports today:" in trip and "It also notes 1 thing at info level" in trip
    result = subprocess.run([binary, "*.md"], cwd=folder, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_madrs_own_folder_passes_the_same_check(tmp_path: Path) -> None:
    """The yardstick: MADR's records under the same version and configuration."""
    binary = markdownlint()
    folder = tmp_path / "decisions"
    shutil.copytree(FIXTURES / "madr-decisions", folder)
    result = subprocess.run([binary, "0*.md"], cwd=folder, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
