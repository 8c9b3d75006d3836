"""Normalised text to tokens that know their roles, and tokens to sentences and clauses.

A token is a word, a number or a mark. Words and phrases are looked up in the
:class:`~policies.scan.vocabulary.Lexicon` (a phrase wins over its first word); numbers
written in digits or words ("five thousand", "fünfundzwanzig", "one point zero eight")
become one number token, with a scale ("5k", "1.5bn"), a percent or a times mark
("5x", "five times") folded into it. Hyphens and underscores between words join nothing
(identifiers are split), but the next token remembers that it was glued on, so that
"long-term" is not read as "long".

Sentences end at ``. ! ? ;`` and at line ends; clauses also end at ``, : ( ) " [ ] { }``,
a spaced dash, and before a subordinating or coordinating word.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import Final

from policies.scan.vocabulary import Entry, Form, Lexicon, Role
from policies.scan.words import BLANKS_AND_TOKEN, BREAKEVEN_CODE

__all__ = ["Clause", "Token", "clauses", "last_position", "next_position", "tokenize"]

_SENTENCE_END: Final = frozenset(".!?;\n")
_CLAUSE_BREAK: Final = frozenset(',:()"[]{}=—\u2014')
_NO_ENTRY: Final = Entry(0, 0)
_PAIR: Final = Entry(Role.INSTRUMENT, 0)
_NUMBER_PARTS: Final = Role.NUMBER_WORD | Role.SCALE | Role.DECIMAL_POINT | Role.NUMBER_JOINER
_NUMBER_OPENERS: Final = Role.NUMBER_WORD | Role.SCALE
_SUFFIX_MAX: Final = 3  # "=F", "=X": the kind of a ticker after an equals sign


class Token:
    """One token: its text (lower case), span in the normalised text, roles and number."""

    __slots__ = (
        "agreement",
        "capital",
        "end",
        "forms",
        "glued",
        "kind",
        "negation_after",
        "percent",
        "roles",
        "scaled",
        "sets_off",
        "start",
        "suggests",
        "text",
        "times",
        "upper",
        "value",
    )

    def __init__(self, kind: str, text: str, start: int, end: int, entry: Entry) -> None:
        self.kind = kind  # "word", "number" or "mark"
        self.text = text
        self.start = start
        self.end = end
        self.roles = entry.roles
        self.forms = entry.forms
        self.value: float | None = entry.value
        self.negation_after = entry.negation_after
        self.agreement = entry.agreement
        self.glued = False  # joined to the previous token by a hyphen or underscore
        self.upper = False  # written in capitals (or with digits): may be a ticker
        self.capital = False  # written with a capital initial
        self.percent = False
        self.times = False
        self.scaled = False  # written with its scale: "50k", "10m", "2bn"
        # A negation that opens a question and suggests what it would negate ("Shouldn't
        # we buy X?"): no longer a negation (see :func:`_suggesting_questions`).
        self.suggests = False
        # A comma that sets a hedged figure off inside its clause ("a lower weight, maybe
        # 50 %, seems right"): it ends no clause (see :func:`_hedged_figures`).
        self.sets_off = False

    def has(self, roles: int) -> bool:
        return bool(self.roles & roles)

    def __repr__(self) -> str:
        return f"Token({self.kind}, {self.text!r}, {self.start}-{self.end}, roles={self.roles:#x})"


class Clause:
    """Tokens ``[first, last)`` of one clause; ``opener`` is the word that started it."""

    __slots__ = ("_found", "first", "last", "line", "opener", "sentence")

    def __init__(self, first: int, last: int, sentence: int, line: int, opener: int) -> None:
        self.first = first
        self.last = last
        self.sentence = sentence
        self.line = line
        self.opener = opener  # roles of the subordinator or coordinator, 0 if none
        self._found: dict[str, list[int]] = {}

    def positions(self, key: str, test: Callable[[int], bool]) -> list[int]:
        """Ascending positions ``i`` of the clause for which ``test(i)``, found once per key.

        The readers of a clause ask, for every action word in it, "the first actor before
        it", "the next negation after it". A clause has no length limit (a field without a
        stop is one clause), so each answer comes from these lists by bisection
        (:func:`next_position`, :func:`last_position`), never from a walk over the clause:
        a walk per word made a long clause quadratic. ``key`` names ``test``.
        """
        found = self._found.get(key)
        if found is None:
            found = self._found[key] = [i for i in range(self.first, self.last) if test(i)]
        return found

    def last_before_marks(self, tokens: Sequence[Token], after: int) -> int:
        """The position of the clause's last token that is not a mark ("… abzugeben.": the
        word before the stop); a position not after ``after`` when no such token follows it."""
        last = self.last - 1
        while last > after and tokens[last].kind == "mark":
            last -= 1
        return last

    def having(self, tokens: Sequence[Token], roles: int) -> list[int]:
        """:meth:`positions` of the tokens with any of ``roles``."""
        return self.positions(f"roles {roles}", lambda i: bool(tokens[i].roles & roles))


def next_position(positions: list[int], start: int) -> int | None:
    """The first of ascending ``positions`` at or after ``start``, if any."""
    k = bisect.bisect_left(positions, start)
    return positions[k] if k < len(positions) else None


def last_position(positions: list[int], end: int) -> int | None:
    """The last of ascending ``positions`` before ``end``, if any."""
    k = bisect.bisect_left(positions, end)
    return positions[k - 1] if k else None


def tokenize(
    text: str, cased: str, lexicon: Lexicon, start: int = 0, end: int | None = None
) -> list[Token]:
    """The tokens of one normalised field (``cased`` is the same text with its case).

    ``start`` and ``end`` limit the reading to a stretch; offsets stay the field's.
    """
    stop = len(text) if end is None else end
    raw = _join_pairs(
        _join_codes(_join_spelled(_raw_tokens(text, cased, lexicon, start, stop), text, lexicon))
    )
    tokens = _merge_numbers(_merge_phrases(raw, lexicon), lexicon)
    if lexicon.separable:
        _join_separable(tokens, lexicon)
    _prepositions_after_nouns(tokens)
    _possessives_before_nouns(tokens)
    _suggesting_questions(tokens)
    _dated_now(tokens)
    _unreal_past(tokens)
    _hedged_figures(tokens)
    _breakeven_codes(tokens)
    if "/" in text[start:stop]:
        _silence_paths(tokens)
    _names_of_instruments(tokens)
    return tokens


_BREAKEVEN_REACH: Final = 4  # a level word, what it is on, and its link: "SL on gold to BE"


def _breakeven_codes(tokens: list[Token]) -> None:
    """ "BE" in capitals after the link of a level is breakeven, a level given as a word
    ("move SL to BE", "stop at BE"), read as a number as "breakeven" is; "be" in lower case,
    or without a level before it, stays the verb."""
    for k in range(1, len(tokens)):
        token = tokens[k]
        if (
            token.text != BREAKEVEN_CODE
            or not token.upper
            or not tokens[k - 1].has(Role.LEVEL_LINK)
        ):
            continue
        if any(tokens[j].has(Role.LEVEL) for j in range(max(0, k - _BREAKEVEN_REACH), k - 1)):
            token.kind, token.roles, token.forms, token.value = "number", 0, 0, 0.0


def _silence_paths(tokens: list[Token]) -> None:
    """The words of a file path name a file, not an action: "/var/log/trade_engine_live_run",
    "ops/scripts/rebalance_weights", "scripts/buy_side_order_router". A run of tokens
    written without a blank, with two slashes, a leading one, or one before an identifier
    joined by "_" or "-", loses the words' roles. A pair ("buy/sell", "EUR/USD") and a
    URL's query ("?q=Buy+300+SPY", read by the payload decoder) keep theirs."""
    first = 0
    for k in range(1, len(tokens) + 1):
        if k < len(tokens) and (tokens[k].start == tokens[k - 1].end or tokens[k].glued):
            continue
        if k - first > 2:
            _silence_path(tokens[first:k])
        first = k


def _silence_path(run: list[Token]) -> None:
    slashes = [t for t in run if t.kind == "mark" and t.text == "/"]
    if not slashes or any(t.kind == "mark" and t.text in _QUERY_MARKS for t in run):
        return
    leading = run[0].kind == "mark" and run[0].text == "/"
    if not (len(slashes) > 1 or leading or any(t.glued for t in run)):
        return
    for token in run:
        if token.kind == "word":
            token.roles = 0
            token.forms = 0


_QUERY_MARKS: Final = frozenset("?=&#%")


# Nouns a preposition follows: what a homograph of a pronoun names after them is theirs.
_NOUNS: Final = (
    Role.WEIGHT
    | Role.PORTFOLIO
    | Role.POSITIONS
    | Role.LIMIT_OBJ
    | Role.LEVERAGE
    | Role.INSTRUMENT
    | Role.LEVEL
)


def _prepositions_after_nouns(tokens: list[Token]) -> None:
    """A word that is a pronoun in one language and a preposition in another is the
    preposition right after a noun: French "l'allocation du fonds", "le rééquilibrage du
    CAC 40", "le règlement du fonds" (not German "du", the reader, who never follows a
    noun).
    """
    both = Role.ADDRESSEE | Role.PREP
    for i in range(1, len(tokens)):
        token = tokens[i]
        if token.roles & both != both:
            continue
        noun = tokens[i - 1]
        if noun.kind == "word" and (
            noun.has(_NOUNS) or noun.forms & Form.NOUN or _after_article(tokens, i - 1)
        ):
            token.roles &= ~Role.ADDRESSEE


def _after_article(tokens: list[Token], i: int) -> bool:
    """The word at ``i`` is a noun the vocabulary does not know, right after its article:
    "le règlement du fonds", "la valeur du portefeuille"."""
    word = tokens[i]
    return i > 0 and word.roles == 0 and tokens[i - 1].has(Role.DET)


# Pronouns of address that are also a third person's possessive: German "ihr" is "you"
# (plural) and "her"/"their".
_POSSESSIVE_HOMOGRAPHS: Final = frozenset(("ihr",))


def _possessives_before_nouns(tokens: list[Token]) -> None:
    """German "ihr" written small before a capitalised noun is a possessive, "her" or
    "their", not the reader: "Die Deutsche Bank erhöht ihr VaR-Limit", "Die Bank hat ihr
    Risikolimit gesenkt". The pronoun of address stands before a verb or an article ("ihr
    solltet …", "erhöht ihr das Limit?"); the polite "Ihr" is written with a capital.
    """
    for i in range(len(tokens) - 1):
        token = tokens[i]
        if token.text not in _POSSESSIVE_HOMOGRAPHS or token.capital or token.upper:
            continue
        noun = tokens[i + 1]
        if noun.kind == "word" and noun.capital and not noun.upper and not noun.has(Role.DET):
            token.roles = (token.roles & ~Role.ADDRESSEE) | Role.DET


# What may stand between an inverted finite verb and the negation after it: a pronoun or
# a name of who acts ("is it not", "should we not", "sollten wir nicht", "ist es nicht").
_INVERTED_SUBJECT: Final = Role.ACTOR | Role.REFERENCE
_INVERTED_REACH: Final = 3
# Verbs a negation that opens a question negates: "Isn't", "N'est-il pas", "¿No deberíamos".
_FINITE_VERBS: Final = Role.AUX | Role.MODAL | Role.RECOMMEND
# Actors whose omissions a why-question asks about, not ours to urge.
_OTHERS: Final = Role.GENERIC | Role.THIRD | Role.INSTITUTION


def _suggesting_questions(tokens: list[Token]) -> None:
    """A negated question suggests what it negates: the negation asks for a yes.

    "Shouldn't we buy X?", "Isn't it time to sell Y?", "Sollten wir nicht X kaufen?",
    "N'est-il pas temps d'acheter X ?", "¿No deberíamos comprar X?": the negation of the
    finite verb that opens the question (inverted) is no negation; the question reads as
    the statement it expects ("we should buy X") and is marked (:attr:`Token.suggests`) so
    that it is not read as weighing an action. A question asking why with a negation in
    it ("Warum Siemens nicht jetzt kaufen?", "Why don't we sell X?") urges as "why not"
    does, unless it names someone else or a time past ("Why didn't investors sell?").
    Other questions are untouched: "Didn't CTAs sell?" states what CTAs did.
    """
    first = 0
    for i, token in enumerate(tokens):
        if token.kind != "mark" or token.text not in _SENTENCE_END:
            continue
        if token.text == "?":
            _suggesting(tokens, first, i)
        first = i + 1


def _suggesting(tokens: list[Token], first: int, end: int) -> None:
    words = [j for j in range(first, end) if tokens[j].kind != "mark"]
    if not words:
        return
    opening = tokens[words[0]]
    proposal = _proposal(tokens, words)
    if proposal:
        # "What if we cut leverage to 2x?", "¿Y si recortamos la posición?": a step of ours
        # put as a question proposes it, as "why not" does; not a condition.
        for j in words[:proposal]:
            tokens[j].roles = (tokens[j].roles | Role.URGE) & ~_CONDITION
        _now(tokens[words[proposal]])
        return
    if _our_verb(opening) and not any(tokens[j].forms & Form.PAST_TIME for j in words):
        # "¿Subimos el stop a 13,20?", "On remonte le stop à 131,40 ?": a first person
        # plural that opens a question proposes the step now ("shall we …?").
        _now(opening)
        opening.roles |= Role.URGE
        return
    negations = [j for j in words if tokens[j].has(Role.NEG) and not tokens[j].has(Role.URGE)]
    if not negations:
        return
    if opening.forms & Form.WHY:
        if any(tokens[j].has(_OTHERS) or tokens[j].forms & Form.PAST_TIME for j in words):
            return  # "Why didn't investors sell gold?": what others did not do
        for j in negations:
            tokens[j].roles |= Role.URGE
        return
    for j in _inverted_negations(tokens, words):
        tokens[j].roles &= ~Role.NEG
        tokens[j].suggests = True


# Endings of a first person plural verb that names no subject ("recortamos", "relevions"):
# after a proposing opening, we act.
_FIRST_PLURAL: Final = ("mos", "ons")
# French "on" is the desk's "we" after a proposing opening ("Et si on allégeait LVMH ?").
_WE_WORDS: Final = frozenset(("on",))
# What a proposing opening stops being: a condition and the coordinator before it.
_CONDITION: Final = Role.CONDITIONAL | Role.SUBORDINATOR | Role.COORDINATOR


def _proposal(tokens: Sequence[Token], words: list[int]) -> int:
    """How many words open a question that proposes a step of ours (0: none).

    A proposing opening (``[mood] proposals``: "what if") or a coordinator and a condition
    ("and if", "y si", "et si", "und wenn"), with us right after it: a word of ours ("we",
    "wir", "nous", the desk's "on") or a first person plural verb ("¿Y si recortamos …?").
    "What if the Fed cuts?" and "¿Y si el BCE recorta?" weigh a scenario.
    """
    first = tokens[words[0]]
    if first.forms & Form.PROPOSAL:
        size = 1
    elif first.has(Role.COORDINATOR) and len(words) > 1 and tokens[words[1]].has(Role.CONDITIONAL):
        size = 2
    else:
        return 0
    return size if _we_at(tokens, words, size) else 0


def _our_verb(token: Token) -> bool:
    """An action verb in the first person plural, or after the desk's "on" joined to it
    ("subimos", "vendemos", "relevons", "on remonte")."""
    if not token.has(Role.VERB) or token.forms & Form.NOUN:
        return False
    if token.forms & Form.NOW_OR_PAST:
        return True
    first = token.text.split(" ", 1)[0]
    return first in _WE_WORDS or (first.endswith(_FIRST_PLURAL) and token.kind == "word")


def _now(token: Token) -> None:
    """A first person plural that is present and past alike, read as the present."""
    if token.forms & Form.NOW_OR_PAST:
        token.forms = (token.forms & ~(Form.PAST | Form.NOW_OR_PAST)) | Form.BASE


def _we_at(tokens: Sequence[Token], words: list[int], k: int) -> bool:
    """The ``k``-th word of the question is us, or a first person plural verb."""
    if len(words) <= k:
        return False
    after = tokens[words[k]]
    if after.has(Role.SELF) or after.text in _WE_WORDS:
        return True
    return after.kind == "word" and after.text.endswith(_FIRST_PLURAL) and not after.has(Role.ACTOR)


def _inverted_negations(tokens: Sequence[Token], words: list[int]) -> list[int]:
    """The negations of the finite verb that opens a question: contracted ("Isn't",
    "Shouldn't"), before it ("N'est-il pas", "¿No es hora"; with the French "pas" after
    it) or after its subject ("Is it not", "Sollten wir nicht")."""
    first = tokens[words[0]]
    if first.has(Role.NEG):
        second = tokens[words[1]] if len(words) > 1 else None
        contracted = first.text.endswith("n't")
        verb = second is not None and (
            second.has(_FINITE_VERBS) or (second.kind == "word" and not second.roles)
        )
        if not (contracted or verb):
            return []
        found = [words[0]]
        # The second half of a French negation: "ne … pas", past the subject.
        for j in words[2 : 2 + _INVERTED_REACH]:
            if tokens[j].has(Role.NEG):
                found.append(j)
                break
            if not tokens[j].has(_INVERTED_SUBJECT):
                break
        return found
    if not first.has(Role.AUX | Role.MODAL):
        return []
    if len(words) > 2 and tokens[words[1]].has(Role.SELF):
        # "Sollen wir das Modell jetzt nicht endlich live schalten?": after the modal and
        # us, a verb-second question puts its negation anywhere before the verb; not an
        # alternative it ends on ("Should we buy TLT or not?").
        late = next((j for j in words[2:] if tokens[j].has(Role.NEG)), None)
        if late is None or tokens[late - 1].has(Role.COORDINATOR):
            return []
        return [late]
    for j in words[1 : 1 + _INVERTED_REACH]:
        if tokens[j].has(Role.NEG):
            return [j]
        if not tokens[j].has(_INVERTED_SUBJECT):
            return []
    return []


# What dates a first person plural present and past alike as the present: a time ahead
# or of today.
_NOW_DATES: Final = Form.FUTURE_TIME | Form.FUTURE_DAY | Form.FUTURE_START | Form.TODAY


def _dated_now(tokens: list[Token]) -> None:
    """A first person plural that is present and past alike ("cerramos", "pasamos") in a
    sentence dated ahead or today, with no time past in it, is the present of a decision:
    "Mañana cerramos la posición", "A partir de enero pasamos al 45 %", "Esta semana
    salimos de los bancos". "En 2022 pasamos al 45 %" stays the past."""
    first = 0
    for i, token in enumerate(tokens):
        if token.kind != "mark" or token.text not in _SENTENCE_END:
            if i + 1 < len(tokens):
                continue
            i += 1
        forms = 0
        for j in range(first, i):
            forms |= tokens[j].forms
        if forms & Form.NOW_OR_PAST and forms & _NOW_DATES and not forms & Form.PAST_TIME:
            for j in range(first, i):
                _now(tokens[j])
        first = i + 1


def _unreal_past(tokens: list[Token]) -> None:
    """A past form after a frame of the present unreal is that present: "it is time we
    bought X", "perhaps it is time we quietly picked up Y" advise buying now."""
    for i, token in enumerate(tokens):
        if not token.forms & Form.UNREAL:
            continue
        for j in range(i + 1, min(len(tokens), i + 1 + _INVERTED_REACH)):
            verb = tokens[j]
            if verb.has(Role.VERB) and verb.forms & Form.PAST:
                verb.forms |= Form.BASE
                break
            if not (verb.has(Role.PREFIX) or _ly(verb.text)):
                break


def _ly(word: str) -> bool:
    return len(word) > 4 and word.endswith("ly")


# What a hedged figure set off by commas may hold besides its hedge and its number.
_FIGURE_WORDS: Final = (
    Role.PREP | Role.DET | Role.LEVEL_LINK | Role.PERCENT | Role.UNIT | Role.CURRENCY | Role.SCALE
)
_FIGURE_REACH: Final = 5


def _hedged_figures(tokens: list[Token]) -> None:
    """A figure set off by commas after a hedge belongs to the clause around it.

    "A slightly lower equity weight, maybe 50 %, seems right for the fund", "a higher VaR
    ceiling, say 15 million, looks justified", "un peso algo menor, quizá del 50 %, parece
    adecuado": the weight, the limit or the position and its figure are one phrase, and the
    predicate after it judges them. The commas around the figure end no clause; the hedge
    is only a hedge there ("say" advises nothing).
    """
    for i, comma in enumerate(tokens):
        if comma.text != "," or comma.kind != "mark" or i + 2 >= len(tokens):
            continue
        hedge = tokens[i + 1]
        if not hedge.forms & Form.HEDGE:
            continue
        number = False
        for k in range(i + 2, min(len(tokens), i + 2 + _FIGURE_REACH)):
            token = tokens[k]
            if token.kind == "number":
                number = True
            elif token.kind == "mark" and token.text == ",":
                if number:
                    comma.sets_off = token.sets_off = True
                    hedge.roles &= ~(Role.RECOMMEND | Role.VERB)
                break
            elif token.kind == "mark" or not (token.has(_FIGURE_WORDS) or token.forms & Form.HEDGE):
                break


def _names_of_instruments(tokens: list[Token]) -> None:
    """A party written with a capital inside the name of an instrument is part of that
    name, no actor: "the TOPIX Banks index", "the STOXX Europe Banks ETF"."""
    for i in range(1, len(tokens) - 1):
        token = tokens[i]
        if not (token.roles & Role.ACTOR and token.capital):
            continue
        before, after = tokens[i - 1], tokens[i + 1]
        named = before.kind == "word" and (before.upper or before.capital) and not before.roles
        if named and after.has(Role.INSTRUMENT):
            token.roles &= ~Role.ACTOR


def _join_separable(tokens: list[Token], lexicon: Lexicon) -> None:
    """A separable verb's stem takes the whole verb's roles when its particle ends the clause.

    "Stocken Sie die Position um 500 Aktien auf", "wir steigen bei 17.800 ein": the stem
    opens the clause (verb second, or first in an imperative), the particle closes it. The
    particle then plays no part of its own ("ein" is no number, "long" no side).
    """
    separable = lexicon.separable
    stems: list[int] = []
    for i, token in enumerate(tokens):
        closing = token.kind == "mark" and (
            token.text in _SENTENCE_END or token.text in _CLAUSE_BREAK
        )
        if closing or i == len(tokens) - 1:
            last = i - 1 if closing else i
            if stems and last > stems[-1]:
                _close_separable(tokens, stems, tokens[last], separable)
            stems.clear()
        elif token.kind == "word" and token.text in separable:
            stems.append(i)


def _close_separable(
    tokens: list[Token],
    stems: list[int],
    particle: Token,
    separable: dict[str, tuple[tuple[str, Entry], ...]],
) -> None:
    for index in reversed(stems):
        stem = tokens[index]
        for word, entry in separable[stem.text]:
            if particle.text == word:
                stem.roles, stem.forms = entry.roles, entry.forms
                stem.negation_after, stem.agreement = entry.negation_after, entry.agreement
                particle.kind, particle.roles, particle.forms, particle.value = "word", 0, 0, None
                return


def _raw_tokens(text: str, cased: str, lexicon: Lexicon, first: int, stop: int) -> list[Token]:
    tokens: list[Token] = []
    words = lexicon.words
    glue = False
    previous_end = -1
    end = first
    for blanks, word, number, mark in BLANKS_AND_TOKEN.findall(text, first, stop):
        start = end + len(blanks)
        if word:
            end = start + len(word)
            entry = words.get(word)
            if entry is None and "'" in word:
                # "d'acheter", "n'achetez": the elided word and the word it is written onto.
                prefix, _, rest = word.partition("'")
                if prefix in lexicon.elisions and rest:
                    split = start + len(prefix) + 1
                    elided = Token(
                        "word", prefix + "'", start, split, words.get(prefix + "'", _NO_ENTRY)
                    )
                    elided.glued = glue and start == previous_end
                    glue = False
                    tokens.append(elided)
                    start, word, previous_end = split, rest, split
                    entry = words.get(rest)
            token = Token("word", word, start, end, entry or _NO_ENTRY)
            piece = cased[start:end]
            if piece != word:  # written with capitals
                token.upper = (piece.isupper() and len(piece) > 1) or (
                    not piece.isalpha() and any(c.isdigit() for c in piece)
                )
                token.capital = piece[:1].isupper()
            elif not word.isalpha():
                token.upper = any(c.isdigit() for c in word)
            # "6EH6", "2Y": a code that starts with a digit is one word, a ticker.
            if (
                tokens
                and tokens[-1].kind == "number"
                and tokens[-1].end == start
                and not (token.roles & (Role.SCALE | Role.PERCENT | Role.TIMES))
            ):
                number_token = tokens.pop()
                token = Token(
                    "word", text[number_token.start : end], number_token.start, end, _NO_ENTRY
                )
                token.upper = True
        elif number:
            end = start + len(number)
            token = Token("number", number, start, end, _NO_ENTRY)
            token.value = _parse_number(number)
        elif mark:
            end = start + len(mark)
            if mark in "-_":
                spaced = start != previous_end and end < len(text) and text[end] in " \t"
                if mark == "-" and spaced:
                    tokens.append(Token("mark", "—", start, end, _NO_ENTRY))
                else:
                    glue = start == previous_end
                previous_end = end
                continue
            token = Token("mark", mark, start, end, words.get(mark, _NO_ENTRY))
        else:
            break  # the blanks at the end
        token.glued = glue and start == previous_end and not _clitic(tokens, token, lexicon)
        glue = False
        previous_end = end
        tokens.append(token)
    return tokens


def _clitic(tokens: Sequence[Token], token: Token, lexicon: Lexicon) -> bool:
    """An object pronoun hyphened onto the verb before it is that verb's object, as if
    written apart: "vendez-les", "coupe-la"."""
    return (
        token.text in lexicon.hyphen_clitics
        and bool(tokens)
        and tokens[-1].kind == "word"
        and tokens[-1].has(Role.VERB)
    )


def _join_spelled(tokens: list[Token], text: str, lexicon: Lexicon) -> list[Token]:
    """Single letters one space apart that spell a vocabulary word ("G o long") joined.

    The normaliser joins three letters or more; two are joined only into a known word,
    so that "a I" or "Q 3" stay as they are.
    """
    joined: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        j = i
        while (
            j + 1 < len(tokens)
            and len(tokens[j].text) == 1
            and tokens[j].kind == "word"
            and tokens[j + 1].kind == "word"
            and len(tokens[j + 1].text) == 1
            and tokens[j + 1].start == tokens[j].end + 1
        ):
            j += 1
        if j > i and not (j == i + 1 and _in_phrase(tokens, i, lexicon)):
            word = "".join(t.text for t in tokens[i : j + 1])
            entry = lexicon.words.get(word)
            if entry is not None or word in lexicon.phrases:
                merged = Token("word", word, token.start, tokens[j].end, entry or _NO_ENTRY)
                joined.append(_inherit(merged, token))
                i = j + 1
                continue
        joined.append(token)
        i += 1
    return joined


def _in_phrase(tokens: Sequence[Token], i: int, lexicon: Lexicon) -> bool:
    """The two letters at ``i`` are words of a vocabulary phrase as written: French "il y
    a lieu de" holds "y a", which joined would read Spanish "ya" ("already")."""
    phrases = lexicon.phrases
    opening = phrases.get(tokens[i].text)
    if opening is not None and tokens[i + 1].text in opening:
        return True
    before = phrases.get(tokens[i - 1].text) if i > 0 else None
    return before is not None and tokens[i].text in before


def _join_codes(tokens: list[Token]) -> list[Token]:
    """A ticker written with its kind after an equals sign ("SI=F", "EURUSD=X") is one code.

    Its parts are no words: the "SI" of "SI=F" is not French or Spanish "if", and its "=" no
    level link. The code is in capitals and its suffix, glued to it, is one to three
    capitals that are no vocabulary word ("LEV=ON" is a setting). (A dot inside an identifier is a space by now: "RIO.L" reads "RIO L".)
    """
    joined: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if i + 2 < len(tokens) and _code(token, tokens[i + 1], tokens[i + 2]):
            last = tokens[i + 2]
            text = f"{token.text}={last.text}"
            joined.append(_inherit(Token("word", text, token.start, last.end, _NO_ENTRY), token))
            i += 3
            continue
        joined.append(token)
        i += 1
    return joined


def _code(head: Token, mark: Token, suffix: Token) -> bool:
    """Whether ``head``, ``mark`` and ``suffix`` are written as one ticker with its suffix."""
    return (
        head.kind == "word"
        and head.upper
        and not head.glued  # "DRY_RUN=NO" is a setting, not a code
        and mark.text == "="
        and head.end == mark.start
        and mark.end == suffix.start
        and suffix.kind == "word"
        and suffix.capital
        and (suffix.upper or len(suffix.text) == 1)
        and len(suffix.text) <= _SUFFIX_MAX
        and suffix.text.isalpha()
        and not suffix.roles  # "MODE=ON": a value of the vocabulary
    )


def _join_pairs(tokens: list[Token]) -> list[Token]:
    """A currency pair written with a slash ("EUR/GBP", "usd/jpy") is one instrument.

    Each currency alone is no target ("EUR 10 million" is an amount); the pair is one.
    """
    joined: list[Token] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (
            i + 2 < len(tokens)
            and token.has(Role.CURRENCY)
            and tokens[i + 1].text == "/"
            and tokens[i + 2].has(Role.CURRENCY)
            and token.end == tokens[i + 1].start
            and tokens[i + 1].end == tokens[i + 2].start
        ):
            last = tokens[i + 2]
            pair = Token("word", f"{token.text}/{last.text}", token.start, last.end, _PAIR)
            joined.append(_inherit(pair, token))
            i += 3
            continue
        joined.append(token)
        i += 1
    return joined


def _inherit(merged: Token, first: Token) -> Token:
    """A token made of several takes the look of its first: glued, capitals, initial."""
    merged.glued, merged.upper, merged.capital = first.glued, first.upper, first.capital
    return merged


def _parse_number(text: str) -> float:
    text = text.replace("'", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        groups = text.split(",")
        text = "".join(groups) if all(len(g) == 3 for g in groups[1:]) else text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        return float(text)
    except ValueError:
        return 0.0


_CLAUSE_OPENERS: Final = Role.SUBORDINATOR | Role.COORDINATOR
_SENTENCE_OPENERS: Final = (
    Role.VERB | Role.SIDE_ADJ | Role.LEVEL | Role.LIMIT_OBJ | Role.WEIGHT | Role.LEVERAGE
)


def _opens(tokens: Sequence[Token], i: int) -> bool:
    """An action word, a recommendation or a pronoun of ours or the reader's (not "I"), or a
    capitalised function word before one: "… prices New allocation: …", "… week Se
    recomienda …", "… meeting We recommend …"."""
    token = tokens[i]
    if token.roles & _SENTENCE_OPENERS:
        return True
    if token.roles & _OPENING_WORDS and token.text != "i":
        return True
    return bool(
        token.roles & (Role.DET | Role.AUX | Role.PREFIX)
        and not token.upper  # "ES", "IT": a ticker, not a function word
        and i + 1 < len(tokens)
        and tokens[i + 1].roles & (_SENTENCE_OPENERS | _OPENING_WORDS)
    )


_OPENING_WORDS: Final = Role.RECOMMEND | Role.REC_MODAL | Role.SELF | Role.ADDRESSEE
# Words after which a capitalised German pronoun of address continues the sentence.
_BEFORE_POLITE: Final = (
    Role.VERB | Role.AUX | Role.MODAL | Role.RECOMMEND | Role.URGE | Role.SELF | Role.PREP
)


def _run_on(tokens: Sequence[Token], i: int) -> bool:
    previous = tokens[i - 1]
    token = tokens[i]
    if i + 1 < len(tokens) and tokens[i + 1].glued and not token.upper:
        # The first part of a compound is a noun: "Der Backtest verwendet Limit-Orders".
        return False
    # A capitalised infinitive or imperative is no noun: "… de croissance Rééquilibrer le …".
    verb = token.has(Role.VERB) and bool(token.forms & Form.BASE) and not token.forms & Form.NOUN
    if token.negation_after and (i + 1 >= len(tokens) or tokens[i + 1].text in _SENTENCE_END):
        # A German predicate that closes its sentence, its noun capitalised: "Anleger
        # sollten bei Schatz-Future jetzt Gewinne mitnehmen."
        return False
    if previous.roles & Role.SUBORDINATOR and _verb_only(tokens[i]):
        # "FOMC day and the day after Lift the offer on …": a capitalised verb that is no
        # noun after a word that would govern a clause starts the sentence left unstopped.
        return not previous.capital
    if token.has(Role.ADDRESSEE) and token.negation_after and previous.roles & _BEFORE_POLITE:
        # German addresses the reader with a capital inside its sentence: "schichten wir
        # Ihr Depot … um", "empfehlen Ihnen", "kaufen Sie".
        return False
    if previous.roles & (Role.DET | Role.PREP | Role.NEG | Role.COORDINATOR):
        # A capitalised noun after its article or a conjunction: "sehen das Kursziel bei …",
        # "keine Kauf- oder Verkaufsempfehlung".
        return False
    if previous.kind == "number" and previous.text.isalpha():
        return False  # after a numeral in words, which is also an article: "ein Gewicht von"
    if (
        i > 1
        and previous.roles == 0
        and tokens[i - 2].roles & (Role.DET | Role.PREP)
        and not tokens[i - 2].capital
        and not verb
    ):
        return (
            False  # a capitalised noun after an article and its adjective: "einem täglichen Hebel"
        )
    if previous.capital and token.has(Role.DET) and token.negation_after and not token.upper:
        # German writes its nouns with capitals, its articles only at a sentence's start:
        # "Tag der EZB-Ratssitzung Den Hebel … erhöhen".
        return previous.kind == "word"
    return previous.kind in ("word", "number") and not previous.capital and not previous.upper


def _verb_only(token: Token) -> bool:
    """An action word in its base form that is no noun of any language ("Lift", "Buy",
    not "Kauf"), not negated after it (a German verb-final infinitive)."""
    return bool(
        token.roles & Role.VERB
        and token.forms & Form.BASE
        and not token.forms & Form.NOUN
        and not token.negation_after
    )


def _merge_phrases(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    phrases = lexicon.phrases
    merged: list[Token] = []
    i = 0
    count = len(tokens)
    while i < count:
        token = tokens[i]
        by_second = phrases.get(token.text) if token.kind != "number" else None
        if by_second:
            second = i + 1
            while second < count and tokens[second].text == ",":
                second += 1
            candidates = by_second.get(tokens[second].text) if second < count else None
            found = _match_phrase(tokens, i, candidates) if candidates else None
            if found is not None:
                last, entry = found
                phrase = Token(
                    "word",
                    " ".join(t.text for t in tokens[i : last + 1] if t.text != ","),
                    token.start,
                    tokens[last].end,
                    entry,
                )
                merged.append(_inherit(phrase, token))
                i = last + 1
                continue
        merged.append(token)
        i += 1
    return merged


def _match_phrase(
    tokens: Sequence[Token],
    first: int,
    candidates: tuple[tuple[tuple[str, ...], Entry], ...],
) -> tuple[int, Entry] | None:
    for words, entry in candidates:
        position = first
        matched = True
        for word in words[1:]:
            position += 1
            # A comma inside a frame ("ein Fehler, nicht zu kaufen") does not break it.
            while position < len(tokens) and tokens[position].text == ",":
                position += 1
            if position >= len(tokens) or tokens[position].text != word:
                matched = False
                break
        if matched:
            return position, entry
    return None


def _merge_numbers(tokens: list[Token], lexicon: Lexicon) -> list[Token]:
    merged: list[Token] = []
    i = 0
    count = len(tokens)
    while i < count:
        token = tokens[i]
        if token.kind == "word" and token.roles == 0:
            compound = _compound_number(token.text, lexicon)
            if compound is not None:
                token.kind, token.value = "number", compound
        if (
            token.kind == "word"
            and token.roles & _NUMBER_OPENERS
            and _opens_number_words(token)
            and not _subordinator_reading(tokens, i)
        ):
            end, value = _number_words(tokens, i)
            if end > i:
                token = _combine(tokens, i, end, value)
                i = end
            else:
                i += 1
        else:
            i += 1
        if token.kind == "number":
            i = _absorb_split(token, tokens, i)
            i = _absorb_suffixes(token, tokens, i)
            i = _absorb_ratio(token, tokens, i)
        merged.append(token)
    return merged


def _subordinator_reading(tokens: Sequence[Token], i: int) -> bool:
    """A number word that is also a subordinator opens a clause when an article, an actor
    or a name follows it: "Once the Nikkei hits 40,000, …" (not Spanish "once" = 11:
    "once contratos")."""
    if not tokens[i].has(Role.SUBORDINATOR) or i + 1 >= len(tokens):
        return False
    after = tokens[i + 1]
    return bool(after.has(Role.DET | Role.ACTOR) or after.capital or after.upper)


def _opens_number_words(token: Token) -> bool:
    # "k", "m", "bn" scale a number written in digits; spelled out they open a number.
    return token.has(Role.NUMBER_WORD) or (token.has(Role.SCALE) and len(token.text) > 3)


def _combine(tokens: Sequence[Token], first: int, end: int, value: float) -> Token:
    text = " ".join(t.text for t in tokens[first:end])
    number = Token("number", text, tokens[first].start, tokens[end - 1].end, _NO_ENTRY)
    number.value = value
    number.glued = tokens[first].glued
    return number


def _number_words(tokens: Sequence[Token], first: int) -> tuple[int, float]:
    """The end of a run of number words from ``first`` and its value ((first, 0) if none)."""
    total = 0.0
    current = 0.0
    seen = False
    decimals: list[float] | None = None
    i = first
    while i < len(tokens):
        token = tokens[i]
        if token.kind == "number" and decimals is not None:
            break
        if token.kind != "word":
            break
        if decimals is not None and token.has(Role.NUMBER_WORD) and token.value is not None:
            decimals.append(token.value)
        elif token.has(Role.NUMBER_WORD) and token.value is not None:
            current += token.value
            seen = True
        elif token.has(Role.SCALE) and token.value is not None and (seen or i == first):
            scale = token.value
            if scale >= 1000:
                total += (current or 1) * scale
                current = 0
            else:
                current = (current or 1) * scale
            seen = True
        elif token.has(Role.DECIMAL_POINT) and seen and decimals is None:
            decimals = []
        elif token.has(Role.NUMBER_JOINER) and seen and _number_follows(tokens, i + 1):
            pass
        else:
            break
        i += 1
    if not seen:
        return first, 0.0
    value = total + current
    if decimals:
        value += float("0." + "".join(str(int(d)) for d in decimals if 0 <= d < 10) or 0)
    return i, value


def _number_follows(tokens: Sequence[Token], i: int) -> bool:
    return i < len(tokens) and tokens[i].has(Role.NUMBER_WORD | Role.SCALE)


def _compound_number(word: str, lexicon: Lexicon) -> float | None:
    """A number written as one word of number parts ("fünfundzwanzig", "einhundert")."""
    if len(word) < 6 or not word.isalpha():
        return None
    parts = _segment(word, lexicon)
    if parts is None or len(parts) < 2:
        return None
    total = 0.0
    current = 0.0
    for entry in parts:
        if entry.roles & Role.SCALE and entry.value is not None:
            if entry.value >= 1000:
                total += (current or 1) * entry.value
                current = 0
            else:
                current = (current or 1) * entry.value
        elif entry.value is not None:
            current += entry.value
    return total + current


def _segment(word: str, lexicon: Lexicon) -> list[Entry] | None:
    # Longest-first segmentation into number parts; number words are short, so the
    # recursion is shallow and bounded by the word's length.
    if not word:
        return []
    for size in range(min(len(word), 12), 1, -1):
        entry = lexicon.words.get(word[:size])
        if entry is not None and entry.roles & _NUMBER_PARTS:
            rest = _segment(word[size:], lexicon)
            if rest is not None:
                if entry.roles & Role.NUMBER_JOINER:
                    return rest
                return [entry, *rest]
    return None


def _absorb_split(number: Token, tokens: Sequence[Token], i: int) -> int:
    """Fold a split of 100 written with slashes ("70/30", "50/30/20") into one share.

    The split reads as a percentage: "move to 70/30" sets weights as "move to 70 %" does.
    Only parts written together count, so a date ("12/31") or a fraction ("1/3") stays.
    """
    total = number.value or 0.0
    end = i
    while (
        end + 1 < len(tokens)
        and tokens[end].text == "/"
        and tokens[end].start == (tokens[end - 1].end if end > i else number.end)
        and tokens[end + 1].kind == "number"
        and tokens[end + 1].start == tokens[end].end
    ):
        total += tokens[end + 1].value or 0.0
        end += 2
    if end == i or abs(total - 100) > 1e-9:
        return i
    number.end = tokens[end - 1].end
    number.text = "".join(t.text for t in (number, *tokens[i:end]))
    number.percent = True
    return end


def _absorb_ratio(number: Token, tokens: Sequence[Token], i: int) -> int:
    """Fold a ratio to one ("3:1", "10-to-1", "4 to 1") into a times figure, as "3x" is.

    Only a ratio to exactly one, not followed by a percent or scale ("from 4 to 1 %" is a
    range), and the colon only written tight: "08:30 … 1" is no ratio.
    """
    if number.times or number.percent or i + 1 >= len(tokens):
        return i
    link, one = tokens[i], tokens[i + 1]
    if one.kind != "number" or one.text != "1":
        return i
    tight = link.start == number.end and one.start == link.end
    if not ((link.text == ":" and tight) or (link.kind == "word" and link.text == "to")):
        return i
    after = tokens[i + 2] if i + 2 < len(tokens) else None
    if after is not None and after.start <= one.end + 1 and after.has(Role.PERCENT | Role.SCALE):
        return i
    number.times = True
    number.end = one.end
    number.text = f"{number.text}:1"
    return i + 2


def _abbreviation_stop(tokens: Sequence[Token], i: int) -> bool:
    """A stop right after a scale word and before its currency or unit ("Mrd. Dollar"),
    before a compound that ends in one ("20 Mio. Disney-Aktien"), or before a word in
    small letters the vocabulary does not know (a participle: "auf 20 Mrd. gesunken"),
    which no new sentence opens with."""
    if not (
        i + 1 < len(tokens)
        and tokens[i].kind == "mark"
        and tokens[i].text == "."
        and tokens[i].start == tokens[i - 1].end
    ):
        return False
    if tokens[i + 1].has(Role.CURRENCY | Role.UNIT):
        return True
    following = tokens[i + 1]
    if following.kind == "word" and not (following.capital or following.upper or following.roles):
        return True  # a sentence goes on in small letters: "ist auf 20 Mrd. gesunken"
    head = tokens[i + 2] if i + 2 < len(tokens) else None
    return (
        tokens[i + 1].kind == "word"
        and head is not None
        and head.glued
        and head.has(Role.CURRENCY | Role.UNIT)
    )


def _absorb_suffixes(number: Token, tokens: Sequence[Token], i: int) -> int:
    """Fold a scale, percent or times mark that follows a number into it."""
    while i < len(tokens):
        nxt = tokens[i]
        adjacent = nxt.start == number.end or nxt.start == number.end + 1
        if not adjacent:
            break
        scale = nxt.kind == "word" and nxt.has(Role.SCALE) and not nxt.has(Role.NUMBER_WORD)
        if scale and nxt.value is not None:
            number.value = (number.value or 0) * nxt.value
            number.scaled = True
            if _abbreviation_stop(tokens, i + 1):
                # "40 Mrd. Dollar": the stop abbreviates the scale, it ends no sentence.
                i += 1
                nxt = tokens[i]
        elif nxt.has(Role.PERCENT):
            number.percent = True
        elif nxt.has(Role.TIMES):
            number.times = True
        else:
            break
        number.end = nxt.end
        i += 1
    return i


def clauses(tokens: Sequence[Token]) -> list[Clause]:
    """The clauses of a field, in order, with their sentence and 1-based line numbers."""
    found: list[Clause] = []
    sentence, line = 0, 1
    first, opener, first_line = 0, 0, 1
    for i, token in enumerate(tokens):
        if token.kind == "mark" and (token.text in _SENTENCE_END or token.text in _CLAUSE_BREAK):
            if token.sets_off:
                continue  # a hedged figure set off inside its clause
            if i > first:
                found.append(Clause(first, i, sentence, first_line, opener))
            if token.text in _SENTENCE_END:
                sentence += 1
            if token.text == "\n":
                line += 1
            first, opener, first_line = i + 1, 0, line
        elif token.roles & _CLAUSE_OPENERS and i > first and not token.roles & Role.VERB:
            found.append(Clause(first, i, sentence, first_line, opener))
            first, opener, first_line = i, token.roles, line
        elif token.capital and i > first and _opens(tokens, i) and _run_on(tokens, i):
            # "… above 500 bps Buy 3 ES": a capitalised action word after a word or a
            # number, with no stop between, starts a sentence whose stop was left out.
            found.append(Clause(first, i, sentence, first_line, opener))
            sentence += 1
            first, opener, first_line = i, 0, line
    if first < len(tokens):
        found.append(Clause(first, len(tokens), sentence, first_line, opener))
    return found
