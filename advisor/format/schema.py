"""The architecture file (format versions 1 and 2) as a JSON Schema.

One schema serves both `advisor schema` (editors, yaml-language-server) and the
model validator (advisor.format.validation), so the two cannot disagree: also on the
keys only version 2 has, which a draft-07 `if`/`then` on `version` refuses in a file
that says (or defaults to) version 1. `errorMessage` (a keyword editors such as
yaml-language-server read) is the one message the validator gives when a subschema
carrying it fails; `x-at: key` points it at the key, and `x-hint` says how to fix it.
"""

from __future__ import annotations

from typing import Any

from advisor.decision.catalogue import Catalogue, load_catalogue
from advisor.targets import HYBRID_PATTERN, TARGET_STYLE

NAME_PATTERN = "^[A-Za-z][A-Za-z0-9_.-]{0,63}$"
CHANNEL_PATTERN = "^[!-~]{1,255}$"
DURATION_PATTERN = "^[1-9][0-9]*(ms|s|m|h|d)$"
SCHEMA_ID = "urn:advisor:schema:architecture:2"
VERSIONS = (1, 2)
STEP_KINDS = ("compensatable", "pivot", "retriable", "query")
EVENT_KINDS = ("event", "command", "reply")
PROTOCOLS = ("http", "grpc", "graphql", "other")
ROLES = ("orchestrator", "participant", "gateway")


def _names(description: str) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"type": "string", "pattern": NAME_PATTERN},
        "uniqueItems": True,
        "description": description,
    }


def _text(description: str) -> dict[str, Any]:
    return {"type": "string", "description": description}


def _named_map(description: str, item: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "propertyNames": {"pattern": NAME_PATTERN},
        "additionalProperties": item,
    }


def _calls() -> dict[str, Any]:
    callee = {"type": "string", "pattern": NAME_PATTERN}
    detailed = _object(
        {"service": callee, "protocol": {"type": "string", "enum": list(PROTOCOLS)}},
        "v2: a call with its protocol",
        required=["service"],
    )
    return {
        "type": "array",
        "items": {"anyOf": [callee, detailed]},
        "uniqueItems": True,
        "description": "synchronous requests to other services: a name, or {service, protocol} (v2)",
    }


def _object(properties: dict[str, Any], description: str, **extra: Any) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "additionalProperties": False,
        **extra,
    }


NEEDS_V2 = "is format version 2; set `version: 2` at the top of the file to use it"
V2_HINT = "Add `version: 2` at the top: every version 1 file reads the same as version 2."

# Keys that only format version 2 has, by path: `*` is any name, `#` any list item.
V2_ONLY: tuple[tuple[str, ...], ...] = (
    ("services", "*", "reacts"),
    ("services", "*", "managed"),
    ("services", "*", "datastore"),
    ("services", "*", "consumer"),
    ("events", "*", "kind"),
    ("events", "*", "channel"),
    ("flows", "*", "traits"),
    ("flows", "*", "steps", "#", "kind"),
    ("flows", "*", "steps", "#", "critical"),
)


def _under(path: tuple[str, ...], leaf: dict[str, Any]) -> dict[str, Any]:
    """A schema that applies `leaf` at `path` (and says nothing about anything else)."""
    schema = leaf
    for part in reversed(path):
        if part == "*":
            schema = {"additionalProperties": schema}
        elif part == "#":
            schema = {"items": schema}
        else:
            schema = {"properties": {part: schema}}
    return schema


def _merge(schemas: list[dict[str, Any]]) -> dict[str, Any]:
    """The schemas built by `_under` as one (their leaves are distinct)."""
    merged: dict[str, Any] = {}
    for schema in schemas:
        for keyword, sub in schema.items():
            if keyword == "properties":
                props = merged.setdefault("properties", {})
                for name, item in sub.items():
                    props[name] = _merge([props[name], item]) if name in props else item
            elif keyword in merged and isinstance(sub, dict):
                merged[keyword] = _merge([merged[keyword], sub])
            else:
                merged[keyword] = sub
    return merged


def version_gate() -> dict[str, Any]:
    """if the file is version 1 (`version: 1` or none), then no key of version 2."""
    forbidden = [
        _under(path, {"not": {}, "errorMessage": f"{path[-1]!r} {NEEDS_V2}", "x-at": "key", "x-hint": V2_HINT})
        for path in V2_ONLY
    ]
    gateway = {"not": {"const": "gateway"}, "errorMessage": f"role 'gateway' {NEEDS_V2}", "x-hint": V2_HINT}
    detailed_call = {"not": {"type": "object"}, "errorMessage": f"a call with details {NEEDS_V2}", "x-hint": V2_HINT}
    forbidden.append(_under(("services", "*", "role"), gateway))
    forbidden.append(_under(("services", "*", "calls", "#"), detailed_call))
    return {
        "if": {"properties": {"version": {"const": 1}}},
        "then": _merge(forbidden),
    }


def _trait_schema(trait: Any) -> dict[str, Any]:
    described = {"description": f"{trait.question} {trait.help}"}
    if trait.type == "int":
        return {"type": "integer", "minimum": trait.minimum, **described}
    if trait.type == "bool":
        return {"type": "boolean", **described}
    return {"type": "string", "enum": list(trait.choices), **described}


def architecture_schema(catalogue: Catalogue | None = None) -> dict[str, Any]:
    """The JSON Schema (draft-07) of the architecture file, traits from the rules."""
    cat = catalogue or load_catalogue()
    traits_props = {t.id: _trait_schema(t) for t in cat.traits.values()}
    step = _object(
        {
            "service": {"type": "string", "pattern": NAME_PATTERN, "description": "the service that runs this step"},
            "action": {"type": "string", "pattern": NAME_PATTERN, "description": "what the service does"},
            "compensation": {
                "type": "string",
                "pattern": NAME_PATTERN,
                "description": "undo action if a later step fails",
            },
            "timeout": {"type": "string", "pattern": DURATION_PATTERN, "description": "e.g. 30s, 5m"},
            "retries": {"type": "integer", "minimum": 0, "description": "attempts after the first"},
            "description": _text("what this step is for"),
            "kind": {
                "type": "string",
                "enum": list(STEP_KINDS),
                "description": "saga role (v2): compensatable (can be undone), pivot (go/no-go), "
                "retriable (after the pivot, retried until done), query (reads only)",
            },
            "critical": {
                "type": "boolean",
                "default": True,
                "description": "v2: false for a best-effort step whose failure does not fail the flow",
            },
        },
        "one step of a flow",
        required=["service", "action"],
    )
    flow = _object(
        {
            "style": {"type": "string", "enum": ["orchestration", "choreography"]},
            "orchestrator": {
                "type": "string",
                "pattern": NAME_PATTERN,
                "description": "required when style is orchestration",
            },
            "timeout": {"type": "string", "pattern": DURATION_PATTERN, "description": "how long one instance may take"},
            "description": _text("what the flow achieves"),
            "trigger": {"type": "string", "pattern": NAME_PATTERN, "description": "the event that starts the flow"},
            "steps": {"type": "array", "items": step},
            "traits": _object(traits_props, "v2: answers for this flow alone, overriding the system's"),
        },
        "a business flow",
        allOf=[
            {
                "if": {"properties": {"style": {"const": "orchestration"}}, "required": ["style"]},
                "then": {
                    "required": ["orchestrator"],
                    "errorMessage": "missing required key 'orchestrator' (needed when style is orchestration)",
                    "x-hint": "Name the service that runs the flow (`orchestrator: <service>`), "
                    "or say `style: choreography`.",
                },
            }
        ],
    )
    service = _object(
        {
            "owner": _text("the owning team"),
            "description": _text("what the service does"),
            "role": {
                "type": "string",
                "enum": list(ROLES),
                "default": "participant",
                "description": "gateway (v2): a reverse proxy or backend-for-frontend",
            },
            "replicas": {"type": "integer", "minimum": 0},
            "managed": {"type": "boolean", "description": "v2: a managed engine (Step Functions, GCP Workflows, ...)"},
            "datastore": {"type": "boolean", "default": True, "description": "v2: owns a database"},
            "calls": _calls(),
            "publishes": _names("events this service publishes"),
            "consumes": _names("events this service consumes"),
            "reacts": _named_map(
                "v2: consumed event -> what handling it does (a consumed event not listed causes nothing)",
                _object(
                    {
                        "publishes": _names("events published while handling it"),
                        "calls": _names("services called while handling it"),
                    },
                    "what handling one consumed event does",
                ),
            ),
            "consumer": _object(
                {
                    "retries": {"type": "integer", "minimum": 0, "description": "redeliveries before giving up"},
                    "dead_letter": {"type": "boolean", "description": "failed messages go to a dead-letter queue"},
                },
                "v2: failure policy for the messages it consumes",
            ),
            "idempotent": {"type": "boolean", "description": "consumer de-duplicates redelivered messages"},
            "outbox": {"type": "boolean", "description": "publishes through a transactional outbox"},
        },
        "a service",
    )
    event = _object(
        {
            "version": {"type": "integer", "minimum": 1},
            "key": {"type": "string", "pattern": NAME_PATTERN, "description": "partition/ordering key"},
            "channel": {
                "type": "string",
                "pattern": CHANNEL_PATTERN,
                "description": "v2: the broker address it travels on (topic, routing key); default: its name",
            },
            "kind": {
                "type": "string",
                "enum": list(EVENT_KINDS),
                "description": "v2: event (a fact), command (asks one service to act), reply (answers a command)",
            },
            "description": _text("what happened"),
            "fields": {
                "type": "object",
                "propertyNames": {"pattern": NAME_PATTERN},
                "additionalProperties": {
                    "type": "string",
                    "enum": ["string", "integer", "number", "boolean", "object", "array"],
                },
            },
        },
        "an event",
    )
    decision = _object(
        {
            "style": {"type": "string", "enum": ["orchestration", "choreography", "hybrid"]},
            "target": {
                "type": "string",
                "anyOf": [{"enum": list(TARGET_STYLE)}, {"pattern": HYBRID_PATTERN}],
                "description": "a scaffold target; hybrid: broker+engine",
            },
            "adr": _text("path of the Architecture Decision Record"),
            "date": _text("when it was decided"),
            "reason": _text("why, when the chosen style differs from the recommended one"),
        },
        "what was decided",
    )
    traits = _object(traits_props, "the questionnaire's answers")
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "advisor architecture file (format versions 1 and 2)",
        **_object(
            {
                "version": {
                    "type": "integer",
                    "enum": list(VERSIONS),
                    "description": "format version: 1, or 2 for reacts, kinds, managed, gateways, ...",
                    "x-not-allowed": "format version {value} is not supported; this advisor reads 1 and 2",
                    "x-hint": "Write `version: 2` (or 1); a file written for a newer advisor needs that advisor.",
                },
                "system": {"type": "string", "description": "the system's name"},
                "description": _text("what the system is"),
                # empty (every answer still commented out, as `advisor init` writes it) or a mapping
                "traits": {**traits, "type": ["object", "null"]},
                "decision": decision,
                "services": _named_map("service name -> details", service),
                "events": _named_map("event name -> details", event),
                "flows": _named_map("business flow name -> details", flow),
            },
            "an architecture model for advisor",
            allOf=[version_gate()],
        ),
    }
