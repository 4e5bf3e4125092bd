"""`advisor decide` on a version 2 file: every sentence about the model says what lint says.

The trip model runs its saga on a managed engine: two reservations that can be undone, the
charge as its pivot, two confirmations retried until done, a query, and a gateway that calls
three services. A version 1 file still reads sensibly.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.format.model import load_architecture

TRIP = Path(__file__).parent / "fixtures" / "models" / "trip-booking.yaml"

V1 = """\
version: 1
system: shop
traits: {compensation: high, sequencing: high, visibility: high, control: high}
services:
  orders: {role: orchestrator, replicas: 2, owner: team-orders}
  stock: {}
  payments: {publishes: [Paid], outbox: true}
  mail: {consumes: [Paid], idempotent: true}
events:
  Paid: {version: 1, key: order_id}
flows:
  checkout:
    style: orchestration
    orchestrator: orders
    timeout: 10m
    steps:
      - {service: stock, action: reserve, compensation: release}
      - {service: payments, action: capture, compensation: refund}
      - {service: mail, action: notify}
"""


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def decide(text: str | None = None, *options: str) -> str:
    """Decide with --no-input on architecture.yaml (the trip model unless given) and return the record."""
    if text is None:
        shutil.copyfile(TRIP, "architecture.yaml")
    else:
        Path("architecture.yaml").write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["decide", "--no-input", "--target", "none", *options])
    assert result.exit_code == 0, result.output
    [record] = Path("docs/decisions").glob("0001-*.md")
    return record.read_text(encoding="utf-8")


def section(record: str, start: str, end: str) -> str:
    return record[record.index(start) : record.index(end)]


def lint() -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["lint", "architecture.yaml", "--fail-on", "warning"])
    return result.exit_code, result.output


def test_a_managed_saga_is_described_as_lint_reads_it() -> None:
    record = decide()
    context = section(record, "## Context and Problem Statement", "## Decision Drivers")
    assert "`booking-saga` is an orchestrator on a managed engine, which its provider runs highly available." in context
    assert "replicas not declared" not in record
    assert "`web` is a gateway" in context and "hidden orchestrator" not in record
    assert "`charge` is its pivot: once it succeeds, the flow must complete" in context
    assert "`confirm-hotel` and `confirm-flight` are retried until they succeed, never undone" in context
    assert "`get-quote` only reads: nothing to undo" in context
    consequences = section(record, "### Consequences", "### Confirmation")
    assert "cannot be undone" not in consequences  # not the pivot, not the retriable steps, not the query
    assert "are retried until they succeed, never undone, so they must be safe to retry [MP2]" in consequences
    assert "single point of failure" not in consequences
    assert "a managed engine its provider runs highly available" in consequences
    assert "another team" not in record  # owners are declared for some services only: nothing said of teams


def test_the_confirmation_and_lint_agree_on_a_clean_file() -> None:
    confirmation = section(decide(), "### Confirmation", "## Pros and Cons")
    assert "* `orchestrator-spof`: a self-run (not managed) orchestrator has fewer than 2 replicas" in confirmation
    assert "* `non-retriable-after-pivot`: a step after the flow's pivot is neither retriable" in confirmation
    assert "other than the last" not in confirmation
    assert "lint reports nothing at warning level or above today." in confirmation
    assert lint()[0] == 0


def test_the_confirmation_lists_what_lint_then_fails_on() -> None:
    text = TRIP.read_text(encoding="utf-8").replace("    managed: true\n", "").replace("step-functions", "temporal")
    text = text.replace("confirm-flight, kind: retriable", "confirm-flight")
    record = decide(text)
    assert "`booking-saga` is an orchestrator, replicas not declared." in record
    confirmation = section(record, "### Confirmation", "## Pros and Cons")
    code, output = lint()
    assert code == 1
    for rule in ("orchestrator-spof", "non-retriable-after-pivot"):
        assert f"* warning `{rule}`:" in confirmation
        assert f"[{rule}]" in output
    consequences = section(record, "### Consequences", "### Confirmation")
    assert "`confirm-flight` in `book-trip` comes after the pivot but cannot be retried until done" in consequences
    # the file declares no replicas, and lint asks for them; the record says so, and what the answers say
    answered_ha = load_architecture(Path("architecture.yaml")).model.traits.get("coordinator_ha") is True
    said = (
        "which the answers say runs highly available; the file does not declare its replicas, "
        "so `orchestrator-spof` asks for 2"
        if answered_ha
        else "whose replicas are not declared: unless 2 or more run, it is a single point of failure"
    )
    assert f"every step passes through `booking-saga`, {said}" in consequences


def test_a_version_1_file_still_reads_sensibly() -> None:
    record = decide(V1)
    context = section(record, "## Context and Problem Statement", "## Decision Drivers")
    assert "`orders` is an orchestrator, with 2 replicas." in context
    flow = "`reserve` on `stock` → `capture` on `payments` → `notify` on `mail`; 2 of its 3 steps can be undone."
    assert flow in context
    assert "pivot" not in context and "retried" not in context  # version 1 declares no kinds
    consequences = section(record, "### Consequences", "### Confirmation")
    assert "cannot be undone" not in consequences  # the last step: nothing later can fail
    assert "which runs with 2 or more replicas" in consequences
    assert "lint reports nothing at warning level or above today." in record
    assert lint()[0] == 0


def test_an_override_with_a_reason_is_described_as_lint_reports_it() -> None:
    record = decide(TRIP.read_text(encoding="utf-8"), "--style", "choreography", "--reason", "events everywhere")
    confirmation = section(record, "### Confirmation", "## Pros and Cons")
    assert "as `decision.reason` says why, it is reported at info level and fails no build" in confirmation
    outcome = section(record, "## Decision Outcome", "### Consequences")
    assert "reports\n`decision-mismatch` at info level only, which fails no build" in outcome
    code, output = lint()
    assert "info [decision-mismatch]" in output and code == 0
