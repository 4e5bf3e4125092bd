"""Durations as the model writes them (`30s`, `5m`, `2h`, `1d`, `500ms`), parsed in one place."""

from __future__ import annotations

import math
import re

_DURATION = re.compile(r"^([0-9]+)(ms|s|m|h|d)$")
UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def _parse(text: str) -> float | None:
    match = _DURATION.match(text.strip()) if text else None
    return int(match.group(1)) * UNIT_SECONDS[match.group(2)] if match else None


def duration_seconds(text: str) -> float | None:
    """`10m` -> 600.0; None when empty, zero or not a duration of the format."""
    value = _parse(text)
    return value if value else None


def seconds(duration: str, default: int) -> int:
    """A duration in whole seconds (at least 1); `default` when empty or not a duration."""
    value = _parse(duration)
    return default if value is None else max(1, math.ceil(value))


def duration_text(value: float) -> str:
    """A compact duration as in the architecture file: 600 -> `10m`, 0.5 -> `500ms`."""
    if value != int(value):
        return f"{round(value * 1000)}ms"
    for unit in ("d", "h", "m"):
        if int(value) % UNIT_SECONDS[unit] == 0:
            return f"{int(value) // int(UNIT_SECONDS[unit])}{unit}"
    return f"{int(value)}s"
