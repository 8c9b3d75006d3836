"""The Proposer: asks its model for the market outlook and parses the answer at the edge."""

from __future__ import annotations

from agents.base import Agent
from agents.parsing import parse_proposal
from orchestrator.core.calls import Role
from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.errors import PilotError
from orchestrator.core.messages import AnyMessage, Proposal, ProposalRequest

__all__ = ["ProposerAgent"]


class ProposerAgent(Agent):
    role: Role = "proposer"

    async def handle(self, message: AnyMessage) -> AnyMessage:
        if not isinstance(message, ProposalRequest):
            return self.unexpected(message)
        try:
            response = await self.call_model(message.request)
        except PilotError as exc:
            return self.failed(message, exc)
        return Proposal(
            run_id=message.run_id,
            sender="proposer",
            recipient="supervisor",
            model_id=message.model_id,
            prompt_hash=message.prompt_hash,
            output_hash=sha256_prefixed(response.content.encode("utf-8")),
            proposal=parse_proposal(response.content),
            call=response.meta,
        )
