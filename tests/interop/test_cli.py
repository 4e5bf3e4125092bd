"""`advisor import`, `export` and `graph` on the command line: reports, errors, nothing half-written."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from click.testing import CliRunner

from advisor.cli import cli
from tests.interop.support import FIXTURES, asyncapi_validator, backstage_validators, errors

DEMO = FIXTURES / "kubernetes" / "microservices-demo"
SAGA = FIXTURES / "step-functions" / "llt.asl.yaml"
SAGA_JSON = FIXTURES / "step-functions" / "state-machine.json"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_import_writes_the_file_and_reports_where_each_fact_came_from(tmp_path: Path) -> None:
    target = tmp_path / "architecture.yaml"
    code, out, _ = run("import", str(DEMO), "--into", str(target))
    assert code == 0
    assert out.startswith(f"{target}: ")
    assert f"services.checkoutservice.calls += paymentservice (protocol grpc)  ({DEMO / 'checkoutservice.yaml'}:" in out
    assert "not mapped:" in out and "redis-cart runs redis" in out
    assert yaml.safe_load(target.read_text(encoding="utf-8"))["version"] == 2
    code, out, _ = run("import", str(DEMO), "--into", str(target))
    assert code == 0 and "nothing new (the file is unchanged)" in out


def test_json_report(tmp_path: Path) -> None:
    code, out, _ = run("import", str(SAGA), "--into", str(tmp_path / "a.yaml"), "--format", "json")
    report = json.loads(out)
    assert code == 0 and report["written"] is True
    steps = next(f for f in report["facts"] if f["at"] == ["flows", "llt", "steps"])
    assert steps["status"] == "added" and steps["source"]["path"] == str(SAGA)


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "architecture.yaml"
    code, out, _ = run("import", str(SAGA), "--into", str(target), "--dry-run")
    assert code == 0 and "would be added (dry run, nothing written)" in out
    assert not target.exists()


def test_a_broken_source_is_a_located_error_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "architecture.yaml"
    target.write_text("version: 2\n# mine\n", encoding="utf-8")
    broken = tmp_path / "deploy.yaml"
    broken.write_text("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: [oops\n", encoding="utf-8")
    code, out, err = run("import", str(DEMO), str(broken), "--into", str(target))
    assert code == 2 and out == ""
    assert err.startswith(f"advisor: {broken}:4:1: invalid YAML") and "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "version: 2\n# mine\n"


def test_untrusted_sources_get_the_loaders_limits(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.yaml"
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]"
              for p, c in zip("abcdefgh", "bcdefghi", strict=True)]
    bomb.write_text("\n".join(lines) + "\nkind: Deployment\napiVersion: v1\n", encoding="utf-8")
    code, _, err = run("import", str(bomb), "--into", str(tmp_path / "a.yaml"))
    assert code == 2 and "alias bomb" in err and not (tmp_path / "a.yaml").exists()
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text("asyncapi: 3.0.0\ninfo: !!python/object:os.system {}\n", encoding="utf-8")
    code, _, err = run("import", str(tagged), "--into", str(tmp_path / "a.yaml"))
    assert code == 2 and f"{tagged}:2:7" in err


def test_an_unknown_named_file_is_an_error_but_in_a_folder_it_is_reported(tmp_path: Path) -> None:
    other = tmp_path / "src" / "values.yaml"
    other.parent.mkdir()
    other.write_text("replicaCount: 2\n", encoding="utf-8")
    code, _, err = run("import", str(other), "--into", str(tmp_path / "a.yaml"))
    assert code == 2 and "not a format advisor imports" in err and "--from" in err
    (other.parent / "machine.asl.json").write_text(SAGA_JSON.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run("import", str(other.parent), "--into", str(tmp_path / "a.yaml"), "--dry-run")
    assert code == 0 and f"{other}:1:1: not a format advisor imports; skipped" in out


def test_missing_source(tmp_path: Path) -> None:
    code, _, err = run("import", str(tmp_path / "nope"), "--into", str(tmp_path / "a.yaml"))
    assert code == 2 and "no such file or folder" in err


def test_names_are_sanitised(tmp_path: Path) -> None:
    source = tmp_path / "compose.yaml"
    source.write_text('services:\n  "Ünïcode svc!":\n    image: a\n  "42":\n    image: b\n', encoding="utf-8")
    target = tmp_path / "a.yaml"
    code, out, _ = run("import", str(source), "--into", str(target))
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert code == 0 and list(data["services"]) == ["Unicode-svc"]
    assert "'42' cannot be a service name" in out


def test_export_asyncapi_and_backstage_validate(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    run("import", str(FIXTURES / "asyncapi" / "social-media"), str(DEMO), "--into", str(target))
    code, out, _ = run("export", str(target), "--to", "asyncapi")
    assert code == 0 and errors(asyncapi_validator(), json.loads(out)) == []
    code, out, _ = run("export", str(target), "--to", "asyncapi", "--service", "comments-service")
    assert code == 0 and errors(asyncapi_validator(), json.loads(out)) == []
    code, out, _ = run("export", str(target), "--to", "backstage")
    entities = list(yaml.safe_load_all(out))
    assert code == 0 and {e["kind"] for e in entities} == {"Component", "API"}
    for entity in entities:
        assert errors(backstage_validators()[entity["kind"]], entity) == [], entity["metadata"]["name"]
        if entity["kind"] == "API":  # its definition is the service's AsyncAPI document
            assert errors(asyncapi_validator(), json.loads(entity["spec"]["definition"])) == []
    checkout = next(e for e in entities if e["metadata"]["name"] == "checkoutservice")
    assert "component:paymentservice" in checkout["spec"]["dependsOn"]


def test_export_refuses_to_overwrite_and_names_unknown_services(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    run("import", str(SAGA), "--into", str(target))
    out_file = tmp_path / "catalog.yaml"
    out_file.write_text("mine\n", encoding="utf-8")
    code, _, err = run("export", str(target), "--to", "backstage", "-o", str(out_file))
    assert code == 2 and "--force" in err and out_file.read_text(encoding="utf-8") == "mine\n"
    code, _, err = run("export", str(target), "--to", "asyncapi", "--service", "nope")
    assert code == 2 and "no service 'nope'" in err


def test_graph_prints_mermaid_and_dot(tmp_path: Path) -> None:
    target = tmp_path / "a.yaml"
    run("import", str(SAGA), str(DEMO), "--into", str(target))
    code, out, _ = run("graph", str(target))
    assert code == 0 and out.startswith("flowchart LR\n")
    assert 's_llt ==>|"llt 2. process-payment (undo: process-refund)"| s_debit_payment' in out
    assert 's_checkoutservice -->|"grpc"| s_paymentservice' in out
    code, out, _ = run("graph", str(target), "--format", "dot", "--only", "calls")
    assert code == 0 and out.startswith("digraph architecture {") and "s_llt ->" not in out


def test_helm_template_output_on_standard_input(tmp_path: Path) -> None:
    stream = (FIXTURES / "kubernetes" / "release-kubernetes-manifests.yaml").read_text(encoding="utf-8")
    target = tmp_path / "a.yaml"
    result = CliRunner().invoke(cli, ["import", "-", "--into", str(target)], input=stream)
    assert result.exit_code == 0, result.stderr
    assert "(<stdin>:" in result.stdout
    assert "checkoutservice" in yaml.safe_load(target.read_text(encoding="utf-8"))["services"]
    result = CliRunner().invoke(cli, ["import", "-", "--into", str(tmp_path / "b.yaml")], input="a: [b\n")
    assert result.exit_code == 2 and result.stderr.startswith("advisor: <stdin>:2:1: invalid YAML")


def test_an_unreadable_architecture_file_is_not_touched(tmp_path: Path) -> None:
    target = tmp_path / "architecture.yaml"
    target.write_text("version: 2\nservices:\n  a: {}\n  a: {}\n", encoding="utf-8")
    code, _, err = run("import", str(SAGA), "--into", str(target))
    assert code == 2 and f"{target}:4:3: duplicate key 'a'" in err
    assert target.read_text(encoding="utf-8") == "version: 2\nservices:\n  a: {}\n  a: {}\n"


def test_graph_writes_a_file_once(tmp_path: Path) -> None:
    target, picture = tmp_path / "a.yaml", tmp_path / "model.mmd"
    run("import", str(SAGA), "--into", str(target))
    assert run("graph", str(target), "-o", str(picture))[0] == 0
    assert picture.read_text(encoding="utf-8").startswith("flowchart LR\n")
    code, _, err = run("graph", str(target), "-o", str(picture), "--format", "dot")
    assert code == 2 and "--force" in err
    assert run("graph", str(target), "-o", str(picture), "--format", "dot", "--force")[0] == 0
    assert picture.read_text(encoding="utf-8").startswith("digraph architecture {")


def test_graph_into_markdown_is_a_mermaid_block_github_renders(tmp_path: Path) -> None:
    target, page = tmp_path / "a.yaml", tmp_path / "architecture.md"
    run("import", str(SAGA), "--into", str(target))
    assert run("graph", str(target), "-o", str(page))[0] == 0
    text = page.read_text(encoding="utf-8")
    assert text.startswith("```mermaid\nflowchart LR\n") and text.endswith("\n```\n")
    assert text.count("```") == 2
    code, out, _ = run("graph", str(target))  # standard output stays bare Mermaid, as .mmd files want
    assert code == 0 and out.startswith("flowchart LR\n")
    code, out, _ = run("graph", str(target), "--fence")
    assert code == 0 and out == text
    assert run("graph", str(target), "-o", str(tmp_path / "bare.md"), "--no-fence")[0] == 0
    assert (tmp_path / "bare.md").read_text(encoding="utf-8").startswith("flowchart LR\n")
    assert run("graph", str(target), "-o", str(tmp_path / "g.markdown"), "--format", "dot")[0] == 0
    assert (tmp_path / "g.markdown").read_text(encoding="utf-8").startswith("```dot\ndigraph architecture {")


def test_text_from_a_source_cannot_steer_the_terminal(tmp_path: Path) -> None:
    source = tmp_path / "compose.yaml"
    source.write_text('services:\n  web:\n    image: shop/web\n    environment:\n'
                      '      SEARCH_URL: "http://search:9200/\\e[2J\\e]0;owned\\a"\n', encoding="utf-8")
    code, out, _ = run("import", str(source), "--into", str(tmp_path / "a.yaml"))
    assert code == 0 and "\x1b" not in out and "\x07" not in out
    assert "SEARCH_URL=http://search:9200/?[2J?]0;owned?: no service search in this file; not a call" in out
