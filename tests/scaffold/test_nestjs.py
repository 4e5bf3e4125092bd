"""The nestjs target: golden output, valid TypeScript names, and the starter's own tests."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from tests.scaffold.event_starters import (
    AWKWARD_MODEL,
    EDGE_MODELS,
    MARKETPLACE_MODEL,
    as_text,
    example_model,
    generate,
    model_from,
    newsroom_model,
    render,
)
from tests.starters.envs import node_modules, run

IDENTIFIER = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")
RESERVED = frozenset({
    "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete",
    "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if",
    "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw",
    "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static",
    "implements", "interface", "package", "private", "protected", "public", "await",
})
DECLARED = re.compile(
    r"^\s*(?:export\s+)?(?:async\s+)?(?:class|function|const|let|interface)\s+(?![\[{])([^\s(<:=;{]+)",
    re.MULTILINE,
)
# a class member's declaration line: `  async name(...): Type {`
METHOD = re.compile(r"^  (?:private |readonly |async )*([^\s(@]+)\([^;\n]*\{$", re.MULTILINE)
IMPORT = re.compile(r"from '(\.[^']+)'")



def check_typescript_names(files: Mapping[str, str]) -> None:
    """Every declared name is a valid, non-reserved identifier; every relative import exists."""
    for path, text in files.items():
        if not path.endswith(".ts"):
            continue
        code = re.sub(r"^\s*//.*$", "", re.sub(r"/\*.*?\*/", "", text, flags=re.S), flags=re.M)
        for name in DECLARED.findall(code) + METHOD.findall(code):
            assert IDENTIFIER.match(name) and name not in RESERVED, f"{path}: {name!r}"
        for target in IMPORT.findall(text):
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(path), target)) + ".ts"
            assert resolved in files, f"{path} imports {target}, which is not generated"


def test_newsroom_matches_golden(golden) -> None:  # type: ignore[no-untyped-def]
    golden("scaffold/nestjs/newsroom.txt", as_text(render(newsroom_model(), "nestjs")))


def test_newsroom_structure() -> None:
    files = render(newsroom_model(), "nestjs")
    package = json.loads(files["package.json"])
    for name in ("@nestjs/common", "@nestjs/core", "@nestjs/microservices"):
        assert package["dependencies"][name].startswith("11.")
    assert package["devDependencies"]["typescript"].startswith("5.")
    assert package["devDependencies"]["@types/node"].startswith("20.")
    pins = {**package["dependencies"], **package["devDependencies"]}
    assert all(re.match(r"^\d+\.\d+\.\d+$", v) for v in pins.values()), pins
    json.loads(files["tsconfig.json"])
    main = files["src/newsletter/main.ts"]
    assert "createMicroservice" in main and "Transport.TCP" in main
    controller = files["src/search-indexer/search-indexer.controller.ts"]
    assert controller.count("@EventPattern(") == 2
    events = files["src/newsletter/newsletter.events.ts"]
    assert "emitTo(this.toMailer, NEWSLETTER_QUEUED_EVENT, message)" in events
    # Version 1 declares no reactions: the newsletter's handler publishes nothing.
    newsletter = files["src/newsletter/newsletter.controller.ts"]
    assert "publishNewsletterQueued" not in newsletter
    assert "does not declare what this event causes" in newsletter
    assert "src/outbox.ts" in files and "outbox" in files["src/cms/cms.events.ts"]
    check_typescript_names(files)


def test_awkward_names_give_valid_typescript(tmp_path: Path) -> None:
    files = render(model_from(AWKWARD_MODEL, tmp_path), "nestjs")
    json.loads(files["package.json"])
    check_typescript_names(files)
    dirs = {"src/search-indexer/main.ts", "src/search-indexer-2/main.ts", "src/class/main.ts"}
    assert dirs <= set(files)
    assert "class ClassController" in files["src/class/class.controller.ts"]
    # the owner's `*/` and quotes cannot end the doc comment early
    doc = files["src/order-service/order-service.controller.ts"].split("/**", 1)[1]
    assert "team orders /" in doc.split("*/", 1)[0]


def test_handlers_publish_only_what_reacts_declares(tmp_path: Path) -> None:
    files = render(model_from(MARKETPLACE_MODEL, tmp_path), "nestjs")
    offers = files["src/offers/offers.controller.ts"]
    withdrawn = offers[offers.index("async onListingWithdrawn"):offers.index("async onOfferMade")]
    assert "publishOfferCancelled" in withdrawn and "publishOfferAccepted" not in withdrawn
    payments = files["src/payments/payments.controller.ts"]
    assert "derivedId(message.eventId, \"PaymentSettled\")" in payments
    assert "'new'" not in payments and "('new')" not in offers
    assert "publishParcelShipped" not in files["src/shipping/shipping.controller.ts"]


@pytest.mark.slow
@pytest.mark.parametrize("which", ["newsroom", "awkward", "marketplace", *sorted(EDGE_MODELS)])
def test_starter_compiles_boots_and_handles_events(tmp_path: Path, which: str) -> None:
    model = (model_from(MARKETPLACE_MODEL, tmp_path) if which == "marketplace"
             else example_model(which, tmp_path))
    starter = generate(model, "nestjs", tmp_path / "s")
    node_modules(starter)
    output = run(["npm", "test"], starter)
    assert "# fail 0" in output
    passed = int(re.search(r"# pass (\d+)", output).group(1))  # type: ignore[union-attr]
    assert passed >= (3 if which in ("newsroom", "awkward", "marketplace") else 1), output[-2000:]
    if which == "newsroom":
        assert "ok 1 - cms publishes ArticlePublished" in output
