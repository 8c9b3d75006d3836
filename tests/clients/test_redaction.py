"""Redaction: secrets of the common shapes are replaced and counted; prose is left alone."""

from __future__ import annotations

import pytest

from orchestrator.core import redaction
from orchestrator.core.calls import CallMeta, ChatResponse, Usage
from orchestrator.core.redaction import redact, redact_response

# Built at run time so that no secret-shaped literal sits in the repository.
OPENAI_KEY = "sk-proj-" + "Ab3dEf6hIj9kLm2nOp5qRs8t"
BEARER = "Bearer " + "eyZ0" * 8
AWS = "AKIA" + "ABCDEFGHIJKLMNOP"
GITHUB = "ghp_" + "a1B2c3D4e5" * 4
GITHUB_PAT = "github_pat_" + "a1B2c3D4e5" * 4
SLACK = "xoxb-" + "1234567890-abcdef"
GOOGLE = "AIza" + "Sy0123456789abcdefghijklmnopqrstuvw"
JWT = ".".join(("eyJ" + "hbGciOiJI", "eyJ" + "zdWIiOiIx", "c2lnbmF0dXJl"))
ARMOUR = "RSA " + "PRIVATE KEY-----"
PRIVATE_KEY = f"-----BEGIN {ARMOUR}\nMIIB\n-----END {ARMOUR}"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (f"use {OPENAI_KEY} for the call", "api_key"),
        (f"Authorization: {BEARER}", "authorization"),
        (f"the header was {BEARER}", "bearer_token"),
        (f"key {AWS} leaked", "aws_access_key"),
        (f"token {GITHUB}", "github_token"),
        (f"pat {GITHUB_PAT}", "github_token"),
        (f"slack {SLACK} here", "slack_token"),
        (f"maps {GOOGLE}", "google_api_key"),
        (f"session {JWT}", "jwt"),
        (f"pem:\n{PRIVATE_KEY}\nend", "private_key"),
        ('api_key = "0123456789abcdef"', "secret_assignment"),
        ("write to ops-desk@example.com today", "email"),
    ],
)
def test_secrets_are_replaced(text: str, kind: str) -> None:
    """Each common secret shape is replaced by a marker naming its kind."""
    redacted, count = redact(text)
    assert count == 1
    assert f"[REDACTED:{kind}]" in redacted
    for secret in (OPENAI_KEY, BEARER, AWS, GITHUB, GITHUB_PAT, SLACK, GOOGLE, JWT, PRIVATE_KEY):
        assert secret not in redacted
    for secret in ("0123456789abcdef", "ops-desk@example.com"):
        assert secret not in redacted


@pytest.mark.parametrize(
    "text",
    [
        "No trade when VIX > 30.",
        "Tokenisation of assets and secret sauce of the carry trade are themes.",
        "Keep the key levels: 4,500 and 4,350.",
    ],
)
def test_prose_is_untouched(text: str) -> None:
    """Ordinary outlook prose passes unchanged."""
    assert redact(text) == (text, 0)


def test_redaction_is_idempotent() -> None:
    """Redacting redacted text changes nothing more."""
    once, _ = redact(f"{OPENAI_KEY} and {BEARER}")
    assert redact(once) == (once, 0)


def test_response_redaction_counts_content_and_reasoning() -> None:
    """Both the answer and the reasoning are redacted; the count is kept in the call record."""
    response = ChatResponse(
        content=f"key {OPENAI_KEY}",
        meta=CallMeta(
            call_id="c",
            response_id="r",
            model="m",
            finish_reason="stop",
            usage=Usage(),
            latency_ms=0,
            reasoning_content=f"I saw {AWS}",
        ),
    )
    clean = redact_response(response)
    assert clean.content == "key [REDACTED:api_key]"
    assert clean.meta.reasoning_content == "I saw [REDACTED:aws_access_key]"
    assert clean.meta.redactions == 2


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("x AUTHORIZATION=basic Zm9vOmJhcg==", "x [REDACTED:authorization]"),
        ("Ünïcode api_key = 'supersecret123'", "Ünïcode [REDACTED:secret_assignment]"),
        ("mail a.b+c@ex-ample.co.uk now", "mail [REDACTED:email] now"),
        ("risk-policy and task-list", "risk-policy and task-list"),
        ("@handle.com is not an address", "@handle.com is not an address"),
        (f"X{AWS} is glued to a word", f"X{AWS} is glued to a word"),
    ],
)
def test_case_word_boundaries_and_non_ascii(text: str, expected: str) -> None:
    """Any case, non-ASCII text, and word boundaries: redacted exactly where they should be."""
    assert redact(text)[0] == expected


_SECRETS = (OPENAI_KEY, AWS, "ASIA" + AWS[4:], GITHUB, GITHUB_PAT, SLACK, GOOGLE, JWT, PRIVATE_KEY)
_CONTEXTS = (
    "{}",
    "risk-{} ",
    "x{}",
    "The key is {}; keep it.",
    "A-{}-Z",
    '{{"note": "{}", "id": "scn-base"}}',
    "Ünïcödé {} text",
)


@pytest.mark.parametrize("secret", _SECRETS)
@pytest.mark.parametrize("context", _CONTEXTS)
def test_skipping_a_token_pattern_never_skips_a_match(
    secret: str, context: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The character and literals that let a token pattern be skipped hold in every match:
    the result is the one of every pattern run on every text."""
    text = context.format(secret)
    gated = redact(text)
    always = tuple(("", ("",), kind, pattern) for kind, _, _, pattern in redaction._TOKENS)
    monkeypatch.setattr(
        redaction, "_TOKENS", tuple((kind, c, lit, p) for c, lit, kind, p in always)
    )
    assert gated == redact(text)
    # A token glued to a letter before it is not one (the patterns' look-behinds); a
    # private key's armour line is one anywhere.
    assert (gated[1] >= 1) == (context != "x{}" or secret == PRIVATE_KEY)
