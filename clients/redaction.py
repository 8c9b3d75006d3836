"""Redaction of secrets and personal data before anything is written.

Applied to every model answer at the agents' edge (so packs, transcripts and fixtures
only ever hold redacted text, and every hash covers the stored bytes), and to every log
event. Each match is replaced by ``[REDACTED:<kind>]``; the count is recorded in the pack.
The patterns cover the common shapes of API keys and tokens, Authorization headers and
e-mail addresses; they are deliberately greedy about credentials: a false positive costs a
word of prose, a false negative a leaked key.
"""

from __future__ import annotations

import re
from typing import Final

import msgspec

from clients.types import ChatResponse

__all__ = ["REDACTION_KINDS", "redact", "redact_response"]

# (kind, markers, pattern): a pattern only runs when one of its lower-case markers occurs in
# the text, so ordinary prose costs a few substring searches, not a dozen regex scans.
_PATTERNS: Final[tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...]] = (
    # "Authorization: Bearer x", "authorization=Basic x": the whole credential after the scheme.
    (
        "authorization",
        ("authorization",),
        re.compile(
            r"(?i)\bauthorization\b[\"']?\s*[:=]\s*[\"']?(?:bearer|basic|token)?\s*[^\s\"',;]+"
        ),
    ),
    ("bearer_token", ("bearer",), re.compile(r"(?i)\bbearer\s+[A-Za-z0-9._~+/=-]{16,}")),
    # OpenAI / DeepSeek / Anthropic style: sk-..., sk-proj-..., sk-ant-...
    ("api_key", ("sk-",), re.compile(r"\bsk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{16,}")),
    ("aws_access_key", ("akia", "asia"), re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    (
        "github_token",
        ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"),
        re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"),
    ),
    ("slack_token", ("xox",), re.compile(r"\bxox[abposr]-[A-Za-z0-9-]{10,}")),
    ("google_api_key", ("aiza",), re.compile(r"\bAIza[0-9A-Za-z_-]{35}\b")),
    (
        "jwt",
        ("eyj",),
        re.compile(r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),
    ),
    (
        "private_key",
        ("private key",),
        re.compile(
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.DOTALL
        ),
    ),
    # key = "value" assignments whose name says it is a secret (a name prefix such as
    # OPENAI_ may stay: the value is what matters).
    (
        "secret_assignment",
        ("key", "secret", "token", "passw"),
        re.compile(
            r"(?i)(?:api[_-]?key|secret|token|password|passwd)[\w-]*[\"']?\s*[:=]\s*"
            r"[\"']?[^\s\"',;]{8,}[\"']?"
        ),
    ),
    ("email", ("@",), re.compile(r"\b[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}\b")),
)

REDACTION_KINDS: Final = tuple(kind for kind, _, _ in _PATTERNS)


# Every marker in one pattern: a single C-level pass finds which patterns need to run.
_MARKERS: Final = re.compile(
    "|".join(
        re.escape(m)
        for m in sorted({m for _, ms, _ in _PATTERNS for m in ms}, key=len, reverse=True)
    )
)


def redact(text: str) -> tuple[str, int]:
    """The text with every secret-looking span replaced, and how many were replaced."""
    present = set(_MARKERS.findall(text.lower()))
    if not present:
        return text, 0
    total = 0
    for kind, markers, pattern in _PATTERNS:
        if not present.isdisjoint(markers):
            text, count = pattern.subn(f"[REDACTED:{kind}]", text)
            total += count
    return text, total


def redact_response(response: ChatResponse) -> ChatResponse:
    """The response with its content and reasoning redacted and the count recorded."""
    content, count = redact(response.content)
    reasoning = response.meta.reasoning_content
    if reasoning is not None:
        reasoning, more = redact(reasoning)
        count += more
    if not count:
        return response
    meta = msgspec.structs.replace(
        response.meta, reasoning_content=reasoning, redactions=response.meta.redactions + count
    )
    return ChatResponse(content=content, meta=meta)
