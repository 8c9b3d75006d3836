"""Builders of runs and messages for policy tests: models, facts, requests, answers."""

from __future__ import annotations

from typing import Literal

from orchestrator.core.calls import CallMeta, ChatMessage, ChatRequest, Usage
from orchestrator.core.config import ModelEntry
from orchestrator.core.contract import CritiqueBody, ParsedProposal
from orchestrator.core.messages import Critique, Proposal, ProposalRequest
from policies.chain import RunFacts
from policies.identity import Endpoint

RUN = "L2-0000000000000000"
OUTPUT_HASH = "sha256:" + "d" * 64
PROPOSER_CALL = "proposer-519f21bb0faf"

OPENAI = Endpoint(host="api.openai.com", key_env="OPENAI_API_KEY")
DEEPSEEK = Endpoint(host="api.deepseek.com", key_env="DEEPSEEK_API_KEY")


def model(model_id: str, provider: str = "openai", api_model: str | None = None) -> ModelEntry:
    return ModelEntry(
        provider=provider, model_id=model_id, max_output_tokens=100, api_model=api_model
    )


PROPOSER = model("gpt-5.2-pro")
FALLBACK = model("gpt-5.2")
CRITIC = model("deepseek-r1", provider="deepseek", api_model="deepseek-reasoner")


def facts(
    *,
    proposer: ModelEntry = PROPOSER,
    fallbacks: tuple[ModelEntry, ...] = (FALLBACK,),
    critic: ModelEntry = CRITIC,
    endpoints: dict[str, Endpoint] | None = None,
    diversity: bool = True,
    critique_format: Literal["typed", "free_text"] = "typed",
    proposal: Proposal | None = None,
) -> RunFacts:
    if endpoints is None:
        endpoints = {m.model_id: OPENAI for m in (proposer, *fallbacks)}
        endpoints[critic.model_id] = DEEPSEEK
    return RunFacts(
        run_id=RUN,
        layer_id="L2",
        proposer=proposer,
        fallbacks=fallbacks,
        critic=critic,
        provider_diversity=diversity,
        proposal=proposal,
        endpoints=endpoints,
        critique_format=critique_format,
    )


def meta(call_id: str, answered: str) -> CallMeta:
    return CallMeta(
        call_id=call_id,
        response_id="resp-1",
        model=answered,
        finish_reason="stop",
        usage=Usage(),
        latency_ms=1,
    )


def request(model_id: str = "gpt-5.2-pro") -> ProposalRequest:
    chat = ChatRequest(
        model=model_id,
        messages=(ChatMessage(role="user", content="outlook"),),
        temperature=0.0,
        max_tokens=10,
    )
    return ProposalRequest(
        run_id=RUN,
        sender="supervisor",
        recipient="proposer",
        scenario_id="market-outlook-daily",
        model_id=model_id,
        prompt_hash="sha256:" + "0" * 64,
        request=chat,
    )


def proposal(model_id: str = "gpt-5.2-pro", answered: str | None = None) -> Proposal:
    items = ({"type": "ScenarioReport", "scenarios": [{"id": "scn-base"}]},)
    return Proposal(
        run_id=RUN,
        sender="proposer",
        recipient="supervisor",
        model_id=model_id,
        prompt_hash="sha256:" + "1" * 64,
        output_hash=OUTPUT_HASH,
        proposal=ParsedProposal(format="typed", items=items, text="{}"),
        call=meta(PROPOSER_CALL, model_id if answered is None else answered),
    )


def critique(
    *,
    answered: str = "deepseek-r1",
    fmt: Literal["typed", "free_text"] = "typed",
    ref: str = OUTPUT_HASH,
    evidence: tuple[str, ...] = ("scn-base",),
    content: str = "",
    body: bool = True,
    model_id: str = "deepseek-r1",
) -> Critique:
    parsed = (
        CritiqueBody(decision="APPROVE", rationale="ok", proposal_ref=ref, evidence_ids=evidence)
        if body
        else None
    )
    return Critique(
        run_id=RUN,
        sender="critic",
        recipient="supervisor",
        model_id=model_id,
        prompt_hash="sha256:" + "2" * 64,
        output_hash="sha256:" + "3" * 64,
        content=content,
        format=fmt,
        body=parsed,
        parse_error=None if body else "no decision line",
        call=meta("critic-1", answered),
    )
