"""One msgspec Struct per pack file: the writer encodes them, ``verify`` and ``review`` decode them.

Encoded with sorted keys (:func:`orchestrator.core.canonical.encode_pretty`). A field that
only some runs have is ``UNSET`` when absent (omitted from the file), so that ``null`` keeps
meaning "known to be nothing": a completed call without reasoning has
``"reasoning_content": null``, a proposer that was never called has no such key.
The transcript artifact is a :class:`clients.transcripts.Transcript`.
"""

from __future__ import annotations

from typing import Any, Final, Literal

import msgspec
from msgspec import UNSET, UnsetType

from orchestrator.core.calls import Usage
from orchestrator.core.contract import Decision
from orchestrator.evidence.records import InputRef, Mode, Preflight, Status
from policies.findings import CheckResult, ScopeReport, Violation

__all__ = [
    "ADDENDUM_VERSION",
    "REVIEW_TARGET_SECONDS",
    "SOD_RULES",
    "ArtifactHash",
    "CallRecord",
    "CriticOutput",
    "FallbackStep",
    "Finding",
    "LayerRef",
    "MissingArtifact",
    "ModelRef",
    "ModelsRef",
    "PackIndex",
    "ProposerOutput",
    "ReportRef",
    "ReviewAddendum",
    "ReviewDecision",
    "RoleSummary",
    "RunManifest",
    "ScenarioRef",
    "ScopeCheck",
    "ScopeRef",
    "ScopeSummary",
    "SignatureFile",
    "SigningInfo",
    "SodCheck",
    "SodEvaluation",
    "SodRule",
    "SodSummary",
    "VerificationRecord",
    "Versions",
]

ADDENDUM_VERSION: Final = "1.0"
# The pilot's target for one operator review (source design §7): under 15 minutes.
REVIEW_TARGET_SECONDS: Final = 15 * 60

# The separation-of-duties rules, in the order sod_check.json lists them (SPEC §4).
SOD_RULES: Final = (
    "sod.distinct_models",
    "sod.provider_diversity",
    "sod.critic_references_proposal",
    "sod.evidence_ids",
    "sod.critic_decision",
)

RoleStatus = Literal["COMPLETE", "FAILED", "NOT_RUN"]
ReviewDecision = Literal["APPROVE", "NEEDS_CHANGES", "REJECT"]


class _Artifact(msgspec.Struct, frozen=True, kw_only=True):
    pass


# --- proposer_output.json, critic_output.json ------------------------------------------


class CallRecord(_Artifact, frozen=True, kw_only=True):
    """One answered model call: who answered, how, what it used and cost."""

    run_id: str
    response_id: str
    returned_model: str
    finish_reason: str
    system_fingerprint: str | None
    latency_ms: int
    usage: Usage
    cost_usd: float
    redactions: int


class FallbackStep(_Artifact, frozen=True, kw_only=True):
    """A proposer that failed after its retries, replaced by the next configured model."""

    failed_model: str
    error: str
    reason: str
    next_model: str


class ProposerOutput(_Artifact, frozen=True, kw_only=True):
    model_id: str
    status: RoleStatus
    prompt_hash: str | UnsetType = UNSET
    reason: str | UnsetType = UNSET
    output_hash: str | UnsetType = UNSET
    format: Literal["typed", "free_text"] | UnsetType = UNSET
    outputs: tuple[dict[str, Any], ...] | UnsetType = UNSET
    raw_content: str | UnsetType = UNSET
    reasoning_content: str | UnsetType | None = UNSET
    call: CallRecord | UnsetType = UNSET
    fallbacks: tuple[FallbackStep, ...] | UnsetType = UNSET


class CriticOutput(_Artifact, frozen=True, kw_only=True):
    model_id: str
    status: RoleStatus
    prompt_hash: str | UnsetType = UNSET
    proposal_ref: str | UnsetType = UNSET
    reason: str | UnsetType = UNSET
    output_hash: str | UnsetType = UNSET
    format: Literal["typed", "free_text"] | UnsetType = UNSET
    decision: Decision | UnsetType | None = UNSET
    parse_error: str | UnsetType | None = UNSET
    rationale: str | UnsetType | None = UNSET
    suggested_changes: tuple[str, ...] | UnsetType = UNSET
    evidence_ids: tuple[str, ...] | UnsetType = UNSET
    critique_proposal_ref: str | UnsetType | None = UNSET
    raw_content: str | UnsetType = UNSET
    reasoning_content: str | UnsetType | None = UNSET
    call: CallRecord | UnsetType = UNSET


# --- sod_check.json, capability_scope_check.json ---------------------------------------


class SodEvaluation(_Artifact, frozen=True, kw_only=True):
    """One evaluation of a rule, on one message."""

    message: str
    result: CheckResult
    reason: str


class SodRule(_Artifact, frozen=True, kw_only=True):
    rule: str
    result: CheckResult
    reason: str
    evaluations: tuple[SodEvaluation, ...]
    warnings: tuple[str, ...]


class SodCheck(_Artifact, frozen=True, kw_only=True):
    result: Literal["PASS", "FAIL"]
    reason: str
    proposer_model: str
    fallback_models: tuple[str, ...]
    critic_model: str
    provider_diversity_required: bool
    rules: tuple[SodRule, ...]


class ScopeCheck(_Artifact, frozen=True, kw_only=True):
    result: Literal["PASS", "FAIL", "NOT_EVALUATED"]
    scope_id: str
    scope_version: str
    violations: tuple[Violation, ...]
    checked_outputs: tuple[str, ...]
    proposal: ScopeReport | None
    critique: ScopeReport | None
    reason: str | None


# --- run_manifest.json -----------------------------------------------------------------


class ModelRef(_Artifact, frozen=True, kw_only=True):
    model_id: str
    provider: str


class ModelsRef(_Artifact, frozen=True, kw_only=True):
    proposer: ModelRef
    fallbacks: tuple[ModelRef, ...]
    critic: ModelRef


class LayerRef(_Artifact, frozen=True, kw_only=True):
    id: str
    name: str


class ScopeRef(_Artifact, frozen=True, kw_only=True):
    id: str
    version: str


class ScenarioRef(_Artifact, frozen=True, kw_only=True):
    id: str
    description: str


class Versions(_Artifact, frozen=True, kw_only=True):
    product: str
    registry: str
    scope: str
    evidence_pack: str


class RunManifest(_Artifact, frozen=True, kw_only=True):
    run_id: str
    mode: Mode
    clock: str
    layer: LayerRef
    status: Status
    exit_code: int
    models: ModelsRef
    scope: ScopeRef
    scenario: ScenarioRef
    sod_result: str
    inputs_manifest: tuple[InputRef, ...]
    fixture: InputRef | None
    outputs_manifest: tuple[str, ...]
    network_used: bool
    versions: Versions
    preflight: Preflight | None
    redactions: int


# --- evidence_pack.json ----------------------------------------------------------------


class SigningInfo(_Artifact, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The index's ``signature`` field: which key signs it, and where the signature is."""

    algorithm: Literal["Ed25519"] = "Ed25519"
    file: str = "evidence_pack.sig"
    key_id: str


class SignatureFile(_Artifact, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """A ``.sig`` file: an Ed25519 signature over the exact bytes of ``signed_file``."""

    algorithm: Literal["Ed25519"]
    key_id: str
    signed_file: str
    signature: str


class ArtifactHash(_Artifact, frozen=True, kw_only=True, forbid_unknown_fields=True):
    sha256: str
    bytes: int


class MissingArtifact(_Artifact, frozen=True, kw_only=True, forbid_unknown_fields=True):
    artifact: str
    reason: str


class RoleSummary(_Artifact, frozen=True, kw_only=True):
    model_id: str
    run_id: str | None
    prompt_hash: str | None
    output_hash: str | None
    status: RoleStatus
    artifact_path: str


class SodSummary(_Artifact, frozen=True, kw_only=True):
    result: str
    reason: str
    artifact_path: str


class ScopeSummary(_Artifact, frozen=True, kw_only=True):
    result: str
    violations: tuple[Violation, ...]
    artifact_path: str


class PackIndex(_Artifact, frozen=True, kw_only=True):
    """``evidence_pack.json``: the source design's index (§4.2) plus status and hashes."""

    evidence_pack_id: str
    evidence_pack_version: str
    creation_timestamp: str
    layer_id: str
    layer_name: str
    run_id: str
    mode: Mode
    network_used: bool
    status: Status
    exit_code: int
    outcome_reasons: tuple[str, ...]
    proposer: RoleSummary
    critic: RoleSummary
    sod_check: SodSummary
    capability_scope_check: ScopeSummary
    artifacts: tuple[str, ...]
    artifact_hashes: dict[str, ArtifactHash]
    events_head: str
    missing_artifacts: tuple[MissingArtifact, ...]
    operator_notes: str
    registry_version: str
    scope_id: str
    scope_version: str
    signature: SigningInfo | None


# --- operator_review.json (the review addendum) ----------------------------------------


class Finding(_Artifact, frozen=True, kw_only=True):
    """One verification failure: the file it is about and what is wrong with it."""

    file: str
    problem: str


class VerificationRecord(_Artifact, frozen=True, kw_only=True):
    """What ``pilot verify`` said about the pack when the operator reviewed it."""

    ok: bool
    signed: bool
    key_id: str | None
    findings: tuple[Finding, ...]


class ReportRef(_Artifact, frozen=True, kw_only=True, forbid_unknown_fields=True):
    file: str
    sha256: str
    bytes: int


class ReviewAddendum(_Artifact, frozen=True, kw_only=True):
    """``operator_review.json``: the operator's decision, bound to the index and report bytes.

    ``addendum_digest`` is the sha256 of the same document with that field empty.
    """

    addendum_version: str
    evidence_pack_id: str
    run_id: str
    pack_index_sha256: str
    report: ReportRef
    decision: ReviewDecision
    notes: str
    reviewer: str
    started_at: str
    finished_at: str
    duration_seconds: int
    verification_at_review: VerificationRecord
    addendum_digest: str = ""
