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

__all__ = ["DIGIT_MARK", "TOKEN", "gate_word_list", "gate_words", "phrase_words"]

TOKEN: Final = lazy_pattern(
    r"(?P<word>[a-z][a-z0-9]*(?:'[a-z][a-z0-9]*)*)"
    r"|(?P<number>\d+(?:[.,']\d+)*)"
    r"|(?P<mark>\n|[^\sa-z0-9])"
)
# What the gate records for "some digit was here", in place of the numbers themselves.
DIGIT_MARK: Final = "#"

# Letters stay; digits are deleted (and noted); every other byte, non-ASCII bytes included,
# separates words. bytes.translate and split run in C: the gate reads whole documents.
_SEPARATORS: Final = bytes(
    b for b in range(256) if chr(b) not in string.ascii_lowercase and chr(b) not in string.digits
)
_TABLE: Final = bytes.maketrans(_SEPARATORS, b" " * len(_SEPARATORS))


def gate_word_list(text: str) -> list[str]:
    """:func:`gate_words` as a list with repeats (cheaper when only looked up)."""
    data = text.encode(errors="surrogatepass")
    without_digits = data.translate(None, b"0123456789")
    words = without_digits.translate(_TABLE).decode("ascii").split()
    if len(without_digits) != len(data):
        words.append(DIGIT_MARK)
    return words


def gate_words(text: str) -> set[str]:
    """The words of folded, lower-cased ``text`` split at every non-letter, digits noted.

    A regex word such as ``"esz5"`` or ``"don't"`` yields its letter runs (``"esz"``;
    ``"don"``, ``"t"``); any digit adds :data:`DIGIT_MARK`.
    """
    data = text.encode(errors="surrogatepass")
    without_digits = data.translate(None, b"0123456789")
    words = set(without_digits.translate(_TABLE).decode("ascii").split())
    if len(without_digits) != len(data):
        words.add(DIGIT_MARK)
    return words


def phrase_words(phrase: str) -> tuple[str, ...]:
    """A vocabulary phrase as the tuple of tokens the lexer reads (hyphens dropped)."""
    return tuple(m.group() for m in TOKEN.finditer(phrase) if m.group() not in "-_")
