"""The record `advisor decide` writes: golden files per example, and what it must say."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from advisor.adr import parse_record, plan_decision_record
from advisor.decision.flows import rescore, score_model
from advisor.decision.scoring import score_traits
from advisor.errors import InputError
from advisor.format.model import Architecture, load_architecture, valid_traits
from advisor.writing import PlannedFile
from tests.adr.helpers import write
from tests.adr.mermaid import blocks, check
from tests.conftest import EXAMPLES, example_file

DATE = "2024-05-31"
EXAMPLE_NAMES = sorted(p.name for p in EXAMPLES.glob("*.yaml"))


def plan(model: Architecture, adr_dir: Path, **options: Any) -> PlannedFile:
    target = model.decision.target or None
    # as `advisor decide` scores it; a library caller may still render a record with nothing answered
    rec = score_model(model, target=target) if rescore(model) else score_traits(model.traits, target=target)
    settings: dict[str, Any] = {
        "style": rec.recommendation,
        "title": f"Coordinate {model.system or 'the system'} with {rec.recommendation}",
        "target": model.decision.target,
        "date": DATE,
        **options,
    }
    return plan_decision_record(model=model, recommendation=rec, adr_dir=adr_dir, **settings)


@pytest.mark.parametrize("template", ["madr", "nygard"])
@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_golden_record_for_each_example_file(example: str, template: str, tmp_path: Path, golden: Any) -> None:
    loaded = load_architecture(example_file(example))
    # with the file's document, the Confirmation lists what lint reports on it today
    planned = plan(loaded.model, tmp_path / "docs/decisions", template=template, document=loaded.document)
    assert not planned.path.exists(), "planning must not write"
    golden(f"adr/{Path(example).stem}.{template}.md", planned.content)


@pytest.mark.parametrize("template", ["madr", "nygard"])
def test_golden_record_for_a_version_2_saga(template: str, tmp_path: Path, golden: Any) -> None:
    """A managed engine, a pivot, retried steps, a query and a gateway: the record says what lint reads."""
    loaded = load_architecture(Path(__file__).parent / "fixtures" / "models" / "trip-booking.yaml")
    planned = plan(loaded.model, tmp_path / "docs/decisions", template=template, document=loaded.document)
    golden(f"adr/trip-booking.{template}.md", planned.content)


@pytest.mark.parametrize("template", ["madr", "nygard"])
def test_a_rendered_record_reads_back_and_re_scores(template: str, tmp_path: Path, checkout_example: Path) -> None:
    model = load_architecture(checkout_example).model
    planned = plan(model, write(tmp_path, {"0006-older.md": "# Older\n"}), template=template, status="accepted")
    assert planned.path.name == "0007-coordinate-web-shop-checkout-with-orchestration.md"
    record = parse_record(planned.content, planned.path)
    assert (record.number, record.status, record.date, record.chosen_option) == (7, "accepted", DATE, "orchestration")
    assert record.layout == template
    meta = record.metadata
    assert meta["style"] == meta["recommended"] == "orchestration" and meta["target"] == "temporal"
    assert meta["architecture"] == "architecture.yaml" and meta["rules_version"] == "1.1"
    rescored = score_traits(valid_traits({"traits": meta["answers"]}))
    assert dict(rescored.scores) == meta["scores"] == dict(score_traits(model.traits).scores)


def test_every_diagram_in_the_records_is_well_formed(
    tmp_path: Path, checkout_example: Path, newsroom_example: Path
) -> None:
    for example, kind in ((checkout_example, "sequenceDiagram"), (newsroom_example, "flowchart")):
        content = plan(load_architecture(example).model, tmp_path).content
        assert [check(code) for code in blocks(content)] == [kind]


def test_madr_sections_come_in_order(tmp_path: Path, checkout_example: Path) -> None:
    content = plan(load_architecture(checkout_example).model, tmp_path).content
    order = [
        "# Coordinate",
        "## Context and Problem Statement",
        "## Decision Drivers",
        "## Considered Options",
        "## Decision Outcome",
        "### Consequences",
        "### Confirmation",
        "## Pros and Cons of the Options",
        "## More Information",
    ]
    positions = [content.index(f"\n{heading}") for heading in order]
    assert positions == sorted(positions)
    assert content.startswith("---\nstatus: proposed\ndate: 2024-05-31\ndecision-makers: []\n")


def test_the_record_explains_itself(tmp_path: Path, checkout_example: Path) -> None:
    content = plan(load_architecture(checkout_example).model, tmp_path, architecture_path="arch/shop.yaml").content
    # the strongest contributions justify the choice, each with its source
    assert 'Chosen option: "Orchestration", because compensation is `high` (failure handling' in content
    assert "[AZ-CH]" in content and "* [AZ-CH] [Microsoft Azure Architecture Center: Choreography pattern](" in content
    # each trait that pushed, with its answer, the style it pushed and the points
    assert "* **Compensation** (`compensation: high`): pushes toward **orchestration** by 10 points;" in content
    # traits that pushed nothing are not drivers: one line names them
    assert "**Platform**" not in content and "Answered, but pushing toward no option: " in content
    assert "`platform: none`" in content.split("Answered, but pushing toward no option: ")[1].split("\n")[0]
    # confirmation names the exact lint command for this file
    assert "```sh\nadvisor lint arch/shop.yaml --fail-on warning\n```" in content
    assert "| Orchestration | 70.8 | chosen, recommended |" in content
    assert "Starter: `temporal` (`advisor scaffold arch/shop.yaml --target temporal`)." in content


def test_flips_and_unanswered_traits_are_listed(tmp_path: Path) -> None:
    model = Architecture(system="shop", traits={"compensation": "high", "team_autonomy": "low"})
    content = plan(model, tmp_path).content
    rec = score_traits(model.traits)
    assert rec.flips, "this answer set is meant to be flippable"
    flip = rec.flips[0]
    assert f"becomes `{str(flip.to).lower() if isinstance(flip.to, bool) else flip.to}`" in content
    assert "### Answered, derived and unanswered traits" in content and "* `ordering`: " in content
    assert "Answered (2 of 17): `compensation`, `team_autonomy`." in content
    assert "traits were answered." not in content  # never claims answers that were not given
    assert "When the answer to " in content


def test_an_override_says_so_and_gives_the_reason(tmp_path: Path, checkout_example: Path) -> None:
    model = load_architecture(checkout_example).model
    planned = plan(model, tmp_path, style="choreography", override_reason="we already run Kafka everywhere")
    content = planned.content
    because = 'Chosen option: "Choreography", because we already run Kafka everywhere (advisor recommended'
    assert because in content
    assert "advisor recommended **Orchestration** for these answers" in content
    assert "As `decision.reason` in `architecture.yaml` says why" in content  # lint reports it as info
    # the answers never recommended choreography: nothing says they "no longer" do
    assert "no longer recommend Choreography" not in content
    assert (
        "recommend Orchestration, not Choreography; as `decision.reason` says why, it is reported at info level "
        "and fails no build"
    ) in content
    record = parse_record(content, planned.path)
    assert record.chosen_option == "choreography"
    assert record.metadata["recommended"] == "orchestration"
    assert record.metadata["override_reason"] == "we already run Kafka everywhere"
    assert "* Bad, because compensation is `high`, which pulls toward orchestration" in content


def test_hybrid_is_explained_by_the_drivers_that_pull_both_ways(tmp_path: Path) -> None:
    model = Architecture(
        traits={"team_autonomy": "high", "compensation": "high", "sequencing": "high", "fan_out": "high"}
    )
    content = plan(model, tmp_path).content
    assert 'Chosen option: "Hybrid", because strong drivers pull both ways' in content
    assert "[BR-MIX]" in content
    assert [check(code) for code in blocks(content)] == ["flowchart", "sequenceDiagram"]


def test_nothing_answered_is_said_plainly(tmp_path: Path) -> None:
    content = plan(Architecture(), tmp_path, style="orchestration").content
    assert "No trait was answered" in content and "answer the questions with `advisor decide`" in content


def test_decision_makers_and_unknown_style_or_template(tmp_path: Path, checkout_example: Path) -> None:
    model = load_architecture(checkout_example).model
    content = plan(model, tmp_path, decision_makers=("alice", "bob")).content
    assert "decision-makers:\n- alice\n- bob\n" in content
    with pytest.raises(Exception, match="unknown style"):
        plan(model, tmp_path, style="chaos")
    with pytest.raises(Exception, match="unknown ADR template"):
        plan(model, tmp_path, template="y-statement")


def test_user_text_is_never_rendered_as_a_template(tmp_path: Path) -> None:
    model = Architecture(system="{{ 7 * 7 }}", description="{% raw %}x")
    content = plan(model, tmp_path, title="Title {{ 6 * 7 }}").content
    # kept as literal text (Markdown's `*` escaped), never evaluated
    assert "{{ 7 \\* 7 }}" in content and "# Title {{ 6 \\* 7 }}" in content and "49" not in content


def test_title_is_one_line_and_status_is_checked(tmp_path: Path, checkout_example: Path) -> None:
    model = load_architecture(checkout_example).model
    planned = plan(model, tmp_path, title="  Coordinate\n checkout  ")
    assert "\n# Coordinate checkout\n" in planned.content and planned.path.name == "0001-coordinate-checkout.md"
    with pytest.raises(InputError, match="title is empty"):
        plan(model, tmp_path, title=" \n")
    with pytest.raises(InputError, match="unknown status 'superseded'"):
        plan(model, tmp_path, status="superseded")


def test_inline_source_tags_link_to_their_source(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py parses the rendered Markdown")
    model = Architecture(system="shop", traits={"compensation": "high", "sequencing": "high"})
    content = plan(model, tmp_path).content
    body = content[content.index("\n---\n", 3) + 5 :]
    html = markdown_it.MarkdownIt("commonmark").render(body)
    # "because compensation is `high` (... [AZ-CH])": the tag is a link to the cited page
    assert '<a href="https://learn.microsoft.com/en-us/azure/architecture/patterns/choreography">AZ-CH</a>' in html
