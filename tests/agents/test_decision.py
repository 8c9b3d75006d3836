"""The critic's free-text decision: one unambiguous decision line, or unparseable (a block)."""

from __future__ import annotations

import pytest

from agents.decision import prose_lines, read_decision
from agents.parsing import parse_critique

SEED_CRITIQUE = """# Critic Review

**Decision:** APPROVE_WITH_CHANGES

**Rationale:**
- Scenario analysis is comprehensive
- No-trade triggers are appropriate
- Uncertainty assessment is explicit

**Suggested Changes:**
- Add quantitative risk metrics
- Clarify geopolitical risk scenarios

**Evidence IDs:** [proposer-run-001, baseline-scenario-2026-01]"""


ACCEPTED = [
    ("seed-format", SEED_CRITIQUE, "APPROVE_WITH_CHANGES"),
    ("plain", "Decision: APPROVE", "APPROVE"),
    ("upper-label-lower-value", "DECISION: reject", "REJECT"),
    ("trailing-full-stop", "Decision: Approve.", "APPROVE"),
    ("past-tense", "Decision: Approved", "APPROVE"),
    ("rejected", "Decision: REJECTED", "REJECT"),
    ("words-with-changes", "Decision: Approve with changes", "APPROVE_WITH_CHANGES"),
    ("hyphens", "Decision: approve-with-changes", "APPROVE_WITH_CHANGES"),
    ("minor-changes", "Decision: approve with minor changes", "APPROVE_WITH_CHANGES"),
    ("bold-label-colon-inside", "**Decision:** REJECT", "REJECT"),
    ("bold-label-colon-outside", "**Decision**: APPROVE", "APPROVE"),
    ("bold-value", "Decision: **APPROVE_WITH_CHANGES**", "APPROVE_WITH_CHANGES"),
    ("code-span-value", "Decision: `REJECT`", "REJECT"),
    (
        "heading-then-value",
        "## Decision\n\nApprove with changes\n\n## Rationale\nSound.",
        "APPROVE_WITH_CHANGES",
    ),
    ("label-alone-then-value", "**Decision:**\n**REJECT**", "REJECT"),
    ("em-dash", "Verdict \u2014 Approved", "APPROVE"),
    ("final-decision", "Final decision: REJECT", "REJECT"),
    ("my-decision", "My decision: approve", "APPROVE"),
    ("list-item", "- **Decision**: Approve", "APPROVE"),
    ("numbered-item", "1. Decision: REJECT", "REJECT"),
    (
        "note-in-brackets",
        "Decision: APPROVE_WITH_CHANGES (add a bear case)",
        "APPROVE_WITH_CHANGES",
    ),
    ("note-after-dash", "Decision: REJECT \u2014 the scenarios overlap", "REJECT"),
    ("emoji", "Decision: APPROVED \u2705", "APPROVE"),
    ("approximation-tilde", "Decision: APPROVE (~5% tail risk is fine)", "APPROVE"),
    ("no-break-space", "Decision: approve\u00a0with changes", "APPROVE_WITH_CHANGES"),
    (
        "fenced-json-agrees",
        'Decision: REJECT\n\n```json\n{"decision": "REJECT", "reason": "no bear case"}\n```',
        "REJECT",
    ),
    ("em-dash-note", "Decision: APPROVE \u2014 clear and well argued", "APPROVE"),
    (
        "two-lines-agree",
        "Decision: APPROVE\n\nRationale: fine.\n\nFinal decision: APPROVE",
        "APPROVE",
    ),
    (
        "negated-approval-under-reject",
        "Decision: REJECT\n\nI cannot approve an outlook without a bear case.",
        "REJECT",
    ),
    (
        "conditional-approval-under-reject",
        "Decision: REJECT\n\nWe would approve it if the triggers had levels.",
        "REJECT",
    ),
    (
        "agreeing-first-person",
        "Decision: APPROVE\n\nRationale: I approve the regime call; triggers are measurable.",
        "APPROVE",
    ),
    (
        "no-trade-is-not-a-negation",
        "Decision: APPROVE\nNo-trade triggers are concrete.",
        "APPROVE",
    ),
    ("struck-old-line", "~~Decision: APPROVE~~\nDecision: REJECT", "REJECT"),
    (
        "struck-draft-over-lines",
        "<del>\nDecision: REJECT\n</del>\nDecision: APPROVE\nRationale: fixed in v2.",
        "APPROVE",
    ),
    (
        "accented-rationale-is-no-strike",
        "Decision: APPROVE\nRationale: the café data hold.",
        "APPROVE",
    ),
    (
        "template-in-fence-and-own-line",
        "The format asked for:\n```\nDecision: APPROVE\n```\nDecision: REJECT",
        "REJECT",
    ),
]
UNPARSEABLE = [
    ("question-then-no", "Decision: APPROVE? No.", "asks a question"),
    ("question-only", "Decision: approve?", "asks a question"),
    (
        "template-in-fence",
        "Answer with this template:\n```\nDecision: APPROVE\n```\nI have not finished.",
        "no decision line",
    ),
    ("strike-then-reject", "Decision: ~~APPROVE~~ REJECT", "struck-through"),
    ("html-strike", "Decision: <del>APPROVE</del> REJECT", "struck-through"),
    ("whole-line-struck", "~~Decision: APPROVE~~", "no decision line"),
    (
        "overlay-long-stroke",
        "Decision: A\u0336P\u0336P\u0336R\u0336O\u0336V\u0336E\u0336",
        "struck-through",
    ),
    ("overlay-solidus", "**Decision:** APPROVE\u0338", "struck-through"),
    ("html-strike-over-lines", "<del>\n**Decision:** APPROVE\n</del>", "no decision line"),
    (
        "html-strike-with-attributes-over-lines",
        "<s class='old'>Draft\nDecision: APPROVE</s>\nRationale: fine.",
        "no decision line",
    ),
    ("html-strike-never-closed", "Notes.\n<strike>\nDecision: APPROVE", "no decision line"),
    ("markdown-strike-over-lines", "~~Draft:\nDecision: APPROVE~~", "no decision line"),
    ("no-decision-reached", "I reached no decision: APPROVE is premature", "no decision line"),
    (
        "fenced-json-then-reversal",
        '```json\n{"decision": "APPROVE"}\n```\nOn reflection I reject it.',
        "no decision line",
    ),
    ("runs-on", "Decision: APPROVE is premature", "runs on"),
    ("runs-on-condition", "Decision: APPROVE if the bear case is added", "runs on"),
    ("leading-negation", "Decision: not APPROVE", "does not start with a decision"),
    ("first-person-value", "Decision: I would approve", "does not start with a decision"),
    ("pending", "Decision: pending", "does not start with a decision"),
    ("negated-note", "Decision: APPROVE \u2014 not yet", "negates"),
    ("contraction-note", "Decision: APPROVE, but I can't stand behind it", "negates"),
    ("conditional-note", "Decision: APPROVE (provided the bear case is added)", "conditional"),
    ("hedged-note", "Decision: APPROVE, tentatively", "conditional"),
    ("retracted-note", "Decision: APPROVE (withdrawn)", "retracts"),
    ("alternatives", "Decision: APPROVE | REJECT", "another decision"),
    ("slash-alternatives", "Decision: APPROVE / APPROVE_WITH_CHANGES / REJECT", "another decision"),
    ("disagreeing-lines", "Decision: APPROVE\n\nFinal verdict: REJECT", "disagree"),
    ("no-under-the-line", "Decision: APPROVE\nNo.", "takes the decision back"),
    ("wait-under-the-line", "Decision: APPROVE\n\nWait, not quite.", "takes the decision back"),
    (
        "reflection-reversal",
        "Decision: APPROVE\n\nRationale: solid. On reflection, I reject this outlook.",
        "contrary decision",
    ),
    (
        "negated-approval-under-approve",
        "Decision: APPROVE\n\nHonestly, we would not approve this.",
        "contrary decision",
    ),
    ("withdrawn-approval", "Decision: APPROVE\n\nI withdraw my approval.", "retracts"),
    (
        "caps-keyword-in-prose",
        "Decision: APPROVE\n\nOtherwise I would say REJECT.",
        "names the decision REJECT",
    ),
    (
        "no-decision-sentence",
        "Decision: APPROVE\n\nIn truth there is no decision yet.",
        "no decision",
    ),
    ("undecided", "Decision: APPROVE\n\nThe desk is undecided.", "no decision"),
    ("block-quote-only", "> Decision: APPROVE\nMy own view follows later.", "no decision line"),
    ("inline-code-only", "`Decision: APPROVE`", "no decision line"),
    ("quoted-only", '"Decision: APPROVE" is what the template says.', "no decision line"),
    ("indented-code-only", "Example:\n\n    Decision: APPROVE", "no decision line"),
    ("no-label", "Looks fine to me, approve.", "no decision line"),
    ("empty", "", "no decision line"),
    ("label-without-value", "Decision:", "does not start with a decision"),
    (
        "hidden-second-line",
        "Decision: APPROVE\nDecision: REJ\u200bECT",  # zero-width space inside REJECT
        "disagree",
    ),
    ("lookalike-negation", "Decision: APPROVE \u2014 n\u043et really", "negates"),  # Cyrillic o
    ("cyrillic-a", "**Decision:** \u0410PPROVE", "not written in plain letters"),
    ("greek-omicron", "Decision: APPR\u039fVE", "not written in plain letters"),
    ("zero-width-inside", "Decision: APP\u200bROVE", "not written in plain letters"),
    ("respelled-on-next-line", "## Decision\n\n\u0410PPROVE", "not written in plain letters"),
    (
        "fenced-json-disagrees",
        'Decision: APPROVE\n\n```json\n{"decision": "REJECT"}\n```',
        "line 4: a code block gives the decision REJECT",
    ),
    (
        "fenced-yaml-disagrees",
        "Decision: REJECT\n\n```yaml\nverdict: approve_with_changes\n```",
        "a code block gives the decision APPROVE_WITH_CHANGES",
    ),
    (
        "fenced-dict-disagrees",
        "```python\nreview = {'decision': 'APPROVE'}\n```\n\n**Decision:** REJECT",
        "a code block gives the decision APPROVE",
    ),
]


@pytest.mark.parametrize(
    ("content", "decision"),
    [pytest.param(text, decision, id=name) for name, text, decision in ACCEPTED],
)
def test_accepted_decision_forms(content: str, decision: str) -> None:
    """Every accepted spelling of a decision line gives that one decision."""
    reading = read_decision(content)
    assert (reading.decision, reading.problem) == (decision, "")


def test_fullwidth_label_folds_but_a_respelled_decision_word_is_refused() -> None:
    """A fullwidth label folds (NFKC); the decision word itself must be in plain letters."""
    label = "\uff24\uff45\uff43\uff49\uff53\uff49\uff4f\uff4e\uff1a"
    assert read_decision(f"{label} APPROVE").decision == "APPROVE"
    fullwidth = "\uff21\uff30\uff30\uff32\uff2f\uff36\uff25"
    reading = read_decision(f"{label} {fullwidth}")
    assert reading.decision is None
    assert "not written in plain letters" in reading.problem


@pytest.mark.parametrize(
    ("content", "reason"),
    [pytest.param(text, reason, id=name) for name, text, reason in UNPARSEABLE],
)
def test_unparseable_decision_forms(content: str, reason: str) -> None:
    """Doubtful decisions are unparseable, never read as an approval, and say why."""
    reading = read_decision(content)
    assert reading.decision is None
    assert reason in reading.problem


def test_unparseable_critique_has_no_body() -> None:
    """parse_critique turns an unparseable free-text decision into body None with the reason."""
    parsed = parse_critique("Decision: APPROVE? No.")
    assert (parsed.format, parsed.body) == ("free_text", None)
    assert parsed.error == "line 1: the decision line asks a question"


def test_the_seed_critique_keeps_its_sections() -> None:
    """The seed system's critique reads APPROVE_WITH_CHANGES with its rationale and evidence."""
    parsed = parse_critique(SEED_CRITIQUE)
    assert parsed.body is not None
    assert parsed.body.decision == "APPROVE_WITH_CHANGES"
    assert parsed.body.evidence_ids == ("proposer-run-001", "baseline-scenario-2026-01")
    assert parsed.body.suggested_changes == (
        "Add quantitative risk metrics",
        "Clarify geopolitical risk scenarios",
    )


def test_prose_lines_hide_code_and_quotes() -> None:
    """Fenced code (with its fences) and block quotes are not the critic speaking."""
    text = "a\n```\nb\n```\n> c\nd"
    assert prose_lines(text) == ["a", None, None, None, None, "d"]
