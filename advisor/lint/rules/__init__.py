"""The lint rules: one module each, all listed in one explicit registry.

Every module has the same contract (`LintRule`): an id, a default severity, a
one-line summary, a paragraph explaining why it matters, the source it rests on,
a fix hint, its tunable options with defaults, and `check(ctx)` yielding Hits.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Protocol

from advisor.lint.context import Context
from advisor.lint.finding import Hit
from advisor.lint.rules import (
    adr_mismatch,
    adr_missing,
    bad_suppression,
    command_as_event,
    contradictory_step_kind,
    decision_mismatch,
    dual_write,
    event_cycle,
    event_join,
    event_without_consumer,
    event_without_producer,
    god_orchestrator,
    hidden_orchestrator,
    hidden_request_reply,
    long_event_chain,
    missing_compensation,
    missing_deadline,
    missing_timeout,
    no_dead_letter,
    no_idempotency,
    non_retriable_after_pivot,
    orchestrator_spof,
    schema,
    syntax,
    trait_contradicts_model,
    unkeyed_ordering,
    unknown_reference,
    unused_suppression,
    unversioned_event,
)


class LintRule(Protocol):
    """What every rule module provides."""

    @property
    def ID(self) -> str: ...
    @property
    def SEVERITY(self) -> str: ...
    @property
    def SUMMARY(self) -> str: ...
    @property
    def EXPLANATION(self) -> str: ...
    @property
    def SOURCE(self) -> str: ...
    @property
    def FIX(self) -> str: ...
    @property
    def OPTIONS(self) -> Mapping[str, int]: ...

    def check(self, ctx: Context) -> Iterator[Hit]:
        """Yield a Hit for every problem this rule sees in the file."""
        ...


_MODULES: tuple[LintRule, ...] = (
    syntax,
    schema,
    unknown_reference,
    event_without_producer,
    event_without_consumer,
    event_cycle,
    hidden_orchestrator,
    orchestrator_spof,
    missing_compensation,
    decision_mismatch,
    trait_contradicts_model,
    adr_missing,
    adr_mismatch,
    command_as_event,
    long_event_chain,
    event_join,
    god_orchestrator,
    missing_timeout,
    no_idempotency,
    dual_write,
    unversioned_event,
    unkeyed_ordering,
    non_retriable_after_pivot,
    contradictory_step_kind,
    missing_deadline,
    no_dead_letter,
    hidden_request_reply,
    bad_suppression,
    unused_suppression,
)

REGISTRY: dict[str, LintRule] = {rule.ID: rule for rule in _MODULES}
