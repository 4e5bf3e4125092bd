"""placeholder"""

from __future__ import annotations

from typing import Any


def read(sources: Any, facts: Any, options: Any) -> None:
    """Not yet."""
