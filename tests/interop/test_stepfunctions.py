"""AWS Step Functions: the aws-samples long-lived-transactions saga, in and back out as a starter."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from advisor.format.interop.stepfunctions import task_service
from advisor.names import slug
from advisor.scaffold.engine import plan_starter
from tests.interop.support import FIXTURES, imported, model_of

SAGA = FIXTURES / "step-functions" / "llt.asl.yaml"
SAGA_JSON = FIXTURES / "step-functions" / "state-machine.json"
MAIN = ["ProcessOrder", "ProcessPayment", "ReserveInventory", "sns:NotifySuccess"]


def test_the_saga_becomes_a_flow_on_a_managed_orchestrator() -> None:
    _, data = imported(SAGA)
    assert data["services"]["llt"] == {"role": "orchestrator", "managed": True}
    flow = data["flows"]["llt"]
    assert (flow["style"], flow["orchestrator"], flow["timeout"]) == ("orchestration", "llt", "10m")
    assert flow["steps"] == [
        {"service": "new-order", "action": "process-order", "timeout": "10s", "retries": 3,
         "compensation": "update-order-status"},
        {"service": "debit-payment", "action": "process-payment", "timeout": "10s", "retries": 3,
         "compensation": "process-refund"},
        {"service": "reserve-inventory", "action": "reserve-inventory", "timeout": "10s", "retries": 3,
         "compensation": "release-inventory"},
        {"service": "sns", "action": "sns-notify-success", "timeout": "10s", "retries": 0},
    ]


def test_failure_notifications_are_reported_not_made_compensations() -> None:
    merged, _ = imported(SAGA)
    reported = [n.message for n in merged.notes]
    assert any("sns:NotifyProcessRefundFail" in m and "not imported" in m for m in reported)


def test_the_json_form_reads_too() -> None:
    merged, data = imported(SAGA_JSON)
    steps = data["flows"]["state-machine"]["steps"]
    assert [s["action"] for s in steps] == ["process-order", "process-payment", "reserve-inventory",
                                            "sns-notify-success"]
    assert [s.get("compensation") for s in steps] == ["update-order-status", "process-refund",
                                                      "release-inventory", None]
    # the trailing failure notification runs after every compensation: reported, not a compensation
    assert any("sns:NotifyUpdateOrderFail: runs after the compensations" in n.message for n in merged.notes)


def test_services_come_from_the_function_or_integration() -> None:
    assert task_service({"Resource": "arn:aws:states:::lambda:invoke",
                         "Parameters": {"FunctionName": "${DebitPaymentFunction}"}}) == "debit-payment"
    assert task_service({"Resource": "arn:aws:lambda:eu-west-1:123:function:ship-order:live"}) == "ship-order"
    assert task_service({"Resource": "${ReserveInventoryFunction.Arn}"}) == "reserve-inventory"
    assert task_service({"Resource": "arn:aws:states:::dynamodb:putItem"}) == "dynamodb"


def main_path(machine: dict[str, Any]) -> list[str]:
    states, current, path = machine["States"], machine["StartAt"], []
    while current and states[current]["Type"] == "Task":
        path.append(current)
        current = states[current].get("Next")
    return path


def chain(machine: dict[str, Any], state: str) -> list[str]:
    """The Task states the Catch of `state` runs, in order."""
    states = machine["States"]
    current, found = states[state]["Catch"][0]["Next"], []
    while states[current]["Type"] == "Task":
        found.append(current)
        current = states[current]["Next"]
    return found


def test_imported_then_scaffolded_keeps_steps_retries_and_compensation_order(tmp_path: Path) -> None:
    original = yaml.safe_load(SAGA.read_text(encoding="utf-8"))
    merged, _ = imported(SAGA)
    plan = plan_starter(model_of(merged.text), "step-functions", tmp_path, style="orchestration")
    machine = json.loads(next(p.content for p in plan if p.path.name.endswith(".asl.json")))
    original_steps, steps = main_path(original), main_path(machine)
    assert len(steps) == len(original_steps) == len(MAIN)
    # each scaffolded step says which imported step it is; the order is the original's
    comments = [machine["States"][s]["Comment"] for s in steps]
    assert comments == ["step: new-order.process-order", "step: debit-payment.process-payment",
                        "step: reserve-inventory.reserve-inventory", "step: sns.sns-notify-success"]
    for mine, theirs in zip(steps, original_steps, strict=True):
        assert machine["States"][mine].get("Retry", [{}])[0].get("MaxAttempts", 0) == max(
            (r.get("MaxAttempts", 3) for r in original["States"][theirs].get("Retry", [])), default=0)
        assert machine["States"][mine]["TimeoutSeconds"] == original["States"][theirs].get("TimeoutSeconds", 60)
    # the compensations run in the original's order: the saga's chain from ReserveInventory
    # (release, refund, reset the order) is the starter's chain once those steps completed
    undo = [machine["States"][s]["Comment"] for s in chain(machine, steps[-1])]
    assert undo == ["compensation: reserve-inventory.release-inventory", "compensation: debit-payment.process-refund",
                    "compensation: new-order.update-order-status"]
    assert [slug(n) for n in chain(original, "ReserveInventory")] == [
        "release-inventory", "process-refund", "update-order-status"]
