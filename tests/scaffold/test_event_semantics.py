"""Breaking a delivery guarantee in a generated event starter makes the starter's own tests
fail: each case generates a starter, changes one line of its messaging code the way a
careless edit would, and runs its failure tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from advisor.scaffold.engine import plan_starter, write_starter
from tests.scaffold.event_starters import MARKETPLACE_MODEL, model_from
from tests.starters.envs import python_env

# (target, test to run, file, text, replacement, what it breaks)
MUTATIONS = [
    ("rabbitmq", "crash_after_the_commit", "messaging/consumer.py",
     "        # A retried message comes back",
     "        channel.basic_ack(delivery_tag=method.delivery_tag)  # acked before handling\n"
     "        # A retried message comes back", "ack before processing"),
    ("rabbitmq", "poison_message", "messaging/consumer.py",
     "        self._publisher.publish_raw(DEAD_LETTER_EXCHANGE, self.queue, body, _with(props, headers))",
     "        pass  # parking dropped", "dropping the dead-letter queue"),
    ("pubsub", "crash_while_handling", "messaging/consumer.py",
     "        found = dict(message.attributes)",
     "        message.ack()  # acked before handling\n        found = dict(message.attributes)",
     "ack before processing"),
    ("kafka", "crash_after_the_commit", "messaging/consumer.py",
     "        try:\n            envelope = decode(message)",
     "        self._consumer.store_offsets(message=message)  # stored before handling\n"
     "        try:\n            envelope = decode(message)", "offset stored before processing"),
    ("kafka", "reactions_declare", "messaging/store.py",
     "        if self.outbox:\n",
     "        if False:  # outbox row not written in the transaction\n",
     "publishing outside the transaction"),
]


def _skip_without_broker(target: str, output: str) -> None:
    if " skipped" in output and " passed" not in output and " failed" not in output:
        pytest.skip(f"{target}: the starter's tests could not run here: {output[-300:]}")


@pytest.mark.slow
@pytest.mark.parametrize(("target", "test", "path", "old", "new", "breaks"), MUTATIONS,
                         ids=[f"{m[0]}: {m[5]}" for m in MUTATIONS])
def test_breaking_a_guarantee_fails_the_starters_tests(tmp_path: Path, target: str, test: str, path: str,
                                                       old: str, new: str, breaks: str) -> None:
    out = tmp_path / "starter"
    write_starter(plan_starter(model_from(MARKETPLACE_MODEL, tmp_path), target, out))
    source = out / path
    text = source.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{path} no longer contains the line this case changes"
    source.write_text(text.replace(old, new), encoding="utf-8")
    python = python_env(out / "requirements.txt")
    result = subprocess.run([str(python), "-m", "pytest", "-q", "-p", "no:cacheprovider", "-k", test, "tests"],
                            cwd=out, capture_output=True, text=True, timeout=900)
    output = result.stdout + result.stderr
    _skip_without_broker(target, output)
    assert result.returncode != 0 and " failed" in output, f"{breaks} went unnoticed:\n{output[-3000:]}"
