"""text, json, sarif (validated against the OASIS schema) and github output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tests.conftest
from advisor.lint import lint_paths
from advisor.lint.engine import Report
from advisor.lint.finding import Finding, Related
from advisor.lint.formats import render
from advisor.lint.formats.github import PER_KIND, escape_data, escape_property

SARIF_SCHEMA = tests.conftest.SARIF_SCHEMA

CYCLE = """version: 2
services:
  orders: {publishes: [OrderPlaced], consumes: [Shipped], reacts: {Shipped: {publishes: [OrderPlaced]}},
           outbox: true, idempotent: true, consumer: {dead_letter: true}}
  shipping: {publishes: [Shipped], consumes: [OrderPlaced], reacts: {OrderPlaced: {publishes: [Shipped]}},
             outbox: true, idempotent: true, consumer: {dead_letter: true}}
  ghost-caller: {calls: [nobody]}
events: {OrderPlaced: {version: 1}, Shipped: {version: 1}}
"""


@pytest.fixture
def report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Report:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "architecture.yaml").write_text(CYCLE)
    return lint_paths([Path("architecture.yaml")])


def test_text_lines_fix_hints_and_summary(report: Report):
    lines = render(report, "text").splitlines()
    assert lines[0].startswith("architecture.yaml:3:90: warning [event-cycle] events form a cycle: orders")
    assert "    architecture.yaml:5:47: shipping consumes OrderPlaced" in lines
    assert any(line.startswith("    fix: ") for line in lines)
    assert "architecture.yaml:7:26: error [unknown-reference] service 'nobody' is not declared" in "\n".join(lines)
    assert lines[-1] == "1 error, 1 warning, 0 info in 1 file (fail-on error)"


def test_text_colour_only_when_asked(report: Report):
    assert "\x1b[" not in render(report, "text")
    assert "\x1b[1;31merror\x1b[0m" in render(report, "text", color=True)


def test_json_has_the_spec_keys(report: Report):
    data = json.loads(render(report, "json"))
    assert data["summary"] == {"error": 1, "warning": 1, "info": 0}
    first = data["findings"][0]
    assert {"rule", "severity", "path", "line", "column", "message"} <= set(first)
    assert (first["rule"], first["line"], first["column"]) == ("event-cycle", 3, 90)
    assert len(first["related"]) == 4 and data["failed"] is True
    assert "AZ-SAGA" in first["source"] and first["hint"].startswith("Break the loop")


def test_sarif_validates_against_the_oasis_schema(report: Report):
    import jsonschema
    log = json.loads(render(report, "sarif"))
    jsonschema.validate(log, json.loads(SARIF_SCHEMA.read_text()))
    run = log["runs"][0]
    assert log["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "advisor"
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["event-cycle"]["help"]["text"] and rules["event-cycle"]["fullDescription"]["text"]
    cycle = next(r for r in run["results"] if r["ruleId"] == "event-cycle")
    assert cycle["level"] == "warning"
    assert run["tool"]["driver"]["rules"][cycle["ruleIndex"]]["id"] == "event-cycle"
    location = cycle["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "architecture.yaml"
    assert location["region"] == {"startLine": 3, "startColumn": 90}
    hops = cycle["codeFlows"][0]["threadFlows"][0]["locations"]
    assert [h["location"]["message"]["text"] for h in hops][:2] == [
        "orders publishes OrderPlaced",
        "shipping consumes OrderPlaced",
    ]
    assert set(cycle["partialFingerprints"]) == {"advisorModelKey/v1"}


def test_sarif_fingerprint_is_stable_across_reformatting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    prints = []
    for text in (CYCLE, "# a comment\n\n" + CYCLE.replace(", ", " ,  ")):
        Path("architecture.yaml").write_text(text)
        log = json.loads(render(lint_paths([Path("architecture.yaml")]), "sarif"))
        prints.append({r["ruleId"]: r["partialFingerprints"] for r in log["runs"][0]["results"]})
    assert prints[0] == prints[1]


def test_info_is_a_sarif_note():
    finding = Finding("command-as-event", "info", "a.yaml", 1, 1, "m")
    log = json.loads(render(Report((finding,), ("a.yaml",)), "sarif"))
    assert log["runs"][0]["results"][0]["level"] == "note"


def test_github_annotations_escape_and_order(report: Report):
    lines = render(report, "github").splitlines()
    assert lines[0].startswith("::error file=architecture.yaml,line=7,col=26,title=advisor [unknown-reference]::")
    assert lines[1].startswith("::warning file=architecture.yaml,line=3,col=90,")
    assert "%0Afix: " in lines[0]


def test_github_escaping_rules():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    finding = Finding("schema", "error", "dir,with:odd.yaml", 2, 3, "bad: value\nsecond")
    line = render(Report((finding,), ("x",)), "github").splitlines()[0]
    assert line == ("::error file=dir%2Cwith%3Aodd.yaml,line=2,col=3,title=advisor [schema]::bad: value%0Asecond")


def test_github_caps_each_kind_at_ten_then_counts():
    findings = tuple(Finding("dual-write", "warning", "a.yaml", i, 1, f"w{i}") for i in range(1, 14))
    errors = (Finding("schema", "error", "a.yaml", 20, 1, "e"),)
    lines = render(Report(errors + findings, ("a.yaml",)), "github").splitlines()
    assert lines[0].startswith("::error ")
    assert sum(line.startswith("::warning ") for line in lines) == PER_KIND
    assert sum(line.startswith("a.yaml:") for line in lines) == 3
    assert any(line.startswith("::notice title=advisor::3 warnings more not annotated") for line in lines)


def test_related_locations_in_json():
    finding = Finding("event-cycle", "warning", "a.yaml", 1, 1, "m", related=(Related(2, 3, "hop"),))
    data = json.loads(render(Report((finding,), ("a.yaml",)), "json"))
    assert data["findings"][0]["related"] == [{"line": 2, "column": 3, "message": "hop"}]
