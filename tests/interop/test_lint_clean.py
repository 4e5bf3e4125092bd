"""The imported models are valid format version 2 files: lint finds nothing the import caused."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.format.loader import load_text
from advisor.format.validation import validate
from advisor.lint import lint_text
from tests.interop.support import FIXTURES, imported

SOURCES = {
    "kubernetes": [FIXTURES / "kubernetes" / "microservices-demo"],
    "helm-template-stream": [FIXTURES / "kubernetes" / "release-kubernetes-manifests.yaml"],
    "asyncapi-2.6": [FIXTURES / "asyncapi" / "streetlights-kafka-2.6.yml"],
    "asyncapi-3.0-system": [FIXTURES / "asyncapi" / "social-media"],
    "step-functions": [FIXTURES / "step-functions" / "llt.asl.yaml"],
    "step-functions-json": [FIXTURES / "step-functions" / "state-machine.json"],
    "compose": [FIXTURES / "compose" / "docker-compose.yml"],
    "backstage": [FIXTURES / "backstage" / "catalog.yaml"],
}
# Rules about the file's form and references: any finding of these would be the import's fault.
IMPORT_RULES = {"syntax", "schema", "unknown-reference", "bad-suppression"}


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_imported_models_validate_and_lint_without_import_faults(name: str) -> None:
    merged, _ = imported(*SOURCES[name])
    assert [p.message for p in validate(load_text(merged.text, "architecture.yaml"))] == []
    findings = lint_text(merged.text, "architecture.yaml", None, Path("."))
    assert [f"{f.rule}: {f.message}" for f in findings if f.rule in IMPORT_RULES] == []


def test_all_sources_together_make_one_valid_model() -> None:
    merged, data = imported(*(path for paths in SOURCES.values() for path in paths))
    assert [p.message for p in validate(load_text(merged.text, "architecture.yaml"))] == []
    assert {"checkoutservice", "website-backend", "llt", "vote", "wayback-search"} <= set(data["services"])
