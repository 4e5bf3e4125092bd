"""The version 2 examples in the README and docs/format.md lint clean, and the README's
rules table lists every rule with its default severity."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from advisor.lint import lint_text
from advisor.lint.rules import REGISTRY

ROOT = Path(__file__).parents[2]


def version_2_examples(name: str) -> list[str]:
    text = (ROOT / name).read_text(encoding="utf-8")
    return [m.group(1) for m in re.finditer(r"```yaml\n(.*?)```", text, re.S) if m.group(1).startswith("version: 2")]


@pytest.mark.parametrize("name", ["README.md", "docs/format.md"])
def test_version_2_examples_lint_clean(name: str):
    examples = version_2_examples(name)
    assert examples
    for example in examples:
        found = [(f.rule, f.message) for f in lint_text(example)]
        # the README's example names its decision record, which does not exist beside it
        assert [rule for rule, _ in found if rule != "adr-missing"] == [], found


def test_readme_rules_table_lists_every_rule_with_its_default():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| (error|warning|info) \|", text, re.M))
    assert rows == {rule_id: rule.SEVERITY for rule_id, rule in REGISTRY.items()}


def test_readme_lint_output_is_what_lint_says_of_its_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from advisor.lint import lint_paths
    from advisor.lint.formats import render

    monkeypatch.chdir(tmp_path)
    (tmp_path / "architecture.yaml").write_text((ROOT / "tests/lint/examples/readme.yaml").read_text(encoding="utf-8"))
    shown = render(lint_paths([Path("architecture.yaml")]), "text")
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"```console\n$ advisor lint\n{shown}" in text
