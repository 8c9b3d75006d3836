"""The actor loop both agents share: read the mailbox, answer the supervisor, stop on close."""

from __future__ import annotations

from abc import ABC, abstractmethod

import structlog
from anyio.abc import ObjectReceiveStream, ObjectSendStream

from orchestrator.core.calls import ChatRequest, ChatResponse, ModelClient, Role
from orchestrator.core.errors import PilotError, ProviderError
from orchestrator.core.mailbox import deliver, next_item
from orchestrator.core.messages import AnyMessage, RunFailed
from orchestrator.core.redaction import redact, redact_response

__all__ = ["Agent"]

log = structlog.get_logger()

# A provider that stopped for these reasons did not give a complete, usable answer.
_FAILED_FINISH = frozenset({"length", "content_filter"})


class Agent(ABC):
    """An actor with one mailbox; it only ever answers the supervisor."""

    role: Role

    def __init__(self, client: ModelClient, *, model_id: str) -> None:
        self.client = client
        self.model_id = model_id

    async def run(
        self, inbox: ObjectReceiveStream[AnyMessage], outbox: ObjectSendStream[AnyMessage]
    ) -> None:
        async with inbox, outbox:
            while (message := await next_item(inbox)) is not None:
                await deliver(outbox, await self.handle(message))

    @abstractmethod
    async def handle(self, message: AnyMessage) -> AnyMessage:
        """The reply to one message."""

    async def call_model(self, request: ChatRequest) -> ChatResponse:
        # Redacted here, at the edge, so every later copy (events, pack, hashes) is clean.
        response = redact_response(await self.client.complete(request, role=self.role))
        if response.meta.finish_reason in _FAILED_FINISH:
            raise ProviderError(
                f"{self.model_id} stopped with finish_reason {response.meta.finish_reason!r}; "
                "the answer is incomplete",
                model_id=self.model_id,
            )
        return response

    def failed(self, message: AnyMessage, exc: PilotError) -> RunFailed:
        log.warning("agent.failed", role=self.role, error=type(exc).__name__, detail=exc.message)
        return RunFailed(
            run_id=message.run_id,
            sender=self.role,
            recipient="supervisor",
            error=type(exc).__name__,
            # Error messages may quote a provider's answer; the pack only gets them redacted.
            detail=redact(exc.message)[0],
            exit_code=exc.exit_code,
        )

    def unexpected(self, message: AnyMessage) -> RunFailed:
        kind = type(message).__struct_config__.tag
        return RunFailed(
            run_id=message.run_id,
            sender=self.role,
            recipient="supervisor",
            error="UnexpectedMessage",
            detail=f"the {self.role} does not handle {kind} messages",
            exit_code=3,
        )
