"""What goes over the wire: request bodies per API and dialect, and the answers decoded back.

The prompt hash covers the seed-compatible canonical request (:func:`prompt_hash`); the
body a provider receives is derived from the same :class:`ChatRequest` here, per model:

- **OpenAI Chat Completions** (``POST /chat/completions``): ``max_completion_tokens`` (the
  replacement of the deprecated ``max_tokens``, and the only one reasoning models accept)
  and ``response_format`` as asked for.
- **OpenAI Responses** (``POST /responses``): the messages as ``input``, ``max_output_tokens``,
  the structured output as ``text.format``, and ``store: false`` (the Responses API keeps
  responses server-side by default; an audited product does not leave copies behind).
- **DeepSeek** (its variant of Chat Completions): ``max_tokens``, ``thinking`` when the
  registry switches it, and JSON mode (``response_format: {"type": "json_object"}``) as its
  only structured output: the JSON schema goes into the system prompt instead.

Only the sampling parameters a model accepts are sent (``ModelEntry.accepted_sampling``).
:func:`rebuild_request` inverts the body back into the canonical request (the fake provider
looks answers up by prompt hash); a parameter the body does not carry is a *hole*, filled
from each recorded candidate in turn.

Answers are decoded by typed msgspec decoders that ignore fields they do not know.
"""

from __future__ import annotations

import functools
import json
from typing import Any, Final, Literal, NamedTuple

import msgspec

from clients.transcripts import (
    CachedTokens,
    ChatCompletion,
    ReasoningTokens,
    response_from_completion,
)
from orchestrator.core.calls import (
    CallMeta,
    ChatMessage,
    ChatRequest,
    ChatResponse,
    Usage,
    canonical_request,
)
from orchestrator.core.config import ModelEntry
from orchestrator.core.errors import ProviderError
from orchestrator.core.redaction import redact

__all__ = [
    "SCHEMA_INSTRUCTION",
    "Decoded",
    "Hole",
    "RebuiltRequest",
    "ResponseObject",
    "build_body",
    "decode_answer",
    "encode_body",
    "endpoint_path",
    "fill_holes",
    "rebuild_request",
    "unusable",
    "worst_case_usd",
]

Hole = Literal["temperature", "strict"]

# DeepSeek has no json_schema mode: the schema is appended to the system prompt after this
# sentence, and the fake provider finds it there again. It says "JSON" on purpose: DeepSeek's
# JSON mode requires the word in the prompt.
SCHEMA_INSTRUCTION: Final = "\n\nAnswer with one JSON object that conforms to the JSON schema "

_encoder = msgspec.json.Encoder()
_SHOWN = 200


def endpoint_path(model: ModelEntry) -> str:
    """The path under the provider's base URL that serves the model's API."""
    return "/responses" if model.api == "responses" else "/chat/completions"


def encode_body(body: dict[str, Any]) -> bytes:
    return _encoder.encode(body)


def worst_case_usd(request: ChatRequest, model: ModelEntry, body: bytes | None = None) -> float:
    """The most one request to ``model`` can cost: an upper bound, not an estimate.

    Every token is at least one byte, so the encoded body (messages, the schema, JSON
    syntax) bounds the prompt's tokens, and ``max_tokens`` bounds the answer's. ``body`` is
    the encoded body when the caller has it. A model without a price raises
    ``BudgetExhausted``: it fails closed.
    """
    sent = body if body is not None else encode_body(build_body(request, model))
    return model.cost(len(sent), request.max_tokens)


def build_body(request: ChatRequest, model: ModelEntry) -> dict[str, Any]:
    """The request body for ``model``'s API and dialect; ``request.model`` is the registry id."""
    if model.api == "responses":
        return _responses_body(request, model)
    if model.wire_dialect == "deepseek":
        return _deepseek_body(request, model)
    return _chat_body(request, model)


def _sampling(request: ChatRequest, model: ModelEntry) -> dict[str, Any]:
    canonical = canonical_request(request)
    return {name: canonical[name] for name in model.accepted_sampling}


def _messages(messages: tuple[ChatMessage, ...]) -> list[dict[str, str]]:
    return [{"role": m.role, "content": m.content} for m in messages]


def _chat_body(request: ChatRequest, model: ModelEntry) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model.wire_model,
        "messages": _messages(request.messages),
        "max_completion_tokens": request.max_tokens,
        **_sampling(request, model),
    }
    if request.response_format is not None:
        body["response_format"] = request.response_format
    return body


def _deepseek_body(request: ChatRequest, model: ModelEntry) -> dict[str, Any]:
    messages = request.messages
    body: dict[str, Any] = {"model": model.wire_model, "max_tokens": request.max_tokens}
    body.update(_sampling(request, model))
    if request.response_format is not None:
        body["response_format"] = {"type": "json_object"}
        if request.response_format.get("type") == "json_schema":
            messages = _with_schema_instruction(messages, request.response_format["json_schema"])
    body["messages"] = _messages(messages)
    if model.thinking is not msgspec.UNSET:
        body["thinking"] = {"type": "enabled" if model.thinking else "disabled"}
    return body


def _with_schema_instruction(
    messages: tuple[ChatMessage, ...], json_schema: dict[str, Any]
) -> tuple[ChatMessage, ...]:
    schema = json.dumps(json_schema["schema"], sort_keys=True)
    instruction = f"{SCHEMA_INSTRUCTION}{json.dumps(json_schema['name'])}:\n{schema}"
    if messages and messages[0].role == "system":
        first = ChatMessage(role="system", content=messages[0].content + instruction)
        return (first, *messages[1:])
    return (ChatMessage(role="system", content=instruction.lstrip("\n")), *messages)


def _responses_body(request: ChatRequest, model: ModelEntry) -> dict[str, Any]:
    body: dict[str, Any] = {
        "model": model.wire_model,
        "input": [{"type": "message", **m} for m in _messages(request.messages)],
        "max_output_tokens": request.max_tokens,
        "store": False,
        **_sampling(request, model),
    }
    if request.response_format is not None:
        body["text"] = {"format": _text_format(request.response_format)}
    return body


def _text_format(response_format: dict[str, Any]) -> dict[str, Any]:
    # Chat Completions nests the schema under "json_schema"; Responses flattens it.
    if response_format.get("type") == "json_schema":
        return {"type": "json_schema", **response_format["json_schema"]}
    return dict(response_format)


# --- the inverse, for the fake provider -------------------------------------------------


class RebuiltRequest(NamedTuple):
    """The canonical request a body was built from, with the parameters it does not carry."""

    request: ChatRequest
    holes: frozenset[Hole]


def rebuild_request(
    path: str, body: dict[str, Any], model_ids: dict[str, str] | None = None
) -> RebuiltRequest:
    """The :class:`ChatRequest` behind a body sent to ``path``; ``model_ids`` maps wire names.

    Raises ``ValueError`` (naming the field) when the body is not one this module builds.
    """
    wire_model = _field(body, "model", str)
    model = (model_ids or {}).get(wire_model, wire_model)
    holes: set[Hole] = set()
    if "temperature" not in body:
        holes.add("temperature")
    temperature = float(body.get("temperature", 0.0))
    if path.endswith("/responses"):
        messages = tuple(
            ChatMessage(role=_field(m, "role", str), content=_field(m, "content", str))
            for m in _field(body, "input", list)
        )
        max_tokens = _field(body, "max_output_tokens", int)
        text_format = body.get("text", {}).get("format")
        response_format = _chat_format(text_format) if text_format else None
    else:
        messages = tuple(
            ChatMessage(role=_field(m, "role", str), content=_field(m, "content", str))
            for m in _field(body, "messages", list)
        )
        max_tokens = body.get("max_completion_tokens", body.get("max_tokens"))
        if not isinstance(max_tokens, int):
            raise ValueError("field max_completion_tokens (or max_tokens): an integer is required")
        response_format = body.get("response_format")
        if response_format == {"type": "json_object"}:
            messages, found = _without_schema_instruction(messages)
            if found is not None:
                response_format = found
                holes.add("strict")
    request = ChatRequest(
        model=model,
        messages=messages,
        temperature=temperature,
        max_tokens=max_tokens,
        response_format=response_format,
    )
    return RebuiltRequest(request=request, holes=frozenset(holes))


def fill_holes(rebuilt: RebuiltRequest, recorded: dict[str, Any]) -> ChatRequest:
    """The rebuilt request with its holes taken from a recorded canonical request."""
    request = rebuilt.request
    if "temperature" in rebuilt.holes and isinstance(recorded.get("temperature"), int | float):
        request = msgspec.structs.replace(request, temperature=recorded["temperature"])
    recorded_format = recorded.get("response_format")
    if "strict" in rebuilt.holes and isinstance(recorded_format, dict):
        strict = recorded_format.get("json_schema", {}).get("strict")
        if strict is not None and request.response_format is not None:
            json_schema = {**request.response_format["json_schema"], "strict": strict}
            fmt = {**request.response_format, "json_schema": json_schema}
            request = msgspec.structs.replace(request, response_format=fmt)
    return request


def _field(body: dict[str, Any], name: str, kind: type[Any]) -> Any:
    value = body.get(name) if isinstance(body, dict) else None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise ValueError(f"field {name}: a {kind.__name__} is required")
    return value


def _chat_format(text_format: dict[str, Any]) -> dict[str, Any]:
    if text_format.get("type") != "json_schema":
        return dict(text_format)
    json_schema = {k: v for k, v in text_format.items() if k != "type"}
    return {"type": "json_schema", "json_schema": json_schema}


def _without_schema_instruction(
    messages: tuple[ChatMessage, ...],
) -> tuple[tuple[ChatMessage, ...], dict[str, Any] | None]:
    if not messages or messages[0].role != "system":
        return messages, None
    # JSON escapes newlines, so the last real blank line before the sentence is ours.
    content = messages[0].content
    standalone = SCHEMA_INSTRUCTION.lstrip("\n")
    head, marker, tail = content.rpartition(SCHEMA_INSTRUCTION)
    if not marker:
        if not content.startswith(standalone):
            return messages, None
        tail = content[len(standalone) :]
    name_json, _, schema_json = tail.partition(":\n")
    try:
        name, schema = json.loads(name_json), json.loads(schema_json)
    except json.JSONDecodeError:
        return messages, None
    response_format = {"type": "json_schema", "json_schema": {"name": name, "schema": schema}}
    if marker:
        return (ChatMessage(role="system", content=head), *messages[1:]), response_format
    return messages[1:], response_format


# --- answers ------------------------------------------------------------------------------


class _ContentPart(msgspec.Struct, frozen=True, kw_only=True):
    type: str
    text: str | None = None
    refusal: str | None = None


class _OutputItem(msgspec.Struct, frozen=True, kw_only=True):
    type: str
    content: tuple[_ContentPart, ...] = ()
    summary: tuple[_ContentPart, ...] = ()


class _IncompleteDetails(msgspec.Struct, frozen=True, kw_only=True):
    reason: str | None = None


class _ResponsesUsage(msgspec.Struct, frozen=True, kw_only=True):
    input_tokens: int = 0
    output_tokens: int = 0
    total_tokens: int = 0
    input_tokens_details: CachedTokens | None = None
    output_tokens_details: ReasoningTokens | None = None

    def to_usage(self) -> Usage:
        return Usage(
            prompt_tokens=self.input_tokens,
            completion_tokens=self.output_tokens,
            total_tokens=self.total_tokens,
            cached_tokens=(
                self.input_tokens_details.cached_tokens
                if self.input_tokens_details is not None
                else msgspec.UNSET
            ),
            reasoning_tokens=(
                self.output_tokens_details.reasoning_tokens
                if self.output_tokens_details is not None
                else msgspec.UNSET
            ),
        )


class ResponseObject(msgspec.Struct, frozen=True, kw_only=True):
    """The parts of a Responses API response the pilot reads."""

    id: str
    status: str | None = None
    model: str | None = None
    output: tuple[_OutputItem, ...] = ()
    incomplete_details: _IncompleteDetails | None = None
    usage: _ResponsesUsage = _ResponsesUsage()


# Built on first use: a replay or dry run imports this module (request bodies, worst-case
# cost) but never decodes a provider's answer, and building a decoder resolves its types.
@functools.cache
def _chat_decoder() -> msgspec.json.Decoder[ChatCompletion]:
    return msgspec.json.Decoder(ChatCompletion)


@functools.cache
def _responses_decoder() -> msgspec.json.Decoder[ResponseObject]:
    return msgspec.json.Decoder(ResponseObject)


# Responses say why they are incomplete; the pilot speaks Chat Completions' finish reasons.
_INCOMPLETE = {"max_output_tokens": "length", "content_filter": "content_filter"}


class Decoded(NamedTuple):
    """A decoded answer and what only the wire says about it (a refusal)."""

    response: ChatResponse
    refusal: str | None


def decode_answer(
    model: ModelEntry, data: bytes, *, call_id: str, latency_ms: int, registry_id: str
) -> Decoded:
    """The answer in a 2xx body; ``msgspec.DecodeError`` when the body is not one."""
    if model.api == "responses":
        return _decode_responses(data, call_id=call_id, latency_ms=latency_ms, fallback=registry_id)
    completion = _chat_decoder().decode(data)
    if not completion.choices:
        raise msgspec.ValidationError("Expected at least one choice - at `$.choices`")
    response = response_from_completion(
        completion, call_id=call_id, fallback_model=registry_id, latency_ms=latency_ms
    )
    refusal = completion.choices[0].message.refusal
    return Decoded(response=response, refusal=refusal if isinstance(refusal, str) else None)


def _decode_responses(data: bytes, *, call_id: str, latency_ms: int, fallback: str) -> Decoded:
    obj = _responses_decoder().decode(data)
    texts: list[str] = []
    refusals: list[str] = []
    summaries: list[str] = []
    for item in obj.output:
        if item.type == "message":
            texts += [p.text for p in item.content if p.type == "output_text" and p.text]
            refusals += [p.refusal for p in item.content if p.type == "refusal" and p.refusal]
        elif item.type == "reasoning":
            summaries += [p.text for p in item.summary if p.text]
    if obj.status == "completed":
        finish = "stop"
    elif obj.status == "incomplete":
        reason = obj.incomplete_details.reason if obj.incomplete_details else None
        finish = _INCOMPLETE.get(reason or "", reason or "incomplete")
    else:
        finish = obj.status or "unknown"
    response = ChatResponse(
        content="".join(texts),
        meta=CallMeta(
            call_id=call_id,
            response_id=obj.id,
            model=obj.model or fallback,
            finish_reason=finish,
            usage=obj.usage.to_usage(),
            latency_ms=latency_ms,
            reasoning_content="\n\n".join(summaries) if summaries else None,
        ),
    )
    return Decoded(response=response, refusal="\n".join(refusals) or None)


def unusable(decoded: Decoded, request: ChatRequest, model: ModelEntry) -> ProviderError | None:
    """Why an answer that arrived cannot be used, or ``None`` when it can.

    Only ``stop`` is a complete answer: ``length`` and ``content_filter`` cut it short, and
    anything else (tool calls nobody asked for, DeepSeek's ``insufficient_system_resource``)
    is not an answer to this request either. DeepSeek's JSON mode is checked for a JSON
    object here; the typed outputs are validated at the agents' edge, as for every provider.
    """
    response, name = decoded.response, model.model_id
    finish = response.meta.finish_reason
    if decoded.refusal:
        shown = redact(decoded.refusal[:_SHOWN])[0]
        return ProviderError(f"{name} refused to answer: {shown!r}", model_id=name, cause="refusal")
    if finish != "stop":
        return ProviderError(
            f"{name} stopped with finish_reason {finish!r}; the answer is incomplete",
            model_id=name,
            cause="finish_reason",
        )
    if not response.content.strip():
        return ProviderError(
            f"{name} returned an empty answer", model_id=name, cause="empty_answer"
        )
    if request.response_format is not None and model.wire_dialect == "deepseek":
        try:
            is_object = isinstance(msgspec.json.decode(response.content), dict)
        except msgspec.DecodeError:
            is_object = False
        if not is_object:
            return ProviderError(
                f"{name} was asked for a JSON object and answered something else",
                model_id=name,
                cause="not_json",
            )
    return None
