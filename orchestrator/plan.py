"""The run plan: everything fixed before the first message, and the hash-based run id."""

from __future__ import annotations

import functools
import re
from datetime import datetime
from typing import Any, Literal

import msgspec

from orchestrator.core.calls import ChatMessage, ChatRequest, prompt_hash
from orchestrator.core.canonical import encode_compact, short_hash
from orchestrator.core.config import ModelEntry, PromptSpec, ScenarioConfig
from orchestrator.core.contract import critique_json_schema, proposal_json_schema

__all__ = [
    "InputRef",
    "Mode",
    "RunPlan",
    "critic_request",
    "make_run_id",
    "proposer_request",
]

PROPOSAL_SCHEMA = "l2_market_outlook"
CRITIQUE_SCHEMA = "l2_critique"
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

Mode = Literal["dry", "replay", "record", "live"]


class InputRef(msgspec.Struct, frozen=True, kw_only=True):
    """A file the run read, by name relative to its folder, with the hash of its bytes."""

    name: str
    sha256: str


class RunPlan(msgspec.Struct, frozen=True, kw_only=True):
    run_id: str
    layer_id: str
    layer_name: str
    mode: Mode
    started_at: str
    scenario: ScenarioConfig
    proposer: ModelEntry
    fallbacks: tuple[ModelEntry, ...]
    critic: ModelEntry
    provider_diversity: bool
    scope_id: str
    scope_version: str
    registry_version: str
    inputs: tuple[InputRef, ...]
    fixture: InputRef | None
    transcript_id: str | None
    per_run_limit_usd: float
    product_version: str

    @property
    def date(self) -> str:
        return datetime.fromisoformat(self.started_at).date().isoformat()


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
    """The structured-output request for a schema; one object per schema, never mutated."""
    schema = proposal_json_schema() if name == PROPOSAL_SCHEMA else critique_json_schema()
    return {"type": "json_schema", "json_schema": {"name": name, "schema": schema, "strict": False}}


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
