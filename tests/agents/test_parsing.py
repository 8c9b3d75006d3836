"""Reading critiques: typed JSON and the seed system's labelled free text; never a default."""

from __future__ import annotations

import pytest

from agents.parsing import parse_critique

SEED_STYLE = """# Critic Review

**Decision:** APPROVE_WITH_CHANGES

**Rationale:**
- Scenario analysis is coherent
- Triggers are measurable

**Suggested Changes:**
- Add a bear case

**Evidence IDs:** [proposer-run-007, desk-note-12]"""


def test_seed_style_free_text_is_parsed() -> None:
    """Decision, rationale, changes and evidence ids come from their labels."""
    parsed = parse_critique(SEED_STYLE)
    assert parsed.format == "free_text"
    assert parsed.body is not None
    assert parsed.body.decision == "APPROVE_WITH_CHANGES"
    assert parsed.body.rationale == "Scenario analysis is coherent\nTriggers are measurable"
    assert parsed.body.suggested_changes == ("Add a bear case",)
    assert parsed.body.evidence_ids == ("proposer-run-007", "desk-note-12")


def test_typed_critique_is_decoded() -> None:
    """A JSON critique (also inside a ```json fence) decodes into the typed body."""
    parsed = parse_critique(
        '```json\n{"decision": "REJECT", "rationale": "thin", "proposal_ref": "sha256:ab",'
        ' "evidence_ids": ["scn-base"]}\n```'
    )
    assert parsed.format == "typed"
    assert parsed.body is not None
    assert (parsed.body.decision, parsed.body.proposal_ref) == ("REJECT", "sha256:ab")


@pytest.mark.parametrize(
    ("content", "error"),
    [
        ("Looks fine to me.", "no decision label"),
        ("Decision: APPROVE\nOn reflection, Decision: REJECT", "conflicting decisions"),
        (
            '{"decision": "MAYBE", "rationale": "", "proposal_ref": "", "evidence_ids": []}',
            "invalid critique JSON",
        ),
    ],
)
def test_unparseable_decisions_are_not_approvals(content: str, error: str) -> None:
    """No decision, two decisions or an unknown one: no body, and the reason why."""
    parsed = parse_critique(content)
    assert parsed.body is None
    assert parsed.error is not None
    assert error in parsed.error


def test_decision_spelt_with_spaces() -> None:
    """'Approve with changes' in prose form is the same decision."""
    parsed = parse_critique("Decision: Approve with changes\nEvidence IDs: a")
    assert parsed.body is not None
    assert parsed.body.decision == "APPROVE_WITH_CHANGES"
