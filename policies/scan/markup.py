"""Markup that hides words: HTML, Markdown emphasis inside a word, letter spacing.

``B<b></b>uy``, ``B**u**y``, ``&#66;uy``, ``B U Y``, ``b. u. y`` and ``pur-`` at a line
end before ``chase`` all read a word. What HTML says outside its text is read too: a
comment's content, the text of ``title``/``alt``-like attributes and ``data-*`` attributes
as ``key=value`` pairs. Each function returns edits (:mod:`policies.scan.textmap`) so
findings keep their original offsets.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import Edit, Taken, char_offsets, utf8

__all__ = [
    "COMMENT_END",
    "EMPHASIS_TRIGGER",
    "HTML_TRIGGER",
    "HYPHENATION_TRIGGER",
    "LETTER_SPACING",
    "SNAKE_TRIGGER",
    "emphasis_edits",
    "hidden_sentence_start",
    "html_edits",
    "hyphenation_edits",
    "letter_spaced",
    "letter_spacing_edits",
    "snake_prose_edits",
    "spaced_words_edits",
]

HTML_TRIGGER: Final = r"<[A-Za-z/!]|&#?[A-Za-z0-9]{2,10};"
# A comment's end alone still ends it ("… --> text"): read as a space.
COMMENT_END: Final = r"-->"
# Bounded and stopped by the next "<": each attempt reads at most to the next tag start.
# A comment's marks are read alone, so that its content is read as text.
_TAG: Final = lazy_pattern(r"<!--|-->|</?([A-Za-z][A-Za-z0-9]{0,10})\b([^<>]{0,500})>")
_ATTRIBUTE: Final = lazy_pattern(
    r"([A-Za-z][A-Za-z0-9_:.-]{0,40})\s*=\s*(?:\"([^\"]{0,400})\"|'([^']{0,400})'|([^\s\"'=<>`]{1,100}))"
)
# Attributes whose value is text a reader sees (a tooltip, an image's alternative text).
_TEXT_ATTRIBUTES: Final = frozenset(
    [
        "title",
        "alt",
        "aria-label",
        "aria-description",
        "label",
        "summary",
        "placeholder",
        "value",
        "content",
        "caption",
        "tooltip",
    ]
)
_DATA: Final = "data-"
_COMMENT_IN_WORD: Final = lazy_pattern(r"(?<=[A-Za-z])<!--([^<>]{0,200}?)-->(?=[A-Za-z])")
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
# "b-u-y", "S.P.Y", "b/u/y"; or by the same separator of two or three characters each time:
# "b. u. y", "b _ u _ y". A run takes the whole stretch, so the search stays linear.
LETTER_SPACING: Final = (
    r"(?<![A-Za-z0-9])(?:(?:[A-Za-z0-9][ ._*\-/]){2,}[A-Za-z0-9]"
    r"|[A-Za-z0-9]([ ._*\-/]{2,3})(?:[A-Za-z0-9]\1)+[A-Za-z0-9])(?![A-Za-z0-9])"
)
_SPACED: Final = lazy_pattern(LETTER_SPACING)
# Byte classes for a quick look for letter spacing: letters and digits "a", the spacing
# separators " ", anything else "|". A spaced run then starts as "a a a", "a  a  a" or
# "a   a   a" in the classes, with no letter before.
_LETTER: Final = ord("a")
_STARTS: Final = (b"a a a", b"a  a  a", b"a   a   a")
_MIDDLE: Final = b" a "
_CLASSES: Final = bytes.maketrans(
    bytes(range(256)),
    bytes(
        ord("a")
        if chr(b).isascii() and chr(b).isalnum()
        else ord(" ")
        if chr(b) in " ._*-/"
        else ord("|")
        for b in range(256)
    ),
)


def letter_spaced(text: str) -> bool:
    """Whether :data:`LETTER_SPACING` matches ``text``: tried only where a run may start."""
    data = utf8(text)
    starts = list(_spacing_starts(data.translate(_CLASSES)))
    return bool(starts) and any(
        _SPACED.match(text, start) for start in char_offsets(text, data, starts)
    )


def _spacing_starts(classes: bytes) -> Iterator[int]:
    """Byte offsets where a letter-spaced run may start, ascending, each once.

    Every start of :data:`_STARTS` holds a letter between two blanks (" a ") right after
    its first letter and blanks: that one needle is looked for, in one pass, and each of
    its few places read back for the starts around it (three passes cost more than the
    ordinary text's handful of single letters).
    """
    found: set[int] = set()
    middle = classes.find(_MIDDLE)
    while middle >= 0:
        for gap, start in enumerate(_STARTS, 1):
            position = middle - gap
            if (
                position >= 0
                and classes.startswith(start, position)
                and (position == 0 or classes[position - 1] != _LETTER)
            ):
                found.add(position)
        middle = classes.find(_MIDDLE, middle + 1)
    return iter(sorted(found))


_SEPARATOR: Final = lazy_pattern(r"[ ._*\-/]")
# A word broken at a line end by a hyphen: "pur-" / "chase".
# A capital alone before the hyphen is a word's first letter: "T-" / "he".
HYPHENATION_TRIGGER: Final = r"-(?:(?<=[a-z]-)|(?<=(?<![A-Za-z])[A-Z]-))[ \t]*\n[ \t]*(?=[a-z])"
_HYPHENATION: Final = lazy_pattern(HYPHENATION_TRIGGER)
_CLASS_CHANGE: Final = lazy_pattern(r"(?<=[A-Za-z])(?=[0-9])|(?<=[0-9])(?=[A-Za-z])")


def html_edits(text: str) -> list[Edit]:
    """Entities decoded; inline tags removed, block tags and comment marks read as a space.

    A tag's attributes that carry text are kept in its place: the text of ``title``,
    ``alt`` and the like, and ``data-side="buy"`` as ``side=buy``, each on its own line.
    """
    edits: list[Edit] = []
    # A comment inside a word ("Ro<!-- x -->ute") splits it on purpose: the word is joined
    # and what the comment says is read after the text, on lines of its own.
    inside = [m for m in _COMMENT_IN_WORD.finditer(text)] if "<!--" in text else []
    said_inside = [m.group(1).strip() for m in inside if m.group(1).strip()]
    edits.extend(Edit(m.start(), m.end(), "") for m in inside)
    if said_inside:
        edits.append(Edit(len(text), len(text), "".join(f"\n{said}" for said in said_inside)))
    joined = Taken((m.start(), m.end()) for m in inside)
    for match in _TAG.finditer(text):
        if inside and joined.holds(match.start()):
            continue
        name = (match.group(1) or "").lower()
        said = _attribute_text(match.group(2)) if match.group(2) else ""
        if said:
            edits.append(Edit(match.start(), match.end(), f"\n{said}\n"))
        else:
            edits.append(Edit(match.start(), match.end(), "" if name in _INLINE else " "))
    tags = Taken((edit.start, edit.end) for edit in edits)
    for match in _ENTITY.finditer(text):
        decoded = html.unescape(match.group())
        if decoded != match.group() and not tags.holds(match.start()):
            edits.append(Edit(match.start(), match.end(), decoded))
    edits.sort()
    return edits


def _attribute_text(attributes: str) -> str:
    """What a tag's attributes say: text attributes as sentences, data attributes as pairs."""
    said: list[str] = []
    for match in _ATTRIBUTE.finditer(attributes):
        name = match.group(1).lower()
        value = html.unescape(match.group(2) or match.group(3) or match.group(4) or "").strip()
        if not value:
            continue
        if name.startswith(_DATA) and len(name) > len(_DATA):
            said.append(f"{name[len(_DATA) :]}={value};")
        elif name in _TEXT_ATTRIBUTES:
            said.append(value if value[-1:] in ".!?" else f"{value}.")
    return "\n".join(said)


def hyphenation_edits(text: str) -> list[Edit]:
    """A word hyphenated at a line end joined: ``pur-`` and ``chase`` read ``purchase``."""
    if "-" not in text:
        return []
    return [Edit(m.start(), m.end(), "") for m in _HYPHENATION.finditer(text)]


def emphasis_edits(text: str) -> list[Edit]:
    """Markdown emphasis marks between two letters removed: ``B**u**y`` reads ``Buy``.

    Emphasis that opens at a word's start and closes inside it (``**Op**erar``), or opens
    inside and closes at its end (``Op**erar**``), hides the word as well: its other marks
    go with the ones inside, so that no mark is left glued to the word.
    """
    edits: list[Edit] = []
    removed: set[int] = set()
    for match in _EMPHASIS.finditer(text):
        edits.append(Edit(match.start(), match.end(), ""))
        for start in _paired_marks(text, match.start(), match.end()):
            if start not in removed:
                removed.add(start)
                edits.append(Edit(start, start + match.end() - match.start(), ""))
    if removed:
        edits.sort()
    return edits


# How far a word reaches from its marks inside to the marks at its start or end.
_WORD_REACH: Final = 40


def _paired_marks(text: str, start: int, end: int) -> Iterator[int]:
    """Where the same marks as ``text[start:end]`` (found inside a word) open the word or
    close it, no letter or digit beyond them; looked for at most :data:`_WORD_REACH`
    characters away, so that every search stays short."""
    marks = text[start:end]
    size = len(marks)
    before = start
    while before > 0 and start - before < _WORD_REACH and text[before - 1].isalnum():
        before -= 1
    if (
        before < start
        and text[before - size : before] == marks
        and not _alnum_at(text, before - size - 1)
    ):
        yield before - size
    after = end
    while after < len(text) and after - end < _WORD_REACH and text[after].isalnum():
        after += 1
    if after > end and text[after : after + size] == marks and not _alnum_at(text, after + size):
        yield after


def _alnum_at(text: str, position: int) -> bool:
    return 0 <= position < len(text) and text[position].isalnum()


# Letters one blank apart, words two to four blanks apart: "E X I T   T H E   N V I D I A",
# "2 . 5 X", "E U R / C H F". Every character of a word is spaced, marks and digits too.
_SPACED_WORDS: Final = lazy_pattern(r"(?<!\S)\S(?: \S)*(?: {2,4}\S(?: \S)*)+(?!\S)")
_GAP: Final = lazy_pattern(r" {2,4}")
_MIN_SPELLED: Final = 2  # words of three characters or more in a stretch of spaced words


def spaced_words_edits(text: str) -> list[Edit]:
    """Words spelled with a blank after each character and wider gaps between them joined:
    "I N C R E A S E   L E V E R A G E   O N   G O L D   T O   2 . 5 X" reads "INCREASE
    LEVERAGE ON GOLD TO 2.5X". The gaps say where words end, so two-letter words, numbers
    with their marks and tickers with their slash are joined as written.
    """
    if "  " not in text:
        return []
    edits = []
    for match in _SPACED_WORDS.finditer(text):
        words = _GAP.split(match.group())
        if sum(1 for word in words if len(word) >= 5) < _MIN_SPELLED:
            continue  # columns of a table or short codes, not words spelled out
        edits.append(Edit(match.start(), match.end(), " ".join(w.replace(" ", "") for w in words)))
    return edits


def letter_spacing_edits(text: str, known: frozenset[str] = frozenset()) -> list[Edit]:
    """Letter-spaced words joined; letters and digits stay apart (``b u y 1 0 0``).

    Where letters are spaced by a mark ("C.o.v.e.r t.h.e", "E-n-t-e-r g-o-l-d") a blank
    between them parts two words. Where a single blank spaces every letter ("E n a b l e
    l i v e") nothing marks the words: the run is split into ``known`` words (the
    vocabulary's) when it is made of them only, else joined whole.
    """
    edits: list[Edit] = []
    # A run starts only where the byte classes show one may: the pattern is tried there,
    # in order, as its own search would try it, but not at every other position.
    data = utf8(text)
    end = 0
    for start in char_offsets(text, data, _spacing_starts(data.translate(_CLASSES))):
        match = _SPACED.match(text, start) if start >= end else None
        if match is not None:
            words = _spaced_words(match.group(), known)
            # A word spelled out letter by letter is hidden on purpose: a sentence starts,
            # but only once; more such words in the same sentence continue it. A single
            # word that closes its sentence ends the words before it, as a German verb
            # does ("Jetzt bitte Siemens v e r k a u f e n ."): it starts nothing.
            opens = not edits or _SENTENCE_END.search(text, end, match.start()) is not None
            opens = opens and not (" " not in words and _closes_sentence(text, match.end()))
            at = hidden_sentence_start(text, match.start()) if opens else None
            if at is not None and words.replace(" ", "").isalpha():
                if at < match.start():
                    edits.append(Edit(at, at, "\n"))
                else:
                    words = "\n" + words
            edits.append(Edit(match.start(), match.end(), words))
            end = match.end()
    return edits


def _closes_sentence(text: str, end: int) -> bool:
    """Whether only blanks stand between ``end`` and the end of its sentence or text."""
    position = end
    while position < len(text) and text[position] in " \t":
        position += 1
    return position == len(text) or text[position] in ".!?;\n"


def hidden_sentence_start(text: str, start: int) -> int | None:
    """Where a sentence hidden by spelling its first word out (letter-spaced, invisible
    characters between its letters) starts, the hidden word being at ``start``; None when
    it starts no sentence.

    A hidden word right after its sentence's first word continues that sentence ("Il c o n
    v i e n t de …", "Go l\u200bi\u200bv\u200be …", "20 l o t s de …"); a number right
    before it is its size, and the hidden sentence starts there ("… Ratssitzung 1500 K o n
    t r a k t e …").
    """
    if _after_first_word(text, start):
        return None
    number = _NUMBER_BEFORE.search(text, max(0, start - _WORD_REACH), start)
    return number.start() if number is not None else start


# A number and the blanks after it, right before a position (searched in a short window).
_NUMBER_BEFORE: Final = lazy_pattern(r"(?<![A-Za-z0-9.,])[0-9](?:[0-9.,]*[0-9])?[ \t]+$")


def _after_first_word(text: str, start: int) -> bool:
    """Whether one word alone (letters or a number) stands between the start of its
    sentence and ``start`` (looked at over :data:`_WORD_REACH` characters at most)."""
    position = start
    floor = max(0, start - _WORD_REACH)
    while position > floor and text[position - 1] in " \t":
        position -= 1
    word_end = position
    while position > floor and (text[position - 1].isalnum() or text[position - 1] in ".,"):
        position -= 1
    if position == word_end or (position == floor and floor > 0):
        return False
    while position > floor and text[position - 1] in " \t":
        position -= 1
    return position == 0 or text[position - 1] in ".!?;:\n"


# What ends a sentence between two letter-spaced runs.
_SENTENCE_END: Final = lazy_pattern(r"[.!?;:\n]")
_LONGEST_WORD: Final = 24


def _spaced_words(run: str, known: frozenset[str]) -> str:
    """The words a letter-spaced run spells, letters and digits apart (see
    :func:`letter_spacing_edits`)."""
    single = len(run) > 2 and run[2].isalnum()  # one mark between each two letters
    marks = {ch for ch in run if not ch.isalnum()}
    if single and " " in marks and len(marks) > 1:
        # Marks between letters, blanks between words: "C.o.v.e.r t.h.e".
        pieces = [_SEPARATOR.sub("", piece) for piece in run.split(" ")]
        return " ".join(_CLASS_CHANGE.sub(" ", piece) for piece in pieces if piece)
    joined = _CLASS_CHANGE.sub(" ", _SEPARATOR.sub("", run))
    if not single or marks != {" "} or not known:
        return joined
    return " ".join(_segmented(part, known) for part in joined.split(" "))


def _segmented(word: str, known: frozenset[str]) -> str:
    """``word`` split into the fewest known words (a one-letter word counts double), or
    as it is when it is no sequence of known words: "enablelive" reads "enable live".

    Dynamic programming over the word's ends, each looking back at most
    :data:`_LONGEST_WORD` letters: linear in the word's length.
    """
    lower = word.lower()
    if not lower.isalpha() or lower in known:
        return word
    size = len(lower)
    cost: list[float] = [0.0] + [float("inf")] * size
    back = [0] * (size + 1)
    for stop in range(1, size + 1):
        for begin in range(max(0, stop - _LONGEST_WORD), stop):
            if cost[begin] == float("inf") or lower[begin:stop] not in known:
                continue
            step = cost[begin] + (2.0 if stop - begin == 1 else 1.0)
            if step < cost[stop]:
                cost[stop], back[stop] = step, begin
    if cost[size] == float("inf"):
        return word
    parts: list[str] = []
    stop = size
    while stop:
        parts.append(word[back[stop] : stop])
        stop = back[stop]
    return " ".join(reversed(parts))


# Words joined by "_", four or more: what :func:`snake_prose_edits` looks at, and its
# trigger (three joins between pieces; the pieces hold no blank and no "_").
SNAKE_TRIGGER: Final = r"_[^\s_]+_[^\s_]+_"
_SNAKE_RUN: Final = lazy_pattern(r"(?<!\S)[^\s_]+(?:_[^\s_]+){3,}")
# What code, paths, addresses and markup hold and prose joined by "_" does not.
_CODE_MARKS: Final = frozenset('/\\=@#()[]{}<>"`|$%^&*+~')
_SENTENCE_CLOSE: Final = ".!?"
_FILE_EXTENSION: Final = lazy_pattern(r"[.][A-Za-z]")


def snake_prose_edits(text: str, known: frozenset[str] = frozenset()) -> list[Edit]:
    """A sentence written as one identifier joined: "we_strongly_favour_initiating_a_long_
    tlt_position_now." reads "we strongly favour initiating a long tlt position now.".

    A run of four words or more joined by "_" is prose when it is written in small letters
    and reads as a sentence: it holds a comma or an apostrophe ("nous_recommandons_d'acheter
    _lvmh."), or it closes its sentence ("il_convient_de_vendre_fesx_avant_la_bce."). An
    identifier keeps its "_" and its meaning as a key: one in capitals ("MAX_POSITION_SIZE
    _PCT"), one set or called ("max_gross_exposure_pct=25", "run_live_trading_job()"), a
    path or a file ("logs/trade_engine_live_run.log") and one named inside a sentence
    ("the per_run_cost_limit_usd setting").

    Written in small letters, a name's capitals are gone: a short word that is no word of
    the vocabulary (``known``) is read as the ticker it would be ("lvmh", "fesx").
    """
    if "_" not in text:
        return []
    edits = []
    for match in _SNAKE_RUN.finditer(text):
        run = match.group()
        if _snake_prose(run):
            words = (_named(word, known) for word in run.split("_"))
            edits.append(Edit(match.start(), match.end(), " ".join(words)))
    return edits


def _named(word: str, known: frozenset[str]) -> str:
    """``word`` as a name when it is no known word (the marks that close it aside:
    "lvmh."): in capitals when it is shaped like a ticker (two to four letters, one vowel
    at most: "tlt", "fesx"), capitalised when it is long ("siemens"). A short word of a
    language the vocabulary does not list ("passe", "cette") stays as it is."""
    core = word.rstrip(_CLOSING_MARKS)
    if not (core.isascii() and core.isalpha()) or core in known:
        return word
    if len(core) in _TICKER_LETTERS and sum(core.count(v) for v in _VOWELS) <= 1:
        return core.upper() + word[len(core) :]
    if len(core) >= _NAME_LETTERS:
        return core.capitalize() + word[len(core) :]
    return word


_TICKER_LETTERS: Final = range(2, 5)
_NAME_LETTERS: Final = 6
_VOWELS: Final = "aeiouy"


_CLOSING_MARKS: Final = ".,;:!?"


def _snake_prose(run: str) -> bool:
    if any(ch.isupper() for ch in run) or not _CODE_MARKS.isdisjoint(run):
        return False
    body = run.rstrip(_SENTENCE_CLOSE)
    if _FILE_EXTENSION.search(body) is not None or body.endswith(":"):
        return False
    return body != run or any(mark in body for mark in ",'\u2019")
