"""ADR directory discovery, numbering and file names."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.adr import find_adr_dir, next_number, record_filename, title_slug
from advisor.adr.dirs import is_dated_folder, record_files, record_number
from advisor.errors import InputError
from tests.adr.helpers import write


def test_adr_dir_file_is_found_from_a_subfolder_and_read_relative_to_its_folder(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()  # the repository's root: the search stops there
    (tmp_path / ".adr-dir").write_text("architecture/decisions\n", encoding="utf-8")
    start = tmp_path / "services" / "payments"
    start.mkdir(parents=True)
    assert find_adr_dir(start) == tmp_path / "architecture/decisions"


def test_adr_dir_file_wins_over_conventional_folders(tmp_path: Path) -> None:
    (tmp_path / "docs/decisions").mkdir(parents=True)
    (tmp_path / ".adr-dir").write_text("doc/arch", encoding="utf-8")
    assert find_adr_dir(tmp_path) == tmp_path / "doc/arch"


@pytest.mark.parametrize("existing", ["docs/decisions", "docs/adr", "doc/adr"])
def test_an_existing_conventional_folder_is_used(tmp_path: Path, existing: str) -> None:
    (tmp_path / existing).mkdir(parents=True)
    assert find_adr_dir(tmp_path) == tmp_path / existing


def test_docs_decisions_comes_before_doc_adr(tmp_path: Path) -> None:
    (tmp_path / "doc/adr").mkdir(parents=True)
    (tmp_path / "docs/decisions").mkdir(parents=True)
    assert find_adr_dir(tmp_path) == tmp_path / "docs/decisions"


def test_default_is_docs_decisions(tmp_path: Path) -> None:
    assert find_adr_dir(tmp_path) == tmp_path / "docs/decisions"


def test_an_empty_adr_dir_file_is_an_error_naming_it(tmp_path: Path) -> None:
    (tmp_path / ".adr-dir").write_text("\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        find_adr_dir(tmp_path)
    assert ".adr-dir" in str(caught.value)


def test_next_number_after_0009_is_10(tmp_path: Path) -> None:
    write(tmp_path, {"0008-a.md": "# A\n", "0009-b.md": "# B\n"})
    assert next_number(tmp_path) == 10
    assert record_filename(10, "C") == "0010-c.md"


def test_leading_zeros_are_not_octal(tmp_path: Path) -> None:
    # int("0008", 8) would fail and "0010" read as octal is 8: both traps adr-tools had.
    write(tmp_path, {"0010-x.md": "# X\n", "0008-y.md": "# Y\n"})
    assert next_number(tmp_path) == 11


def test_gaps_do_not_get_filled(tmp_path: Path) -> None:
    write(tmp_path, {"0001-a.md": "# A\n", "0007-b.md": "# B\n"})
    assert next_number(tmp_path) == 8


def test_other_files_are_ignored_and_log4brains_names_read_but_not_counted(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "0003-real.md": "# Real\n",
            "README.md": "# Index\n",
            "template.md": "# T\n",
            "0099-draft.txt": "x",
            "20240101-log4brains-style.md": "# L\n",
            "notes-0042.md": "# N\n",
        },
    )
    (tmp_path / "0050-a-folder.md").mkdir()
    assert [p.name for p in record_files(tmp_path)] == ["0003-real.md", "20240101-log4brains-style.md"]
    assert next_number(tmp_path) == 4  # a date is not a record number to continue from
    assert not is_dated_folder(tmp_path)
    (tmp_path / "0003-real.md").unlink()
    assert is_dated_folder(tmp_path)


def test_a_missing_or_empty_folder_starts_at_1(tmp_path: Path) -> None:
    assert next_number(tmp_path / "nothing-here") == 1
    assert next_number(tmp_path) == 1


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Use Kafka for events", "use-kafka-for-events"),
        ("Café über Straße", "cafe-uber-strasse"),
        ("Ørsted's Œuvre: Łódź", "orsted-s-oeuvre-lodz"),
        ("Выбор брокера", "выбор-брокера"),
        ("事件驱动", "事件驱动"),
        ("../../etc/passwd", "etc-passwd"),
        ("!!!", "decision"),
    ],
)
def test_title_slugs_handle_unicode_and_never_leave_the_folder(title: str, slug: str) -> None:
    assert title_slug(title) == slug
    assert "/" not in title_slug(title) and title_slug(title) not in ("", ".", "..")


def test_madr_0000_is_a_number_and_impossible_dates_are_not_log4brains_names() -> None:
    assert record_number(Path("0000-use-markdown-architectural-decision-records.md")) == 0
    assert record_number(Path("20201028-superseded-adr.md")) == 20201028
    assert record_number(Path("20201332-not-a-date.md")) is None


def test_a_parent_doc_adr_is_found_from_a_subfolder_up_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "doc/adr").mkdir(parents=True)
    (repo / "services/payments").mkdir(parents=True)
    assert find_adr_dir(repo / "services/payments") == repo / "doc/adr"


def test_discovery_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "doc/adr").mkdir(parents=True)  # outside the repository: not this project's
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "src").mkdir()
    assert find_adr_dir(repo / "src") == repo / "docs/decisions"  # the default, at the root


def test_relative_starts_give_relative_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "doc/adr").mkdir(parents=True)
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert find_adr_dir(Path(".")) == Path("../doc/adr")


def test_an_adr_dir_file_naming_a_folder_outside_the_repository_is_refused(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".adr-dir").write_text("../elsewhere\n", encoding="utf-8")
    with pytest.raises(InputError, match="outside the repository") as caught:
        find_adr_dir(repo)
    assert str(caught.value).startswith(f"{repo / '.adr-dir'}:1:1:")


def test_adr_dir_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / ".adr-dir").write_text("elsewhere\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert find_adr_dir(repo / "sub") == repo / "docs/decisions"
    assert find_adr_dir(repo) == repo / "docs/decisions"


@pytest.mark.parametrize("named", ["../outside", "/tmp", "docs/../../x"])
def test_adr_dir_naming_a_folder_outside_the_repository_is_refused(tmp_path: Path, named: str) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".adr-dir").write_text(named + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"outside the repository.*--adr-dir"):
        find_adr_dir(repo)
