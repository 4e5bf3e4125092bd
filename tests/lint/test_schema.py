from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only


def check(text: str) -> list[Finding]:
    return only("schema", text)


def test_unknown_key_points_at_the_key_with_a_suggestion():
    [finding] = check("""
        version: 1
        services:
          a:
            ownr: team
        """)
    assert (finding.line, finding.column) == (4, 5)
    assert "did you mean 'owner'" in finding.message


def test_yaml_one_one_boolean_is_explained():
    [finding] = check("decision:\n  style: no\n")
    assert (finding.line, finding.column) == (2, 10)
    assert "'no'" in finding.message


def test_several_problems_each_located():
    findings = check("version: 3\nservices:\n  a:\n    replicas: -1\n")
    assert [(f.line, f.column) for f in findings] == [(1, 10), (4, 15)]


def test_valid_file_has_none():
    assert check("version: 1\nservices:\n  a: {owner: t}\n") == []
