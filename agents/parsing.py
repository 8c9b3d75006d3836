"""Reading model answers at the edge: the proposer's outlook and the critic's review.

Both are typed JSON (alone, or alone in one fenced block) or the seed system's free text.
JSON is decoded strictly (:mod:`orchestrator.core.strict_json`): a key given twice in one
object, at any depth, or nesting beyond the bound makes the answer invalid, never a
reading of whichever key came last. A proposal is classified once (:func:`parse_proposal`)
so that every policy sees the same reading. A critique that does not yield exactly one
decision is unparseable (``body`` None with the reason): the SoD policy then rejects it.
Which format the critique *should* have is the scenario's to say, not the answer's; the
SoD policy compares the two. Nothing here defaults to APPROVE or invents ids.
"""

from __future__ import annotations

import re
from typing import Final, Literal

import msgspec

from agents.decision import prose_lines, read_decision
from orchestrator.core import strict_json
from orchestrator.core.contract import CritiqueBody, ParsedProposal, ProposalBody
from orchestrator.core.decoding import error_location
from orchestrator.core.patterns import lazy_pattern
from orchestrator.core.strict_json import StrictDecoder, StrictJsonError
from policies.json_blocks import json_body

__all__ = ["ParsedCritique", "parse_critique", "parse_proposal"]

_critique_decoder = StrictDecoder(CritiqueBody)

# "**Label:** rest", "Label: rest", "**Label**: rest", or a heading "## Label".
_LABEL: Final = lazy_pattern(
    r"^\s*(?:#{1,6}\s*)?(?:\*\*|__)?\s*([A-Za-z][A-Za-z _\-]{0,40}?)\s*"
    r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(.*)$"
    r"|^\s*#{1,6}\s*([A-Za-z][A-Za-z _\-]{0,40}?)\s*$"
)
_LABELS: Final = {
    "rationale": "rationale",
    "suggested changes": "suggested_changes",
    "evidence ids": "evidence_ids",
    "evidence": "evidence_ids",
    "proposal ref": "proposal_ref",
    "proposal reference": "proposal_ref",
    "proposal hash": "proposal_ref",
    "proposal id": "proposal_ref",
    "output hash": "proposal_ref",
    "decision": "decision",
}


class ParsedCritique(msgspec.Struct, frozen=True, kw_only=True):
    format: Literal["typed", "free_text"]
    body: CritiqueBody | None
    error: str | None


def parse_proposal(content: str) -> ParsedProposal:
    """Classify a Proposer's answer as a typed proposal or free text.

    A JSON object that breaks the strict structure is typed and invalid, whatever its keys:
    its ``envelope_error`` names the path, so the scope policy reports
    ``scope.invalid_output`` there instead of reading the text as prose.
    """
    body = json_body(content)
    if body is not None:
        try:
            raw = strict_json.decode(body)
        except StrictJsonError as exc:
            return ParsedProposal(
                format="typed",
                items=(),
                text=content,
                envelope_error=f"{exc.path or 'proposal'}: {exc.message}",
            )
        except msgspec.DecodeError:
            raw = None
        if isinstance(raw, dict) and "outputs" in raw:
            try:
                envelope = msgspec.convert(raw, ProposalBody)
            except msgspec.ValidationError as exc:
                where, message = error_location(exc)
                error = f"{where.lstrip('.') or 'proposal'}: {message}"
                return ParsedProposal(format="typed", items=(), text=content, envelope_error=error)
            return ParsedProposal(format="typed", items=envelope.outputs, text=content)
    return ParsedProposal(format="free_text", items=(), text=content)


def parse_critique(content: str) -> ParsedCritique:
    """Read the critic's answer: typed JSON when it is a JSON object, else labelled free text."""
    text = json_body(content)
    if text is not None:
        try:
            return ParsedCritique(format="typed", body=_critique_decoder.decode(text), error=None)
        except (StrictJsonError, msgspec.DecodeError) as exc:
            return ParsedCritique(format="typed", body=None, error=f"invalid critique JSON: {exc}")
    return _parse_free_text(content)


def _parse_free_text(content: str) -> ParsedCritique:
    reading = read_decision(content)
    if reading.decision is None:
        return ParsedCritique(format="free_text", body=None, error=reading.problem)
    sections = _sections(content)
    evidence = _split_ids(" ".join(sections.get("evidence_ids", [])))
    ref_lines = sections.get("proposal_ref", [])
    body = CritiqueBody(
        decision=reading.decision,
        rationale="\n".join(sections.get("rationale", [])),
        proposal_ref=ref_lines[0].strip("`[] ") if ref_lines else "",
        evidence_ids=evidence,
        suggested_changes=tuple(sections.get("suggested_changes", [])),
    )
    return ParsedCritique(format="free_text", body=body, error=None)


def _sections(content: str) -> dict[str, list[str]]:
    """Lines under each known label (``**Rationale:**``, ``## Evidence IDs``), bullets unwrapped."""
    sections: dict[str, list[str]] = {}
    current: str | None = None
    for line in prose_lines(content):
        if line is None:
            # Code and quotes are not the critic's own evidence or reference.
            current = None
            continue
        label = _LABEL.match(line)
        name = (label.group(1) or label.group(3)) if label else None
        key = _LABELS.get(name.strip().lower().replace("_", " ")) if name else None
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
