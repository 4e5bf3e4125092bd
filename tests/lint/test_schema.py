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


def hints(text: str) -> list[tuple[str, str]]:
    return [(f.message, f.hint) for f in check(text)]


def test_a_quoted_number_is_told_to_drop_the_quotes():
    [(message, hint)] = hints("version: '2'\n")
    assert message == "must be a whole number, found text '2'"
    assert hint == "Remove the quotes around '2': quoted, YAML reads it as text."


def test_an_unsupported_version_gets_a_hint_about_versions():
    [(message, hint)] = hints("version: 3\n")
    assert message == "format version 3 is not supported; this advisor reads 1 and 2"
    assert "quote" not in hint and "`version: 2`" in hint


def test_each_kind_of_problem_has_a_hint_that_fits_it():
    found = dict(
        hints("""
        services:
          a: {replicas: '-', calls: [b, b], managed: true}
        flows:
          f: {timeout: soon, style: orchestration}
        traits: {visibility: on, compensation: hihg}
        """)
    )
    assert found["must be a whole number, found text '-'"] == "Write a whole number here."
    assert found["'b' is listed twice"] == "Remove the repeated item."
    assert found["'managed' is format version 2; set `version: 2` at the top of the file to use it"].startswith(
        "Add `version: 2` at the top"
    )
    assert found["'soon' is not a duration such as 30s, 5m, 2h or 1d"].startswith("Write a whole number and a unit")
    needs = "missing required key 'orchestrator' (needed when style is orchestration)"
    assert "orchestrator: <service>" in found[needs]
    [on] = [hint for message, hint in found.items() if message.startswith("YAML read 'on'")]
    assert on.startswith("Use one of the allowed values") and '"on"' in on
    assert found["'hihg' is not allowed; allowed: low, medium, high; did you mean 'high'?"] == "Write 'high'."
