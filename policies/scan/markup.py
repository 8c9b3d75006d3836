"""Markup that hides words: HTML, Markdown emphasis inside a word, letter spacing.

``B<b></b>uy``, ``B**u**y``, ``&#66;uy`` and ``B U Y`` all read "Buy". Each function
returns edits (:mod:`policies.scan.textmap`) so findings keep their original offsets.
"""

from __future__ import annotations

import bisect
import html
from collections.abc import Iterator
from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import Edit, char_offsets

__all__ = [
    "EMPHASIS_TRIGGER",
    "HTML_TRIGGER",
    "emphasis_edits",
    "html_edits",
    "letter_spaced",
    "letter_spacing_edits",
]

HTML_TRIGGER: Final = r"<[A-Za-z/!]|&#?[A-Za-z0-9]{2,10};"
# Bounded and stopped by the next "<": each attempt reads at most to the next tag start.
_TAG: Final = lazy_pattern(r"<!--[^<>]{0,2000}?-->|</?([A-Za-z][A-Za-z0-9]{0,10})\b[^<>]{0,500}>")
_ENTITY: Final = lazy_pattern(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,10});")
# Tags that render inside a line of text: removing them joins what they split.
_INLINE: Final = frozenset(
    [
        "a",
        "abbr",
        "b",
        "big",
        "code",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "ins",
        "kbd",
        "mark",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "tt",
        "u",
        "var",
        "wbr",
    ]
)

# A run of marks between two letters or digits. The pattern opens with the mark, not with
# the look behind, so the engine skips to the next mark instead of trying every position.
EMPHASIS_TRIGGER: Final = r"[*~`](?<=[A-Za-z0-9][*~`])[*~`]*(?=[A-Za-z0-9])"
_EMPHASIS: Final = lazy_pattern(EMPHASIS_TRIGGER)

# Three or more single letters or digits, each followed by one separator: "B U Y",
# "b-u-y", "S.P.Y". A run takes the whole stretch, so the search stays linear.
LETTER_SPACING: Final = r"(?<![A-Za-z0-9])(?:[A-Za-z0-9][ ._*\-]){2,}[A-Za-z0-9](?![A-Za-z0-9])"
_SPACED: Final = lazy_pattern(LETTER_SPACING)
# Byte classes for a quick look for letter spacing: letters and digits "a", the spacing
# separators " ", anything else "|". A spaced run then shows as "a a a" in the classes.
_LETTER: Final = ord("a")
_CLASSES: Final = bytes.maketrans(
    bytes(range(256)),
    bytes(
        ord("a")
        if chr(b).isascii() and chr(b).isalnum()
        else ord(" ")
        if chr(b) in " ._*-"
        else ord("|")
        for b in range(256)
    ),
)


def letter_spaced(text: str) -> bool:
    """Whether :data:`LETTER_SPACING` matches ``text``, found with C-level searches only."""
    classes = text.encode(errors="surrogatepass").translate(_CLASSES)
    # A run of three or more single characters: its first three show as "a a a" with no
    # letter before, and then the third is followed by a separator or nothing.
    return any(classes[p + 5 : p + 6] != b"a" for p in _spacing_starts(classes))


def _spacing_starts(classes: bytes) -> Iterator[int]:
    """Byte offsets where a letter-spaced run may start: "a a a" with no letter before."""
    position = classes.find(b"a a a")
    while position >= 0:
        if position == 0 or classes[position - 1] != _LETTER:
            yield position
        position = classes.find(b"a a a", position + 1)


_SEPARATOR: Final = lazy_pattern(r"[ ._*\-]")
_CLASS_CHANGE: Final = lazy_pattern(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


def html_edits(text: str) -> list[Edit]:
    """Entities decoded; inline tags removed, block tags and comments read as a space."""
    edits: list[Edit] = []
    for match in _TAG.finditer(text):
        name = (match.group(1) or "").lower()
        edits.append(Edit(match.start(), match.end(), "" if name in _INLINE else " "))
    # The tags do not overlap and come in order: the one an entity may stand in is the last
    # that starts at or before it (a bisection, not a walk over every tag per entity).
    tag_starts = [edit.start for edit in edits]
    tags = len(edits)
    for match in _ENTITY.finditer(text):
        decoded = html.unescape(match.group())
        if decoded == match.group():
            continue
        before = bisect.bisect_right(tag_starts, match.start(), 0, tags) - 1
        if before < 0 or match.start() >= edits[before].end:
            edits.append(Edit(match.start(), match.end(), decoded))
    edits.sort()
    return edits


def emphasis_edits(text: str) -> list[Edit]:
    """Markdown emphasis marks between two letters removed: ``B**u**y`` reads ``Buy``."""
    return [Edit(m.start(), m.end(), "") for m in _EMPHASIS.finditer(text)]


def letter_spacing_edits(text: str) -> list[Edit]:
    """Letter-spaced words joined; letters and digits stay apart (``b u y 1 0 0``)."""
    edits: list[Edit] = []
    if not letter_spaced(text):
        return edits
    # A run starts only where the byte classes show one may: the pattern is tried there,
    # in order, as its own search would try it, but not at every other position.
    data = text.encode(errors="surrogatepass")
    end = 0
    for start in char_offsets(text, data, _spacing_starts(data.translate(_CLASSES))):
        match = _SPACED.match(text, start) if start >= end else None
        if match is not None:
            joined = _SEPARATOR.sub("", match.group())
            edits.append(Edit(match.start(), match.end(), _CLASS_CHANGE.sub(" ", joined)))
            end = match.end()
    return edits
