"""Text from a file made inert before it is printed.

A value read from the architecture file or a record can hold terminal escape
sequences or start a GitHub Actions workflow command (`::error ...::`, `::add-mask::`).
Everything the commands echo passes through `inert_lines`: control and bidi characters
are shown as escapes, and no line can begin a workflow command.
"""

from __future__ import annotations

import unicodedata

# Cc: C0/C1 controls (ESC, CSI, NEL...); Cf: format characters (bidi overrides, zero
# width); Zl/Zp: the Unicode line and paragraph separators.
_HIDDEN = {"Cc", "Cf", "Zl", "Zp"}
_KEEP = {"\t"}


def inert(text: str) -> str:
    """One line of text with every control, format or separator character escaped
    (`\\x1b`, `\\n`, `\\u202e`), and a leading `::` escaped as `\\::`."""
    if text.isprintable() and not text.lstrip().startswith("::"):
        return text
    out = "".join(_escape(ch) if unicodedata.category(ch) in _HIDDEN and ch not in _KEEP else ch for ch in text)
    stripped = out.lstrip()
    if stripped.startswith("::"):
        out = out[: len(out) - len(stripped)] + "\\" + stripped
    return out


def inert_lines(text: str) -> str:
    """Each line of `text` made inert; the line breaks themselves are kept."""
    return "\n".join(inert(line) for line in text.split("\n"))


def _escape(ch: str) -> str:
    code = ord(ch)
    if ch == "\n":
        return "\\n"
    if ch == "\r":
        return "\\r"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
