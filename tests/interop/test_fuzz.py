"""Hostile and malformed documents: every importer records notes or facts, or refuses a broken
document with a located error; it never crashes."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from advisor.errors import InputError
from advisor.format.interop.facts import Facts
from advisor.format.interop.importing import IMPORTERS, Options
from advisor.format.interop.merge import merge_facts
from advisor.format.interop.sources import Source
from advisor.format.loader import load_text
from advisor.format.validation import validate

WORDS = ["apiVersion", "kind", "metadata", "name", "spec", "template", "containers", "env", "value", "image",
         "replicas", "selector", "ports", "labels", "services", "depends_on", "environment", "deploy", "StartAt",
         "States", "Type", "Task", "Next", "End", "Catch", "Retry", "MaxAttempts", "Resource", "asyncapi",
         "channels", "operations", "action", "messages", "$ref", "publish", "subscribe", "message", "payload",
         "properties", "type", "components", "dependsOn", "consumesApis", "providesApis", "owner", "Deployment",
         "Service", "Component", "send", "receive", "#/channels/a/messages/b", "a:80", "http://a:1/x", "a"]
SCALARS = st.one_of(st.sampled_from(WORDS), st.integers(-3, 5), st.booleans(), st.none(),
                    st.text(st.characters(min_codepoint=32, max_codepoint=126) | st.sampled_from("éü—✓"), max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(WORDS), inner, max_size=5)), max_leaves=30)
HEADS = {
    "asyncapi": {"asyncapi": st.sampled_from(["2.6.0", "3.0.0"])},
    "kubernetes": {"apiVersion": st.just("apps/v1"), "kind": st.sampled_from(["Deployment", "Service", "List"])},
    "compose": {"services": st.dictionaries(st.sampled_from(WORDS), VALUES, max_size=4)},
    "step-functions": {"StartAt": st.sampled_from(WORDS), "States": st.dictionaries(st.sampled_from(WORDS), VALUES)},
    "backstage": {"apiVersion": st.just("backstage.io/v1alpha1"), "kind": st.sampled_from(["Component", "API"])},
}


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    kind = draw(st.sampled_from(sorted(HEADS)))
    body = draw(st.dictionaries(st.sampled_from(WORDS), VALUES, max_size=6))
    body.update({k: draw(v) for k, v in HEADS[kind].items()})
    return kind, body


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents())
def test_importers_never_crash_and_write_valid_files(case: tuple[str, dict[str, Any]]) -> None:
    kind, body = case
    document = load_text(json.dumps(body, ensure_ascii=False), "fuzz.json")
    facts = Facts()
    try:
        IMPORTERS[kind]([Source(document, kind, True)], facts, Options())
    except InputError as error:  # a broken document (a transition or $ref to nothing): refused, located
        assert error.location is not None and error.location.line >= 1
        return
    merged = merge_facts(None, facts)
    assert [p.message for p in validate(load_text(merged.text, "architecture.yaml"))] == []


def test_wrong_types_where_lists_belong() -> None:
    cases = {
        "step-functions": {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:lambda:x:1:function:f",
                                                           "Retry": 5, "Catch": "all", "End": True}}},
        "backstage": {"apiVersion": "backstage.io/v1alpha1", "kind": "Component",
                      "metadata": {"name": "a"}, "spec": {"type": "service", "dependsOn": 3, "consumesApis": 1,
                                                          "providesApis": True}},
        "compose": {"services": {"a": {"image": "x", "depends_on": 7, "environment": 3, "labels": 2, "deploy": 1}}},
        "kubernetes": {"apiVersion": "v1", "kind": "Deployment", "metadata": {"name": "a", "labels": 4},
                       "spec": {"replicas": "two", "template": {"metadata": {"labels": 1},
                                                               "spec": {"containers": [{"env": 5}]}}}},
    }
    for kind, body in cases.items():
        facts = Facts()
        IMPORTERS[kind]([Source(load_text(json.dumps(body)), kind, True)], facts, Options())
        declared = {f.path for f in facts.facts if f.op == "declare"}
        assert ("services", "f" if kind == "step-functions" else "a") in declared, kind
