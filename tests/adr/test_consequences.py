"""Consequences say what the choice means for this model, and never what the model contradicts."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from advisor.adr.consequences import consequences
from advisor.format.loader import load_text
from advisor.format.model import Architecture, Decision, Event, Flow, Service, Step, read_model
from advisor.lint import lint_text

TRIP = Path(__file__).parent / "fixtures" / "models" / "trip-booking.yaml"


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
    assert (
        "Bad: `capture` in `checkout` cannot be undone yet: there is no compensation to run when a later step fails"
        in found
    )
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


def test_a_pivot_and_steps_retried_after_it_are_never_called_undoable() -> None:
    model = read_model(load_text(TRIP.read_text(encoding="utf-8"), "architecture.yaml"))
    found = texts(model, "orchestration")
    assert not any("cannot be undone" in text for text in found), found  # query, pivot, retriable: none asked
    assert (
        "Neutral: once `charge` succeeds, `book-trip` must complete: `confirm-hotel` and `confirm-flight` are "
        "retried until they succeed, never undone, so they must be safe to retry"
    ) in found
    # a managed engine is highly available by its provider: no single point of failure, no replicas asked
    managed = "every step passes through `booking-saga`, a managed engine its provider runs highly available"
    assert f"Neutral: {managed}" in found
    assert not any("single point of failure" in text or "replicas" in text for text in found)


def test_a_coordinator_without_declared_replicas_is_said_to_need_them() -> None:
    found = texts(shop(), "orchestration")
    assert (
        "Bad: every step passes through `orders`, whose replicas are not declared: "
        "unless 2 or more run, it is a single point of failure"
    ) in found
    on_step_functions = replace(shop(), decision=Decision("orchestration", "step-functions"))
    assert not any("single point" in text for text in texts(on_step_functions, "orchestration"))


def test_a_step_after_the_pivot_that_cannot_be_retried_is_a_gap() -> None:
    steps = (Step("payments", "charge", kind="pivot"), Step("shipping", "ship"), Step("mail", "send", critical=False))
    model = replace(shop(replicas=2), flows={"checkout": Flow("checkout", orchestrator="orders", steps=steps)})
    found = texts(model, "choreography")  # the saga taxonomy applies whatever the style
    assert (
        "Bad: `ship` in `checkout` comes after the pivot but cannot be retried until done: "
        "if one fails, its flow can neither complete nor be undone"
    ) in found


def test_choreographed_flows_without_a_deadline_are_named_as_lint_names_them() -> None:
    flow = Flow("publish", style="choreography", steps=(Step("a", "write"),))
    model = Architecture(version=2, services={"a": Service("a")}, flows={"publish": flow})
    late = "`publish` has no deadline (`timeout`) yet: a lost event leaves an instance unfinished and nobody notices"
    assert f"Bad: {late}" in texts(model, "choreography")
    for quiet in (replace(model, version=1), replace(model, flows={"publish": replace(flow, timeout="1h")})):
        assert not any("deadline" in text for text in texts(quiet, "choreography"))


def _v1(text: str) -> str:
    """The trip model in format version 1: no kinds, gateway, managed engine or consumer policy."""
    for v2, v1 in (
        ("version: 2", "version: 1"),
        (", kind: pivot", ""),
        (", kind: retriable", ""),
        ("role: gateway", "owner: team-web"),
        ("managed: true", "replicas: 1"),
        ("step-functions", "temporal"),
        ("    consumer: {retries: 5, dead_letter: true}\n", ""),
    ):
        text = text.replace(v2, v1)
    return text


# each edit of the trip model, and what lint then reports: (missing-compensation, non-retriable-after-pivot, spof)
EDITS = {
    "as written": (lambda text: text, (set(), set(), set())),
    "a reservation without compensation": (
        lambda text: text.replace(", compensation: cancel-flight", ""),
        ({("book-trip", "reserve-flight")}, set(), set()),
    ),
    "a confirmation not retriable": (
        lambda text: text.replace("confirm-flight, kind: retriable", "confirm-flight"),
        (set(), {("book-trip", "confirm-flight")}, set()),
    ),
    "an engine on a managed target": (lambda text: text.replace("managed: true", "replicas: 1"), (set(), set(), set())),
    "a self-run engine": (
        lambda text: text.replace("managed: true", "replicas: 1").replace("step-functions", "temporal"),
        (set(), set(), {"booking-saga"}),
    ),
    "the query not named as one": (
        lambda text: text.replace("get-quote", "quote"),
        ({("book-trip", "quote")}, set(), set()),
    ),
    "version 1": (_v1, ({("book-trip", "charge"), ("book-trip", "confirm-hotel")}, set(), {"booking-saga"})),
}


def _named(found: list[str], words: str) -> set[tuple[str, str]]:
    """(flow, action) pairs a consequence containing `words` names."""
    pairs = [re.findall(r"`([^`]+)` in `([^`]+)`", text) for text in found if words in text]
    return {(flow, action) for found_in in pairs for action, flow in found_in}


@pytest.mark.parametrize("edit", list(EDITS))
def test_the_record_names_the_gaps_lint_reports_and_no_others(edit: str) -> None:
    change, (missing, stuck, single) = EDITS[edit]
    text = change(TRIP.read_text(encoding="utf-8"))
    model = read_model(load_text(text, "architecture.yaml"))
    findings = lint_text(text)
    assert not [f for f in findings if f.rule == "schema"], findings

    def linted(rule: str) -> set[tuple[str, str]]:
        subjects = [f.subject for f in findings if f.rule == rule]
        return {(flow, action.split(".", 1)[1]) for flow, action in (s.split(":", 1) for s in subjects)}

    found = texts(model, "orchestration")
    assert _named(found, "cannot be undone yet") == linted("missing-compensation") == missing
    assert _named(found, "after the pivot") == linted("non-retriable-after-pivot") == stuck
    spof = {f.subject for f in findings if f.rule == "orchestrator-spof"}
    said = {name for text in found if "single point of failure" in text for name in re.findall(r"`([^`]+)`", text)}
    assert said == spof == single


def test_under_hybrid_only_choreographed_flows_need_services_to_undo_work() -> None:
    model = replace(shop(replicas=2, compensation="high"), flows={
        "checkout": replace(shop().flows["checkout"], style="orchestration")
    })
    assert not any("undoing work" in text for text in texts(model, "hybrid"))  # the coordinator undoes it
    assert "Bad: undoing work (`checkout`) needs each service to react to failure events itself" in texts(
        model, "choreography"
    )
    evented = replace(model, flows={"checkout": replace(model.flows["checkout"], style="choreography")})
    assert "Bad: undoing work (`checkout`) needs each service to react to failure events itself" in texts(
        evented, "hybrid"
    )


def test_a_coordinator_not_yet_declared_on_a_managed_target_is_not_a_single_point_of_failure() -> None:
    flow = Flow("checkout", style="orchestration", steps=(Step("stock", "reserve", "release"), Step("mail", "send")))
    model = Architecture(services={"stock": Service("stock"), "mail": Service("mail")}, flows={"checkout": flow})
    assert "Bad: every step passes through the coordinator: it needs to run highly available" in texts(
        model, "orchestration"
    )
    managed = replace(model, decision=Decision("hybrid", "kafka+step-functions"))
    assert (
        "Neutral: every step passes through the coordinator, on `step-functions`: "
        "a managed engine its provider runs highly available"
    ) in texts(managed, "hybrid")
