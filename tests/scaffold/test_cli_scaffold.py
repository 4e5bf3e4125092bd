"""`advisor scaffold`: options, defaults, exit codes and messages."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli

MODEL = """\
version: 1
system: shop
decision:
  style: {style}
  target: {target}
services:
  checkout: {{role: orchestrator, replicas: 2, calls: [stock, pay]}}
  stock: {{}}
  pay: {{}}
flows:
  buy:
    style: orchestration
    orchestrator: checkout
    timeout: 5m
    steps:
      - {{service: stock, action: reserve, compensation: release}}
      - {{service: pay, action: charge}}
"""


def write_model(root: Path, style: str = "orchestration", target: str = "step-functions", text: str = "") -> Path:
    path = root / "architecture.yaml"
    path.write_text(text or MODEL.format(style=style, target=target), encoding="utf-8")
    return path


def scaffold(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(cli, ["scaffold", *args])
    assert "Traceback" not in result.output + result.stderr
    return result.exit_code, result.stdout, result.stderr


def files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_writes_to_starters_target_by_default_and_prints_next_steps(runner, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_model(tmp_path)
    code, out, err = scaffold(runner)
    assert code == 0, err
    starter = tmp_path / "starters" / "step-functions"
    assert "statemachine/buy.asl.json" in files(starter)
    assert str(Path("starters/step-functions/statemachine/buy.asl.json")) in out
    assert "next steps" in out and "pip install -r requirements.txt" in out


@pytest.mark.parametrize("target", ["step-functions", "gcp-workflows", "kubernetes"])
def test_target_option_and_out_directory(runner, tmp_path, target) -> None:
    model = write_model(tmp_path, target="temporal")
    code, out, err = scaffold(runner, str(model), "--target", target, "--out", str(tmp_path / "gen"))
    assert code == 0, err
    assert "README.md" in files(tmp_path / "gen") and "requirements.txt" in files(tmp_path / "gen")
    assert f"wrote {len(files(tmp_path / 'gen'))} files" in out


def test_existing_files_need_force(runner, tmp_path) -> None:
    model, out_dir = write_model(tmp_path), tmp_path / "gen"
    assert scaffold(runner, str(model), "--out", str(out_dir))[0] == 0
    readme = out_dir / "README.md"
    readme.write_text("my notes")
    code, _, err = scaffold(runner, str(model), "--out", str(out_dir))
    assert code == 2 and "--force" in err and str(readme) in err
    assert readme.read_text() == "my notes"
    assert scaffold(runner, str(model), "--out", str(out_dir), "--force")[0] == 0
    assert readme.read_text().startswith("# shop")


def test_dry_run_lists_files_marks_existing_ones_and_writes_nothing(runner, tmp_path) -> None:
    model, out_dir = write_model(tmp_path), tmp_path / "gen"
    code, out, _ = scaffold(runner, str(model), "--out", str(out_dir), "--dry-run")
    assert code == 0 and not out_dir.exists()
    assert "would write" in out and str(out_dir / "statemachine" / "buy.asl.json") in out
    out_dir.mkdir()
    (out_dir / "README.md").write_text("mine")
    code, out, _ = scaffold(runner, str(model), "--out", str(out_dir), "--dry-run")
    assert code == 0 and files(out_dir) == ["README.md"]
    readme_line = next(line for line in out.splitlines() if line.strip().startswith(str(out_dir / "README.md")))
    assert "exists" in readme_line and "1 of them exist" in out


def test_a_target_that_does_not_fit_the_style_names_the_ones_that_do(runner, tmp_path) -> None:
    model = write_model(tmp_path, style="choreography", target="kafka")
    code, _, err = scaffold(runner, str(model), "--target", "step-functions", "--out", str(tmp_path / "gen"))
    assert code == 2
    assert "step-functions" in err and "kafka, rabbitmq, pubsub, nestjs" in err
    assert not (tmp_path / "gen").exists()


def test_style_option_overrides_the_decision(runner, tmp_path) -> None:
    model = write_model(tmp_path, style="choreography", target="kafka")
    code, _, err = scaffold(runner, str(model), "--style", "orchestration", "--target", "kubernetes",
                            "--out", str(tmp_path / "gen"))
    assert code == 0, err


def test_unknown_target(runner, tmp_path) -> None:
    code, _, err = scaffold(runner, str(write_model(tmp_path)), "--target", "zeebe")
    assert code == 2 and "unknown target 'zeebe'" in err and "step-functions" in err


def test_no_style_anywhere_is_exit_2(runner, tmp_path) -> None:
    model = write_model(tmp_path, text="version: 1\nservices:\n  a: {}\n")
    code, _, err = scaffold(runner, str(model), "--target", "kubernetes")
    assert code == 2 and "decision.style" in err and "--style" in err


def test_no_target_anywhere_is_exit_2_naming_the_targets(runner, tmp_path) -> None:
    model = write_model(tmp_path, text="version: 1\ndecision: {style: orchestration}\nservices:\n  a: {}\n")
    code, _, err = scaffold(runner, str(model))
    assert code == 2 and "--target" in err and "gcp-workflows" in err


def test_missing_file_is_exit_2(runner, tmp_path) -> None:
    code, _, err = scaffold(runner, str(tmp_path / "nope.yaml"), "--target", "kubernetes")
    assert code == 2 and "nope.yaml: no such file" in err


def test_an_invalid_model_is_exit_2_with_its_position(runner, tmp_path) -> None:
    text = textwrap.dedent("""\
        version: 1
        decision: {style: orchestration}
        services:
          ../../etc: {}
        """)
    code, _, err = scaffold(runner, str(write_model(tmp_path, text=text)), "--target", "kubernetes",
                            "--out", str(tmp_path / "gen"))
    assert code == 2 and "architecture.yaml:4:3" in err and "not a valid name" in err
    assert not (tmp_path / "gen").exists()


def test_a_model_without_flows_gets_an_example_flow(runner, tmp_path) -> None:
    text = "version: 1\ndecision: {style: orchestration}\nservices:\n  front: {calls: [back]}\n  back: {}\n"
    code, out, err = scaffold(runner, str(write_model(tmp_path, text=text)), "--target", "step-functions",
                              "--out", str(tmp_path / "gen"))
    assert code == 0, err
    assert "example flow" in out
    assert (tmp_path / "gen" / "statemachine" / "example.asl.json").exists()


def test_a_model_with_nothing_to_scaffold_is_exit_2(runner, tmp_path) -> None:
    text = "version: 1\ndecision: {style: orchestration}\ntraits: {services: 3}\n"
    code, _, err = scaffold(runner, str(write_model(tmp_path, text=text)), "--target", "kubernetes")
    assert code == 2 and "nothing to scaffold" in err


@pytest.mark.parametrize(("target", "events", "says_example"), [
    ("kafka", True, False), ("rabbitmq", True, False), ("pubsub", True, False), ("nestjs", True, False),
    ("kafka", False, False), ("pubsub", False, False), ("nestjs", False, True),
])
def test_choreography_mentions_the_example_flow_only_when_it_is_used(runner, tmp_path, target: str,
                                                                     events: bool, says_example: bool) -> None:
    services = "  cms: {publishes: [Published]}\n  mailer: {consumes: [Published]}\n" if events else (
        "  cms: {calls: [mailer]}\n  mailer: {}\n")
    text = f"version: 1\ndecision: {{style: choreography}}\nservices:\n{services}"
    code, out, err = scaffold(runner, str(write_model(tmp_path, text=text)), "--target", target,
                              "--out", str(tmp_path / "gen"), "--dry-run")
    assert code == 0, err
    assert ("example flow" in out) is says_example, out


def test_a_hybrid_starter_mentions_the_example_flow_its_engine_half_runs(runner, tmp_path) -> None:
    services = "  cms: {publishes: [Published]}\n  mailer: {consumes: [Published]}\n"
    text = f"version: 1\ndecision: {{style: hybrid}}\nservices:\n{services}"
    code, out, err = scaffold(runner, str(write_model(tmp_path, text=text)), "--target", "kafka+temporal",
                              "--out", str(tmp_path / "gen"), "--dry-run")
    assert code == 0, err
    assert "example flow" in out


def test_a_hybrid_target_on_an_orchestration_decision_explains_and_writes_the_hybrid(runner, tmp_path) -> None:
    out = tmp_path / "out"
    code, _, stderr = scaffold(runner, str(write_model(tmp_path)), "--target", "kafka+temporal",
                                    "--out", str(out))
    assert code == 0, stderr
    assert "decided orchestration, and kafka+temporal is a hybrid target" in stderr
    assert "advisor decide --style hybrid --target kafka+temporal" in stderr
    assert (out / "flows" / "workflows.py").exists() and (out / "events").is_dir()


def test_a_broker_target_on_an_orchestration_decision_is_still_refused(runner, tmp_path) -> None:
    code, _, stderr = scaffold(runner, str(write_model(tmp_path)), "--target", "kafka", "--out", str(tmp_path / "o"))
    assert code == 2 and "is for choreography, but the style is orchestration" in stderr
    assert not (tmp_path / "o").exists()
