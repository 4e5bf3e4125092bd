"""The rabbitmq target: golden output, safe names, and the starter's own tests on a real broker."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.scaffold.broker_fixtures import (
    as_text,
    awkward_model,
    check_awkward,
    generate,
    run_starter,
)
from tests.scaffold.event_starters import MARKETPLACE_MODEL, model_from, newsroom_model

SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"


def _newsroom() -> dict[str, str]:
    model = newsroom_model()
    return generate(model, "rabbitmq")


def _require_broker() -> None:
    """Skip, saying why, where the starter's tests would find no RabbitMQ."""
    found = os.access(SERVER, os.X_OK) or shutil.which("rabbitmq-server")
    if not (os.environ.get("AMQP_URL") or found):
        pytest.skip("no RabbitMQ here: set AMQP_URL or install rabbitmq-server "
                    "(.ci/setup.d/rabbitmq.sh does it with apt-get)")


def test_newsroom_matches_golden(golden) -> None:  # type: ignore[no-untyped-def]
    golden("scaffold/rabbitmq/newsroom.txt", as_text(_newsroom()))


def test_each_consumer_declares_only_its_own_quorum_queues() -> None:
    files = _newsroom()
    indexer = files["services/search_indexer/consumer.py"]
    assert "QUEUE = 'newsroom.search-indexer'" in indexer
    assert "'ArticlePublished': self.on_article_published" in indexer
    topology = files["messaging/topology.py"]
    assert '"x-queue-type": "quorum"' in topology and '"x-delivery-limit"' in topology
    assert "x-message-ttl" in topology  # delayed retries
    assert "QUEUES" not in topology  # no list of every service's queues
    publisher = files["messaging/publisher.py"]
    assert "declare_exchange(self.channel)" in publisher and "declare_queues" not in publisher
    assert "mandatory=True" in publisher and "confirm_delivery()" in publisher
    consumer = files["messaging/consumer.py"]
    assert "auto_ack=False" in consumer and "method.redelivered" not in consumer
    config = files["messaging/config.py"]
    assert "EXCHANGE = 'newsroom.events'" in config
    assert "DEAD_LETTER_EXCHANGE = 'newsroom.dead-letter'" in config
    assert "services/cms/publisher.py" in files and "services/cms/consumer.py" not in files
    assert "services/cms/outbox.py" in files and "messaging/relay.py" in files
    assert "pika==" in files["requirements.txt"]


def test_awkward_names_give_compiling_python_and_distinct_modules() -> None:
    files = generate(awkward_model(), "rabbitmq")
    check_awkward(files)
    assert "QUEUE = 'sys-tem-2.a-b'" in files["services/a_b/consumer.py"]
    assert "QUEUE = 'sys-tem-2.a-b-2'" in files["services/a_b_2/consumer.py"]


def test_ordering_high_gives_single_active_consumers_and_in_place_retries(tmp_path: Path) -> None:
    files = generate(model_from(MARKETPLACE_MODEL, tmp_path), "rabbitmq")
    assert "ORDERED = True" in files["services/offers/consumer.py"]
    assert '"x-single-active-consumer"' in files["messaging/topology.py"]
    assert "def test_order_per_key_holds_under_a_retry" in files["tests/test_delivery.py"]
    assert "ORDERED = False" in _newsroom()["services/mailer/consumer.py"]
    # `outbox: true` is honoured: an outbox and its relay, never a silent dual write.
    assert "outbox=True" in files["services/offers/consumer.py"]
    assert "services/listings/outbox.py" in files
    payments = files["services/payments/consumer.py"]
    assert "tx.publish('PaymentSettled'" in payments and "-new" not in payments
    assert "tx.publish('" not in files["services/shipping/consumer.py"]


@pytest.mark.slow
def test_marketplace_starter_tests_pass_on_rabbitmq(tmp_path: Path) -> None:
    _require_broker()
    model = model_from(MARKETPLACE_MODEL, tmp_path)
    output = run_starter(generate(model, "rabbitmq"), tmp_path / "starter", model, "rabbitmq")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output


@pytest.mark.slow
def test_newsroom_starter_tests_pass_on_rabbitmq(tmp_path: Path) -> None:
    _require_broker()
    model = newsroom_model()
    output = run_starter(_newsroom(), tmp_path / "starter", model, "rabbitmq")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output


@pytest.mark.slow
def test_awkward_starter_tests_pass_on_rabbitmq(tmp_path: Path) -> None:
    _require_broker()
    model = awkward_model()
    output = run_starter(generate(model, "rabbitmq"), tmp_path / "starter", model, "rabbitmq")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output
