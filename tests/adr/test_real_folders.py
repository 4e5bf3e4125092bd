"""ADR folders other tools made (tests/adr/fixtures): listed, indexed, superseded and linked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor.adr import list_records, plan_supersede, read_folder, render_index
from advisor.adr.index import render_graph_dot, render_graph_mermaid, render_toc
from advisor.cli import cli
from advisor.errors import InputError
from advisor.writing import write_plan

FIXTURES = Path(__file__).parent / "fixtures"


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copytree(FIXTURES / name, target)
    return target


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["adr", *args])


# --- MADR's own docs/decisions ---------------------------------------------------------


def test_madr_decisions_all_read_with_0000_on_hold_and_a_status_in_a_code_block() -> None:
    folder = read_folder(FIXTURES / "madr-decisions")
    assert folder.problems == ()
    numbers = [r.number for r in folder.records]
    assert numbers == list(range(19))  # 0000 is a number; index.md and adr-template.md are not records
    by_number = {r.number: r for r in folder.records}
    assert by_number[0].title == "Use Markdown Architectural Decision Records"
    assert by_number[3].status == "on hold" and not by_number[3].known_status
    # 0008 shows `status: ...` lines in a ```markdown example: not its status
    assert by_number[8].status == "accepted" and by_number[8].title == "Add Status Field"
    assert by_number[0].chosen_text.startswith("MADR 4.0.0")
    assert folder.dialect == "madr"


def test_madr_decisions_list_and_index_through_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy("madr-decisions", tmp_path)
    monkeypatch.chdir(tmp_path)
    listed = run("list", "--dir", folder.name)
    assert listed.exit_code == 0 and listed.stderr == ""
    assert "ADR-0000  accepted" in listed.stdout and "ADR-0003  on hold " in listed.stdout
    index = run("index", "--dir", folder.name)
    assert index.exit_code == 0
    assert "| [ADR-0003](0003-provide-own-madr-tools.md) | Write Own MADR Tooling | On hold | - |" in index.stdout
    assert index.stdout.count("\n| [ADR-") == 19


def test_superseding_a_madr_record_keeps_its_front_matter_and_everything_else(tmp_path: Path) -> None:
    folder = copy("madr-decisions", tmp_path)
    old = folder / "0003-provide-own-madr-tools.md"
    new = folder / "0018-use-confirmation-as-heading.md"
    before_old, before_new = old.read_text(encoding="utf-8"), new.read_text(encoding="utf-8")
    write_plan(plan_supersede(folder, 3, 18), force=True)
    assert old.read_text(encoding="utf-8") == before_old.replace("status: on hold", "status: superseded by ADR-0018")
    assert new.read_text(encoding="utf-8") == before_new.replace(
        "nav_order: 18\n", "nav_order: 18\nsupersedes: [ADR-0003]\n"
    )
    records = {r.number: r for r in list_records(folder)}
    assert records[3].superseded_by == (18,) and records[18].supersedes == (3,)


def test_the_0000_record_can_be_superseded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy("madr-decisions", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("supersede", "0", "1", "--dir", folder.name)
    assert result.exit_code == 0, result.output
    text = (folder / "0000-use-markdown-architectural-decision-records.md").read_text(encoding="utf-8")
    assert text.startswith("---\nstatus: superseded by ADR-0001\nparent: Decisions\nnav_order: 0\n---\n")


# --- log4brains --------------------------------------------------------------------------


def test_log4brains_records_are_read_by_date_name_with_their_statuses() -> None:
    folder = read_folder(FIXTURES / "log4brains")
    assert folder.problems == ()
    by_name = {r.path.stem: r for r in folder.records}
    assert len(by_name) == 14  # template.md and the oddly named file are not records
    assert by_name["20201030-draft-adr"].status == "proposed"  # log4brains' draft
    assert by_name["20201029-rejected-adr"].status == "rejected"
    assert by_name["20201028-superseded-adr"].superseded_by_names == ("20201029-superseder.md",)
    assert by_name["20201028-superseded-adr"].status == "superseded"
    # the link in another record of the same date does not make it superseded
    assert by_name["20201028-links"].status == "accepted"
    assert by_name["20200102-adr-without-title"].title == "Adr without title"
    assert (
        by_name["20200101-first-adr"].layout == "madr2" and by_name["20200101-first-adr"].cite == "20200101-first-adr"
    )


def test_superseding_a_log4brains_record_edits_its_list_and_adds_no_front_matter(tmp_path: Path) -> None:
    folder = copy("log4brains", tmp_path)
    old, new = folder / "20200101-first-adr.md", folder / "20201030-draft-adr.md"
    before = old.read_text(encoding="utf-8")
    write_plan(plan_supersede(folder, 20200101, 20201030), force=True)
    after = old.read_text(encoding="utf-8")
    assert after == before.replace("- Status: accepted", "- Status: superseded by [Draft ADR](20201030-draft-adr.md)")
    assert not after.startswith("---") and "- Deciders: John Doe, Foo bar" in after
    assert new.read_text(encoding="utf-8").endswith("## Links\n\n- Supersedes [First ADR](20200101-first-adr.md)\n")


def test_a_date_several_records_share_is_ambiguous(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="ambiguous"):
        plan_supersede(copy("log4brains", tmp_path), 20200102, 20201030)


def test_a_new_record_in_a_log4brains_folder_is_named_by_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy("log4brains", tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("new", "--dir", folder.name, "--date", "2024-02-29", "Use", "Kafka")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(Path(folder.name) / "20240229-use-kafka.md")
    created = folder / "20240229-use-kafka.md"
    assert created.read_text(encoding="utf-8").startswith("# Use Kafka\n\n- Status: proposed\n- Date: 2024-02-29\n")
    [record] = [r for r in list_records(folder) if r.path == created]
    assert (record.layout, record.status, record.date) == ("madr2", "proposed", "2024-02-29")
    assert read_folder(folder).dialect == "madr2"


# --- adr-tools ---------------------------------------------------------------------------


def test_an_adr_tools_folder_lists_with_statuses_and_links() -> None:
    folder = read_folder(FIXTURES / "adr-tools/doc/architecture")
    assert folder.problems == () and folder.dialect == "nygard"
    records = {r.number: r for r in folder.records}
    assert [records[n].status for n in range(1, 6)] == [
        "superseded",
        "superseded",
        "superseded",
        "accepted",
        "accepted",
    ]
    assert records[3].supersedes == (2,) and records[3].superseded_by == (5,)
    assert records[4].links == (("Amends", 3),) and records[3].links == (("Amended by", 4),)
    assert records[5].supersedes == (3, 1)
    assert records[3].chosen_option == "orchestration"  # "We will orchestrate ..., instead of events"


def test_graph_is_what_adr_tools_generates() -> None:
    records = list_records(FIXTURES / "adr-tools/doc/architecture")
    # adr-tools' own `adr generate graph` on this folder, its "Supercedes" spelled right
    expected = (FIXTURES / "adr-tools-graph.dot").read_text(encoding="utf-8").replace("Supercedes", "Supersedes")
    assert render_graph_dot(records) == expected
    prefixed = render_graph_dot(records, prefix="http://example.com/", extension=".xxx")
    assert 'URL="http://example.com/0003-orchestrate-the-checkout-flow.xxx"' in prefixed
    mermaid = render_graph_mermaid(records)
    assert '    adr4 -->|"Amends"| adr3' in mermaid and "    adr1 -.-> adr2" in mermaid


def test_toc_is_what_adr_tools_generates_with_intro_and_outro() -> None:
    records = list_records(FIXTURES / "adr-tools/doc/architecture")
    toc = render_toc(records, intro="An intro.\n\nTwo paragraphs.\n", outro="An outro.\n", prefix="")
    assert toc.startswith(
        "# Architecture Decision Records\n\nAn intro.\n\nTwo paragraphs.\n\n* [1. Record architecture"
    )
    assert toc.endswith("* [5. Use Temporal for checkout](0005-use-temporal-for-checkout.md)\n\nAn outro.\n")
    index = render_index(Path("x"), records, intro="Read me first.", outro="The end.")
    assert "\nRead me first.\n" in index and index.endswith("\nThe end.\n")


def test_from_a_subfolder_new_finds_the_folder_and_writes_nygard(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = copy("adr-tools", tmp_path)
    (project / ".git").mkdir()
    (project / "src/deep").mkdir(parents=True)
    monkeypatch.chdir(project / "src/deep")
    result = run("new", "-s", "4", "-s", "2", "-l", "1:Amends:Amended by", "--date", "2024-01-02", "Use", "sagas")
    assert result.exit_code == 0, result.output
    created = project / "doc/architecture/0006-use-sagas.md"
    assert result.stdout.splitlines()[0] == "../../doc/architecture/0006-use-sagas.md" and created.is_file()
    assert not (project / "src/deep/docs").exists()  # never a new folder beside the old one
    text = created.read_text(encoding="utf-8")
    assert text.startswith("# 6. Use sagas\n\nDate: 2024-01-02\n\n## Status\n\nProposed\n\n")
    assert "Supersedes [4. Add a timeout to checkout](0004-add-a-timeout-to-checkout.md)" in text
    assert "Supersedes [2. Use events between services]" in text and "Amends [1. Record architecture" in text
    records = {r.number: r for r in list_records(project / "doc/architecture")}
    assert records[4].superseded_by == (6,) and records[2].superseded_by == (3, 6)
    assert records[1].links == (("Amended by", 6),) and records[6].supersedes == (4, 2)


def test_new_refuses_everything_when_one_supersede_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy("adr-tools", tmp_path)
    folder = project / "doc/architecture"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    monkeypatch.chdir(project)
    result = run("new", "-s", "4", "-s", "9", "X")
    assert result.exit_code == 2 and "there is no ADR-0009" in result.stderr
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_link_both_ways_as_adr_tools(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy("adr-tools", tmp_path)
    monkeypatch.chdir(project)
    result = run("link", "5", "Clarifies", "4", "Clarified by")
    assert result.exit_code == 0, result.output
    records = {r.number: r for r in list_records(project / "doc/architecture")}
    assert ("Clarifies", 4) in records[5].links and ("Clarified by", 5) in records[4].links
    assert records[4].status == "accepted"  # a link is not a status
    assert run("link", "5", "Clarifies", "4", "Clarified by").stdout == ""  # again: nothing changes


def test_crlf_and_bom_are_kept_on_every_edit(tmp_path: Path) -> None:
    project = copy("adr-tools", tmp_path)
    folder = project / "doc/architecture"
    for path in folder.glob("*.md"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    write_plan(plan_supersede(folder, 4, 5), force=True)
    for path in folder.glob("*.md"):
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\n") == raw.count(b"\r\n"), path.name
    assert list_records(folder)[3].superseded_by == (5,)


def test_a_one_sided_supersede_is_completed(tmp_path: Path) -> None:
    project = copy("adr-tools", tmp_path)
    folder = project / "doc/architecture"
    four = folder / "0004-add-a-timeout-to-checkout.md"
    five = folder / "0005-use-temporal-for-checkout.md"
    five.write_text(
        five.read_text(encoding="utf-8").replace(
            "Accepted\n", "Accepted\n\nSupercedes [4. X](0004-add-a-timeout-to-checkout.md)\n"
        ),
        encoding="utf-8",
    )
    assert "Superseded" not in four.read_text(encoding="utf-8")
    records = {r.number: r for r in list_records(folder)}
    assert (records[4].status, records[4].superseded_by) == ("superseded", (5,))


def test_init_writes_adr_dir_and_a_first_nygard_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init", "doc/architecture", "--date", "2024-01-01")
    assert result.exit_code == 0, result.output
    assert (tmp_path / ".adr-dir").read_text(encoding="utf-8") == "doc/architecture\n"
    first = list_records(tmp_path / "doc/architecture")
    assert [(r.number, r.title, r.status, r.layout) for r in first] == [
        (1, "Record architecture decisions", "accepted", "nygard")
    ]
    assert "created the ADR folder" in result.stderr
    again = run("init", "doc/architecture")
    assert again.exit_code == 2 and "already holds records" in again.stderr
    assert run("new", "Second").stdout.strip() == "doc/architecture/0002-second.md"
    assert (tmp_path / "doc/architecture/0002-second.md").read_text(encoding="utf-8").startswith("# 2. Second\n")


def test_init_without_a_folder_writes_madr_in_docs_decisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("init")
    assert result.exit_code == 0, result.output
    [record] = list_records(tmp_path / "docs/decisions")
    assert (record.layout, record.status, record.chosen_text) == ("madr", "accepted", "MADR 4")


def test_a_project_template_is_used_as_adr_tools_does(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy("adr-tools", tmp_path)
    templates = project / "doc/architecture/templates"
    templates.mkdir()
    (templates / "template.md").write_text(
        "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nOur own questions.\n", encoding="utf-8"
    )
    monkeypatch.chdir(project)
    result = run("new", "--date", "2024-03-01", "Cache", "prices")
    assert result.exit_code == 0, result.output
    text = (project / "doc/architecture/0006-cache-prices.md").read_text(encoding="utf-8")
    assert (
        text == "# 6. Cache prices\n\nDate: 2024-03-01\n\n## Status\n\nProposed\n\n## Context\n\nOur own questions.\n"
    )
    assert "templates" not in {p.parent.name for p in (project / "doc/architecture").glob("0*.md")}


@pytest.mark.parametrize("spec", ["1:[x](javascript:y):Back", "1:Amends:", "x:Amends:Amended by", "1:Amends"])
def test_a_bad_link_is_refused_and_nothing_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str
) -> None:
    project = copy("adr-tools", tmp_path)
    folder = project / "doc/architecture"
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    monkeypatch.chdir(project)
    result = run("new", "-l", spec, "X")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_list_paths_is_what_adr_tools_lists(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = copy("adr-tools", tmp_path)
    (project / ".git").mkdir()
    monkeypatch.chdir(project)
    result = run("list", "--format", "paths")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"doc/architecture/{p.name}" for p in sorted((project / "doc/architecture").glob("0*.md"))
    ]


def test_the_log4brains_graph_keeps_records_of_one_date_apart() -> None:
    records = list_records(FIXTURES / "log4brains")
    dot = render_graph_dot(records)
    nodes = [line.split(" [", 1)[0].strip() for line in dot.splitlines() if "[label=" in line and "->" not in line]
    assert len(nodes) == len(set(nodes)) == len(records)
    assert '  _20201029_superseder -> _20201028_superseded_adr [label="Supersedes", weight=0]' in dot
    assert dot.count('label="Supersedes"') == 1
    mermaid = render_graph_mermaid(records)
    assert '    adr20201029_superseder -->|"Supersedes"| adr20201028_superseded_adr' in mermaid


def test_log4brains_records_are_superseded_by_file_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy("log4brains", tmp_path)
    monkeypatch.chdir(tmp_path)
    ambiguous = run("supersede", "20200102", "20201030", "--dir", folder.name)
    assert ambiguous.exit_code == 2 and "name one by its file" in ambiguous.stderr
    result = run("supersede", "20200102-adr-with-intro", "20201030-draft-adr.md", "--dir", folder.name)
    assert result.exit_code == 0, result.output
    by_name = {r.path.stem: r for r in list_records(folder)}
    assert by_name["20200102-adr-with-intro"].status == "superseded"
    assert by_name["20200102-adr-only-with-date"].status == "accepted"  # its date-mates are untouched
    missing = run("supersede", "no-such-record", "20201030-draft-adr", "--dir", folder.name)
    assert missing.exit_code == 2 and "there is no record 'no-such-record'" in missing.stderr
