"""A recording wrapper: forwards every call and keeps the exchange as a transcript run."""

from __future__ import annotations

from clients.transcripts import RecordedRun, Transcript, recorded_run
from orchestrator.core.calls import (
    ChatRequest,
    ChatResponse,
    ModelClient,
    Role,
    prompt_hash,
)
from orchestrator.core.clock import Clock
from orchestrator.core.redaction import redact_response

__all__ = ["RecordingClient"]


class RecordingClient:
    """A :class:`ModelClient` that records what the wrapped client answered."""

    def __init__(self, inner: ModelClient, *, clock: Clock) -> None:
        self.inner = inner
        self.clock = clock
        self.runs: list[RecordedRun] = []

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        # Fixtures are written to disk and shared: they only ever hold redacted answers.
        response = redact_response(await self.inner.complete(request, role=role))
        self.runs.append(
            recorded_run(
                role=role,
                request=request,
                model_id=request.model,
                prompt_hash=prompt_hash(request),
                content=response.content,
                meta=response.meta,
                timestamp=self.clock.now().isoformat(),
            )
        )
        return response

    def transcript(
        self, *, transcript_id: str, scenario: str, generator: str | None = None
    ) -> Transcript:
        return Transcript(
            transcript_id=transcript_id,
            recorded_at=self.clock.now().isoformat(),
            scenario=scenario,
            runs=tuple(self.runs),
            generator=generator,
        )
