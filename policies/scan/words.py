"""What a word is, for every reader of the scanner: the vocabulary, the lexer and the gate.

Text reaches the scanner folded and lower-cased (:mod:`policies.scan.normalise`), so a word
is a run of ASCII letters and digits that starts with a letter, with apostrophes inside
("don't", "l'achat"). Everything else is a number or a single punctuation mark. The gate
(:mod:`policies.scan.gate`) splits the same text with a byte table instead of this regex;
:func:`gate_words` is written so that every word the regex finds yields the same parts.
"""

from __future__ import annotations

import string
from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import utf8

__all__ = [
    "BLANKS_AND_TOKEN",
    "BREAKEVEN_CODE",
    "DIGIT_MARK",
    "TOKEN",
    "gate_words",
    "phrase_words",
]

_WORD: Final = r"[a-z][a-z0-9]*(?:'[a-z][a-z0-9]*)*"
_NUMBER: Final = r"\d+(?:[.,']\d+)*"
_MARK: Final = r"\n|[^\sa-z0-9]"
TOKEN: Final = lazy_pattern(rf"(?P<word>{_WORD})|(?P<number>{_NUMBER})|(?P<mark>{_MARK})")
# The same tokens, each with the blanks before it (a line end is a token, not a blank), and
# the blanks at the end: ``findall`` gives ``(blanks, word, number, mark)`` for each, and
# the offsets follow from the lengths. The lexer reads every token of a text this way,
# without a match object per token.
BLANKS_AND_TOKEN: Final = lazy_pattern(rf"([^\S\n]*)(?:({_WORD})|({_NUMBER})|({_MARK})|\Z)")
# Breakeven as chat writes it, in capitals after a level's link ("move SL to BE"): a level
# given as a word (the lexer reads it as one); the gate takes it as a figure.
BREAKEVEN_CODE: Final = "be"
# What the gate records for "some digit was here", in place of the numbers themselves.
DIGIT_MARK: Final = "#"

# Letters stay; digits are deleted (and noted); every other byte, non-ASCII bytes included,
# separates words. bytes.translate and split run in C: the gate reads whole documents.
_SEPARATORS: Final = bytes(
    b for b in range(256) if chr(b) not in string.ascii_lowercase and chr(b) not in string.digits
)
_TABLE: Final = bytes.maketrans(_SEPARATORS, b" " * len(_SEPARATORS))


def gate_words(text: str) -> list[str]:
    """The words of folded, lower-cased ``text`` split at every non-letter, digits noted.

    A regex word such as ``"esz5"`` or ``"don't"`` yields its letter runs (``"esz"``;
    ``"don"``, ``"t"``); any digit adds :data:`DIGIT_MARK`. Repeats stay: the gate only
    looks the words up.
    """
    data = utf8(text)
    # One pass in C: digits deleted, every other byte classed.
    classed = data.translate(_TABLE, b"0123456789")
    words = classed.decode("ascii").split()
    if len(classed) != len(data):
        words.append(DIGIT_MARK)
    return words


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A vocabulary phrase as the tuple of tokens the lexer reads (hyphens dropped)."""
    return tuple(m.group() for m in TOKEN.finditer(phrase) if m.group() not in "-_")
