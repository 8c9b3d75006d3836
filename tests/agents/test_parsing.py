"""Reading answers: typed JSON (strictly), the seed system's labelled free text; no default."""

from __future__ import annotations

import pytest

from agents.parsing import parse_critique, parse_proposal

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
        ("Looks fine to me.", "no decision line"),
        ("Decision: APPROVE\nOn reflection, Decision: REJECT", "names the decision REJECT"),
        (
            '{"decision": "MAYBE", "rationale": "", "proposal_ref": "", "evidence_ids": []}',
            "invalid critique JSON",
        ),
        (
            (
                '{"decision": "REJECT", "rationale": "", "proposal_ref": "", "evidence_ids": [],'
                ' "decision": "APPROVE"}'
            ),
            "duplicate key 'decision' at decision",
        ),
        (
            (
                '```json\n{"decision": "APPROVE", "rationale": "", "proposal_ref": "",'
                ' "evidence_ids": [], "evidence_ids": ["scn-base"]}\n```'
            ),
            "duplicate key 'evidence_ids' at evidence_ids",
        ),
    ],
    ids=["no-label", "reversal", "unknown-decision", "decision-twice", "fenced-duplicate"],
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


@pytest.mark.parametrize(
    ("content", "where"),
    [
        (
            '{"outputs": [{"type": "MacroOutlook", "summary": "calm", "type": "OrderParameters"}]}',
            "outputs[0].type",
        ),
        ('{"outputs": [], "outputs": [{"type": "MacroOutlook", "summary": "x"}]}', "outputs"),
        ('{"note": "no outputs key", "note": "still refused"}', "note"),
        ('{"outputs": [' + '{"x": ' * 80 + "1" + "}" * 80 + "]}", "outputs[0].x.x"),
    ],
    ids=["type-twice", "outputs-twice", "no-outputs-key", "too-deep"],
)
def test_structurally_invalid_proposal_is_typed_and_invalid(content: str, where: str) -> None:
    """A JSON answer with a repeated key or too deep is a typed proposal with an envelope error
    at the path, so the scope policy blocks it as invalid output instead of reading prose."""
    parsed = parse_proposal(content)
    assert parsed.format == "typed"
    assert parsed.items == ()
    assert parsed.envelope_error.startswith(where)


def test_well_formed_proposal_keeps_its_items() -> None:
    """A strict-clean typed proposal decodes its items as before."""
    parsed = parse_proposal('{"outputs": [{"type": "MacroOutlook", "summary": "calm"}]}')
    assert (parsed.format, parsed.envelope_error) == ("typed", "")
    assert parsed.items == ({"type": "MacroOutlook", "summary": "calm"},)
