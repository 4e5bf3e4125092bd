"""The scaffold engine: confinement, no overwrite without force, all-or-nothing writes,
the example flow, and the helpers targets share."""

from __future__ import annotations

from pathlib import Path

import pytest

from advisor.errors import InputError, WriteFailed, WriteRefused
from advisor.format.model import Architecture, Service
from advisor.scaffold import engine
from advisor.scaffold.engine import example_flow, make_starter, plan_starter, write_starter
from tests.scaffold.helpers import FakeTarget, generate, hostile_model

MODEL = Architecture(system="s", services={"a": Service("a")})


def fake(monkeypatch: pytest.MonkeyPatch, files: dict[str, str]) -> None:
    monkeypatch.setattr(engine, "get_target", lambda name, style=None: FakeTarget(files))


def tree(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*")) if root.exists() else []


@pytest.mark.parametrize("name", ["../../etc/passwd", "/etc/passwd", "a/../../b", "..", "a\\..\\..\\b", ""])
def test_a_target_cannot_write_outside_the_output_directory(monkeypatch, tmp_path, name) -> None:
    fake(monkeypatch, {"ok.txt": "fine", name: "escaped"})
    out = tmp_path / "out"
    with pytest.raises(WriteRefused):
        plan_starter(MODEL, "fake", out)
    assert not out.exists() and tree(tmp_path) == []


def test_a_symlink_inside_the_output_directory_cannot_lead_out(monkeypatch, tmp_path) -> None:
    outside, out = tmp_path / "outside", tmp_path / "out"
    outside.mkdir()
    out.mkdir()
    (out / "link").symlink_to(outside, target_is_directory=True)
    fake(monkeypatch, {"link/x.txt": "escaped"})
    with pytest.raises(WriteRefused):
        plan_starter(MODEL, "fake", out)
    assert tree(outside) == []


@pytest.mark.parametrize("target", ["step-functions", "gcp-workflows", "kubernetes"])
def test_hostile_names_in_the_model_stay_inside_the_output_directory(tmp_path, target) -> None:
    out = tmp_path / "deep" / "out"
    written = generate(hostile_model(), target, out)
    assert written
    for path in written:
        assert out.resolve() in path.resolve().parents
        assert ".." not in path.relative_to(out).parts
    assert {p.name for p in tmp_path.iterdir()} == {"deep"}
    assert not Path("/tmp/evil").exists()
    for path in written:
        if path.suffix == ".py":
            compile(path.read_text(), str(path), "exec")  # names never break the generated code


def test_existing_files_are_not_overwritten_without_force(monkeypatch, tmp_path) -> None:
    fake(monkeypatch, {"a.txt": "new", "b/c.txt": "new"})
    (tmp_path / "a.txt").write_text("mine")
    with pytest.raises(WriteRefused, match="--force"):
        write_starter(plan_starter(MODEL, "fake", tmp_path))
    assert (tmp_path / "a.txt").read_text() == "mine"
    assert not (tmp_path / "b").exists(), "a refused write must write nothing at all"
    write_starter(plan_starter(MODEL, "fake", tmp_path), force=True)
    assert (tmp_path / "a.txt").read_text() == "new" and (tmp_path / "b" / "c.txt").read_text() == "new"


def test_a_failing_write_leaves_nothing_behind(monkeypatch, tmp_path) -> None:
    # `blocker` is a file, so `blocker/z.txt` cannot be created after `a/a.txt` was.
    (tmp_path / "blocker").write_text("in the way")
    (tmp_path / "keep.txt").write_text("old")
    fake(monkeypatch, {"a/a.txt": "x", "blocker/z.txt": "y", "keep.txt": "new"})
    before = tree(tmp_path)
    with pytest.raises(WriteFailed, match="nothing was written"):
        write_starter(plan_starter(MODEL, "fake", tmp_path), force=True)
    assert tree(tmp_path) == before
    assert (tmp_path / "keep.txt").read_text() == "old"


def test_an_interrupted_write_leaves_nothing_behind(monkeypatch, tmp_path) -> None:
    fake(monkeypatch, {"a.txt": "1", "b.txt": "2", "c.txt": "3"})
    (tmp_path / "out").mkdir()  # files into an existing folder: one move each
    plan = plan_starter(MODEL, "fake", tmp_path / "out")
    link, calls = engine.write_plan.__globals__["os"].link, []

    def interrupted(source, destination):  # type: ignore[no-untyped-def]
        calls.append(destination)
        if len(calls) == 2:
            raise KeyboardInterrupt
        link(source, destination)

    monkeypatch.setattr("advisor.writing.os.link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_starter(plan)
    assert list(tmp_path.iterdir()) == [tmp_path / "out"] and not any((tmp_path / "out").iterdir())


def test_a_model_without_flows_gets_one_example_flow() -> None:
    model = Architecture(services={
        "front": Service("front", role="orchestrator", calls=("stock", "pay")),
        "stock": Service("stock"), "pay": Service("pay"), "mail": Service("mail")})
    starter = make_starter(model, "step-functions")
    assert starter.generated_example
    [flow] = starter.orchestrated_flows
    assert flow.orchestrator == "front"
    assert [(s.service, s.compensation) for s in flow.steps] == [("stock", "undo"), ("pay", "")]


def test_an_example_flow_needs_services() -> None:
    assert example_flow(Architecture()) is None
    with pytest.raises(InputError, match="nothing to scaffold"):
        plan_starter(Architecture(system="empty"), "kubernetes", Path("unused"))


def test_a_target_that_does_not_fit_the_style_is_refused() -> None:
    with pytest.raises(InputError, match=r"is for choreography.*temporal, airflow, step-functions"):
        plan_starter(MODEL, "kafka", Path("unused"), style="orchestration")
    with pytest.raises(InputError, match="unknown target"):
        plan_starter(MODEL, "zeebe", Path("unused"))


def test_a_target_whose_module_is_missing_is_an_input_error(monkeypatch) -> None:
    from advisor import scaffold

    monkeypatch.setitem(scaffold.REGISTRY, "kubernetes", "advisor.scaffold.not_there")
    with pytest.raises(InputError, match="not available"):
        plan_starter(MODEL, "kubernetes", Path("unused"))


def test_an_engine_target_needs_a_flow_or_services_to_sketch_one() -> None:
    from advisor.format.model import Event

    with pytest.raises(InputError, match="no flow with steps"):
        plan_starter(Architecture(events={"E": Event("E")}), "step-functions", Path("unused"))
