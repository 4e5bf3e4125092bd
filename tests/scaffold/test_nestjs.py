"""The nestjs target: golden output, valid TypeScript names, and the starter's own tests."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
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
METHOD = re.compile(r"^  (?:private |readonly |async )*([^\s(@<]+)(?:<[^>]*>)?\([^;\n]*\{$", re.MULTILINE)
IMPORT = re.compile(r"from '(\.[^']+)'")
DEBIAN_SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"



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
    assert package["dependencies"]["better-sqlite3"].startswith("12.")  # 13 crashes on Node 20
    main = files["src/newsletter/main.ts"]
    assert "createMicroservice" in main and "Transport.RMQ" in main and "noAck: false" in main
    controller = files["src/search-indexer/search-indexer.controller.ts"]
    assert controller.count("@EventPattern(") == 2
    assert controller.count("await deliver(context, this.queue") == 2
    topology = files["src/topology.ts"]
    assert '"newsroom.events"' in topology and "'x-queue-type': 'quorum'" in topology
    assert '"search-indexer": { queue: "newsroom.search-indexer"' in topology
    events = files["src/newsletter/newsletter.events.ts"]
    assert "this.publisher.publish(EXCHANGE, event.routingKey" in events
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
    """The starter's own tests on a real RabbitMQ: chains, poison to DLQ, down consumer, redelivery."""
    if not (os.environ.get("AMQP_URL") or any(
            os.access(p, os.X_OK) for p in (os.environ.get("RABBITMQ_SERVER") or "", DEBIAN_SERVER))
            or shutil.which("rabbitmq-server")):
        pytest.skip("no RabbitMQ: set AMQP_URL or install rabbitmq-server (.ci/setup.d/rabbitmq.sh)")
    model = (model_from(MARKETPLACE_MODEL, tmp_path) if which == "marketplace"
             else example_model(which, tmp_path))
    starter = generate(model, "nestjs", tmp_path / "s")
    node_modules(starter)
    output = run(["npm", "test"], starter)
    assert "# fail 0" in output and "# skipped 0" in output, output[-2000:]
    passed = int(re.search(r"# pass (\d+)", output).group(1))  # type: ignore[union-attr]
    assert passed >= (3 if which in ("newsroom", "awkward", "marketplace") else 1), output[-2000:]
    if which == "newsroom":
        assert "ok 1 - cms publishes ArticlePublished" in output
        assert "ok 5 - a poison message is parked in newsroom.search-indexer.dlq" in output
        assert "ok 6 - search-indexer gets what was published while it was down" in output
        assert "ok 7 - search-indexer handles a redelivered event once" in output
