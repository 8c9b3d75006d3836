"""The wire-independent shape of one model call, and the protocol every client implements."""

from __future__ import annotations

import json
import math
from typing import Any, Final, Literal, Protocol

import msgspec

from orchestrator.core.canonical import sha256_prefixed

__all__ = [
    "CallMeta",
    "ChatMessage",
    "ChatRequest",
    "ChatResponse",
    "ModelClient",
    "Role",
    "Usage",
    "canonical_request",
    "canonical_text",
    "prompt_hash",
    "structured_output",
]

Role = Literal["proposer", "critic"]


class ChatMessage(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    role: str
    content: str


class ChatRequest(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One chat request as the agents build it; ``model`` is the registry model id."""

    model: str
    messages: tuple[ChatMessage, ...]
    temperature: float
    max_tokens: int
    response_format: dict[str, Any] | None = None


class Usage(msgspec.Struct, frozen=True, kw_only=True):
    """Tokens a call used, as the provider reported them.

    ``cached_tokens`` (of the prompt) and ``reasoning_tokens`` (of the completion) are only
    known for live calls; while unset they are left out of every encoding, so packs and
    fixtures written before they existed re-encode byte for byte.
    """

    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    cached_tokens: int | msgspec.UnsetType = msgspec.UNSET
    reasoning_tokens: int | msgspec.UnsetType = msgspec.UNSET


class CallMeta(msgspec.Struct, frozen=True, kw_only=True):
    """Everything recorded about one answered call except its content.

    ``call_id`` is the id of the call in the transcript (the fixture's ``run_id`` in replay);
    ``model`` is the model name the provider says answered (version pinning, drift);
    ``redactions`` counts the secrets replaced in the answer before anything stored it.
    ``attempts`` (requests sent, retries included) and ``cost_usd`` (the settled cost in the
    budget ledger) are only known for live calls and, while unset, are not encoded at all.
    """

    call_id: str
    response_id: str
    model: str
    finish_reason: str
    usage: Usage
    latency_ms: int
    system_fingerprint: str | None = None
    reasoning_content: str | None = None
    redactions: int = 0
    attempts: int | msgspec.UnsetType = msgspec.UNSET
    cost_usd: float | msgspec.UnsetType = msgspec.UNSET


class ChatResponse(msgspec.Struct, frozen=True, kw_only=True):
    """What a client returns, whatever the mode."""

    content: str
    meta: CallMeta


class ModelClient(Protocol):
    """A source of model answers; agents get one injected and do not know the mode."""

    async def complete(self, request: ChatRequest, *, role: Role) -> ChatResponse: ...


def canonical_request(request: ChatRequest) -> dict[str, Any]:
    """The request fields a prompt hash covers, in the seed system's layout.

    The seed system fixed ``top_p``, ``frequency_penalty`` and ``presence_penalty``; they are
    part of the hash so its recorded fixtures replay unchanged. ``response_format`` is only
    present when a structured output is asked for.
    """
    canonical: dict[str, Any] = {
        "model": request.model,
        "messages": [{"role": m.role, "content": m.content} for m in request.messages],
        "temperature": request.temperature,
        "max_tokens": request.max_tokens,
        "top_p": 1.0,
        "frequency_penalty": 0.0,
        "presence_penalty": 0.0,
    }
    if request.response_format is not None:
        canonical["response_format"] = request.response_format
    return canonical


def prompt_hash(request: ChatRequest) -> str:
    """``sha256:<hex>`` over the canonical request, byte-compatible with the seed system.

    The seed system hashed ``json.dumps(..., sort_keys=True)`` with its default separators
    and ASCII escaping; msgspec's compact output differs, so this one hash uses the stdlib.

    A run hashes each of its requests twice, when it plans the request and when the model
    client looks it up or records it: the second time is answered from a small cache of
    the latest requests, by identity (requests are frozen), so the same object is never
    serialised and hashed again.
    """
    cached = _hash_cache.get(id(request))
    if cached is not None and cached[0] is request:
        return cached[1]
    digest = sha256_prefixed(canonical_text(request).encode("ascii"))
    if len(_hash_cache) >= _HASH_CACHE_SIZE:
        _hash_cache.clear()  # at worst a request in flight is hashed once more
    # The entry keeps its request alive, so its id is never reused by another object.
    _hash_cache[id(request)] = (request, digest)
    return digest


# Enough for the requests of every run a batch has in flight at once.
_HASH_CACHE_SIZE: Final = 64
_hash_cache: dict[int, tuple[ChatRequest, str]] = {}


def canonical_text(request: ChatRequest) -> str:
    """Exactly ``json.dumps(canonical_request(request), sort_keys=True)``, made faster.

    The keys are few and fixed, so the text is a template in sorted-key order; strings are
    escaped by the very function ``json.dumps`` uses (``ensure_ascii``), numbers formatted as
    it formats them. A structured-output schema is several kilobytes and the same for every
    request of a kind: its text is computed once per schema object (or given with
    :func:`structured_output`). A property test holds this to ``json.dumps``.
    """
    messages = ", ".join(
        f'{{"content": {_string(m.content)}, "role": {_string(m.role)}}}' for m in request.messages
    )
    response_format = (
        ""
        if request.response_format is None
        else f', "response_format": {_format_json(request.response_format)}'
    )
    return (
        f'{{"frequency_penalty": 0.0, "max_tokens": {_number(request.max_tokens)}, '
        f'"messages": [{messages}], "model": {_string(request.model)}, '
        f'"presence_penalty": 0.0{response_format}, '
        f'"temperature": {_number(request.temperature)}, "top_p": 1.0}}'
    )


# The C escaper json.dumps itself uses for ensure_ascii=True.
_escape_ascii: Final = json.encoder.encode_basestring_ascii


def _string(text: str) -> str:
    """``text`` as ``json.dumps`` writes it with ``ensure_ascii``.

    An ASCII text without DEL is written by msgspec's encoder, at a fraction of the cost
    (the critic's request embeds the whole proposal): for those characters it escapes
    exactly what ``json.dumps`` escapes, the same way ("\\n", "\\u001f"), and DEL is the
    one ASCII character ``json.dumps`` escapes and msgspec does not. Anything else goes
    through ``json.dumps``'s own escaper. A test holds both to it for every ASCII character.
    """
    if text.isascii() and "\x7f" not in text:
        return msgspec.json.encode(text).decode("ascii")
    return _escape_ascii(text)


def _number(value: float) -> str:
    # json.dumps writes finite floats with float.__repr__ and ints with int.__repr__;
    # anything else (NaN, infinities, subclasses) goes through json.dumps itself.
    kind = type(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and math.isfinite(value):
        return float.__repr__(value)
    return json.dumps(value)


_format_cache: dict[int, tuple[dict[str, Any], str]] = {}


def structured_output(response_format: dict[str, Any], text: str) -> dict[str, Any]:
    """Remember ``text`` as the sorted-key JSON of ``response_format`` (a shipped schema's
    text, already in that form) and return the dict; it must never be mutated."""
    _format_cache[id(response_format)] = (response_format, text)
    return response_format


def _format_json(response_format: dict[str, Any]) -> str:
    # Keyed by identity, checked by identity: schema dicts are built once and never mutated.
    cached = _format_cache.get(id(response_format))
    if cached is not None and cached[0] is response_format:
        return cached[1]
    text = json.dumps(response_format, sort_keys=True)
    if len(_format_cache) < 64:
        _format_cache[id(response_format)] = (response_format, text)
    return text
