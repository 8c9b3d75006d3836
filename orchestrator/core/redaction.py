"""Redaction of secrets and personal data before anything is written.

Applied to every model answer at the agents' edge (so packs, transcripts and fixtures
only ever hold redacted text, and every hash covers the stored bytes), to failure messages
and to every log event. Each match is replaced by ``[REDACTED:<kind>]``; the count is
recorded in the pack. The patterns cover the common shapes of API keys and tokens,
Authorization headers and e-mail addresses; they are deliberately greedy about credentials:
a false positive costs a word of prose, a false negative a leaked key.

Speed matters (every answer passes here on the way to the policies), and Python's regex
engine is only fast when a pattern starts with a literal: it then skips ahead to each
occurrence of that literal instead of trying the pattern at every position. So every
pattern begins with its literal, and word boundaries are look-behinds placed after it.
Case-insensitive patterns run only when their word occurs in the lower-cased text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Final

import msgspec

from orchestrator.core.calls import ChatResponse
from orchestrator.core.patterns import lazy_pattern

__all__ = ["REDACTION_KINDS", "redact", "redact_response"]

# Case-sensitive token shapes, each starting with its literal prefix, and how to tell that
# a text cannot hold one: a character every match holds (found with memchr, far cheaper than
# a search for a literal) and the literals one of which every match starts with. Every
# answer passes here, and a pattern or a literal searched for reads the whole text each time.
_TOKENS: Final[tuple[tuple[str, str, tuple[str, ...], re.Pattern[str]], ...]] = (
    # OpenAI / DeepSeek / Anthropic style: sk-..., sk-proj-..., sk-ant-... ("risk-" is not one).
    (
        "api_key",
        "-",
        ("sk-",),
        lazy_pattern(r"sk-(?<![A-Za-z0-9_]sk-)(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{16,}"),
    ),
    (
        "aws_access_key",
        "A",
        ("AKIA", "ASIA"),
        lazy_pattern(r"A(?<![A-Za-z0-9]A)(?:KIA|SIA)[0-9A-Z]{16}(?![A-Za-z0-9])"),
    ),
    (
        "github_token",
        "_",
        ("gh", "github_pat_"),
        lazy_pattern(
            r"g(?<![A-Za-z0-9_]g)(?:h[pousr]_[A-Za-z0-9]{30,}|ithub_pat_[A-Za-z0-9_]{30,})"
        ),
    ),
    (
        "slack_token",
        "x",
        ("xox",),
        lazy_pattern(r"xox(?<![A-Za-z0-9]xox)[abposr]-[A-Za-z0-9-]{10,}"),
    ),
    (
        "google_api_key",
        "z",
        ("AIza",),
        lazy_pattern(r"AIza(?<![A-Za-z0-9]AIza)[0-9A-Za-z_-]{35}"),
    ),
    (
        "jwt",
        "J",
        ("eyJ",),
        lazy_pattern(
            r"eyJ(?<![A-Za-z0-9]eyJ)[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"
        ),
    ),
    (
        "private_key",
        "-",
        ("-----BEGIN ",),
        lazy_pattern(
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----.*?-----END [A-Z ]*PRIVATE KEY-----", re.DOTALL
        ),
    ),
)

# Case-insensitive shapes: (kind, words that must occur in the lower-cased text, pattern).
# Each pattern is written in lower case and literal-first, and runs on the lower-cased
# text (same positions as the original when it is ASCII); other text takes the slow,
# case-insensitive form of the same pattern.
_WORDS: Final[tuple[tuple[str, tuple[str, ...], str], ...]] = (
    # "Authorization: Bearer x", "authorization=Basic x": the whole credential after the scheme.
    (
        "authorization",
        ("authorization",),
        (
            r"authorization(?<![a-z0-9_]authorization)(?![a-z0-9_])[\"']?\s*[:=]\s*[\"']?"
            r"(?:bearer|basic|token)?\s*[^\s\"',;]+"
        ),
    ),
    ("bearer_token", ("bearer",), r"bearer(?<![a-z0-9_]bearer)\s+[a-z0-9._~+/=-]{16,}"),
    # key = "value" assignments whose name says it is a secret (a name prefix such as
    # OPENAI_ may stay: the value is what matters).
    (
        "secret_assignment",
        ("key", "secret", "token", "passw"),
        (
            r"(?:api[_-]?key|secret|token|password|passwd)[\w-]*[\"']?\s*[:=]\s*"
            r"[\"']?[^\s\"',;]{8,}[\"']?"
        ),
    ),
)
_WORD_PATTERNS: Final = tuple(
    (kind, words, lazy_pattern(pattern), lazy_pattern(pattern, re.IGNORECASE))
    for kind, words, pattern in _WORDS
)

# The domain part, found from its "@"; the local part is taken by walking back from there.
_EMAIL_DOMAIN: Final = lazy_pattern(r"@[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?![A-Za-z0-9])")
_EMAIL_LOCAL: Final = frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._%+-"
)

REDACTION_KINDS: Final = (
    *(kind for kind, _, _, _ in _TOKENS),
    *(kind for kind, _, _ in _WORDS),
    "email",
)


def redact(text: str) -> tuple[str, int]:
    """The text with every secret-looking span replaced, and how many were replaced."""
    total = 0
    # Loops rather than any() over generators: each answer passes a dozen of these tests,
    # and a generator costs more than the search of a short text.
    for kind, character, literals, pattern in _TOKENS:
        if character not in text:
            continue
        for literal in literals:
            if literal in text:
                text, count = pattern.subn(f"[REDACTED:{kind}]", text)
                total += count
                break
    lowered = text.lower()
    for kind, words, folded, any_case in _WORD_PATTERNS:
        for word in words:
            if word in lowered:
                break
        else:
            continue  # none of its words occurs
        marker = f"[REDACTED:{kind}]"
        if text.isascii():
            spans = (match.span() for match in folded.finditer(lowered))
            text, count = _replace_spans(text, spans, marker)
        else:
            text, count = any_case.subn(marker, text)
        if count:
            total += count
            lowered = text.lower()
    if "@" in text:
        text, count = _replace_spans(text, _email_spans(text), "[REDACTED:email]")
        total += count
    return text, total


def _replace_spans(text: str, spans: Iterable[tuple[int, int]], marker: str) -> tuple[str, int]:
    """``text`` with each (start, end) span, in order and not overlapping, replaced."""
    parts: list[str] = []
    done = count = 0
    for start, end in spans:
        parts += [text[done:start], marker]
        done = end
        count += 1
    if not count:
        return text, 0
    parts.append(text[done:])
    return "".join(parts), count


def _email_spans(text: str) -> Iterator[tuple[int, int]]:
    done = 0
    for match in _EMAIL_DOMAIN.finditer(text):
        start = match.start()
        while start > done and text[start - 1] in _EMAIL_LOCAL:
            start -= 1
        if start == match.start():
            continue  # "@handle.com" with no local part is not an address
        yield start, match.end()
        done = match.end()


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
