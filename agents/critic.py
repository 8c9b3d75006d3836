"""The Critic: an independent model reviews one proposal it receives from the supervisor."""

from __future__ import annotations

from agents.base import Agent
from agents.parsing import parse_critique
from orchestrator.core.calls import Role
from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.errors import PilotError
from orchestrator.core.messages import AnyMessage, Critique, CritiqueRequest

__all__ = ["CriticAgent"]


class CriticAgent(Agent):
    role: Role = "critic"

    async def handle(self, message: AnyMessage) -> AnyMessage:
        if not isinstance(message, CritiqueRequest):
            return self.unexpected(message)
        try:
            response = await self.call_model(message.request)
        except PilotError as exc:
            return self.failed(message, exc)
        parsed = parse_critique(response.content)
        return Critique(
            run_id=message.run_id,
            sender="critic",
            recipient="supervisor",
            model_id=message.model_id,
            prompt_hash=message.prompt_hash,
            output_hash=sha256_prefixed(response.content.encode("utf-8")),
            content=response.content,
            format=parsed.format,
            body=parsed.body,
            parse_error=parsed.error,
            call=response.meta,
        )
