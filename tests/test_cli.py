"""The foundation commands through CliRunner: output, formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from advisor import __version__
from advisor.cli import cli


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and __version__ in out
    code, out, _ = run("--help")
    assert code == 0 and all(name in out for name in ("decide", "score", "lint", "scaffold", "adr"))


def test_unknown_command_and_flag_are_usage_errors() -> None:
    assert run("nope")[0] == 2
    assert run("score", "--bogus")[0] == 2


def test_score_text_explains(checkout_example: Path) -> None:
    code, out, _ = run("score", str(checkout_example))
    assert code == 0
    assert out.startswith("Recommendation: orchestration")
    assert "Strongest reasons:" in out and "[AZ-CH]" in out
    assert "What would change it:" in out


def test_score_json_matches_core(newsroom_example: Path) -> None:
    code, out, _ = run("score", str(newsroom_example), "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["recommendation"] == "choreography"
    assert data["scores"]["choreography"] > data["scores"]["orchestration"]


def test_score_markdown(checkout_example: Path) -> None:
    code, out, _ = run("score", str(checkout_example), "--format", "markdown")
    assert code == 0 and out.startswith("## Recommendation: orchestration")
    assert "| **orchestration** |" in out and "### Sources" in out


def test_score_missing_file_is_exit_2(tmp_path: Path) -> None:
    code, _out, err = run("score", str(tmp_path / "architecture.yaml"))
    assert code == 2 and "no such file" in err and "advisor init" in err and "Traceback" not in err


def test_score_invalid_traits_lists_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("traits:\n  compensation: on\n  services: 0\n  sequencng: high\n")
    code, _, err = run("score", str(path))
    assert code == 2
    assert "3 problems" in err
    for where in ("a.yaml:2:17", "a.yaml:3:13", "a.yaml:4:3"):
        assert where in err


def test_score_broken_yaml_is_located(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("traits:\n  a: 1\n  a: 2\n")
    code, _, err = run("score", str(path))
    assert code == 2 and "a.yaml:3:3: duplicate key 'a'" in err


def test_questions_json_lists_every_trait() -> None:
    code, out, _ = run("questions", "--format", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 17
    ha = next(r for r in rows if r["id"] == "coordinator_ha")
    assert ha["type"] == "bool" and ha["choices"] == [True, False] and ha["source"]


def test_questions_text() -> None:
    code, out, _ = run("questions")
    assert code == 0 and "17. platform:" in out and "sources:" in out


def test_rules_overview_and_one_trait() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "compensation" in out and "AZ-SAGA" in out
    code, out, _ = run("rules", "team_autonomy")
    assert code == 0 and "+10 choreography" in out
    code, _, err = run("rules", "no-such-rule")
    assert code == 2 and "unknown rule" in err


def test_schema_is_json() -> None:
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["properties"]["traits"]["properties"]["services"]["type"] == "integer"


def test_init_writes_a_valid_file_that_answers_nothing_until_the_user_does(tmp_path: Path) -> None:
    from advisor.format.model import load_architecture

    target = tmp_path / "architecture.yaml"
    code, _, _ = run("init", str(target), "--system", "Order Desk")
    assert code == 0
    loaded = load_architecture(target)
    assert loaded.problems == ()
    assert yaml.safe_load(target.read_text())["system"] == "order-desk"
    assert loaded.model.traits == {}  # no default is recorded as an answer
    code, _, err = run("score", str(target))
    assert code == 2 and "nothing to score" in err
    # uncommenting one answer is enough to score it
    target.write_text(target.read_text().replace("  # compensation: ", "  compensation: ", 1))
    assert load_architecture(target).problems == ()
    assert run("score", str(target))[0] == 0


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "architecture.yaml"
    target.write_text("mine\n")
    code, _, err = run("init", str(target))
    assert code == 2 and "--force" in err and target.read_text() == "mine\n"
    assert run("init", str(target), "--force")[0] == 0 and target.read_text() != "mine\n"


def test_light_paths_import_no_heavy_modules() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\n"
        "from advisor.cli import cli\n"
        "for args in (['--version'], ['--help'], ['lint', '--help'], ['score', '--help']):\n"
        "    try:\n"
        "        cli(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in ('questionary', 'jinja2', 'ruamel', 'prompt_toolkit') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_rules_lists_and_explains_lint_rules() -> None:
    code, out, _ = run("rules")
    assert code == 0 and "Lint rules" in out and "event-cycle" in out and "hidden-orchestrator" in out
    code, out, _ = run("rules", "missing-compensation")
    assert code == 0 and out.startswith("missing-compensation (warning)") and "fix:" in out
    code, out, _ = run("rules", "--format", "json")
    kinds = {row["id"]: row["kind"] for row in json.loads(out)["rules"]}
    assert kinds["compensation"] == "scoring" and kinds["adr-mismatch"] == "lint"


def test_lint_help_loads_neither_the_engine_nor_the_rules() -> None:
    import subprocess
    import sys

    probe = (
        "import sys\nfrom advisor.cli import cli\n"
        "try:\n    cli(['lint', '--help'], prog_name='advisor')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('advisor.lint.', 'advisor.format', 'yaml'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "['advisor.lint.formats', 'advisor.lint.levels']"


def test_the_coldstart_benchmark_fails_when_over_its_goal() -> None:
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "benchmarks" / "coldstart.py"
    spec = importlib.util.spec_from_file_location("coldstart", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(["--runs", "1", "--goal", "0.01"]) == 1
    assert module.main(["--runs", "1", "--goal", "100"]) == 0
