"""A recording wrapper: forwards every call and keeps the exchange as a transcript run."""

from __future__ import annotations

from pathlib import Path

import msgspec

from clients.transcripts import RecordedRun, RunMetadata, Transcript
from orchestrator.core.calls import (
    ChatRequest,
    ChatResponse,
    ModelClient,
    Role,
    Usage,
    canonical_request,
    prompt_hash,
)
from orchestrator.core.canonical import encode_pretty
from orchestrator.core.clock import Clock
from orchestrator.core.errors import UsageError
from orchestrator.core.fileio import write_new_file
from orchestrator.core.redaction import redact_response

__all__ = ["RecordingClient", "completion_payload", "completion_usage", "write_transcript"]


def completion_usage(usage: Usage) -> dict[str, object]:
    """Usage in Chat Completions shape; cache and reasoning counts only where known."""
    payload: dict[str, object] = {
        "prompt_tokens": usage.prompt_tokens,
        "completion_tokens": usage.completion_tokens,
        "total_tokens": usage.total_tokens,
    }
    if usage.cached_tokens is not msgspec.UNSET:
        payload["prompt_tokens_details"] = {"cached_tokens": usage.cached_tokens}
    if usage.reasoning_tokens is not msgspec.UNSET:
        payload["completion_tokens_details"] = {"reasoning_tokens": usage.reasoning_tokens}
    return payload


def completion_payload(response: ChatResponse) -> dict[str, object]:
    """The response in Chat Completions shape, as fixtures store it."""
    meta = response.meta
    message: dict[str, object] = {"role": "assistant", "content": response.content}
    if meta.reasoning_content is not None:
        message["reasoning_content"] = meta.reasoning_content
    payload: dict[str, object] = {
        "id": meta.response_id,
        "model": meta.model,
        "choices": [{"finish_reason": meta.finish_reason, "message": message}],
        "usage": completion_usage(meta.usage),
    }
    if meta.system_fingerprint is not None:
        payload["system_fingerprint"] = meta.system_fingerprint
    return payload


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
            RecordedRun(
                run_id=response.meta.call_id,
                role=role,
                model_id=request.model,
                prompt_hash=prompt_hash(request),
                request=canonical_request(request),
                response=completion_payload(response),
                metadata=RunMetadata(
                    timestamp=self.clock.now().isoformat(), latency_ms=response.meta.latency_ms
                ),
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


def write_transcript(path: Path, transcript: Transcript) -> None:
    """Write a fixture with sorted keys; an existing file is never overwritten."""
    write_new_file(path, encode_pretty(transcript), what="fixture", mode=0o644, error=UsageError)
