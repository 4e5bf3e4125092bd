"""The step-functions target: ASL per flow with Retry/Catch into reverse compensations."""

from __future__ import annotations

import json
from typing import Any

import pytest

from advisor.format.model import Architecture
from tests.scaffold.helpers import (
    awkward_model,
    checkout_model,
    claims_model,
    target_files,
)

TARGET = "step-functions"


def machines(files: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {path: json.loads(text) for path, text in files.items() if path.endswith(".asl.json")}


def walk(machine: dict[str, Any], fail_at: str | None = None) -> list[str]:
    """The Task states an execution visits when `fail_at` fails for good (first Catch) and
    every other task succeeds; Choice states take their Default (no deadline passed, no
    failed undo)."""
    states, name, visited = machine["States"], machine["StartAt"], []
    while True:
        state = states[name]
        if state["Type"] == "Task":
            visited.append(name)
        if name == fail_at:
            name = state["Catch"][0]["Next"]
        elif state["Type"] == "Choice":
            name = state["Default"]
        elif state["Type"] in ("Fail", "Succeed") or state.get("End"):
            return visited + ([name] if state["Type"] == "Fail" else [])
        else:
            name = state["Next"]


def test_checkout_machine_undoes_the_failing_step_too_then_the_earlier_ones() -> None:
    files = target_files(TARGET, checkout_model())
    machine = machines(files)["statemachine/place-order.asl.json"]
    assert "TimeoutSeconds" not in machine  # States.Timeout would skip every Catch
    assert walk(machine) == ["InventoryReserve", "PaymentsCapture", "ShippingShip"]
    assert walk(machine, "ShippingShip") == ["InventoryReserve", "PaymentsCapture", "ShippingShip",
                                             "PaymentsRefund", "InventoryRelease", "PlaceOrderCompensated"]
    # A capture that failed may have taken the money: it is refunded too.
    assert walk(machine, "PaymentsCapture") == ["InventoryReserve", "PaymentsCapture", "PaymentsRefund",
                                                "InventoryRelease", "PlaceOrderCompensated"]


def test_claims_machine_follows_the_saga_plan() -> None:
    machine = machines(target_files(TARGET, claims_model()))["statemachine/settle-claim.asl.json"]
    states = machine["States"]
    approve = states["AssessorApproveClaim"]
    assert approve["Resource"] == "arn:aws:states:::lambda:invoke.waitForTaskToken"
    assert approve["Parameters"]["Payload"]["taskToken.$"] == "$$.Task.Token"
    assert approve["TimeoutSeconds"] == 14 * 86400 and approve["Catch"][0]["Next"] == "AssessorReopenClaim"
    assert states["PaymentsPayOut"]["Catch"][0]["Next"] == "PaymentsClawBack"
    assert states["PaymentsPayOut"]["Retry"][1]["MaxAttempts"] == 3  # retries: 3 -> 4 attempts, as on every engine
    assert states["ClaimsGetClaim"]["Retry"][1]["MaxAttempts"] == 2
    assert "Catch" not in states["LedgerBookPayment"]  # after the pivot: retried until done, never undone
    assert states["LedgerBookPayment"]["Retry"][1]["MaxAttempts"] == 99_999_998
    assert "BeforeLedgerBookPayment" not in states  # the deadline stops at the pivot
    late = states["TooLateForPaymentsPayOut"]
    assert late["Next"] == "AssessorReopenClaim"  # the pay-out never ran: only the approval is undone
    assert states["NotificationsNotifyClaimant"]["Catch"][0]["Next"] == "SettleClaimDone"  # best effort
    # A failing undo is recorded and the chain goes on to the next one.
    assert states["PaymentsClawBack"]["Catch"][0] == {
        "ErrorEquals": ["States.ALL"], "Next": "AssessorReopenClaim",
        "ResultPath": "$.compensationErrors.PaymentsClawBack"}
    assert walk(machine, "PaymentsPayOut") == ["ClaimsGetClaim", "AssessorApproveClaim", "PaymentsPayOut",
                                               "PaymentsClawBack", "AssessorReopenClaim", "SettleClaimCompensated"]


@pytest.fixture(scope="module")
def awkward() -> dict[str, str]:
    return target_files(TARGET, awkward_model())


def test_one_machine_per_flow_with_distinct_files(awkward) -> None:
    assert sorted(machines(awkward)) == ["statemachine/place-order-2.asl.json", "statemachine/place-order.asl.json",
                                         "statemachine/single.asl.json"]


def test_every_transition_goes_to_a_state_and_every_state_is_reachable(awkward) -> None:
    for path, machine in machines(awkward).items():
        states = machine["States"]
        reached, todo = set(), [machine["StartAt"]]
        while todo:
            name = todo.pop()
            if name in reached:
                continue
            reached.add(name)
            state = states[name]  # KeyError here: a transition to a missing state
            todo += [c["Next"] for c in state.get("Catch", []) + state.get("Choices", [])]
            todo += [state[key] for key in ("Next", "Default") if key in state]
        assert reached == set(states), f"{path}: unreachable {set(states) - reached}"
        assert all(("Next" in s) != bool(s.get("End")) for s in states.values() if s["Type"] == "Task"), path


def test_failures_undo_attempted_steps_in_reverse(awkward) -> None:
    machine = machines(awkward)["statemachine/place-order.asl.json"]
    steps = walk(machine)
    assert len(steps) == 6 and len(set(steps)) == 6, "a repeated step gets its own state"
    undo = {0: "OrderServiceV2UnImport", 1: "OrderServiceV2UnImport2", 3: "PaymentsRefund", 4: "PaymentsRefund2",
            5: "State9LivesRecall"}
    for failing in range(6):
        expected = [undo[i] for i in sorted(undo, reverse=True) if i <= failing]
        assert walk(machine, steps[failing]) == [*steps[:failing + 1], *expected, "PlaceOrderCompensated"]


def test_retries_and_timeouts_follow_the_model(awkward) -> None:
    machine = machines(awkward)["statemachine/place-order.asl.json"]
    states = machine["States"]
    first, second, payments = states["OrderServiceV2Import"], states["OrderServiceV2Import2"], states["PaymentsCharge"]
    assert [r["MaxAttempts"] for r in first["Retry"]] == [0] and first["TimeoutSeconds"] == 1  # retries 0, 500ms
    assert second["TimeoutSeconds"] == 90 and payments["Retry"][1]["MaxAttempts"] == 7
    assert second["Retry"][1]["MaxAttempts"] == 2  # the default: 3 attempts, as on every engine
    assert isinstance(payments["Retry"][1]["BackoffRate"], float)


def test_names_that_collide_when_sanitized_get_distinct_functions(awkward) -> None:
    machine = machines(awkward)["statemachine/place-order.asl.json"]
    functions = {s["Parameters"]["FunctionName"] for s in machine["States"].values() if s["Type"] == "Task"}
    assert {"${OrderServiceV2ImportArn}", "${OrderServiceV2Import2Arn}"} <= functions
    functions = {f.split("/")[1] for f in awkward if f.startswith("functions/")}
    assert {"order_service_v_2_import", "order_service_v_2_import_2"} <= functions
    for function in functions:
        handler = awkward[f"functions/{function}/handler.py"]
        compile(handler, function, "exec")


def test_hostile_text_is_data_not_code(tmp_path) -> None:
    from advisor.format.model import Flow, Service, Step

    evil = 'x"""\nimport os; os.system("false")\n"""'
    model = Architecture(services={"a": Service("a")},
                         flows={"f": Flow("f", steps=(Step("a", evil, compensation=evil), Step("a", "b")))})
    files = target_files(TARGET, model)
    namespace: dict[str, Any] = {}
    [handler] = [text for path, text in files.items() if path.endswith("handler.py") and "ACTION = 'x" in text]
    exec(compile(handler, "handler", "exec"), namespace)
    assert namespace["ACTION"] == evil


def _no_retries(machine: dict[str, Any]) -> None:
    for state in machine["States"].values():
        state.pop("Retry", None)


def _undo_in_order(machine: dict[str, Any]) -> None:
    """Swap the two compensations: the undo chain runs first-done-first."""
    states = machine["States"]
    states["PaymentsRefund"]["Next"], states["InventoryRelease"]["Next"] = "PlaceOrderUndone", "PaymentsRefund"
    for state in states.values():
        for target in [*state.get("Catch", []), state]:
            if target.get("Next") == "PaymentsRefund" and state is not states["InventoryRelease"]:
                target["Next"] = "InventoryRelease"
    states["InventoryRelease"]["Catch"][0]["Next"] = "PaymentsRefund"
    states["PaymentsRefund"]["Catch"][0]["Next"] = "PlaceOrderUndone"


def _broken_path(machine: dict[str, Any]) -> None:
    machine["States"]["PaymentsCapture"]["Parameters"]["Payload"]["request.$"] = "$.no.such.path"


def _dropped_timeout(machine: dict[str, Any]) -> None:
    del machine["States"]["ShippingShip"]["TimeoutSeconds"]


def _failed_step_not_undone(machine: dict[str, Any]) -> None:
    machine["States"]["PaymentsCapture"]["Catch"][0]["Next"] = "InventoryRelease"


@pytest.mark.slow
@pytest.mark.parametrize("plant", [_no_retries, _undo_in_order, _broken_path, _dropped_timeout,
                                   _failed_step_not_undone])
def test_the_starter_tests_catch_a_planted_break(tmp_path, plant) -> None:  # type: ignore[no-untyped-def]
    import subprocess

    from tests.scaffold.helpers import generate
    from tests.starters.envs import python_env

    out = tmp_path / "starter"
    generate(checkout_model(), TARGET, out)
    path = out / "statemachine" / "place-order.asl.json"
    machine = json.loads(path.read_text())
    plant(machine)
    path.write_text(json.dumps(machine))
    python = python_env(out / "requirements.txt")
    result = subprocess.run([str(python), "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider"], cwd=out,
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1 and " failed" in result.stdout, result.stdout[-2000:]


@pytest.mark.slow
def test_a_second_validator_accepts_the_machines(tmp_path) -> None:
    """npm's asl-validator (AWS's schema plus transition checks) as a second opinion to statelint."""
    from tests.scaffold.helpers import generate
    from tests.starters.envs import node_modules, run

    tool = tmp_path / "tool"
    tool.mkdir()
    (tool / "package.json").write_text('{"name": "asl-check", "private": true, '
                                       '"dependencies": {"asl-validator": "4.0.0"}}')
    validator = node_modules(tool) / ".bin" / "asl-validator"
    written = generate(awkward_model(), TARGET, tmp_path / "starter")
    for path in (p for p in written if p.name.endswith(".asl.json")):
        assert "is valid" in run([str(validator), "--json-path", str(path)], cwd=tmp_path)
