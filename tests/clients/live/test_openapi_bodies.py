"""Every body the clients send conforms to OpenAI's published request schemas.

The schemas are a trimmed copy of OpenAI's OpenAPI description (see ``x-provenance`` in
``openai_request_schemas.json`` and ``make_openai_request_schemas.py``, which rebuilds it).
The bodies are the bytes that reached the fake provider over a real socket.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import msgspec
import pytest
from jsonschema import Draft202012Validator

from clients.fake import FakeModelClient
from clients.fake_provider import FakeProvider, wire_model_ids
from clients.live.budget import BudgetLedger
from clients.live.client import LiveClient
from clients.live.http import ProviderClients
from clients.live.ratelimit import RateLimiters
from clients.recording import RecordingClient
from orchestrator.core.calls import ChatMessage, ChatRequest, Role
from orchestrator.core.config import ModelRegistry
from orchestrator.core.contract import proposal_json_schema
from tests.clients.conftest import FakeTime, planted_keys, project_registry

SCHEMAS = json.loads(Path(__file__).with_name("openai_request_schemas.json").read_text())
ROOTS = {"/v1/chat/completions": "CreateChatCompletionRequest", "/v1/responses": "CreateResponse"}
# DeepSeek's documented extension of the Chat Completions body; OpenAI's schema allows
# extra properties, and this is the only one the clients add.
EXTENSIONS = {"/v1/chat/completions": {"thinking"}, "/v1/responses": set()}

TYPED = {
    "type": "json_schema",
    "json_schema": {"name": "l2_market_outlook", "schema": proposal_json_schema(), "strict": False},
}


def validator(root: str) -> Draft202012Validator:
    return Draft202012Validator({**SCHEMAS, "$ref": f"#/components/schemas/{root}"})


def declared_properties(schema: dict[str, Any]) -> set[str]:
    """Property names a schema declares, through $ref and allOf."""
    names = set(schema.get("properties", {}))
    ref = schema.get("$ref")
    if isinstance(ref, str):
        names |= declared_properties(SCHEMAS["components"]["schemas"][ref.rsplit("/", 1)[1]])
    for part in schema.get("allOf", []):
        names |= declared_properties(part)
    return names


def requests() -> list[tuple[ChatRequest, Role]]:
    messages = (
        ChatMessage(role="system", content="You advise; you never trade. Answer in JSON."),
        ChatMessage(role="user", content="The market outlook for the next four weeks."),
    )
    asked: list[tuple[ChatRequest, Role]] = []
    models: tuple[tuple[str, Role], ...] = (
        ("gpt-5.2-pro", "proposer"),
        ("gpt-5.2", "proposer"),
        ("deepseek-r1", "critic"),
    )
    for model, role in models:
        for response_format in (TYPED, None):
            request = ChatRequest(
                model=model,
                messages=messages,
                temperature=0.2,
                max_tokens=4000,
                response_format=response_format,
            )
            asked.append((request, role))
    return asked


def registry_for(base_url: str) -> ModelRegistry:
    """The shipped registry, with gpt-5.2 sending every sampling parameter there is."""
    registry = project_registry(base_url)
    sampling = ("temperature", "top_p", "frequency_penalty", "presence_penalty")
    every = msgspec.structs.replace(registry.model("gpt-5.2"), sampling_params=sampling)
    return msgspec.structs.replace(registry, models={**registry.models, "gpt-5.2": every})


@pytest.mark.anyio
async def test_sent_bodies_validate(fake_time: FakeTime, ledger: BudgetLedger) -> None:
    """Chat, Responses and DeepSeek bodies, typed and free text, as sent over the socket."""
    recorder = RecordingClient(FakeModelClient(), clock=fake_time)
    for request, role in requests():
        await recorder.complete(request, role=role)
    transcript = recorder.transcript(transcript_id="bodies", scenario="openapi")
    registry = project_registry()
    with FakeProvider(transcript, model_ids=wire_model_ids(registry)) as fake:
        async with ProviderClients() as http:
            client = LiveClient(
                registry=registry_for(fake.base_url),
                keys=planted_keys(),
                http=http,
                limiters=RateLimiters(monotonic=fake_time.monotonic, sleep=fake_time.sleep),
                ledger=ledger,
                run_id="L2-openapi",
                clock=fake_time,
                monotonic=fake_time.monotonic,
                sleep=fake_time.sleep,
            )
            for request, role in requests():
                await client.complete(request, role=role)
    assert [r.status for r in fake.received] == [200] * 6
    assert {r.path for r in fake.received} == set(ROOTS)
    for received in fake.received:
        root = ROOTS[received.path]
        errors = [e.message for e in validator(root).iter_errors(received.body)]
        assert errors == [], (received.path, errors)
        schema = SCHEMAS["components"]["schemas"][root]
        unknown = set(received.body) - declared_properties(schema) - EXTENSIONS[received.path]
        assert unknown == set(), (received.path, unknown)
    sampled = [r.body for r in fake.received if r.body["model"] == "gpt-5.2"]
    assert all(body["top_p"] == 1.0 and body["temperature"] == 0.2 for body in sampled)


@pytest.mark.parametrize(
    ("root", "body"),
    [
        ("CreateResponse", {"model": "m", "input": [], "max_output_tokens": 8}),
        (
            "CreateResponse",
            {"model": "m", "input": "hi", "text": {"format": {"type": "json_schema"}}},
        ),
        ("CreateChatCompletionRequest", {"model": "m", "messages": []}),
        (
            "CreateChatCompletionRequest",
            {"model": "m", "messages": [{"role": "robot", "content": "hi"}]},
        ),
    ],
)
def test_the_schemas_reject_what_openai_would(root: str, body: dict[str, Any]) -> None:
    """The vendored schemas are not vacuous: known-bad bodies fail them."""
    assert list(validator(root).iter_errors(body))


def test_the_vendored_schemas_say_where_they_come_from() -> None:
    """Provenance: repository, commit and the spec version they were cut from."""
    provenance = SCHEMAS["x-provenance"]
    assert provenance["repository"] == "https://github.com/openai/openai-openapi"
    assert len(provenance["commit"]) == 40
    assert set(provenance["roots"]) == set(ROOTS.values())
