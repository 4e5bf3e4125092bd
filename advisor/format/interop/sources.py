"""Finding and reading source documents: files, folders and multi-document streams."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from advisor.errors import InputError, Location
from advisor.format.loader import MAX_BYTES, Document, decode, load_all_text, read_text

SUFFIXES = (".yaml", ".yml", ".json")
STDIN = "-"
KINDS = ("asyncapi", "kubernetes", "compose", "step-functions", "backstage")
MAX_FILES = 5000
_COMPOSE_NAME = re.compile(r"(^|[-_.])compose([-_.].*)?\.ya?ml$|^docker-compose", re.IGNORECASE)
_COMPOSE_KEYS = {"image", "build", "depends_on", "environment", "ports", "command", "deploy"}


@dataclass(frozen=True)
class Source:
    """One document of a source file, with the format it is in (or "" when unknown)."""

    document: Document
    kind: str
    named: bool  # named on the command line (an unknown format is then an error)


def files_of(paths: Iterable[Path]) -> list[tuple[Path, bool]]:
    """The files to read: named files as they are, folders searched for YAML and JSON."""
    found: list[tuple[Path, bool]] = []
    for path in paths:
        if str(path) == STDIN:
            found.append((path, True))
        elif path.is_dir():
            found += [(f, False) for f in sorted(path.rglob("*")) if f.suffix.lower() in SUFFIXES and f.is_file()]
        elif path.exists():
            found.append((path, True))
        else:
            raise InputError("no such file or folder", Location(str(path)))
    if len(found) > MAX_FILES:
        raise InputError(f"{len(found):,} files to read; the limit is {MAX_FILES:,}")
    return found


def read_sources(paths: Iterable[Path], kind: str = "") -> list[Source]:
    """Every document in `paths`, each with its detected (or the given) format."""
    sources: list[Source] = []
    for path, named in files_of(paths):
        shown = "<stdin>" if str(path) == STDIN else str(path)
        text = read_stdin() if str(path) == STDIN else read_text(path, display=shown)
        for document in load_all_text(text, shown):
            if document.data is None:
                continue
            found = detect(document.data, path.name)
            if kind and fits(kind, document.data, found):
                found = kind
            elif kind and named:
                raise InputError(f"--from {kind}: this is not {_NAMES[kind]} (it reads as "
                                 f"{_NAMES.get(found, 'none of the formats advisor imports')})",
                                 document.locate(()))
            elif kind:
                found = ""  # found in a folder: skipped with a note
            sources.append(Source(document, found, named))
    return sources


_NAMES = {"asyncapi": "an AsyncAPI document", "kubernetes": "a Kubernetes manifest", "compose": "a compose file",
          "step-functions": "a Step Functions definition", "backstage": "a Backstage catalog entity"}


def fits(kind: str, data: Any, detected: str) -> bool:
    """Whether a document can be read as `kind` (named with --from): it is detected as one, or a
    compose file without the keys that give one away."""
    if detected:
        return detected == kind
    return kind == "compose" and isinstance(data, dict) and isinstance(data.get("services"), dict)


def read_stdin() -> str:
    """Standard input as text (`helm template ... | advisor import -`), with the file size limit."""
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(f"standard input is over the limit of {MAX_BYTES:,} bytes", Location("<stdin>"))
    return decode(data, "<stdin>")


def detect(data: Any, file_name: str = "") -> str:
    """The format of a document, from its keys: one of KINDS, or "" when none fits."""
    if not isinstance(data, dict):
        return ""
    if "asyncapi" in data:
        return "asyncapi"
    if "StartAt" in data and isinstance(data.get("States"), dict):
        return "step-functions"
    api = data.get("apiVersion")
    if isinstance(api, str) and "kind" in data:
        return "backstage" if api.startswith("backstage.io/") else "kubernetes"
    services = data.get("services")
    if isinstance(services, dict) and (
        _COMPOSE_NAME.search(file_name)
        or any(isinstance(s, dict) and _COMPOSE_KEYS & set(s) for s in services.values())
    ):
        return "compose"
    return ""
