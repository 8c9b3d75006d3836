"""Separation of duties (SPEC §4): four rules, plus a decision that must parse.

1. ``sod.distinct_models`` — proposer (and every fallback that may replace it) ≠ critic,
   compared as identities (:mod:`policies.identity`: registry id, wire model, snapshot,
   spelling), and the model that actually answered each call is the configured one for its
   role and names no model of the other role.
2. ``sod.provider_diversity`` — when the layer asks for it, providers differ too: by name
   and by endpoint host.
3. ``sod.critic_references_proposal`` — the critique has the format the scenario fixes
   (typed or free text, never the answer's choice) and names the proposal it reviews: a
   typed critique by its ``output_hash``; a free-text (seed) critique by the output hash or
   the proposer's run id, and every proposal reference it makes must be one of those two —
   a wrong reference outweighs a right run id.
4. ``sod.evidence_ids`` — the critic cites evidence, and at least one id resolves to the
   proposal; ids that resolve to nothing are warnings. Ids are never invented.

``sod.critic_decision`` — a critique whose decision cannot be parsed is rejected; it is
never read as an approval.

These five ids are fixed: ``pilot verify`` rebuilds ``sod_check.json`` from the events of
packs written before any change, so new checks report under the existing ids.
"""

from __future__ import annotations

import re
from typing import Final

from orchestrator.core.config import ModelEntry
from orchestrator.core.contract import raw_item_ids
from orchestrator.core.messages import Critique, CritiqueRequest, Message, Proposal, ProposalRequest
from orchestrator.core.patterns import lazy_pattern
from policies.chain import RunFacts
from policies.findings import PolicyOutcome, RuleCheck
from policies.identity import answers_for, model_key, names_model, same_model, same_provider

__all__ = ["SoDPolicy"]

# How a free-text critique can name a proposal by hash: any sha256 it writes.
_HASH_REFERENCE: Final = lazy_pattern(r"sha256:[0-9a-f]{6,64}", re.IGNORECASE)


class SoDPolicy:
    name = "sod"

    def evaluate(self, message: Message, facts: RunFacts) -> PolicyOutcome | None:
        checks: tuple[RuleCheck, ...]
        match message:
            case ProposalRequest():
                checks = (distinct_models(facts), provider_diversity(facts))
            case Proposal():
                checks = (answered_by_proposer(message, facts),)
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
                    critic_is_independent(message.model_id, facts, message.call.model),
                    critic_decision(message),
                    references_proposal(message, facts.proposal, facts),
                    evidence_ids(message, facts.proposal),
                )
            case _:
                return None
        allowed = all(check.result != "FAIL" for check in checks)
        return PolicyOutcome(policy=self.name, allowed=allowed, checks=checks)


def distinct_models(facts: RunFacts) -> RuleCheck:
    critic = facts.critic
    for role, model in _proposers(facts):
        how = same_model(model, critic)
        if how:
            return RuleCheck(
                rule="sod.distinct_models",
                result="FAIL",
                reason=f"{role} ({model.model_id}) == Critic ({critic.model_id}) by {how}: "
                "a model may not review itself",
            )
    fallbacks = ", ".join(m.model_id for m in facts.fallbacks)
    also = f"; fallback(s) {fallbacks} != Critic" if fallbacks else ""
    return RuleCheck(
        rule="sod.distinct_models",
        result="PASS",
        reason=f"Proposer ({facts.proposer.model_id}) != Critic ({critic.model_id}){also}",
    )


def provider_diversity(facts: RunFacts) -> RuleCheck:
    critic = facts.critic
    if not facts.provider_diversity:
        return RuleCheck(
            rule="sod.provider_diversity",
            result="NOT_EVALUATED",
            reason=f"layer {facts.layer_id} does not require provider diversity",
        )
    for _, model in _proposers(facts):
        shared = same_provider(model, critic, facts.endpoints)
        if shared:
            return RuleCheck(
                rule="sod.provider_diversity",
                result="FAIL",
                reason=f"{model.model_id} and critic {critic.model_id} share {shared}; "
                f"layer {facts.layer_id} requires different providers",
            )
    return RuleCheck(
        rule="sod.provider_diversity",
        result="PASS",
        reason=f"proposer provider {facts.proposer.provider!r} != critic provider {critic.provider!r}",
    )


def answered_by_proposer(proposal: Proposal, facts: RunFacts) -> RuleCheck:
    """The proposal came from a configured proposer, and that very model answered it."""
    rule = "sod.distinct_models"
    critic = facts.critic
    configured = _configured_proposer(facts, proposal.model_id)
    answered = proposal.call.model
    if configured is None or same_model(configured, critic):
        return RuleCheck(
            rule=rule,
            result="FAIL",
            reason=f"the proposal came from {proposal.model_id}, not from the configured proposer",
        )
    problem = _answering_problem(
        "proposal", answered, ("proposer", configured), [("critic", critic)]
    )
    if problem:
        return RuleCheck(rule=rule, result="FAIL", reason=problem)
    return RuleCheck(
        rule=rule,
        result="PASS",
        reason=f"proposal by {proposal.model_id}{_answered_note(answered, configured)}, "
        f"critic is {critic.model_id}",
    )


def critic_is_independent(model_id: str, facts: RunFacts, answered: str | None = None) -> RuleCheck:
    """The critic is the configured one, another model than the proposal's; so is the
    model that answered the critique (``answered``), when there is an answer."""
    rule = "sod.distinct_models"
    assert facts.proposal is not None
    critic = facts.critic
    proposer = facts.proposal.model_id
    proposer_entry = _configured_proposer(facts, proposer)
    if model_id != critic.model_id or (
        proposer_entry is not None and same_model(proposer_entry, critic)
    ):
        return RuleCheck(
            rule=rule,
            result="FAIL",
            reason=f"the critique must come from {critic.model_id} (not {model_id}), "
            f"a model other than the proposer {proposer}",
        )
    if answered is not None:
        proposers = [("proposer", m) for _, m in _proposers(facts)]
        problem = _answering_problem("critique", answered, ("critic", critic), proposers)
        if not problem and model_key(answered) == model_key(facts.proposal.call.model):
            # Whatever the configuration says, the critic may not answer as the proposal did.
            problem = f"the critique was answered by model {answered!r}, as the proposal was"
        if problem:
            return RuleCheck(rule=rule, result="FAIL", reason=problem)
    note = _answered_note(answered, critic) if answered is not None else ""
    return RuleCheck(
        rule=rule, result="PASS", reason=f"Proposer ({proposer}) != Critic ({model_id}){note}"
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


def references_proposal(critique: Critique, proposal: Proposal, facts: RunFacts) -> RuleCheck:
    rule = "sod.critic_references_proposal"
    expected = facts.critique_format
    if critique.format != expected:
        wanted = (
            "a typed critique whose proposal_ref is the output hash"
            if expected == "typed"
            else "a free-text critique"
        )
        return RuleCheck(
            rule=rule,
            result="FAIL",
            reason=f"the scenario requires {wanted}; the critic answered in "
            f"{critique.format.replace('_', '-')} form, which the answer may not choose",
        )
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
    valid = {call_id, proposal.output_hash}
    references = ([ref] if ref else []) + _HASH_REFERENCE.findall(critique.content)
    wrong = next((r for r in references if r not in valid), None)
    if wrong is not None:
        return RuleCheck(
            rule=rule,
            result="FAIL",
            reason=f"the free-text critique refers to the proposal as {wrong!r}, which is neither "
            f"the output hash {proposal.output_hash} nor proposer run {call_id}",
        )
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


def _proposers(facts: RunFacts) -> list[tuple[str, ModelEntry]]:
    """Every model that may write the proposal, with its role for messages."""
    return [("Proposer", facts.proposer)] + [("Fallback proposer", m) for m in facts.fallbacks]


def _answering_problem(
    what: str,
    answered: str,
    own: tuple[str, ModelEntry],
    others: list[tuple[str, ModelEntry]],
) -> str:
    """Why ``answered`` (the response's model) may not have written the ``what``, or ""."""
    role, model = own
    if not answers_for(answered, model):
        return (
            f"the {what} was answered by model {answered!r}, which is not the configured "
            f"{role} {_called_as(model)}"
        )
    for other_role, other in others:
        if names_model(answered, other):
            return (
                f"the {what} was answered by model {answered!r}, which names the {other_role} "
                f"{_called_as(other)}"
            )
    return ""


def _configured_proposer(facts: RunFacts, model_id: str) -> ModelEntry | None:
    return next((m for _, m in _proposers(facts) if m.model_id == model_id), None)


def _called_as(model: ModelEntry) -> str:
    if model.wire_model == model.model_id:
        return repr(model.model_id)
    return f"{model.model_id!r} (wire model {model.wire_model!r})"


def _answered_note(answered: str, model: ModelEntry) -> str:
    # Said only when the answering name is not the registry id verbatim (a snapshot, the
    # wire model): the golden pack's reasons stay as they were for the plain case.
    return "" if answered == model.model_id else f" (answered as {answered!r})"
