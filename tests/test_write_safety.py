"""Writes under failure: a full disk, a file in the way, --force, two runs at once, kills.

These run the real `advisor` in a subprocess where a signal or a resource limit is the
point; a file-size limit (RLIMIT_FSIZE) stands in for a full disk."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from advisor.cli import cli
from advisor.format.loader import load_file
from tests.conftest import ANSWERS

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals and resource limits")
ADVISOR = [sys.executable, "-c", "from advisor.cli import main; main()"]


def model(services: int) -> str:
    lines = ["version: 1", "system: big", "services:"]
    lines += [f"  s{i}: {{publishes: [E{i}], consumes: [E{(i - 1) % services}]}}" for i in range(services)]
    lines += ["events:", *(f"  E{i}: {{}}" for i in range(services))]
    return "\n".join(lines) + "\n"


DECIDE = ["decide", "--answers", str(ANSWERS), "--style", "choreography", "--reason", "r"]


def snapshot(root: Path) -> dict[str, bytes | None]:
    return {p.relative_to(root).as_posix(): (p.read_bytes() if p.is_file() else None) for p in root.rglob("*")}


def litter(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if ".tmp" in p.name or "staging" in p.name)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_force_restores_every_replaced_file_when_a_later_write_fails(project: Path) -> None:
    (project / "architecture.yaml").write_text(model(3))
    code, _, err = run(*DECIDE, "--target", "kafka")
    assert code == 0, err
    last = sorted(p for p in (project / "starters" / "kafka").rglob("*") if p.is_file())[-1]
    last.unlink()
    last.mkdir()  # a folder where a file must go: the last write fails
    (last / "x").write_text("x")
    before = snapshot(project)
    code, _, err = run(*DECIDE, "--target", "kafka", "--reason", "r2", "--force")
    assert code == 2 and "Traceback" not in err, err
    assert err.count("\n") == 1 and "nothing was written" in err
    assert snapshot(project) == before
    code, _, err = run("scaffold", "--force")
    assert code == 2 and "nothing was written" in err
    assert snapshot(project) == before and litter(project) == []


def test_an_adr_dir_naming_a_file_is_one_line_and_exit_2(project: Path) -> None:
    (project / "afile").write_text("in the way\n")
    (project / ".adr-dir").write_text("afile/decisions\n")
    code, _, err = run("decide", "--answers", str(ANSWERS), "--target", "none")
    assert code == 2 and err.startswith("advisor: ") and err.count("\n") == 1, err
    assert sorted(p.name for p in project.iterdir()) == [".adr-dir", "afile"]


def _limited(limit: int) -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@posix_only
@pytest.mark.parametrize(
    "args",
    [
        ["decide", "--answers", str(ANSWERS), "--target", "none"],
        ["adr", "new", "A", "long", "title"],
        ["init"],
        ["adr", "index", "--write"],
    ],
    ids=["decide", "adr-new", "init", "adr-index"],
)
def test_a_full_disk_is_one_line_exit_2_and_nothing_written(project: Path, args: list[str]) -> None:
    if args[:2] == ["adr", "index"]:
        (project / "docs" / "decisions").mkdir(parents=True)
        for n in range(1, 30):
            (project / "docs" / "decisions" / f"{n:04d}-a-record-with-a-title-{n}.md").write_text(
                f"---\nstatus: accepted\ndate: 2024-01-01\n---\n# Record number {n} with a long title\n"
            )
    before = snapshot(project)
    result = subprocess.run(
        [*ADVISOR, *args], cwd=project, capture_output=True, text=True, preexec_fn=lambda: _limited(200), timeout=60
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("advisor: ") and result.stderr.count("\n") == 1, result.stderr
    assert "File too large" in result.stderr
    assert snapshot(project) == before


@posix_only
def test_two_decide_runs_at_once_never_share_a_record_number_or_lose_an_update(project: Path) -> None:
    for attempt in range(4):
        root = project / f"run{attempt}"
        root.mkdir()
        runs = [
            subprocess.Popen(
                [*ADVISOR, "decide", "--answers", str(ANSWERS), "--target", "none", "--title", f"Choice {who}"],
                cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
            for who in ("a", "b")
        ]
        codes = [r.wait(timeout=60) for r in runs]
        errors = [r.stderr.read() for r in runs if r.stderr]  # type: ignore[union-attr]
        assert sorted(codes) in ([0, 0], [0, 2]), errors
        records = sorted((root / "docs" / "decisions").glob("*.md"))
        assert len(records) == codes.count(0) == 1 or len({p.name[:4] for p in records}) == len(records)
        adr = load_file(root / "architecture.yaml").data["decision"]["adr"]
        assert (root / adr) in records
        if codes.count(0) == 1:
            assert len(records) == 1
        assert litter(root) == []


def _decide_until_writing(root: Path, phase: str) -> subprocess.Popen[str]:
    """Start decide and return once it has begun `phase`: staging its files, or moving them into place."""
    child = subprocess.Popen(  # stdout to a file: a full pipe would stall the run before it writes
        [*ADVISOR, *DECIDE, "--target", "kafka"], cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    deadline = time.monotonic() + 30
    while child.poll() is None and time.monotonic() < deadline:
        names = [p.name for p in root.iterdir()]
        if "starters" in names or (phase == "staging" and any(n.startswith(".advisor-staging-") for n in names)):
            return child
        time.sleep(0.002)
    raise AssertionError(f"decide never reached {phase} (exit {child.poll()})")


@posix_only
@pytest.mark.parametrize("phase", ["staging", "commit"])
def test_sigterm_stops_like_ctrl_c_and_leaves_nothing(project: Path, phase: str) -> None:
    (project / "architecture.yaml").write_text(model(200))
    before = snapshot(project)
    child = _decide_until_writing(project, phase)
    child.send_signal(signal.SIGTERM)
    _, err = child.communicate(timeout=60)
    if phase == "staging":
        assert child.returncode == 130, err
    # During the moves the signal waits for them; once they are done the files are there,
    # and what the run says must match what is on disk.
    # (-SIGTERM: it came as the finished run was exiting, after Python let go of its handler.)
    assert child.returncode in (0, 130, -signal.SIGTERM) and "Traceback" not in err, err
    if child.returncode == 130 and "nothing was written" in err:
        assert snapshot(project) == before
    else:
        assert child.returncode != 130 or "interrupted; after writing" in err, err
        assert len(list((project / "starters" / "kafka").rglob("*.py"))) > 100
    assert litter(project) == []


@posix_only
@pytest.mark.parametrize("phase", ["staging", "commit"])
def test_a_killed_run_leaves_at_most_one_folder_which_the_next_run_removes(project: Path, phase: str) -> None:
    (project / "architecture.yaml").write_text(model(200))
    child = _decide_until_writing(project, phase)
    child.kill()
    child.wait(timeout=60)
    left = litter(project)
    assert len([name for name in left if "/" not in name]) <= 1 and all(name.startswith(".advisor-staging-")
                                                                       for name in left), left
    again = subprocess.run([*ADVISOR, *DECIDE, "--target", "kafka", "--force"], cwd=project, capture_output=True,
                           text=True, timeout=60)
    assert again.returncode in (0, 2), again.stderr
    assert litter(project) == []
    assert os.path.isfile(project / "architecture.yaml")


@posix_only
def test_adr_new_runs_at_once_take_distinct_numbers(project: Path) -> None:
    runs = [
        subprocess.Popen([*ADVISOR, "adr", "new", f"Record {n}"], cwd=project, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for n in range(6)
    ]
    codes = [r.wait(timeout=60) for r in runs]
    assert codes == [0] * 6
    numbers = sorted(p.name[:4] for p in (project / "docs" / "decisions").glob("*.md"))
    assert numbers == [f"{n:04d}" for n in range(1, 7)]


def test_files_on_two_file_systems_are_written_together(project: Path) -> None:
    other = Path("/dev/shm")
    if not other.is_dir() or os.stat(other).st_dev == os.stat(project).st_dev:
        pytest.skip("needs a second file system (/dev/shm) beside the temporary folder")
    import tempfile

    with tempfile.TemporaryDirectory(dir=other) as elsewhere:
        (project / "architecture.yaml").write_text(model(3))
        for extra in ([], ["--force"]):  # the second run replaces the starter on the other file system
            code, _, err = run(*DECIDE, "--target", "kafka", "--scaffold-dir", elsewhere, *extra)
            assert code == 0, err
        assert (Path(elsewhere) / "README.md").is_file()
        assert litter(project) == [] and litter(Path(elsewhere)) == []


def test_a_file_where_a_folder_must_go_is_named_as_such(project: Path) -> None:
    (project / "architecture.yaml").write_text(model(3))
    (project / "starters").mkdir()
    (project / "starters" / "kafka").write_text("a file in the way\n")
    before = snapshot(project)
    code, _, err = run(*DECIDE, "--target", "kafka")
    assert code == 2 and "it is a file, not a folder" in err and "appeared" not in err, err
    assert snapshot(project) == before
