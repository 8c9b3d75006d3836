"""Wire bodies per API and dialect, their inverse, and the decoding of answers."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest

from clients.live.wire import (
    SCHEMA_INSTRUCTION,
    Decoded,
    build_body,
    decode_answer,
    fill_holes,
    rebuild_request,
    unusable,
)
from orchestrator.core.calls import ChatMessage, ChatRequest, canonical_request, prompt_hash
from orchestrator.core.config import ModelEntry
from tests.clients.conftest import chat_completion

SCHEMA = {"type": "object", "properties": {"outputs": {"type": "array"}}, "required": ["outputs"]}
FORMAT = {
    "type": "json_schema",
    "json_schema": {"name": "l2_test", "schema": SCHEMA, "strict": False},
}


def entry(**fields: Any) -> ModelEntry:
    base: dict[str, Any] = {"provider": "openai", "model_id": "m-1", "max_output_tokens": 8000}
    return msgspec.convert({**base, **fields}, ModelEntry)


def request(response_format: dict[str, Any] | None = FORMAT) -> ChatRequest:
    return ChatRequest(
        model="m-1",
        messages=(
            ChatMessage(role="system", content="You advise; answer in JSON."),
            ChatMessage(role="user", content="Outlook for next week, please."),
        ),
        temperature=0.2,
        max_tokens=3000,
        response_format=response_format,
    )


def test_chat_body_sends_what_the_model_accepts() -> None:
    """Chat Completions: max_completion_tokens, the format as asked, temperature by default."""
    body = build_body(request(), entry(api_model="wire-m"))
    assert body == {
        "model": "wire-m",
        "messages": [
            {"role": "system", "content": "You advise; answer in JSON."},
            {"role": "user", "content": "Outlook for next week, please."},
        ],
        "max_completion_tokens": 3000,
        "temperature": 0.2,
        "response_format": FORMAT,
    }


def test_reasoning_model_gets_no_sampling_parameters() -> None:
    """A model that lists no sampling parameters gets none, whatever the request says."""
    body = build_body(request(), entry(sampling_params=[]))
    assert "temperature" not in body


def test_listed_fixed_parameters_are_the_canonical_ones() -> None:
    """top_p and the penalties, when accepted, carry the seed's fixed canonical values."""
    body = build_body(request(), entry(sampling_params=["top_p", "presence_penalty"]))
    assert (body["top_p"], body["presence_penalty"]) == (1.0, 0.0)


def test_responses_body_flattens_the_schema_and_stores_nothing() -> None:
    """Responses: input messages, max_output_tokens, text.format flattened, store off."""
    body = build_body(request(), entry(api="responses", sampling_params=[]))
    assert body["input"][1] == {
        "type": "message",
        "role": "user",
        "content": "Outlook for next week, please.",
    }
    assert body["max_output_tokens"] == 3000
    assert body["text"] == {
        "format": {"type": "json_schema", "name": "l2_test", "schema": SCHEMA, "strict": False}
    }
    assert body["store"] is False
    assert "messages" not in body
    assert "temperature" not in body


def test_deepseek_body_puts_the_schema_into_the_system_prompt() -> None:
    """DeepSeek: JSON mode, the schema after the system prompt, max_tokens, thinking switch."""
    body = build_body(request(), entry(provider="deepseek", thinking=True, sampling_params=[]))
    assert body["response_format"] == {"type": "json_object"}
    assert body["thinking"] == {"type": "enabled"}
    assert body["max_tokens"] == 3000
    system = body["messages"][0]["content"]
    assert system.startswith("You advise; answer in JSON." + SCHEMA_INSTRUCTION)
    assert json.loads(system.split(":\n", 1)[1]) == SCHEMA
    assert "json" in system.lower()  # DeepSeek's JSON mode requires the word


def test_deepseek_thinking_off_and_default() -> None:
    """thinking=false sends disabled; an unset switch sends nothing (provider default)."""
    off = build_body(request(None), entry(provider="deepseek", thinking=False))
    unset = build_body(request(None), entry(provider="deepseek"))
    assert off["thinking"] == {"type": "disabled"}
    assert "thinking" not in unset
    assert "response_format" not in unset


@pytest.mark.parametrize(
    ("path", "fields"),
    [
        ("/v1/chat/completions", {}),
        ("/v1/chat/completions", {"sampling_params": []}),
        ("/v1/responses", {"api": "responses", "sampling_params": []}),
        ("/v1/responses", {"api": "responses"}),
        ("/chat/completions", {"provider": "deepseek", "thinking": True, "sampling_params": []}),
        ("/chat/completions", {"provider": "deepseek"}),
    ],
)
@pytest.mark.parametrize("response_format", [FORMAT, None])
def test_rebuilt_request_has_the_original_prompt_hash(
    path: str, fields: dict[str, Any], response_format: dict[str, Any] | None
) -> None:
    """Every body turns back into the canonical request; its holes come from the recording."""
    original = request(response_format)
    model = entry(api_model="wire-m", **fields)
    rebuilt = rebuild_request(path, build_body(original, model), {"wire-m": "m-1"})
    filled = fill_holes(rebuilt, canonical_request(original))
    assert prompt_hash(filled) == prompt_hash(original)


def test_schema_instruction_alone_is_a_system_message_of_its_own() -> None:
    """Without a system prompt the instruction becomes one, and the rebuild removes it."""
    original = ChatRequest(
        model="m-1",
        messages=(ChatMessage(role="user", content="Hi"),),
        temperature=0.0,
        max_tokens=10,
        response_format=FORMAT,
    )
    body = build_body(original, entry(provider="deepseek"))
    assert body["messages"][0]["role"] == "system"
    rebuilt = rebuild_request("/chat/completions", body)
    assert prompt_hash(fill_holes(rebuilt, canonical_request(original))) == prompt_hash(original)


def test_rebuild_names_a_missing_field() -> None:
    """A body this product would never send is a ValueError naming the field."""
    with pytest.raises(ValueError, match="field messages"):
        rebuild_request("/v1/chat/completions", {"model": "m", "max_tokens": 1})


def chat_answer(**changes: Any) -> bytes:
    return json.dumps(chat_completion(**changes)).encode()


def decode(model: ModelEntry, data: bytes) -> Decoded:
    return decode_answer(model, data, call_id="proposer-1", latency_ms=7, registry_id="m-1")


def test_chat_answer_records_model_fingerprint_and_usage_details() -> None:
    """Returned model, id, fingerprint, finish reason and cached/reasoning tokens are kept."""
    meta = decode(entry(), chat_answer()).response.meta
    assert (meta.model, meta.response_id, meta.system_fingerprint) == (
        "gpt-5.2-2026-01-01",
        "chatcmpl-1",
        "fp_1",
    )
    assert (meta.usage.cached_tokens, meta.usage.reasoning_tokens) == (200, 300)


def test_deepseek_answer_keeps_reasoning_and_cache_hits() -> None:
    """DeepSeek's reasoning_content is kept; its prompt_cache_hit_tokens count as cached."""
    data = chat_answer(
        choices=[
            {
                "finish_reason": "stop",
                "message": {"content": "{}", "reasoning_content": "Let me think."},
            }
        ],
        usage={"prompt_tokens": 5, "completion_tokens": 6, "prompt_cache_hit_tokens": 3},
    )
    meta = decode(entry(provider="deepseek"), data).response.meta
    assert meta.reasoning_content == "Let me think."
    assert meta.usage.cached_tokens == 3


def responses_answer(**changes: Any) -> bytes:
    answer: dict[str, Any] = {
        "id": "resp_1",
        "object": "response",
        "status": "completed",
        "model": "m-1-2026",
        "output": [
            {"type": "reasoning", "id": "rs_1", "summary": [{"type": "summary_text", "text": "S"}]},
            {
                "type": "message",
                "id": "msg_1",
                "content": [
                    {"type": "output_text", "text": '{"outputs": ', "annotations": []},
                    {"type": "output_text", "text": "[]}", "annotations": []},
                ],
            },
        ],
        "usage": {
            "input_tokens": 11,
            "output_tokens": 22,
            "total_tokens": 33,
            "input_tokens_details": {"cached_tokens": 0},
            "output_tokens_details": {"reasoning_tokens": 9},
        },
    }
    answer.update(changes)
    return json.dumps(answer).encode()


def test_responses_answer_joins_output_text() -> None:
    """A Responses answer: its output text joined, reasoning summary kept, usage mapped."""
    response = decode(entry(api="responses"), responses_answer()).response
    assert response.content == '{"outputs": []}'
    assert response.meta.finish_reason == "stop"
    assert response.meta.reasoning_content == "S"
    assert (response.meta.usage.prompt_tokens, response.meta.usage.reasoning_tokens) == (11, 9)


def test_incomplete_response_is_finish_reason_length() -> None:
    """status incomplete for max_output_tokens is the chat world's finish_reason length."""
    data = responses_answer(status="incomplete", incomplete_details={"reason": "max_output_tokens"})
    assert decode(entry(api="responses"), data).response.meta.finish_reason == "length"


def test_body_that_is_not_an_answer_does_not_decode() -> None:
    """Malformed JSON or a completion without choices is a decode error for the retry layer."""
    with pytest.raises(msgspec.DecodeError):
        decode(entry(), b'{"id": "x", "choices": [')
    with pytest.raises(msgspec.DecodeError):
        decode(entry(), chat_answer(choices=[]))


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (
            chat_answer(choices=[{"finish_reason": "length", "message": {"content": "{"}}]),
            "finish_reason",
        ),
        (
            chat_answer(choices=[{"finish_reason": "content_filter", "message": {"content": ""}}]),
            "finish_reason",
        ),
        (
            chat_answer(
                choices=[{"finish_reason": "stop", "message": {"content": None, "refusal": "No."}}]
            ),
            "refusal",
        ),
        (
            chat_answer(choices=[{"finish_reason": "stop", "message": {"content": "  "}}]),
            "empty_answer",
        ),
    ],
)
def test_unusable_answers_name_their_cause(data: bytes, cause: str) -> None:
    """Cut short, filtered, refused or empty: a ProviderError naming why."""
    problem = unusable(decode(entry(), data), request(), entry())
    assert problem is not None
    assert problem.cause == cause
    assert "m-1" in problem.message


def test_refusal_in_a_responses_answer() -> None:
    """A refusal content part of a Responses answer is a refusal."""
    data = responses_answer(
        output=[{"type": "message", "content": [{"type": "refusal", "refusal": "I can't."}]}]
    )
    model = entry(api="responses")
    problem = unusable(decode(model, data), request(), model)
    assert problem is not None
    assert problem.cause == "refusal"


def test_deepseek_json_mode_answer_must_be_an_object() -> None:
    """DeepSeek's JSON mode answer is checked for a JSON object; prose is not_json."""
    model = entry(provider="deepseek")
    prose = chat_answer(choices=[{"finish_reason": "stop", "message": {"content": "Sure!"}}])
    problem = unusable(decode(model, prose), request(), model)
    assert problem is not None
    assert problem.cause == "not_json"
    assert unusable(decode(model, chat_answer()), request(), model) is None
