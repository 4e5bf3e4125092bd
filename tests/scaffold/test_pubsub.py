"""The pubsub target: golden output, awkward names, and the starter's own tests."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import shared_example
from tests.scaffold.event_starters import (
    AWKWARD_MODEL,
    EDGE_MODELS,
    as_text,
    generate,
    model_from,
    model_of,
    render,
    run_pytest,
)
from tests.starters.envs import python_env, run


def newsroom() -> Path:
    """The shared choreography example (or a skip)."""
    return shared_example("newsroom-choreography.yaml")


UNIT_TESTS = ("tests/test_contracts.py", "tests/test_services.py")


def test_newsroom_matches_golden(golden) -> None:  # type: ignore[no-untyped-def]
    files = render(model_of(newsroom()), "pubsub")
    golden("scaffold/pubsub/newsroom.txt", as_text(files))


def test_newsroom_has_topic_per_event_and_subscription_per_consumer() -> None:
    files = render(model_of(newsroom()), "pubsub")
    contracts = files["contracts.py"]
    assert "topic='newsroom.article-published'" in contracts
    assert "'newsletter': 'newsroom.article-published.newsletter'" in contracts
    assert "key='article_id'" in contracts
    assert re.search(r"google-cloud-pubsub==2\.44\.\d+", files["requirements.txt"])
    assert "outbox.py" in files and "processed.py" in files
    modules = ("cms", "search_indexer", "newsletter", "social_poster", "mailer")
    assert {f"services/{s}.py" for s in modules} <= set(files)


def test_newsroom_unit_tests_pass(tmp_path: Path) -> None:
    starter = generate(model_of(newsroom()), "pubsub", tmp_path / "s")
    output = run_pytest(starter, *UNIT_TESTS)
    assert re.search(r"\d+ passed", output) and "cms:ArticlePublished" not in output


def test_awkward_names_give_valid_python(tmp_path: Path) -> None:
    files = render(model_from(AWKWARD_MODEL, tmp_path), "pubsub")
    for path, text in files.items():
        if path.endswith(".py"):
            ast.parse(text, filename=path)
    # colliding names get distinct modules; keywords are suffixed
    assert {"services/search_indexer.py", "services/search_indexer_2.py", "services/class_.py",
            "services/import_.py"} <= set(files)
    assert '"""' not in files["services/order_service.py"].split('"""')[1]


def test_awkward_names_unit_tests_pass(tmp_path: Path) -> None:
    starter = generate(model_from(AWKWARD_MODEL, tmp_path), "pubsub", tmp_path / "s")
    output = run_pytest(starter, "-v", *UNIT_TESTS)
    # the chain runs through the renamed services, and the cycle back to Order.Placed is cut
    assert "passed" in output and "failed" not in output
    assert "Not re-publishing" in (starter / "services" / "import_.py").read_text()


def test_model_without_events_gets_a_chain_from_its_flows(tmp_path: Path) -> None:
    text = ("version: 1\nsystem: shop\nservices: {a: {}, b: {}}\nflows:\n  buy:\n    steps:\n"
            "      - {service: a, action: reserve}\n      - {service: b, action: charge}\n")
    starter = generate(model_from(text, tmp_path), "pubsub", tmp_path / "s")
    assert "b-charge-done" in (starter / "README.md").read_text()
    output = run_pytest(starter, "-v", *UNIT_TESTS)
    assert "test_publication_runs_down_its_chain[a:a-reserve-done] PASSED" in output


@pytest.mark.parametrize("edge", sorted(EDGE_MODELS))
def test_edge_models_give_a_starter_whose_tests_pass(tmp_path: Path, edge: str) -> None:
    starter = generate(model_from(EDGE_MODELS[edge], tmp_path), "pubsub", tmp_path / "s")
    output = run_pytest(starter, *UNIT_TESTS)
    assert "passed" in output


@pytest.mark.slow
@pytest.mark.parametrize("which", ["newsroom", "awkward"])
def test_starter_tests_pass_on_the_emulator(tmp_path: Path, which: str) -> None:
    model = model_of(newsroom()) if which == "newsroom" else model_from(AWKWARD_MODEL, tmp_path)
    starter = generate(model, "pubsub", tmp_path / "s")
    python = python_env(starter / "requirements.txt")
    output = run([str(python), "-m", "pytest", "-v", "-rs"], starter)
    assert "test_contracts.py" in output and "failed" not in output
    if "test_emulator.py" in output and "SKIPPED" in output:
        # no emulator on this machine: the skip must say why
        assert "Pub/Sub emulator" in output, output[-3000:]
    elif which == "newsroom":
        # on the emulator, the chain from cms runs through newsletter to mailer
        chain = ("test_emulator.py::test_publication_runs_down_its_chain"
                 "[cms:ArticlePublished] PASSED")
        assert chain in output, output[-3000:]
