"""Model clients: the protocol agents call, replay over transcripts, recording, redaction.

Agents get a :class:`ModelClient` injected and never know the mode.
"""

from clients.fake import FakeModelClient
from clients.recording import RecordingClient, write_transcript
from clients.redaction import redact, redact_response
from clients.replay import ReplayClient
from clients.transcripts import Transcript, load_transcript
from clients.types import (
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
    "ModelClient",
    "RecordingClient",
    "ReplayClient",
    "Role",
    "Transcript",
    "Usage",
    "canonical_request",
    "load_transcript",
    "prompt_hash",
    "redact",
    "redact_response",
    "write_transcript",
]
