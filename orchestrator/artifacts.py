"""Deriving the evidence pack's artifacts from the event stream (pure functions).

Every artifact is computed from the events the supervisor emitted, so that each one can
be checked against the hash-chained ``events.jsonl`` it was derived from. JSON artifacts
are sorted-key JSON; the index carries the sha256 and size of every other file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from orchestrator.core.calls import CallMeta, ChatRequest, canonical_request
from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.config import ModelEntry
from orchestrator.core.messages import (
    Critique,
    CritiqueRequest,
    Message,
    Proposal,
    ProposalRequest,
    RunFailed,
)
from orchestrator.events import Event, RunOutcome
from orchestrator.plan import RunPlan
from orchestrator.preflight import Preflight
from orchestrator.report import render_operator_report
from orchestrator.signing import SigningInfo
from policies.findings import RuleCheck, ScopeReport, Verdict

__all__ = [
    "ARTIFACT_NAMES",
    "EVIDENCE_PACK_VERSION",
    "INDEX_NAME",
    "BuiltPack",
    "RunRecord",
    "build_artifacts",
    "collect",
]

EVIDENCE_PACK_VERSION: Final = "2.0"
INDEX_NAME: Final = "evidence_pack.json"
ARTIFACT_NAMES: Final = (
    "capability_scope_check.json",
    "critic_output.json",
    "events.jsonl",
    "operator_output.md",
    "proposer_output.json",
    "run_manifest.json",
    "sod_check.json",
    "transcript.json",
)
SOD_RULES: Final = (
    "sod.distinct_models",
    "sod.provider_diversity",
    "sod.critic_references_proposal",
    "sod.evidence_ids",
    "sod.critic_decision",
)


@dataclass
class RunRecord:
    """The run as the events tell it."""

    plan: RunPlan
    outcome: RunOutcome
    preflight: Preflight | None = None
    proposal_request: ProposalRequest | None = None
    proposal: Proposal | None = None
    critique_request: CritiqueRequest | None = None
    critique: Critique | None = None
    failure: RunFailed | None = None
    verdicts: list[tuple[Message, Verdict]] = field(default_factory=list)
    timestamps: dict[str, str] = field(default_factory=dict)


def collect(events: list[Event]) -> RunRecord:
    plan = next((e.plan for e in events if e.plan is not None), None)
    outcome = next((e.outcome for e in events if e.outcome is not None), None)
    if plan is None or outcome is None:
        raise ValueError("an event stream needs run.started and run.finished")
    record = RunRecord(plan=plan, outcome=outcome)
    last: Message | None = None
    for event in events:
        if event.preflight is not None:
            record.preflight = event.preflight
        if event.verdict is not None and last is not None:
            record.verdicts.append((last, event.verdict))
        if event.message is None:
            continue
        last = message = event.message
        record.timestamps[str(type(message).__struct_config__.tag)] = event.at
        match message:
            case ProposalRequest():
                record.proposal_request = message
            case Proposal():
                record.proposal = message
            case CritiqueRequest():
                record.critique_request = message
            case Critique():
                record.critique = message
            case RunFailed():
                record.failure = message
    return record


def _cost(model: ModelEntry, call: CallMeta) -> float:
    return model.cost(call.usage.prompt_tokens, call.usage.completion_tokens)


def _call(call: CallMeta, model: ModelEntry) -> dict[str, Any]:
    return {
        "run_id": call.call_id,
        "response_id": call.response_id,
        "returned_model": call.model,
        "finish_reason": call.finish_reason,
        "system_fingerprint": call.system_fingerprint,
        "latency_ms": call.latency_ms,
        "usage": call.usage,
        "cost_usd": _cost(model, call),
        "redactions": call.redactions,
    }


def _not_run(record: RunRecord, role: str) -> dict[str, Any]:
    if record.plan.mode == "dry":
        why = "dry mode makes no model calls"
    else:
        why = f"the run ended at {record.outcome.stage} ({record.outcome.status})"
    return {"status": "NOT_RUN", "reason": f"the {role} was not called: {why}"}


def proposer_artifact(record: RunRecord) -> dict[str, Any]:
    plan, proposal = record.plan, record.proposal
    base: dict[str, Any] = {"model_id": plan.proposer.model_id}
    if record.proposal_request is not None:
        base["prompt_hash"] = record.proposal_request.prompt_hash
    if proposal is None:
        failed = record.failure is not None and record.failure.sender == "proposer"
        if failed and record.failure is not None:
            return {**base, "status": "FAILED", "reason": record.failure.detail}
        return {**base, **_not_run(record, "proposer")}
    return {
        **base,
        "status": "COMPLETE",
        "model_id": proposal.model_id,
        "output_hash": proposal.output_hash,
        "format": proposal.proposal.format,
        "outputs": list(proposal.proposal.items),
        "raw_content": proposal.proposal.text,
        "reasoning_content": proposal.call.reasoning_content,
        "call": _call(proposal.call, _model(plan, proposal.model_id)),
    }


def critic_artifact(record: RunRecord) -> dict[str, Any]:
    plan, critique = record.plan, record.critique
    base: dict[str, Any] = {"model_id": plan.critic.model_id}
    if record.critique_request is not None:
        base["prompt_hash"] = record.critique_request.prompt_hash
        base["proposal_ref"] = record.critique_request.proposal_ref
    if critique is None:
        failed = record.failure is not None and record.failure.sender == "critic"
        if failed and record.failure is not None:
            return {**base, "status": "FAILED", "reason": record.failure.detail}
        return {**base, **_not_run(record, "critic")}
    body = critique.body
    return {
        **base,
        "status": "COMPLETE",
        "output_hash": critique.output_hash,
        "format": critique.format,
        "decision": body.decision if body else None,
        "parse_error": critique.parse_error,
        "rationale": body.rationale if body else None,
        "suggested_changes": list(body.suggested_changes) if body else [],
        "evidence_ids": list(body.evidence_ids) if body else [],
        "critique_proposal_ref": body.proposal_ref if body else None,
        "raw_content": critique.content,
        "reasoning_content": critique.call.reasoning_content,
        "call": _call(critique.call, plan.critic),
    }


def _model(plan: RunPlan, model_id: str) -> ModelEntry:
    for model in (plan.proposer, *plan.fallbacks, plan.critic):
        if model.model_id == model_id:
            return model
    return plan.proposer


_ORDER: Final = {"FAIL": 3, "PASS": 1, "WARN": 2, "NOT_EVALUATED": 0}


def sod_artifact(record: RunRecord) -> dict[str, Any]:
    evaluations: dict[str, list[tuple[str, RuleCheck]]] = {rule: [] for rule in SOD_RULES}
    for message, verdict in record.verdicts:
        kind = str(type(message).__struct_config__.tag)
        for outcome in verdict.outcomes:
            if outcome.policy == "sod":
                for check in outcome.checks:
                    evaluations.setdefault(check.rule, []).append((kind, check))
    rules: list[dict[str, Any]] = []
    for rule, seen in evaluations.items():
        if not seen:
            rules.append(
                {
                    "rule": rule,
                    "result": "NOT_EVALUATED",
                    "reason": f"not reached: the run ended at {record.outcome.stage}",
                    "evaluations": [],
                    "warnings": [],
                }
            )
            continue
        worst = max(seen, key=lambda item: _ORDER[item[1].result])[1]
        rules.append(
            {
                "rule": rule,
                "result": worst.result,
                "reason": worst.reason,
                "evaluations": [
                    {"message": kind, "result": c.result, "reason": c.reason} for kind, c in seen
                ],
                "warnings": sorted({w for _, c in seen for w in c.warnings}),
            }
        )
    failed = [r for r in rules if r["result"] == "FAIL"]
    if failed:
        result, reason = "FAIL", "; ".join(str(r["reason"]) for r in failed)
    else:
        result = "PASS"
        reason = (
            f"Proposer ({record.plan.proposer.model_id}) != Critic ({record.plan.critic.model_id})"
        )
        # A PASS must not read as "all rules held" when the run stopped before some of them.
        unreached = [
            r["rule"] for r in rules if r["result"] == "NOT_EVALUATED" and not r["evaluations"]
        ]
        if unreached:
            reason += f"; not reached: {', '.join(unreached)}"
    return {
        "result": result,
        "reason": reason,
        "proposer_model": record.plan.proposer.model_id,
        "fallback_models": [m.model_id for m in record.plan.fallbacks],
        "critic_model": record.plan.critic.model_id,
        "provider_diversity_required": record.plan.provider_diversity,
        "rules": rules,
    }


def scope_artifact(record: RunRecord) -> dict[str, Any]:
    reports: dict[str, ScopeReport] = {}
    for _message, verdict in record.verdicts:
        for outcome in verdict.outcomes:
            if outcome.scope is not None:
                reports[outcome.scope.subject] = outcome.scope
    violations = [v for report in reports.values() for v in report.violations]
    if violations:
        result = "FAIL"
    elif "proposal" in reports:
        result = "PASS"
    else:
        result = "NOT_EVALUATED"
    return {
        "result": result,
        "scope_id": record.plan.scope_id,
        "scope_version": record.plan.scope_version,
        "violations": violations,
        "checked_outputs": list(reports["proposal"].checked_outputs)
        if "proposal" in reports
        else [],
        "proposal": reports.get("proposal"),
        "critique": reports.get("critique"),
        "reason": None
        if reports
        else f"no output was checked: the run ended at {record.outcome.stage}",
    }


def transcript_artifact(record: RunRecord) -> dict[str, Any] | None:
    runs = []
    exchanges: list[tuple[str, ChatRequest, str, str, CallMeta, str]] = []
    if record.proposal_request is not None and record.proposal is not None:
        exchanges.append(
            (
                "proposer",
                record.proposal_request.request,
                record.proposal.prompt_hash,
                record.proposal.model_id,
                record.proposal.call,
                record.proposal.proposal.text,
            )
        )
    if record.critique_request is not None and record.critique is not None:
        exchanges.append(
            (
                "critic",
                record.critique_request.request,
                record.critique.prompt_hash,
                record.critique.model_id,
                record.critique.call,
                record.critique.content,
            )
        )
    if not exchanges:
        return None
    for role, request, digest, model_id, call, content in exchanges:
        message: dict[str, Any] = {"role": "assistant", "content": content}
        if call.reasoning_content is not None:
            message["reasoning_content"] = call.reasoning_content
        runs.append(
            {
                "run_id": call.call_id,
                "role": role,
                "model_id": model_id,
                "prompt_hash": digest,
                "request": canonical_request(request),
                "response": {
                    "id": call.response_id,
                    "model": call.model,
                    "choices": [{"finish_reason": call.finish_reason, "message": message}],
                    "usage": call.usage,
                    "system_fingerprint": call.system_fingerprint,
                },
                "metadata": {
                    "timestamp": record.timestamps.get(
                        "proposal" if role == "proposer" else "critique", record.plan.started_at
                    ),
                    "latency_ms": call.latency_ms,
                },
            }
        )
    return {
        "transcript_id": record.plan.run_id,
        "recorded_at": record.plan.started_at,
        "scenario": record.plan.scenario.id,
        "source_transcript_id": record.plan.transcript_id,
        "runs": runs,
    }


def manifest_artifact(record: RunRecord, sod: dict[str, Any], outputs: list[str]) -> dict[str, Any]:
    plan = record.plan
    return {
        "run_id": plan.run_id,
        "mode": plan.mode,
        "clock": plan.started_at,
        "layer": {"id": plan.layer_id, "name": plan.layer_name},
        "status": record.outcome.status,
        "exit_code": record.outcome.exit_code,
        "models": {
            "proposer": _model_ref(plan.proposer),
            "fallbacks": [_model_ref(m) for m in plan.fallbacks],
            "critic": _model_ref(plan.critic),
        },
        "scope": {"id": plan.scope_id, "version": plan.scope_version},
        "scenario": {"id": plan.scenario.id, "description": plan.scenario.description},
        "sod_result": sod["result"],
        "inputs_manifest": list(plan.inputs),
        "fixture": plan.fixture,
        "outputs_manifest": outputs,
        "network_used": plan.mode in ("record", "live"),
        "versions": {
            "product": plan.product_version,
            "registry": plan.registry_version,
            "scope": plan.scope_version,
            "evidence_pack": EVIDENCE_PACK_VERSION,
        },
        "preflight": record.preflight,
        "redactions": sum(
            m.call.redactions for m in (record.proposal, record.critique) if m is not None
        ),
    }


def _model_ref(model: ModelEntry) -> dict[str, str]:
    return {"model_id": model.model_id, "provider": model.provider}


@dataclass(frozen=True)
class BuiltPack:
    """Every file of the pack as the exact bytes to write, and the headline results."""

    files: dict[str, bytes]
    sod_result: str
    scope_result: str
    critic_decision: str | None


def build_artifacts(
    events: list[Event],
    event_lines: bytes,
    events_head: str,
    signing: SigningInfo | None = None,
) -> BuiltPack:
    """Every file of the pack, index included; ``signing`` names the key that signs the index."""
    record = collect(events)
    plan = record.plan
    proposer = proposer_artifact(record)
    critic = critic_artifact(record)
    sod = sod_artifact(record)
    scope = scope_artifact(record)
    transcript = transcript_artifact(record)
    files: dict[str, bytes] = {
        "capability_scope_check.json": encode_pretty(scope),
        "critic_output.json": encode_pretty(critic),
        "events.jsonl": event_lines,
        "proposer_output.json": encode_pretty(proposer),
        "sod_check.json": encode_pretty(sod),
    }
    missing: list[dict[str, str]] = []
    if transcript is not None:
        files["transcript.json"] = encode_pretty(transcript)
    else:
        why = "dry mode makes no model calls" if plan.mode == "dry" else "no model call was made"
        missing.append({"artifact": "transcript.json", "reason": why})
    names = sorted([*files, "operator_output.md", "run_manifest.json"])
    files["run_manifest.json"] = encode_pretty(manifest_artifact(record, sod, names))
    files["operator_output.md"] = render_operator_report(
        record=record, proposer=proposer, critic=critic, sod=sod, scope=scope, artifacts=names
    ).encode("utf-8")
    index = _index(record, proposer, critic, sod, scope, files, events_head, missing, signing)
    files[INDEX_NAME] = encode_pretty(index)
    return BuiltPack(
        files=files,
        sod_result=sod["result"],
        scope_result=scope["result"],
        critic_decision=critic.get("decision"),
    )


def _index(
    record: RunRecord,
    proposer: dict[str, Any],
    critic: dict[str, Any],
    sod: dict[str, Any],
    scope: dict[str, Any],
    files: dict[str, bytes],
    events_head: str,
    missing: list[dict[str, str]],
    signing: SigningInfo | None,
) -> dict[str, Any]:
    plan = record.plan
    short = plan.run_id.rsplit("-", 1)[-1][:8]
    return {
        "evidence_pack_id": f"EVP-{plan.layer_id}-{plan.date}-{short}",
        "evidence_pack_version": EVIDENCE_PACK_VERSION,
        "creation_timestamp": plan.started_at,
        "layer_id": plan.layer_id,
        "layer_name": plan.layer_name,
        "run_id": plan.run_id,
        "mode": plan.mode,
        "network_used": plan.mode in ("record", "live"),
        "status": record.outcome.status,
        "exit_code": record.outcome.exit_code,
        "outcome_reasons": list(record.outcome.reasons),
        "proposer": _role_summary(proposer, "proposer_output.json"),
        "critic": _role_summary(critic, "critic_output.json"),
        "sod_check": {
            "result": sod["result"],
            "reason": sod["reason"],
            "artifact_path": "sod_check.json",
        },
        "capability_scope_check": {
            "result": scope["result"],
            "violations": scope["violations"],
            "artifact_path": "capability_scope_check.json",
        },
        "artifacts": sorted(files),
        "artifact_hashes": {
            name: {"sha256": sha256_prefixed(data), "bytes": len(data)}
            for name, data in sorted(files.items())
        },
        "events_head": events_head,
        "missing_artifacts": missing,
        "operator_notes": "",
        "registry_version": plan.registry_version,
        "scope_id": plan.scope_id,
        "scope_version": plan.scope_version,
        "signature": signing,
    }


def _role_summary(artifact: dict[str, Any], path: str) -> dict[str, Any]:
    call = artifact.get("call") or {}
    return {
        "model_id": artifact.get("model_id"),
        "run_id": call.get("run_id"),
        "prompt_hash": artifact.get("prompt_hash"),
        "output_hash": artifact.get("output_hash"),
        "status": artifact["status"],
        "artifact_path": path,
    }
