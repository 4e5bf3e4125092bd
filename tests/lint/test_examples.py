"""The example models lint as their authors intended."""

from __future__ import annotations

from pathlib import Path

from advisor.lint import lint_file


def test_checkout_example_is_clean(checkout_example: Path):
    assert lint_file(checkout_example) == []


def test_newsroom_example_only_lacks_one_outbox(newsroom_example: Path):
    findings = lint_file(newsroom_example)
    assert [(f.rule, f.severity) for f in findings] == [("dual-write", "warning")]
    assert "'newsletter'" in findings[0].message
