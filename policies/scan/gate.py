"""The fast path: a sound proof, from the words of a text alone, that nothing can be found.

Every detector of the scanner needs certain words: a side needs a side word and some
parameter (a digit, a number word, a unit …), a risk-limit change a limit word and a
change verb, a structured order a side value, and so on. Those needs are written here as
*families* (alternatives of conjunctions of word groups, the groups taken from the
lexicon's roles), and the scanner runs a detector only when its family is satisfied by
the words of the whole document. When no family is satisfied, the full analysis would run
no detector: the text is clean, and it is known without normalising, lexing or parsing.

The words are :func:`policies.scan.words.gate_words` of the normalised text. The scanner
gets them from :func:`policies.scan.normalise.quick_form` when no rewriting step applies
(the common case), and from the normalised text otherwise, so the fast path never changes
a result: it only skips analyses that could not find anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.vocabulary import Lexicon, Role
from policies.scan.words import BREAKEVEN_CODE, DIGIT_MARK, gate_words

__all__ = [
    "AT_MARK",
    "LIST_MARK",
    "MONEY_MARK",
    "PERCENT_MARK",
    "RATIO_MARK",
    "RUNNING",
    "SPLIT_MARK",
    "Gate",
    "marks",
]

PERCENT_MARK: Final = "%"
MONEY_MARK: Final = "$"
# "@ 78.40": a price written with the at sign, which the gate words leave out.
AT_MARK: Final = "@"
# "60/40": a split of a book written with slashes, which the lexer reads as a share.
SPLIT_MARK: Final = "/"
# "equities 60 %, bonds 40 %": shares listed, perhaps a book's weights without a verb.
LIST_MARK: Final = "%,"
# "3:1", "10-to-1": a leverage ratio, which the lexer reads as a times figure.
RATIO_MARK: Final = ":1"
# A compound number word ("fünfundzwanzig") is no vocabulary word; it always holds a
# number word of tens or a scale, which the gate finds inside words.
COMPOUND_MARK: Final = "~"
_COMPOUND_MIN: Final = 20
# What a mask decides (:meth:`Gate._satisfies`), and how many decisions are kept at most.
_NO: Final = 0
_YES: Final = 1
_WITH_COMPOUND: Final = 2
_DECIDED: Final = 4096

# A split written with slashes ("70/30") is read as a share (see the lexer); any digits
# around a slash stand for one here, which is sound: the gate may only over-approximate.
_SPLIT: Final = lazy_pattern(r"\d/\d")
# A price after a size, with or without what it buys between: "40 ngf7 at 0.6650",
# "300 at 180". A plain "at" is too common a word for the gate ("closed at 5,150"); after a
# number it is the at sign spelt out, and the mark stands for it. Each "at" before a price
# is found by its literal, then the few characters before it are read for the size.
_AT_PRICE: Final = lazy_pattern(r" at\s+[$€£]?\d")
_SIZE_BEFORE: Final = lazy_pattern(r"(?<![\w.,])\d[\d,.]*[kmb]?(?:\s+[a-z][a-z0-9]*)?$")
_BEFORE: Final = 48
# Shares listed one after another: "60 %, bonds 30 %", "6 % equities, 50 % bonds" (found
# from the percent sign's literal).
_LISTED: Final = lazy_pattern(r"%[^%\d.;\n]{0,30}[,;/][^%\d.;\n]{0,30}\d+(?:[.,]\d+)?\s?%")
# A leverage ratio: "3:1", "10-to-1", "4 to 1", read where a "1" follows ":" or "to".
_RATIO: Final = lazy_pattern(r"\d\s?(?::|-to-|\sto\s)\s?1(?!\d|[.,:]\d)")
_RATIO_REACH: Final = 8

Group = frozenset[str]
# Words that run or switch a book into real money, or name what it leaves: a dated state of
# real money needs one ("from Monday the pilot runs live with real capital"; the "planned"
# family here, :func:`policies.scan.directives.find_directives` there).
RUNNING: Final = (
    Role.PAPER | Role.SAFETY | Role.MODAL | Role.DESCRIBE | Role.SWITCH | Role.DISABLE | Role.SELF
)
Family = tuple[tuple[Group, ...], ...]  # any alternative whose groups all meet the words


def marks(text: str) -> set[str]:
    """Marks for what the gate words leave out: percent, currency and at signs (or a price
    after a size, the at sign spelt out), leverage ratios."""
    found = set()
    if "%" in text:
        found.add(PERCENT_MARK)
        if _LISTED.search(text):
            found.add(LIST_MARK)
    if "/" in text and _SPLIT.search(text):
        found.update((PERCENT_MARK, SPLIT_MARK))
    # The other signs are not ASCII: an ASCII text (a flag of the string) holds none.
    if "$" in text or (not text.isascii() and any(sign in text for sign in "€£¥")):
        found.add(MONEY_MARK)
    if AT_MARK in text or (" at " in text and _priced(text)):
        found.add(AT_MARK)
    if _ratio(text):
        found.add(RATIO_MARK)
    return found


def _ratio(text: str) -> bool:
    """Whether a ratio to one stands in the text: each "1" is found in C (a text has few),
    and only one after ":" or "to" is read with the pattern."""
    position = text.find("1", 1)
    while position > 0:
        before = text[position - 1]
        if (before == ":" or (before in " -" and text[position - 3 : position - 1] == "to")) and (
            _RATIO.search(text, max(0, position - _RATIO_REACH), position + 3)
        ):
            return True
        position = text.find("1", position + 1)
    return False


def _priced(text: str) -> bool:
    """Whether some plain "at" before a price follows a size: "take 40 ngf7 at 0.6650"."""
    for match in _AT_PRICE.finditer(text):
        start = match.start()
        if _SIZE_BEFORE.search(text, max(0, start - _BEFORE), start):
            return True
    return False


class Gate:
    """The families of one lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        w = lexicon.words_with
        r = lexicon.record_anchors

        def rec(*names: str) -> Group:
            return frozenset().union(*(r.get(name, frozenset()) for name in names))

        number = frozenset({DIGIT_MARK, COMPOUND_MARK}) | w(Role.NUMBER_WORD | Role.SCALE)
        parameter = (
            number
            | {PERCENT_MARK, MONEY_MARK}
            | w(
                Role.UNIT
                | Role.INSTRUMENT
                | Role.CURRENCY
                | Role.ORDER_TYPE
                | Role.LEVEL
                | Role.NAV
                | Role.PERCENT
                | Role.TIMES
            )
        )
        percent = frozenset({PERCENT_MARK}) | w(Role.PERCENT)
        times = frozenset({RATIO_MARK}) | w(Role.TIMES)
        sized = (
            percent
            | {MONEY_MARK, RATIO_MARK}
            | w(Role.UNIT | Role.CURRENCY | Role.NAV | Role.TIMES)
        )
        counted = frozenset({MONEY_MARK, RATIO_MARK}) | w(Role.UNIT | Role.CURRENCY | Role.TIMES)
        money = frozenset({MONEY_MARK}) | w(Role.CURRENCY)
        # Shares of a book in basis points or fractions, points of its weights, notionals.
        basis = _anchor_words(lexicon.basis_points)
        fractions = _anchor_words(lexicon.fractions)
        points = _anchor_words(lexicon.points)
        notionals = _anchor_words(lexicon.notionals)
        repeats = _anchor_words(lexicon.repeats)
        affirmatives = _anchor_words(lexicon.affirmatives)
        directions = _anchor_words(lexicon.directions)
        quotes = _anchor_words(lexicon.quotes)
        books = w(Role.NAV)
        # What a dated state needs besides its figure: a book it is of ("the book will be
        # 60 % equities from Monday"), or for real money a predicate that runs or switches
        # it or the paper it leaves ("from Monday the pilot runs live with real capital").
        held = w(Role.PORTFOLIO | Role.NAV | Role.POSITIONS | Role.WEIGHT)
        running = w(RUNNING)
        on = rec("value.on") | {DIGIT_MARK}
        off = rec("value.off") | {DIGIT_MARK}
        prose: dict[str, Family] = {
            "side": ((w(Role.SIDE | Role.SIDE_ADJ), parameter),),
            # A weak verb with a sized target, or a whole order priced with the at sign:
            # "lift 12k GCJ7 @ 78.40" (a priced "at" is too common a word for the gate).
            # Closing verbs trade like weak verbs on a target counted in units or money
            # ("liquidate 500 shares"); a share of a book is not their size.
            "trade": (
                (w(Role.TRADE), sized),
                (
                    w(Role.TRADE | Role.CLOSE | Role.SIDE | Role.ALLOCATE),
                    number,
                    frozenset({AT_MARK}),
                ),
                (w(Role.CLOSE), counted),
                # "Mine 300 TY at 110-16", "Nimm mir 50 FDAX bei 19.850", "bid 50 for 10k":
                # a quote in chat, its price after a link (a word of quoting is rare enough
                # for the gate to take any link as the price's).
                (quotes, number, w(Role.LEVEL_LINK) | {AT_MARK, "for", "fur", "pour", "por"}),
                # "Gimme 20 ES", "Gib mir 20 FDAX": a count asked at the market, its target
                # often a ticker no vocabulary holds.
                (quotes, number),
            ),
            # A side or a verb of a holding on a named target, sized or not ("Buy TLT.",
            # "trim Nvidia"): the target is a name the vocabulary does not hold, so the
            # action word alone opens the analysis.
            # The alternatives with an instrument or a recommendation hold the first one:
            # they change no verdict of the gate, but let a sentence split across fields
            # be read whole when one half names the target or recommends and the other
            # acts ("Notre conseil sur l'OAT :" + "la vendre avant la BCE.").
            "named": (
                (w(Role.SIDE | Role.SIDE_ADJ) | lexicon.holding,),
                (w(Role.SIDE | Role.SIDE_ADJ) | lexicon.holding, w(Role.INSTRUMENT)),
                (
                    w(Role.SIDE | Role.SIDE_ADJ) | lexicon.holding,
                    w(Role.RECOMMEND | Role.REC_ADJ | Role.REC_MODAL),
                ),
            ),
            "level": ((w(Role.LEVEL), number), (w(Role.LEVEL), frozenset({BREAKEVEN_CODE}))),
            "execution": (
                (w(Role.EXECUTE),),
                (w(Role.PLACE), w(Role.ORDER_OBJ | Role.ORDER_TYPE | Role.BROKER)),
                # "The orders go to the broker at 15:55": our orders moved to a broker.
                (w(Role.SWITCH), w(Role.ORDER_OBJ), w(Role.BROKER)),
                (w(Role.CLOSE), w(Role.POSITIONS)),
            ),
            "risk": (
                (w(Role.CHANGE), w(Role.LIMIT_OBJ)),
                (w(Role.CHANGE), w(Role.POSITIONS | Role.LEVERAGE), sized),
                (w(Role.LIMIT_OBJ), number),
            ),
            "leverage": ((times, w(Role.LEVERAGE | Role.CHANGE | Role.LIMIT_OBJ)),),
            # "4 % of NAV in SPY", "risk 40bp of NAV", "a fifth of the fund into gold".
            "sizing": ((books, percent), (books, basis, number), (books, fractions)),
            # "Nocional de 20 millones de euros en X": a notional amount on a target.
            "notional": ((notionals, money, number),),
            # "We bought TLT last week and would do it again": a past trade of ours endorsed.
            "repeat": ((repeats, w(Role.SIDE) | lexicon.holding),),
            # "A: we trimming gold? B: yes, half.": a trade of ours proposed, answered yes.
            "confirmed": ((affirmatives, w(Role.SIDE) | lexicon.holding),),
            # "Out of the miners, into utilities", "raus aus den Banken": a direction of desk
            # chat on an asset class, without a verb.
            "direction": ((directions, w(Role.INSTRUMENT)),),
            # "1500 Kontrakte Bund-Future je Mandat": a size given per book, without a verb.
            "allotted": ((w(Role.UNIT), w(Role.PORTFOLIO | Role.NAV), number),),
            "live": (
                (w(Role.SWITCH), w(Role.LIVE | Role.PRODUCTION)),
                (w(Role.DISABLE), w(Role.SAFETY)),
            ),
            # "The book will be 60 % equities from Monday", "ab Montag short", "from Monday
            # the pilot runs live with real capital": a state of ours dated ahead.
            "planned": (
                (lexicon.future, percent, held),
                (lexicon.future, times, held),
                (lexicon.future, w(Role.SIDE_ADJ), held | w(Role.SELF)),
                (lexicon.future, w(Role.LIVE), running),
                (lexicon.future, w(Role.LIMIT_OBJ), number),
                (lexicon.future, w(Role.LEVEL), number),
            ),
            "rebalance": (
                (w(Role.REBALANCE),),
                (w(Role.ALLOCATE), w(Role.PORTFOLIO | Role.WEIGHT) | percent),
                # "Réallouer 5 points des actions vers le crédit": points of the weights.
                (w(Role.ALLOCATE), points, number),
                # "Weights: SPY 50, TLT 30, GLD 20": a book's weights without percent signs.
                (w(Role.WEIGHT) & rec("field.weight"), number),
                (w(Role.WEIGHT), percent),
                # "Go to 60/40", "equities 60 %, bonds 30 %, cash 10 %".
                (w(Role.SWITCH), frozenset({SPLIT_MARK})),
                (frozenset({LIST_MARK}),),
            ),
        }
        records: dict[str, Family] = {
            "r_order": ((rec("value.buy", "value.sell"),),),
            "r_level": ((rec("field.level"), number),),
            "r_leverage": ((rec("field.leverage"), number),),
            "r_limit": ((rec("field.limit"), number),),
            "r_weight": (
                (rec("field.weight"), number),
                # "| Sleeve | Current | Target |": a row moved from one share to another.
                (rec("field.current"), rec("field.target"), percent),
            ),
            "r_live": (
                (rec("field.mode"), rec("value.live")),
                (rec("field.live"), on),
                (rec("field.safety"), off),
            ),
            # "Execution: VWAP over the session": the algorithm our orders are worked with.
            "r_exec": ((rec("field.execute"), on), (rec("field.execute"), w(Role.ORDER_TYPE))),
            "r_intent": ((rec("field.kind"), rec("intent")),),
        }
        self.families: dict[str, Family] = {**prose, **records}
        # The families of directives in prose; the others are read from structured pairs.
        self.prose: frozenset[str] = frozenset(prose)
        # Words of a side that may wait for its size in a later sentence.
        self.waiting: frozenset[str] = w(Role.SIDE | Role.SIDE_ADJ)
        # Every alternative needs a word of its first group: most texts have none at all.
        self._openers: frozenset[str] = frozenset().union(
            *(alternative[0] for family in self.families.values() for alternative in family)
        )
        # Each distinct group is a bit; a word maps to the bits of the groups holding it,
        # so a document is checked with one set intersection and integer tests.
        bits: dict[Group, int] = {}
        for family in self.families.values():
            for alternative in family:
                for group in alternative:
                    bits.setdefault(group, 1 << len(bits))
        self._groups_of: dict[str, int] = {}
        for group, bit in bits.items():
            for word in group:
                self._groups_of[word] = self._groups_of.get(word, 0) | bit
        self._known = frozenset(self._groups_of)
        self._masks: dict[str, tuple[int, ...]] = {
            name: tuple(sum(bits[group] for group in set(alternative)) for alternative in family)
            for name, family in self.families.items()
        }
        self._compound_bit = self._groups_of.get(COMPOUND_MARK, 0)
        self._alternatives = tuple(bits for masks in self._masks.values() for bits in masks)
        self._prose_alternatives = tuple(bits for name in self.prose for bits in self._masks[name])
        # What a mask decides, per set of alternatives (:meth:`_satisfies`): the same few
        # masks come back with every document of a kind, and deciding one walks them all.
        self._decided: dict[int, int] = {}
        self._prose_decided: dict[int, int] = {}
        self._split_alternatives = tuple(bits for name in self.prose for bits in self._masks[name])
        self._compound_parts = tuple(
            sorted(
                word
                for word, entry in lexicon.words.items()
                if entry.roles & (Role.NUMBER_WORD | Role.SCALE)
                and (entry.roles & Role.SCALE or (entry.value or 0) >= _COMPOUND_MIN)
                and len(word) >= 4
            )
        )

    def any_active(self, words: Iterable[str], text: str) -> bool:
        """Whether some family is satisfied: :meth:`active` non-empty, found sooner."""
        mask = self._mask(words)
        return bool(mask) and self._satisfies(self._alternatives, self._decided, mask, text)

    def reach(self, words: Iterable[str], text: str) -> tuple[bool, bool]:
        """Whether some family of :attr:`prose` is satisfied, and whether some family is."""
        mask = self._mask(words)
        if not mask:
            return False, False
        prose = self._satisfies(self._prose_alternatives, self._prose_decided, mask, text)
        return prose, prose or self._satisfies(self._alternatives, self._decided, mask, text)

    def mask_of(self, words: Iterable[str]) -> int:
        """The groups that ``words`` meet, for :meth:`needs` and :meth:`completed_by`."""
        return self._mask(words, opened=False)

    def needs(self, one: int) -> list[tuple[int, int]]:
        """The alternatives a half with mask ``one`` opens but does not satisfy, each with
        the groups another half must bring. A side is among them: a side left open without
        its target ("Zu kaufen sind" + "600 Deutsche-Post-Aktien zu 38 Euro") waits for
        nothing else, as a side on a target does."""
        return [
            (alt, alt & ~one) for alt in self._split_alternatives if alt & one and alt & one != alt
        ]

    @staticmethod
    def completed_by(needs: Sequence[tuple[int, int]], two: int) -> bool:
        """Whether a second half with mask ``two`` brings what one of ``needs`` (:meth:`needs`
        of the first half) lacks, satisfying a prose family that neither satisfies alone:
        "switch" and "from paper to live", "the VaR limit" and "is to be raised to $12m"
        (:mod:`policies.scan.splits`)."""
        return any(need & two == need and alt & two != alt for alt, need in needs)

    def _mask(self, words: Iterable[str], *, opened: bool = True) -> int:
        """The bits of the groups the words meet; 0 when they open no alternative."""
        present = self._known.intersection(words)
        if opened and self._openers.isdisjoint(present):
            return 0
        mask = 0
        for word in present:
            mask |= self._groups_of[word]
        return mask

    def _satisfies(
        self, alternatives: tuple[int, ...], decided: dict[int, int], mask: int, text: str
    ) -> bool:
        """Whether some alternative is satisfied by ``mask`` (or by a compound number word
        in ``text`` with it); what the mask alone decides is kept in ``decided``."""
        verdict = decided.get(mask)
        if verdict is None:
            if len(decided) >= _DECIDED:
                decided.clear()
            verdict = decided[mask] = self._decide(alternatives, mask)
        return verdict == _YES or (verdict == _WITH_COMPOUND and self._has_compound(text))

    def _decide(self, alternatives: tuple[int, ...], mask: int) -> int:
        for alternative in alternatives:
            if alternative & mask == alternative:
                return _YES
        # As in :meth:`active`: only a compound number word can still complete a family.
        compound = self._compound_bit
        if mask & compound == compound:
            return _NO
        mask |= compound
        return _WITH_COMPOUND if any(alt & mask == alt for alt in alternatives) else _NO

    def active(self, words: Iterable[str], text: str) -> frozenset[str]:
        """The families the document's words satisfy (``text``: for compound numbers)."""
        present = self._known.intersection(words)
        if self._openers.isdisjoint(present):
            return frozenset()
        mask = 0
        for word in present:
            mask |= self._groups_of[word]
        found = [name for name, masks in self._masks.items() if _satisfied(masks, mask)]
        if self._compound_bit & ~mask:
            # A compound number word may stand where a number is still missing.
            with_compound = mask | self._compound_bit
            missing = [
                name
                for name, masks in self._masks.items()
                if name not in found and _satisfied(masks, with_compound)
            ]
            if missing and self._has_compound(text):
                found.extend(missing)
        return frozenset(found)

    def _has_compound(self, text: str) -> bool:
        return any(part in text for part in self._compound_parts)


def _anchor_words(phrases: Iterable[str]) -> frozenset[str]:
    """One gate word of each phrase, its longest: every match of the phrase contains it."""
    found = set()
    for phrase in phrases:
        words = [word for word in gate_words(phrase) if word != DIGIT_MARK]
        if words:
            found.add(max(words, key=len))
    return frozenset(found)


def _satisfied(alternatives: tuple[int, ...], mask: int) -> bool:
    return any(alternative & mask == alternative for alternative in alternatives)
