"""The one sanitizer: names from a model become identifiers and file names only here."""

from __future__ import annotations

import keyword
import re
import unicodedata
from collections.abc import Callable, Hashable, Iterable

_WORDS = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+")
# Names Windows reserves for devices, whatever the case or extension (`con.py`, `Aux`).
WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"{port}{n}" for port in ("com", "lpt") for n in range(10))}
)


def reserved(name: str) -> bool:
    """True when Windows cannot create a file called `name` (its part before the first dot)."""
    return name.split(".", 1)[0].rstrip(" ").lower() in WINDOWS_RESERVED


def words(name: str) -> list[str]:
    """The words of a name, ASCII only: `PaymentCaptured-v2` -> [Payment, Captured, v, 2]."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return _WORDS.findall(ascii_name)


def slug(name: str, fallback: str = "item") -> str:
    """A lower-case, dash-separated file name part; never empty, never `.` or `..`."""
    result = "-".join(w.lower() for w in words(name))[:64].strip("-") or fallback
    return f"{result}-{fallback}" if reserved(result) else result


def snake(name: str, fallback: str = "item") -> str:
    """A Python/SQL identifier: `place-order` -> `place_order`; keywords get a trailing `_`."""
    result = "_".join(w.lower() for w in words(name))[:64] or fallback
    if result[0].isdigit():
        result = f"{fallback}_{result}"
    return f"{result}_" if keyword.iskeyword(result) or reserved(result) else result


def pascal(name: str, fallback: str = "Item") -> str:
    """A class name: `place-order` -> `PlaceOrder`."""
    result = "".join(w[:1].upper() + w[1:] for w in words(name))[:64] or fallback
    if reserved(result):
        result += fallback
    return f"{fallback}{result}" if result[0].isdigit() else result


def camel(name: str, fallback: str = "item") -> str:
    """A JavaScript identifier: `place-order` -> `placeOrder`."""
    result = pascal(name, fallback.capitalize())
    return result[0].lower() + result[1:]


class Unique:
    """Hands out distinct names: the same key always gets the same one, a clash a numbered one.

    `suffix(base, n)` makes the n-th candidate (n = 2, 3, ...; default `base_n`); `forms(name)`
    lists every form that must stay distinct (default: the name itself).
    """

    def __init__(
        self,
        taken: Iterable[str] = (),
        *,
        suffix: Callable[[str, int], str] | None = None,
        forms: Callable[[str], Iterable[str]] | None = None,
    ) -> None:
        self._by_key: dict[Hashable, str] = {}
        self._taken = set(taken)
        self._suffix = suffix or _numbered
        self._forms = forms or _itself

    def __call__(self, key: Hashable, base: str) -> str:
        """The name for `key`, made from `base` when the key is new."""
        if key not in self._by_key:
            candidate, number = base, 2
            while any(form in self._taken for form in self._forms(candidate)):
                candidate, number = self._suffix(base, number), number + 1
            self._taken.update(self._forms(candidate))
            self._by_key[key] = candidate
        return self._by_key[key]


def unique(
    items: Iterable[str],
    convert: Callable[[str], str],
    taken: Iterable[str] = (),
    *,
    suffix: Callable[[str, int], str] | None = None,
    forms: Callable[[str], Iterable[str]] | None = None,
    respell: bool = False,
) -> dict[str, str]:
    """Each distinct item -> a distinct `convert(item)` (`a.b`, `a-b` -> `a_b`, `a_b_2`).

    With `respell`, a clash is renamed `convert("<base> <n>")`, so the suffix follows the
    name's own spelling (`a-b-2`, `AB2`, `class_2`).
    """
    namer = Unique(taken, suffix=_respelled(convert) if respell else suffix, forms=forms)
    return {item: namer(item, convert(item)) for item in items}


def _numbered(base: str, number: int) -> str:
    return f"{base}_{number}"


def _respelled(convert: Callable[[str], str]) -> Callable[[str, int], str]:
    def suffix(base: str, number: int) -> str:
        return convert(f"{base[:56]} {number}")

    return suffix


def _itself(name: str) -> tuple[str]:
    return (name,)


_MODEL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]{0,63}$")
_NOT_NAME = re.compile(r"[^A-Za-z0-9_.-]+")


def model_name(text: str) -> str:
    """A name the architecture file accepts (`^[A-Za-z][A-Za-z0-9_.-]{0,63}$`), or "" if none.

    Text that already fits is kept as written; otherwise accents are dropped, other
    characters become `-` and leading non-letters go: `Website Backend` -> `Website-Backend`.
    """
    if _MODEL_NAME.match(text):
        return text
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = _NOT_NAME.sub("-", ascii_text).lstrip("0123456789_.-")[:64].rstrip("-")
    return cleaned if _MODEL_NAME.match(cleaned) else ""
