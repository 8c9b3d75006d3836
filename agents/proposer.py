"""The Proposer: asks its model for the market outlook and parses the answer at the edge."""

from __future__ import annotations

from agents.base import Agent
from agents.parsing import parse_proposal
from orchestrator.core.calls import ChatResponse, Role
from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.messages import AnyMessage, Proposal, ProposalRequest

__all__ = ["ProposerAgent"]


class ProposerAgent(Agent[ProposalRequest]):
    role: Role = "proposer"
    accepts = ProposalRequest

    def reply(self, request: ProposalRequest, response: ChatResponse) -> AnyMessage:
        return Proposal(
            run_id=request.run_id,
            sender="proposer",
            recipient="supervisor",
            model_id=request.model_id,
            prompt_hash=request.prompt_hash,
            output_hash=sha256_prefixed(response.content.encode("utf-8")),
            proposal=parse_proposal(response.content),
            call=response.meta,
        )
