"""Sentences split across fields: one left open where its paragraph ends, one that continues
it (opening in lower case) elsewhere in the document.

"The VaR limit of the desk" closing one field and "is to be raised to $12m from tomorrow."
in another, "Next step for the runner: switch" and "from paper to live on Monday.": each
half is harmless, read together they are an instruction. The scanner reads such a pair as
one sentence when their words together open a family of directives that neither opens
alone (:mod:`policies.scan.gate`); this module only finds the halves, in the fields as given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Final, NamedTuple

from orchestrator.core.patterns import lazy_pattern

__all__ = [
    "Piece",
    "closing_sentence",
    "continuations",
    "first_opening",
    "open_ends",
    "openings",
    "question_ends",
]

# Longer halves are sentences of their own, not halves of one.
_MAX: Final = 240
_STOPS: Final = ".!?;"
# A sentence stop and the blanks after it: a continuation may start there.
_STOP: Final = lazy_pattern(r"[.!?;][ \t]+")
# List marks and emphasis before a line's first word.
_LEAD: Final = lazy_pattern(r"[ \t]*(?:[-*•>]+[ \t]+)?(?:\*\*|__)?")
_MIN_WORDS: Final = 3  # fewer words are a name, a label or a list item
_END: Final = lazy_pattern(r"[.!?;](?=\s|$)")


class Piece(NamedTuple):
    """A half of a split sentence: where it stands in its field's text."""

    start: int
    end: int


def open_ends(text: str) -> list[Piece]:
    """The open ends of a field: the last sentence of each paragraph, when no stop ends it.

    A paragraph ends at a blank line or at the end of the text; a wrapped line in the middle
    of a paragraph ends none.
    """
    if "\n" not in text:
        # One line (most fields): it is left open only when no stop ends it.
        stripped = text.rstrip()
        if not stripped or stripped[-1] in _STOPS:
            return []
    return _open_ends(text)


def _open_ends(text: str) -> list[Piece]:
    """:func:`open_ends` by reading every line (a test holds the shortcut to it)."""
    found = []
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        last = index + 1 == len(lines) or not lines[index + 1].strip()
        stripped = line.rstrip()
        if last and stripped and stripped[-1] not in _STOPS:
            start = max(stripped.rfind(f"{stop} ") for stop in _STOPS) + 1
            piece = stripped[start:].strip()
            if len(piece.split()) >= _MIN_WORDS and len(piece) <= _MAX:
                begin = offset + stripped.index(piece, start)
                found.append(Piece(begin, begin + len(piece)))
        offset += len(line) + 1
    return found


def question_ends(text: str) -> list[Piece]:
    """The questions that end a paragraph: "What should the reader do with oil majors?",
    which an answer in another field may complete ("Sell them into strength.")."""
    if "?" not in text:
        return []
    return _question_ends(text)


def _question_ends(text: str) -> list[Piece]:
    """:func:`question_ends` by reading every line (a test holds the shortcut to it)."""
    found = []
    offset = 0
    lines = text.split("\n")
    for index, line in enumerate(lines):
        last = index + 1 == len(lines) or not lines[index + 1].strip()
        stripped = line.rstrip()
        if last and stripped.endswith("?"):
            start = max(stripped.rfind(f"{stop} ", 0, len(stripped) - 1) for stop in _STOPS) + 1
            piece = stripped[start:].strip()
            if piece and len(piece) <= _MAX:
                begin = offset + stripped.index(piece, start)
                found.append(Piece(begin, begin + len(piece)))
        offset += len(line) + 1
    return found


def closing_sentence(text: str) -> Piece | None:
    """The sentence that closes a field with a stop: what a pronoun opening the next field
    may stand for ("Gold looks stretched." + "Sell it at the open.")."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] not in _STOPS:
        return None
    start = max(stripped.rfind(f"{stop} ", 0, len(stripped) - 1) for stop in _STOPS) + 1
    start = max(start, stripped.rfind("\n") + 1)
    piece = stripped[start:].strip()
    if not piece or len(piece) > _MAX:
        return None
    begin = stripped.index(piece, start)
    return Piece(begin, begin + len(piece))


def openings(text: str) -> list[Piece]:
    """The sentences of a field, in any case, each from where a sentence may start (a
    paragraph's start or after a stop): the answers to a question asked in another field
    ("Sell them into strength.", "Verkaufen.")."""
    return list(_openings(text))


def first_opening(text: str) -> Piece | None:
    """The first sentence of a field (see :func:`openings`), read no further."""
    return next(_openings(text), None)


def _openings(text: str) -> Iterator[Piece]:
    for line, offset, start in _sentence_starts(text):
        if start < len(line) and line[start].isalpha():
            stop = _END.search(line, start)
            end = stop.end() if stop is not None else len(line.rstrip())
            if end - start <= _MAX:
                yield Piece(offset + start, offset + end)


def continuations(text: str) -> list[Piece]:
    """The sentences of a field that open in lower case (or with a figure) where a sentence
    may start: at a paragraph's start or after a stop ("… at 2s10s. is to be raised to
    $12m.")."""
    found = []
    for line, offset, start in _sentence_starts(text):
        if start < len(line) and _continues(line[start]):
            end = _sentence_end(line, start)
            # Ids and codes ("s1", "t2") are no halves of a sentence.
            if end - start <= _MAX and len(line[start:end].split()) >= _MIN_WORDS:
                found.append(Piece(offset + start, offset + end))
    return found


def _sentence_starts(text: str) -> Iterator[tuple[str, int, int]]:
    """Where a sentence may start in ``text``: a paragraph's start (after its lead) and
    after each stop, as (line, the line's offset in ``text``, start in the line)."""
    lines = text.split("\n")
    offset = 0
    for index, line in enumerate(lines):
        starts = [m.end() for m in _STOP.finditer(line)]
        if index == 0 or not lines[index - 1].strip():
            lead = _LEAD.match(line)
            starts.insert(0, lead.end() if lead is not None else 0)
        for start in starts:
            yield line, offset, start
        offset += len(line) + 1


def _continues(first: str) -> bool:
    """A sentence may continue one left open if it opens in lower case, or with a figure:
    the size an open end left for the next paragraph ("Zu kaufen sind" + "600 Aktien …")."""
    return (first.isalpha() and first.islower()) or first.isdigit()


def _sentence_end(line: str, start: int) -> int:
    """The end of the continuation opening at ``start``: the line's end when the line is
    short (a stop may abbreviate: "12 Mio. Euro"), else the first stop (not the point of
    "11.250")."""
    end = len(line.rstrip())
    if end - start <= _MAX:
        return end
    stop = _END.search(line, start)
    return stop.end() if stop is not None else end
