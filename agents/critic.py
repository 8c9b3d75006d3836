"""The Critic: an independent model reviews one proposal it receives from the supervisor."""

from __future__ import annotations

from agents.base import Agent
from agents.parsing import parse_critique
from orchestrator.core.calls import ChatResponse, Role
from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.messages import AnyMessage, Critique, CritiqueRequest

__all__ = ["CriticAgent"]


class CriticAgent(Agent[CritiqueRequest]):
    role: Role = "critic"
    accepts = CritiqueRequest

    def reply(self, request: CritiqueRequest, response: ChatResponse) -> AnyMessage:
        parsed = parse_critique(response.content)
        return Critique(
            run_id=request.run_id,
            sender="critic",
            recipient="supervisor",
            model_id=request.model_id,
            prompt_hash=request.prompt_hash,
            output_hash=sha256_prefixed(response.content.encode("utf-8")),
            content=response.content,
            format=parsed.format,
            body=parsed.body,
            parse_error=parsed.error,
            call=response.meta,
        )
