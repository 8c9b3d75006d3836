"""Rewriting a text while keeping the way back to the original offsets.

Normalisation replaces stretches of a field (a folded letter, a decoded payload, a stripped
tag); a finding must still name its span in the field *as given*. Each rewrite records its
edits, and :class:`TextMap` maps a span of the final text back through every rewrite. A
span that starts or ends inside a replacement widens to the whole replaced stretch.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from typing import NamedTuple

__all__ = ["Edit", "Taken", "TextMap", "char_offsets", "coalesce", "rewrite", "rewritten", "utf8"]


class Edit(NamedTuple):
    """Replace ``text[start:end]`` (offsets in the text being rewritten) by ``replacement``."""

    start: int
    end: int
    replacement: str


class _Layer(NamedTuple):
    new_starts: list[int]
    new_ends: list[int]
    old_starts: list[int]
    old_ends: list[int]

    def start(self, position: int) -> int:
        i = bisect.bisect_right(self.new_starts, position) - 1
        if i < 0:
            return position
        if position < self.new_ends[i]:
            return self.old_starts[i]
        if position == self.new_starts[i] == self.new_ends[i]:
            return self.old_starts[i]  # a span starting where a tag was removed includes it
        return position + self.old_ends[i] - self.new_ends[i]

    def end(self, position: int) -> int:
        i = bisect.bisect_left(self.new_starts, position) - 1
        if i < 0:
            return position
        if position <= self.new_ends[i]:
            return self.old_ends[i]
        return position + self.old_ends[i] - self.new_ends[i]


class TextMap:
    """The rewrites from an original text to its final form, newest last."""

    __slots__ = ("_layers",)

    def __init__(self) -> None:
        self._layers: list[_Layer] = []

    def push(self, layer: _Layer | None) -> None:
        if layer is not None:
            self._layers.append(layer)

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The span in the original text that ``[start, end)`` of the final text came from."""
        for layer in reversed(self._layers):
            start, end = layer.start(start), layer.end(end)
        return start, max(start, end)


def rewrite(text: str, edits: Iterable[Edit]) -> tuple[str, _Layer | None]:
    """``text`` with the edits applied (sorted, non-overlapping), and their layer for a map."""
    pieces: list[str] = []
    new_starts: list[int] = []
    new_ends: list[int] = []
    old_starts: list[int] = []
    old_ends: list[int] = []
    cursor = 0
    length = 0
    for edit in edits:
        if edit.start < cursor:
            continue  # overlapping: the earlier edit wins
        pieces.append(text[cursor : edit.start])
        length += edit.start - cursor
        new_starts.append(length)
        pieces.append(edit.replacement)
        length += len(edit.replacement)
        new_ends.append(length)
        old_starts.append(edit.start)
        old_ends.append(edit.end)
        cursor = edit.end
    if not new_starts:
        return text, None
    pieces.append(text[cursor:])
    return "".join(pieces), _Layer(new_starts, new_ends, old_starts, old_ends)


def rewritten(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with the edits applied as :func:`rewrite` applies them, without the layer
    (the gate's quick form needs no way back)."""
    pieces: list[str] = []
    cursor = 0
    for start, end, replacement in edits:
        if start < cursor:
            continue  # overlapping: the earlier edit wins
        pieces += (text[cursor:start], replacement)
        cursor = end
    pieces.append(text[cursor:])
    return "".join(pieces)


def coalesce(text: str, edits: list[Edit], gap: int = 16, limit: int = 512) -> list[Edit]:
    """Edits close together (at most ``gap`` apart, ``limit`` long in all) made one.

    The text they give is the same; a span of the result that starts or ends inside the
    merged stretch maps to all of it. A long field with an edit every few characters
    (a megabyte of ``a+b+``) is then rewritten with a few thousand edits, not a million.
    """
    merged: list[Edit] = []
    start = end = -1
    pieces: list[str] = []
    for edit in edits:
        if edit.start < end:
            continue  # overlapping: the earlier edit wins, as in rewrite()
        if pieces and edit.start - end <= gap and edit.end - start <= limit:
            pieces.append(text[end : edit.start])
        else:
            if pieces:
                merged.append(Edit(start, end, "".join(pieces)))
            pieces = []
            start = edit.start
        pieces.append(edit.replacement)
        end = edit.end
    if pieces:
        merged.append(Edit(start, end, "".join(pieces)))
    return merged


def utf8(text: str) -> bytes:
    """The UTF-8 bytes of ``text`` (lone surrogates kept), for the quick looks over bytes.

    ``isascii`` is a flag of the string: an ASCII text is encoded by a plain copy, without
    the error handler's lookup, which costs more than the copy on a field of a few kB.
    """
    return text.encode() if text.isascii() else text.encode(errors="surrogatepass")


def char_offsets(text: str, data: bytes, offsets: Iterable[int]) -> Iterator[int]:
    """The offsets in ``text`` of ascending byte offsets into ``data``, its UTF-8 encoding.

    The scanner's quick looks run over bytes (``bytes.translate`` and ``find`` work in C);
    what they find is an ASCII character, so each offset starts a character. The stretch
    between two offsets is decoded once to count its characters: linear in the text.
    """
    if len(data) == len(text):
        yield from offsets  # ASCII: a byte is a character
        return
    chars = previous = 0
    for offset in offsets:
        chars += len(data[previous:offset].decode(errors="surrogatepass"))
        previous = offset
        yield chars


class Taken:
    """Stretches already edited (non-overlapping), asked about by bisection.

    A step that must not edit inside another's stretches asks once per candidate; a walk
    over every stretch per candidate made a text of many of both quadratic.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self._starts = [start for start, _ in ordered]
        self._ends = [end for _, end in ordered]

    def overlaps(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a stretch (``s < end and start < e``)."""
        # Of the stretches starting before ``end``, the last reaches furthest.
        i = bisect.bisect_left(self._starts, end) - 1
        return i >= 0 and self._ends[i] > start

    def holds(self, position: int) -> bool:
        """Whether ``position`` lies in a stretch (``s <= position < e``)."""
        i = bisect.bisect_right(self._starts, position) - 1
        return i >= 0 and position < self._ends[i]
