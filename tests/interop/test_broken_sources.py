"""Broken or empty sources: a located error, exit 2, and nothing written."""

from __future__ import annotations

import json
from pathlib import Path

from tests.interop.support import FIXTURES
from tests.interop.test_cli import run

COMPOSE = FIXTURES / "compose" / "docker-compose.yml"
SAGA = FIXTURES / "step-functions" / "state-machine.json"

DANGLING = """\
asyncapi: 3.0.0
info: {title: orders, version: 1.0.0}
channels:
  orders:
    address: orders
    messages:
      OrderPlaced: {payload: {type: object}}
operations:
  sendOrderPlaced:
    action: send
    channel:
      $ref: '#/channels/order'
"""


def refused(tmp_path: Path, *args: str) -> str:
    """Run an import that must fail: its error text (the target is left absent)."""
    target = tmp_path / "architecture.yaml"
    code, out, err = run("import", *args, "--into", str(target))
    assert (code, out) == (2, ""), (code, out, err)
    assert not target.exists() and "Traceback" not in err and len(err.strip().splitlines()) == 1
    return err


def test_a_dangling_channel_reference_is_a_located_error(tmp_path: Path) -> None:
    source = tmp_path / "orders.asyncapi.yaml"
    source.write_text(DANGLING, encoding="utf-8")
    err = refused(tmp_path, str(source))
    assert err.startswith(f"advisor: {source}:12:13: $ref '#/channels/order' points to nothing")


def test_from_a_format_the_document_is_not(tmp_path: Path) -> None:
    err = refused(tmp_path, str(COMPOSE), "--from", "asyncapi")  # line 5: its first key
    assert err.startswith(f"advisor: {COMPOSE}:5:1: --from asyncapi: this is not an AsyncAPI document "
                          "(it reads as a compose file)")
    plain = tmp_path / "stack.yaml"
    plain.write_text("services:\n  web: {}\n", encoding="utf-8")  # only --from says what this is
    code, _, _ = run("import", str(plain), "--from", "compose", "--into", str(tmp_path / "b.yaml"))
    assert code == 0


def test_a_transition_to_a_missing_state_is_a_located_error(tmp_path: Path) -> None:
    machine = json.loads(SAGA.read_text(encoding="utf-8"))
    machine["States"]["ProcessOrder"]["Next"] = "ProcessPaymnt"
    source = tmp_path / "saga.asl.json"
    source.write_text(json.dumps(machine, indent=2), encoding="utf-8")
    line = next(i for i, text in enumerate(source.read_text(encoding="utf-8").splitlines(), 1)
                if '"ProcessPaymnt"' in text)
    err = refused(tmp_path, str(source))
    assert err.startswith(f"advisor: {source}:{line}:")
    assert "Next names 'ProcessPaymnt', which is not a state of this machine" in err


def test_an_import_that_finds_nothing_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "empty.asyncapi.yaml"
    source.write_text("asyncapi: 3.0.0\ninfo: {title: quiet, version: 1.0.0}\n", encoding="utf-8")
    err = refused(tmp_path, str(source))
    assert err.startswith(f"advisor: nothing to import: no services, events or flows in {source}")


def test_a_state_whose_type_is_not_text_is_reported_not_a_crash(tmp_path: Path) -> None:
    source = tmp_path / "machine.asl.json"
    source.write_text('{"StartAt": "A", "States": {"A": {"Type": ["Task"], "Next": "B"}, "B": {"Type": "Succeed"}}}')
    code, out, err = run("import", str(source), "--into", str(tmp_path / "architecture.yaml"))
    assert code == 0 and "Traceback" not in err, err
    assert "machine.asl.json:1:34: A: a state without a Type" in out  # under "not mapped", located
