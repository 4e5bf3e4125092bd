"""The kafka target: golden output, safe names, and the starter's own tests on a mock cluster."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from advisor.model import load_architecture
from tests.conftest import shared_example
from tests.scaffold.broker_fixtures import (
    as_text,
    awkward_model,
    check_awkward,
    generate,
    run_starter,
)


def _newsroom() -> dict[str, str]:
    model = load_architecture(shared_example("newsroom-choreography.yaml")).model
    return generate(model, "kafka")


def test_newsroom_matches_golden(golden) -> None:  # type: ignore[no-untyped-def]
    golden("scaffold/kafka/newsroom.txt", as_text(_newsroom()))


def test_newsroom_maps_the_model() -> None:
    files = _newsroom()
    # A producer per publishing service, a consumer per consuming one, an outbox where asked.
    assert {"services/cms/producer.py", "services/cms/outbox.py", "services/newsletter/producer.py",
            "services/newsletter/consumer.py", "services/mailer/consumer.py"} <= set(files)
    assert "services/mailer/producer.py" not in files
    assert "services/newsletter/outbox.py" not in files
    # Versioned topics, the event's key as message key.
    events = files["messaging/events.py"]
    assert "topic='article-published.v2'" in events and "key='article_id'" in events
    assert "article-published.v2" in files["docker-compose.yml"]
    assert "IDEMPOTENT = True" in files["services/search_indexer/consumer.py"]
    schema = json.loads(files["schemas/article-published.v2.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["article_id"]
    assert "confluent-kafka==" in files["requirements.txt"]
    assert "check-jsonschema==" in files["requirements.txt"]


def test_adr_is_named_in_the_readme() -> None:
    from advisor.scaffold.engine import make_starter
    from advisor.scaffold.kafka import TARGET

    model = load_architecture(shared_example("newsroom-choreography.yaml")).model
    starter = make_starter(model, "kafka", adr="docs/decisions/0001-choreography.md")
    assert "`docs/decisions/0001-choreography.md`" in TARGET.files(starter)["README.md"]


def test_awkward_names_give_compiling_python_and_distinct_modules() -> None:
    files = generate(awkward_model(), "kafka")
    check_awkward(files)
    events = files["messaging/events.py"]
    assert "topic='order-placed.v3'" in events and "topic='order-placed-2.v1'" in events
    assert "def publish_for_(" in files["services/order_service/producer.py"]
    assert "services/messaging_2/producer.py" in files


@pytest.mark.slow
def test_newsroom_starter_tests_pass_on_the_mock_cluster(tmp_path: Path) -> None:
    model = load_architecture(shared_example("newsroom-choreography.yaml")).model
    output = run_starter(_newsroom(), tmp_path / "starter", model, "kafka")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output


@pytest.mark.slow
def test_awkward_starter_tests_pass_on_the_mock_cluster(tmp_path: Path) -> None:
    model = awkward_model()
    output = run_starter(generate(model, "kafka"), tmp_path / "starter", model, "kafka")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output
