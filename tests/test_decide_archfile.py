"""The architecture file is updated in place: comments, key order and layout survive."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import InputError
from advisor.format.loader import load_text
from advisor.format.update import guess_indent, update_architecture_text

USER_FILE = """\
# Our checkout, reviewed every quarter.
version: 1
system: shop   # the public name

traits:
    services: 6          # counted in March
    compensation: high
    # ordering is argued about
    ordering: medium

decision:
    style: choreography
    target: kafka   # what we run today

# Services below are owned by three teams.
services:
    checkout:
        calls: [payments, stock]
        role: orchestrator
    payments:
        publishes:
          - PaymentCaptured
flows: {}
"""


def update(text: str | None, **decision: str | None) -> str:
    return update_architecture_text(
        text,
        traits={"services": 7, "compensation": "high", "coordinator_ha": False},
        decision=decision,
    )


def test_comments_key_order_and_layout_survive() -> None:
    result = update(USER_FILE, style="orchestration", target=None, adr="docs/decisions/0001-x.md")
    for line in (
        "# Our checkout, reviewed every quarter.",
        "system: shop   # the public name",
        "    services: 7          # counted in March",
        "    # ordering is argued about",
        "    ordering: medium",
        "# Services below are owned by three teams.",
        "        calls: [payments, stock]",
        "          - PaymentCaptured",
        "flows: {}",
    ):
        assert line in result.splitlines(), line
    top_keys = [line.split(":")[0] for line in result.splitlines() if line[:1].isalpha()]
    assert top_keys == ["version", "system", "traits", "decision", "services", "flows"]
    traits = load_text(result).data["traits"]
    assert list(traits) == ["services", "compensation", "ordering", "coordinator_ha"]
    assert traits["coordinator_ha"] is False


def test_decision_keys_set_and_removed_and_blank_line_kept() -> None:
    result = update(USER_FILE, style="orchestration", target=None, adr="docs/decisions/0001-x.md")
    decision = load_text(result).data["decision"]
    assert decision == {"style": "orchestration", "adr": "docs/decisions/0001-x.md"}
    # The blank line and comment that followed the removed `target` still separate the sections.
    assert "    adr: docs/decisions/0001-x.md\n\n# Services below" in result


def test_unchanged_values_give_the_same_text() -> None:
    same = update_architecture_text(
        USER_FILE,
        traits={"services": 6, "compensation": "high", "ordering": "medium"},
        decision={"style": "choreography", "target": "kafka"},
    )
    assert same == USER_FILE


def test_a_new_file_is_created_with_version_traits_and_decision() -> None:
    result = update(None, style="hybrid", date="2026-01-31", reason="we run Kafka already")
    data = load_text(result).data
    assert data["version"] == 2
    assert data["traits"]["services"] == 7
    assert data["decision"] == {
        "style": "hybrid",
        "date": "2026-01-31",
        "reason": "we run Kafka already",
    }
    assert "date: '2026-01-31'" in result  # stays text for every YAML reader


def test_sections_that_are_not_mappings_are_replaced() -> None:
    result = update("version: 1\ntraits: many\ndecision:\n", style="orchestration")
    data = load_text(result).data
    assert data["traits"]["services"] == 7
    assert data["decision"] == {"style": "orchestration"}


def test_missing_sections_go_after_the_header_keys() -> None:
    text = "version: 1\nsystem: shop\nservices:\n  a: {}\n"
    result = update(text, style="orchestration")
    keys = [line.split(":")[0] for line in result.splitlines() if line[:1].isalpha()]
    assert keys == ["version", "system", "traits", "decision", "services"]


def test_indentation_is_guessed() -> None:
    assert guess_indent(USER_FILE) == (4, 2)
    assert guess_indent("a:\n- x\nb:\n  c: 1\n") == (2, 0)
    assert guess_indent("a: 1\n") == (2, 2)


def test_a_value_that_would_read_back_differently_is_refused() -> None:
    with pytest.raises(InputError, match="would not read back the same"):
        update_architecture_text(None, traits={"platform": "yes"}, decision={})


def test_a_new_decision_goes_right_below_the_traits_before_their_comments() -> None:
    text = (
        "version: 1\n"
        "traits:\n"
        "  services: 3\n"
        "\n"
        "# What was decided; advisor decide fills this in.\n"
        "# decision:\n"
        "#   style: orchestration\n"
        "\n"
        "# services:\n"
        "#   checkout: {}\n"
    )
    result = update(text, style="hybrid")
    assert result == (
        "version: 1\n"
        "traits:\n"
        "  services: 7\n"
        "  compensation: high\n"
        "  coordinator_ha: false\n"
        "\n"
        "decision:\n"
        "  style: hybrid\n"
        "\n"
        "# What was decided; advisor decide fills this in.\n"
        "# decision:\n"
        "#   style: orchestration\n"
        "\n"
        "# services:\n"
        "#   checkout: {}\n"
    )


def test_a_new_section_keeps_the_blank_line_between_sections() -> None:
    source = "version: 1\ntraits:\n  compensation: high\n\nservices:\n  a: {}\n"
    out = update_architecture_text(source, traits={"compensation": "high"}, decision={"style": "orchestration"})
    assert out == (
        "version: 1\ntraits:\n  compensation: high\n\ndecision:\n  style: orchestration\n\nservices:\n  a: {}\n"
    )


def test_a_file_with_many_services_is_updated_and_the_rest_kept_byte_for_byte(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from advisor.cli import cli

    services = "".join(f"  svc{i}: {{owner: team{i % 50}}}  # kept\n" for i in range(3_000))
    head = "# my system\nversion: 1\nsystem: big\n\ntraits:\n  compensation: high\n\n"
    (tmp_path / "architecture.yaml").write_text(head + "services:\n" + services)
    result = CliRunner().invoke(cli, ["decide", str(tmp_path / "architecture.yaml"), "--no-input", "--target", "none"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "architecture.yaml").read_text()
    assert text.startswith(head + "decision:\n  style: orchestration\n")
    assert text.endswith("\n\nservices:\n" + services)
