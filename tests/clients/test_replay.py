"""Replay: lookup by the seed-compatible prompt hash; misses name what differs."""

from __future__ import annotations

import pytest

from clients.replay import ReplayClient
from clients.transcripts import load_transcript
from orchestrator.core.calls import ChatMessage, ChatRequest, prompt_hash
from orchestrator.core.errors import ReplayMiss
from tests.helpers import BASELINE

# The seed system's recorded hash of its baseline proposer request (its fixture format).
SEED_PROPOSER_HASH = "sha256:ce0db8666312bcd27baf92ceb2ead4d06aca001005376134c614e0776125a29a"


def seed_request(user: str = "Provide a market outlook for Q1 2026.") -> ChatRequest:
    return ChatRequest(
        model="gpt-5.2-pro",
        messages=(
            ChatMessage(
                role="system", content="You are a market analyst providing outlook reports."
            ),
            ChatMessage(role="user", content=user),
        ),
        temperature=0.7,
        max_tokens=4000,
    )


def test_prompt_hash_is_the_seed_systems_hash() -> None:
    """The prompt hash of the seed's baseline request is the hash its fixtures carry."""
    assert prompt_hash(seed_request()) == SEED_PROPOSER_HASH


def test_response_format_changes_the_hash() -> None:
    """Asking for structured output is part of the request, so part of the hash."""
    typed = ChatRequest(
        model="gpt-5.2-pro",
        messages=seed_request().messages,
        temperature=0.7,
        max_tokens=4000,
        response_format={"type": "json_object"},
    )
    assert prompt_hash(typed) != SEED_PROPOSER_HASH


def test_lookup_returns_the_recorded_answer() -> None:
    """A recorded request replays its response with the recorded run id and usage."""
    client = ReplayClient(load_transcript(BASELINE))
    answer = client.lookup(seed_request(), role="proposer")
    assert answer.meta.call_id == "proposer-run-001"
    assert answer.meta.usage.prompt_tokens == 40
    assert answer.content.startswith("# Market Outlook Q1 2026")


def test_miss_names_the_hash_and_the_differing_field() -> None:
    """A changed prompt misses: the error names the hash and the first differing characters."""
    client = ReplayClient(load_transcript(BASELINE))
    changed = seed_request("Provide a market outlook for Q2 2026.")
    with pytest.raises(ReplayMiss) as caught:
        client.lookup(changed, role="proposer")
    assert caught.value.prompt_hash == prompt_hash(changed)
    expected = (
        "messages[1].content (at character 30: requested 'ok for Q2 2026.', "
        "recorded 'ok for Q1 2026.')"
    )
    assert caught.value.differences == (expected,)
    assert prompt_hash(changed) in caught.value.message


def test_miss_on_a_role_mismatch() -> None:
    """A hash recorded for the proposer does not answer the critic."""
    client = ReplayClient(load_transcript(BASELINE))
    with pytest.raises(ReplayMiss):
        client.lookup(seed_request(), role="critic")


def test_miss_names_scalar_differences() -> None:
    """Changed sampling parameters are named with both values."""
    client = ReplayClient(load_transcript(BASELINE))
    hotter = ChatRequest(
        model="gpt-5.2-pro", messages=seed_request().messages, temperature=0.9, max_tokens=4000
    )
    with pytest.raises(ReplayMiss) as caught:
        client.lookup(hotter, role="proposer")
    assert caught.value.differences == ("temperature (requested 0.9, recorded 0.7)",)
