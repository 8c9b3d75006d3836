"""Dry-mode pre-flight: prompts and hashes, worst-case cost against the budget, coverage.

The worst case is an upper bound, not an estimate: a token is at least one byte, so a
prompt's input tokens are at most its UTF-8 length plus a per-message overhead, and the
critic's input grows by at most the proposer's ``max_tokens``.
"""

from __future__ import annotations

from clients.replay import ReplayClient
from orchestrator.core.calls import ChatRequest
from orchestrator.core.config import ModelEntry
from orchestrator.evidence.records import CostBound, Coverage, Preflight, RunPlan
from orchestrator.runtime.plan import critic_request, review_request

__all__ = ["preflight", "worst_case_input_tokens"]

# Chat formats add a few tokens per message for role markers.
_PER_MESSAGE_OVERHEAD = 8


def worst_case_input_tokens(request: ChatRequest) -> int:
    size = sum(len(m.content.encode("utf-8")) for m in request.messages)
    return size + _PER_MESSAGE_OVERHEAD * len(request.messages)


def _bound(role: str, model: ModelEntry, input_tokens: int, max_tokens: int) -> CostBound:
    return CostBound(
        role=role,
        model_id=model.model_id,
        max_input_tokens=input_tokens,
        max_output_tokens=max_tokens,
        worst_case_usd=model.cost(input_tokens, max_tokens),
    )


def preflight(
    plan: RunPlan, proposer_request: ChatRequest, proposer_hash: str, replay: ReplayClient | None
) -> Preflight:
    scenario = plan.scenario
    critic_template, _ = critic_request(
        scenario, plan.critic, proposal_text="", output_hash="", proposer_call_id=""
    )
    proposer_in = worst_case_input_tokens(proposer_request)
    critic_in = worst_case_input_tokens(critic_template) + scenario.proposer.max_tokens
    costs = [_bound("proposer", plan.proposer, proposer_in, scenario.proposer.max_tokens)]
    costs += [
        _bound("fallback proposer", m, proposer_in, scenario.proposer.max_tokens)
        for m in plan.fallbacks
    ]
    costs.append(_bound("critic", plan.critic, critic_in, scenario.critic.max_tokens))
    # A fallback replaces the proposer, it does not add to it: count the dearest of them.
    proposer_worst = max(c.worst_case_usd for c in costs[:-1])
    total = round(proposer_worst + costs[-1].worst_case_usd, 6)
    proposer_cov, critic_cov = _coverage(plan, proposer_request, replay)
    return Preflight(
        proposer_prompt_hash=proposer_hash,
        critic_prompt_template=critic_template.messages[-1].content,
        costs=tuple(costs),
        worst_case_total_usd=total,
        per_run_limit_usd=plan.per_run_limit_usd,
        within_budget=total <= plan.per_run_limit_usd,
        proposer_coverage=proposer_cov,
        critic_coverage=critic_cov,
    )


def _coverage(
    plan: RunPlan, request: ChatRequest, replay: ReplayClient | None
) -> tuple[Coverage, Coverage]:
    if replay is None:
        return "no fixture", "no fixture"
    if not replay.covers(request, role="proposer"):
        return "not covered", "not covered"
    # The critic's request embeds the recorded proposal, so it can be checked too.
    answer = replay.lookup(request, role="proposer")
    review, _, _ = review_request(
        plan.scenario,
        plan.critic,
        proposal_text=answer.content,
        proposer_call_id=answer.meta.call_id,
    )
    return "covered", "covered" if replay.covers(review, role="critic") else "not covered"
