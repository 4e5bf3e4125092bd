"""Format version 2: a superset of version 1, validated and modelled."""

from __future__ import annotations

import jsonschema
import pytest

from advisor.format.loader import load_text
from advisor.format.model import ConsumerPolicy, Reaction, read_model
from advisor.format.schema import architecture_schema
from advisor.format.validation import validate

V2 = """\
version: 2
decision: {style: hybrid, target: rabbitmq+step-functions}
services:
  ordering:
    owner: team-ordering
    datastore: true
    consumes: [OrderStarted, StockConfirmed, StockRejected]
    publishes: [OrderAwaitingValidation, OrderPaid, OrderCancelled]
    reacts:
      OrderStarted: {publishes: [OrderAwaitingValidation]}
      StockConfirmed: {publishes: [OrderPaid], calls: [payments]}
      StockRejected: {publishes: [OrderCancelled]}
    calls:
      - payments
      - {service: catalog, protocol: grpc}
    consumer: {retries: 5, dead_letter: true}
  payments: {datastore: false}
  catalog: {}
  bff: {role: gateway, calls: [ordering]}
  checkout: {role: orchestrator}
  engine: {role: orchestrator, managed: true}
events:
  OrderAwaitingValidation: {version: 1, key: order_id, kind: command}
flows:
  place-order:
    style: choreography
    timeout: 2h
    traits: {compensation: high, long_running: low}
    steps:
      - {service: cart, action: get-cart, kind: query}
      - {service: payments, action: charge, kind: pivot}
      - {service: shipping, action: ship, kind: retriable}
      - {service: email, action: confirm, kind: retriable, critical: false}
"""


def problems(text: str) -> list[str]:
    doc = load_text(text, "a.yaml")
    return [f"{doc.locate(p.at, key=p.key)}: {p.message}" for p in validate(doc)]


def test_the_v2_example_is_valid_for_both_validators() -> None:
    doc = load_text(V2)
    assert validate(doc) == []
    jsonschema.validate(doc.data, architecture_schema())


def test_the_model_carries_every_v2_fact() -> None:
    model = read_model(load_text(V2))
    assert model.version == 2
    ordering = model.services["ordering"]
    assert ordering.calls == ("payments", "catalog")
    assert ordering.protocols == {"catalog": "grpc"}
    assert ordering.reaction("StockConfirmed") == Reaction(publishes=("OrderPaid",), calls=("payments",))
    assert ordering.reaction("SomethingElse") == Reaction()  # declared reacts: not listed causes nothing
    assert ordering.consumer == ConsumerPolicy(retries=5, dead_letter=True)
    assert model.services["payments"].datastore is False
    assert model.services["catalog"].reaction("X") is None  # no reacts: the file does not say
    assert model.services["bff"].role == "gateway"
    assert model.events["OrderAwaitingValidation"].kind == "command"
    flow = model.flows["place-order"]
    assert flow.traits == {"compensation": "high", "long_running": "low"}
    assert [s.kind for s in flow.steps] == ["query", "pivot", "retriable", "retriable"]
    assert [s.critical for s in flow.steps] == [True, True, True, False]
    assert flow.pivot_index() == 1


def test_managed_engines_come_from_the_flag_or_the_decided_target() -> None:
    model = read_model(load_text(V2))
    assert model.is_managed("engine")
    assert model.is_managed("checkout")  # an orchestrator, and the decided engine is step-functions
    assert not model.is_managed("ordering")  # not an orchestrator
    self_run = read_model(load_text(V2.replace("rabbitmq+step-functions", "kafka+temporal")))
    assert not self_run.is_managed("checkout")
    assert self_run.is_managed("engine")


@pytest.mark.parametrize(
    ("action", "compensation", "kind", "expected"),
    [
        ("get-cart", "", "", "query"),
        ("lookup_price", "", "", "query"),
        ("charge", "refund", "", "compensatable"),
        ("charge", "", "", ""),
        ("getaway", "", "", ""),  # a read verb only as a whole word
        ("get-cart", "", "pivot", "pivot"),  # a declared kind always wins
    ],
)
def test_effective_step_kind(action: str, compensation: str, kind: str, expected: str) -> None:
    text = f"version: 2\nflows: {{f: {{steps: [{{service: a, action: {action}"
    text += f", compensation: {compensation}" if compensation else ""
    text += f", kind: {kind}" if kind else ""
    step = read_model(load_text(text + "}]}}\n")).flows["f"].steps[0]
    assert step.effective_kind == expected


def test_a_version_1_file_reads_as_before() -> None:
    model = read_model(load_text("version: 1\nservices: {a: {calls: [b]}}\nflows: {f: {steps: []}}\n"))
    assert model.version == 1
    assert model.services["a"].calls == ("b",)
    assert model.services["a"].reacts is None
    assert model.services["a"].datastore is True
    assert model.flows["f"].traits == {}


def test_an_unsupported_version_says_so_plainly() -> None:
    assert problems("version: 3\n") == ["a.yaml:1:10: format version 3 is not supported; this advisor reads 1 and 2"]


def test_version_2_keys_in_a_version_1_file_name_the_version() -> None:
    text = "version: 1\nservices:\n  a: {role: gateway, reacts: {}, calls: [{service: b, protocol: grpc}]}\n"
    found = problems(text)
    assert len(found) == 3
    assert all("format version 2; set `version: 2`" in line for line in found)
    assert found[0].startswith("a.yaml:3:13: role 'gateway'")


def test_near_misses_in_v2_keys_and_values_get_hints() -> None:
    found = problems(
        "version: 2\nservices:\n  a:\n    reacs: {}\n    calls: [{service: b, protocol: grcp}]\n"
        "flows: {f: {steps: [{service: a, action: x, kind: pivt}]}}\n"
    )
    assert "did you mean 'reacts'?" in found[0]
    assert "'grcp' is not allowed" in found[1] and "did you mean 'grpc'?" in found[1]
    assert "did you mean 'pivot'?" in found[2]


def test_a_detailed_call_needs_its_service_and_a_name_once() -> None:
    found = problems("version: 2\nservices: {a: {calls: [b, {protocol: grpc}, {service: b}]}}\n")
    assert any("missing required key 'service'" in p for p in found)
    assert any("'b' is listed twice" in p for p in found)


def test_per_flow_traits_are_checked_like_the_systems() -> None:
    found = problems("version: 2\nflows: {f: {traits: {compensation: hihg, nope: 1}}}\n")
    assert "did you mean 'high'?" in found[0]
    assert "unknown key 'nope'" in found[1]


def test_the_init_file_is_valid_and_so_is_its_commented_example() -> None:
    from advisor.format.starterfile import starter_text

    text = starter_text("shop")
    assert validate(load_text(text)) == []
    tail = text[text.index("# What was decided") :]
    example = "\n".join(
        line[2:] for line in tail.splitlines() if line.startswith("# ") and not line.startswith("# What")
    )
    doc = load_text("version: 2\n" + example)
    assert validate(doc) == []
    model = read_model(doc)
    assert model.services["payments"].reaction("OrderPlaced") == Reaction(publishes=("PaymentCaptured",))
    assert [s.effective_kind for s in model.flows["place-order"].steps] == [
        "query",
        "compensatable",
        "pivot",
        "retriable",
    ]


def test_an_event_channel_is_an_address_and_defaults_to_the_name() -> None:
    model = read_model(load_text("version: 2\nevents: {A: {channel: 'orders.v1.{id}'}, B: {}}\n"))
    assert model.events["A"].address == "orders.v1.{id}"
    assert model.events["B"].address == "B"
    assert "is not a channel address" in problems("version: 2\nevents: {A: {channel: 'has space'}}\n")[0]
    assert "format version 2" in problems("events: {A: {channel: x}}\n")[0]
