"""The documented tokenizer and the token-level distance of the drift check.

Tokenizer ``words-v1``, applied to a text:

1. Unicode NFKC normalisation (full-width digits, ligatures and look-alike compatibility
   characters become their plain forms, so a re-encoding is not drift);
2. split into tokens by the pattern ``[^\\W_]+(?:[.,'\\u2019-][^\\W_]+)*|[^\\w\\s]``: a
   *word* is a run of letters or digits, kept whole across inner dots, commas, apostrophes
   (ASCII or U+2019) and hyphens (``0.55``, ``1,000``, ``don't``, ``high-yield``); every
   other character that is neither a word character nor white space is a token of its own
   (``%``, ``>``, ``(``); white space and ``_`` only separate;
3. each token case-folded (``str.casefold``), so capitalisation is not drift.

Distance: the Levenshtein edit distance between the two token sequences (insertions,
deletions and substitutions of whole tokens, each costing 1) divided by the length of the
longer sequence, so 0.0 means the same tokens and 1.0 nothing in common; two empty texts
are at 0.0. It is computed by ``rapidfuzz`` over the full sequences. ``difflib`` is not
used: its autojunk heuristic ignores frequent tokens in sequences of 200 or more, which
silently understates the difference of long texts.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Final, Literal

from rapidfuzz.distance import Levenshtein

from orchestrator.core.patterns import lazy_pattern

__all__ = [
    "TOKENIZER",
    "OpTag",
    "display_tokens",
    "spread",
    "token_distance",
    "token_opcodes",
    "tokenize",
]

TOKENIZER: Final = "words-v1"
OpTag = Literal["equal", "replace", "delete", "insert"]
_OP_TAGS: Final[dict[str, OpTag]] = {
    "equal": "equal",
    "replace": "replace",
    "delete": "delete",
    "insert": "insert",
}
_TOKEN: Final = lazy_pattern(r"[^\W_]+(?:[.,'\u2019-][^\W_]+)*|[^\w\s]")


def display_tokens(text: str) -> list[str]:
    """The tokens as written (NFKC, case kept), aligned one to one with :func:`tokenize`."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text))


def tokenize(text: str) -> list[str]:
    """The tokens the distance is computed over (tokenizer ``words-v1``)."""
    return [token.casefold() for token in display_tokens(text)]


def token_distance(a: Sequence[str], b: Sequence[str]) -> float:
    """Normalised token edit distance in [0, 1]: edits over the longer length."""
    if not a and not b:
        return 0.0
    return Levenshtein.normalized_distance(a, b)


def token_opcodes(a: Sequence[str], b: Sequence[str]) -> list[tuple[OpTag, int, int, int, int]]:
    """How ``a`` becomes ``b``: ``(tag, a_start, a_end, b_start, b_end)`` with tags
    ``equal``, ``replace``, ``delete`` and ``insert``, from the same edit distance."""
    return [
        (_OP_TAGS[op.tag], op.src_start, op.src_end, op.dest_start, op.dest_end)
        for op in Levenshtein.opcodes(a, b)
    ]


def spread(samples: Sequence[Sequence[str]]) -> float:
    """The noise floor of k samples: the largest distance between any two (0.0 for k < 2)."""
    return max(
        (
            token_distance(samples[i], samples[j])
            for i in range(len(samples))
            for j in range(i + 1, len(samples))
        ),
        default=0.0,
    )
