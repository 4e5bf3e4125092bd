"""The one sanitizer: names from a model become identifiers and file names only here."""

from __future__ import annotations

import keyword
import re
import unicodedata

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")


def words(name: str) -> list[str]:
    """The words of a name, ASCII only: `PaymentCaptured-v2` -> [Payment, Captured, v, 2]."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _WORDS.findall(ascii_name)


def slug(name: str, fallback: str = "item") -> str:
    """A lower-case, dash-separated file name part; never empty, never `.` or `..`."""
    return "-".join(w.lower() for w in words(name))[:64].strip("-") or fallback


def snake(name: str, fallback: str = "item") -> str:
    """A Python/SQL identifier: `place-order` -> `place_order`; keywords get a trailing `_`."""
    result = "_".join(w.lower() for w in words(name))[:64] or fallback
    if result[0].isdigit():
        result = f"{fallback}_{result}"
    return f"{result}_" if keyword.iskeyword(result) else result


def pascal(name: str, fallback: str = "Item") -> str:
    """A class name: `place-order` -> `PlaceOrder`."""
    result = "".join(w[:1].upper() + w[1:] for w in words(name))[:64] or fallback
    return f"{fallback}{result}" if result[0].isdigit() else result


def camel(name: str, fallback: str = "item") -> str:
    """A JavaScript identifier: `place-order` -> `placeOrder`."""
    result = pascal(name, fallback.capitalize())
    return result[0].lower() + result[1:]
