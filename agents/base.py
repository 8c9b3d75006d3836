"""What both agents share: the actor loop and the one way a request becomes a reply.

An agent reads its mailbox, answers each request into the supervisor's inbox, and stops when
the mailbox closes. :meth:`Agent.handle` is a template method: check the request's kind,
call the model (redacting the answer at this edge), turn a failure into ``RunFailed``, and
let the role say what its reply is (:meth:`Agent.reply`).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Generic, TypeVar

import structlog
from anyio.abc import ObjectReceiveStream

from orchestrator.core.calls import ChatRequest, ChatResponse, ModelClient, Role
from orchestrator.core.errors import PilotError, ProviderError, RuntimeFailure
from orchestrator.core.mailbox import Supervision, next_item
from orchestrator.core.messages import AnyMessage, CritiqueRequest, ProposalRequest, RunFailed
from orchestrator.core.redaction import redact, redact_response

__all__ = ["Agent"]

log = structlog.get_logger()

# A provider that stopped for these reasons did not give a complete, usable answer.
_FAILED_FINISH = frozenset({"length", "content_filter"})

Request = TypeVar("Request", ProposalRequest, CritiqueRequest)


class Agent(ABC, Generic[Request]):
    """An actor with one mailbox; it only ever answers the supervisor."""

    role: Role
    accepts: type[Request]

    def __init__(self, client: ModelClient, *, model_id: str) -> None:
        self.client = client
        self.model_id = model_id

    async def run(self, inbox: ObjectReceiveStream[AnyMessage], supervisor: Supervision) -> None:
        """Answer every request in the mailbox to the supervisor, until the mailbox closes."""
        async with inbox:
            while (message := await next_item(inbox)) is not None:
                await supervisor.submit(await self.handle(message))

    async def handle(self, message: AnyMessage) -> AnyMessage:
        """The reply to one message: the role's answer, or why there is none."""
        if not isinstance(message, self.accepts):
            return self.unexpected(message)
        try:
            response = await self.call_model(message.request)
        except PilotError as exc:
            return self.failed(message, exc)
        return self.reply(message, response)

    @abstractmethod
    def reply(self, request: Request, response: ChatResponse) -> AnyMessage:
        """The role's message for a (redacted, complete) model answer to ``request``."""

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
            exit_code=RuntimeFailure.exit_code,
        )
