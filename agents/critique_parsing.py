"""Reading the critic's answer: typed JSON, or the seed system's labelled free text.

An answer that does not yield exactly one decision is unparseable (``body`` None with the
reason): the SoD policy then rejects it. Nothing here defaults to APPROVE or invents ids.
"""

from __future__ import annotations

import re
from typing import Final, Literal

import msgspec

from orchestrator.outputs import CritiqueBody, Decision

__all__ = ["ParsedCritique", "parse_critique"]

_critique_decoder = msgspec.json.Decoder(CritiqueBody)
_DECISION_NAMES: Final[dict[str, Decision]] = {
    "APPROVE": "APPROVE",
    "APPROVE_WITH_CHANGES": "APPROVE_WITH_CHANGES",
    "REJECT": "REJECT",
}

_FENCE: Final = re.compile(r"^```(?:json)?\s*\n(.*)\n```\s*$", re.DOTALL)
_DECISION: Final = re.compile(
    r"decision\W{0,6}(approve[ _-]+with[ _-]+changes|approve|reject)\b", re.IGNORECASE
)
# "**Label:** rest", "Label: rest", "**Label**: rest", or a heading "## Label".
_LABEL: Final = re.compile(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*([A-Za-z][A-Za-z \-]{0,40}?)\s*"
    r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$"
    r"|^\s*#{1,6}\s*([A-Za-z][A-Za-z \-]{0,40}?)\s*$"
)
_LABELS: Final = {
    "rationale": "rationale",
    "suggested changes": "suggested_changes",
    "evidence ids": "evidence_ids",
    "evidence": "evidence_ids",
    "proposal ref": "proposal_ref",
    "proposal reference": "proposal_ref",
    "decision": "decision",
}


class ParsedCritique(msgspec.Struct, frozen=True, kw_only=True):
    format: Literal["typed", "free_text"]
    body: CritiqueBody | None
    error: str | None


def parse_critique(content: str) -> ParsedCritique:
    text = content.strip()
    fenced = _FENCE.match(text)
    if fenced:
        text = fenced.group(1).strip()
    if text.startswith("{"):
        try:
            return ParsedCritique(format="typed", body=_critique_decoder.decode(text), error=None)
        except msgspec.DecodeError as exc:
            return ParsedCritique(format="typed", body=None, error=f"invalid critique JSON: {exc}")
    return _parse_free_text(content)


def _parse_free_text(content: str) -> ParsedCritique:
    decisions = {_canonical_decision(m.group(1)) for m in _DECISION.finditer(content)}
    if len(decisions) != 1:
        reason = (
            "no decision label" if not decisions else f"conflicting decisions {sorted(decisions)}"
        )
        return ParsedCritique(format="free_text", body=None, error=reason)
    sections = _sections(content)
    evidence = _split_ids(" ".join(sections.get("evidence_ids", [])))
    ref_lines = sections.get("proposal_ref", [])
    decision = decisions.pop()
    body = CritiqueBody(
        decision=decision,
        rationale="\n".join(sections.get("rationale", [])),
        proposal_ref=ref_lines[0].strip("`[] ") if ref_lines else "",
        evidence_ids=evidence,
        suggested_changes=tuple(sections.get("suggested_changes", [])),
    )
    return ParsedCritique(format="free_text", body=body, error=None)


def _canonical_decision(raw: str) -> Decision:
    # The regex admits exactly the three decisions, in any case and spacing.
    return _DECISION_NAMES[re.sub(r"[ _-]+", "_", raw.strip()).upper()]


def _sections(content: str) -> dict[str, list[str]]:
    """Lines under each known label (``**Rationale:**``, ``## Evidence IDs``), bullets unwrapped."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in content.splitlines():
        label = _LABEL.match(line)
        name = (label.group(1) or label.group(3)) if label else None
        key = _LABELS.get(name.strip().lower()) if name else None
        if label is not None and key is not None:
            current = key
            rest = (label.group(2) or "").strip()
            if rest:
                sections.setdefault(current, []).append(rest)
            continue
        stripped = line.strip()
        if stripped.startswith("#") or (stripped.startswith("**") and stripped.endswith(":**")):
            current = None
        elif current is not None and stripped:
            sections.setdefault(current, []).append(stripped.lstrip("-*• ").strip())
    return sections


def _split_ids(raw: str) -> tuple[str, ...]:
    ids = (part.strip().strip("`'\"[]() ") for part in re.split(r"[,;\s]+", raw))
    return tuple(dict.fromkeys(i for i in ids if i))
