"""The context of a record names this system's services, flows and events, from its file."""

from __future__ import annotations

from advisor.adr.facts import model_facts
from advisor.format.model import Architecture, Event, Flow, Service, Step


def shop(**traits: object) -> Architecture:
    services = {
        "orders": Service("orders", role="orchestrator", replicas=2),
        "payments": Service("payments", publishes=("paid",)),
        "mail": Service("mail", consumes=("paid",)),
    }
    steps = (Step("payments", "capture", "refund"), Step("mail", "send"))
    return Architecture(
        system="shop",
        services=services,
        events={"paid": Event("paid"), "lost": Event("lost")},
        flows={"checkout": Flow("checkout", orchestrator="orders", steps=steps)},
        traits=traits,  # type: ignore[arg-type]
    )


def test_services_flows_and_events_by_name() -> None:
    facts = model_facts(shop())
    assert facts == [
        "3 services: `orders`, `payments` and `mail`. `orders` is an orchestrator, with 2 replicas.",
        "Flow `checkout`, run by `orders`: `capture` on `payments` → `send` on `mail`; 1 of its 2 steps can be undone.",
        "2 events: `paid` (published by `payments`, consumed by `mail`); "
        "`lost` (published by no declared service, consumed by none).",
    ]


def test_traits_that_disagree_with_the_file_are_pointed_out() -> None:
    facts = model_facts(shop(services=9, flow_length=3))  # orders + payments + mail take part: 3 is right
    assert facts[-1] == (
        "The traits say `services: 9`, but the file declares 3 services; "
        "the score uses the trait, so check which is right."
    )
    assert not any("flow_length" in fact for fact in facts)
    assert any("`flow_length: 5`" in fact for fact in model_facts(shop(flow_length=5)))


def test_names_are_code_spans_whatever_they_hold() -> None:
    model = Architecture(services={"a`b <i>": Service("a`b <i>")})
    assert model_facts(model) == ["1 service: ``a`b <i>``."]


def test_a_file_without_services_adds_nothing() -> None:
    assert model_facts(Architecture(system="x", traits={"services": 4})) == []
