"""The transcript store: recorded model exchanges in the seed system's fixture format.

A fixture is ``{transcript_id, recorded_at, scenario, runs: [...]}`` with sorted keys; each
run holds the request, the provider's raw Chat Completions response and metadata. Fixtures
never hold secrets: no headers are recorded at all.

Loading is strict: the JSON may not repeat a key or nest beyond the bound
(:mod:`orchestrator.core.strict_json`), and every recorded request is re-hashed with the
seed system's prompt hash (:func:`recorded_prompt_hash`); a stored ``prompt_hash`` that
does not match is a request edited after recording, and the fixture is refused (exit 1), as
is a fixture recording one request twice (replay could not tell which answer is recorded).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import msgspec
from msgspec import UNSET, UnsetType

from orchestrator.core.calls import (
    CallMeta,
    ChatMessage,
    ChatRequest,
    ChatResponse,
    Role,
    Usage,
    canonical_request,
)
from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.decoding import error_location
from orchestrator.core.errors import ConfigError, UsageError
from orchestrator.core.fileio import decode_utf8, read_bytes, write_new_file
from orchestrator.core.strict_json import StrictDecoder, StrictJsonError

__all__ = [
    "SEED_DEFAULTS",
    "CachedTokens",
    "ChatCompletion",
    "Choice",
    "CompletionMessage",
    "CompletionUsage",
    "ReasoningTokens",
    "RecordedRun",
    "RunMetadata",
    "Transcript",
    "load_transcript",
    "read_transcript",
    "recorded_prompt_hash",
    "recorded_request",
    "recorded_run",
    "response_from_completion",
    "write_transcript",
]

# The sampling parameters the seed system fixed and hashed, but did not always store.
SEED_DEFAULTS: Final[Mapping[str, float]] = {
    "top_p": 1.0,
    "frequency_penalty": 0.0,
    "presence_penalty": 0.0,
}
# The seed system stored its critic request with the proposal elided by this placeholder,
# but hashed the request it sent, with the proposer's answer in its place.
SEED_ELISION: Final = "[Proposer output included here]"


class RunMetadata(msgspec.Struct, frozen=True, kw_only=True):
    timestamp: str
    latency_ms: int


class CompletionMessage(msgspec.Struct, frozen=True, kw_only=True):
    """An answer's message; ``reasoning_content`` and ``refusal`` are absent (UNSET) unless
    the provider sent them."""

    content: str | None = None
    role: str = "assistant"
    reasoning_content: str | UnsetType | None = UNSET
    refusal: str | UnsetType | None = UNSET


class CachedTokens(msgspec.Struct, frozen=True, kw_only=True):
    """``prompt_tokens_details`` (Chat Completions), ``input_tokens_details`` (Responses)."""

    cached_tokens: int = 0


class ReasoningTokens(msgspec.Struct, frozen=True, kw_only=True):
    """``completion_tokens_details`` (Chat Completions), ``output_tokens_details`` (Responses)."""

    reasoning_tokens: int = 0


class CompletionUsage(msgspec.Struct, frozen=True, kw_only=True):
    """Usage as Chat Completions report it; DeepSeek names its cache hits differently.

    The details are absent (UNSET) unless known, so a recording without them keeps the
    seed system's flat ``usage``.
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    prompt_tokens_details: CachedTokens | UnsetType | None = UNSET
    completion_tokens_details: ReasoningTokens | UnsetType | None = UNSET
    prompt_cache_hit_tokens: int | UnsetType | None = UNSET

    def to_usage(self) -> Usage:
        cached: int | UnsetType = UNSET
        if isinstance(self.prompt_tokens_details, CachedTokens):
            cached = self.prompt_tokens_details.cached_tokens
        elif isinstance(self.prompt_cache_hit_tokens, int):
            cached = self.prompt_cache_hit_tokens
        reasoning: int | UnsetType = UNSET
        if isinstance(self.completion_tokens_details, ReasoningTokens):
            reasoning = self.completion_tokens_details.reasoning_tokens
        return Usage(
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            total_tokens=self.total_tokens,
            cached_tokens=cached,
            reasoning_tokens=reasoning,
        )

    @classmethod
    def of(cls, usage: Usage) -> CompletionUsage:
        """A call's usage as fixtures and packs record it."""
        cached, reasoning = usage.cached_tokens, usage.reasoning_tokens
        return cls(
            prompt_tokens=usage.prompt_tokens,
            completion_tokens=usage.completion_tokens,
            total_tokens=usage.total_tokens,
            prompt_tokens_details=CachedTokens(cached_tokens=cached)
            if isinstance(cached, int)
            else UNSET,
            completion_tokens_details=ReasoningTokens(reasoning_tokens=reasoning)
            if isinstance(reasoning, int)
            else UNSET,
        )


class Choice(msgspec.Struct, frozen=True, kw_only=True):
    message: CompletionMessage
    finish_reason: str | None = None


class ChatCompletion(msgspec.Struct, frozen=True, kw_only=True):
    """The parts of an OpenAI-compatible Chat Completions response the pilot reads and keeps."""

    id: str
    choices: tuple[Choice, ...]
    usage: CompletionUsage = CompletionUsage()
    model: str | None = None
    system_fingerprint: str | None = None


class RecordedRun(msgspec.Struct, frozen=True, kw_only=True):
    """One recorded exchange: the canonical request as hashed, and the provider's answer."""

    run_id: str
    role: Role
    model_id: str
    prompt_hash: str
    request: dict[str, Any]
    response: ChatCompletion
    metadata: RunMetadata


class Transcript(msgspec.Struct, frozen=True, kw_only=True, omit_defaults=True):
    """A fixture, or a pack's ``transcript.json`` (which names the fixture it replayed)."""

    transcript_id: str
    recorded_at: str
    scenario: str
    runs: tuple[RecordedRun, ...]
    generator: str | None = None
    source_transcript_id: str | UnsetType | None = UNSET


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
            reasoning_content=choice.message.reasoning_content or None,
        ),
    )


def recorded_run(
    *,
    role: Role,
    request: ChatRequest,
    model_id: str,
    prompt_hash: str,
    content: str,
    meta: CallMeta,
    timestamp: str,
) -> RecordedRun:
    """One exchange as fixtures and packs record it: canonical request, Chat Completions answer."""
    message = CompletionMessage(
        content=content,
        reasoning_content=meta.reasoning_content if meta.reasoning_content is not None else UNSET,
    )
    return RecordedRun(
        run_id=meta.call_id,
        role=role,
        model_id=model_id,
        prompt_hash=prompt_hash,
        request=canonical_request(request),
        response=ChatCompletion(
            id=meta.response_id,
            model=meta.model,
            choices=(Choice(finish_reason=meta.finish_reason, message=message),),
            usage=CompletionUsage.of(meta.usage),
            system_fingerprint=meta.system_fingerprint,
        ),
        metadata=RunMetadata(timestamp=timestamp, latency_ms=meta.latency_ms),
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


_transcript_decoder = StrictDecoder(Transcript)


def load_transcript(path: Path) -> Transcript:
    return read_transcript(path)[0]


def read_transcript(path: Path) -> tuple[Transcript, str]:
    """The transcript and the sha256 of exactly the bytes it was decoded from."""
    data = read_bytes(path, what="fixture")
    text = decode_utf8(data, path=path, what="fixture")
    try:
        transcript = _transcript_decoder.decode(text)
    except msgspec.ValidationError as exc:
        where, message = error_location(exc)
        raise ConfigError(
            f"fixture {path} is not a valid transcript: field {where.lstrip('.')}: {message}",
            path=path,
        ) from exc
    except (StrictJsonError, msgspec.DecodeError) as exc:
        raise ConfigError(f"fixture {path} is not a valid transcript: {exc}", path=path) from exc
    for index, run in enumerate(transcript.runs):
        if not run.response.choices:
            raise ConfigError(f"fixture {path}: runs[{index}].response has no choices", path=path)
    for index in range(len(transcript.runs)):
        _check_prompt_hash(path, transcript, index)
    _check_one_answer_per_request(path, transcript)
    return transcript, sha256_prefixed(data)


def recorded_prompt_hash(request: Mapping[str, Any]) -> str:
    """The seed system's prompt hash of a request as a fixture stores it.

    SHA-256 over ``json.dumps(request, sort_keys=True)`` with the fixed sampling defaults
    filled in where the seed left them out (SPEC §7). For a request the pilot recorded this
    is :func:`orchestrator.core.calls.prompt_hash` of the request it sent, byte for byte.
    """
    canonical = {**SEED_DEFAULTS, **request}
    return sha256_prefixed(json.dumps(canonical, sort_keys=True).encode("ascii"))


def _check_prompt_hash(path: Path, transcript: Transcript, index: int) -> None:
    run = transcript.runs[index]
    try:
        actual = recorded_prompt_hash(run.request)
    except (TypeError, ValueError) as exc:
        raise ConfigError(
            f"fixture {path}: runs[{index}] (run id {run.run_id}): the request cannot be "
            f"hashed: {exc}",
            path=path,
        ) from exc
    if actual == run.prompt_hash or run.prompt_hash in _unelided_hashes(transcript, run):
        return
    raise ConfigError(
        f"fixture {path}: runs[{index}] (run id {run.run_id}): the stored prompt_hash "
        f"{run.prompt_hash} does not match its request, which hashes to {actual}; "
        "the request was changed after recording",
        path=path,
    )


def _check_one_answer_per_request(path: Path, transcript: Transcript) -> None:
    """Replay looks answers up by prompt hash: two runs under one hash leave the answer to
    the order of the file, so such a fixture is refused rather than one of them chosen."""
    first: dict[str, int] = {}
    for index, run in enumerate(transcript.runs):
        earlier = first.setdefault(run.prompt_hash, index)
        if earlier != index:
            raise ConfigError(
                f"fixture {path}: runs[{earlier}] (run id {transcript.runs[earlier].run_id}) "
                f"and runs[{index}] (run id {run.run_id}) record the same request (prompt_hash "
                f"{run.prompt_hash}); a replay could not tell which answer is the recorded one",
                path=path,
            )


def _unelided_hashes(transcript: Transcript, run: RecordedRun) -> set[str]:
    """The hashes of a seed critic request with each recorded proposal put back in place."""
    messages = run.request.get("messages")
    if run.role != "critic" or not isinstance(messages, list) or not messages:
        return set()
    last = messages[-1]
    content = last.get("content") if isinstance(last, dict) else None
    if not isinstance(content, str) or not content.endswith(SEED_ELISION):
        return set()
    hashes: set[str] = set()
    for proposer in transcript.runs:
        if proposer.role != "proposer":
            continue
        answer = proposer.response.choices[0].message.content
        restored = {**last, "content": content[: -len(SEED_ELISION)] + (answer or "")}
        request = {**run.request, "messages": [*messages[:-1], restored]}
        hashes.add(recorded_prompt_hash(request))
    return hashes


def write_transcript(path: Path, transcript: Transcript) -> None:
    """Write a fixture with sorted keys; an existing file is never overwritten."""
    write_new_file(path, encode_pretty(transcript), what="fixture", mode=0o644, error=UsageError)
