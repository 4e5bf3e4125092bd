"""The kafka target: golden output, safe names, and the starter's own tests on a mock cluster."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from tests.scaffold.broker_fixtures import (
    as_text,
    awkward_model,
    check_awkward,
    generate,
    run_starter,
)
from tests.scaffold.event_starters import MARKETPLACE_MODEL, model_from, newsroom_model


def _newsroom() -> dict[str, str]:
    model = newsroom_model()
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
    # Version 1 declares no reactions: the newsletter's handler publishes nothing.
    assert "tx.publish('" not in files["services/newsletter/consumer.py"]
    assert "does not declare what this event causes" in files["services/newsletter/consumer.py"]
    assert "newsletter.dlq" in files["docker-compose.yml"]
    schema = json.loads(files["schemas/article-published.v2.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["required"] == ["article_id"]
    assert "confluent-kafka==" in files["requirements.txt"]
    assert "check-jsonschema==" in files["requirements.txt"]


def test_adr_is_named_in_the_readme() -> None:
    from advisor.scaffold.engine import make_starter
    from advisor.scaffold.kafka import TARGET

    model = newsroom_model()
    starter = make_starter(model, "kafka", adr="docs/decisions/0001-choreography.md")
    assert "`docs/decisions/0001-choreography.md`" in TARGET.files(starter)["README.md"]


def test_awkward_names_give_compiling_python_and_distinct_modules() -> None:
    files = generate(awkward_model(), "kafka")
    check_awkward(files)
    events = files["messaging/events.py"]
    assert "topic='order-placed.v3'" in events and "topic='order-placed-2.v1'" in events
    assert "def publish_for_(" in files["services/order_service/producer.py"]
    assert "services/messaging_2/producer.py" in files


def test_handlers_publish_only_what_reacts_declares(tmp_path: Path) -> None:
    files = generate(model_from(MARKETPLACE_MODEL, tmp_path), "kafka")
    offers = files["services/offers/consumer.py"]
    made = offers[offers.index("def on_offer_made"):]
    assert "tx.publish('OfferAccepted'" in made and "'OfferCancelled'" not in made
    assert "'offer_id': envelope.payload['offer_id']" in made
    withdrawn = offers[offers.index("def on_listing_withdrawn"):offers.index("def on_offer_made")]
    assert "tx.publish('OfferCancelled'" in withdrawn and "OfferAccepted'" not in withdrawn
    assert "'offer_id': tx.new_id('offer_id')" in withdrawn
    assert "RETRIES = 4" in offers and "DEAD_LETTER = True" in offers
    # PaymentSettled's order_id is not in OfferAccepted: derived from the message, never a constant.
    payments = files["services/payments/consumer.py"]
    assert "'order_id': tx.new_id('order_id')" in payments and "-new" not in payments
    assert "'amount': 1.5,  # TODO" in payments
    shipping = files["services/shipping/consumer.py"]
    assert "tx.publish('" not in shipping and "RETRIES" not in shipping.split("class ")[1][:200]
    assert "outbox=True" in offers and "outbox=False" in payments


def test_the_failure_tests_go_through_an_idempotent_consumer_of_a_keyed_event(tmp_path: Path) -> None:
    files = generate(model_from(MARKETPLACE_MODEL, tmp_path), "kafka")
    delivery = files["tests/test_delivery.py"]
    assert "from services.offers.consumer import SOURCE, OffersConsumer" in delivery
    for test in ("poison_message_is_dead_lettered", "undecodable_message_is_dead_lettered",
                 "retries_back_off", "order_per_key_holds", "crash_after_the_commit",
                 "consumer_that_was_down"):
        assert f"def test_{test}" in delivery or f"def test_a_{test}" in delivery or \
            f"def test_an_{test}" in delivery, test


@pytest.mark.slow
def test_marketplace_starter_tests_pass_on_the_mock_cluster(tmp_path: Path) -> None:
    model = model_from(MARKETPLACE_MODEL, tmp_path)
    output = run_starter(generate(model, "kafka"), tmp_path / "starter", model, "kafka")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output
    assert "test_delivery.py" in output or " passed" in output


@pytest.mark.slow
def test_newsroom_starter_tests_pass_on_the_mock_cluster(tmp_path: Path) -> None:
    model = newsroom_model()
    output = run_starter(_newsroom(), tmp_path / "starter", model, "kafka")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output


@pytest.mark.slow
def test_awkward_starter_tests_pass_on_the_mock_cluster(tmp_path: Path) -> None:
    model = awkward_model()
    output = run_starter(generate(model, "kafka"), tmp_path / "starter", model, "kafka")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output
