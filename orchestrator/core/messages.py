"""The messages actors exchange, all through the supervisor: one tagged union.

Every message names its sender and recipient; the routing policy checks both. Messages
are frozen and keyword-only, so a verdict always judges exactly what is delivered.
"""

from __future__ import annotations

from typing import Literal

import msgspec

from orchestrator.core.calls import CallMeta, ChatRequest
from orchestrator.core.contract import CritiqueBody, ParsedProposal

__all__ = [
    "Actor",
    "AnyMessage",
    "Critique",
    "CritiqueRequest",
    "Message",
    "Proposal",
    "ProposalRequest",
    "RunFailed",
]

Actor = Literal["supervisor", "proposer", "critic"]


class Message(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="kind"
):
    run_id: str
    sender: Actor
    recipient: Actor


class ProposalRequest(Message, frozen=True, kw_only=True, tag="proposal_request"):
    """Supervisor → proposer: write the outlook for this request."""

    scenario_id: str
    model_id: str
    prompt_hash: str
    request: ChatRequest


class Proposal(Message, frozen=True, kw_only=True, tag="proposal"):
    """Proposer → supervisor: the outlook as answered, parsed at the edge."""

    model_id: str
    prompt_hash: str
    output_hash: str
    proposal: ParsedProposal
    call: CallMeta


class CritiqueRequest(Message, frozen=True, kw_only=True, tag="critique_request"):
    """Supervisor → critic: review the proposal identified by ``proposal_ref``."""

    model_id: str
    prompt_hash: str
    proposal_ref: str
    proposer_call_id: str
    request: ChatRequest


class Critique(Message, frozen=True, kw_only=True, tag="critique"):
    """Critic → supervisor: the review. ``body`` is None when the answer could not be parsed."""

    model_id: str
    prompt_hash: str
    output_hash: str
    content: str
    format: Literal["typed", "free_text"]
    body: CritiqueBody | None
    parse_error: str | None
    call: CallMeta


class RunFailed(Message, frozen=True, kw_only=True, tag="run_failed"):
    """An agent could not do its job; ``error`` is the PilotError class name."""

    error: str
    detail: str
    exit_code: int


AnyMessage = ProposalRequest | Proposal | CritiqueRequest | Critique | RunFailed
