"""Merging into a file written by hand: comments kept, the file wins, conflicts reported, idempotent."""

from __future__ import annotations

from pathlib import Path

from advisor.errors import Location
from advisor.format.interop.facts import Fact, Facts
from advisor.format.interop.merge import merge_facts
from advisor.format.interop.report import report_data, report_text
from advisor.format.loader import load_text
from tests.interop.support import FIXTURES, imported

DEMO = FIXTURES / "kubernetes" / "microservices-demo"
HAND = """\
# Our shop, modelled by hand.
version: 1
system: online-boutique   # the demo
traits:
  services: 11

services:
  checkoutservice:
    owner: team-checkout   # owns the flow
    replicas: 3            # scaled up for the sale
    calls: [paymentservice]
"""


def test_comments_and_hand_written_facts_survive() -> None:
    merged, data = imported(DEMO, text=HAND)
    assert "# Our shop, modelled by hand." in merged.text
    assert "system: online-boutique   # the demo" in merged.text
    assert "owner: team-checkout   # owns the flow" in merged.text
    assert data["traits"] == {"services": 11}
    assert data["services"]["checkoutservice"]["owner"] == "team-checkout"


def test_a_platform_default_the_file_sets_otherwise_is_no_conflict() -> None:
    merged, data = imported(DEMO, text=HAND)  # the demo's Deployment says no replicas: Kubernetes runs one
    assert data["services"]["checkoutservice"]["replicas"] == 3
    assert [e for e in merged.entries if e.status == "conflict"] == []
    (kept,) = [e for e in merged.entries if e.status == "overridden"]
    assert kept.path == ("services", "checkoutservice", "replicas") and (kept.current, kept.value) == (3, 1)
    assert kept.detail == "no replicas: the Kubernetes default"
    report = report_text(merged, "architecture.yaml", written=True)
    assert "conflicts (" not in report and "0 in conflict, 1 platform defaults set otherwise in the file" in report


def test_the_file_wins_and_the_conflict_is_reported(tmp_path: Path) -> None:
    compose = tmp_path / "compose.yaml"
    compose.write_text("services:\n  checkoutservice:\n    image: shop/checkout\n    deploy: {replicas: 2}\n",
                       encoding="utf-8")
    merged, data = imported(compose, text=HAND)
    assert data["services"]["checkoutservice"]["replicas"] == 3
    (conflict,) = [e for e in merged.entries if e.status == "conflict"]
    assert conflict.path == ("services", "checkoutservice", "replicas")
    assert (conflict.current, conflict.value) == (3, 2)
    assert "services.checkoutservice.replicas: the file says 3, the source 2" in report_text(
        merged, "architecture.yaml", written=True)


def test_a_conflict_in_a_list_of_steps_names_what_differs() -> None:
    saga = FIXTURES / "step-functions" / "llt.asl.yaml"
    first, _ = imported(saga)
    edited = first.text.replace("action: process-payment, timeout: 10s, retries: 3",
                                "action: process-payment, timeout: 10s, retries: 5")
    merged, _ = imported(saga, text=edited)
    assert [e.path for e in merged.entries if e.status == "conflict"] == [("flows", "llt", "steps")]
    report = report_text(merged, "architecture.yaml", written=False)
    assert "  flows.llt.steps: steps[1].retries: file 5, source 3  (" in report
    assert report_data(merged, "a.yaml", written=False)["facts"][-1]["differences"] == [
        "steps[1].retries: file 5, source 3"]


def test_a_plain_call_gains_its_protocol_and_new_calls_are_appended() -> None:
    _, data = imported(DEMO, text=HAND)
    calls = data["services"]["checkoutservice"]["calls"]
    assert calls[0] == {"service": "paymentservice", "protocol": "grpc"}  # the hand-written call, first
    assert len(calls) == 6 and len({c["service"] for c in calls}) == 6


def test_importing_again_changes_nothing() -> None:
    first, _ = imported(DEMO, text=HAND)
    second, _ = imported(DEMO, text=first.text)
    assert second.text == first.text
    assert not second.changed
    assert {e.status for e in second.entries} <= {"same", "conflict", "overridden"}


def test_the_file_becomes_format_version_2() -> None:
    merged, data = imported(DEMO, text=HAND)
    assert merged.upgraded and data["version"] == 2
    fresh, new = imported(DEMO)
    assert new["version"] == 2 and fresh.text.startswith("# Architecture model for advisor (format version 2)")


def test_sections_are_created_in_the_usual_order() -> None:
    merged, _ = imported(FIXTURES / "step-functions" / "llt.asl.yaml", text="version: 2\nflows: {}\n")
    assert merged.text.index("services:") < merged.text.index("flows:")


def test_a_section_that_is_not_a_mapping_is_a_conflict_not_a_crash() -> None:
    facts = Facts([Fact("set", ("services", "a", "replicas"), 2, Location("src.yaml", 3, 1))])
    merged = merge_facts("version: 2\nservices: [a, b]\n", facts)
    assert [e.status for e in merged.entries] == ["conflict"]
    assert load_text(merged.text).data["services"] == ["a", "b"]


def test_indentation_of_the_file_is_kept(tmp_path: Path) -> None:
    text = "version: 2\nservices:\n    cart:\n        owner: team-cart\n"
    merged, _ = imported(DEMO, text=text)
    assert "    cart:\n        owner: team-cart\n" in merged.text


def test_new_files_are_block_style_even_with_nothing_in_them() -> None:
    assert merge_facts(None, Facts()).text.endswith("\nversion: 2\n")
    merged, _ = imported(FIXTURES / "step-functions" / "llt.asl.yaml")
    assert "\nservices:\n  llt:\n    role: orchestrator\n    managed: true\n" in merged.text
    assert "\n    steps:\n    - {service: new-order, action: process-order," in merged.text


def test_a_one_line_file_gains_its_sections_one_a_line() -> None:
    merged, _ = imported(FIXTURES / "step-functions" / "llt.asl.yaml", text="{version: 2}\n")
    assert merged.text.startswith("version: 2\nservices:\n  llt:\n    role: orchestrator\n")
    merged, _ = imported(FIXTURES / "step-functions" / "llt.asl.yaml", text="version: 2\nflows: {}\n")
    assert "\nflows:\n  llt:\n    description: " in merged.text


def test_a_conflicting_call_names_its_callee_and_what_differs() -> None:
    facts = Facts([Fact("add", ("services", "web", "calls"), {"service": "pay", "protocol": "grpc"},
                        Location("s.yaml", 3, 1))])
    merged = merge_facts("version: 2\nservices:\n  web:\n    calls: [{service: pay, protocol: http}]\n", facts)
    assert "  services.web.calls: pay.protocol: file http, source grpc  (s.yaml:3:1)" in report_text(
        merged, "a.yaml", written=False)


def test_a_value_the_source_states_is_still_a_conflict_when_it_has_a_detail() -> None:
    autoscaled = Fact("set", ("services", "cart", "replicas"), 3, Location("hpa.yaml", 7, 3),
                      "minReplicas of its HorizontalPodAutoscaler")
    merged = merge_facts("version: 2\nservices:\n  cart: {replicas: 2}\n", Facts([autoscaled]))
    assert [e.status for e in merged.entries] == ["conflict"]
