from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import lint, only


def check(text: str) -> list[Finding]:
    return only("syntax", text)


def test_broken_yaml_is_a_located_finding_not_a_crash():
    [finding] = check("services:\n  a: [b\n  c: d\n")
    assert finding.severity == "error"
    assert finding.line >= 2 and finding.column >= 1
    assert "invalid YAML" in finding.message


def test_duplicate_key_names_both_lines():
    [finding] = check("services:\n  a: {}\n  a: {}\n")
    assert (finding.line, finding.column) == (3, 3)
    assert "first on line 2" in finding.message


def test_python_tags_are_refused():
    [finding] = check("a: !!python/object/apply:os.system ['true']\n")
    assert "not allowed" in finding.message


def test_a_syntax_error_stops_the_model_rules():
    rules = {f.rule for f in lint("version: 1\nservices: {a: {calls: [ghost]}}\n: :\n")}
    assert rules == {"syntax"}


def test_valid_file_has_no_syntax_finding():
    assert check("version: 1\n") == []


def test_top_level_must_be_a_mapping():
    [finding] = check("- a\n- b\n")
    assert "mapping" in finding.message


def test_explicit_tag_on_text_that_does_not_fit_is_a_finding():
    [finding] = check("a: !!int\nb: !!bool maybe\n")
    assert (finding.line, finding.column) == (1, 4) and "not a valid !!int value" in finding.message


def test_a_syntax_error_cannot_be_suppressed():
    [finding] = lint("a: b: c  # advisor: ignore[syntax] please\n")
    assert (finding.rule, finding.line) == ("syntax", 1)
