"""The pubsub target: golden output, awkward names, and the starter's own tests on the emulator."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.scaffold.broker_fixtures import awkward_model, check_awkward, run_starter
from tests.scaffold.broker_fixtures import generate as files_of
from tests.scaffold.event_starters import (
    AWKWARD_MODEL,
    EDGE_MODELS,
    MARKETPLACE_MODEL,
    as_text,
    model_from,
    newsroom_model,
    render,
)


def test_newsroom_matches_golden(golden) -> None:  # type: ignore[no-untyped-def]
    files = render(newsroom_model(), "pubsub")
    golden("scaffold/pubsub/newsroom.txt", as_text(files))


def test_newsroom_has_a_versioned_topic_per_event_and_subscriptions_per_consumer() -> None:
    files = render(newsroom_model(), "pubsub")
    events = files["messaging/events.py"]
    assert "topic='newsroom.article-published.v2'" in events and "key='article_id'" in events
    newsletter = files["services/newsletter/consumer.py"]
    assert "'ArticlePublished': 'newsroom.article-published.v2.newsletter'," in newsletter
    assert "DEAD_LETTER_TOPIC = 'newsroom.newsletter.dlq'" in newsletter
    topology = files["messaging/topology.py"]
    assert '"dead_letter_policy"' in topology and '"retry_policy"' in topology
    assert '"enable_message_ordering": True' in topology
    assert "google-cloud-pubsub==2.44.0" in files["requirements.txt"]
    assert "services/cms/outbox.py" in files and "messaging/relay.py" in files
    # Version 1 declares no reactions: the newsletter's handler publishes nothing.
    assert "tx.publish('" not in newsletter


def test_handlers_publish_only_what_reacts_declares(tmp_path: Path) -> None:
    files = render(model_from(MARKETPLACE_MODEL, tmp_path), "pubsub")
    offers = files["services/offers/consumer.py"]
    withdrawn = offers[offers.index("def on_listing_withdrawn"):offers.index("def on_offer_made")]
    assert "tx.publish('OfferCancelled'" in withdrawn and "'OfferAccepted'" not in withdrawn
    payments = files["services/payments/consumer.py"]
    assert "'order_id': tx.new_id('order_id')" in payments and "-new" not in payments
    assert "tx.publish('" not in files["services/shipping/consumer.py"]
    assert "RETRIES = 4" in offers
    delivery = files["tests/test_delivery.py"]
    for test in ("poison_message_is_parked", "undecodable_message_is_parked", "retries_back_off",
                 "order_per_key_holds", "crash_after_the_commit", "consumer_that_was_down",
                 "subscriptions_carry_retry_and_dead_letter_policies"):
        assert test in delivery, test


def test_awkward_names_give_valid_python(tmp_path: Path) -> None:
    files = render(model_from(AWKWARD_MODEL, tmp_path), "pubsub")
    for path, text in files.items():
        if path.endswith(".py"):
            ast.parse(text, filename=path)
    check_awkward(files_of(awkward_model(), "pubsub"))


@pytest.mark.parametrize("edge", sorted(EDGE_MODELS))
def test_edge_models_give_valid_python(tmp_path: Path, edge: str) -> None:
    for path, text in render(model_from(EDGE_MODELS[edge], tmp_path), "pubsub").items():
        if path.endswith(".py"):
            ast.parse(text, filename=path)


def _emulator_output_ok(output: str) -> None:
    if "SKIPPED" in output:  # no emulator on this machine: the skip must say why
        assert "Pub/Sub emulator" in output, output[-3000:]
    else:
        assert "test_delivery.py" in output and "failed" not in output, output[-3000:]


@pytest.mark.slow
def test_marketplace_starter_tests_pass_on_the_emulator(tmp_path: Path) -> None:
    model = model_from(MARKETPLACE_MODEL, tmp_path)
    _emulator_output_ok(run_starter(files_of(model, "pubsub"), tmp_path / "s", model, "pubsub"))


@pytest.mark.slow
def test_awkward_starter_tests_pass_on_the_emulator(tmp_path: Path) -> None:
    model = awkward_model()
    _emulator_output_ok(run_starter(files_of(model, "pubsub"), tmp_path / "s", model, "pubsub"))
