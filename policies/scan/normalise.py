"""Each free-text field normalised once, with a map back to the field as given.

The steps, in order: Unicode folded (:func:`policies.normalize.fold_cased`: NFKC,
invisible characters, look-alike letters); encoded payloads decoded (base64, URL encoding;
up to three rounds, for payloads inside payloads); HTML entities decoded and tags
stripped; Markdown emphasis inside words removed; words hyphenated at a line end and
letter-spaced words joined; FIX tags named; command-line switches read as settings; identifiers split (:func:`split_edits`: camelCase humps, dots inside identifiers,
a side word glued to its size). Identifiers are split on ``-`` and ``_`` by the lexer,
and numbers in words are read by the lexer too. The result is lower-cased.

:func:`quick_form` is the gate's shortcut: when no step but folding and splitting can
change a text, its normalised form is computed without a map, and the same words come out.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Final, NamedTuple

from orchestrator.core.patterns import lazy_pattern
from policies.normalize import fold_cased
from policies.scan.fix import FIX_TRIGGER, fix_edits
from policies.scan.flags import FLAG_TRIGGER, flag_edits
from policies.scan.markup import (
    COMMENT_END,
    EMPHASIS_TRIGGER,
    HTML_TRIGGER,
    HYPHENATION_TRIGGER,
    SNAKE_TRIGGER,
    emphasis_edits,
    hidden_sentence_start,
    html_edits,
    hyphenation_edits,
    letter_spaced,
    letter_spacing_edits,
    snake_prose_edits,
    spaced_words_edits,
)
from policies.scan.payloads import (
    ESCAPE_TRIGGER,
    URL_TRIGGER,
    encoded_payload,
    escape_edits,
    payload_edits,
)
from policies.scan.textmap import Edit, TextMap, char_offsets, coalesce, rewrite, rewritten, utf8

__all__ = [
    "NO_SIDES",
    "Normalised",
    "SideWords",
    "capitals_edits",
    "dot_edits",
    "normalise",
    "quick_form",
    "split_edits",
]

_PAYLOAD_ROUNDS: Final = 3
# A step with more edits than this has them merged where they are close (a long field).
_MANY_EDITS: Final = 256
_NON_ASCII: Final = lazy_pattern(r"[^\x00-\x7f]+")
# A capital outside ASCII that may be a word of its own inside a camelCase run
# (:func:`_one_letter_hump`): the quick form leaves such a text to :func:`normalise`.
_LETTER_HUMP: Final = lazy_pattern(
    r"[^\x00-\x7f](?:(?<=[a-z][^\x00-\x7f])(?=[A-Z0-9])|(?<=[A-Z][^\x00-\x7f])(?=[0-9]))"
)
# What ends a sentence between two words hidden by invisible characters.
_SENTENCE_END: Final = lazy_pattern(r"[.!?;:\n]")
_INVISIBLE: Final = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INTERLEAVED: Final = lazy_pattern(
    rf"(?<![A-Za-z{_INVISIBLE}])[A-Za-z](?:[{_INVISIBLE}]+[A-Za-z]){{2,}}(?![A-Za-z])"
)
# The parts of a camelCase run: an acronym before a word ("VAR" of "VARLimit"), a word
# with its capital ("Order"), an acronym ("ES").
# Digits inside such a run are parts too ("goLong50ZNH7At5": "go Long 50 ZNH7 At 5"), and
# capitals with digits a ticker ("ZNH7"); words, numbers and tickers run together are
# split before any capitalised word ("ESAt": "ES At").
# An acronym's plural is one part ("PMs", "CTAs"), and so is a capital alone before a
# capitalised word ("InitiatingALong": "A Long"), a word of one letter when it is a vowel
# (:data:`_ONE_LETTER_WORDS`).
_HUMP_PART: Final = lazy_pattern(
    r"[A-Z]{2,}[0-9]+(?![a-z])|[A-Z]{2,}(?=[A-Z][a-z]{2})|[A-Z]{2,}s(?![a-z])"
    r"|[A-Z](?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+"
)
# A multiple is a part of its own: "At3xGross" reads "At 3x Gross"; so is a number with
# its unit or tenor ("2yTreasuries", "75kDV01", "12mFor").
_HUMP_PART_WITH_DIGITS: Final = lazy_pattern(
    r"[A-Z]{2,}[0-9]+(?![a-z])|[A-Z]{2,}(?=[A-Z][a-z])|[A-Z]{2,}s(?![a-z])|[0-9]+x(?![a-z])"
    r"|[0-9]+[a-z]{1,2}(?![a-z])|[A-Z](?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+"
)
# Capitals that are words alone in the vocabularies' languages ("A", "Y", "O", "E"): kept
# as a part of a camelCase run, and a capital elided before an apostrophe ("D'acheter").
_ONE_LETTER_WORDS: Final = frozenset("AEIOUY")
_DIGIT: Final = lazy_pattern(r"[0-9]")
# A letter before a digit, in the case classes below: found from each digit, a literal the
# engine skips to (``b"ld" in classes`` compares nearly every byte, twice).
_LETTER_DIGIT: Final = lazy_pattern(r"d(?<=[lU]d)")
_MIN_PART: Final = 2
_MIN_PARTS: Final = 2


def _case_table(other: Callable[[int], str]) -> bytes:
    """A translation table: lower-case letters "l", capitals "U", digits "d", and every other
    byte (non-ASCII bytes too) as ``other`` classes it."""
    return bytes.maketrans(
        bytes(range(256)),
        bytes(
            ord("l")
            if 97 <= b <= 122
            else ord("U")
            if 65 <= b <= 90
            else ord("d")
            if 48 <= b <= 57
            else ord(other(b))
            for b in range(256)
        ),
    )


# Everything but letters and digits a space: a run of letters and digits is what lies
# between two spaces.
_CASE_CLASSES: Final = _case_table(lambda _: " ")
# A dot between the letters and digits of an identifier ("order.side", "buy.100.SPY"),
# not inside a number ("4.5") or a run of single letters ("U.S.", joined before this).
# Written to open with the dot, so that the engine skips from dot to dot.
_IDENTIFIER_DOT: Final = lazy_pattern(
    r"\.(?:(?<=[A-Za-z0-9]\.)(?=[A-Za-z])|(?<=[A-Za-z]\.)(?=[0-9]))"
)
_DOTTED: Final = lazy_pattern(r"(?<![A-Za-z0-9])[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+")
# Each step's trigger, looked for only when one of its needles occurs at all: a substring
# every match holds, found by ``in`` (memchr speed), where a regex search costs some forty
# instructions a character. The hyphenation's needle is its line end ("-" is common).
_TRIGGERS: Final = (
    (("%",), lazy_pattern(URL_TRIGGER)),
    (("\\",), lazy_pattern(ESCAPE_TRIGGER)),
    (("<", "&"), lazy_pattern(HTML_TRIGGER)),
    (("*", "~", "`"), lazy_pattern(EMPHASIS_TRIGGER)),
    (("\n",), lazy_pattern(HYPHENATION_TRIGGER)),
    (("_",), lazy_pattern(SNAKE_TRIGGER)),
    (("=",), lazy_pattern(FIX_TRIGGER)),
)
# The triggers whose needles hold "--", looked for only when "--" occurs: a two-byte
# needle is searched at some cost, and one search answers for both.
_DASH_TRIGGERS: Final = (
    ("-->", lazy_pattern(COMMENT_END)),
    ("--", lazy_pattern(FLAG_TRIGGER)),
)


class SideWords(NamedTuple):
    """A vocabulary's side words ("buy", "sell"): kept whole, split from a glued size.

    ``BUY100``, ``sell20`` read "BUY 100", "sell 20"; a side word in mixed case
    ("SeLL", "pUrChAsE") is that word, not a camelCase identifier.
    """

    words: frozenset[str]
    glued: re.Pattern[str] | None
    # Every word of the vocabulary: a run spelled out with a blank between each two
    # letters ("e n a b l e l i v e") is split into them (:func:`letter_spacing_edits`).
    known: frozenset[str] = frozenset()

    @classmethod
    def of(cls, words: Iterable[str], known: Iterable[str] = ()) -> SideWords:
        """The side words of a vocabulary (letters only, three or more), and its words."""
        kept = frozenset(w for w in words if len(w) >= 3 and w.isascii() and w.isalpha())
        spelled = frozenset(w for w in known if w.isascii() and w.isalpha())
        if not kept:
            return cls(kept, None, spelled)
        alternatives = "|".join(sorted(kept, key=lambda w: (-len(w), w)))
        # The side word, its size and a ticker glued on: "BUY100ES" reads "BUY 100 ES".
        # Compiled on first use: an alternation of every language's side words is slow to
        # compile, and only a text with a letter glued to a digit ever needs it.
        glued = lazy_pattern(
            rf"(?<![A-Za-z0-9])(?:{alternatives})(?=[0-9])([0-9]+(?:[.,][0-9]+)*)"
            r"(?:(?=[A-Za-z]{2})|(?![A-Za-z]))",
            re.IGNORECASE,
        )
        return cls(kept, glued, spelled)


NO_SIDES: Final = SideWords(frozenset(), None)


class Normalised(NamedTuple):
    """A field's normalised text (lower case), the same with its case kept, and the map."""

    text: str
    cased: str
    map: TextMap


def _fold(text: str) -> str:
    return fold_cased(text).replace("ß", "ss").replace("ẞ", "SS")


def normalise(raw: str, sides: SideWords = NO_SIDES) -> Normalised:
    """Normalise one field; :class:`TextMap` leads back to offsets in ``raw``."""
    mapping = TextMap()
    text = _apply(raw, _fold_edits(raw), mapping)
    # Most fields (ids, names, plain prose) hold no trigger of any rewriting step: each
    # step would search the text only to find nothing.
    if not _only_splits(text):
        text = _rewritten(text, mapping, sides.known)
    text = _apply(text, dot_edits(text), mapping)
    text = _apply(text, split_edits(text, sides), mapping)
    text = _apply(text, capitals_edits(text, sides.known), mapping)
    return Normalised(_lower(text), text, mapping)


# A line written in capitals holds this many words or more: a sentence, not a heading, a
# label or a ticker list.
_CAPITAL_LINE_WORDS: Final = 4
_CAPITAL_WORD: Final = lazy_pattern(r"(?<![A-Za-z0-9])[A-Z]+(?![A-Za-z0-9])")
# After a size, a short word is a ticker ("SELL 20 ES AT MARKET").
_SIZE_BEFORE: Final = lazy_pattern(r"[0-9][ \t]*$")
_SHORT_WORD: Final = 2
_LONG_WORD: Final = 6
_CAPITALS_WORD_COUNT: Final = lazy_pattern(r"[A-Z]{2,}")


def _read_capitals(line: str, match: re.Match[str], known: frozenset[str]) -> str:
    """A word of a line in capitals as it would be written in a sentence: a word of the
    vocabulary in small letters (a short one after a size stays: a ticker), a long word it
    does not know as a name ("SIEMENS": "Siemens"), unless shaped like a ticker or a pair
    (one vowel at most: "USDJPY")."""
    written = match.group()
    word = written.lower()
    if word in known:
        window = line[max(0, match.start() - 8) : match.start()]
        short_after_size = len(word) <= _SHORT_WORD and _SIZE_BEFORE.search(window) is not None
        return written if short_after_size else word
    if len(word) >= _LONG_WORD and sum(word.count(v) for v in "aeiou") > 1:
        return written.capitalize()
    return written


def capitals_edits(text: str, known: frozenset[str]) -> list[Edit]:
    """The vocabulary's words of a sentence written in capitals read in small letters:
    "THE S&P 500 HIT A STOP-LOSS CASCADE IN APRIL" says nothing by its capitals, and its
    words are no tickers ("the S&P 500 hit a stop-loss cascade in APRIL"). Words the
    vocabulary does not know, and words of two letters ("ES", "IT"), keep their capitals:
    they may be tickers. Only a line of four words or more, none in small letters, is
    read so (``str.isupper`` stops at a line's first small letter)."""
    if not known:
        return []
    edits: list[Edit] = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        line = text[start:end]
        if line.isupper() and len(_CAPITALS_WORD_COUNT.findall(line)) >= _CAPITAL_LINE_WORDS:
            for match in _CAPITAL_WORD.finditer(line):
                read = _read_capitals(line, match, known)
                if read != match.group():
                    edits.append(Edit(start + match.start(), start + match.end(), read))
        start = end + 1
    return edits


def quick_form(raw: str, sides: SideWords = NO_SIDES) -> str | None:
    """The normalised text of ``raw`` when only folding and splitting apply, else None.

    Dots inside identifiers are left as they are (:func:`dot_edits` would make them
    spaces): the gate reads every dot as a space, and a dot never joins or splits a hump
    or a side glued to its size, so the gate's words are the same without the pass.
    """
    if len(raw) <= _PLAIN_MAX and raw.isascii() and _plain(raw):
        return raw.lower()
    return _quick_form(raw, sides)


# A short field of plain ASCII prose (most fields of outlooks and critiques) is told apart
# with a few translations and byte searches, where the general path's dozen steps each cost
# a pass and a call: about a fifth of the instructions (see :func:`_plain`).
_PLAIN_MAX: Final = 512
# Letters "l" and "U", digits "d"; what a step reacts to "!" (its trigger's characters, the
# "+" of an encoded payload); the letter-spacing separators " " (blank, dot) and "-" (hyphen,
# slash, which also run on in a base64 stretch); anything else "|".
_PLAIN_CLASSES: Final = _case_table(
    lambda b: (
        "!"
        if chr(b) in "%\\<&*~`\n_=+" or b >= 128
        else " "
        if chr(b) in " ."
        else "-"
        if chr(b) in "-/"
        else "|"
    )
)
# Letters and digits "a", anything else a blank: two one-character words one to three
# characters apart are the least a letter-spaced run holds (:data:`LETTER_SPACING`).
_WORD_CLASSES: Final = bytes.maketrans(
    bytes(range(256)),
    bytes(ord("a") if chr(b).isascii() and chr(b).isalnum() else ord(" ") for b in range(256)),
)
# Letters, digits, hyphens and slashes "b": the stretch a base64 payload needs, without the
# "+" and "_" that are triggers already.
_RUN_CLASSES: Final = bytes.maketrans(
    bytes(range(256)),
    bytes(
        ord("b") if chr(b).isascii() and (chr(b).isalnum() or chr(b) in "-/") else ord(" ")
        for b in range(256)
    ),
)
_PAYLOAD_RUN: Final = "b" * 16


def _plain(raw: str) -> bool:
    """Whether no step of :func:`_quick_form` can change ``raw``, an ASCII text, so that
    its quick form is its lower case.

    Each condition is what some step needs to act, taken wider where that is cheaper: a
    trigger's character or "--" (:func:`_only_splits`); a case change (a camelCase hump)
    or a letter before a digit (a side glued to its size, :func:`split_edits`); two
    one-character words one to three characters apart (letter spacing); a stretch of
    sixteen payload characters (:func:`encoded_payload`). A test holds the shortcut to the
    general path. The classes are looked at as text, written out rather than looped over:
    ``in`` on a string costs a fraction of ``in`` on bytes (the buffer protocol) or of a
    generator's steps.
    """
    data = raw.encode("ascii")
    classes = data.translate(_PLAIN_CLASSES).decode("ascii")
    if (
        "!" in classes
        or "lU" in classes
        or "UUl" in classes
        or "ld" in classes
        or "Ud" in classes
        or "--" in raw
    ):
        return False
    words = " " + data.translate(_WORD_CLASSES).decode("ascii") + " "
    if " a a " in words or " a  a " in words or " a   a " in words:
        return False
    return _PAYLOAD_RUN not in data.translate(_RUN_CLASSES).decode("ascii")


def _quick_form(raw: str, sides: SideWords) -> str | None:
    """:func:`quick_form` by its general path."""
    if not raw.isascii() and (
        _INTERLEAVED.search(raw) is not None or _LETTER_HUMP.search(raw) is not None
    ):
        return None
    folded = _fold(raw)
    if not _only_splits(folded):
        return None
    edits = split_edits(folded, sides)
    if edits:
        folded = rewritten(folded, edits)
    return _lower(folded)


def _only_splits(folded: str) -> bool:
    """Whether no step of :func:`_rewritten` can change ``folded``, a folded text.

    Each step's trigger is looked for only when one of its needles occurs at all; a
    letter-spaced run and a payload are looked for by the searches their steps use.
    """
    for needles, trigger in _TRIGGERS:
        for needle in needles:
            if needle in folded:
                if trigger.search(folded) is not None:
                    return False
                break
    if "--" in folded:
        for needle, trigger in _DASH_TRIGGERS:
            if needle in folded and trigger.search(folded) is not None:
                return False
    return not (letter_spaced(folded) or encoded_payload(folded))


def _rewritten(text: str, mapping: TextMap, known: frozenset[str] = frozenset()) -> str:
    """The rewriting steps after folding: payloads decoded (a few rounds, for payloads
    inside payloads), markup, hyphenation, letter spacing (split into ``known`` words where
    nothing marks them), FIX tags and switches."""
    for _ in range(_PAYLOAD_ROUNDS):
        edits = escape_edits(text) if "\\" in text else []
        edits = edits or payload_edits(text)
        if not edits:
            break
        text = _apply(text, edits, mapping)
        text = _apply(text, _fold_edits(text), mapping)
    html = html_edits(text)
    text = _apply(text, html, mapping)
    if any(not edit.replacement.isascii() for edit in html):
        # An entity spells any character ("&#237;", "&#xFF21;"): folded as written ones are.
        text = _apply(text, _fold_edits(text), mapping)
    for step in (emphasis_edits, hyphenation_edits):
        text = _apply(text, step(text), mapping)
    text = _apply(text, snake_prose_edits(text, known), mapping)
    text = _apply(text, spaced_words_edits(text), mapping)
    text = _apply(text, letter_spacing_edits(text, known), mapping)
    for step in (fix_edits, flag_edits):
        text = _apply(text, step(text), mapping)
    return text


def split_edits(text: str, sides: SideWords = NO_SIDES) -> list[Edit]:
    """Identifiers split into words: camelCase humps and a side glued to its size.

    One edit per identifier, however many humps it has: the edits stay few.
    """
    data = utf8(text)
    classes = data.translate(_CASE_CLASSES)
    edits = _hump_edits(text, data, classes, sides.words)
    # A side glued to its size needs a letter right before a digit.
    if sides.glued is not None and _LETTER_DIGIT.search(classes.decode("ascii")):
        for match in sides.glued.finditer(text):
            split = text[match.start() : match.start(1)] + " " + match.group(1)
            if match.end(1) < len(text) and text[match.end(1)].isalpha():
                split += " "
            edits.append(Edit(match.start(), match.end(1), split))
    if len(edits) > 1:
        edits.sort()
    return edits


def dot_edits(text: str) -> list[Edit]:
    """Dots inside identifiers read as spaces ("buy.100.SPY"), one edit per identifier."""
    if "." not in text:
        return []
    edits = []
    for match in _DOTTED.finditer(text):
        split = _IDENTIFIER_DOT.sub(" ", match.group())
        if split != match.group():
            edits.append(Edit(match.start(), match.end(), split))
    return edits


def _hump_edits(text: str, data: bytes, classes: bytes, keep: frozenset[str]) -> list[Edit]:
    """Each camelCase run of letters split into its words.

    A run splits only when every part has two letters or more ("buyOrder", "maxPositionSize",
    "VARLimit", "buyES"): "iPhone", "CEOs", "maxVaR" and mixed-case words ("bUy", "BuY")
    stay whole, and so does a side word however its letters are cased ("SeLL"). The runs
    are found in the bytes' case classes (``data`` translated by :data:`_CASE_CLASSES`)
    with C-level searches.
    """
    bounds: list[int] = []
    for change in sorted(_case_changes(classes)):
        if bounds and change < bounds[-1]:
            continue
        end = classes.find(b" ", change)
        bounds += (classes.rfind(b" ", 0, change) + 1, len(classes) if end < 0 else end)
    edits: list[Edit] = []
    # ASCII (the common case): a byte offset is a character offset.
    offsets = bounds if len(data) == len(text) else list(char_offsets(text, data, bounds))
    for start, end in zip(offsets[::2], offsets[1::2], strict=True):
        run = text[start:end]
        elided = text[end : end + 1] in _APOSTROPHES
        split = (
            _split_run(run, elided, keep)
            if end - start <= _SHORT_RUN
            else _split_kept(run, elided, keep)
        )
        if split is not None and split[0] == "\n" and _number_goes_on(text, start):
            split = split[1:]  # the run is a number's last digits: "7,828SurCAC40"
        if split is not None:
            edits.append(Edit(start, end, split))
    return edits


_SHORT_RUN: Final = 64
_APOSTROPHES: Final = frozenset("'\u2019")


@functools.lru_cache(maxsize=4096)
def _split_run(run: str, elided: bool, keep: frozenset[str]) -> str | None:
    """:func:`_split_kept`, cached: the type names and keys of typed answers repeat."""
    return _split_kept(run, elided, keep)


def _split_kept(run: str, elided: bool, keep: frozenset[str]) -> str | None:
    """A camelCase run with its parts apart (:func:`_split_long_run`), or None when it
    stays whole (a word of ``keep`` stays whole however it is cased)."""
    split = _split_long_run(run, elided)
    if split is None or run.lower() in keep or _names_a_component(split, keep):
        return None
    return split


# Nouns that end the name of a piece of software: an identifier they end names that
# component ("SellSignalDetector", "StopLossHandler", "BuyOrderRouter"), never an
# instruction hidden in camelCase ("buyAAPLNow" ends in a time, "setStopLossAt4450" in a
# figure). Code names its parts in English whatever the prose. Not the nouns of a setting
# ("flag", "toggle", "config", "limit"): "goLiveFlag=1", "maxLeverageRatio = 5" set one.
_COMPONENT_HEADS: Final = frozenset(
    (
        "adapter",
        "alert",
        "alerts",
        "api",
        "bot",
        "builder",
        "button",
        "calculator",
        "callback",
        "checker",
        "checklist",
        "client",
        "component",
        "controller",
        "daemon",
        "dashboard",
        "detector",
        "endpoint",
        "engine",
        "event",
        "events",
        "factory",
        "feed",
        "handler",
        "helper",
        "hook",
        "job",
        "listener",
        "logger",
        "manager",
        "module",
        "monitor",
        "panel",
        "parser",
        "pipeline",
        "processor",
        "router",
        "scheduler",
        "script",
        "service",
        "spec",
        "svc",
        "task",
        "test",
        "tests",
        "util",
        "utils",
        "validator",
        "view",
        "widget",
        "worker",
    )
)
# Nouns of a measure: an identifier that opens with a side and ends in one names what is
# measured of that side ("buyVolumeRatio", "sellFlowCount"), not an order.
_MEASURE_HEADS: Final = frozenset(
    ("ratio", "metric", "metrics", "count", "counter", "score", "gauge", "stats", "share")
)


def _names_a_component(split: str, sides: frozenset[str]) -> bool:
    """A camelCase run whose words (no figure among them) end in a noun of
    :data:`_COMPONENT_HEADS`, or open with a side word of ``sides`` and end in one of
    :data:`_MEASURE_HEADS`: the name of a component or of a measure, read whole."""
    if _DIGIT.search(split):
        return False
    words = split.lower().split()
    return words[-1] in _COMPONENT_HEADS or (words[-1] in _MEASURE_HEADS and words[0] in sides)


def _split_long_run(run: str, elided: bool = False) -> str | None:
    """``elided``: an apostrophe follows the run, so a capital closing it is an elided word
    ("NousRecommandonsD'acheter": "Nous Recommandons D'acheter")."""
    parts = (_HUMP_PART_WITH_DIGITS if _DIGIT.search(run) else _HUMP_PART).findall(run)
    if len(parts) < _MIN_PARTS:
        return None  # one part: an acronym's plural ("CEOs")
    words = [part for part in parts if not (part[-1].isdigit() or part[0].isdigit())]
    last = len(words) - 1
    shortest = min(
        (
            len(word)
            for n, word in enumerate(words)
            if not (
                len(word) == 1
                and word.isupper()
                and len(words) > 1
                and (word in _ONE_LETTER_WORDS or (elided and n == last))
            )
        ),
        default=0,
    )
    if shortest < _MIN_PART:
        return None
    # Words and numbers run together ("goLong50ZNH7At5") hide a sentence: it starts here.
    return ("\n" if len(words) < len(parts) else "") + " ".join(parts)


def _number_goes_on(text: str, start: int) -> bool:
    """Whether the run at ``start`` continues a number: a digit opening it, after a digit
    and a decimal or thousands mark ("7,828SurCAC40"), or after a currency sign
    ("$25mNotional")."""
    if not text[start : start + 1].isdigit() or start < 1:
        return False
    if text[start - 1] in _CURRENCY_SIGNS:
        return True
    return start >= 2 and text[start - 1] in ".," and text[start - 2].isdigit()


_CURRENCY_SIGNS: Final = frozenset("$€£¥")


def _case_changes(classes: bytes) -> set[int]:
    """Byte offsets of each lower-upper pair and each upper-upper-lower triple."""
    found = set()
    for change in (b"lU", b"UUl"):
        position = classes.find(change)
        while position >= 0:
            found.add(position)
            position = classes.find(change, position + 1)
    return found


def _fold_edits(text: str) -> list[Edit]:
    if text.isascii():
        return []
    # A word with an invisible character between each two letters ("s\u00ade\u00adl\u00adl")
    # is hidden on purpose: it starts a sentence of its own, and more such words in the
    # same sentence continue it ("E\u200bn\u200bt\u200be\u200br N\u200bv\u200bi …").
    edits = []
    end = -1
    for match in _INTERLEAVED.finditer(text):
        if end < 0 or _SENTENCE_END.search(text, end, match.start()) is not None:
            at = hidden_sentence_start(text, match.start())
            if at is not None:
                edits.append(Edit(at, at, "\n"))
        end = match.end()
    folds: dict[str, str] = {}  # a long text repeats its few non-ASCII runs ("ü", "ß")
    for match in _NON_ASCII.finditer(text):
        run = match.group()
        folded = folds.get(run)
        if folded is None:
            folded = folds[run] = _fold(run)
        if _one_letter_hump(text, match.start(), match.end(), folded):
            folded = f" {folded} "
        else:
            folded = _spaced_letters(text, match.start(), match.end(), folded)
        if folded != run:
            edits.append(Edit(match.start(), match.end(), folded))
    if len(edits) > 1:
        edits.sort()
    return edits


# What separates the letters of a letter-spaced word: "S c h l i e ß e n", "S-c-h-l-i-e-ß".
_LETTER_SEPARATORS: Final = frozenset(" -_.")


def _spaced_letters(text: str, start: int, end: int, folded: str) -> str:
    """``folded`` for one letter that folds to several ("ß" to "ss", "ĳ" to "ij"), spaced
    as the letters around it are: "S c h l i e ß e n" reads "S c h l i e s s e n", which
    the letter spacing joins; written as "ss" it would end the spaced run in a word of two
    letters."""
    if end - start != 1 or len(folded) < 2 or not folded.isalpha():
        return folded
    if start < 2 or not text[start - 2].isalpha():
        return folded
    before = text[start - 1]
    after = text[end] if end < len(text) else ""
    spaced = start < 3 or text[start - 3] == before  # "… e ß", the letter before spaced too
    if before in _LETTER_SEPARATORS and spaced and (after == before or after in ("", "\n")):
        return before.join(folded)
    return folded


def _one_letter_hump(text: str, start: int, end: int, folded: str) -> bool:
    """Whether ``text[start:end]``, folded to ``folded``, is a capital written as a word of
    its own inside a camelCase run: "EntrerÀL'achat", "SurLVMHÀ705", "BénéficesÀ7,8".

    Folded, the capital would join the acronym or number next to it ("AL", "LVMHA705");
    kept apart, it stays the word it is. A capital inside a word in capitals ("RÉSULTAT")
    has a capital on both sides and stays in it.
    """
    if end - start != 1 or len(folded) != 1 or not text[start].isupper():
        return False
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if not (before.isascii() and after.isascii()):
        return False
    if before.islower():
        return after.isupper() or after.isdigit()
    return before.isupper() and after.isdigit()


def _apply(text: str, edits: list[Edit], mapping: TextMap) -> str:
    if not edits:
        return text
    if len(edits) > _MANY_EDITS:
        edits = coalesce(text, edits)
    text, layer = rewrite(text, edits)
    mapping.push(layer)
    return text


def _lower(text: str) -> str:
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    # A few letters lower-case to two characters; keeping offsets matters more.
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
