"""Encoded payloads inside a text: base64, URL encoding and string escapes, decoded.

An instruction can be hidden as ``QnV5IDEwMCBTUFk=``, ``buy%20100%20SPY``,
``Buy+100+shares+of+SPY`` (a query string's spaces), ``\u0042uy`` or as a JSON document
escaped inside a string (``"{\"side\":\"buy\"}"``). A base64 or URL stretch is decoded
only when the result is readable text (valid UTF-8, almost all printable), so a long
identifier or a hash is left alone.
"""

from __future__ import annotations

import base64
import binascii
import functools
import urllib.parse
from collections.abc import Iterator
from typing import Final

import msgspec

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import Edit, Taken, char_offsets, utf8

__all__ = [
    "BASE64_RUN",
    "ESCAPE_TRIGGER",
    "URL_TRIGGER",
    "base64_runs",
    "decode_base64",
    "encoded_payload",
    "escape_edits",
    "payload_edits",
]

# Whitespace-free stretches. What a base64 stretch is; :func:`base64_runs` finds the same ones.
BASE64_RUN: Final = lazy_pattern(r"[A-Za-z0-9+/_-]{16,}={0,2}")
URL_TRIGGER: Final = r"%[0-9A-Fa-f]{2}"
# Words joined by "+" (a query string's spaces): three pieces or more, one with a letter.
_PLUS_RUN: Final = lazy_pattern(r"[^\s+&#?=\"'<>]+(?:\+[^\s+&#?=\"'<>]+){2,}")
# String escapes: a JSON string holding escaped quotes (decoded whole), or one escape.
ESCAPE_TRIGGER: Final = r"\\(?:u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[\"nrt/\\])"
# A quoted string's body as far as it reads (plain runs and escapes), each taken once.
_STRING_BODY: Final = lazy_pattern(r'(?:[^"\\\n]++|\\.)*+')
_STRING_ITEM: Final = lazy_pattern(r'[^"\\\n]|\\.')
# The most characters and escapes a decoded string may hold.
_MAX_STRING: Final = 100_000
_ESCAPE: Final = lazy_pattern(ESCAPE_TRIGGER)
_SIMPLE_ESCAPES: Final = {'"': '"', "n": "\n", "r": "\n", "t": " ", "/": "/", "\\": "\\"}
_URL_RUN: Final = lazy_pattern(r"[^\s\"'<>]*%[0-9A-Fa-f]{2}[^\s\"'<>]*")
_URL_ESCAPE: Final = lazy_pattern(URL_TRIGGER)
_MIN_PRINTABLE: Final = 0.9


# Capitalised words run together. Written so that each letter has one place in the match:
# "(?:[A-Z]?[a-z]+)+" says the same, but splits a run of small letters in every way before
# it fails, which is exponential in the run's length.
_WORDS: Final = lazy_pattern(r"[A-Z]?[a-z]+(?:[A-Z][a-z]+)*")


def decode_base64(run: str) -> str | None:
    """The text a base64 (or base64url) stretch encodes, or None when it is not text.

    Capitalised words run together ("UncertaintyAssessment") are identifiers, not
    payloads, and are not tried.
    """
    return _decode_short(run) if len(run) <= _SHORT_RUN else _decode(run)


# The long type names and keys of typed answers, which every quick look meets, repeat
# from answer to answer: a short stretch's answer is cached (a long one is not kept).
_SHORT_RUN: Final = 64


@functools.lru_cache(maxsize=4096)
def _decode_short(run: str) -> str | None:
    return _decode(run)


def _decode(run: str) -> str | None:
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


def base64_runs(text: str) -> list[tuple[int, int]]:
    """Every stretch of 16 or more base64 characters with its padding, as (start, end).

    Found in the byte classes with C-level searches: the stretches ``[A-Za-z0-9+/_-]{16,}``
    followed by up to two ``=`` would find, without trying the pattern at every position.
    """
    data = utf8(text)
    classes = data.translate(_RUN_CLASSES)
    bounds: list[int] = []
    position = classes.find(_MIN_RUN)
    while position >= 0:
        # The first 16 in a row after a separator: the stretch starts here.
        end = classes.find(b" ", position)
        end = len(classes) if end < 0 else end
        bounds += (position, end)
        position = classes.find(_MIN_RUN, end)
    if not bounds:
        return []
    # ASCII (the common case): a byte offset is a character offset.
    offsets = bounds if len(data) == len(text) else list(char_offsets(text, data, bounds))
    starts, ends = offsets[::2], offsets[1::2]
    return [(start, end + _padding(text, end)) for start, end in zip(starts, ends, strict=True)]


def _padding(text: str, end: int) -> int:
    """How many ``=`` (at most two) follow a stretch."""
    pad = text[end : end + 2]
    return len(pad) - len(pad.lstrip("=")) if pad.startswith("=") else 0


def encoded_payload(text: str) -> bool:
    """Whether :func:`payload_edits` would decode anything in ``text``."""
    if "%" in text and any(True for _ in payload_edits_url(text)):
        return True
    if "+" in text and any(True for _ in _plus_edits(text, Taken(()))):
        return True
    return any(decode_base64(text[start:end]) is not None for start, end in base64_runs(text))


def payload_edits_url(text: str) -> list[Edit]:
    edits: list[Edit] = []
    # Every run holds an escape; the escape alone is found far faster than the runs.
    if _URL_ESCAPE.search(text) is None:
        return edits
    for match in _URL_RUN.finditer(text):
        decoded = urllib.parse.unquote_plus(match.group(), errors="replace")
        if "\ufffd" in decoded and "\ufffd" not in match.group():
            continue  # no encoding: a percentage before a word ("2%DelPatrimonio", "5%De")
        if decoded != match.group() and _readable(decoded):
            edits.append(Edit(match.start(), match.end(), f" {decoded} "))
    return edits


def payload_edits(text: str) -> list[Edit]:
    """Edits that replace each decodable payload of ``text`` by its decoded text."""
    edits = payload_edits_url(text) if "%" in text else []
    taken = Taken((e.start, e.end) for e in edits)
    for start, end in base64_runs(text):
        if taken.overlaps(start, end):
            continue
        text_of = decode_base64(text[start:end])
        if text_of is not None:
            # A hidden text is read on its own: it starts a sentence, whatever it is glued
            # to ("… the day after Decoded note (base64): TGlmdCB0aGUg…").
            edits.append(Edit(start, end, f"\n{text_of}\n"))
    if "+" in text:
        edits.extend(_plus_edits(text, Taken((e.start, e.end) for e in edits)))
    edits.sort()
    return edits


def _plus_edits(text: str, taken: Taken) -> list[Edit]:
    """Each "+" of a run of words joined by "+" read as a space (a decoded stretch aside)."""
    edits: list[Edit] = []
    for match in _PLUS_RUN.finditer(text):
        start, end = match.span()
        if not any(ch.isalpha() for ch in match.group()):
            continue
        if taken.overlaps(start, end):
            continue
        edits.append(Edit(start, end, match.group().replace("+", " ")))
    return edits


def escape_edits(text: str) -> list[Edit]:
    """String escapes decoded: a quoted string with escaped quotes as the text it holds
    (``"{\"side\":\"buy\"}"`` reads ``{"side":"buy"}``), every other escape as its character.
    """
    edits: list[Edit] = []
    if _ESCAPE.search(text) is None:
        return edits
    end = 0
    if '\\"' in text:
        for start, stop in escaped_strings(text):
            if '\\"' not in text[start + 1 : stop - 1]:
                continue
            try:
                decoded = msgspec.json.decode(text[start:stop].encode())
            except msgspec.DecodeError:
                continue
            if isinstance(decoded, str):
                edits.append(Edit(start, stop, f" {decoded} "))
    taken = Taken((e.start, e.end) for e in edits)
    for match in _ESCAPE.finditer(text):
        start = match.start()
        if start < end or taken.holds(start):
            continue
        escape = match.group()[1:]
        if escape[0] in "ux":
            character = chr(int(escape[1:], 16))
            replacement = character if character.isprintable() else " "
        else:
            replacement = _SIMPLE_ESCAPES[escape]
        edits.append(Edit(start, match.end(), replacement))
        end = match.end()
    edits.sort()
    return edits


def escaped_strings(text: str, limit: int = _MAX_STRING) -> Iterator[tuple[int, int]]:
    r"""The spans of the quoted strings of ``text`` (on one line, with escapes, at most
    ``limit`` characters and escapes inside), left to right: what
    ``"((?:[^"\\\n]|\\.){0,limit})"`` finds.

    Hand-written because that pattern, tried at every quote, reads a line of escaped
    quotes (``\"\"\"…``) once per quote: quadratic. Here a body is read once. A quote
    inside a body is escaped there, and a string opened at it reads on exactly as the
    body does: it ends where the body ends, and fails where the body fails.
    """
    position = text.find('"')
    while position >= 0:
        body = _STRING_BODY.match(text, position + 1)
        end = body.end() if body is not None else position + 1
        if end == len(text) or text[end] != '"':
            # A line end, a stray backslash or the end: no quote of the body closes either.
            position = text.find('"', end)
            continue
        start: int | None = position
        if end - position - 1 > limit:
            start = _first_within(text, position, end, limit)
        if start is None:
            position = end  # the closing quote may open the next string
            continue
        yield start, end + 1
        position = text.find('"', end + 1)


def _first_within(text: str, opening: int, closing: int, limit: int) -> int | None:
    """Of the quotes that open a body ending at ``closing`` (the opening one, then each
    escaped quote of the body), the first whose string holds at most ``limit`` items."""
    items = [match.group() for match in _STRING_ITEM.finditer(text, opening + 1, closing)]
    if len(items) <= limit:
        return opening
    position = opening + 1
    for index, item in enumerate(items):
        position += len(item)
        if item == '\\"' and len(items) - index - 1 <= limit:
            return position - 1
    return None
