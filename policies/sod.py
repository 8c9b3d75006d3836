"""Separation of duties (SPEC §4): four rules, plus a decision that must parse.

1. ``sod.distinct_models`` — proposer (and every fallback that may replace it) ≠ critic.
2. ``sod.provider_diversity`` — when the layer asks for it, providers differ too.
3. ``sod.critic_references_proposal`` — the critique names the proposal it reviews: its
   ``output_hash``, or for legacy free text the proposer's run id.
4. ``sod.evidence_ids`` — the critic cites evidence, and at least one id resolves to the
   proposal; ids that resolve to nothing are warnings. Ids are never invented.

``sod.critic_decision`` — a critique whose decision cannot be parsed is rejected; it is
never read as an approval.
"""

from __future__ import annotations

from orchestrator.core.contract import raw_item_ids
from orchestrator.core.messages import Critique, CritiqueRequest, Message, Proposal, ProposalRequest
from policies.chain import RunFacts
from policies.findings import PolicyOutcome, RuleCheck

__all__ = ["SoDPolicy"]


class SoDPolicy:
    name = "sod"

    def evaluate(self, message: Message, facts: RunFacts) -> PolicyOutcome | None:
        checks: tuple[RuleCheck, ...]
        match message:
            case ProposalRequest():
                checks = (distinct_models(facts), provider_diversity(facts))
            case Proposal(model_id=model_id):
                checks = (answered_by_proposer(model_id, facts),)
            case CritiqueRequest(model_id=model_id) | Critique(model_id=model_id) if (
                facts.proposal is None
            ):
                checks = (
                    RuleCheck(
                        rule="sod.critic_references_proposal",
                        result="FAIL",
                        reason=f"critic model {model_id} was engaged before any proposal",
                    ),
                )
            case CritiqueRequest(model_id=model_id):
                checks = (critic_is_independent(model_id, facts),)
            case Critique():
                assert facts.proposal is not None
                checks = (
                    critic_is_independent(message.model_id, facts),
                    critic_decision(message),
                    references_proposal(message, facts.proposal),
                    evidence_ids(message, facts.proposal),
                )
            case _:
                return None
        allowed = all(check.result != "FAIL" for check in checks)
        return PolicyOutcome(policy=self.name, allowed=allowed, checks=checks)


def distinct_models(facts: RunFacts) -> RuleCheck:
    critic = facts.critic.model_id
    clashes = [m.model_id for m in (facts.proposer, *facts.fallbacks) if m.model_id == critic]
    if clashes:
        role = "Proposer" if clashes[0] == facts.proposer.model_id else "Fallback proposer"
        return RuleCheck(
            rule="sod.distinct_models",
            result="FAIL",
            reason=f"{role} ({clashes[0]}) == Critic ({critic}): a model may not review itself",
        )
    fallbacks = ", ".join(m.model_id for m in facts.fallbacks)
    also = f"; fallback(s) {fallbacks} != Critic" if fallbacks else ""
    return RuleCheck(
        rule="sod.distinct_models",
        result="PASS",
        reason=f"Proposer ({facts.proposer.model_id}) != Critic ({critic}){also}",
    )


def provider_diversity(facts: RunFacts) -> RuleCheck:
    critic = facts.critic
    if not facts.provider_diversity:
        return RuleCheck(
            rule="sod.provider_diversity",
            result="NOT_EVALUATED",
            reason=f"layer {facts.layer_id} does not require provider diversity",
        )
    same = [m for m in (facts.proposer, *facts.fallbacks) if m.provider == critic.provider]
    if same:
        return RuleCheck(
            rule="sod.provider_diversity",
            result="FAIL",
            reason=(
                f"{same[0].model_id} and critic {critic.model_id} share provider "
                f"{critic.provider!r}; layer {facts.layer_id} requires different providers"
            ),
        )
    return RuleCheck(
        rule="sod.provider_diversity",
        result="PASS",
        reason=f"proposer provider {facts.proposer.provider!r} != critic provider {critic.provider!r}",
    )


def answered_by_proposer(model_id: str, facts: RunFacts) -> RuleCheck:
    allowed = {m.model_id for m in (facts.proposer, *facts.fallbacks)}
    if model_id not in allowed or model_id == facts.critic.model_id:
        return RuleCheck(
            rule="sod.distinct_models",
            result="FAIL",
            reason=f"the proposal came from {model_id}, not from the configured proposer",
        )
    return RuleCheck(
        rule="sod.distinct_models",
        result="PASS",
        reason=f"proposal by {model_id}, critic is {facts.critic.model_id}",
    )


def critic_is_independent(model_id: str, facts: RunFacts) -> RuleCheck:
    assert facts.proposal is not None
    proposer = facts.proposal.model_id
    if model_id != facts.critic.model_id or model_id == proposer:
        return RuleCheck(
            rule="sod.distinct_models",
            result="FAIL",
            reason=f"the critique must come from {facts.critic.model_id} (not {model_id}), "
            f"a model other than the proposer {proposer}",
        )
    return RuleCheck(
        rule="sod.distinct_models",
        result="PASS",
        reason=f"Proposer ({proposer}) != Critic ({model_id})",
    )


def critic_decision(critique: Critique) -> RuleCheck:
    if critique.body is None:
        return RuleCheck(
            rule="sod.critic_decision",
            result="FAIL",
            reason=f"the critic's decision could not be parsed ({critique.parse_error}); "
            "it is not read as an approval",
        )
    return RuleCheck(rule="sod.critic_decision", result="PASS", reason=critique.body.decision)


def references_proposal(critique: Critique, proposal: Proposal) -> RuleCheck:
    rule = "sod.critic_references_proposal"
    if critique.body is None:
        return RuleCheck(rule=rule, result="FAIL", reason="no parseable critique to check")
    ref = critique.body.proposal_ref
    if critique.format == "typed":
        if ref == proposal.output_hash:
            return RuleCheck(rule=rule, result="PASS", reason=f"proposal_ref is {ref}")
        return RuleCheck(
            rule=rule,
            result="FAIL",
            reason=f"proposal_ref {ref or '(none)'} is not the proposal's output hash "
            f"{proposal.output_hash}",
        )
    call_id = proposal.call.call_id
    cited = {ref, *critique.body.evidence_ids}
    if call_id in cited or proposal.output_hash in cited:
        return RuleCheck(
            rule=rule, result="PASS", reason=f"the critique cites proposer run {call_id}"
        )
    return RuleCheck(
        rule=rule,
        result="FAIL",
        reason=f"the free-text critique cites neither proposer run {call_id} nor the output hash",
    )


def evidence_ids(critique: Critique, proposal: Proposal) -> RuleCheck:
    rule = "sod.evidence_ids"
    if critique.body is None:
        return RuleCheck(rule=rule, result="FAIL", reason="no parseable critique to check")
    given = critique.body.evidence_ids
    if not given:
        return RuleCheck(rule=rule, result="FAIL", reason="the critic gave no evidence ids")
    known = {proposal.call.call_id, proposal.output_hash}
    # The proposal passed the scope policy before the critic saw it: its items are allowed.
    known.update(raw_item_ids(proposal.proposal.items))
    resolved = [e for e in given if e in known]
    unresolved = tuple(
        f"evidence id {e!r} does not resolve to the proposal" for e in given if e not in known
    )
    if not resolved:
        return RuleCheck(
            rule=rule,
            result="FAIL",
            reason=f"none of the evidence ids {list(given)} resolves to the proposal",
            warnings=unresolved,
        )
    return RuleCheck(
        rule=rule,
        result="PASS",
        reason=f"{len(resolved)} of {len(given)} evidence ids resolve: {', '.join(resolved)}",
        warnings=unresolved,
    )
