"""Model text made safe inside generated files, for the three places starters put it.

Names from a model become identifiers only through `advisor.names`; shown as text (in a
docstring, comment, string or Markdown table) they go through one of these. Each keeps
the exact text its targets' golden files were written with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Characters that could end a docstring or comment, or break a Markdown table or Mermaid label.
_UNSAFE_IN_LABEL = str.maketrans(
    {"\\": "/", '"': "'", "`": "'", "{": "(", "}": ")", "#": " ", "|": "/"})
_UNSAFE_IN_PROSE = str.maketrans({"\\": "/", '"': "'", "|": "/"})
# What `plain` keeps: word characters and punctuation no language's comment syntax uses.
_UNSAFE_IN_PLAIN = re.compile(r"[^\w .,:;()+#@&/-]")


def _printable(text: str, instead: str) -> str:
    return "".join(char if char.isprintable() else instead for char in text)


def label(name: str) -> str:
    """A name as plain text for Python docstrings, comments and Markdown: one line, no quotes."""
    return _printable(name, " ").translate(_UNSAFE_IN_LABEL).strip() or "?"


def prose(text: str) -> str:
    """Model text made safe inside a Python docstring, comment or string: printable, no quotes."""
    return _printable(text, "?").translate(_UNSAFE_IN_PROSE).strip() or "?"


def plain(text: str) -> str:
    """Free text safe in comments and docstrings of any language: no quotes, backslashes or `*/`."""
    return " ".join(_UNSAFE_IN_PLAIN.sub(" ", text).split())


def listed(items: Iterable[str], empty: str = "-") -> str:
    """Names as `plain` text, comma-separated (`empty` when there are none)."""
    return ", ".join(plain(item) for item in items) or empty
