"""Each free-text field normalised once, with a map back to the field as given.

The steps, in order: Unicode folded (:func:`policies.normalize.fold_cased`: NFKC,
invisible characters, look-alike letters); encoded payloads decoded (base64, URL encoding;
up to three rounds, for payloads inside payloads); HTML entities decoded and tags
stripped; Markdown emphasis inside words removed; letter-spaced words joined; FIX tags
named; camelCase identifiers split. Identifiers are split on ``-`` and ``_`` by the
lexer, and numbers in words are read by the lexer too. The result is lower-cased.

:func:`quick_form` is the gate's shortcut: when no step but folding and splitting can
change a text, its normalised form is computed without a map, and the same words come out.
"""

from __future__ import annotations

from typing import Final, NamedTuple

from orchestrator.core.patterns import lazy_pattern
from policies.normalize import fold_cased
from policies.scan.fix import FIX_TRIGGER, fix_edits
from policies.scan.markup import (
    EMPHASIS_TRIGGER,
    HTML_TRIGGER,
    emphasis_edits,
    html_edits,
    letter_spaced,
    letter_spacing_edits,
)
from policies.scan.payloads import URL_TRIGGER, encoded_payload, payload_edits
from policies.scan.textmap import Edit, TextMap, rewrite

__all__ = ["Normalised", "normalise", "quick_form"]

_PAYLOAD_ROUNDS: Final = 3
_NON_ASCII: Final = lazy_pattern(r"[^\x00-\x7f]+")
_CAMEL: Final = lazy_pattern(r"(?<=[a-z])(?=[A-Z])")
# Each step's trigger, looked for only when its telling character occurs at all.
_TRIGGERS: Final = (
    ("%", lazy_pattern(URL_TRIGGER)),
    ("<&", lazy_pattern(HTML_TRIGGER)),
    ("*~`", lazy_pattern(EMPHASIS_TRIGGER)),
    ("=", lazy_pattern(FIX_TRIGGER)),
)
_CASE_CLASSES: Final = bytes.maketrans(
    bytes(range(256)),
    bytes(
        ord("l") if 97 <= b <= 122 else ord("U") if 65 <= b <= 90 else ord(" ") for b in range(256)
    ),
)


class Normalised(NamedTuple):
    """A field's normalised text (lower case), the same with its case kept, and the map."""

    text: str
    cased: str
    map: TextMap


def _fold(text: str) -> str:
    return fold_cased(text).replace("ß", "ss").replace("ẞ", "SS")


def normalise(raw: str) -> Normalised:
    """Normalise one field; :class:`TextMap` leads back to offsets in ``raw``."""
    mapping = TextMap()
    text = _apply(raw, _fold_edits(raw), mapping)
    for _ in range(_PAYLOAD_ROUNDS):
        edits = payload_edits(text)
        if not edits:
            break
        text = _apply(text, edits, mapping)
        text = _apply(text, _fold_edits(text), mapping)
    for step in (html_edits, emphasis_edits, letter_spacing_edits, fix_edits):
        text = _apply(text, step(text), mapping)
    text = _apply(text, [Edit(p, p, " ") for p in _camel_humps(text)], mapping)
    return Normalised(_lower(text), text, mapping)


def quick_form(raw: str) -> str | None:
    """The normalised text of ``raw`` when only folding and splitting apply, else None."""
    folded = _fold(raw)
    for marks, trigger in _TRIGGERS:
        if any(mark in folded for mark in marks) and trigger.search(folded) is not None:
            return None
    if letter_spaced(folded) or encoded_payload(folded):
        return None
    humps = _camel_humps(folded)
    if humps:
        pieces = []
        previous = 0
        for position in humps:
            pieces.append(folded[previous:position])
            previous = position
        pieces.append(folded[previous:])
        folded = " ".join(pieces)
    return _lower(folded)


def _camel_humps(text: str) -> list[int]:
    """Offsets where a lower-case letter is followed by a capital ("camelCase")."""
    classes = text.encode(errors="surrogatepass").translate(_CASE_CLASSES)
    if not text.isascii():
        # Multi-byte characters shift byte offsets; the regex keeps character offsets.
        return [m.start() for m in _CAMEL.finditer(text)]
    # One C-level split at every lower-upper pair; the pieces' lengths give the offsets.
    humps = []
    position = 0
    for piece in classes.split(b"lU")[:-1]:
        position += len(piece) + 1
        humps.append(position)
        position += 1
    return humps


def _fold_edits(text: str) -> list[Edit]:
    if text.isascii():
        return []
    edits = []
    for match in _NON_ASCII.finditer(text):
        folded = _fold(match.group())
        if folded != match.group():
            edits.append(Edit(match.start(), match.end(), folded))
    return edits


def _apply(text: str, edits: list[Edit], mapping: TextMap) -> str:
    if not edits:
        return text
    text, layer = rewrite(text, edits)
    mapping.push(layer)
    return text


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few letters lower-case to two characters; keeping offsets matters more.
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
