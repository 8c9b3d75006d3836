"""Pre-flight: prompts and hashes, the worst-case cost against the budget, fixture coverage.

The worst case is an upper bound, not an estimate, and the very bound the live client
reserves in the budget ledger (:func:`clients.live.wire.worst_case_usd`): a token is at
least one byte, so a request's input tokens are at most the size of the body sent for the
model's API (messages, schema, JSON syntax), and the critic's request grows by at most the
proposer's ``max_tokens`` bytes of proposal.
"""

from __future__ import annotations

from clients.live.wire import build_body, encode_body
from clients.replay import ReplayClient
from orchestrator.core.calls import ChatRequest
from orchestrator.core.config import ModelEntry
from orchestrator.evidence.records import CostBound, Coverage, Preflight, RunPlan
from orchestrator.runtime.plan import critic_request, review_request

__all__ = ["cost_bounds", "preflight"]


def _bound(role: str, model: ModelEntry, request: ChatRequest, extra_input: int = 0) -> CostBound:
    request_for_model = ChatRequest(
        model=model.model_id,
        messages=request.messages,
        temperature=request.temperature,
        max_tokens=request.max_tokens,
        response_format=request.response_format,
    )
    input_tokens = len(encode_body(build_body(request_for_model, model))) + extra_input
    return CostBound(
        role=role,
        model_id=model.model_id,
        max_input_tokens=input_tokens,
        max_output_tokens=request.max_tokens,
        worst_case_usd=model.cost(input_tokens, request.max_tokens),
    )


def cost_bounds(
    plan: RunPlan, proposer_request: ChatRequest
) -> tuple[tuple[CostBound, ...], float]:
    """Each call's worst case and the run's: the dearest proposer (a fallback replaces the
    proposer, it does not add to it) plus the critic."""
    scenario = plan.scenario
    critic_template, _ = critic_request(
        scenario, plan.critic, proposal_text="", output_hash="", proposer_call_id=""
    )
    costs = [_bound("proposer", plan.proposer, proposer_request)]
    costs += [_bound("fallback proposer", m, proposer_request) for m in plan.fallbacks]
    # The proposal (at most max_tokens tokens, each at least one byte) goes into the
    # critic's request, escaped: six bytes per byte bounds JSON's worst escape (\u00XX).
    proposal_bytes = 6 * scenario.proposer.max_tokens
    costs.append(_bound("critic", plan.critic, critic_template, proposal_bytes))
    proposer_worst = max(c.worst_case_usd for c in costs[:-1])
    return tuple(costs), round(proposer_worst + costs[-1].worst_case_usd, 6)


def preflight(
    plan: RunPlan, proposer_request: ChatRequest, proposer_hash: str, replay: ReplayClient | None
) -> Preflight:
    scenario = plan.scenario
    critic_template, _ = critic_request(
        scenario, plan.critic, proposal_text="", output_hash="", proposer_call_id=""
    )
    costs, total = cost_bounds(plan, proposer_request)
    proposer_cov, critic_cov = _coverage(plan, proposer_request, replay)
    return Preflight(
        proposer_prompt_hash=proposer_hash,
        critic_prompt_template=critic_template.messages[-1].content,
        costs=costs,
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
