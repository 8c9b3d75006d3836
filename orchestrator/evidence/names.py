"""Every file name of an evidence pack and of its review addendum, in one place."""

from __future__ import annotations

from typing import Final

__all__ = [
    "ARTIFACT_NAMES",
    "CRITIC_OUTPUT",
    "EVENTS",
    "EVIDENCE_PACK_VERSION",
    "EXTRA_NAMES",
    "INDEX",
    "MANIFEST",
    "OPERATOR_REPORT",
    "PACK_NAMES",
    "PACK_SIGNATURE",
    "PROPOSER_OUTPUT",
    "REVIEW_JSON",
    "REVIEW_REPORT",
    "REVIEW_SIGNATURE",
    "SCOPE_CHECK",
    "SOD_CHECK",
    "TRANSCRIPT",
]

EVIDENCE_PACK_VERSION: Final = "2.0"

INDEX: Final = "evidence_pack.json"
MANIFEST: Final = "run_manifest.json"
OPERATOR_REPORT: Final = "operator_output.md"
PROPOSER_OUTPUT: Final = "proposer_output.json"
CRITIC_OUTPUT: Final = "critic_output.json"
SOD_CHECK: Final = "sod_check.json"
SCOPE_CHECK: Final = "capability_scope_check.json"
TRANSCRIPT: Final = "transcript.json"
EVENTS: Final = "events.jsonl"
PACK_SIGNATURE: Final = "evidence_pack.sig"

REVIEW_REPORT: Final = "operator_review.html"
REVIEW_JSON: Final = "operator_review.json"
REVIEW_SIGNATURE: Final = "operator_review.sig"

# Everything a complete pack may list in its index (transcript.json is absent without calls).
ARTIFACT_NAMES: Final = (
    SCOPE_CHECK,
    CRITIC_OUTPUT,
    EVENTS,
    OPERATOR_REPORT,
    PROPOSER_OUTPUT,
    MANIFEST,
    SOD_CHECK,
    TRANSCRIPT,
)
# Files a pack may hold beyond its index and the artifacts it lists.
EXTRA_NAMES: Final = frozenset({PACK_SIGNATURE, REVIEW_JSON, REVIEW_REPORT, REVIEW_SIGNATURE})
# Any of these in a folder makes the folder one pack (perhaps with its index deleted).
PACK_NAMES: Final = frozenset({INDEX, *ARTIFACT_NAMES, *EXTRA_NAMES})
