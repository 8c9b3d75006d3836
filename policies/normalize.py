"""Text normalisation for policy matching.

Policies compare model output against words and type names. A model (or an attacker
steering one) can defeat naive matching with case, fullwidth forms, zero-width characters,
combining marks or Cyrillic/Greek letters that look Latin. Everything a policy matches is
first folded here, so the rules themselves can be written against plain lowercase ASCII.
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Final

from orchestrator.core.patterns import lazy_pattern

__all__ = ["fold_cased", "fold_char_cased", "fold_text", "normalize_text", "type_key"]

# Characters that can sit inside a word without changing how it looks: format characters
# (zero-width space and joiners, soft hyphen, BOM, bidi controls) and nonspacing or
# enclosing marks (combining accents, variation selectors).
_INVISIBLE_CATEGORIES: Final = frozenset({"Cf", "Mn", "Me"})

# Letters from other scripts that render like ASCII letters, and typographic punctuation
# that would otherwise hide an apostrophe (a curly "don't") or a hyphen. Pairs of equally
# long strings: the n-th character of the first becomes the n-th of the second.
_LOOKALIKE_PAIRS: Final = (
    ("АВЕЅІЈКМНОРСТУХҮҺӀԀԚԜ", "ABESIJKMHOPCTYXYHIDQW"),  # Cyrillic capitals
    ("авеѕіјкмнорстухүһӏԁԛԝ", "abesijkmhopctyxyhldqw"),  # Cyrillic small
    ("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX"),  # noqa: RUF001 (Greek capitals)
    ("αβγεικνορτυχω", "abyeikvoptuxw"),  # Greek small
    ("օսհոıȷɡℓ", "ouhnijgl"),  # Armenian, Latin extensions
    ("‘’‚‛′", "'''''"),  # noqa: RUF001 (single quotes)
    ("“”„‟″", '"""""'),  # double quotes
    ("‐‑‒–—―−⁃", "--------"),  # noqa: RUF001 (dashes and minus)
)
_HOMOGLYPHS: Final = str.maketrans(
    "".join(src for src, _ in _LOOKALIKE_PAIRS), "".join(dst for _, dst in _LOOKALIKE_PAIRS)
)

# Latin letters that NFKD does not take apart, named after the letter they modify: "ł"
# (LATIN SMALL LETTER L WITH STROKE), "ƚ" (… L WITH BAR), "ꝋ" (… O WITH LOOP), the small
# capitals (LATIN LETTER SMALL CAPITAL U …), the ligatures "œ", "æ", "ĳ". Their
# Unicode names say which ASCII letter they are; no table of them needs keeping by hand
# (the standard library's names are the table). Turned and reversed letters look like none.
_LATIN_NAME: Final = lazy_pattern(
    r"LATIN (?:(SMALL|CAPITAL) )?(?:LETTER|LIGATURE) (?:SMALL CAPITAL )?(AE|OE|IJ|[A-Z])"
    r"(?: WITH [A-Z ]+)?"
)
_ASCII_BYTES: Final = bytes(range(128))
_SEPARATORS: Final = lazy_pattern(r"[\s_.\-]+")


def fold_text(text: str) -> str:
    """Fold ``text`` for matching while keeping its line structure.

    NFKC compatibility forms, invisible characters and combining marks removed, look-alike
    letters mapped to ASCII, casefolded. Newlines are neither added nor removed, so a
    position's line number is the same as in the input; other whitespace is left alone.
    """
    if not text.isascii():
        # Every step is a per-character map, so it is applied once per distinct non-ASCII
        # character with str.replace: a str.translate or regex pass over the whole text
        # costs ten times more, and model output is mostly ASCII.
        others = text.encode(errors="surrogatepass").translate(None, _ASCII_BYTES)
        for char in set(others.decode(errors="surrogatepass")):
            folded = _fold_char(char)
            if folded != char:
                text = text.replace(char, folded)
    return text.lower()


@functools.lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    # NFKD, then dropping the marks, then NFC is NFKC with the diacritics dropped.
    folded = _visible(unicodedata.normalize("NFKD", char))
    # casefold can emit combining marks of its own ("İ" -> "i" + U+0307).
    folded = _visible(_latin_letter(folded.translate(_HOMOGLYPHS)).casefold())
    return unicodedata.normalize("NFC", folded)


def fold_cased(text: str) -> str:
    """:func:`fold_text` without the case folding: ASCII is returned as it is.

    For readers that still need the case of a letter (a ticker is written in capitals);
    folding then lower-casing gives what :func:`fold_text` gives, but for the few letters
    whose lower case differs from their case fold ("ß" stays "ß").
    """
    if text.isascii():
        return text
    others = text.encode(errors="surrogatepass").translate(None, _ASCII_BYTES)
    for char in set(others.decode(errors="surrogatepass")):
        folded = fold_char_cased(char)
        if folded != char:
            text = text.replace(char, folded)
    return text


@functools.lru_cache(maxsize=4096)
def fold_char_cased(char: str) -> str:
    """One character folded as :func:`fold_cased` folds it (a lone surrogate is dropped)."""
    if "\ud800" <= char <= "\udfff":
        return ""
    folded = _visible(unicodedata.normalize("NFKD", char))
    return unicodedata.normalize("NFC", _visible(_latin_letter(folded.translate(_HOMOGLYPHS))))


def _latin_letter(char: str) -> str:
    """A Latin letter NFKD keeps whole, as the ASCII letter(s) its name says; else as it is."""
    if len(char) != 1 or char.isascii() or not char.isalpha():
        return char
    match = _LATIN_NAME.fullmatch(unicodedata.name(char, ""))
    if match is None:
        return char
    letter = match.group(2)
    return letter if match.group(1) == "CAPITAL" else letter.lower()


def _visible(text: str) -> str:
    return "".join(c for c in text if unicodedata.category(c) not in _INVISIBLE_CATEGORIES)


def normalize_text(text: str) -> str:
    """``fold_text`` with every run of whitespace collapsed to one space, stripped."""
    return " ".join(fold_text(text).split())


@functools.lru_cache(maxsize=4096)
def type_key(name: str) -> str:
    """The comparison key of an output-type name: spaces, underscores, hyphens, dots removed.

    ``"order_parameters"``, ``"Order Parameters"``, ``"ORDERPARAMETERS"`` and
    ``"OrderParameters"`` written with a Cyrillic O and a zero-width space all give
    ``"orderparameters"``. Cached: policies key every JSON key and type name with it.
    """
    return _SEPARATORS.sub("", normalize_text(name))
