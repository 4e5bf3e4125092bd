"""The rabbitmq target: golden output, safe names, and the starter's own tests on a real broker."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

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

SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"


def _newsroom() -> dict[str, str]:
    model = load_architecture(shared_example("newsroom-choreography.yaml")).model
    return generate(model, "rabbitmq")


def _require_broker() -> None:
    """Skip, saying why, where the starter's tests would find no RabbitMQ."""
    found = os.access(SERVER, os.X_OK) or shutil.which("rabbitmq-server")
    if not (os.environ.get("AMQP_URL") or found):
        pytest.skip("no RabbitMQ here: set AMQP_URL or install rabbitmq-server "
                    "(.ci/setup.d/rabbitmq.sh does it with apt-get)")


def test_newsroom_matches_golden(golden) -> None:  # type: ignore[no-untyped-def]
    golden("scaffold/rabbitmq/newsroom.txt", as_text(_newsroom()))


def test_newsroom_topology_has_a_queue_and_dead_letter_queue_per_consumer() -> None:
    files = _newsroom()
    topology = files["messaging/topology.py"]
    bindings = "('article-published.v2', 'article-retracted.v1')"
    assert f"'newsroom.search-indexer': {bindings}," in topology
    assert "'newsroom.mailer': ('newsletter-queued.v1',)," in topology
    assert "'newsroom.cms'" not in topology  # publishes only: no queue
    assert 'exchange_type="topic"' in topology and "x-dead-letter-exchange" in topology
    config = files["messaging/config.py"]
    assert "EXCHANGE = 'newsroom.events'" in config
    assert "DEAD_LETTER_EXCHANGE = 'newsroom.dead-letter'" in config
    consumer = files["messaging/consumer.py"]
    assert "auto_ack=False" in consumer and "basic_nack" in consumer
    assert "services/cms/publisher.py" in files and "services/cms/consumer.py" not in files
    assert "pika==" in files["requirements.txt"]


def test_awkward_names_give_compiling_python_and_distinct_modules() -> None:
    files = generate(awkward_model(), "rabbitmq")
    check_awkward(files)
    topology = files["messaging/topology.py"]
    assert "'sys-tem-2.a-b': ('evenement-cree.v1',)," in topology
    assert "'sys-tem-2.a-b-2': ('never-published.v1',)," in topology


@pytest.mark.slow
def test_newsroom_starter_tests_pass_on_rabbitmq(tmp_path: Path) -> None:
    _require_broker()
    model = load_architecture(shared_example("newsroom-choreography.yaml")).model
    output = run_starter(_newsroom(), tmp_path / "starter", model, "rabbitmq")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output


@pytest.mark.slow
def test_awkward_starter_tests_pass_on_rabbitmq(tmp_path: Path) -> None:
    _require_broker()
    model = awkward_model()
    output = run_starter(generate(model, "rabbitmq"), tmp_path / "starter", model, "rabbitmq")
    assert " passed" in output and "failed" not in output and "skipped" not in output, output
