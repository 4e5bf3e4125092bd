"""`.advisor.yaml`: severities, off, thresholds, fail-on, lookup and bad keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.lint import lint_paths
from advisor.lint.config import find_config, load_config
from advisor.lint.engine import default_options

MODEL = "services:\n  a:\n    publishes: [E]\nevents:\n  E: {}\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_found_upward_from_the_linted_file(tmp_path: Path):
    config = write(tmp_path / ".advisor.yaml", "lint:\n  rules:\n    dual-write: error\n")
    model = write(tmp_path / "deep" / "er" / "architecture.yaml", MODEL)
    assert find_config(model) == config
    report = lint_paths([model])
    assert {f.rule: f.severity for f in report.findings}["dual-write"] == "error"
    assert report.failed


def test_off_and_yaml_bare_off(tmp_path: Path):
    write(tmp_path / ".advisor.yaml", "lint:\n  rules:\n    dual-write: off\n    event-without-consumer: 'off'\n")
    report = lint_paths([write(tmp_path / "a.yaml", MODEL)])
    assert not {"dual-write", "event-without-consumer"} & {f.rule for f in report.findings}


def test_thresholds_and_fail_on(tmp_path: Path):
    config = load_config(
        write(
            tmp_path / "c.yaml",
            "lint:\n  fail-on: warning\n  rules:\n    long-event-chain: {severity: error, max-hops: 7}\n",
        ),
        default_options(),
    )
    assert config.fail_on == "warning"
    assert config.options["long-event-chain"] == {"max-hops": 7}
    assert config.severities["long-event-chain"] == "error"


def test_fail_on_from_config_applies(tmp_path: Path):
    write(tmp_path / ".advisor.yaml", "lint:\n  fail-on: warning\n")
    assert lint_paths([write(tmp_path / "a.yaml", MODEL)]).failed
    assert not lint_paths([write(tmp_path / "a.yaml", MODEL)], fail_on="error").failed


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("lnt: {}\n", ":1:1", "did you mean 'lint'"),
        ("lint:\n  rules:\n    evnt-cycle: off\n", ":3:5", "did you mean 'event-cycle'"),
        ("lint:\n  rules:\n    event-cycle: loud\n", ":3:18", "event-cycle must be one of"),
        ("lint:\n  rules:\n    long-event-chain: {max-hop: 2}\n", ":3:24", "did you mean 'max-hops'"),
        ("lint:\n  rules:\n    long-event-chain: {max-hops: 0}\n", ":3:34", "at least 1"),
        ("lint:\n  fail-on: never\n", ":2:12", "lint.fail-on must be one of"),
        ("lint: [1]\n", ":1:7", "must be a mapping"),
        ("lint:\n  rules:\n    syntax: off\n", ":3:13", "syntax cannot be turned off"),
    ],
)
def test_bad_config_names_the_key_and_line(tmp_path: Path, text: str, where: str, words: str):
    path = write(tmp_path / ".advisor.yaml", text)
    with pytest.raises(InputError) as caught:
        load_config(path, default_options())
    assert where in str(caught.value.location) and words in caught.value.message


def test_every_mistake_in_the_settings_is_reported_at_once(tmp_path: Path):
    from advisor.lint.engine import default_options

    path = tmp_path / ".advisor.yaml"
    path.write_text(
        "lint:\n  fail-on: warnings\n  rules:\n    decision-mismatches: off\n"
        "    orchestrator-spof: {min-replica: 3}\n"
    )
    with pytest.raises(InputError) as caught:
        load_config(path, default_options())
    message = str(caught.value)
    assert "3 problems" in message
    assert "did you mean 'warning'?" in message
    assert "did you mean 'decision-mismatch'?" in message and "'min-replica'" in message


def test_a_rule_turned_off_does_not_make_its_suppressions_unused(tmp_path: Path):
    from advisor.lint import lint_paths

    model = tmp_path / "architecture.yaml"
    model.write_text(
        "version: 1\nservices:\n  pay: {}\nflows:\n  f:\n    orchestrator: pay\n    steps:\n"
        "      - {service: pay, action: a}  # advisor: ignore[missing-compensation] nothing to undo\n"
        "      - {service: pay, action: b}\n"
    )
    (tmp_path / ".advisor.yaml").write_text("lint:\n  rules:\n    missing-compensation: off\n")
    report = lint_paths([model])
    assert not [f for f in report.findings if f.rule == "unused-suppression"], report.findings


def test_a_configured_severity_is_not_overridden(tmp_path: Path):
    from advisor.lint import lint_paths

    model = tmp_path / "architecture.yaml"
    model.write_text(
        "version: 1\ntraits:\n  compensation: high\n  sequencing: high\n  visibility: high\n"
        "decision:\n  style: choreography\n  reason: we run Kafka already\n"
    )
    mismatch = [f for f in lint_paths([model]).findings if f.rule == "decision-mismatch"]
    assert mismatch and mismatch[0].severity == "info"
    (tmp_path / ".advisor.yaml").write_text("lint:\n  rules:\n    decision-mismatch: error\n")
    mismatch = [f for f in lint_paths([model]).findings if f.rule == "decision-mismatch"]
    assert mismatch and mismatch[0].severity == "error"
