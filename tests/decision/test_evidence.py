"""Traits derived from the model: what each rests on, and that answers always win."""

from __future__ import annotations

from advisor.decision.evidence import flow_traits, system_traits
from advisor.decision.flows import score_model
from advisor.format.loader import load_text
from advisor.format.model import read_model

MODEL = """
version: 2
decision: {style: hybrid, target: kafka+temporal}
services:
  orders: {role: orchestrator, replicas: 1, publishes: [OrderPlaced]}
  stock: {consumes: [OrderPlaced]}
  mail: {consumes: [OrderPlaced]}
  crm: {consumes: [OrderPlaced]}
  pay: {}
events:
  OrderPlaced: {version: 1}
flows:
  order:
    orchestrator: orders
    timeout: 3d
    steps:
      - {service: stock, action: reserve, compensation: release}
      - {service: pay, action: charge, compensation: refund}
      - {service: crm, action: record, kind: retriable}
  lookup:
    steps:
      - {service: stock, action: get-levels}
"""


def model(text: str = MODEL):  # type: ignore[no-untyped-def]
    return read_model(load_text(text, "architecture.yaml"))


def test_each_derivation_says_where_it_comes_from() -> None:
    derived = system_traits(model())
    said = {tid: (d.answer, d.basis) for tid, d in derived.items()}
    assert said["services"] == (5, "the file declares 5 services")
    assert said["flow_length"] == (4, "flow order involves 4 services")
    assert said["fan_out"] == ("high", "OrderPlaced has 3 consumers")
    assert said["compensation"] == ("high", "flow order has 2 compensating steps")
    assert said["long_running"] == ("high", "flow order waits up to 3 days")
    assert said["platform"][0] == "both" and "decision.target is kafka+temporal" in said["platform"][1]
    assert "coordinator_ha" not in derived  # one self-run replica: the model does not say it is HA
    assert derived["compensation"].at == ("flows", "order")


def test_what_the_model_does_not_declare_is_not_derived() -> None:
    flow = model().flows["lookup"]  # one read: no writes, no timeout, no trigger
    assert set(flow_traits(flow)) == {"flow_length", "compensation"}
    assert flow_traits(flow)["compensation"].answer == "low"
    writes = read_model(load_text("flows:\n  f:\n    steps:\n      - {service: a, action: write}\n", "a.yaml"))
    assert "compensation" not in flow_traits(writes.flows["f"])  # a write without kind or undo says nothing


def test_answers_override_derived_traits_and_are_never_reported_as_derived() -> None:
    answered = model(MODEL.replace("version: 2\n", "version: 2\ntraits: {compensation: low, services: 9}\n"))
    rec = score_model(answered)
    by_trait = {c.trait: c for c in rec.contributions}
    assert by_trait["compensation"].answer == "low" and by_trait["compensation"].origin == "answered"
    assert by_trait["services"].answer == 9
    assert by_trait["fan_out"].origin == "derived" and by_trait["fan_out"].basis == "OrderPlaced has 3 consumers"
    assert {d.trait for d in rec.derived} == {"flow_length", "fan_out", "long_running", "platform"}
    assert rec.answered == tuple(c.trait for c in rec.contributions if c.origin == "answered")


def test_a_service_declaring_its_reaction_does_nothing_more_is_an_independent_step() -> None:
    text = (
        "version: 2\nservices:\n  core: {publishes: [Started]}\n"
        "  store: {consumes: [Started], reacts: {Started: {}}}\n"
        "  screens: {consumes: [Started], reacts: {Started: {}}}\n"
        "  relay: {consumes: [Started], publishes: [Next], reacts: {Started: {publishes: [Next]}}}\n"
        "flows:\n  updates:\n    trigger: Started\n    steps:\n"
        "      - {service: store, action: sync}\n      - {service: screens, action: show}\n"
    )
    model = read_model(load_text(text, "a.yaml"))
    found = flow_traits(model.flows["updates"], model)
    assert found["fan_out"].answer == "medium" and found["sequencing"].answer == "low"
    # without the model, or when a step's reaction goes on to publish, nothing is said of it
    assert "fan_out" not in flow_traits(model.flows["updates"])
    longer = text.replace("action: show}", "action: show}\n      - {service: relay, action: go}")
    chained = read_model(load_text(longer, "a.yaml"))
    assert "fan_out" not in flow_traits(chained.flows["updates"], chained)
