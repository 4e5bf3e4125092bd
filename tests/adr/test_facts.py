"""The context of a record names this system's services, flows and events, from its file."""

from __future__ import annotations

from dataclasses import replace

from advisor.adr.facts import model_facts
from advisor.format.model import Architecture, Decision, Event, Flow, Service, Step


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


def trip(**changes: object) -> Architecture:
    """A version 2 saga: two undoable reservations, the charge as pivot, two confirmations retried."""
    steps = (
        Step("quotes", "get-quote"),
        Step("hotels", "reserve-hotel", "cancel-hotel"),
        Step("flights", "reserve-flight", "cancel-flight"),
        Step("payments", "charge", kind="pivot"),
        Step("hotels", "confirm-hotel", kind="retriable"),
        Step("flights", "confirm-flight", kind="retriable"),
        Step("mail", "send-receipt", kind="retriable", critical=False),
    )
    services = {
        "web": Service("web", role="gateway", calls=("quotes", "saga", "hotels")),
        "saga": Service("saga", role="orchestrator", managed=True),
        **{name: Service(name) for name in ("quotes", "hotels", "flights", "payments", "mail")},
    }
    model = Architecture(
        version=2,
        services=services,
        events={"Charge": Event("Charge", kind="command")},
        flows={"book": Flow("book", style="orchestration", orchestrator="saga", steps=steps)},
    )
    return replace(model, **changes)  # type: ignore[arg-type]


def test_a_version_2_saga_says_what_each_step_is() -> None:
    services, flow, events = model_facts(trip())
    assert "`saga` is an orchestrator on a managed engine, which its provider runs highly available." in services
    assert "replicas" not in services  # a managed engine is not asked for replicas, as lint does not
    assert "`web` is a gateway: its calls route requests rather than coordinate a flow." in services
    assert flow.endswith(
        "; 2 of its 7 steps can be undone; `charge` is its pivot: once it succeeds, the flow must complete; "
        "`confirm-hotel` and `confirm-flight` are retried until they succeed, never undone; "
        "`get-quote` only reads: nothing to undo; `send-receipt` is best effort."
    )
    assert "cannot be undone" not in flow
    assert events == "1 event: `Charge` (a command, published by no declared service, consumed by none)."


def test_an_orchestrator_on_a_managed_target_is_managed_and_a_flow_names_orchestrators_too() -> None:
    model = trip(
        services={**trip().services, "saga": Service("saga")},  # no role: a flow names it
        decision=Decision(style="orchestration", target="step-functions"),
    )
    services = model_facts(model)[0]
    managed = "`saga` is an orchestrator on `step-functions`, a managed engine its provider runs highly available."
    assert managed in services
    self_run = replace(model, decision=Decision(style="orchestration", target="temporal"))
    assert "`saga` is an orchestrator, replicas not declared." in model_facts(self_run)[0]
    one = replace(self_run, services={**self_run.services, "saga": Service("saga", replicas=1)})
    assert "`saga` is an orchestrator, with 1 replica." in model_facts(one)[0]


def test_a_flow_of_queries_or_of_unknown_kinds_reads_as_such() -> None:
    reads = Flow("look", steps=(Step("a", "get-cart"), Step("b", "lookup_price")))
    model = Architecture(services={"a": Service("a"), "b": Service("b")}, flows={"look": reads})
    assert model_facts(model)[1] == (
        "Flow `look`: `get-cart` on `a` → `lookup_price` on `b`; "
        "`get-cart` and `lookup_price` only read: nothing to undo."
    )
    writes = Flow("w", style="choreography", steps=(Step("a", "reserve"), Step("b", "ship")))
    assert model_facts(replace(model, flows={"w": writes}))[1] == (
        "Flow `w`, choreographed: `reserve` on `a` → `ship` on `b`; no step can be undone."
    )
