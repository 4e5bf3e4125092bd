"""Arbitrary YAML-shaped data and text through lint and every format: never a traceback."""

from __future__ import annotations

import json
import os
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.lint import lint_text
from advisor.lint.engine import Report
from advisor.lint.finding import SEVERITIES
from advisor.lint.formats import FORMATS, render
from advisor.lint.rules import REGISTRY

KEYS = [
    "version",
    "system",
    "traits",
    "decision",
    "services",
    "events",
    "flows",
    "style",
    "adr",
    "calls",
    "publishes",
    "consumes",
    "role",
    "replicas",
    "orchestrator",
    "steps",
    "service",
    "action",
    "compensation",
    "timeout",
    "trigger",
    "key",
    "ordering",
    "idempotent",
    "outbox",
    "owner",
    "a",
    "b",
    "E",
    "F",
    "orchestration",
    "choreography",
    "hybrid",
    "high",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 10),
    st.floats(allow_nan=False),
    st.sampled_from(KEYS),
    st.text(max_size=8),
)
data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.one_of(st.sampled_from(KEYS), scalars), inner, max_size=5)
    ),
    max_leaves=30,
)
names = st.sampled_from(["a", "b", "c", "d", "E", "F", "G", "ghost"])
service = st.fixed_dictionaries(
    {},
    optional={
        "calls": st.lists(names, max_size=4),
        "publishes": st.lists(names, max_size=3),
        "consumes": st.lists(names, max_size=3),
        "role": st.sampled_from(["orchestrator", "participant"]),
        "replicas": st.integers(0, 3),
        "idempotent": st.booleans(),
        "outbox": st.booleans(),
    },
)
models = st.fixed_dictionaries(
    {
        "version": st.just(1),
        "decision": st.fixed_dictionaries({"style": st.sampled_from(["orchestration", "choreography", "hybrid"])}),
        "traits": st.fixed_dictionaries(
            {},
            optional={"ordering": st.sampled_from(["low", "high"]), "compensation": st.sampled_from(["low", "high"])},
        ),
        "services": st.dictionaries(names, service, max_size=6),
        "events": st.dictionaries(
            names, st.fixed_dictionaries({}, optional={"version": st.integers(1, 3)}), max_size=4
        ),
        "flows": st.dictionaries(
            names,
            st.fixed_dictionaries(
                {"style": st.just("orchestration")},
                optional={
                    "orchestrator": names,
                    "trigger": names,
                    "steps": st.lists(st.fixed_dictionaries({"service": names, "action": st.just("do")}), max_size=4),
                },
            ),
            max_size=2,
        ),
    }
)


def lint_and_render(text: str) -> None:
    findings = lint_text(text, "fuzz.yaml")
    for finding in findings:
        assert finding.rule in REGISTRY and finding.severity in SEVERITIES
        assert finding.line >= 1 and finding.column >= 1 and finding.message
    report = Report(tuple(findings), ("fuzz.yaml",))
    for output in FORMATS:
        rendered = render(report, output)
        if output in ("json", "sarif"):
            json.loads(rendered)


@settings(
    max_examples=int(os.environ.get("ADVISOR_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(data)
def test_any_yaml_shaped_data(value: Any):
    lint_and_render(
        yaml.safe_dump(
            {"services": value, "flows": value, "events": value} if isinstance(value, list) else value,
            allow_unicode=True,
        )
    )


@settings(
    max_examples=int(os.environ.get("ADVISOR_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(models)
def test_model_shaped_data(model: dict[str, Any]):
    lint_and_render(yaml.safe_dump(model, sort_keys=False))


@settings(max_examples=int(os.environ.get("ADVISOR_FUZZ_EXAMPLES", "100")), deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                *"ab:-[]{}#&*!|>'\"\n \t,?%@`",
                "# advisor: ignore[",
                "services:",
                "dual-write",
                "\n  a:",
                "publishes: [E]",
                "!!int ",
                "!!bool ",
                "&x ",
                "*x",
            ]
        ),
        max_size=40,
    )
)
def test_arbitrary_text(pieces: list[str]):
    lint_and_render("".join(pieces))


reaction = st.fixed_dictionaries(
    {}, optional={"publishes": st.lists(names, max_size=2), "calls": st.lists(names, max_size=2)}
)
service_v2 = st.fixed_dictionaries(
    {},
    optional={
        "calls": st.lists(st.one_of(names, st.fixed_dictionaries({"service": names, "protocol": st.just("grpc")}))),
        "publishes": st.lists(names, max_size=3),
        "consumes": st.lists(names, max_size=3),
        "reacts": st.dictionaries(names, reaction, max_size=3),
        "role": st.sampled_from(["orchestrator", "participant", "gateway"]),
        "managed": st.booleans(),
        "datastore": st.booleans(),
        "consumer": st.fixed_dictionaries({}, optional={"retries": st.integers(0, 5), "dead_letter": st.booleans()}),
    },
)
step_v2 = st.fixed_dictionaries(
    {"service": names, "action": st.sampled_from(["get-x", "charge", "ship"])},
    optional={
        "kind": st.sampled_from(["compensatable", "pivot", "retriable", "query"]),
        "critical": st.booleans(),
        "compensation": st.just("undo"),
    },
)
models_v2 = st.fixed_dictionaries(
    {
        "version": st.just(2),
        "decision": st.fixed_dictionaries({"style": st.sampled_from(["orchestration", "choreography", "hybrid"])}),
        "services": st.dictionaries(names, service_v2, max_size=6),
        "events": st.dictionaries(
            names,
            st.fixed_dictionaries({}, optional={"kind": st.sampled_from(["event", "command", "reply"])}),
            max_size=4,
        ),
        "flows": st.dictionaries(
            names,
            st.fixed_dictionaries(
                {"style": st.sampled_from(["orchestration", "choreography"])},
                optional={"orchestrator": names, "timeout": st.just("1h"), "steps": st.lists(step_v2, max_size=5)},
            ),
            max_size=2,
        ),
    }
)
GRAPH_RULES = {"event-cycle", "long-event-chain", "event-join"}


@settings(
    max_examples=int(os.environ.get("ADVISOR_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(models_v2)
def test_version_2_models_and_reactions_that_publish_nothing_cause_no_graph_finding(model: dict[str, Any]):
    lint_and_render(yaml.safe_dump(model, sort_keys=False))
    for service in model["services"].values():
        service["reacts"] = {event: {} for event in service.get("consumes", [])}
    found = {f.rule for f in lint_text(yaml.safe_dump(model, sort_keys=False), "fuzz.yaml")}
    assert not found & GRAPH_RULES
