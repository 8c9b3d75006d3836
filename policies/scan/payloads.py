"""Encoded payloads inside a text: base64 and URL (percent) encoding, decoded for rescanning.

An instruction can be hidden as ``QnV5IDEwMCBTUFk=`` or ``buy%20100%20SPY``. A stretch is
decoded only when the result is readable text (valid UTF-8, almost all printable), so a
long identifier or a hash is left alone.
"""

from __future__ import annotations

import base64
import binascii
import urllib.parse
from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import Edit

__all__ = ["BASE64_RUN", "URL_TRIGGER", "decode_base64", "encoded_payload", "payload_edits"]

# Whitespace-free stretches; both patterns scan each character once.
BASE64_RUN: Final = lazy_pattern(r"[A-Za-z0-9+/_-]{16,}={0,2}")
URL_TRIGGER: Final = r"%[0-9A-Fa-f]{2}"
_URL_RUN: Final = lazy_pattern(r"[^\s\"'<>]*%[0-9A-Fa-f]{2}[^\s\"'<>]*")
_MIN_PRINTABLE: Final = 0.9


_WORDS: Final = lazy_pattern(r"(?:[A-Z]?[a-z]+)+")


def decode_base64(run: str) -> str | None:
    """The text a base64 (or base64url) stretch encodes, or None when it is not text.

    Capitalised words run together ("UncertaintyAssessment") are identifiers, not
    payloads, and are not tried.
    """
    if _WORDS.fullmatch(run):
        return None
    body = run.rstrip("=")
    if len(body) % 4 == 1:
        return None
    padded = body + "=" * (-len(body) % 4)
    altchars = b"-_" if ("-" in body or "_" in body) else None
    if altchars and ("+" in body or "/" in body):
        return None
    try:
        data = base64.b64decode(padded, altchars=altchars, validate=True)
        text = data.decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    return text if _readable(text) else None


def _readable(text: str) -> bool:
    if len(text) < 4 or not any(ch.isalpha() for ch in text):
        return False
    printable = sum(1 for ch in text if ch.isprintable() or ch in "\n\t")
    return printable >= _MIN_PRINTABLE * len(text)


_RUN_CLASSES: Final = bytes.maketrans(
    bytes(range(256)),
    bytes(
        ord("b") if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "+/_-") else ord(" ")
        for b in range(256)
    ),
)
_MIN_RUN: Final = b"b" * 16


def _runs(text: str) -> list[str]:
    """Every stretch of 16 or more base64 characters (and its padding)."""
    classes = text.encode(errors="surrogatepass").translate(_RUN_CLASSES)
    if classes.find(_MIN_RUN) < 0:
        return []
    if not text.isascii():
        return [m.group() for m in BASE64_RUN.finditer(text)]
    runs = []
    position = classes.find(_MIN_RUN)
    while position >= 0:
        start = classes.rfind(b" ", 0, position) + 1
        end = classes.find(b" ", position)
        end = len(classes) if end < 0 else end
        runs.append(text[start:end] + _padding(text, end))
        position = classes.find(_MIN_RUN, end)
    return runs


def _padding(text: str, end: int) -> str:
    pad = text[end : end + 2]
    return pad[: len(pad) - len(pad.lstrip("="))] if pad.startswith("=") else ""


def encoded_payload(text: str) -> bool:
    """Whether :func:`payload_edits` would decode anything in ``text``."""
    if "%" in text and any(True for _ in payload_edits_url(text)):
        return True
    return any(decode_base64(run) is not None for run in _runs(text))


def payload_edits_url(text: str) -> list[Edit]:
    edits: list[Edit] = []
    for match in _URL_RUN.finditer(text):
        decoded = urllib.parse.unquote_plus(match.group(), errors="replace")
        if decoded != match.group() and _readable(decoded):
            edits.append(Edit(match.start(), match.end(), f" {decoded} "))
    return edits


def payload_edits(text: str) -> list[Edit]:
    """Edits that replace each decodable payload of ``text`` by its decoded text."""
    edits = payload_edits_url(text) if "%" in text else []
    taken = [(e.start, e.end) for e in edits]
    for match in BASE64_RUN.finditer(text) if _runs(text) else ():
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        text_of = decode_base64(match.group())
        if text_of is not None:
            edits.append(Edit(match.start(), match.end(), f" {text_of} "))
    edits.sort()
    return edits
