"""`advisor decide` without a terminal: --no-input, --answers, dry runs, overwrites, targets."""

from __future__ import annotations

import importlib.machinery
import os
import shutil
import sys
import types
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from advisor import decide as core
from advisor.cli import cli
from advisor.format.loader import load_file
from advisor.scaffold import REGISTRY


@pytest.fixture(autouse=True)
def in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, ["decide", *args])


def files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted(root.rglob("*")) if p.is_file()
    }


def written_decision(root: Path) -> dict[str, str]:
    data = load_file(root / "architecture.yaml").data
    decision: dict[str, str] = data["decision"]
    return decision


@pytest.fixture
def fake_kafka(monkeypatch: pytest.MonkeyPatch) -> None:
    """A small choreography target, so the starter path is tested whatever targets ship."""

    class Target:
        name, style, summary = "kafka", "choreography", "test double"

        def files(self, starter: object) -> Mapping[str, str]:
            return {"README.md": "# starter\n", "app/main.py": "print('hi')\n"}

    module = types.ModuleType("advisor_test_fake_kafka")
    module.__spec__ = importlib.machinery.ModuleSpec(module.__name__, None)
    module.TARGET = Target()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setitem(REGISTRY, "kafka", module.__name__)


def test_no_terminal_and_no_flag_exits_2_naming_both_flags(in_tmp: Path) -> None:
    result = run()
    assert result.exit_code == 2
    assert "--answers" in result.stderr and "--no-input" in result.stderr
    assert "Traceback" not in result.output
    assert files(in_tmp) == {}


def answer(root: Path, name: str = "architecture.yaml", traits: str = "compensation: high") -> None:
    """An architecture file that answers one trait, so there is something to decide on."""
    (root / name).write_text(f"version: 2\ntraits:\n  {traits}\n", encoding="utf-8")


def test_no_input_with_nothing_answered_invents_nothing(in_tmp: Path) -> None:
    result = run("--no-input")
    assert result.exit_code == 2
    assert "nothing to decide on" in result.stderr and "--answers" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert files(in_tmp) == {}


def test_answers_create_the_file_and_the_record_keeping_only_the_answers(in_tmp: Path) -> None:
    (in_tmp / "answers.yaml").write_text("traits:\n  compensation: high\n  sequencing: high\n  fan_out: low\n")
    result = run("--answers", "answers.yaml")
    assert result.exit_code == 0, result.output
    decision = written_decision(in_tmp)
    assert (in_tmp / decision["adr"]).is_file()
    assert decision["adr"].startswith("docs/decisions/0001-")
    assert decision["style"] == "orchestration"
    traits = load_file(in_tmp / "architecture.yaml").data["traits"]
    assert traits == {"compensation": "high", "sequencing": "high", "fan_out": "low"}  # no default written
    assert "Recommendation:" in result.output and "From 3 answered and 0 derived traits" in result.output
    record = (in_tmp / decision["adr"]).read_text(encoding="utf-8")
    assert "traits were answered" not in record.replace("3 of 17 traits were answered", "")
    assert "3 of 17 traits were answered" in record
    assert "confidence low" in record  # three answers are thin evidence, whatever the margin


def test_no_input_keeps_the_files_traits_and_comments(in_tmp: Path, checkout_example: Path) -> None:
    original = checkout_example.read_text(encoding="utf-8")
    shutil.copy(checkout_example, in_tmp / "architecture.yaml")
    result = run("--no-input", "--target", "none")
    assert result.exit_code == 0, result.output
    text = (in_tmp / "architecture.yaml").read_text(encoding="utf-8")
    assert text.splitlines()[:2] == original.splitlines()[:2]  # the user's header comment
    assert text.split("services:\n", 1)[1] == original.split("services:\n", 1)[1]
    data = load_file(in_tmp / "architecture.yaml").data
    assert data["traits"] == load_file(checkout_example).data["traits"]
    assert data["decision"]["style"] == "orchestration"
    assert "target" not in data["decision"]


def test_answers_override_the_file(in_tmp: Path) -> None:
    (in_tmp / "architecture.yaml").write_text("version: 1\ntraits:\n  services: 3\n  fan_out: low\n")
    (in_tmp / "answers.yaml").write_text("traits:\n  fan_out: high\n  team_autonomy: high\n")
    result = run("--answers", "answers.yaml")
    assert result.exit_code == 0, result.output
    traits = load_file(in_tmp / "architecture.yaml").data["traits"]
    assert traits["services"] == 3 and traits["fan_out"] == "high" and traits["team_autonomy"] == "high"


def test_bad_answers_are_all_reported_with_positions(in_tmp: Path) -> None:
    (in_tmp / "answers.yaml").write_text(
        "traits:\n  services: 0\n  compensation: hgh\n  ordering: 3\n  servces: 4\n  coordinator_ha: maybe\n"
    )
    result = run("--answers", "answers.yaml")
    assert result.exit_code == 2
    err = result.stderr
    assert "5 bad answers" in err
    assert "answers.yaml:2:13: services: must be at least 1, found 0" in err
    assert "answers.yaml:3:17: compensation: 'hgh' is not allowed; allowed: low, medium, high" in err
    assert "did you mean 'high'?" in err
    assert "answers.yaml:4:13: ordering: YAML read '3'" in err
    assert "answers.yaml:5:3: servces: unknown key 'servces'" in err and "did you mean 'services'?" in err
    assert "answers.yaml:6:19: coordinator_ha:" in err
    assert "Traceback" not in result.output
    assert sorted(files(in_tmp)) == ["answers.yaml"]


def test_an_answers_file_without_traits_is_refused(in_tmp: Path) -> None:
    (in_tmp / "answers.yaml").write_text("services: 3\n")
    result = run("--answers", "answers.yaml")
    assert result.exit_code == 2
    assert "needs a `traits:` mapping" in result.stderr


def test_missing_answers_file_is_an_input_error(in_tmp: Path) -> None:
    result = run("--answers", "nope.yaml")
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.stderr


def test_bad_traits_in_the_file_are_refused_under_no_input(in_tmp: Path) -> None:
    original = "version: 1\ntraits:\n  fan_out: lots\n  platform: kafka\n"
    (in_tmp / "architecture.yaml").write_text(original)
    result = run("--no-input")
    assert result.exit_code == 2
    assert "2 bad traits" in result.stderr
    assert "architecture.yaml:3:12: fan_out:" in result.stderr
    assert "architecture.yaml:4:13: platform:" in result.stderr
    assert files(in_tmp) == {"architecture.yaml": original}


def test_answers_replace_bad_traits_in_the_file(in_tmp: Path) -> None:
    (in_tmp / "architecture.yaml").write_text("version: 1\ntraits:\n  fan_out: lots\n")
    (in_tmp / "answers.yaml").write_text("traits:\n  fan_out: low\n")
    assert run("--answers", "answers.yaml").exit_code == 0
    assert load_file(in_tmp / "architecture.yaml").data["traits"]["fan_out"] == "low"


def test_dry_run_writes_nothing(in_tmp: Path, checkout_example: Path) -> None:
    shutil.copy(checkout_example, in_tmp / "architecture.yaml")
    before = files(in_tmp)
    result = run("--no-input", "--target", "none", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "update   architecture.yaml" in result.output
    assert "create   docs/decisions/0001-" in result.output
    assert "Dry run: nothing was written." in result.output
    assert "decision.target: temporal -> (none)" in result.output  # what the update changes
    assert "decision.adr: (none) -> docs/decisions/0001-" in result.output
    assert "decision.style" not in result.output and "traits." not in result.output
    assert files(in_tmp) == before


def test_a_second_run_refuses_to_replace_the_record_without_force(in_tmp: Path) -> None:
    answer(in_tmp)
    assert run("--no-input", "--title", "First").exit_code == 0
    before = files(in_tmp)
    record = written_decision(in_tmp)["adr"]
    again = run("--no-input", "--title", "Second")
    assert again.exit_code == 2
    assert "--force" in again.stderr and record in again.stderr
    assert files(in_tmp) == before  # all or nothing: not even the architecture file changed
    forced = run("--no-input", "--title", "Second", "--force")
    assert forced.exit_code == 0, forced.output
    assert written_decision(in_tmp)["adr"] == record  # the same record, rewritten
    assert "# Second" in (in_tmp / record).read_text(encoding="utf-8")
    assert len(list((in_tmp / "docs" / "decisions").iterdir())) == 1


def test_dry_run_reports_what_the_real_run_would_refuse(in_tmp: Path) -> None:
    answer(in_tmp)
    assert run("--no-input").exit_code == 0
    before = files(in_tmp)
    result = run("--no-input", "--dry-run")
    assert result.exit_code == 2
    assert "exists   docs/decisions/0001-" in result.output and "--force rewrites it" in result.output
    assert files(in_tmp) == before


def test_another_style_needs_a_reason_that_is_recorded(in_tmp: Path) -> None:
    (in_tmp / "architecture.yaml").write_text("traits:\n  compensation: high\n  sequencing: high\n")
    refused = run("--no-input", "--style", "choreography")
    assert refused.exit_code == 2 and "--reason" in refused.stderr
    result = run("--no-input", "--style", "choreography", "--reason", "we already run Kafka")
    assert result.exit_code == 0, result.output
    decision = written_decision(in_tmp)
    assert decision["style"] == "choreography" and decision["reason"] == "we already run Kafka"
    assert "we already run Kafka" in (in_tmp / decision["adr"]).read_text(encoding="utf-8")
    assert "overriding the recommendation" in result.output


def test_unknown_and_unfit_targets_are_refused(in_tmp: Path, fake_kafka: None) -> None:
    (in_tmp / "architecture.yaml").write_text("traits:\n  compensation: high\n  sequencing: high\n")
    unknown = run("--no-input", "--target", "kafak")
    assert unknown.exit_code == 2 and "unknown target 'kafak'" in unknown.stderr
    unfit = run("--no-input", "--target", "kafka")
    assert unfit.exit_code == 2 and "is for choreography, but the chosen style is orchestration" in unfit.stderr


def test_an_unavailable_target_is_refused_before_anything_happens(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(REGISTRY, "temporal", "advisor.scaffold.no_such_target_module")
    result = run("--no-input", "--target", "temporal")
    assert result.exit_code == 2
    assert "not available in this version" in result.stderr and "--target none" in result.stderr
    assert files(in_tmp) == {}


def test_a_target_writes_the_starter_beside_the_file(in_tmp: Path, fake_kafka: None) -> None:
    (in_tmp / "architecture.yaml").write_text(
        "traits:\n  fan_out: high\n  team_autonomy: high\nservices:\n  shop: {publishes: [Sold]}\n"
    )
    result = run("--no-input", "--style", "choreography", "--reason", "r", "--target", "kafka")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "starters" / "kafka" / "app" / "main.py").is_file()
    assert written_decision(in_tmp)["target"] == "kafka"
    again = run("--no-input", "--style", "choreography", "--reason", "r", "--scaffold-dir", "elsewhere")
    assert again.exit_code == 2  # the record exists; the file's target is the default again
    assert not (in_tmp / "elsewhere").exists()


def test_the_files_target_is_the_default(in_tmp: Path, fake_kafka: None) -> None:
    (in_tmp / "architecture.yaml").write_text(
        "traits:\n  fan_out: high\n  team_autonomy: high\ndecision:\n  style: choreography\n  target: kafka\n"
        "services:\n  shop: {publishes: [Sold]}\n"
    )
    result = run("--no-input", "--style", "choreography", "--reason", "r", "--scaffold-dir", "out")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "out" / "README.md").is_file()


def test_paths_are_relative_to_the_files_directory(in_tmp: Path) -> None:
    (in_tmp / "sub").mkdir()
    answer(in_tmp / "sub", "arch.yaml")
    result = run("sub/arch.yaml", "--no-input")
    assert result.exit_code == 0, result.output
    decision = load_file(in_tmp / "sub" / "arch.yaml").data["decision"]
    assert (in_tmp / "sub" / decision["adr"]).is_file()
    assert not decision["adr"].startswith("sub/")


def test_a_recorded_path_outside_the_directory_is_not_reused(in_tmp: Path) -> None:
    (in_tmp / "victim.md").write_text("keep me\n")
    os.mkdir(in_tmp / "p")
    (in_tmp / "p" / "architecture.yaml").write_text("traits: {fan_out: high}\ndecision:\n  adr: ../victim.md\n")
    result = run("p/architecture.yaml", "--no-input", "--force")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "victim.md").read_text() == "keep me\n"


def test_a_file_that_is_not_yaml_is_reported_and_kept(in_tmp: Path) -> None:
    (in_tmp / "architecture.yaml").write_text("traits:\n  services: [1,\n")
    result = run("--no-input")
    assert result.exit_code == 2
    assert "architecture.yaml:3:1: invalid YAML" in result.stderr
    assert files(in_tmp) == {"architecture.yaml": "traits:\n  services: [1,\n"}


def test_a_shipped_target_scaffolds_its_starter(in_tmp: Path, checkout_example: Path) -> None:
    from advisor.targets import TARGET_STYLE

    shipped = [name for name in TARGET_STYLE if core.target_available(name)]
    if not shipped:
        pytest.skip("no scaffold target module is part of this version yet")
    target = shipped[0]
    shutil.copy(checkout_example, in_tmp / "architecture.yaml")
    style = TARGET_STYLE[target]
    result = run("--no-input", "--style", style, "--reason", "testing every target", "--target", target)
    assert result.exit_code == 0, result.output
    starter = in_tmp / "starters" / target
    assert any(starter.rglob("*")), f"no files under {starter}"
    assert written_decision(in_tmp)["target"] == target


def test_a_target_needs_something_to_scaffold(in_tmp: Path, fake_kafka: None) -> None:
    (in_tmp / "architecture.yaml").write_text("traits:\n  fan_out: high\n")
    result = run("--no-input", "--style", "choreography", "--reason", "r", "--target", "kafka")
    assert result.exit_code == 2
    assert "nothing to scaffold" in result.stderr and "--target none" in result.stderr
    assert files(in_tmp) == {"architecture.yaml": "traits:\n  fan_out: high\n"}


def test_the_record_carries_status_decision_makers_and_date(in_tmp: Path) -> None:
    answer(in_tmp)
    args = ("--no-input", "--status", "accepted", "--decision-maker", "Ada", "--decision-maker", "Grace")
    result = run(*args, "--title", "Coordinate checkout")
    assert result.exit_code == 0, result.output
    decision = written_decision(in_tmp)
    text = (in_tmp / decision["adr"]).read_text(encoding="utf-8")
    front = text.split("---\n")[1]
    assert "status: accepted" in front and "- Ada" in front and "- Grace" in front
    assert f"date: {decision['date']}" in front
    assert "# Coordinate checkout" in text
    assert decision["adr"] == "docs/decisions/0001-coordinate-checkout.md"


def test_what_decide_writes_passes_the_decision_lint_rules(in_tmp: Path, checkout_example: Path) -> None:
    import importlib.util
    import json

    if importlib.util.find_spec("advisor.lint") is None:
        pytest.skip("advisor lint is not part of this version yet")
    shutil.copy(checkout_example, in_tmp / "architecture.yaml")
    assert run("--no-input", "--target", "none", "--status", "accepted").exit_code == 0
    result = CliRunner().invoke(cli, ["lint", "architecture.yaml", "--format", "json"])
    findings = json.loads(result.output)["findings"]
    about_the_decision = [f for f in findings if f["rule"] in ("adr-missing", "adr-mismatch", "decision-mismatch")]
    assert about_the_decision == []


def test_supersede_writes_a_new_record_and_marks_the_old_one(in_tmp: Path) -> None:
    answer(in_tmp)
    assert run("--no-input", "--status", "accepted").exit_code == 0
    first = written_decision(in_tmp)["adr"]
    result = run("--no-input", "--supersede", "--title", "Coordinate the services anew")
    assert result.exit_code == 0, result.output
    second = written_decision(in_tmp)["adr"]
    assert second == "docs/decisions/0002-coordinate-the-services-anew.md"
    assert "status: superseded by ADR-0002" in (in_tmp / first).read_text(encoding="utf-8")
    new = (in_tmp / second).read_text(encoding="utf-8")
    assert "supersedes: [ADR-0001]" in new and "status: proposed" in new
    listed = CliRunner().invoke(cli, ["adr", "list"]).output
    assert "superseded by ADR-0002" in listed and "ADR-0002" in listed


def test_supersede_without_a_recorded_decision_just_writes_one(in_tmp: Path) -> None:
    answer(in_tmp)
    result = run("--no-input", "--supersede")
    assert result.exit_code == 0, result.output
    assert written_decision(in_tmp)["adr"].startswith("docs/decisions/0001-")


def test_an_explained_override_passes_lint(in_tmp: Path, newsroom_example: Path) -> None:
    shutil.copy(newsroom_example, in_tmp / "architecture.yaml")
    args = ("--no-input", "--target", "none", "--status", "accepted", "--style", "hybrid", "--reason", "r")
    assert run(*args).exit_code == 0
    result = CliRunner().invoke(cli, ["lint", "architecture.yaml"])
    assert result.exit_code == 0, result.output


def test_in_an_adr_tools_folder_the_record_is_nygard(in_tmp: Path) -> None:
    from advisor.adr import list_records

    (in_tmp / ".git").mkdir()
    (in_tmp / ".adr-dir").write_text("doc/arch\n", encoding="utf-8")
    (in_tmp / "doc/arch").mkdir(parents=True)
    (in_tmp / "doc/arch/0001-record-architecture-decisions.md").write_text(
        "# 1. Record architecture decisions\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n",
        encoding="utf-8",
    )
    (in_tmp / "services").mkdir()
    answer(in_tmp)
    result = run("--no-input", "--target", "none", "--title", "Coordinate checkout", "architecture.yaml")
    assert result.exit_code == 0, result.output
    record = in_tmp / "doc/arch/0002-coordinate-checkout.md"
    assert record.read_text(encoding="utf-8").startswith("# 2. Coordinate checkout\n\nDate: ")
    assert [r.layout for r in list_records(in_tmp / "doc/arch")] == ["nygard", "nygard"]
    assert written_decision(in_tmp)["adr"] == "doc/arch/0002-coordinate-checkout.md"


@pytest.mark.parametrize(("template", "start"), [("nygard", "# 1. Coordinate checkout\n"), ("madr", "---\nstatus: ")])
def test_template_chooses_the_layout(in_tmp: Path, template: str, start: str) -> None:
    answer(in_tmp)
    result = run("--no-input", "--target", "none", "--title", "Coordinate checkout", "--template", template)
    assert result.exit_code == 0, result.output
    text = (in_tmp / "docs/decisions/0001-coordinate-checkout.md").read_text(encoding="utf-8")
    assert text.startswith(start)


def test_from_a_subfolder_the_parents_doc_adr_is_used(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (in_tmp / ".git").mkdir()
    (in_tmp / "doc/adr").mkdir(parents=True)
    (in_tmp / "svc").mkdir()
    monkeypatch.chdir(in_tmp / "svc")
    answer(in_tmp / "svc")
    result = run("--no-input", "--target", "none", "--title", "Coordinate checkout")
    assert result.exit_code == 0, result.output
    assert (in_tmp / "doc/adr/0001-coordinate-checkout.md").is_file() and not (in_tmp / "svc/docs").exists()
    # an empty doc/adr is adr-tools' folder: the record is Nygard
    assert (in_tmp / "doc/adr/0001-coordinate-checkout.md").read_text(encoding="utf-8").startswith("# 1. ")


def test_supersede_can_keep_the_existing_starter(in_tmp: Path, fake_kafka: None) -> None:
    (in_tmp / "architecture.yaml").write_text("version: 1\nservices:\n  a: {}\n")
    first = run("--no-input", "--style", "choreography", "--reason", "r", "--target", "kafka")
    assert first.exit_code == 0, first.output
    starter = files(in_tmp / "starters")
    again = run("--no-input", "--style", "choreography", "--reason", "r2", "--supersede")
    assert again.exit_code == 2 and "--keep-starter" in again.stderr
    kept = run("--no-input", "--style", "choreography", "--reason", "r2", "--supersede", "--keep-starter")
    assert kept.exit_code == 0, kept.output
    assert "Keeping the existing starter" in kept.output
    assert files(in_tmp / "starters") == starter
    decision = written_decision(in_tmp)
    assert decision["target"] == "kafka" and decision["adr"].startswith("docs/decisions/0002-")
