"""The transcript store: recorded model exchanges in the seed system's fixture format.

A fixture is ``{transcript_id, recorded_at, scenario, runs: [...]}`` with sorted keys; each
run holds the request, the provider's raw Chat Completions response and metadata. Fixtures
never hold secrets: no headers are recorded at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import msgspec

from orchestrator.core.calls import CallMeta, ChatMessage, ChatRequest, ChatResponse, Role, Usage
from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.errors import ConfigError
from orchestrator.core.fileio import read_bytes

__all__ = [
    "CachedTokens",
    "ChatCompletion",
    "CompletionUsage",
    "ReasoningTokens",
    "RecordedRun",
    "RunMetadata",
    "Transcript",
    "load_transcript",
    "read_transcript",
    "recorded_request",
    "response_from_completion",
]


class RunMetadata(msgspec.Struct, frozen=True, kw_only=True):
    timestamp: str
    latency_ms: int


class RecordedRun(msgspec.Struct, frozen=True, kw_only=True):
    run_id: str
    role: Role
    model_id: str
    prompt_hash: str
    request: dict[str, Any]
    response: dict[str, Any]
    metadata: RunMetadata


class Transcript(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    transcript_id: str
    recorded_at: str
    scenario: str
    runs: tuple[RecordedRun, ...]
    generator: str | None = None


class _CompletionMessage(msgspec.Struct, frozen=True, kw_only=True):
    content: str | None = None
    role: str = "assistant"
    reasoning_content: str | None = None
    refusal: str | None = None


class CachedTokens(msgspec.Struct, frozen=True, kw_only=True):
    """``prompt_tokens_details`` (Chat Completions), ``input_tokens_details`` (Responses)."""

    cached_tokens: int = 0


class ReasoningTokens(msgspec.Struct, frozen=True, kw_only=True):
    """``completion_tokens_details`` (Chat Completions), ``output_tokens_details`` (Responses)."""

    reasoning_tokens: int = 0


class CompletionUsage(msgspec.Struct, frozen=True, kw_only=True):
    """Usage as Chat Completions report it; DeepSeek names its cache hits differently."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    prompt_tokens_details: CachedTokens | None = None
    completion_tokens_details: ReasoningTokens | None = None
    prompt_cache_hit_tokens: int | None = None

    def to_usage(self) -> Usage:
        cached: int | msgspec.UnsetType = msgspec.UNSET
        if self.prompt_tokens_details is not None:
            cached = self.prompt_tokens_details.cached_tokens
        elif self.prompt_cache_hit_tokens is not None:
            cached = self.prompt_cache_hit_tokens
        reasoning: int | msgspec.UnsetType = msgspec.UNSET
        if self.completion_tokens_details is not None:
            reasoning = self.completion_tokens_details.reasoning_tokens
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            total_tokens=self.total_tokens,
            cached_tokens=cached,
            reasoning_tokens=reasoning,
        )


class _Choice(msgspec.Struct, frozen=True, kw_only=True):
    message: _CompletionMessage
    finish_reason: str | None = None


class ChatCompletion(msgspec.Struct, frozen=True, kw_only=True):
    """The parts of an OpenAI-compatible Chat Completions response the pilot reads."""

    id: str
    choices: tuple[_Choice, ...]
    usage: CompletionUsage = CompletionUsage()
    model: str | None = None
    system_fingerprint: str | None = None


def response_from_completion(
    completion: ChatCompletion, *, call_id: str, fallback_model: str, latency_ms: int
) -> ChatResponse:
    """The provider-neutral response of a decoded completion (first choice)."""
    choice = completion.choices[0]
    return ChatResponse(
        content=choice.message.content or "",
        meta=CallMeta(
            call_id=call_id,
            response_id=completion.id,
            model=completion.model or fallback_model,
            finish_reason=choice.finish_reason or "unknown",
            usage=completion.usage.to_usage(),
            latency_ms=latency_ms,
            system_fingerprint=completion.system_fingerprint,
            reasoning_content=choice.message.reasoning_content,
        ),
    )


def recorded_request(run: RecordedRun) -> ChatRequest:
    """The request a recorded run answered, from its canonical form (same prompt hash)."""
    canonical = run.request
    return ChatRequest(
        model=canonical["model"],
        messages=tuple(
            ChatMessage(role=m["role"], content=m["content"]) for m in canonical["messages"]
        ),
        temperature=canonical["temperature"],
        max_tokens=canonical["max_tokens"],
        response_format=canonical.get("response_format"),
    )


_transcript_decoder = msgspec.json.Decoder(Transcript)


def load_transcript(path: Path) -> Transcript:
    return read_transcript(path)[0]


def read_transcript(path: Path) -> tuple[Transcript, str]:
    """The transcript and the sha256 of exactly the bytes it was decoded from."""
    data = read_bytes(path, what="fixture")
    try:
        transcript = _transcript_decoder.decode(data)
    except msgspec.DecodeError as exc:
        raise ConfigError(f"fixture {path} is not a valid transcript: {exc}", path=path) from exc
    for index, run in enumerate(transcript.runs):
        try:
            completion = msgspec.convert(run.response, ChatCompletion)
        except msgspec.ValidationError as exc:
            raise ConfigError(
                f"fixture {path}: runs[{index}].response is not a chat completion: {exc}",
                path=path,
            ) from exc
        if not completion.choices:
            raise ConfigError(f"fixture {path}: runs[{index}].response has no choices", path=path)
    return transcript, sha256_prefixed(data)
