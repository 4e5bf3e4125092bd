"""Consequences say what the choice means for this model, and never what the model contradicts."""

from __future__ import annotations

from dataclasses import replace

from advisor.adr.consequences import consequences
from advisor.format.model import Architecture, Event, Flow, Service, Step


def shop(replicas: int | None = None, **traits: object) -> Architecture:
    steps = (Step("stock", "reserve", "release"), Step("payments", "capture"), Step("shipping", "ship"))
    return Architecture(
        services={
            "orders": Service("orders", role="orchestrator", replicas=replicas),
            "stock": Service("stock"),
            "payments": Service("payments"),
            "shipping": Service("shipping"),
        },
        flows={"checkout": Flow("checkout", orchestrator="orders", steps=steps)},
        traits=traits,  # type: ignore[arg-type]
    )


def texts(model: Architecture, style: str) -> list[str]:
    return [f"{kind}: {text}" for kind, text, _ in consequences(model, style)]


def test_orchestration_names_the_flow_its_compensations_and_the_gap() -> None:
    found = texts(shop(replicas=1), "orchestration")
    assert (
        "Good: the compensations of `checkout` run from one place, in reverse order, when a later step fails" in found
    )
    assert "Bad: `capture` in `checkout` cannot be undone yet: the coordinator has no compensation to run" in found
    assert (
        "Bad: every step passes through `orders`, which is declared with fewer than 2 replicas: "
        "a single point of failure"
        in found
    )


def test_a_highly_available_coordinator_is_not_a_single_point_of_failure() -> None:
    for model in (shop(replicas=3), shop(coordinator_ha=True)):
        found = texts(model, "orchestration")
        assert not any("single point of failure" in text for text in found), found
        assert any(text.startswith("Neutral: every step passes through `orders`") for text in found)


def test_choreography_names_fan_out_and_claims_no_cycle_itself() -> None:
    services = {
        "a": Service("a", publishes=("x",), consumes=("y",)),
        "b": Service("b", consumes=("x",), publishes=("y",)),
        "c": Service("c", consumes=("x",)),
    }
    model = Architecture(services=services, events={"x": Event("x"), "y": Event("y")})
    found = texts(model, "choreography")
    assert "Good: more consumers of `x` join by subscribing, without changing the publisher" in found
    assert not any("cycle" in text for text in found)  # lint's event-cycle knows the reactions
    acyclic = replace(model, services={**services, "a": Service("a", publishes=("x",))})
    # nothing to undo and low compensation: no claim that failure handling is spread out
    assert not any("undoing work" in text for text in texts(acyclic, "choreography"))
