"""The gcp-workflows target: a Workflows YAML per flow, try/retry/except, reverse compensation."""

from __future__ import annotations

import os
from typing import Any

import pytest
import yaml

from tests.conftest import shared_example
from tests.scaffold.helpers import (
    as_golden,
    awkward_model,
    checkout_files,
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


def test_golden_checkout(golden) -> None:
    files = checkout_files(TARGET, shared_example("checkout-orchestration.yaml"))
    golden("scaffold/gcp-workflows.txt", as_golden(files))


def test_checkout_workflow_shape() -> None:
    files = checkout_files(TARGET, shared_example("checkout-orchestration.yaml"))
    document = workflows(files)["workflows/place-order.yaml"]
    assert set(document) == {"main"}
    body = saga(document)
    assert list(named(body["try"]["steps"]))[::2] == ["inventory_reserve", "payments_capture", "shipping_ship"]
    handler = named(body["except"]["steps"])
    assert list(handler) == ["compensate", "undo_payments_refund", "undo_inventory_release", "reraise"]
    assert handler["compensate"]["switch"] == [
        {"condition": "${done > 1}", "next": "undo_payments_refund"},
        {"condition": "${done > 0}", "next": "undo_inventory_release"},
    ]
    reserve = named(body["try"]["steps"])["inventory_reserve"]
    assert reserve["try"]["args"]["url"] == '${sys.get_env("INVENTORY_URL") + "/reserve"}'
    assert reserve["try"]["call"] == "http.post" and reserve["try"]["args"]["auth"] == {"type": "OIDC"}
    assert reserve["retry"]["predicate"] == "${http.default_retry_predicate}"


@pytest.fixture(scope="module")
def awkward() -> dict[str, str]:
    return target_files(TARGET, awkward_model())


def test_block_style_without_anchors(awkward) -> None:
    for path, text in awkward.items():
        if path.startswith("workflows/"):
            assert "&id" not in text and "*id" not in text, path
            for line in text.splitlines():
                assert not line.split(": ", 1)[-1].startswith(("{", "[")) or ": " not in line, line


def test_step_names_are_unique_identifiers(awkward) -> None:
    for path, document in workflows(awkward).items():
        names = all_step_names(document)
        assert len(names) == len(set(names)), path
        assert all(name.replace("_", "a").isalnum() and name.isascii() for name in names), names


def test_switch_enters_the_chain_at_the_last_finished_undoable_step(awkward) -> None:
    document = workflows(awkward)["workflows/place-order.yaml"]
    body = saga(document)
    handler = named(body["except"]["steps"])
    switch = handler["compensate"]["switch"]
    # compensable: steps 0, 1, 3, 4 (the last step's compensation is never needed)
    assert [c["condition"] for c in switch] == ["${done > 4}", "${done > 3}", "${done > 1}", "${done > 0}"]
    assert [c["next"] for c in switch] == [name for name in handler if name.startswith("undo_")]
    assert handler["compensate"]["next"] == "reraise" and handler["reraise"] == {"raise": "${failure}"}
    done = [b["assign"][0]["done"] for b in named(body["try"]["steps"]).values() if "assign" in b]
    assert done == [1, 2, 3, 4, 5, 6]


def test_retries_follow_the_model(awkward) -> None:
    steps = named(saga(workflows(awkward)["workflows/place-order.yaml"])["try"]["steps"])
    calls = [body for name, body in steps.items() if "assign" not in body]
    assert "retry" not in calls[0] and calls[0]["call"] == "http.post"  # retries: 0
    assert calls[0]["args"]["timeout"] == 1
    assert calls[3]["retry"]["max_retries"] == 7 and calls[1]["try"]["args"]["timeout"] == 90


def test_colliding_service_names_get_distinct_variables(awkward) -> None:
    steps = named(saga(workflows(awkward)["workflows/place-order.yaml"])["try"]["steps"])
    urls = [(b.get("try") or b)["args"]["url"] for b in steps.values() if "assign" not in b]
    assert urls[0] == '${sys.get_env("ORDER_SERVICE_V_2_URL") + "/import"}'
    assert urls[1] != urls[0] and urls[1].endswith('+ "/import"}')


def test_a_flow_without_undoable_steps_just_raises(awkward) -> None:
    body = saga(workflows(awkward)["workflows/single.yaml"])
    assert list(named(body["except"]["steps"])) == ["reraise"]


@pytest.mark.slow
def test_checkout_starter_passes_its_own_tests(tmp_path) -> None:
    from advisor.model import load_architecture

    model = load_architecture(shared_example("checkout-orchestration.yaml")).model
    output = run_starter_tests(model, TARGET, tmp_path / "starter")
    assert "passed" in output and "failed" not in output


@pytest.mark.slow
def test_awkward_starter_passes_its_own_tests(tmp_path) -> None:
    assert "passed" in run_starter_tests(awkward_model(), TARGET, tmp_path / "starter")


@pytest.mark.slow
def test_the_starter_tests_catch_a_wrong_jump(tmp_path) -> None:
    out = tmp_path / "starter"
    run_starter_tests(awkward_model(), TARGET, out)
    path = out / "workflows" / "place-order.yaml"
    path.write_text(path.read_text().replace("next: undo_payments_refund_2", "next: undo_nowhere"))
    output = starter_tests_fail(out)
    assert "test_next_targets_resolve[workflows/place-order.yaml]" in output


class _Stub:
    """Services on loopback: records each POST path; paths in `failing` answer 400 (not retried)."""

    def __init__(self) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        stub = self
        self.calls: list[str] = []
        self.failing: set[str] = set()

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("content-length", 0)))
                stub.calls.append(self.path)
                body = b'{"ok": true}'
                self.send_response(400 if self.path in stub.failing else 200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"


def _without_auth(node: Any) -> Any:
    if isinstance(node, dict):
        return {k: _without_auth(v) for k, v in node.items() if k != "auth"}
    if isinstance(node, list):
        return [_without_auth(v) for v in node]
    return node


@pytest.mark.slow
def test_the_checkout_workflow_runs_on_the_workflows_emulator(tmp_path) -> None:
    """PyPI's workflows-emulator runs the generated YAML against services on loopback."""
    import subprocess

    from advisor.model import load_architecture
    from tests.scaffold.helpers import generate
    from tests.starters.envs import python_env

    requirements = tmp_path / "emulator-requirements.txt"
    requirements.write_text("workflows-emulator==1.10.0\n")
    emulator = python_env(requirements).parent / "workflows-emulator"
    model = load_architecture(shared_example("checkout-orchestration.yaml")).model
    generate(model, TARGET, tmp_path / "starter")
    source = tmp_path / "place-order.yaml"
    # The emulator cannot mint OIDC tokens ("OIDC auth is not supported yet"); the rest runs as generated.
    document = yaml.safe_load((tmp_path / "starter" / "workflows" / "place-order.yaml").read_text())
    source.write_text(yaml.safe_dump(_without_auth(document), sort_keys=False))
    stub = _Stub()
    env = {**{f"{s.upper()}_URL": f"{stub.url}/{s}" for s in ("inventory", "payments", "shipping")}}
    try:
        for failing, expected in [
            ("", ["/inventory/reserve", "/payments/capture", "/shipping/ship"]),
            ("/shipping/ship", ["/inventory/reserve", "/payments/capture", "/shipping/ship",
                                "/payments/refund", "/inventory/release"]),
            ("/payments/capture", ["/inventory/reserve", "/payments/capture", "/inventory/release"]),
            ("/inventory/reserve", ["/inventory/reserve"]),
        ]:
            stub.calls.clear()
            stub.failing = {failing}
            result = subprocess.run([str(emulator), "--source", str(source), "--env-file", str(tmp_path / "none"),
                                     "run", "--data", '{"orderId": "o-1"}'], cwd=tmp_path,
                                    capture_output=True, text=True, timeout=120, env={**os.environ, **env})
            assert stub.calls == expected, result.stdout + result.stderr
            assert (result.returncode == 0) == (not failing), result.stdout + result.stderr
    finally:
        stub.server.shutdown()
