"""Importing fixtures in tests, and the official schemas the exports are checked against."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import referencing
import referencing.jsonschema

from advisor.format.interop.importing import Options, collect
from advisor.format.interop.merge import Merged, merge_facts
from advisor.format.loader import load_text
from advisor.format.model import Architecture, read_model

HERE = Path(__file__).parent
FIXTURES = HERE / "fixtures"
SCHEMAS = HERE / "schemas"


def imported(*paths: Path, text: str | None = None, **options: Any) -> tuple[Merged, dict[str, Any]]:
    """Import `paths` (into `text`, else a new file): the merge and the data it reads back as."""
    merged = merge_facts(text, collect(list(paths), Options(**options)))
    return merged, load_text(merged.text).data


def model_of(text: str) -> Architecture:
    """The typed model of architecture-file text."""
    return read_model(load_text(text))


@cache
def asyncapi_validator() -> jsonschema.Draft7Validator:
    """The official AsyncAPI 3.0.0 JSON Schema (from the npm package @asyncapi/specs)."""
    schema = json.loads((SCHEMAS / "asyncapi" / "asyncapi-3.0.0.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


@cache
def backstage_validators() -> dict[str, jsonschema.Draft7Validator]:
    """Kind -> validator, from the entity schemas of the npm package @backstage/catalog-model."""
    registry: referencing.Registry[Any] = referencing.Registry()
    schemas = {}
    for path in (SCHEMAS / "backstage").glob("*.schema.json"):
        schema = json.loads(path.read_text(encoding="utf-8"))
        schemas[schema["$id"]] = schema
        registry = registry.with_resource(
            schema["$id"], referencing.Resource.from_contents(schema, referencing.jsonschema.DRAFT7))
    return {kind: jsonschema.Draft7Validator(schemas[sid], registry=registry)
            for kind, sid in (("Component", "ComponentV1alpha1"), ("API", "ApiV1alpha1"))}


def errors(validator: jsonschema.Draft7Validator, document: Any) -> list[str]:
    """The schema errors of a document, as readable lines."""
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(document)]


def source_line(location_path: str, line: int) -> str:
    """The text of a 1-based line of a source file."""
    return Path(location_path).read_text(encoding="utf-8").splitlines()[line - 1]
