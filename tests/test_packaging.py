"""The wheel carries rules/ and templates/ and runs from anywhere."""

from __future__ import annotations

import os
import site
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_wheel_installs_and_runs_from_another_directory(tmp_path: Path) -> None:
    pytest.importorskip("hatchling", reason="hatchling is needed to build the wheel")
    dist = tmp_path / "dist"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = dist.glob("coordination_advisor-*.whl")
    home = tmp_path / "venv"
    venv.create(home, with_pip=True)
    python = home / "bin" / "python"
    # The runtime dependencies come from this environment, so the test needs no network.
    purelib = subprocess.check_output(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
    ).strip()
    Path(purelib, "outer-env.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "-q", str(wheel)], capture_output=True, text=True
    )
    assert install.returncode == 0, install.stderr[-2000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    result = subprocess.run(
        [str(home / "bin" / "advisor"), "questions", "--format", "json"],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    assert '"coordinator_ha"' in result.stdout
    located = subprocess.check_output(
        [str(python), "-c", "from advisor.resources import data_dir; print(data_dir('rules'))"],
        cwd=elsewhere,
        text=True,
        env=env,
    )
    assert "_data" in located and str(ROOT) not in located


def test_the_distribution_name_is_not_the_unrelated_advisor_on_pypi() -> None:
    import re

    pyproject = (ROOT / "pyproject.toml").read_text()
    assert re.search(r'^name = "coordination-advisor"$', pyproject, re.MULTILINE)
    assert 'advisor = "advisor.cli:main"' in pyproject
    readme = (ROOT / "README.md").read_text()
    setup = readme[readme.index("## Set up") : readme.index("## The architecture file")]
    assert "python3 -m venv" in setup and "pip install -e /path/to/this/checkout" in setup
    assert "not in this checkout" in setup
    commands = re.findall(r"```sh\n(.*?)```", setup, re.DOTALL)
    installs = [line for block in commands for line in block.splitlines() if "pip install" in line]
    assert installs and all("pip install -e " in line for line in installs), installs
