"""Model clients: the protocol agents call, live calls, replay, recording, fakes.

Agents get a :class:`ModelClient` injected and never know the mode. The call structs live
in the kernel (:mod:`orchestrator.core.calls`) and are re-exported here. The facade is lazy:
importing one client does not load the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from clients.fake import FakeModelClient
    from clients.fake_provider import FakeProvider
    from clients.live.client import LiveClient
    from clients.recording import RecordingClient
    from clients.replay import ReplayClient
    from clients.transcripts import Transcript, load_transcript, write_transcript
    from orchestrator.core.calls import (
        CallMeta,
        ChatMessage,
        ChatRequest,
        ChatResponse,
        ModelClient,
        Role,
        Usage,
        canonical_request,
        prompt_hash,
    )

__all__ = [
    "CallMeta",
    "ChatMessage",
    "ChatRequest",
    "ChatResponse",
    "FakeModelClient",
    "FakeProvider",
    "LiveClient",
    "ModelClient",
    "RecordingClient",
    "ReplayClient",
    "Role",
    "Transcript",
    "Usage",
    "canonical_request",
    "load_transcript",
    "prompt_hash",
    "write_transcript",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "clients.fake": ("FakeModelClient",),
        "clients.fake_provider": ("FakeProvider",),
        "clients.live.client": ("LiveClient",),
        "clients.recording": ("RecordingClient",),
        "clients.replay": ("ReplayClient",),
        "clients.transcripts": ("Transcript", "load_transcript", "write_transcript"),
        "orchestrator.core.calls": (
            "CallMeta",
            "ChatMessage",
            "ChatRequest",
            "ChatResponse",
            "ModelClient",
            "Role",
            "Usage",
            "canonical_request",
            "prompt_hash",
        ),
    },
)
