"""Planning a run: the hash-based run id and the two model requests of a scenario.

The proposer's request comes from the scenario alone; the critic's embeds the proposal as it
was answered (:func:`review_request`, the one place a recorded or live answer becomes the
critic's request: used by the supervisor, the dry-run coverage check and fixture making).
"""

from __future__ import annotations

import functools
import json
from typing import Any

import msgspec

from orchestrator.core.calls import ChatMessage, ChatRequest, prompt_hash, structured_output
from orchestrator.core.canonical import encode_compact, sha256_prefixed, short_hash
from orchestrator.core.config import ModelEntry, PromptSpec, ScenarioConfig
from orchestrator.core.contract import CRITIQUE_SCHEMA, PROPOSAL_SCHEMA, shipped_schema
from orchestrator.core.patterns import lazy_pattern

__all__ = [
    "critic_request",
    "make_run_id",
    "proposer_request",
    "review_request",
]

_PLACEHOLDER = lazy_pattern(r"\{([a-z_]+)\}")


def make_run_id(
    *,
    layer_id: str,
    proposer: str,
    critic: str,
    scope_id: str,
    scope_version: str,
    scenario: ScenarioConfig,
    started_at: str,
) -> str:
    """``<layer>-<16 hex>`` over layer, models, scope, scenario input and start time."""
    basis = {
        "layer": layer_id,
        "models": {"proposer": proposer, "critic": critic},
        "scope": {"id": scope_id, "version": scope_version},
        "scenario": msgspec.structs.replace(scenario, path=""),
        "started_at": started_at,
    }
    return f"{layer_id}-{short_hash(encode_compact(basis))}"


def _fill(template: str, values: dict[str, str]) -> str:
    # One pass, not str.format: prompts may hold literal braces (JSON examples), and text
    # put in (the proposal) must never be read as a placeholder itself.
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)


def _messages(spec: PromptSpec, user: str) -> tuple[ChatMessage, ...]:
    return (ChatMessage(role="system", content=spec.system), ChatMessage(role="user", content=user))


@functools.cache
def _response_format(name: str) -> dict[str, Any]:
    """The structured-output request for a schema; one object per schema, never mutated.

    Its sorted-key JSON is assembled from the shipped schema's text, so no run serialises
    the schema again for the prompt hash.
    """
    schema, text = shipped_schema(name)
    response_format = {
        "type": "json_schema",
        "json_schema": {"name": name, "schema": schema, "strict": False},
    }
    as_json = (
        f'{{"json_schema": {{"name": {json.dumps(name)}, "schema": {text}, "strict": false}}, '
        '"type": "json_schema"}'
    )
    return structured_output(response_format, as_json)


def _request(
    spec: PromptSpec, model: ModelEntry, user: str, schema: str, output_format: str
) -> tuple[ChatRequest, str]:
    request = ChatRequest(
        model=model.model_id,
        messages=_messages(spec, user),
        temperature=spec.temperature,
        max_tokens=spec.max_tokens,
        response_format=_response_format(schema) if output_format == "typed" else None,
    )
    return request, prompt_hash(request)


def proposer_request(scenario: ScenarioConfig, model: ModelEntry) -> tuple[ChatRequest, str]:
    """The proposer's request for a scenario, and its prompt hash."""
    user = _fill(scenario.proposer.user, scenario.inputs)
    return _request(scenario.proposer, model, user, PROPOSAL_SCHEMA, scenario.output_format)


def critic_request(
    scenario: ScenarioConfig,
    model: ModelEntry,
    *,
    proposal_text: str,
    output_hash: str,
    proposer_call_id: str,
) -> tuple[ChatRequest, str]:
    """The critic's request embedding the proposal, and its prompt hash."""
    user = _fill(
        scenario.critic.user,
        {
            **scenario.inputs,
            "proposal": proposal_text,
            "output_hash": output_hash,
            "proposer_run_id": proposer_call_id,
        },
    )
    return _request(scenario.critic, model, user, CRITIQUE_SCHEMA, scenario.output_format)


def review_request(
    scenario: ScenarioConfig,
    critic: ModelEntry,
    *,
    proposal_text: str,
    proposer_call_id: str,
    output_hash: str | None = None,
) -> tuple[ChatRequest, str, str]:
    """The critic's request for a proposal as answered: request, prompt hash, output hash.

    The output hash is the proposal's: SHA-256 of its content as stored. A caller that holds
    it already (the proposer's message carries the hash of that very text) passes it in.
    """
    if output_hash is None:
        output_hash = sha256_prefixed(proposal_text.encode("utf-8"))
    request, digest = critic_request(
        scenario,
        critic,
        proposal_text=proposal_text,
        output_hash=output_hash,
        proposer_call_id=proposer_call_id,
    )
    return request, digest, output_hash
