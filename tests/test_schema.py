"""The JSON Schema and the located validator agree, and problems read well."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from advisor.format.loader import load_file, load_text
from advisor.format.schema import architecture_schema
from advisor.format.validation import validate
from tests.conftest import EXAMPLES

VALID = [
    "version: 1\n",
    "traits: {services: 3, coordinator_ha: false, evolution: steps}\n",
    "services: {a: {calls: [b], replicas: 2}, b: {publishes: [E]}}\nevents: {E: {version: 1, key: id}}\n",
    "flows: {f: {style: orchestration, orchestrator: a, timeout: 5m, steps: [{service: b, action: go}]}}\n",
    "flows: {f: {style: choreography, steps: []}}\n",
    "decision: {style: hybrid, target: kafka+temporal}\n",
    "events: {E: {fields: {order_id: string, total: number}}}\n",
    # version 2 keys in a version 2 file
    "version: 2\nservices: {a: {managed: true, datastore: false, role: gateway, calls: [b, {service: c}]}}\n",
    "version: 2\nservices: {a: {consumes: [E], reacts: {E: {}}, consumer: {retries: 3, dead_letter: true}}}\n",
    "version: 2\nevents: {E: {kind: command, channel: orders.v1}}\n",
    "version: 2\nflows: {f: {traits: {ordering: high}, steps: [{service: a, action: x, kind: pivot, critical: false}]}}"
    "\n",
    # version 1 keys and values that look like version 2 ones
    "version: 1\nservices: {a: {role: orchestrator, calls: [b]}}\n",
    "services: {a: {role: participant}}\nflows: {f: {steps: [{service: a, action: kind}]}}\n",
]
INVALID = [
    "version: 3\n",
    "traits: {services: 0}\n",
    "traits: {compensation: on}\n",
    "traits: {nope: 1}\n",
    "services: {'bad name': {}}\n",
    "services: {a: {role: boss}}\n",
    "services: {a: {calls: [b, b]}}\n",
    "services: {a: {replicas: '2'}}\n",
    "flows: {f: {style: orchestration}}\n",
    "flows: {f: {steps: [{service: a}]}}\n",
    "flows: {f: {timeout: soon}}\n",
    "decision: {target: kafka+kafka}\n",
    "decision: {style: orchestrated}\n",
    "events: {E: {fields: {id: uuid}}}\n",
    "systemm: x\n",
    "version: '2'\n",
    "version: true\nservices: {a: {managed: true}}\n",
]

# Keys of version 2 in a file that says (or defaults to) version 1: each is one problem,
# and the JSON Schema that editors use refuses it too.
V2_IN_V1 = [
    "services: {a: {managed: true}}\n",
    "version: 1\nservices: {a: {reacts: {}}}\n",
    "version: 1\nservices: {a: {datastore: false}}\n",
    "services: {a: {consumer: {retries: 1}}}\n",
    "version: 1\nservices: {a: {role: gateway}}\n",
    "services: {a: {calls: [b, {service: c}]}}\n",
    "version: 1\nevents: {E: {kind: event}}\n",
    "events: {E: {channel: x}}\n",
    "version: 1\nflows: {f: {traits: {ordering: high}}}\n",
    "flows: {f: {steps: [{service: a, action: x, kind: pivot}]}}\n",
    "version: 1\nflows: {f: {steps: [{service: a, action: x, critical: false}]}}\n",
]


@pytest.mark.parametrize("text", VALID)
def test_valid_samples_pass_both(text: str) -> None:
    doc = load_text(text)
    assert validate(doc) == []
    jsonschema.validate(doc.data, architecture_schema())


@pytest.mark.parametrize("text", INVALID)
def test_invalid_samples_fail_both(text: str) -> None:
    doc = load_text(text)
    assert validate(doc), text
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc.data, architecture_schema())


@pytest.mark.parametrize("text", V2_IN_V1)
def test_version_2_keys_in_version_1_fail_both_once(text: str) -> None:
    doc = load_text(text)
    [problem] = validate(doc)
    assert "is format version 2; set `version: 2`" in problem.message
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc.data, architecture_schema())
    upgraded = load_text("version: 2\n" + text.removeprefix("version: 1\n"))
    assert validate(upgraded) == []
    jsonschema.validate(upgraded.data, architecture_schema())


def test_a_version_2_key_with_a_bad_value_in_version_1_is_one_problem_each() -> None:
    found = messages("services:\n  a:\n    consumer: {retries: -1}\n    1: x\n")
    assert found == [
        "m.yaml:3:5: 'consumer' is format version 2; set `version: 2` at the top of the file to use it",
        "m.yaml:3:25: must be at least 0, found -1",
        "m.yaml:4:5: keys must be text, found a number 1",
    ]


def test_schema_is_valid_draft7_and_serialisable() -> None:
    schema = architecture_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    assert json.loads(json.dumps(schema)) == schema


def test_examples_are_valid() -> None:
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 2
    for path in examples:
        doc = load_file(path)
        assert validate(doc) == [], path
        jsonschema.validate(doc.data, architecture_schema())


def messages(text: str) -> list[str]:
    doc = load_text(text, "m.yaml")
    return [f"{doc.locate(p.at, key=p.key)}: {p.message}" for p in validate(doc)]


def test_unknown_key_suggests_the_near_miss() -> None:
    assert messages("traits:\n  compensaton: high\n") == [
        "m.yaml:2:3: unknown key 'compensaton' in traits; did you mean 'compensation'?"
    ]


def test_yaml11_boolean_in_an_enum_says_what_was_read() -> None:
    (message,) = messages("traits:\n  visibility: on\n")
    assert message.startswith("m.yaml:2:15: YAML read 'on' as a boolean True; allowed: low, medium, high")


def test_bad_enum_suggests_the_near_miss() -> None:
    (message,) = messages("traits:\n  sequencing: hgh\n")
    assert "did you mean 'high'?" in message


def test_problems_come_in_file_order() -> None:
    found = messages("services:\n  b: {role: x}\n  a: {replicas: -1}\n")
    assert [m.split(":")[1] for m in found] == ["2", "3"]


def test_orchestrated_flow_needs_an_orchestrator() -> None:
    (message,) = messages("flows:\n  f:\n    style: orchestration\n")
    assert "missing required key 'orchestrator'" in message and message.startswith("m.yaml:3:5")


def test_schema_traits_come_from_the_rules() -> None:
    traits = architecture_schema()["properties"]["traits"]["properties"]
    assert len(traits) == 17
    assert traits["evolution"]["enum"] == ["consumers", "steps", "both"]
    assert traits["coordinator_ha"]["type"] == "boolean"


def test_schema_file_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("version: 1\n")
    assert validate(load_file(path)) == []
