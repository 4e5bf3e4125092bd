"""The step-functions target: ASL per flow with Retry/Catch into reverse compensations."""

from __future__ import annotations

import json
from typing import Any

import pytest

from advisor.format.model import Architecture
from tests.scaffold.helpers import (
    awkward_model,
    checkout_model,
    run_starter_tests,
    starter_tests_fail,
    target_files,
)

TARGET = "step-functions"


def machines(files: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {path: json.loads(text) for path, text in files.items() if path.endswith(".asl.json")}


def walk(machine: dict[str, Any], fail_at: str | None = None) -> list[str]:
    """The states an execution visits when `fail_at` fails (Catch) and every other task succeeds."""
    states, name, visited = machine["States"], machine["StartAt"], []
    while True:
        visited.append(name)
        state = states[name]
        if name == fail_at:
            name = state["Catch"][0]["Next"]
        elif state["Type"] == "Fail" or state.get("End"):
            return visited
        else:
            name = state["Next"]


def test_checkout_machine_compensates_in_reverse() -> None:
    files = target_files(TARGET, checkout_model())
    machine = machines(files)["statemachine/place-order.asl.json"]
    assert machine["TimeoutSeconds"] == 600
    assert walk(machine) == ["InventoryReserve", "PaymentsCapture", "ShippingShip"]
    assert walk(machine, "ShippingShip") == ["InventoryReserve", "PaymentsCapture", "ShippingShip",
                                             "PaymentsRefund", "InventoryRelease", "PlaceOrderFailed"]
    assert walk(machine, "InventoryReserve") == ["InventoryReserve", "PlaceOrderFailed"]


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
            todo += [c["Next"] for c in state.get("Catch", [])] + ([state["Next"]] if "Next" in state else [])
        assert reached == set(states), f"{path}: unreachable {set(states) - reached}"
        assert all(("Next" in s) != bool(s.get("End")) for s in states.values() if s["Type"] == "Task"), path


def test_failures_compensate_finished_steps_in_reverse(awkward) -> None:
    machine = machines(awkward)["statemachine/place-order.asl.json"]
    steps = walk(machine)
    assert len(steps) == 6 and len(set(steps)) == 6, "a repeated step gets its own state"
    # steps 0, 1, 3, 4 have compensations (5 has one too, but nothing runs after the last step)
    undo = {0: "OrderServiceV2UnImport", 1: "OrderServiceV2UnImport2", 3: "PaymentsRefund", 4: "PaymentsRefund2"}
    for failing in range(6):
        expected = [undo[i] for i in sorted(undo, reverse=True) if i < failing]
        assert walk(machine, steps[failing]) == [*steps[:failing + 1], *expected, "PlaceOrderFailed"]
    assert "State9LivesShipRecall" not in machine["States"]


def test_retries_and_timeouts_follow_the_model(awkward) -> None:
    machine = machines(awkward)["statemachine/place-order.asl.json"]
    states = machine["States"]
    first, second, payments = states["OrderServiceV2Import"], states["OrderServiceV2Import2"], states["PaymentsCharge"]
    assert "Retry" not in first and first["TimeoutSeconds"] == 1  # retries: 0, timeout: 500ms
    assert second["TimeoutSeconds"] == 90 and payments["Retry"][0]["MaxAttempts"] == 7
    assert machine["TimeoutSeconds"] == 86400
    assert isinstance(payments["Retry"][0]["BackoffRate"], float)


def test_names_that_collide_when_sanitized_get_distinct_functions(awkward) -> None:
    machine = machines(awkward)["statemachine/place-order.asl.json"]
    functions = {s["Parameters"]["FunctionName"] for s in machine["States"].values() if s["Type"] == "Task"}
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


@pytest.mark.slow
def test_the_starter_tests_catch_a_broken_machine(tmp_path) -> None:
    out = tmp_path / "starter"
    run_starter_tests(awkward_model(), TARGET, out)
    path = out / "statemachine" / "single.asl.json"
    machine = json.loads(path.read_text())
    machine["States"]["ClassReserve"]["Catch"][0]["Next"] = "Nowhere"
    path.write_text(json.dumps(machine))
    output = starter_tests_fail(out)
    assert "test_statelint_accepts_the_machine[statemachine/single.asl.json]" in output


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
