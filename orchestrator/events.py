"""The supervisor's event stream and its hash chain.

Each event is one line of ``events.jsonl``::

    {"event": {...}, "hash": "sha256:<hex>", "prev": "sha256:<hex>"}

where ``hash = sha256(prev + "\\n" + event_bytes)`` over the exact bytes of the ``event``
value as written, and ``prev`` is the previous line's hash (:data:`GENESIS` for the first).
The last hash is the pack's ``events_head``.
"""

from __future__ import annotations

import hashlib
from typing import Literal

import msgspec

from orchestrator.core.canonical import encode_compact
from orchestrator.core.messages import AnyMessage
from orchestrator.plan import RunPlan
from orchestrator.preflight import Preflight
from policies.findings import Verdict

__all__ = ["GENESIS", "Event", "EventChain", "EventType", "RunOutcome", "chain_hash"]

GENESIS = "sha256:" + "0" * 64

Status = Literal["COMPLETE", "BLOCKED", "FAILED"]
EventType = Literal["run.started", "message", "verdict", "run.finished"]


class RunOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """How the run ended. ``stage`` names where; ``reasons`` say why, one sentence each."""

    status: Status
    exit_code: int
    stage: str
    reasons: tuple[str, ...] = ()


class Event(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, omit_defaults=True
):
    seq: int
    at: str
    run_id: str
    type: EventType
    message: AnyMessage | None = None
    verdict: Verdict | None = None
    outcome: RunOutcome | None = None
    plan: RunPlan | None = None
    preflight: Preflight | None = None


def chain_hash(prev: str, event_bytes: bytes) -> str:
    digest = hashlib.sha256(prev.encode("ascii") + b"\n" + event_bytes).hexdigest()
    return "sha256:" + digest


class EventChain:
    """Appends events to the chain, producing the exact ``events.jsonl`` lines."""

    def __init__(self) -> None:
        self.head = GENESIS
        self.lines: list[bytes] = []

    def append(self, event: Event) -> bytes:
        event_bytes = encode_compact(event)
        prev = self.head
        self.head = chain_hash(prev, event_bytes)
        line = b'{"event":%b,"hash":"%b","prev":"%b"}\n' % (
            event_bytes,
            self.head.encode("ascii"),
            prev.encode("ascii"),
        )
        self.lines.append(line)
        return line
