"""TEMPORARY stand-in for advisor.adr until the ADR renderer is merged; removed then."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest

from advisor import names
from advisor.writing import PlannedFile


def find_adr_dir(root: Path) -> Path:
    return root / "docs" / "decisions"


def plan_decision_record(
    *,
    model: Any,
    recommendation: Any,
    style: str,
    title: str,
    adr_dir: Path,
    status: str = "proposed",
    override_reason: str = "",
    **_: Any,
) -> PlannedFile:
    numbers = [int(p.name[:4]) for p in adr_dir.glob("[0-9][0-9][0-9][0-9]-*.md")] if adr_dir.is_dir() else []
    number = max(numbers, default=0) + 1
    text = f'---\nstatus: {status}\n---\n# {title}\n\nChosen option: "{style}"\n{override_reason}\n'
    return PlannedFile(adr_dir / f"{number:04d}-{names.slug(title)}.md", text)


def install(monkeypatch: pytest.MonkeyPatch) -> None:
    try:
        import advisor.adr  # noqa: F401
    except ModuleNotFoundError:
        module = types.ModuleType("advisor.adr")
        module.find_adr_dir = find_adr_dir  # type: ignore[attr-defined]
        module.plan_decision_record = plan_decision_record  # type: ignore[attr-defined]
        monkeypatch.setitem(sys.modules, "advisor.adr", module)
