"""Environments for running a generated starter's own tests, the way a user would.

A virtualenv is made from the starter's dependency file and cached by the file's
content under ~/.cache/advisor-tests (or $ADVISOR_TEST_CACHE), so the slow suite pays
for installs once per machine. Anything that cannot be installed skips with the reason.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import venv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CACHE = Path(os.environ.get("ADVISOR_TEST_CACHE", Path.home() / ".cache" / "advisor-tests"))


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _digest(*parts: bytes) -> str:
    return hashlib.sha256(b"\0".join(parts)).hexdigest()[:16]


def python_env(requirements: Path, *, timeout: float = 1200) -> Path:
    """The python of a cached virtualenv with `requirements` installed (skip if impossible)."""
    key = _digest(requirements.read_bytes(), sys.version.encode())
    home = CACHE / "venvs" / key
    python = home / "bin" / "python"
    with _locked(home):
        if (home / ".complete").exists():
            return python
        shutil.rmtree(home, ignore_errors=True)
        venv.create(home, with_pip=True)
        result = subprocess.run(
            [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-r", str(requirements)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        if result.returncode != 0:
            shutil.rmtree(home, ignore_errors=True)
            pytest.skip(f"cannot install {requirements.name}: {result.stderr.strip()[-600:]}")
        (home / ".complete").write_text(requirements.read_text())
    return python


def node_modules(package_dir: Path, *, timeout: float = 1200) -> Path:
    """Install the starter's package.json into a cached node_modules and link it in."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.skip("npm is not installed on this machine")
    manifest = (package_dir / "package.json").read_bytes()
    home = CACHE / "npm" / _digest(manifest)
    with _locked(home):
        if not (home / ".complete").exists():
            shutil.rmtree(home, ignore_errors=True)
            home.mkdir(parents=True)
            (home / "package.json").write_bytes(manifest)
            result = subprocess.run(
                [npm, "install", "--no-audit", "--no-fund"], cwd=home, capture_output=True, text=True, timeout=timeout
            )
            if result.returncode != 0:
                shutil.rmtree(home, ignore_errors=True)
                pytest.skip(f"npm install failed: {result.stderr.strip()[-600:]}")
            (home / ".complete").write_text("ok")
    link = package_dir / "node_modules"
    if not link.exists():
        link.symlink_to(home / "node_modules", target_is_directory=True)
    return link


def run(command: list[str], cwd: Path, *, timeout: float = 600, env: dict[str, str] | None = None) -> str:
    """Run a starter's command; fail the test with its output when it fails."""
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})}
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"{' '.join(command)} failed ({result.returncode}):\n{output[-4000:]}"
    return output
