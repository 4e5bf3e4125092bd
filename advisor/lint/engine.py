"""Lint one or more architecture files: load, run every rule, locate, suppress, sort.

The core returns Findings; advisor/lint/formats turns them into text, JSON, SARIF
or GitHub annotations.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from advisor.errors import YamlError
from advisor.format.loader import Document, load_file, read_bytes, unreadable
from advisor.format.model import DEFAULT_FILE, Architecture, read_model
from advisor.lint.config import LintConfig, find_config, load_config
from advisor.lint.context import Context
from advisor.lint.finding import RANK, Finding, Hit, Related
from advisor.lint.rules import REGISTRY, LintRule
from advisor.lint.suppressions import find_suppressions

_LAST = "unused-suppression"  # needs to know which suppressions the other rules used


@dataclass(frozen=True)
class Report:
    """The findings of a lint run over some files, in file order."""

    findings: tuple[Finding, ...]
    files: tuple[str, ...]
    fail_on: str = "error"
    unreadable: tuple[str, ...] = ()  # `path: why` for each named file that could not be linted

    @property
    def failed(self) -> bool:
        """Whether any finding is at or above the fail-on level (exit 1)."""
        return any(RANK[f.severity] >= RANK[self.fail_on] for f in self.findings)


def default_options() -> dict[str, Mapping[str, int]]:
    """Each rule's options with their defaults."""
    return {rule_id: rule.OPTIONS for rule_id, rule in REGISTRY.items()}


def lint_paths(
    paths: Iterable[Path], *, config_path: Path | None = None, fail_on: str = "", strict: bool = False
) -> Report:
    """Lint files with their nearest config; `strict` ignores suppression comments.

    A named file that is missing (or a folder, device or pipe) is listed in the report's
    `unreadable`; the other files are linted all the same."""
    named = list(paths)
    reasons = {path: unreadable(path) for path in named}
    missing = tuple(f"{path}: {why}" + _hint(path, why) for path, why in reasons.items() if why)
    paths = [path for path in named if not reasons[path]]
    configs: dict[Path | None, LintConfig] = {}
    findings: list[Finding] = []
    levels = []
    for path in paths:
        where = config_path or find_config(path)
        if where not in configs:
            configs[where] = load_config(where, default_options()) if where else LintConfig()
        config = replace(configs[where], strict=True) if strict else configs[where]
        levels.append(config.fail_on)
        findings.extend(lint_file(path, config))
    # With several settings files the strictest fail-on level applies to the whole run.
    chosen = fail_on or min((lvl for lvl in levels if lvl), key=RANK.__getitem__, default="error")
    return Report(tuple(findings), tuple(str(p) for p in paths), chosen, missing)


def _hint(path: Path, why: str) -> str:
    return (
        " (create one with `advisor init` or `advisor decide`)"
        if why == "no such file" and path.name == DEFAULT_FILE
        else ""
    )


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector: lint makes many small acyclic objects, and
    collections while the whole model is alive make large files superlinear."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def lint_file(path: Path, config: LintConfig | None = None, *, display: str | None = None) -> list[Finding]:
    """Every finding in one file, suppressions applied, in file order."""
    shown = display or str(path)
    with _gc_paused():
        return _lint_loaded(
            lambda: _context(load_file(path, display=shown), path.parent),
            lambda error: _broken(path, shown, error),
            config,
        )


def lint_text(
    text: str,
    path: str = "architecture.yaml",
    config: LintConfig | None = None,
    base_dir: Path | None = None,
) -> list[Finding]:
    """Lint YAML text as if it were the file `path` (tests, editors)."""
    from advisor.format.loader import load_text

    with _gc_paused():
        return _lint_loaded(
            lambda: _context(load_text(text, path), base_dir or Path(path).parent),
            lambda error: _broken_text(text, path, error),
            config,
        )


def lint_model(doc: Document, model: Architecture, config: LintConfig | None = None) -> list[Finding]:
    """Lint a loaded file whose model was changed in memory and not yet written (`decide`'s
    answers and decision): the rules read `model`, positions and suppressions come from `doc`."""
    with _gc_paused():
        path = Path(doc.path)
        ctx = Context(doc, model, path.parent, suppressions=find_suppressions(doc.text))
        return _run(ctx, config or LintConfig())


def _lint_loaded(
    load: Callable[[], Context], broken: Callable[[YamlError], Context], config: LintConfig | None
) -> list[Finding]:
    """Load and lint; the model is freed on return, before the collector resumes (else it
    would sweep every object the load made)."""
    try:
        ctx = load()
    except YamlError as error:
        ctx = broken(error)
    return _run(ctx, config or LintConfig())


def _context(doc: Document, base_dir: Path) -> Context:
    return Context(doc, read_model(doc), base_dir, suppressions=find_suppressions(doc.text))


def _broken(path: Path, shown: str, error: YamlError) -> Context:
    try:  # the text is still searched for suppression comments
        text = read_bytes(path, shown).decode("utf-8", errors="replace")
    except YamlError:
        text = ""
    return _broken_text(text, shown, error)


def _broken_text(text: str, shown: str, error: YamlError) -> Context:
    doc = Document(shown, {}, text)
    return Context(doc, read_model(doc), Path(shown).parent, error=error, suppressions=find_suppressions(text))


def _run(ctx: Context, config: LintConfig) -> list[Finding]:
    if config.strict:
        ctx.suppressions = []
    ctx.options = {
        **default_options(),
        **{k: {**REGISTRY[k].OPTIONS, **v} for k, v in config.options.items()},
    }
    findings: list[Finding] = []
    for rule_id, rule in REGISTRY.items():
        if rule_id == _LAST or (ctx.error is not None and rule_id not in ("syntax", "bad-suppression")):
            continue
        findings.extend(_active(ctx, _located(ctx, rule, config)))
    if ctx.error is None:
        # A rule turned off found nothing to suppress: its suppressions are not stale.
        off = {rule_id for rule_id, level in config.severities.items() if level == "off"}
        findings.extend(f for f in _located(ctx, REGISTRY[_LAST], config) if f.subject not in off)
    return sorted(findings, key=Finding.sort_key)


def _located(ctx: Context, rule: LintRule, config: LintConfig) -> list[Finding]:
    severity = config.severities.get(rule.ID, rule.SEVERITY)
    if severity == "off":
        return []
    configured = rule.ID in config.severities
    return [_locate(ctx, rule, hit, severity, configured) for hit in rule.check(ctx)]


def _locate(ctx: Context, rule: LintRule, hit: Hit, severity: str, configured: bool = False) -> Finding:
    if hit.position is not None:
        line, column = hit.position
    else:
        where = ctx.doc.locate(hit.at, key=hit.key)
        line, column = where.line or 1, where.column or 1
    if hit.severity and RANK[hit.severity] < RANK[severity] and not configured:
        severity = hit.severity  # a milder finding, unless .advisor.yaml sets the rule's severity
    related = tuple(Related(*_position(ctx, at), message) for at, message in hit.related)
    hint = hit.hint or rule.FIX
    return Finding(rule.ID, severity, ctx.doc.path, line, column, hit.message, hint, hit.subject, related)


def _position(ctx: Context, at: tuple[str | int, ...]) -> tuple[int, int]:
    where = ctx.doc.locate(at)
    return where.line or 1, where.column or 1


def _active(ctx: Context, findings: list[Finding]) -> list[Finding]:
    """Drop the findings a valid suppression on their line names (and mark it used)."""
    if not ctx.suppressions:
        return findings
    by_line = {s.line: s for s in ctx.suppressions if s.valid}
    kept = []
    for finding in findings:
        item = by_line.get(finding.line)
        if item is not None and finding.rule in item.rules and finding.rule != "syntax":  # never hide an unread file
            item.used.add(finding.rule)
        else:
            kept.append(finding)
    return kept
