"""New records, superseding (both records, both layouts) and the index, on folders the tests build."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.adr import Record, list_records, plan_index, plan_new_record, plan_supersede, read_record, render_index
from advisor.adr.index import INDEX_MARKER
from advisor.errors import InputError, WriteRefused
from advisor.writing import write_plan
from tests.adr.helpers import adr_tools_project, madr_project, mixed_project, write

DATE = "2024-06-01"


def supersede(folder: Path, old: int, new: int) -> list[Path]:
    return write_plan(plan_supersede(folder, old, new), force=True)


def test_new_madr_skeleton_is_numbered_and_proposed(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)
    planned = plan_new_record(folder, "Use  Postgres\tfor orders", date=DATE)
    assert planned.path == folder / "0003-use-postgres-for-orders.md" and not planned.path.exists()
    record = write_and_read(planned.path, planned.content)
    assert (record.number, record.title, record.status, record.date) == (3, "Use Postgres for orders", "proposed", DATE)
    assert (record.layout, record.chosen_option, record.metadata) == ("madr", "", {})
    for heading in ("## Context and Problem Statement", "## Considered Options", "## Decision Outcome"):
        assert heading in planned.content


def test_new_nygard_record_is_what_adr_tools_would_write(tmp_path: Path) -> None:
    folder = adr_tools_project(tmp_path)
    planned = plan_new_record(folder, "Third Record", status="accepted", template="nygard", date=DATE)
    assert planned.content.startswith("# 3. Third Record\n\nDate: 2024-06-01\n\n## Status\n\nAccepted\n\n## Context\n")
    record = write_and_read(planned.path, planned.content)
    assert (record.layout, record.status) == ("nygard", "accepted")


def write_and_read(path: Path, content: str) -> Record:
    path.write_text(content, encoding="utf-8")
    return read_record(path)


@pytest.mark.parametrize("kwargs", [{"status": "superseded"}, {"template": "asciidoc"}, {"status": "Accepted"}])
def test_new_refuses_bad_options(tmp_path: Path, kwargs: dict[str, str]) -> None:
    with pytest.raises(InputError):
        plan_new_record(tmp_path, "T", **kwargs)


def test_supersede_madr_by_madr_updates_both(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)
    changed = supersede(folder, 1, 2)
    assert len(changed) == 2
    old, new = list_records(folder)
    assert (old.status, old.superseded_by) == ("superseded", (2,))
    assert (new.status, new.supersedes) == ("proposed", (1,))
    text = old.path.read_text(encoding="utf-8")
    assert "status: superseded by ADR-0002\n" in text and "decision-makers: [alice, bob]" in text
    assert text.count("status:") == 1


def test_supersede_nygard_by_nygard_writes_what_adr_tools_reads(tmp_path: Path) -> None:
    folder = write(tmp_path, {"0001-a.md": ADR_A, "0002-b.md": ADR_B})
    supersede(folder, 1, 2)
    old_text = (folder / "0001-a.md").read_text(encoding="utf-8")
    new_text = (folder / "0002-b.md").read_text(encoding="utf-8")
    assert "## Status\n\nSuperseded by [2. B](0002-b.md)\n\n## Context" in old_text  # status word dropped, as adr-tools
    assert "## Status\n\nAccepted\n\nSupersedes [1. A](0001-a.md)\n\n## Context" in new_text
    old, new = list_records(folder)
    assert (old.status, old.superseded_by, new.status, new.supersedes) == ("superseded", (2,), "accepted", (1,))


ADR_A = "# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n"
ADR_B = "# 2. B\n\nDate: 2020-01-02\n\n## Status\n\nAccepted\n\n## Context\n\ny\n"


@pytest.mark.parametrize(("old", "new"), [(1, 2), (2, 1)])
def test_supersede_across_layouts_both_ways(tmp_path: Path, old: int, new: int) -> None:
    folder = mixed_project(tmp_path)
    supersede(folder, old, new)
    records = {r.number: r for r in list_records(folder)}
    assert records[old].status == "superseded" and records[old].superseded_by == (new,)
    assert records[new].supersedes == (old,) and records[new].status != "superseded"


def test_supersede_is_idempotent_and_a_second_successor_is_added(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)
    write(folder, {"0003-third.md": "---\nstatus: accepted\n---\n# Third\n"})
    supersede(folder, 1, 2)
    assert plan_supersede(folder, 1, 2) == []
    supersede(folder, 1, 3)
    assert read_record(folder / "0001-use-kafka-between-bounded-contexts.md").superseded_by == (2, 3)


def test_supersede_edits_a_madr_2_record_in_its_own_list_and_adds_no_front_matter(tmp_path: Path) -> None:
    old_text = "# Old\n\n* Status: accepted\n* Deciders: John Doe\n* Date: 2019-01-01\n\nText.\n"
    new_text = "# New\n\n* Status: accepted\n\n## Context\n\nWhy.\n"
    folder = write(tmp_path, {"0001-old.md": old_text, "0002-new.md": new_text})
    supersede(folder, 1, 2)
    text = (folder / "0001-old.md").read_text(encoding="utf-8")
    assert text == old_text.replace("* Status: accepted", "* Status: superseded by [2. New](0002-new.md)")
    new = (folder / "0002-new.md").read_text(encoding="utf-8")
    assert new == new_text + "\n## Links\n\n* Supersedes [1. Old](0001-old.md)\n"
    old, successor = list_records(folder)
    assert (old.layout, old.superseded_by, successor.supersedes) == ("madr2", (2,), (1,))


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        (1, 1, "cannot supersede itself"),
        (1, 9, "there is no ADR-0009"),
        (2, 1, "would make a cycle"),
    ],
)
def test_supersede_refusals(tmp_path: Path, old: int, new: int, words: str) -> None:
    folder = adr_tools_project(tmp_path)  # ADR 1 is already superseded by ADR 2
    with pytest.raises(InputError, match=words):
        plan_supersede(folder, old, new)


def test_duplicate_numbers_are_ambiguous_for_supersede(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)
    write(folder, {"0002-from-another-branch.md": "# Other\n"})
    with pytest.raises(InputError, match="ambiguous"):
        plan_supersede(folder, 1, 2)


def test_index_lists_statuses_and_successor_links(tmp_path: Path) -> None:
    folder = adr_tools_project(tmp_path)
    text = render_index(folder, list_records(folder))
    assert INDEX_MARKER in text
    assert (
        "| [ADR-0001](0001-first-record.md) | First Record | Superseded by [ADR-0002](0002-second-record.md) "
        "| 1992-01-12 | Choreography |"
    ) in text
    assert "| [ADR-0002](0002-second-record.md) | Second Record | Accepted | 1992-01-12 | Orchestration |" in text


def test_index_refuses_a_hand_written_readme_but_rewrites_its_own(tmp_path: Path) -> None:
    folder = madr_project(tmp_path)  # holds a hand-written README.md
    with pytest.raises(WriteRefused, match="not an index advisor wrote"):
        plan_index(folder)
    write_plan([plan_index(folder, force=True)], force=True)
    write(folder, {"0003-new.md": "# New\n"})
    planned = plan_index(folder)
    assert "0003-new.md" in planned.content and planned.path == folder / "README.md"


def test_an_empty_folder_has_an_empty_index(tmp_path: Path) -> None:
    assert "No records yet" in render_index(tmp_path, [])
