"""The supervisor's event stream and its hash chain: one definition of ``events.jsonl``.

Events are a tagged union on ``type``. Each is one line of ``events.jsonl``::

    {"event": {...}, "hash": "sha256:<hex>", "prev": "sha256:<hex>"}

where ``hash = sha256(prev + "\\n" + event_bytes)`` over the exact bytes of the ``event``
value as written, and ``prev`` is the previous line's hash (:data:`GENESIS` for the first).
The last hash is the pack's ``events_head``. The writer (:class:`EventChain`) and the
verifier (:func:`read_line`) share :func:`format_line`, so a pack is reproducible from its
events byte for byte.
"""

from __future__ import annotations

import functools
import hashlib
from typing import Final

import msgspec

from clients.live.events import LiveEvent
from orchestrator.core.canonical import encode_compact
from orchestrator.core.messages import AnyMessage
from orchestrator.evidence.records import Preflight, RunOutcome, RunPlan
from policies.findings import Verdict

__all__ = [
    "GENESIS",
    "AnyEvent",
    "CallEvent",
    "Event",
    "EventChain",
    "EventLine",
    "MessageEvent",
    "RunFinished",
    "RunStarted",
    "VerdictEvent",
    "chain_hash",
    "event_decoder",
    "format_line",
    "line_decoder",
]

GENESIS: Final = "sha256:" + "0" * 64


class Event(
    msgspec.Struct,
    frozen=True,
    kw_only=True,
    forbid_unknown_fields=True,
    omit_defaults=True,
    tag_field="type",
):
    """What every event carries: its number in the run, when, and the run."""

    seq: int
    at: str
    run_id: str


class RunStarted(Event, frozen=True, kw_only=True, tag="run.started"):
    plan: RunPlan


class MessageEvent(Event, frozen=True, kw_only=True, tag="message"):
    """A message as the supervisor received it, before its verdict."""

    message: AnyMessage


class VerdictEvent(Event, frozen=True, kw_only=True, tag="verdict"):
    """The policy chain's verdict on the message emitted just before."""

    verdict: Verdict


class CallEvent(Event, frozen=True, kw_only=True, tag="call"):
    """What a live model call reported: an attempt, a wait and why, a budget movement."""

    call: LiveEvent


class RunFinished(Event, frozen=True, kw_only=True, tag="run.finished"):
    outcome: RunOutcome
    preflight: Preflight | None = None


AnyEvent = RunStarted | MessageEvent | VerdictEvent | CallEvent | RunFinished


@functools.cache
def event_decoder() -> msgspec.json.Decoder[AnyEvent]:
    """The decoder of one event, built on first use: building it resolves the types of every
    event, message and record (some 19 M instructions), which a run that only writes its
    events never needs — only reading a pack back (verify, resume, review) does."""
    return msgspec.json.Decoder(AnyEvent)


class EventLine(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One line of ``events.jsonl``; ``event`` stays raw so its exact bytes are hashed."""

    event: msgspec.Raw
    hash: str
    prev: str


line_decoder: Final = msgspec.json.Decoder(EventLine)


def chain_hash(prev: str, event_bytes: bytes) -> str:
    digest = hashlib.sha256(prev.encode("ascii") + b"\n" + event_bytes).hexdigest()
    return "sha256:" + digest


def format_line(event_bytes: bytes, digest: str, prev: str) -> bytes:
    """One line as the pilot writes it, without its newline."""
    return b'{"event":%b,"hash":"%b","prev":"%b"}' % (
        event_bytes,
        digest.encode("ascii"),
        prev.encode("ascii"),
    )


class EventChain:
    """Appends events to the chain, producing the exact ``events.jsonl`` lines."""

    def __init__(self) -> None:
        self.head = GENESIS
        self.lines: list[bytes] = []

    def append(self, event: AnyEvent) -> bytes:
        event_bytes = encode_compact(event)
        prev = self.head
        self.head = chain_hash(prev, event_bytes)
        line = format_line(event_bytes, self.head, prev) + b"\n"
        self.lines.append(line)
        return line
