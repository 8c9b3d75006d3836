"""Deriving the evidence pack's files from the event stream (pure functions).

Every artifact is computed from the events the supervisor emitted, so that each one can be
checked against the hash-chained ``events.jsonl`` it was derived from: the writer and
``pilot verify`` call the same :func:`build_artifacts`. JSON artifacts are the Structs of
:mod:`orchestrator.evidence.schema`, encoded with sorted keys; the index carries the sha256
and size of every other file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final, Literal

from msgspec import UNSET

from clients.transcripts import RecordedRun, Transcript, recorded_run
from orchestrator.core.calls import CallMeta
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
from orchestrator.evidence import names
from orchestrator.evidence.events import (
    AnyEvent,
    MessageEvent,
    RunFinished,
    RunStarted,
    VerdictEvent,
)
from orchestrator.evidence.records import Preflight, RunOutcome, RunPlan
from orchestrator.evidence.report import render_operator_report
from orchestrator.evidence.schema import (
    SOD_RULES,
    ArtifactHash,
    CallRecord,
    CriticOutput,
    FallbackStep,
    LayerRef,
    MissingArtifact,
    ModelRef,
    ModelsRef,
    PackIndex,
    ProposerOutput,
    RoleSummary,
    RunManifest,
    ScenarioRef,
    ScopeCheck,
    ScopeRef,
    ScopeSummary,
    SigningInfo,
    SodCheck,
    SodEvaluation,
    SodRule,
    SodSummary,
    Versions,
)
from policies.findings import RuleCheck, ScopeReport, Verdict

__all__ = ["BuiltPack", "RunRecord", "build_artifacts", "collect"]


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
    fallbacks: list[FallbackStep] = field(default_factory=list)
    verdicts: list[tuple[Message, Verdict]] = field(default_factory=list)
    timestamps: dict[str, str] = field(default_factory=dict)


def collect(events: Sequence[AnyEvent]) -> RunRecord:
    """The run's record; a stream without ``run.started`` and ``run.finished`` is a ValueError."""
    started = next((e for e in events if isinstance(e, RunStarted)), None)
    finished = next((e for e in events if isinstance(e, RunFinished)), None)
    if started is None or finished is None:
        raise ValueError("an event stream needs run.started and run.finished")
    record = RunRecord(plan=started.plan, outcome=finished.outcome, preflight=finished.preflight)
    last: Message | None = None
    for event in events:
        match event:
            case VerdictEvent(verdict=verdict) if last is not None:
                record.verdicts.append((last, verdict))
            case MessageEvent(message=message, at=at):
                last = message
                record.timestamps[str(type(message).__struct_config__.tag)] = at
                match message:
                    case ProposalRequest():
                        failed = record.failure
                        if record.proposal_request is not None and failed is not None:
                            # A proposer that failed, replaced by the next fallback model.
                            record.fallbacks.append(
                                FallbackStep(
                                    failed_model=record.proposal_request.model_id,
                                    error=failed.error,
                                    reason=failed.detail,
                                    next_model=message.model_id,
                                )
                            )
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


def _call(call: CallMeta, model: ModelEntry) -> CallRecord:
    return CallRecord(
        run_id=call.call_id,
        response_id=call.response_id,
        returned_model=call.model,
        finish_reason=call.finish_reason,
        system_fingerprint=call.system_fingerprint,
        latency_ms=call.latency_ms,
        usage=call.usage,
        cost_usd=model.cost(call.usage.prompt_tokens, call.usage.completion_tokens),
        redactions=call.redactions,
    )


def _unfinished(record: RunRecord, role: str) -> tuple[Literal["FAILED", "NOT_RUN"], str]:
    """Status and reason of a role that produced no answer."""
    failure = record.failure
    if failure is not None and failure.sender == role:
        return "FAILED", failure.detail
    if record.plan.mode == "dry":
        why = "dry mode makes no model calls"
    else:
        why = f"the run ended at {record.outcome.stage} ({record.outcome.status})"
    return "NOT_RUN", f"the {role} was not called: {why}"


def proposer_artifact(record: RunRecord) -> ProposerOutput:
    plan, proposal, request = record.plan, record.proposal, record.proposal_request
    prompt_hash = request.prompt_hash if request is not None else UNSET
    if proposal is None:
        status, reason = _unfinished(record, "proposer")
        return ProposerOutput(
            model_id=request.model_id if request is not None else plan.proposer.model_id,
            status=status,
            prompt_hash=prompt_hash,
            reason=reason,
            fallbacks=tuple(record.fallbacks) if record.fallbacks else UNSET,
        )
    return ProposerOutput(
        model_id=proposal.model_id,
        status="COMPLETE",
        prompt_hash=prompt_hash,
        output_hash=proposal.output_hash,
        format=proposal.proposal.format,
        outputs=proposal.proposal.items,
        raw_content=proposal.proposal.text,
        reasoning_content=proposal.call.reasoning_content,
        call=_call(proposal.call, plan.model(proposal.model_id)),
        fallbacks=tuple(record.fallbacks) if record.fallbacks else UNSET,
    )


def critic_artifact(record: RunRecord) -> CriticOutput:
    plan, critique, request = record.plan, record.critique, record.critique_request
    prompt_hash = request.prompt_hash if request is not None else UNSET
    proposal_ref = request.proposal_ref if request is not None else UNSET
    if critique is None:
        status, reason = _unfinished(record, "critic")
        return CriticOutput(
            model_id=plan.critic.model_id,
            status=status,
            prompt_hash=prompt_hash,
            proposal_ref=proposal_ref,
            reason=reason,
        )
    body = critique.body
    return CriticOutput(
        model_id=plan.critic.model_id,
        status="COMPLETE",
        prompt_hash=prompt_hash,
        proposal_ref=proposal_ref,
        output_hash=critique.output_hash,
        format=critique.format,
        decision=body.decision if body else None,
        parse_error=critique.parse_error,
        rationale=body.rationale if body else None,
        suggested_changes=body.suggested_changes if body else (),
        evidence_ids=body.evidence_ids if body else (),
        critique_proposal_ref=body.proposal_ref if body else None,
        raw_content=critique.content,
        reasoning_content=critique.call.reasoning_content,
        call=_call(critique.call, plan.critic),
    )


_SEVERITY: Final = {"FAIL": 3, "WARN": 2, "PASS": 1, "NOT_EVALUATED": 0}


def sod_artifact(record: RunRecord) -> SodCheck:
    evaluations: dict[str, list[tuple[str, RuleCheck]]] = {rule: [] for rule in SOD_RULES}
    for message, verdict in record.verdicts:
        kind = str(type(message).__struct_config__.tag)
        for outcome in verdict.outcomes:
            if outcome.policy == "sod":
                for check in outcome.checks:
                    evaluations.setdefault(check.rule, []).append((kind, check))
    rules = tuple(_sod_rule(rule, seen, record) for rule, seen in evaluations.items())
    plan = record.plan
    failed = [rule for rule in rules if rule.result == "FAIL"]
    if failed:
        reason = "; ".join(rule.reason for rule in failed)
    else:
        reason = f"Proposer ({plan.proposer.model_id}) != Critic ({plan.critic.model_id})"
        # A PASS must not read as "all rules held" when the run stopped before some of them.
        unreached = [r.rule for r in rules if r.result == "NOT_EVALUATED" and not r.evaluations]
        if unreached:
            reason += f"; not reached: {', '.join(unreached)}"
    return SodCheck(
        result="FAIL" if failed else "PASS",
        reason=reason,
        proposer_model=plan.proposer.model_id,
        fallback_models=tuple(m.model_id for m in plan.fallbacks),
        critic_model=plan.critic.model_id,
        provider_diversity_required=plan.provider_diversity,
        rules=rules,
    )


def _sod_rule(rule: str, seen: list[tuple[str, RuleCheck]], record: RunRecord) -> SodRule:
    if not seen:
        return SodRule(
            rule=rule,
            result="NOT_EVALUATED",
            reason=f"not reached: the run ended at {record.outcome.stage}",
            evaluations=(),
            warnings=(),
        )
    worst = max(seen, key=lambda item: _SEVERITY[item[1].result])[1]
    return SodRule(
        rule=rule,
        result=worst.result,
        reason=worst.reason,
        evaluations=tuple(
            SodEvaluation(message=kind, result=c.result, reason=c.reason) for kind, c in seen
        ),
        warnings=tuple(sorted({w for _, c in seen for w in c.warnings})),
    )


def scope_artifact(record: RunRecord) -> ScopeCheck:
    reports: dict[str, ScopeReport] = {}
    for _message, verdict in record.verdicts:
        for outcome in verdict.outcomes:
            if outcome.scope is not None:
                reports[outcome.scope.subject] = outcome.scope
    violations = tuple(v for report in reports.values() for v in report.violations)
    proposal = reports.get("proposal")
    return ScopeCheck(
        result="FAIL" if violations else "PASS" if proposal is not None else "NOT_EVALUATED",
        scope_id=record.plan.scope_id,
        scope_version=record.plan.scope_version,
        violations=violations,
        checked_outputs=proposal.checked_outputs if proposal is not None else (),
        proposal=proposal,
        critique=reports.get("critique"),
        reason=None
        if reports
        else f"no output was checked: the run ended at {record.outcome.stage}",
    )


def transcript_artifact(record: RunRecord) -> Transcript | None:
    """This run's exchanges in the fixture format, or None when no call was answered."""
    plan = record.plan
    runs: list[RecordedRun] = []
    if record.proposal_request is not None and record.proposal is not None:
        proposal = record.proposal
        runs.append(
            recorded_run(
                role="proposer",
                request=record.proposal_request.request,
                model_id=proposal.model_id,
                prompt_hash=proposal.prompt_hash,
                content=proposal.proposal.text,
                meta=proposal.call,
                timestamp=record.timestamps.get("proposal", plan.started_at),
            )
        )
    if record.critique_request is not None and record.critique is not None:
        critique = record.critique
        runs.append(
            recorded_run(
                role="critic",
                request=record.critique_request.request,
                model_id=critique.model_id,
                prompt_hash=critique.prompt_hash,
                content=critique.content,
                meta=critique.call,
                timestamp=record.timestamps.get("critique", plan.started_at),
            )
        )
    if not runs:
        return None
    return Transcript(
        transcript_id=plan.run_id,
        recorded_at=plan.started_at,
        scenario=plan.scenario.id,
        source_transcript_id=plan.transcript_id,
        runs=tuple(runs),
    )


def manifest_artifact(record: RunRecord, sod: SodCheck, outputs: list[str]) -> RunManifest:
    plan = record.plan
    return RunManifest(
        run_id=plan.run_id,
        mode=plan.mode,
        clock=plan.started_at,
        layer=LayerRef(id=plan.layer_id, name=plan.layer_name),
        status=record.outcome.status,
        exit_code=record.outcome.exit_code,
        models=ModelsRef(
            proposer=_model_ref(plan.proposer),
            fallbacks=tuple(_model_ref(m) for m in plan.fallbacks),
            critic=_model_ref(plan.critic),
        ),
        scope=ScopeRef(id=plan.scope_id, version=plan.scope_version),
        scenario=ScenarioRef(id=plan.scenario.id, description=plan.scenario.description),
        sod_result=sod.result,
        inputs_manifest=plan.inputs,
        fixture=plan.fixture,
        outputs_manifest=tuple(outputs),
        network_used=plan.mode in ("record", "live"),
        versions=Versions(
            product=plan.product_version,
            registry=plan.registry_version,
            scope=plan.scope_version,
            evidence_pack=names.EVIDENCE_PACK_VERSION,
        ),
        preflight=record.preflight,
        redactions=sum(
            m.call.redactions for m in (record.proposal, record.critique) if m is not None
        ),
    )


def _model_ref(model: ModelEntry) -> ModelRef:
    return ModelRef(model_id=model.model_id, provider=model.provider)


@dataclass(frozen=True)
class BuiltPack:
    """Every file of the pack as the exact bytes to write, and the headline results."""

    files: dict[str, bytes]
    sod_result: str
    scope_result: str
    critic_decision: str | None


def build_artifacts(
    events: Sequence[AnyEvent],
    event_lines: bytes,
    events_head: str,
    signing: SigningInfo | None = None,
) -> BuiltPack:
    """Every file of the pack, index included; ``signing`` names the key that signs the index."""
    record = collect(events)
    proposer = proposer_artifact(record)
    critic = critic_artifact(record)
    sod = sod_artifact(record)
    scope = scope_artifact(record)
    transcript = transcript_artifact(record)
    files: dict[str, bytes] = {
        names.SCOPE_CHECK: encode_pretty(scope),
        names.CRITIC_OUTPUT: encode_pretty(critic),
        names.EVENTS: event_lines,
        names.PROPOSER_OUTPUT: encode_pretty(proposer),
        names.SOD_CHECK: encode_pretty(sod),
    }
    missing: list[MissingArtifact] = []
    if transcript is not None:
        files[names.TRANSCRIPT] = encode_pretty(transcript)
    else:
        why = (
            "dry mode makes no model calls"
            if record.plan.mode == "dry"
            else "no model call was made"
        )
        missing.append(MissingArtifact(artifact=names.TRANSCRIPT, reason=why))
    listed = sorted([*files, names.OPERATOR_REPORT, names.MANIFEST])
    files[names.MANIFEST] = encode_pretty(manifest_artifact(record, sod, listed))
    files[names.OPERATOR_REPORT] = render_operator_report(
        record=record, proposer=proposer, critic=critic, sod=sod, scope=scope, artifacts=listed
    ).encode("utf-8")
    index = _index(record, proposer, critic, sod, scope, files, events_head, missing, signing)
    files[names.INDEX] = encode_pretty(index)
    return BuiltPack(
        files=files,
        sod_result=sod.result,
        scope_result=scope.result,
        critic_decision=critic.decision if isinstance(critic.decision, str) else None,
    )


def _index(
    record: RunRecord,
    proposer: ProposerOutput,
    critic: CriticOutput,
    sod: SodCheck,
    scope: ScopeCheck,
    files: dict[str, bytes],
    events_head: str,
    missing: list[MissingArtifact],
    signing: SigningInfo | None,
) -> PackIndex:
    plan = record.plan
    return PackIndex(
        evidence_pack_id=f"EVP-{plan.layer_id}-{plan.date}-{plan.short_id}",
        evidence_pack_version=names.EVIDENCE_PACK_VERSION,
        creation_timestamp=plan.started_at,
        layer_id=plan.layer_id,
        layer_name=plan.layer_name,
        run_id=plan.run_id,
        mode=plan.mode,
        network_used=plan.mode in ("record", "live"),
        status=record.outcome.status,
        exit_code=record.outcome.exit_code,
        outcome_reasons=record.outcome.reasons,
        proposer=_role_summary(proposer.model_id, proposer, names.PROPOSER_OUTPUT),
        critic=_role_summary(critic.model_id, critic, names.CRITIC_OUTPUT),
        sod_check=SodSummary(result=sod.result, reason=sod.reason, artifact_path=names.SOD_CHECK),
        capability_scope_check=ScopeSummary(
            result=scope.result, violations=scope.violations, artifact_path=names.SCOPE_CHECK
        ),
        artifacts=tuple(sorted(files)),
        artifact_hashes={
            name: ArtifactHash(sha256=sha256_prefixed(data), bytes=len(data))
            for name, data in sorted(files.items())
        },
        events_head=events_head,
        missing_artifacts=tuple(missing),
        operator_notes="",
        registry_version=plan.registry_version,
        scope_id=plan.scope_id,
        scope_version=plan.scope_version,
        signature=signing,
    )


def _role_summary(model_id: str, artifact: ProposerOutput | CriticOutput, path: str) -> RoleSummary:
    call = artifact.call if isinstance(artifact.call, CallRecord) else None
    return RoleSummary(
        model_id=model_id,
        run_id=call.run_id if call is not None else None,
        prompt_hash=artifact.prompt_hash if isinstance(artifact.prompt_hash, str) else None,
        output_hash=artifact.output_hash if isinstance(artifact.output_hash, str) else None,
        status=artifact.status,
        artifact_path=path,
    )
