from __future__ import annotations

from advisor.lint.finding import Finding
from tests.lint.support import only, where


def check(text: str) -> list[Finding]:
    return only("decision-mismatch", text)


ORCHESTRATION_TRAITS = """
traits:
  compensation: high
  sequencing: high
  visibility: high
  control: high
  team_autonomy: low
decision:
  style: {style}
"""


def test_decided_style_against_the_recommendation():
    findings = check(ORCHESTRATION_TRAITS.format(style="choreography"))
    assert where(findings) == [(8, 10)]
    assert findings[0].severity == "warning"
    assert "recommend orchestration" in findings[0].message


def test_matching_decision_is_clean():
    assert check(ORCHESTRATION_TRAITS.format(style="orchestration")) == []


def test_a_recorded_reason_lowers_it_to_info():
    text = ORCHESTRATION_TRAITS.format(style="choreography") + "  reason: the broker is already run\n"
    [finding] = check(text)
    assert finding.severity == "info" and "decision.reason" in finding.message


def test_no_traits_no_finding():
    assert check("decision: {style: choreography}\n") == []
