"""The event chain: each line hashes its predecessor; the head covers the whole stream."""

from __future__ import annotations

import json

from orchestrator.evidence.events import GENESIS, EventChain, RunFinished, chain_hash
from orchestrator.evidence.records import RunOutcome


def outcome_event(seq: int) -> RunFinished:
    return RunFinished(
        seq=seq,
        at="2026-01-10T12:00:00+00:00",
        run_id="L2-x",
        outcome=RunOutcome(status="COMPLETE", exit_code=0, stage="critique"),
    )


def test_lines_chain_from_genesis() -> None:
    """The first line's prev is GENESIS; every hash is sha256(prev + newline + event bytes)."""
    chain = EventChain()
    first = chain.append(outcome_event(0))
    second = chain.append(outcome_event(1))
    a, b = json.loads(first), json.loads(second)
    assert a["prev"] == GENESIS
    assert b["prev"] == a["hash"]
    assert chain.head == b["hash"]
    event_bytes = first[len(b'{"event":') : first.index(b',"hash":')]
    assert a["hash"] == chain_hash(GENESIS, event_bytes)


def test_any_change_moves_the_head() -> None:
    """Changing one event changes the head."""
    one, two = EventChain(), EventChain()
    one.append(outcome_event(0))
    two.append(outcome_event(1))
    assert one.head != two.head
