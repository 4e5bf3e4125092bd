"""The gcp-workflows target: a Workflows YAML per flow, try/retry/except, reverse compensation."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from tests.scaffold.helpers import (
    awkward_model,
    checkout_model,
    claims_model,
    run_starter_tests,
    starter_tests_fail,
    target_files,
)

TARGET = "gcp-workflows"


def workflows(files: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {path: yaml.safe_load(text) for path, text in files.items() if path.startswith("workflows/")}


def named(steps: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {name: body for step in steps for name, body in step.items()}


def saga(document: dict[str, Any]) -> dict[str, Any]:
    return named(document["main"]["steps"])["saga"]


def all_step_names(node: Any) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "steps" and isinstance(value, list):
                found += [name for step in value for name in step]
            found += all_step_names(value)
    elif isinstance(node, list):
        for item in node:
            found += all_step_names(item)
    return found


def test_checkout_workflow_shape() -> None:
    files = target_files(TARGET, checkout_model())
    document = workflows(files)["workflows/place-order.yaml"]
    assert set(document) == {"main"}
    body = saga(document)
    steps = named(body["try"]["steps"])
    assert [n for n in steps if n.startswith(("inventory", "payments", "shipping"))] == [
        "inventory_reserve", "payments_capture", "shipping_ship"]
    assert steps["start_payments_capture"] == {"assign": [{"started": 2}]}  # counted before it runs
    handler = named(body["except"]["steps"])
    assert list(handler) == ["compensate", "undo_payments_refund", "undo_inventory_release", "judge", "reraise"]
    # A failed capture may have taken the money: `started > 1` includes it.
    assert handler["compensate"]["switch"] == [
        {"condition": "${started > 1}", "next": "undo_payments_refund"},
        {"condition": "${started > 0}", "next": "undo_inventory_release"},
    ]
    assert handler["undo_payments_refund"]["except"]["as"] == "undo_error"  # a failed undo does not stop the rest
    reserve = steps["inventory_reserve"]
    assert reserve["try"]["args"]["url"] == '${sys.get_env("INVENTORY_URL") + "/reserve"}'
    assert reserve["try"]["call"] == "http.post" and reserve["try"]["args"]["auth"] == {"type": "OIDC"}
    assert reserve["retry"]["predicate"] == "${http.default_retry_predicate_non_idempotent}"
    assert reserve["try"]["args"]["headers"]["Idempotency-Key"] == (
        '${sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID") + "/inventory_reserve"}')
    assert named(document["main"]["steps"])["init"]["assign"][-1] == {"deadline": "${sys.now() + 600}"}
    assert steps["check_inventory_reserve"]["switch"][0]["condition"] == "${sys.now() >= deadline}"


def test_claims_workflow_follows_the_saga_plan() -> None:
    document = workflows(target_files(TARGET, claims_model()))["workflows/settle-claim.yaml"]
    main = named(document["main"]["steps"])
    steps = named(saga(document)["try"]["steps"])
    assert steps["claims_get_claim"]["retry"]["predicate"] == "${http.default_retry_predicate}"  # a query
    assert steps["payments_pay_out"]["retry"] == {
        "predicate": "${http.default_retry_predicate_non_idempotent}", "max_retries": 3,
        "backoff": {"initial_delay": 1, "max_delay": 60, "multiplier": 2.0}}
    assert steps["endpoint_assessor_approve_claim"]["call"] == "events.create_callback_endpoint"
    assert steps["wait_assessor_approve_claim"]["args"]["timeout"] == "${deadline - sys.now()}"
    assert "ledger_book_payment" not in steps and "ledger_book_payment" in main  # after the pivot: never undone
    assert main["ledger_book_payment"]["retry"]["max_retries"] == 100_000
    assert "best_notifications_notify_claimant" in main  # best effort: its own try/except
    assert main["init"]["assign"][-1] == {"deadline": "${sys.now() + 1209600}"}


@pytest.fixture(scope="module")
def awkward() -> dict[str, str]:
    return target_files(TARGET, awkward_model())


def test_block_style_without_anchors(awkward) -> None:
    for path, text in awkward.items():
        if path.startswith("workflows/"):
            assert "&id" not in text and "*id" not in text, path
            for line in text.splitlines():
                value = line.split(": ", 1)[-1]
                assert value in ("[]", "{}") or not value.startswith(("{", "[")) or ": " not in line, line


def test_step_names_are_unique_identifiers(awkward) -> None:
    for path, document in workflows(awkward).items():
        names = all_step_names(document)
        assert len(names) == len(set(names)), path
        assert all(name.replace("_", "a").isalnum() and name.isascii() for name in names), names


def test_switch_enters_the_chain_at_the_last_started_undoable_step(awkward) -> None:
    document = workflows(awkward)["workflows/place-order.yaml"]
    body = saga(document)
    handler = named(body["except"]["steps"])
    switch = handler["compensate"]["switch"]
    # compensatable: steps 0, 1, 3, 4, 5 (the last one too: it may have taken effect before failing)
    assert [c["condition"] for c in switch] == ["${started > 5}", "${started > 4}", "${started > 3}",
                                                "${started > 1}", "${started > 0}"]
    assert [c["next"] for c in switch] == [name for name in handler if name.startswith("undo_")]
    assert handler["compensate"]["next"] == "reraise" and handler["reraise"] == {"raise": "${failure}"}
    started = [b["assign"][0]["started"] for n, b in named(body["try"]["steps"]).items() if n.startswith("start_")]
    assert started == [1, 2, 3, 4, 5, 6]


def test_retries_follow_the_model(awkward) -> None:
    steps = named(saga(workflows(awkward)["workflows/place-order.yaml"])["try"]["steps"])
    calls = [body for name, body in steps.items() if "assign" not in body and "switch" not in body]
    assert "retry" not in calls[0] and calls[0]["call"] == "http.post"  # retries: 0
    assert calls[0]["args"]["timeout"] == 1
    assert calls[3]["retry"]["max_retries"] == 7 and calls[1]["try"]["args"]["timeout"] == 90
    assert calls[1]["retry"]["max_retries"] == 2  # the default: 3 attempts, as on every engine


def test_colliding_service_names_get_distinct_variables(awkward) -> None:
    steps = named(saga(workflows(awkward)["workflows/place-order.yaml"])["try"]["steps"])
    urls = [(b.get("try") or b)["args"]["url"] for b in steps.values() if "assign" not in b and "switch" not in b]
    assert urls[0] == '${sys.get_env("ORDER_SERVICE_V_2_URL") + "/import"}'
    assert urls[1] != urls[0] and urls[1].endswith('+ "/import"}')


def test_a_flow_without_undoable_steps_just_raises(awkward) -> None:
    body = saga(workflows(awkward)["workflows/single.yaml"])
    assert list(named(body["except"]["steps"])) == ["reraise"]


@pytest.mark.slow
@pytest.mark.parametrize("model", [claims_model, awkward_model], ids=["claims", "awkward"])
def test_the_starter_runs_its_sagas_on_the_workflows_emulator(tmp_path, model) -> None:  # type: ignore[no-untyped-def]
    output = run_starter_tests(model(), TARGET, tmp_path / "starter")
    assert " passed" in output and "failed" not in output and "skipped" not in output


PLANTS = {
    "undo order reversed": ("- condition: ${started > 1}\n", "- condition: ${started > 9}\n"),
    "retry removed": ("max_retries: 2", "max_retries: 0"),
    "deadline dropped": ("deadline: ${sys.now() + 600}", "deadline: ${sys.now() + 600000}"),
    "idempotent predicate on a POST": ("http.default_retry_predicate_non_idempotent}", "http.default_retry_predicate}"),
    "undo failure aborts the rest": ("as: undo_error", "as: undo_errr"),
}


@pytest.mark.slow
@pytest.mark.parametrize("plant", sorted(PLANTS))
def test_the_starter_tests_catch_a_planted_break(tmp_path, plant: str) -> None:
    out = tmp_path / "starter"
    from tests.scaffold.helpers import generate

    generate(checkout_model(), TARGET, out)
    path = out / "workflows" / "place-order.yaml"
    before, after = PLANTS[plant]
    text = path.read_text()
    assert before in text, plant
    path.write_text(text.replace(before, after, 1))
    starter_tests_fail(out)
