"""Airflow for the tests: a throw-away AIRFLOW_HOME with its own SQLite metadata database.

Set before anything imports airflow, which reads its configuration on import.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

DAGS = Path(__file__).resolve().parent.parent / "dags"
HOME = Path(tempfile.mkdtemp(prefix="airflow-home-"))

os.environ["AIRFLOW_HOME"] = str(HOME)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"] = f"sqlite:///{HOME / 'airflow.db'}"


@pytest.fixture(scope="session")
def airflow_db() -> Path:
    """A migrated metadata database (for running DAGs; parsing needs none)."""
    result = subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return HOME


@pytest.fixture(scope="session", autouse=True)
def remove_airflow_home() -> Iterator[None]:
    """Leave nothing behind once the tests are done."""
    yield
    shutil.rmtree(HOME, ignore_errors=True)
