"""`advisor import` without the command line: sources in, facts (and a merged file) out."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from advisor.errors import InputError, Location
from advisor.format.interop import asyncapi, backstage, compose, kubernetes, stepfunctions
from advisor.format.interop.facts import Facts, Recorder
from advisor.format.interop.merge import Merged, merge_facts
from advisor.format.interop.sources import KINDS, Source, read_sources


@dataclass(frozen=True)
class Options:
    """Choices the sources cannot make: the format, and the service an AsyncAPI document describes."""

    kind: str = ""
    service: str = ""


Importer = Callable[[list[Source], Facts, Options], None]


def _kubernetes(sources: list[Source], facts: Facts, options: Options) -> None:
    kubernetes.read(sources, facts)


IMPORTERS: dict[str, Importer] = {
    "asyncapi": asyncapi.read,
    "kubernetes": _kubernetes,
    "compose": compose.read,
    "step-functions": stepfunctions.read,
    "backstage": backstage.read,
}
assert set(IMPORTERS) == set(KINDS)


def collect(paths: Iterable[Path], options: Options = Options()) -> Facts:
    """Read every source and record what it says (InputError, located, for a broken one)."""
    sources = read_sources(paths, options.kind)
    facts = Facts()
    for source in sources:
        if not source.kind and source.named:
            raise InputError(
                "not a format advisor imports (AsyncAPI, Kubernetes, compose, Step Functions, Backstage); "
                "name it with --from", Location(source.document.path, 1, 1))
        if not source.kind:
            Recorder(source.document, facts).note("not a format advisor imports; skipped")
    for kind in KINDS:
        chosen = [s for s in sources if s.kind == kind]
        if chosen:
            IMPORTERS[kind](chosen, facts, options)
    return facts


def import_into(paths: Iterable[Path], target: Path, options: Options = Options()) -> Merged:
    """The architecture file `target` with the sources' facts merged in (not yet written)."""
    from advisor.format.loader import read_text

    paths = list(paths)
    facts = collect(paths, options)
    if not facts.facts:
        why = f" ({facts.notes[0].source}: {facts.notes[0].message})" if facts.notes else ""
        raise InputError(f"nothing to import: no services, events or flows in {', '.join(map(str, paths))}{why}")
    text = read_text(target) if target.exists() else None
    if text is not None:
        from advisor.format.loader import load_text

        load_text(text, str(target))  # the file must be safe YAML before ruamel.yaml reads it
    return merge_facts(text, facts, path=str(target))
