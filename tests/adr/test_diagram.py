"""Mermaid diagrams: the right type per style, declared ids, names sanitized."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.adr.diagram import diagrams
from advisor.format.loader import load_text
from advisor.format.model import Architecture, load_architecture, read_model
from tests.adr.mermaid import check


def model_of(text: str) -> Architecture:
    return read_model(load_text(text, "architecture.yaml"))


HOSTILE = """
version: 1
services:
  end: {role: orchestrator, replicas: 2, calls: [a-b]}
  a-b: {publishes: ['Evt"; click x href "javascript:alert(1)"']}
  a_b: {consumes: ['Evt"; click x href "javascript:alert(1)"']}
flows:
  f:
    style: orchestration
    orchestrator: end
    steps:
      - {service: a-b, action: "charge; %% comment", compensation: "refund#1"}
      - {service: a_b, action: "ship -->> end"}
"""


def test_orchestration_is_a_sequence_with_compensations_in_reverse(checkout_example: Path) -> None:
    (diagram,) = diagrams(load_architecture(checkout_example).model, "orchestration")
    assert check(diagram.code) == "sequenceDiagram"
    lines = [line.strip() for line in diagram.code.splitlines()]
    assert "participant p_checkout as checkout (orchestrator)" in lines
    undo = lines[lines.index("opt a later step fails: undo the earlier steps in reverse order") :]
    assert undo[1:] == [
        "p_checkout->>p_payments: refund (undo capture)",
        "p_checkout->>p_inventory: release (undo reserve)",
        "end",
    ]


def test_choreography_is_a_flowchart_of_services_and_events(newsroom_example: Path) -> None:
    (diagram,) = diagrams(load_architecture(newsroom_example).model, "choreography")
    assert check(diagram.code) == "flowchart"
    assert "    s_cms -->|publishes| e_article_published" in diagram.code.splitlines()
    assert "    e_newsletter_queued -->|consumed by| s_mailer" in diagram.code.splitlines()


def test_hybrid_draws_both_and_hostile_names_stay_inert() -> None:
    found = diagrams(model_of(HOSTILE), "hybrid")
    assert [check(d.code) for d in found] == ["flowchart", "sequenceDiagram"]
    text = "\n".join(d.code for d in found)
    # every line parsed as a node, edge, participant or message: none is a `click` statement
    assert not any(line.strip().startswith("click") for line in text.splitlines())
    assert ";" not in text and "%%" not in text and "#" not in text
    # a-b and a_b snake to the same id: the second gets a suffix instead of merging with the first
    assert "s_a_b" in text and "s_a_b_2" in text and "p_a_b_2" in text


@pytest.mark.parametrize("style", ["orchestration", "choreography", "hybrid"])
def test_a_model_without_services_gets_a_generic_diagram(style: str) -> None:
    found = diagrams(Architecture(), style)
    kinds = [check(d.code) for d in found]
    assert (
        kinds
        == {
            "orchestration": ["sequenceDiagram"],
            "choreography": ["flowchart"],
            "hybrid": ["flowchart", "sequenceDiagram"],
        }[style]
    )
    assert all("has no" in d.caption for d in found)


def test_orchestration_without_flows_draws_the_orchestrators_calls() -> None:
    model = model_of("version: 1\nservices:\n  hub: {role: orchestrator, calls: [x, y]}\n  x: {}\n  y: {}\n")
    (diagram,) = diagrams(model, "orchestration")
    assert check(diagram.code) == "sequenceDiagram"
    assert "p_hub->>p_x: request" in diagram.code


def test_choreography_without_events_or_calls_falls_back_to_the_generic_shape() -> None:
    (diagram,) = diagrams(model_of("version: 1\nservices:\n  lonely: {}\n"), "choreography")
    assert check(diagram.code) == "flowchart" and "has no" in diagram.caption


def test_a_saga_with_a_pivot_undoes_only_the_steps_before_it() -> None:
    model = model_of((Path(__file__).parent / "fixtures" / "models" / "trip-booking.yaml").read_text(encoding="utf-8"))
    (diagram,) = diagrams(model, "orchestration")
    assert check(diagram.code) == "sequenceDiagram"
    lines = [line.strip() for line in diagram.code.splitlines()]
    opt = "opt charge (the pivot) or an earlier step fails: undo the earlier steps in reverse order"
    undo = lines[lines.index(opt) :]
    assert undo[1:4] == [
        "p_booking_saga->>p_flights: cancel-flight (undo reserve-flight)",
        "p_booking_saga->>p_hotels: cancel-hotel (undo reserve-hotel)",
        "end",
    ]


def test_a_gateway_is_never_drawn_as_an_orchestrator() -> None:
    model = model_of("version: 2\nservices:\n  bff: {role: gateway, calls: [a, b, c]}\n  a: {}\n  b: {}\n  c: {}\n")
    drawn = "\n".join(d.code for d in diagrams(model, "orchestration"))
    assert "bff (orchestrator)" not in drawn
    with_caller = model_of("version: 2\nservices:\n  bff: {role: gateway, calls: [a]}\n  a: {calls: [b]}\n  b: {}\n")
    (diagram,) = diagrams(with_caller, "orchestration")
    assert "participant p_a as a (orchestrator)" in diagram.code and "bff" not in diagram.code
