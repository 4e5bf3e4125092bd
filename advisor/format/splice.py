"""Round-trip only the sections `decide` changes, and splice them back into the file.

ruamel.yaml's round trip is pure Python: on a file with 150,000 services it takes
minutes and gigabytes. The update touches the head keys, `traits` and `decision`, so
only those top-level sections go through it; every other line stays as it was, byte
for byte. A file whose top level is not a plain block mapping is not split.
"""

from __future__ import annotations

from collections.abc import Callable

from advisor.errors import YamlError
from advisor.format.loader import Document, load_text

TOUCHED = ("version", "system", "description", "traits", "decision")
Segments = list[tuple[str | None, str]]  # (top-level key or None for the lines before the first key, text)


def split(text: str, document: Document) -> Segments | None:
    """The file cut into top-level sections, or None when it cannot be cut safely."""
    data = document.data
    if not isinstance(data, dict) or not data or not all(isinstance(k, str) for k in data):
        return None
    starts = []
    for key in data:
        line, column = document.key_positions.get((key,), (0, 0))
        if column != 1 or not line:
            return None
        starts.append((line, key))
    starts.sort()
    lines = text.splitlines(keepends=True)
    if any(line.startswith(("---", "...", "%")) for line in lines[starts[0][0] - 1 :]):
        return None  # several documents or directives: leave them to the full round trip
    segments: Segments = [(None, "".join(lines[: starts[0][0] - 1]))]
    bounds = [*(line for line, _ in starts[1:]), len(lines) + 1]
    for (line, key), end in zip(starts, bounds, strict=True):
        chunk = "".join(lines[line - 1 : end - 1])
        segments.append((key, chunk if chunk.endswith("\n") else chunk + "\n"))
    return segments


def spliced(text: str, document: Document, update: Callable[[str], str]) -> str | None:
    """`update` applied to the touched sections only, the rest spliced around it (None: not possible)."""
    segments = split(text, document)
    if segments is None or not any(key in TOUCHED for key, _ in segments):
        return None
    from ruamel.yaml.error import YAMLError as RoundTripError

    slim = "".join(chunk for key, chunk in segments if key is None or key in TOUCHED)
    try:
        updated = update(slim)
        new_doc = load_text(updated, document.path)
    except (YamlError, RoundTripError):  # e.g. an alias whose anchor lies in another section
        return None
    new_segments = split(updated, new_doc)
    if new_segments is None:
        return None
    new_text = dict(new_segments)
    order = [key for key, _ in new_segments if key is not None]
    old_keys = {key for key, _ in segments}
    out = [new_text.get(None, "")]
    placed: set[str] = set()
    for position, (key, chunk) in enumerate(segments):
        if key is None:
            continue
        if key not in TOUCHED:
            out.append(chunk)
            continue
        out.append(_ended_like(new_text.get(key, ""), chunk))
        placed.add(key)
        # sections the update added right after this one go here, in the update's order
        for follower in order[order.index(key) + 1 :] if key in order else ():
            if follower in old_keys:
                break
            more = position < len(segments) - 1  # a section of the file follows: set it off
            out.append(_ended_like(new_text[follower], "\n\n" if more else ""))
            placed.add(follower)
    missing = [key for key in order if key not in placed]
    if missing:
        return None
    return "".join(out)


def _ended_like(chunk: str, original: str) -> str:
    """`chunk`, ending with a blank line when `original` did (a section set off from the next)."""
    if chunk and original.endswith("\n\n") and not chunk.endswith("\n\n"):
        return chunk + "\n"
    return chunk
