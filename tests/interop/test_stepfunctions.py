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
    """The Task states of the way to success: a Choice (such as a deadline check) goes on by its Default."""
    states, current, path = machine["States"], machine["StartAt"], []
    while current and states[current]["Type"] in ("Task", "Choice"):
        if states[current]["Type"] == "Task":
            path.append(current)
        current = states[current].get("Next") or states[current].get("Default")
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
        assert max((r.get("MaxAttempts", 3) for r in machine["States"][mine].get("Retry", [])), default=0) == max(
            (r.get("MaxAttempts", 3) for r in original["States"][theirs].get("Retry", [])), default=0)
        assert machine["States"][mine]["TimeoutSeconds"] == original["States"][theirs].get("TimeoutSeconds", 60)
    # the compensations run in the original's order: the saga's chain from ReserveInventory
    # (release, refund, reset the order) is the starter's chain once those steps completed
    undo = [machine["States"][s]["Comment"] for s in chain(machine, steps[-1])]
    assert undo == ["compensation: reserve-inventory.release-inventory", "compensation: debit-payment.process-refund",
                    "compensation: new-order.update-order-status"]
    assert [slug(n) for n in chain(original, "ReserveInventory")] == [
        "release-inventory", "process-refund", "update-order-status"]


# A saga whose flight reservation reports failure in its output (not by raising): a Choice leads
# on to Charge and Notify or, by Default, into the compensations that end in a Fail state.
TRIP: dict[str, Any] = {
    "Comment": "A trip saga: a Choice leads on or into the compensations.",
    "StartAt": "ReserveHotel",
    "States": {
        "ReserveHotel": {
            "Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:hotel-reserve",
            "Retry": [
                {
                    "ErrorEquals": [
                        "States.TaskFailed"
                    ],
                    "MaxAttempts": 2
                }
            ],
            "Catch": [
                {
                    "ErrorEquals": [
                        "States.ALL"
                    ],
                    "Next": "CancelHotel"
                }
            ],
            "Next": "ReserveFlight"
        },
        "ReserveFlight": {
            "Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flight-reserve",
            "Catch": [
                {
                    "ErrorEquals": [
                        "States.ALL"
                    ],
                    "Next": "CancelFlight"
                }
            ],
            "Next": "CheckFlight"
        },
        "CheckFlight": {
            "Type": "Choice",
            "Choices": [
                {
                    "Variable": "$.flight.status",
                    "StringEquals": "CONFIRMED",
                    "Next": "Charge"
                }
            ],
            "Default": "CancelFlight"
        },
        "Charge": {
            "Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:payment-charge",
            "Retry": [
                {
                    "ErrorEquals": [
                        "States.ALL"
                    ],
                    "MaxAttempts": 3
                }
            ],
            "Next": "Notify"
        },
        "Notify": {
            "Type": "Task",
            "Resource": "arn:aws:states:::sns:publish",
            "End": True
        },
        "CancelFlight": {
            "Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flight-cancel",
            "Next": "CancelHotel"
        },
        "CancelHotel": {
            "Type": "Task",
            "Resource": "arn:aws:lambda:us-east-1:123456789012:function:hotel-cancel",
            "Next": "TripFailed"
        },
        "TripFailed": {
            "Type": "Fail",
            "Error": "TripFailed"
        }
    }
}


def trip(tmp_path: Path, machine: dict[str, Any] = TRIP) -> Path:
    path = tmp_path / "trip.asl.json"
    path.write_text(json.dumps(machine), encoding="utf-8")
    return path


def test_a_choice_follows_the_branch_that_does_not_end_in_fail(tmp_path: Path) -> None:
    merged, data = imported(trip(tmp_path))
    steps = data["flows"]["trip"]["steps"]
    assert [(s["service"], s["action"], s.get("compensation")) for s in steps] == [
        ("hotel-reserve", "reserve-hotel", "cancel-hotel"),
        ("flight-reserve", "reserve-flight", "cancel-flight"),
        ("payment-charge", "charge", None),
        ("sns", "notify", None),
    ]
    reported = [n.message for n in merged.notes]
    assert not any("not mapped" in m and ("Charge" in m or "Notify" in m) for m in reported)
    assert "Choice CheckFlight: the branch to Charge is the main path; the Tasks from CancelFlight end in Fail " \
           "and are read as compensations" in reported


def test_a_failure_branch_alone_still_gives_the_compensations(tmp_path: Path) -> None:
    machine = json.loads(json.dumps(TRIP))
    for name in ("ReserveHotel", "ReserveFlight"):
        del machine["States"][name]["Catch"]
    _, data = imported(trip(tmp_path, machine))
    steps = data["flows"]["trip"]["steps"]
    assert [s.get("compensation") for s in steps] == ["cancel-hotel", "cancel-flight", None, None]


def test_a_choice_with_no_single_way_to_success_ends_the_main_path(tmp_path: Path) -> None:
    machine = json.loads(json.dumps(TRIP))
    machine["States"]["CheckFlight"]["Default"] = "Notify"  # two ways on: which one is the flow is unknown
    machine["States"]["CheckFlight"].pop("Default")
    machine["States"]["CheckFlight"]["Choices"].append(
        {"Variable": "$.flight.status", "StringEquals": "WAITLISTED", "Next": "Notify"})
    merged, data = imported(trip(tmp_path, machine))
    assert [s["action"] for s in data["flows"]["trip"]["steps"]] == ["reserve-hotel", "reserve-flight"]
    assert any(n.message.startswith("Choice CheckFlight: not mapped") for n in merged.notes)


def test_the_imported_trip_lints_only_what_the_machine_lacks(tmp_path: Path) -> None:
    from advisor.lint import lint_text

    merged, _ = imported(trip(tmp_path))
    findings = lint_text(merged.text, "architecture.yaml", None, Path("."))
    # the reservations are undone; only the charge is not, though Notify can fail after it (true of TRIP)
    assert [f.message for f in findings if "compensation" in f.rule] == [
        "step 3 of flow 'trip' (payment-charge.charge) has no compensation, but later steps can fail"]


def test_a_polling_loop_at_a_choice_is_not_the_way_on(tmp_path: Path) -> None:
    machine = json.loads(json.dumps(TRIP))
    states = machine["States"]
    states["ReserveFlight"]["Next"] = "CheckFlight"
    states["CheckFlight"]["Choices"].append({"Variable": "$.flight.status", "StringEquals": "PENDING",
                                             "Next": "WaitForFlight"})
    states["WaitForFlight"] = {"Type": "Wait", "Seconds": 30, "Next": "ReserveFlight"}
    _, data = imported(trip(tmp_path, machine))
    assert [s["action"] for s in data["flows"]["trip"]["steps"]] == ["reserve-hotel", "reserve-flight", "charge",
                                                                     "notify"]
