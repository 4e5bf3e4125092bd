"""Reading records: MADR (front matter, "Chosen option"), adr-tools/Nygard, and bad records."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.adr import list_records, read_record
from advisor.errors import InputError
from tests.adr.helpers import (
    MADR_ACCEPTED,
    adr_tools_project,
    madr_project,
    mixed_project,
    write,
)


def test_adr_tools_records_with_both_supersede_spellings(tmp_path: Path) -> None:
    first, second = list_records(adr_tools_project(tmp_path))
    assert (first.number, first.title, first.status, first.date) == (1, "First Record", "superseded", "1992-01-12")
    assert first.superseded_by == (2,) and first.layout == "nygard"
    assert (second.status, second.supersedes, second.superseded_by) == ("accepted", (1,), ())
    assert first.chosen_option == "choreography" and second.chosen_option == "orchestration"
    assert first.metadata == {} and second.metadata == {}


def test_madr_records_and_non_records_in_the_folder(tmp_path: Path) -> None:
    records = list_records(madr_project(tmp_path))
    assert [r.path.name for r in records] == [
        "0001-use-kafka-between-bounded-contexts.md",
        "0002-orchestrate-checkout.md",
    ]
    kafka, checkout = records
    assert (kafka.status, kafka.date, kafka.layout) == ("accepted", "2024-03-01", "madr")
    assert kafka.chosen_option == "choreography"
    assert kafka.title == "Use Kafka between bounded contexts"
    assert (checkout.status, checkout.chosen_option) == ("proposed", "orchestration")


def test_a_mixed_folder_reads_both_kinds(tmp_path: Path) -> None:
    records = list_records(mixed_project(tmp_path))
    assert [(r.number, r.layout, r.status) for r in records] == [(1, "nygard", "accepted"), (2, "madr", "proposed")]


@pytest.mark.parametrize(
    ("status", "expected", "successors"),
    [
        ("superseded by ADR-0005", "superseded", (5,)),
        ("superseded by [ADR-0005](0005-use-x.md), ADR-0007", "superseded", (5, 7)),
        ("Superceded by 0004-x.md", "superseded", ()),
        ("Accepted", "accepted", ()),
        ("draft", "proposed", ()),
        ("Deprecated", "deprecated", ()),
        ("rejected", "rejected", ()),
    ],
)
def test_madr_status_values(tmp_path: Path, status: str, expected: str, successors: tuple[int, ...]) -> None:
    path = write(tmp_path, {"0003-x.md": f"---\nstatus: {status}\n---\n\n# X\n"}) / "0003-x.md"
    record = read_record(path)
    assert (record.status, record.superseded_by) == (expected, successors)


def test_madr_2_body_fields_and_a_missing_status(tmp_path: Path) -> None:
    folder = write(
        tmp_path,
        {
            "0001-old-style.md": (
                "# Old style\n\n* Status: superseded by [ADR-0002](0002-none.md)\n* Date: 2019-05-01\n"
            ),
            "0002-no-status.md": "# No status at all\n\nText.\n",
        },
    )
    old, bare = list_records(folder)
    assert (old.status, old.superseded_by, old.date) == ("superseded", (2,), "2019-05-01")
    assert bare.status == "accepted"  # as log4brains reads a record without a status


def test_supersedes_list_in_front_matter(tmp_path: Path) -> None:
    text = "---\nstatus: accepted\nsupersedes: [ADR-0001, 2, '0004']\n---\n# Y\n"
    record = read_record(write(tmp_path, {"0005-y.md": text}) / "0005-y.md")
    assert record.supersedes == (1, 2, 4)


def test_advisor_metadata_is_read_from_front_matter(tmp_path: Path) -> None:
    text = (
        "---\nstatus: proposed\nadvisor:\n  style: hybrid\n  rules_version: '1.0'\n"
        '  answers: {compensation: high, coordinator_ha: true}\n---\n# Z\n\nChosen option: "Orchestration"\n'
    )
    record = read_record(write(tmp_path, {"0001-z.md": text}) / "0001-z.md")
    assert record.chosen_option == "hybrid"  # the machine-readable block wins over prose
    assert record.metadata["answers"] == {"compensation": "high", "coordinator_ha": True}


def test_chosen_option_that_names_no_style_is_empty(tmp_path: Path) -> None:
    text = MADR_ACCEPTED.replace('"Choreography"', '"PostgreSQL"')
    assert read_record(write(tmp_path, {"0001-x.md": text}) / "0001-x.md").chosen_option == ""


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("---\nstatus: [accepted\n---\n# T\n", 3, "front matter: invalid YAML"),
        ("---\nstatus: accepted\n# T\n", 1, "never closed"),
        ("---\nstatus: accepted\n---\n\nNo heading here.\n", 4, "no title"),
        ("---\nstatus: [accepted]\n---\n# T\n", 2, "status must be text"),
        ("---\nstatus: accepted\nadvisor: [1, 2]\n---\n# T\n", 3, "must be a mapping"),
        ("---\nstatus: accepted\nsupersedes: [banana]\n---\n# T\n", 3, "does not name a record"),
        ("---\nstatus: accepted\nstatus: rejected\n---\n# T\n", 3, "duplicate"),
    ],
)
def test_bad_records_name_the_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = write(tmp_path, {"0004-bad.md": text}) / "0004-bad.md"
    with pytest.raises(InputError) as caught:
        read_record(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:{line}:"), message
    assert words in message


def test_a_binary_record_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "0001-x.md"
    path.write_bytes(b"# X\x00\xff")
    with pytest.raises(InputError, match=r"0001-x\.md"):
        read_record(path)


def test_front_matter_status_wins_over_a_status_section(tmp_path: Path) -> None:
    text = "---\nstatus: rejected\n---\n# T\n\n## Status\n\nAccepted\n"
    record = read_record(write(tmp_path, {"0001-t.md": text}) / "0001-t.md")
    assert (record.layout, record.status) == ("madr", "rejected")


def test_heading_digits_that_are_not_the_file_number_stay_in_the_title(tmp_path: Path) -> None:
    folder = write(tmp_path, {"0003-orwell.md": "# 1984. Orwell\n", "0004-c.md": "# Use C# ##\n"})
    orwell, csharp = list_records(folder)
    assert (orwell.number, orwell.title) == (3, "1984. Orwell")
    assert csharp.title == "Use C#"


def test_control_and_bidi_characters_never_reach_the_title_or_status(tmp_path: Path) -> None:
    text = "---\nstatus: \"on\\u202e hold\\x1b[2J\"\n---\n# Use \x1b[31mred\x1b[0m \u202egnp.exe\n"
    record = read_record(write(tmp_path, {"0001-x.md": text}) / "0001-x.md")
    assert record.title == "Use [31mred[0m gnp.exe" and record.status == "on hold[2j"
