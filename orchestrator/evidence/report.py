"""The operator report (``operator_output.md``): what an operator reads first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.evidence.schema import (
    CallRecord,
    CriticOutput,
    ProposerOutput,
    ScopeCheck,
    SodCheck,
)

if TYPE_CHECKING:
    from orchestrator.evidence.build import RunRecord

__all__ = ["render_operator_report"]


def render_operator_report(
    *,
    record: RunRecord,
    proposer: ProposerOutput,
    critic: CriticOutput,
    sod: SodCheck,
    scope: ScopeCheck,
    artifacts: list[str],
) -> str:
    plan, outcome = record.plan, record.outcome
    lines = [
        f"# {plan.layer_id} {plan.layer_name} — operator report",
        "",
        f"- Run: `{plan.run_id}` ({plan.mode} mode, clock {plan.started_at})",
        f"- Scenario: `{plan.scenario.id}` — {plan.scenario.description}",
        f"- Outcome: **{outcome.status}** (exit {outcome.exit_code}, ended at {outcome.stage})",
        f"- Scope: `{plan.scope_id}` version {plan.scope_version}",
        "",
        "## Models",
        "",
        f"- Proposer: `{plan.proposer.model_id}` ({plan.proposer.provider})",
        *(f"- Fallback: `{m.model_id}` ({m.provider})" for m in plan.fallbacks),
        f"- Critic: `{plan.critic.model_id}` ({plan.critic.provider})",
        *(
            f"- Fallback used: `{step.next_model}` after `{step.failed_model}` failed "
            f"({step.error}): {step.reason}"
            for step in record.fallbacks
        ),
        "",
    ]
    if outcome.reasons:
        lines += ["## Why", "", *(f"- {reason}" for reason in outcome.reasons), ""]
    lines += ["## Separation of duties", "", f"**{sod.result}** — {sod.reason}", ""]
    for rule in sod.rules:
        lines.append(f"- `{rule.rule}`: {rule.result} — {rule.reason}")
        lines.extend(f"  - warning: {w}" for w in rule.warnings)
    lines += ["", "## Capability scope", "", f"**{scope.result}**"]
    if scope.checked_outputs:
        lines.append(f"Checked outputs: {', '.join(scope.checked_outputs)}")
    lines.append("")
    lines.extend(f"- `{v.rule}` at {v.location}: {v.detail}" for v in scope.violations)
    if not scope.violations:
        lines.append("- no violations" if scope.result == "PASS" else f"- {scope.reason}")
    lines += ["", "## Critic", ""]
    if critic.status == "COMPLETE":
        lines.append(f"Decision: **{critic.decision or 'UNPARSEABLE'}**")
        if critic.rationale:
            lines += ["", str(critic.rationale)]
        if critic.suggested_changes:
            lines += ["", "Suggested changes:", *(f"- {c}" for c in critic.suggested_changes)]
        evidence = critic.evidence_ids or ()
        lines += ["", f"Evidence ids: {', '.join(evidence) or '(none)'}"]
    else:
        lines.append(f"{critic.status}: {critic.reason}")
    lines += ["", "## Cost", ""]
    calls: list[CallRecord] = []
    for role, artifact in (("proposer", proposer), ("critic", critic)):
        call = artifact.call
        if isinstance(call, CallRecord):
            calls.append(call)
            usage = call.usage
            lines.append(
                f"- {role}: {usage.prompt_tokens} in / {usage.completion_tokens} out tokens, "
                f"{call.cost_usd:.6f} USD"
            )
    total = sum(c.cost_usd for c in calls)
    lines.append(f"- total: {total:.6f} USD (per-run limit {plan.per_run_limit_usd:.2f} USD)")
    if record.preflight is not None:
        pre = record.preflight
        lines.append(
            f"- worst case: {pre.worst_case_total_usd:.6f} USD "
            f"({'within' if pre.within_budget else 'OVER'} the per-run limit); "
            f"fixture coverage: proposer {pre.proposer_coverage}, critic {pre.critic_coverage}"
        )
    lines += ["", "## Artifacts", "", *(f"- `{name}`" for name in artifacts), ""]
    return "\n".join(lines)
