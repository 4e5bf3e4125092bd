"""The severities of lint findings, mildest last (kept apart so `lint --help` loads nothing else)."""

from __future__ import annotations

SEVERITIES = ("error", "warning", "info")
RANK = {"error": 3, "warning": 2, "info": 1, "off": 0}
