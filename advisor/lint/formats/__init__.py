"""Renderers over a lint Report: text, json, sarif, github. Each returns a string."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from advisor.lint.engine import Report

FORMATS = ("text", "json", "sarif", "github")


def render(report: Report, output_format: str, *, color: bool = False) -> str:
    """The report in one of FORMATS (the renderers load on first use: `lint --help` needs only the names)."""
    from advisor.lint.formats.github import render_github
    from advisor.lint.formats.json_report import render_json
    from advisor.lint.formats.sarif import render_sarif
    from advisor.lint.formats.text import render_text

    renderers: dict[str, Callable[[Report], str]] = {
        "text": lambda r: render_text(r, color=color),
        "json": render_json,
        "sarif": render_sarif,
        "github": render_github,
    }
    return renderers[output_format](report)
