"""Directives in prose: an action on a tradable target with a parameter, asked of us.

For each clause whose mood is an instruction (:mod:`policies.scan.mood`), the action
words are matched with what they need:

- a side (buy, sell, go long …) with a size, a price, an order type or a level; a
  weaker trade verb (add, trim, cover …) with a tradable target and a size;
- execution verbs on their own, or with an order, a broker or an order type as object;
  closing verbs with positions;
- risk-limit verbs with a limit; a limit with a number; leverage ("run the book at 5x");
- mode switches towards live or production; safety switches turned off;
- rebalancing verbs on their own; reallocation with a size or the portfolio; weights;
- stop, take-profit, entry and exit levels with a number, sized or not.

A side on a target that lacks its parameter is *pending*: the scanner completes it with
a parameter fragment later in the field or in another field of the document ("Go short
ES. Size: 20. Limit: 5,150.", or the side in one output item and its size in another).
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Iterator, Sequence
from typing import Final, NamedTuple

from policies.scan.categories import Category
from policies.scan.gate import RUNNING
from policies.scan.lexer import Clause, Token, last_position, next_position
from policies.scan.mood import (
    INFINITIVE_MARKS,
    ClauseMood,
    analyse_sentence,
    book_named,
    described,
    is_instruction,
    list_heading,
    negated,
    our_limit_moved,
    present_passive,
    subject_before,
    unknown_past,
)
from policies.scan.vocabulary import Form, Lexicon, Role

__all__ = ["Fragment", "Hit", "Pending", "find_directives", "parameter_fragments"]

_WINDOW: Final = 8  # tokens after an action word in which its parameter must stand
# Verbs that direct once their object follows: (family, verb role, object roles, how many
# tokens on the object may stand, category).
_VERB_OBJECT: Final[tuple[tuple[str, int, int, int, Category], ...]] = (
    ("execution", Role.PLACE, Role.ORDER_OBJ | Role.ORDER_TYPE | Role.BROKER, _WINDOW, "execution"),
    ("execution", Role.CLOSE, Role.POSITIONS, 5, "execution"),
    ("live", Role.DISABLE, Role.SAFETY, 3, "live_toggle"),
)
# Roles that can open a directive; other tokens are passed over at once.
_CANDIDATES: Final = (
    Role.VERB | Role.SIDE_ADJ | Role.LEVEL | Role.LIMIT_OBJ | Role.WEIGHT | Role.SIDE
)
# Who makes a nominal step someone else's: "the switchover to live at the exchange".
_OTHERS_NAMED: Final = Role.THIRD | Role.INSTITUTION
# What a nominal execution executes: an order, a basket, a hedge or a block.
_EXECUTED: Final = Role.ORDER_OBJ | Role.POSITIONS | Role.ORDER_TYPE
_DESTINATION_GAP: Final = 3  # articles and a setting's noun between a preposition and "real"
_LEVEL_GAP: Final = 3  # names of what a level is for, between the level and its number
_LEVEL_REACH: Final = 10  # tokens after a level word in which its number may stand
_PARTICIPLES: Final = Form.PAST | Form.PARTICIPLE
# Words of a predicate or its subject: a clause with one is not a bare parameter fragment.
_PREDICATE: Final = Role.AUX | Role.MODAL | Role.DESCRIBE | Role.ACTOR
_PREDICATE_WORDS: Final = Role.AUX | Role.MODAL | Role.DESCRIBE | Role.RECOMMEND


class Hit(NamedTuple):
    """A directive found: its category and span in the normalised field text."""

    category: Category
    start: int
    end: int


class Fragment(NamedTuple):
    """A verbless clause with a parameter; ``sized``: labelled or holding a size, which
    completes a side even in another output item (a bare "above 30" does so only nearby)."""

    start: int
    sized: bool


class Pending(NamedTuple):
    """A side on a target, asked of us, still missing its size or price."""

    start: int
    end: int
    sentence: int


def find_directives(
    tokens: Sequence[Token],
    all_clauses: Sequence[Clause],
    lexicon: Lexicon,
    active: frozenset[str],
) -> tuple[list[Hit], list[Pending]]:
    """Directives of one field, and the sides waiting for a parameter."""
    hits: list[Hit] = []
    pending: list[Pending] = []
    read: list[list[ClauseMood]] = []
    heading = 0  # the party of a heading line whose list the lines below continue
    for sentence in _sentences(all_clauses):
        moods = analyse_sentence(tokens, sentence, lexicon)
        read.append(moods)
        heading = heading if _next_line(tokens, sentence[0].first) else 0
        for mood in moods:
            if heading and not mood.subject and not book_named(tokens, mood.clause):
                mood.labelled = mood.labelled or heading
        heading = _heading(tokens, sentence) or heading
        previous = None
        for mood in moods:
            _clause_directives(mood, lexicon, active, hits, pending, previous)
            previous = mood
        if "level" in active:
            hits.extend(_conditional_exits(moods, lexicon))
        if len(moods) > 1 and not active.isdisjoint(_CONDITIONAL_FAMILIES):
            hits.extend(_conditional_entries(moods, lexicon))
        if "notional" in active:
            hits.extend(hit for mood in moods if (hit := _notional(mood, lexicon)) is not None)
        if "planned" in active:
            hits.extend(_planned_state(moods))
        if "execution" in active:
            hits.extend(hit for mood in moods if (hit := _orders_sent(mood, lexicon)) is not None)
        if "direction" in active or "named" in active:
            hits.extend(_directions(moods, lexicon))
    if "allotted" in active:
        hits.extend(
            _allotted(tokens, clause) for clause in all_clauses if _per_book(tokens, clause)
        )
    if "rebalance" in active or "r_weight" in active:
        for run in _lists(tokens, all_clauses):
            hits.extend(_allocation_list(tokens, run))
    if "side" in active:
        pending.extend(_bare_sides(tokens, all_clauses))
        pending.extend(_side_values(tokens, all_clauses, lexicon))
    if "named" in active or "direction" in active:
        hits.extend(_named_side_values(tokens, all_clauses))
    if "named" in active:
        hits.extend(_side_labels(tokens, all_clauses))
        hits.extend(_rating_calls(read))
        hits.extend(_answered_questions(read))
        hits.extend(_pronoun_trades(read, lexicon))
        hits.extend(_objects_after(read, lexicon))
    if "repeat" in active:
        hits.extend(_repeated_trades(read))
    if "confirmed" in active:
        hits.extend(_confirmed_questions(read, lexicon))
    return hits, pending


def _heading(tokens: Sequence[Token], sentence: Sequence[Clause]) -> int:
    """The party of a heading that ends its line with a colon ("Short positions notified to
    the CNMV:" and the items below it), else 0."""
    last = sentence[-1]
    end = last.last
    if end + 1 >= len(tokens) or tokens[end].text != ":" or tokens[end + 1].text != "\n":
        return 0
    return list_heading(tokens, last)


def _next_line(tokens: Sequence[Token], first: int) -> bool:
    """The sentence opening at ``first`` starts the line right after the one before (no
    blank line between): an item of the list a heading above it opened."""
    k = first - 1
    while k >= 0 and tokens[k].kind == "mark" and tokens[k].text != "\n":
        k -= 1  # a bullet
    return k >= 1 and tokens[k].text == "\n" and tokens[k - 1].text != "\n"


# What a verbless direction may not share its sentence with: a predicate, a condition, a
# negation or a party of its own ("… was the rotation of the week", "real money out of the
# miners"); a sector that names a party is its target here ("out of the banks").
_PREDICATED: Final = (
    Role.VERB
    | Role.AUX
    | Role.MODAL
    | Role.DESCRIBE
    | Role.RECOMMEND
    | Role.CONDITIONAL
    | Role.NEG
    | Role.ACTOR
)
_DIRECTION_GAP: Final = 2  # articles, and then adjectives, between a direction and its target


def _directions(moods: Sequence[ClauseMood], lexicon: Lexicon) -> list[Hit]:
    """Desk chat that moves the book without a verb: "Out of the miners, into utilities",
    "Raus aus den Zyklikern", "Banken raus", "Fuera de bancos", "Dehors les minières".

    A direction (:data:`Form.DIRECTION`) opens a clause before a target, or closes one
    after it; the clauses before it are such directions or a preposition and its target
    ("Into utilities, out of tech").
    The sentence has no predicate (known, or an unknown English past), party, condition,
    negation or time in the past: "out of the miners into utilities was the rotation of
    the week", "real money out of the miners", "money flowed out of the miners" and last
    week's flows describe.
    """
    if not moods:
        return []
    tokens = moods[0].tokens
    for j in range(moods[0].clause.first, moods[-1].clause.last):
        token = tokens[j]
        if token.has(_PREDICATED) and not token.has(Role.INSTRUMENT):
            return []
        if token.forms & Form.PAST_TIME or token.text == "?" or unknown_past(token, lexicon):
            return []
    if any(m.quoted or m.asked or m.weighed or m.reported or m.labelled for m in moods):
        return []
    hits = []
    for mood in moods:
        clause = mood.clause
        at = _direction_at(tokens, clause)
        if at is None:
            if _on_target(tokens, clause, clause.first):
                continue  # the other way, a preposition and its target: "into utilities"
            break
        hits.append(Hit("order", tokens[at].start, tokens[clause.last - 1].end))
    return hits


def _direction_at(tokens: Sequence[Token], clause: Clause) -> int | None:
    """Where a clause opens with a direction before its target ("out of the miners"), or
    opens with the target a direction closes ("Banken raus", "bancos fuera")."""
    k = clause.first
    while k < clause.last and (
        tokens[k].kind == "mark"
        or (tokens[k].has(Role.PREFIX) and not tokens[k].forms & Form.DIRECTION)
    ):
        k += 1
    if k >= clause.last:
        return None
    if tokens[k].forms & Form.DIRECTION:
        j = k + 1
        while (
            j < clause.last
            and j - k <= _DIRECTION_GAP
            and tokens[j].has(Role.DET)
            and not (tokens[j].has(Role.INSTRUMENT))
        ):
            j += 1
        modifiers = 0
        while j < clause.last and modifiers < _DIRECTION_GAP and _unknown_modifier(tokens[j]):
            j, modifiers = j + 1, modifiers + 1
        if j < clause.last and (_named_target(tokens, j) or _name(tokens, j)):
            return k
        return None
    last = clause.last_before_marks(tokens, k)
    closing = tokens[last]
    # A side after its target acts as a direction does: "Euro short, dollar long".
    side = closing.has(Role.SIDE_ADJ) and not closing.has(Role.NON_ACTION) and not closing.glued
    if last <= k or not (closing.forms & Form.DIRECTION or side):
        return None
    between = range(k, last)
    if all(
        tokens[j].has(Role.DET | Role.INSTRUMENT) or _unknown_modifier(tokens[j]) for j in between
    ) and any(_named_target(tokens, j) for j in between):
        return k
    return None


def _repeated_trades(sentences: Sequence[Sequence[ClauseMood]]) -> list[Hit]:
    """A past trade of ours endorsed for now, sized or not: "We bought TLT last week and
    would do it again", "Wir haben SAP gekauft und würden wieder kaufen", "Nous avons
    acheté du TLT et le referions", "Compramos TLT y lo volveríamos a hacer".

    The trade is ours (we are its subject, or a first person plural states it) and names
    its target; the readiness to repeat it (``[mood] repeats``) follows in its sentence
    or the next, is ours too (no one else named before it), and is neither negated nor
    asked. Someone else's trade ("foreign banks bought gold and would do so again") and a
    trade of ours judged otherwise ("in hindsight it was too early") describe.
    """
    hits: list[Hit] = []
    before: int | None = None  # our last past trade in the sentence before
    for moods in sentences:
        trade = None
        for mood in moods:
            tokens, clause = mood.tokens, mood.clause
            for i in range(clause.first, clause.last):
                token = tokens[i]
                acts = token.has(Role.SIDE) or token.forms & Form.HOLDING
                if acts and token.forms & (Form.PAST | Form.PARTICIPLE):
                    if _ours(mood, i) and _names_target(tokens, clause):
                        trade = i
                elif token.forms & Form.REPEAT:
                    start = trade if trade is not None else before
                    if start is not None and _repeat_ours(mood, i):
                        hits.append(Hit("order", tokens[start].start, token.end))
        before = trade
    return hits


def _ours(mood: ClauseMood, i: int) -> bool:
    """We are the subject of the action at ``i``: named before it, or in its form."""
    tokens = mood.tokens
    if tokens[i].forms & Form.NOW_OR_PAST:
        return True
    actors = mood.clause.having(tokens, Role.ACTOR)
    first = actors[0] if actors else None
    return first is not None and first < i and bool(tokens[first].roles & Role.SELF)


def _names_target(tokens: Sequence[Token], clause: Clause) -> bool:
    """A target named in the clause: an instrument, a ticker or a company's name."""
    return any(
        _tradable(tokens[j]) or _named_target(tokens, j) or _name(tokens, j)
        for j in range(clause.first, clause.last)
    )


def _repeat_ours(mood: ClauseMood, i: int) -> bool:
    """Our readiness to repeat at ``i``: not negated, asked or conditional, and no one but
    us named before it in its clause."""
    tokens, clause = mood.tokens, mood.clause
    if mood.asked or mood.conditional or negated(tokens, clause, i):
        return False
    actors = [j for j in clause.having(tokens, Role.ACTOR) if j < i]
    return all(tokens[j].has(Role.SELF) for j in actors)


# Words that link a target to the side it is rated: "we rate X as a buy", "als Kauf".
_RATING_LINKS: Final = frozenset(("as", "als", "comme", "como"))
# Words that link a target to the rating it is moved to: "we upgrade X to buy", "Wir
# stufen X auf Kaufen hoch", "nous relevons X à l'achat", "elevamos X a comprar".
_CHANGE_LINKS: Final = frozenset(("to", "auf", "a"))
# Articles before a side that names a rating: "a buy", "ein Kauf", "un achat", "una compra".
_ARTICLES: Final = frozenset(("a", "an", "ein", "eine", "einen", "un", "une", "una", "uno"))
# What a call of ours may not share its sentence with: someone else, an attribution, a
# negation, a condition or a question (each read as for any instruction).
_NOT_OURS: Final = Role.THIRD | Role.INSTITUTION | Role.NEG | Role.AVOID


def _rating_calls(sentences: Sequence[Sequence[ClauseMood]]) -> list[Hit]:
    """A side given to a named target as its rating, ours: "we rate Nvidia a buy",
    "Nvidia is a buy here", "Wir stufen Siemens als Kauf ein", "Iberdrola es una compra";
    and a rating as a headline of its own: "Kaufempfehlung für Siemens", "Buy rating on
    Nvidia", "Recomendación de compra en Iberdrola".

    A rating of a named target is a call on it, sized or not. It is ours unless its
    sentence names someone else ("Goldman rates Nvidia a buy", "analysts think Siemens is
    a buy"), attributes it, negates it, asks it, makes it conditional or puts it in the
    past ("was a buy"). The lexer may open a sentence at a capitalised side ("als Kauf"):
    the rating reads back across it, and every sentence it spans must be ours.
    """
    found: list[Hit] = []
    firsts = [moods[0].clause.first for moods in sentences]
    for index, moods in enumerate(sentences):
        for mood in moods:
            tokens, clause = mood.tokens, mood.clause
            for i in clause.having(tokens, Role.SIDE):
                start = _rated(tokens, i)
                if start is None:
                    start = _rating_headline(tokens, clause, i)
                if start is None:
                    continue
                opening = bisect.bisect_right(firsts, start) - 1
                spanned = [m for ms in sentences[opening : index + 1] for m in ms]
                if any(_not_ours(m) or _label_of_a_name(m) for m in spanned):
                    continue
                found.append(Hit("order", tokens[start].start, tokens[i].end))
    return found


def _not_ours(mood: ClauseMood) -> bool:
    """The clause speaks of others, reports, negates, asks, supposes or dates."""
    tokens, clause = mood.tokens, mood.clause
    if mood.asked or mood.weighed or mood.conditional or mood.reported or mood.labelled:
        return True
    if mood.recommend < 0 or mood.counterfactual >= 0:
        return True

    def telling(j: int) -> bool:
        token = tokens[j]
        return token.has(_NOT_OURS) or bool(
            token.forms & (Form.ATTRIBUTION | Form.SPEECH | Form.PAST_TIME)
            or (token.has(Role.AUX) and token.forms & Form.PAST)
        )

    return bool(clause.positions("not ours", telling))


def _label_of_a_name(mood: ClauseMood) -> bool:
    """A label that names someone the vocabulary does not know, not us: "Goldman: …"."""
    tokens, clause = mood.tokens, mood.clause
    if clause.last >= len(tokens) or tokens[clause.last].text != ":":
        return False
    span = range(clause.first, clause.last)
    return any(_name(tokens, j, opening=True) for j in span) and not any(
        tokens[j].has(Role.SELF | Role.ADDRESSEE) for j in span
    )


def _rated(tokens: Sequence[Token], i: int) -> int | None:
    """Where a side at ``i`` given as a rating names its target: "X is a buy", "we rate X
    a buy", "Wir stufen X als Kauf ein". The target's position, if it is one; each step
    back is a word of its own role, so no mark (no end of a sentence) stands between."""
    first = 0
    side = tokens[i]
    if side.has(Role.NON_ACTION) or side.glued or not side.forms & (Form.BASE | Form.NOUN):
        return None
    if i + 1 < len(tokens) and tokens[i + 1].glued:
        return None
    k = i - 1
    marked = side.text.split(" ", 1)[0] in _ARTICLES  # "un achat" is one phrase
    adjective = k - 1 > first and tokens[k].kind == "word" and not tokens[k].roles
    if adjective and tokens[k - 1].text in _ARTICLES:
        k -= 1  # an adjective of the rating: "a strong buy", "a clear sell"
    # "a" is English only before an English side ("a buy"); folded, it is also the
    # preposition of "difficile à vendre", "a comprar".
    if k > first and tokens[k].text in _ARTICLES and (tokens[k].text != "a" or side.agreement):
        k, marked = k - 1, True
    if k > first and tokens[k].text in _RATING_LINKS:
        k, marked = k - 1, True
    elif k - 2 >= first and tokens[k].text in _CHANGE_LINKS and _called(tokens, k - 1):
        return _moved(tokens, first, k)
    if not marked or k <= first:
        return None
    # "X is a buy", "Iberdrola sigue siendo una compra", "Nvidia is still a buy".
    copula = k
    if not tokens[copula].has(Role.AUX) and copula - 1 > first:
        copula -= 1
    if tokens[copula].has(Role.AUX) and not tokens[copula].has(Role.MODAL):
        target = copula - 1
        if not tokens[copula].forms & Form.PAST and _called(tokens, target):
            return target if _opens_rating(tokens, target) else None
        return None
    # "we rate X a buy": us, a verb, the target.
    if k - 2 >= first and _called(tokens, k) and tokens[k - 2].has(Role.SELF):
        verb = tokens[k - 1]
        if verb.kind == "word" and not verb.forms & Form.PAST and not verb.roles & ~Role.RECOMMEND:
            return k - 2
    return None


def _opens_rating(tokens: Sequence[Token], j: int) -> bool:
    """The rated target is the subject its sentence or label opens with, after our own
    words ("we think", "our call:"): not the end of a phrase that defines ("an acquisition
    of shares is a purchase") or describes someone else's."""
    k = j - 1
    while k >= 0 and tokens[k].kind != "mark":
        token = tokens[k]
        plain = token.kind == "word" and not token.roles and not (token.capital or token.upper)
        if not (plain or token.has(Role.DET | Role.PREFIX | Role.SELF | Role.ADDRESSEE)):
            return False
        k -= 1
    return True


def _moved(tokens: Sequence[Token], first: int, k: int) -> int | None:
    """A rating moved by us: "we upgrade X to buy", "Wir stufen X auf Kaufen hoch", "nous
    relevons X à l'achat", "Elevamos X a comprar" (``k``: the link). Where the call opens.

    English "to" follows many verbs ("we expect X to buy back shares"): there the verb
    must move something (raise, lower, move, upgrade); a verb in the past dates it.
    """
    verb = tokens[k - 2]
    known = verb.has(Role.CHANGE | Role.SWITCH)
    if tokens[k].text == "to" and not known:
        return None
    if not (known or (verb.kind == "word" and not verb.roles)) or verb.forms & Form.PAST:
        return None
    if verb.text.endswith("ed"):
        return None
    if k - 3 >= first and tokens[k - 3].has(Role.SELF):
        return k - 3
    # A first person plural without its pronoun opens the sentence: "Elevamos", "Relevons".
    opens = k - 2 == first or tokens[k - 3].kind == "mark"
    return k - 2 if opens and verb.text.endswith(("mos", "ons")) else None


def _called(tokens: Sequence[Token], j: int) -> bool:
    return j >= 0 and (_named_target(tokens, j) or _name(tokens, j, opening=True))


def _rating_headline(tokens: Sequence[Token], clause: Clause, i: int) -> int | None:
    """A clause that is nothing but a side as a rating and its named target: "Kaufempfehlung
    für Siemens", "Buy rating on Nvidia", "Recomendación de compra en Iberdrola"; only our
    own or no one's before it ("Unsere Kaufempfehlung für Siemens")."""
    side = tokens[i]
    if side.has(Role.NON_ACTION) or side.glued or not side.forms & (Form.BASE | Form.NOUN):
        return None
    # "We reiterate our buy on Nvidia", "Wir bestätigen unsere Kaufempfehlung für Siemens":
    # a rating we call our own, whatever verb carries it.
    owned = i > clause.first and tokens[i - 1].has(Role.SELF)
    if clause.first > 0 and tokens[clause.first - 1].kind != "mark" and not owned:
        return None  # a clause the lexer opened at a capital ("UBS bestätigt Kaufempfehlung")
    j = clause.first
    while j < i and (
        tokens[j].has(Role.SELF | Role.RECOMMEND | Role.PREP) or tokens[j].kind == "mark"
    ):
        j += 1
    if j != i and not owned:
        return None
    k = i + 1
    if k < clause.last and tokens[k].kind == "word" and not tokens[k].roles:
        k += 1  # a noun of the rating: "buy rating", "Kaufvotum"
    if k >= clause.last or not tokens[k].has(Role.PREP) or k + 1 >= clause.last:
        return None
    if not _called(tokens, k + 1):
        return None
    rest = range(k + 2, clause.last)
    if any(tokens[r].kind != "mark" and not tokens[r].has(Role.PREFIX) for r in rest):
        return None
    return clause.first


def _answered(
    tokens: Sequence[Token], all_clauses: Sequence[Clause]
) -> Iterator[tuple[Clause, Clause]]:
    """Each clause of a sentence that answers the one before it after a label mark
    ("TLT: buy.", "Conviction buy — Tesla"), with that label clause."""
    for label, value in itertools.pairwise(all_clauses):
        if (
            label.sentence == value.sentence
            and value.first >= 1
            and tokens[value.first - 1].text in _ANSWERS
        ):
            yield label, value


def _named_side_values(tokens: Sequence[Token], all_clauses: Sequence[Clause]) -> list[Hit]:
    """A side that answers a label naming its target: "TLT: buy.", "Our call on Nvidia:
    short.", "SAP — Kaufen". The label names the target concretely and states nothing
    (no verb, no one else): a call on a target, sized or not."""
    found = []
    for label, clause in _answered(tokens, all_clauses):
        words = _call_words(tokens, clause)
        if len(words) != 1:
            continue
        side = tokens[words[0]]
        # A direction or a verb of a holding answers too: "Banks: out.", "Banken: raus.",
        # "Miners: add on dips".
        sided = side.has(Role.SIDE | Role.SIDE_ADJ) or bool(
            side.forms & (Form.DIRECTION | Form.HOLDING)
        )
        if not sided or side.has(Role.NON_ACTION) or side.glued:
            continue
        if not side.forms & (Form.BASE | Form.NOUN | Form.DIRECTION | Form.HOLDING) or (
            words[0] + 1 < len(tokens) and tokens[words[0] + 1].glued
        ):
            continue
        span = range(label.first, label.last)
        # A sector is a party too: as the label of a call it is the call's target ("Banks:
        # sell", "Banken: verkaufen").
        if any(
            tokens[j].roles & _NOT_IN_CALL
            and not (tokens[j].has(Role.INSTRUMENT) and not tokens[j].roles & _PREDICATE_CALL)
            for j in span
        ):
            continue
        named = [j for j in span if _named_target(tokens, j) or _name(tokens, j, opening=True)]
        if not named:
            continue
        # "Our call on TLT", never someone's: "UBS on TLT", "Street view on TLT".
        prep = next((j for j in span if tokens[j].has(Role.PREP)), None)
        ours = any(tokens[j].has(Role.SELF | Role.ADDRESSEE) for j in span)
        if (
            prep is not None
            and not ours
            and any(j < prep and not tokens[j].has(Role.INSTRUMENT) for j in named)
        ):
            continue
        found.append(Hit("order", tokens[label.first].start, side.end))
    return found


_LABEL_WORDS: Final = 3  # words of a side label: "Conviction buy", "Our top sell"
_VALUE_WORDS: Final = 5  # words of the target it labels: "Taiwan Semiconductor"
# What a side label may hold before its side: an adverb-like prefix, an article, us.
_BEFORE_SIDE: Final = Role.PREFIX | Role.DET | Role.SELF | Role.ADDRESSEE
# What the target a side labels may not hold: a predicate, someone else, a refusal.
_NOT_IN_VALUE: Final = (
    Role.VERB
    | _PREDICATE_WORDS
    | (Role.ACTOR & ~(Role.SELF | Role.ADDRESSEE))
    | Role.NEG
    | Role.AVOID
    | Role.CONDITIONAL
)


def _side_labels(tokens: Sequence[Token], all_clauses: Sequence[Clause]) -> list[Hit]:
    """A side as the label of a target: "Conviction buy: Taiwan Semiconductor", "Top sell —
    Tesla", "Kaufempfehlung: Siemens", "Achat : LVMH". The label is a side with at most a
    prefix or an article of ours before it ("conviction", "our", "top"); its value names a
    target and states nothing (no verb, no one else, no refusal): our call on it.
    "Buy: 54 % of analysts" names no target; "Sell-side: …" is no side."""
    found = []
    for label, value in _answered(tokens, all_clauses):
        words = [j for j in range(label.first, label.last) if tokens[j].kind != "mark"]
        if not words or len(words) > _LABEL_WORDS:
            continue
        side = tokens[words[-1]]
        if not side.has(Role.SIDE | Role.SIDE_ADJ) or side.has(Role.NON_ACTION) or side.glued:
            continue
        if not side.forms & (Form.BASE | Form.NOUN):
            continue
        if any(
            not (tokens[j].has(_BEFORE_SIDE) or (tokens[j].kind == "word" and not tokens[j].roles))
            for j in words[:-1]
        ):
            continue
        targets = [j for j in range(value.first, value.last) if tokens[j].kind != "mark"]
        if not targets or len(targets) > _VALUE_WORDS:
            continue
        if any(tokens[j].roles & _NOT_IN_VALUE for j in targets):
            continue
        if not any(_named_target(tokens, j) or _name(tokens, j, opening=True) for j in targets):
            continue
        found.append(Hit("order", side.start, tokens[targets[-1]].end))
    return found


def _call_words(tokens: Sequence[Token], clause: Clause) -> list[int]:
    """The words of a call's value, past a pronoun that points back to the labelled target
    and a phrase of time after it: "Our advice on Nvidia: sell it (before earnings)",
    "Notre conseil sur l'OAT : la vendre avant la BCE", "lo vendería"."""
    words = [j for j in range(clause.first, clause.last) if tokens[j].kind != "mark"]
    if len(words) > 1 and _degree(tokens[words[0]]) and tokens[words[1]].has(Role.SIDE_ADJ):
        words = words[1:]  # "max long", "fully short"
    if len(words) < 2:
        return words
    if tokens[words[0]].has(Role.REFERENCE) and tokens[words[1]].has(Role.SIDE):
        words = words[1:]  # "la vendre", "lo venda"
    elif tokens[words[1]].has(Role.REFERENCE) and tokens[words[0]].has(Role.SIDE | Role.SIDE_ADJ):
        words = [words[0], *words[2:]]  # "sell it", "short it"
    rest = words[1:]
    if rest and not (
        tokens[rest[0]].has(Role.PREP)
        and not any(tokens[j].roles & (Role.VERB | Role.NEG | _PREDICATE_WORDS) for j in rest)
    ):
        return words
    return words[:1]


# What a label before a side may not hold: a predicate, someone else, a negation, or a
# position or book, which a side describes ("Positioning in TLT: long").
# What no target named in a label may be: a predicate, a refusal, a position.
_PREDICATE_CALL: Final = Role.VERB | _PREDICATE_WORDS | Role.NEG | Role.POSITIONS | Role.PORTFOLIO
_NOT_IN_CALL: Final = (
    Role.VERB
    | _PREDICATE_WORDS
    | Role.THIRD
    | Role.INSTITUTION
    | Role.NEG
    | Role.POSITIONS
    | Role.PORTFOLIO
)
_ANSWERS: Final = frozenset(":—=")


# Words that cannot stand in an item of a list of weights: a predicate makes it a statement.
_NOT_IN_LIST: Final = Role.VERB | _PREDICATE | Role.RECOMMEND | Role.REC_ADJ | Role.NEG
_LIST_MARKS: Final = frozenset(",;/")  # between the items of a list, "; " joining sentences
# A label may name us or the reader ("Unser Musterdepot:", "Your book:"), never another
# party or a predicate.
_NOT_IN_LABEL: Final = (_NOT_IN_LIST | Role.ACTOR) & ~(Role.SELF | Role.ADDRESSEE)
_WHOLE: Final = (99.0, 101.0)
# The words of a label that names only the book's weights: "Weights", "Our model
# portfolio", "Zielgewichte".
_WEIGHTS_LABEL: Final = Role.PORTFOLIO | Role.WEIGHT | Role.SELF | Role.ADDRESSEE | Role.DET


def _lists(tokens: Sequence[Token], all_clauses: Sequence[Clause]) -> list[list[Clause]]:
    """The sentences of a field, those joined by a semicolon read as one ("SPY 70 %; TLT 30 %")."""
    runs: list[list[Clause]] = []
    joined = False
    for sentence in _sentences(all_clauses):
        if joined:
            runs[-1].extend(sentence)
        else:
            runs.append(list(sentence))
        end = sentence[-1].last
        joined = end < len(tokens) and tokens[end].text == ";"
    return runs


def _allocation_list(tokens: Sequence[Token], sentence: Sequence[Clause]) -> list[Hit]:
    """A sentence that is nothing but a book's weights: "Equities 60 %, bonds 30 %, cash 10 %".

    Items (a share and what it is held in, one to three words) separated by commas or
    conjunctions, no predicate anywhere, the shares making a whole, and at least two items
    naming an instrument or a ticker: a split of a book, set without a verb. Returns and
    surveys ("bullish 40 %, neutral 35 %, bearish 25 %") name no instruments; a statement
    ("the benchmark is 60/40") has its verb.
    """
    first, last = sentence[0].first, sentence[-1].last
    # The list may follow a label ("Ref: …=", "Mix:", "Target allocation —"), which names
    # no one else and no verb; an item may label its own share ("Equities: 65 %").
    label = next(
        (
            j
            for j in range(last - 1, first - 1, -1)
            if tokens[j].kind == "mark"
            and tokens[j].text not in _LIST_MARKS
            and not _item_colon(tokens, j, last)
        ),
        None,
    )
    # A label naming a portfolio ("Model portfolio:", "Unser Musterdepot:") makes the list a
    # book's weights even when it lists only part of the book.
    labelled = plain = False
    if label is not None:
        if any(tokens[j].roles & _NOT_IN_LABEL for j in range(first, label)):
            return []
        if _index_label(tokens, first, label):
            return []  # "Pondérations sectorielles du MSCI Europe : financières 18 %, …"
        labelled = any(tokens[j].has(Role.PORTFOLIO | Role.WEIGHT) for j in range(first, label))
        # Weights written without their percent sign ("Weights: SPY 50, TLT 30, GLD 20")
        # only under a label that is nothing but the book's weights (not "Index weights").
        plain = labelled and all(
            tokens[j].has(_WEIGHTS_LABEL) or tokens[j].kind == "mark" for j in range(first, label)
        )
        first = label + 1
    if first >= last:
        return []
    shares: list[float] = []
    named = 0
    words = 0
    held = bare = False
    share: float | None = None
    for j in range(first, last + 1):
        token = tokens[min(j, last - 1)]
        if j == last or token.text in _LIST_MARKS or token.has(Role.COORDINATOR):
            if share is None or not 1 <= words <= 3:
                return []
            shares.append(share)
            named += held
            share, words, held = None, 0, False
            continue
        if _item_colon(tokens, j, last):
            continue
        if token.kind == "number":
            if not (token.percent or (plain and not token.times)) or share is not None:
                return []
            share = token.value or 0.0
            bare = bare or not token.percent
        elif token.roles & _NOT_IN_LIST:
            return []
        elif not token.has(Role.DET | Role.PREP):
            words += 1
            held = (
                held
                or token.has(Role.INSTRUMENT)
                or (token.upper and _is_target(token))
                or (plain and _name(tokens, j, opening=True))  # "Siemens 35"
            )
    whole = _WHOLE[0] <= sum(shares) <= _WHOLE[1]
    if len(shares) < 2 or not ((named >= 2 and whole) or (labelled and named >= 1 and not bare)):
        return []
    return [Hit("rebalance", tokens[first].start, tokens[last - 1].end)]


def _index_label(tokens: Sequence[Token], first: int, label: int) -> bool:
    """The label ``[first, label)`` names an index's weights: a weight, then the index."""
    weight = _find(tokens, first, label, lambda j: tokens[j].has(Role.WEIGHT))
    if weight is None or not _member_weight(tokens, weight):
        return False
    index = _find(tokens, weight + 1, label, lambda j: bool(tokens[j].forms & Form.INDEX))
    # The first item names its member: "…MSCI Europe : financières 18 %", not "…: 60 %".
    return (
        index is not None
        and label + 1 < len(tokens)
        and tokens[label + 1].kind == "word"
        and not any(
            tokens[j].has(_NOT_INDEX_WEIGHT) and not tokens[j].has(Role.WEIGHT | Role.PREP)
            for j in range(first, label)
        )
    )


def _item_colon(tokens: Sequence[Token], j: int, last: int) -> bool:
    """The colon at ``j`` labels an item's share with the item's words: "Bonds: 25 %"."""
    return (
        tokens[j].text == ":"
        and j + 1 < last
        and tokens[j + 1].kind == "number"
        and j > 0
        and tokens[j - 1].kind == "word"
    )


# Words that make a clause a statement, not a size given per book.
_NOT_ALLOTTED: Final = Role.VERB | _PREDICATE | Role.RECOMMEND | Role.NEG | Role.CONDITIONAL


def _per_book(tokens: Sequence[Token], clause: Clause) -> bool:
    """A verbless clause that gives each book its size: "1500 Kontrakte Bund-Future je
    Mandat", "20 lots de CAC 40 par portefeuille", "Allocation: 250 lots EUR/CHF per account".

    It opens with a size in units (not a share), names a target, and ends with a short word
    ("per", "je", "par", "por") and the book; no predicate, recommendation or negation
    stands in it. Sizes counted per day or per trade name no book.
    """
    words = [j for j in range(clause.first, clause.last) if tokens[j].kind != "mark"]
    if len(words) < 4 or words[-1] - words[0] != len(words) - 1:
        return False
    book, per = tokens[words[-1]], tokens[words[-2]]
    if not book.has(Role.PORTFOLIO | Role.NAV) or per.kind != "word" or len(per.text) > 4:
        return False
    # The word before the book is read as a preposition, whatever else it spells ("je").
    if any(tokens[j].roles & _NOT_ALLOTTED for j in (*words[:-2], words[-1])):
        return False
    # The size opens the clause, or follows a few words that name no one and state nothing:
    # a line written onto a field's own short value ("3 Monate 1500 Kontrakte … je Mandat").
    for opening in range(min(len(words) - 3, _LEAD_IN + 1)):
        if tokens[words[opening]].has(Role.ACTOR):
            return False
        first = tokens[words[opening]]
        if first.kind != "number" or first.percent or first.times:
            continue
        if _size(tokens, words[opening], words[-2], weak=True):
            return any(_tradable(tokens[j]) for j in words[opening + 1 : -2])
    return False


_LEAD_IN: Final = 6


_NOTIONAL_REACH: Final = 3  # prepositions and articles between a notional and its amount
_TARGET_REACH: Final = 6  # tokens after the amount in which the target stands
# Words a clause of a notional without a verb may not hold: someone else, a predicate, a
# refusal or a condition make it a statement ("the notional of CDS outstanding …").
_NOT_NOTIONAL: Final = (
    (Role.ACTOR & ~(Role.SELF | Role.ADDRESSEE))
    | _PREDICATE_WORDS
    | Role.NEG
    | Role.AVOID
    | Role.CONDITIONAL
)


def _notional(mood: ClauseMood, lexicon: Lexicon) -> Hit | None:
    """A notional amount put on a target, asked of us: "Nocional de 20 millones de euros
    en bono español", "Engager un nominal de 15 M€ sur l'or", "$20m notional in TLT".

    The notional word heads its phrase (nothing it would modify before it: "le PIB
    nominal de 2 800 Md€" is the economy's size), an amount of money stands beside it
    (:func:`_money`), and a target after a preposition past both. A verb in the clause
    must be asked of us; a clause without one is a line of a trade plan unless it names
    someone else, a predicate, a refusal or a condition.
    """
    tokens, clause = mood.tokens, mood.clause
    first, last = clause.first, clause.last
    notionals = lexicon.notionals
    for k in clause.positions("notional", lambda j: tokens[j].text in notionals):
        previous = tokens[k - 1] if k > first else None
        amount = None
        if previous is not None and previous.kind == "number" and _money(tokens, k - 2, last):
            amount = k - 2  # "$20m notional", "EUR 10m nominal"
        elif previous is None or previous.kind == "number" or previous.has(_HEAD_BEFORE):
            j = k + 1
            while j < last and j - k <= _NOTIONAL_REACH and not _money(tokens, j, last):
                if not (tokens[j].has(Role.PREP | Role.DET) or tokens[j].kind == "mark"):
                    break
                j += 1
            amount = j if j < last and _money(tokens, j, last) else None
        if amount is None:
            continue
        target = _target_after(tokens, max(k, amount) + 1, last)
        if target is None or not _notional_asked(mood, k, lexicon):
            continue
        return Hit("order", tokens[min(k, amount)].start, tokens[target].end)
    return None


# What may stand before a notional that heads its phrase: an article, a verb, a label's
# words of ours ("our notional"), an adverb ("now").
_HEAD_BEFORE: Final = Role.DET | Role.VERB | Role.PREFIX | Role.SELF | Role.ADDRESSEE


def _target_after(tokens: Sequence[Token], start: int, end: int) -> int | None:
    """A target named after a preposition from ``start`` on: "… en bono español", "… sur
    l'or", "… in TLT"; the amount's own currency ("de euros") is no target."""
    linked = False
    for j in range(start, min(end, start + _TARGET_REACH)):
        token = tokens[j]
        if (
            linked
            and not token.has(Role.CURRENCY)
            and (_named_target(tokens, j) or _name(tokens, j))
        ):
            return j
        linked = linked or token.has(Role.PREP)
    return None


def _notional_asked(mood: ClauseMood, k: int, lexicon: Lexicon) -> bool:
    tokens, clause = mood.tokens, mood.clause
    verbs = clause.having(tokens, Role.VERB)
    if verbs:
        return is_instruction(mood, verbs[0], lexicon)
    if mood.conditional or mood.asked or mood.weighed:
        return False
    if clause.having(tokens, _NOT_NOTIONAL):
        return False
    return is_instruction(mood, k, lexicon)


def _allotted(tokens: Sequence[Token], clause: Clause) -> Hit:
    return Hit("order", tokens[clause.first].start, tokens[clause.last - 1].end)


def _side_values(
    tokens: Sequence[Token], all_clauses: Sequence[Clause], lexicon: Lexicon
) -> list[Pending]:
    """A side that is the whole value of a label or an answer: "Direction? Long.",
    "Which way: short", "Bias: sell.", "The side is short.", "Think short."

    Such a side names no target of its own; it waits like a side on a target, and an
    order needs a size or price beside it in the field or the output item.
    """
    found = []
    for clause in all_clauses:
        words = [j for j in range(clause.first, clause.last) if tokens[j].kind != "mark"]
        if not words:
            continue
        side = words[-1]
        token = tokens[side]
        if not token.has(Role.SIDE | Role.SIDE_ADJ) or token.has(Role.NON_ACTION):
            continue
        # A noun answers a label ("Sens : vente", "Richtung: Kauf"), never stands alone.
        base = bool(token.forms & Form.BASE)
        if not (base or token.forms & Form.NOUN) or (
            side + 1 < len(tokens) and tokens[side + 1].glued
        ):
            continue
        if _weighed_side(tokens, clause):
            continue
        before = words[:-1]
        answered = clause.first > 0 and tokens[clause.first - 1].text in ":?—="
        if (not before and (answered or (base and _alone(tokens, clause)))) or (
            before and _side_label(tokens, before, lexicon)
        ):
            found.append(Pending(token.start, token.end, clause.sentence))
    return found


# Answers that take up the side a question asks: "Buy? Yes, 200 at 90."
_AFFIRMATIONS: Final = frozenset(
    ("yes", "yep", "absolutely", "definitely", "ja", "jawohl", "oui", "si", "claro")
)


def _weighed_side(tokens: Sequence[Token], clause: Clause) -> bool:
    """The side closing ``clause`` is asked, not given: a question of its own that no "yes"
    takes up ("Buy the dip? Not yet."), or one of two sides weighed against each other
    ("buy or sell gold?", "long or short?")."""
    end = clause.last
    if end < len(tokens) and tokens[end].text == "?":
        answer = next((k for k in range(end + 1, len(tokens)) if tokens[k].kind == "word"), None)
        return answer is None or tokens[answer].text not in _AFFIRMATIONS
    return (
        end + 1 < len(tokens)
        and tokens[end].has(Role.DISJUNCTION)
        and tokens[end + 1].has(Role.SIDE | Role.SIDE_ADJ)
    )


def _alone(tokens: Sequence[Token], clause: Clause) -> bool:
    """The clause is a sentence of its own: nothing of its sentence before or after it."""
    first, last = clause.first, clause.last
    opens = first == 0 or (tokens[first - 1].kind == "mark" and tokens[first - 1].text in ".!?\n")
    closes = last >= len(tokens) or (tokens[last].kind == "mark" and tokens[last].text in ".!?\n")
    return opens and closes


def _side_label(tokens: Sequence[Token], before: list[int], lexicon: Lexicon) -> bool:
    """Words before a side that label it: "the side is", "direction", "think"."""
    label = " ".join(tokens[j].text for j in before if not tokens[j].has(Role.DET | Role.AUX))
    if not label:
        return False
    if "side" in lexicon.field_roles(label):
        return True
    # A side label opens the subject and a copula ends it: "The action we take on the base
    # case is to sell", "La acción de la mesa es vender".
    content = [j for j in before if not tokens[j].has(Role.DET)]
    last = before[-1]
    if tokens[last].text in INFINITIVE_MARKS and len(before) > 1:
        last = before[-2]
    return (
        len(content) > 1
        and tokens[last].has(Role.AUX)
        and "side" in lexicon.field_roles(tokens[content[0]].text)
    )


def _conditional_exits(moods: Sequence[ClauseMood], lexicon: Lexicon) -> list[Hit]:
    """An exit or stop that opens its clause, its level in the condition that follows.

    "Get out if it breaks 95", "bail if NQ closes below 18,000": the level word names no
    number of its own; the number of the conditional clause after it is its level.
    """
    found = []
    for mood, condition in itertools.pairwise(moods):
        tokens, clause = mood.tokens, mood.clause
        if not condition.conditional:
            continue
        words = [j for j in range(clause.first, clause.last) if tokens[j].kind != "mark"]
        last = tokens[words[-1]] if words else None
        if last is not None and len(words) > 1 and last.upper and _is_target(last):
            words.pop()  # what is exited: "get out of TLT if …"
        if not words or any(not tokens[j].has(Role.PREFIX) for j in words[:-1]):
            continue
        exit_word = words[-1]
        if not tokens[exit_word].has(Role.LEVEL):
            continue
        first = condition.clause.first
        reach = range(first, min(condition.clause.last, first + 7))
        number = next((j for j in reach if tokens[j].kind == "number"), None)
        if number is None or not is_instruction(mood, exit_word, lexicon):
            continue
        found.append(Hit("order", tokens[exit_word].start, tokens[number].end))
    return found


def _conditional_entries(moods: Sequence[ClauseMood], lexicon: Lexicon) -> list[Hit]:
    """A position we take, its level in the condition of its sentence: "If EUR/USD pulls
    back to 1.07, we enter a long", "Sobald der Bund-Future 131 erreicht, steigen wir long
    ein", "Dès que l'OAT touche 3,40 %, nous entrons à l'achat", "Cuando el bono llegue al
    3,5 %, entramos comprados". The trigger is the order's price; who takes it is read as
    for any instruction (others, the past, a negation or a question take nothing of ours).
    """
    tokens = moods[0].tokens
    conditions = [_condition(mood) for mood in moods]
    triggers = [
        j
        for mood, condition in zip(moods, conditions, strict=True)
        if condition
        for j in range(mood.clause.first, mood.clause.last)
        if tokens[j].kind == "number"
    ]
    if not triggers:
        return []
    for mood, condition in zip(moods, conditions, strict=True):
        if condition or mood.asked or mood.weighed or mood.reported:
            continue
        clause = mood.clause
        if clause.having(tokens, _OTHER_ACTORS):
            continue  # "… steigen Spekulanten long ein": an inverted subject of others
        for j in range(clause.first, clause.last):
            if not (
                _position_taken(tokens, clause, j, lexicon)
                or _holding_changed(moods, conditions, clause, j)
            ):
                continue
            if negated(tokens, clause, j) or not is_instruction(mood, j, lexicon):
                continue
            if described(mood, j, lexicon):
                continue
            low, high = min(j, triggers[0]), max(j, triggers[0])
            return [Hit("order", tokens[low].start, tokens[high].end)]
    return []


_OTHER_ACTORS: Final = Role.THIRD | Role.INSTITUTION | Role.GENERIC
# The gate's families that hold the words of a conditional entry: a side, a verb of a
# holding, or a take-profit written as a step ("take profits") with its trigger's number.
_CONDITIONAL_FAMILIES: Final = frozenset(("side", "named", "level"))


def _condition(mood: ClauseMood) -> bool:
    """The clause is a condition: opened by "if", "sobald", "dès que", "cuando" (the first
    clause of a sentence has no opener of its own, its first word is one)."""
    return mood.conditional or mood.tokens[mood.clause.first].has(Role.CONDITIONAL)


def _holding_changed(
    moods: Sequence[ClauseMood], conditions: Sequence[bool], clause: Clause, j: int
) -> bool:
    """A holding changed at ``j`` ("we add another 25m", "trim", "réduisons", "take
    profits") on a target named in the sentence's condition or in its own clause: "Should
    30y gilts clear 5.40 %, we add another 25m at that level", "Once the Nikkei hits
    40,000, take profits"."""
    tokens = moods[0].tokens
    token = tokens[j]
    if token.has(Role.NON_ACTION) or token.glued or not token.forms & Form.BASE:
        return False
    if not (
        token.forms & Form.HOLDING
        or token.has(Role.CLOSE)
        or (_profits_taken(token) and _opens(tokens, clause, j))
    ):
        return False
    return _names_target(tokens, clause) or any(
        _names_target(tokens, mood.clause)
        for mood, condition in zip(moods, conditions, strict=True)
        if condition
    )


def _opens(tokens: Sequence[Token], clause: Clause, j: int) -> bool:
    """The word at ``j`` opens its clause, past prefixes and marks ("then take profits")."""
    return all(
        tokens[k].kind == "mark" or tokens[k].has(Role.PREFIX) for k in range(clause.first, j)
    )


def _profits_taken(token: Token) -> bool:
    """A take-profit named as a verb phrase that opens its clause ("take profits", "Gewinne
    mitnehmen", "prendre ses bénéfices", "tomar beneficios"): a level word written as a
    step."""
    return token.has(Role.LEVEL) and " " in token.text and not token.forms & Form.NOUN


def _position_taken(tokens: Sequence[Token], clause: Clause, j: int, lexicon: Lexicon) -> bool:
    """A side taken at ``j`` ("we buy", "nous entrons à l'achat", "steigen wir long ein"),
    or a position entered by its side ("we enter a long", "open the short")."""
    token = tokens[j]
    if token.has(Role.NON_ACTION) or token.glued:
        return False
    if token.has(Role.SIDE):
        return not (token.forms & Form.NOUN and not token.forms & ~Form.NOUN & ~_MARK_FORMS)
    if not (token.has(Role.TRADE) and token.forms & Form.BASE):
        return False
    side = next_position(clause.positions("sides", lambda k: _position_side(tokens, k, lexicon)), j)
    return side is not None and _position_named(tokens, j, side)


def _answered_questions(sentences: Sequence[Sequence[ClauseMood]]) -> list[Hit]:
    """A question on a named target, answered by a bare side in the next sentence: "Was tun
    mit Lufthansa? Verkaufen, und zwar noch diese Woche.", "Que faire des minières ? Les
    vendre dès l'ouverture.", "What should the reader do with oil majors? Sell them."

    The answer is an imperative or an infinitive (a pronoun may stand for the target before
    it); the question names no one else and nothing past ("What did CTAs do with Lufthansa?
    Sell." reports), and the answer is not refused.
    """
    found: list[Hit] = []
    for question, answer in itertools.pairwise(sentences):
        tokens = question[0].tokens
        last = question[-1].clause.last
        if last >= len(tokens) or tokens[last].text != "?":
            continue
        first = _after_speaker(tokens, question[0].clause.first, last)
        span = range(first, last)
        # German "Was tun mit …?" opens with "was" (what), which folds to English "was".
        opening = first + 1 if first + 1 < last and _bare_verb(tokens[first + 1]) else first
        if any(
            _of_others_or_past(tokens[j])
            and not (_sector_asked_about(tokens, j) or _object_asked_about(tokens, j))
            for j in range(opening, last)
        ):
            continue
        if not any(_asked_about(tokens, j) for j in span):
            continue
        side = _answer_side_past_reply(answer)
        if side is not None:
            found.append(Hit("order", tokens[question[0].clause.first].start, tokens[side].end))
    return found


def _confirmed_questions(sentences: Sequence[Sequence[ClauseMood]], lexicon: Lexicon) -> list[Hit]:
    """A question proposing a trade of ours on a named target, answered yes in the next
    sentence: desk chat between two voices ("A: we trimming gold? B: yes, half.", "Cut the
    miners? - Yep, do it.", "On allège l'or ? — Oui.", "¿Recortamos el oro? — Vale.").

    A speaker's label may open either sentence. The question names no one else and nothing
    past ("Did CTAs sell gold? Yes." reports), and its action is not negated.
    """
    found: list[Hit] = []
    for question, answer in itertools.pairwise(sentences):
        tokens = question[0].tokens
        last = question[-1].clause.last
        if last >= len(tokens) or tokens[last].text != "?":
            continue
        first = _after_speaker(tokens, question[0].clause.first, last)
        if _proposed_trade(question, first, last, lexicon) is None:
            continue
        yes = _after_speaker(tokens, answer[0].clause.first, answer[-1].clause.last)
        if yes < len(tokens) and tokens[yes].forms & Form.AFFIRM:
            found.append(Hit("order", tokens[first].start, tokens[yes].end))
    return found


_SPEAKER_WORDS: Final = 4  # "A", "PM", "Händler an PM": a speaker's label before its colon
_SPEAKER_MARKS: Final = frozenset(":-\u2013\u2014")  # a colon, a hyphen, en and em dashes


def _after_speaker(tokens: Sequence[Token], first: int, last: int) -> int:
    """Where a line starts past the label of its speaker and the dashes of a dialogue."""
    start = first
    while start < last and tokens[start].text in _SPEAKER_MARKS:
        start += 1
    for k in range(start, min(last, start + _SPEAKER_WORDS + 1)):
        if tokens[k].text == ":":
            return k + 1
        if tokens[k].kind != "word":
            break
    return start


def _proposed_trade(
    question: Sequence[ClauseMood], first: int, last: int, lexicon: Lexicon
) -> int | None:
    """The action of a question that proposes a trade of ours on a named target ("we
    trimming gold?", "are we adding to Bunds?", "cut the miners?"), if it does."""
    for mood in question:
        tokens, clause = mood.tokens, mood.clause
        for j in range(max(first, clause.first), clause.last):
            token = tokens[j]
            if not (token.has(Role.SIDE) or token.forms & Form.HOLDING):
                continue
            if token.has(Role.NON_ACTION) or not token.forms & (Form.BASE | Form.GERUND):
                continue
            target = _named_object(tokens, clause, j, False)
            if target is None or negated(tokens, clause, j):
                continue
            subject = subject_before(tokens, clause, j, lexicon)
            if subject and not subject & (Role.SELF | Role.ADDRESSEE):
                return None  # "Are households buying gold? Yes." asks about others
            if any(_of_others_or_past(tokens[k]) for k in range(first, last) if k != target):
                return None
            return j
    return None


# What acts on a pronoun whose target was named before: a side, a verb of a holding, a
# closing verb ("Sell it.", "Trim it by half.", "Close it.", "Véndelas.").
_ON_PRONOUN: Final = Role.SIDE | Role.CLOSE


def _pronoun_trades(sentences: Sequence[Sequence[ClauseMood]], lexicon: Lexicon) -> list[Hit]:
    """A trade asked of us on a pronoun, its target named in the sentence before: "Gold
    looks stretched. Sell it.", "Nvidia has run hard. Trim it by half.", "L'or semble
    tendu. Vendez-le.", "Tenemos 300 SAN. Véndelas.", "Wir halten 300 Siemens. Verkaufen
    Sie sie morgen." The pronoun stands right after the verb, with no noun after it ("sell
    that rally" names its own object), or is written onto it (:data:`Form.CLITIC`); whether
    it is asked of us is :func:`is_instruction`'s reading: "Investors sold it" and "It fell
    3 %" describe."""
    found: list[Hit] = []
    for before, moods in itertools.pairwise(sentences):
        tokens = before[0].tokens
        named = next(
            (
                j
                for mood in before
                for j in range(mood.clause.first, mood.clause.last)
                if _antecedent(tokens, j)
            ),
            None,
        )
        if named is None:
            continue
        for mood in moods:
            verb = _pronoun_trade(mood, lexicon)
            if verb is not None:
                found.append(Hit("order", tokens[named].start, tokens[verb].end))
                break
    return found


# What a verbless sentence that gives a trade its object may not hold: a predicate of its
# own, a negation, someone who acts (a sector that is also a party is a target here).
_OWN_PREDICATE: Final = Role.VERB | Role.AUX | Role.MODAL | Role.DESCRIBE | Role.NEG


def _objects_after(sentences: Sequence[Sequence[ClauseMood]], lexicon: Lexicon) -> list[Hit]:
    """A trade asked of us that ends its sentence without an object, the object (and its
    size) in a verbless sentence right after: "We trim. The miners, by a third.", "Wir
    reduzieren. Die Minenwerte, um ein Drittel.", "On allège. Les minières, d'un tiers.",
    "Recortamos. Las mineras, un tercio." A next sentence with a predicate of its own is
    a statement ("We wait. Gold has run hard."); a trade of others describes."""
    found: list[Hit] = []
    for before, after in itertools.pairwise(sentences):
        last = before[-1]
        tokens, clause = last.tokens, last.clause
        verb = clause.last_before_marks(tokens, clause.first - 1)
        if verb < clause.first:
            continue
        token = tokens[verb]
        if not (token.has(_ON_PRONOUN) or token.forms & Form.HOLDING):
            continue
        if token.has(Role.NON_ACTION) or token.glued or token.forms & Form.NOUN:
            continue
        if token.forms & (Form.PAST | Form.PARTICIPLE) and not token.forms & Form.BASE:
            continue
        first, end = after[0].clause.first, after[-1].clause.last
        span = range(first, end)
        if any(
            tokens[j].has(_OWN_PREDICATE)
            or (tokens[j].has(Role.ACTOR) and not tokens[j].has(Role.INSTRUMENT))
            for j in span
        ):
            continue
        if not any(_antecedent(tokens, j) for j in span):
            continue
        if negated(tokens, clause, verb) or not is_instruction(last, verb, lexicon):
            continue
        found.append(Hit("order", token.start, tokens[end - 1].end))
    return found


def _antecedent(tokens: Sequence[Token], j: int) -> bool:
    """A target a later pronoun may stand for: an instrument, a ticker, a name, also one
    opening its sentence ("Nvidia has run hard."), never a time ("Enero …")."""
    if tokens[j].forms & _DATE_WORDS:
        return False
    return _tradable(tokens[j]) or _named_target(tokens, j) or _name(tokens, j, opening=True)


def _pronoun_trade(mood: ClauseMood, lexicon: Lexicon) -> int | None:
    """The verb of a trade on a pronoun in the clause, asked of us."""
    tokens, clause = mood.tokens, mood.clause
    for i in range(clause.first, clause.last):
        token = tokens[i]
        if not (token.has(_ON_PRONOUN) or token.forms & Form.HOLDING):
            continue
        if token.has(Role.NON_ACTION) or token.glued or token.forms & Form.NOUN:
            continue
        if token.forms & (Form.PAST | Form.PARTICIPLE) and not token.forms & Form.BASE:
            continue
        if not (token.forms & Form.CLITIC or _pronoun_object(tokens, clause, i)):
            continue
        if not negated(tokens, clause, i) and is_instruction(mood, i, lexicon):
            return i
    return None


def _pronoun_object(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A pronoun right after the verb at ``i`` that is its whole object: "sell it", "vendez-
    le", "verkaufen Sie sie"; "sell this rally" and "sell the position" name their own."""
    j = i + 1
    if j >= clause.last or not tokens[j].has(Role.REFERENCE) or " " in tokens[j].text:
        return False
    after = tokens[j + 1] if j + 1 < clause.last else None
    return after is None or after.kind != "word" or not _content_word(after)


def _content_word(token: Token) -> bool:
    """A word that could be the noun a determiner opens: no preposition, time or adverb."""
    return not (
        token.has(Role.PREP | Role.PREFIX | Role.COORDINATOR | Role.SUBORDINATOR | Role.LEVEL_LINK)
        or token.forms & (Form.FUTURE_TIME | Form.FUTURE_DAY | Form.TODAY)
    )


def _bare_verb(token: Token) -> bool:
    """A verb in its base form or a word the vocabulary does not know, in lower case."""
    if token.kind != "word" or token.capital or token.upper:
        return False
    return not token.roles or bool(token.has(Role.VERB) and token.forms & Form.BASE)


def _of_others_or_past(token: Token) -> bool:
    """A word that makes a question about others or the past: "What did CTAs do …?"."""
    return token.has(_OTHER_ACTORS | Role.NEG) or bool(
        token.forms & Form.PAST_TIME
        or (token.has(Role.AUX | Role.MODAL) and token.forms & Form.PAST)
    )


def _sector_asked_about(tokens: Sequence[Token], j: int) -> bool:
    """A sector's companies after a preposition are what the question is about, not who
    acts: "Que faire des minières ?", "¿Qué hacer con las petroleras?"."""
    if not tokens[j].has(Role.INSTRUMENT):
        return False
    k = j - 1
    while k >= 0 and tokens[k].has(Role.DET) and not tokens[k].has(Role.PREP):
        k -= 1
    return k >= 0 and tokens[k].has(Role.PREP)


def _asked_about(tokens: Sequence[Token], j: int) -> bool:
    """A target the question is about: named, or a noun after its preposition ("Que faire
    des minières ?", "¿Qué hacer con las petroleras?")."""
    if _named_target(tokens, j) or _name(tokens, j):
        return True
    token = tokens[j]
    k = j - 1
    while k >= 0 and tokens[k].has(Role.DET) and not tokens[k].has(Role.PREP):
        k -= 1
    return token.kind == "word" and not token.roles and k >= 0 and tokens[k].has(Role.PREP)


_REPLY_WORDS: Final = 4  # a speaker's label and a "no" or "yes" before the answer proper


def _answer_side_past_reply(answer: Sequence[ClauseMood]) -> int | None:
    """The side of an answer, past a speaker's label and a bare "no" or "yes" that
    answers the question before it does ("Stratégiste : non, on allège tout de suite",
    "No, sell them now")."""
    for mood in answer:
        side = _answer_side(mood)
        clause = mood.clause
        if side is not None or clause.last - clause.first > _REPLY_WORDS:
            return side
    return None


def _object_asked_about(tokens: Sequence[Token], j: int) -> bool:
    """A sector that is the object of the question's verb, not who acts: "on garde les
    banques ?", "do we keep the miners?"."""
    if not tokens[j].has(Role.INSTRUMENT):
        return False
    k = j - 1
    while k >= 0 and tokens[k].has(Role.DET) and not tokens[k].has(Role.PREP):
        k -= 1
    if k < 0 or k == j - 1 or tokens[k].kind != "word":
        return False
    # A verb the vocabulary holds, or a word it does not ("garde"), never a function word.
    verb = tokens[k]
    return verb.has(Role.VERB) or not (verb.roles or verb.capital or verb.upper)


def _answer_side(mood: ClauseMood) -> int | None:
    """The side that opens an answer, past a pronoun of its target: "Verkaufen", "Sell
    them", "Les vendre"; in the base form, not negated, nobody else's."""
    tokens, clause = mood.tokens, mood.clause
    j = clause.first
    while j < clause.last and tokens[j].has(Role.REFERENCE | Role.PREFIX) and j - clause.first < 2:
        j += 1
    if j >= clause.last:
        return None
    token = tokens[j]
    if not (token.has(Role.SIDE) or token.forms & Form.HOLDING) or token.has(Role.NON_ACTION):
        return None
    if not token.forms & Form.BASE or _not_ours(mood) or negated(tokens, clause, j):
        return None
    return j


def _bare_sides(tokens: Sequence[Token], all_clauses: Sequence[Clause]) -> list[Pending]:
    """A side that is a sentence of its own, its target opening the next ("Short. ES. 20 lots.").

    The side waits like any side on a target: a size or price later in the field or in
    another field of the output completes it.
    """
    found = []
    for clause, following in itertools.pairwise(all_clauses):
        words = [j for j in range(clause.first, clause.last) if tokens[j].kind != "mark"]
        if not words or any(tokens[j].has(Role.PREFIX) for j in words[1:]):
            continue
        side = words[-1]
        if any(not tokens[j].has(Role.PREFIX) for j in words[:-1]):
            continue
        token = tokens[side]
        if not token.has(Role.SIDE | Role.SIDE_ADJ) or not token.forms & Form.BASE:
            continue
        target = tokens[following.first]
        if target.has(Role.INSTRUMENT) or (target.upper and _is_target(target)):
            found.append(Pending(token.start, target.end, following.sentence))
    return found


def parameter_fragments(
    tokens: Sequence[Token], all_clauses: Sequence[Clause], lexicon: Lexicon
) -> list[Fragment]:
    """Verbless clauses that carry a size, price or level.

    A label of a structured field written without its colon counts too: "Size 300",
    "Qty 20", "Limit 5,150".
    """
    found = []
    for clause in all_clauses:
        if _stated_number(tokens, clause, lexicon):
            found.append(Fragment(tokens[clause.first].start, True))
            continue
        if any(t.roles & _PREDICATE for t in _span(tokens, clause)):
            continue
        if _labelled_number(tokens, clause, lexicon):
            found.append(Fragment(tokens[clause.first].start, True))
            continue
        span = range(clause.first, clause.last)
        if any(_fragment_parameter(tokens, clause, i) for i in span):
            sized = any(_order_size(tokens, i, clause.last) for i in span)
            found.append(Fragment(tokens[clause.first].start, sized))
    return found


def _order_size(tokens: Sequence[Token], j: int, end: int) -> bool:
    """A size an order could have: units or a ticker in capitals after a number ("250
    shares", "1,000 NVDA"); not a share ("above 500 bps") nor a lower-case noun ("4 weeks")."""
    token = tokens[j]
    if token.kind != "number" or token.percent:
        return False
    if _size(tokens, j, end, weak=True):
        return True
    return j + 1 < end and tokens[j + 1].upper and _is_target(tokens[j + 1])


def _stated_number(tokens: Sequence[Token], clause: Clause, lexicon: Lexicon) -> bool:
    """A size or price stated of its label: "The size is 20 contracts", "The level is 5,100"."""
    span = range(clause.first, clause.last)
    verb = next((j for j in span if tokens[j].has(Role.AUX)), None)
    if verb is None or verb + 1 >= clause.last or tokens[verb + 1].kind != "number":
        return False
    label = " ".join(
        tokens[j].text for j in range(clause.first, verb) if not tokens[j].has(Role.DET)
    )
    return bool(label) and bool(set(lexicon.field_roles(label)) & {"quantity", "price", "level"})


def _labelled_number(tokens: Sequence[Token], clause: Clause, lexicon: Lexicon) -> bool:
    first = tokens[clause.first]
    if first.kind == "number" and clause.first >= 2 and tokens[clause.first - 1].text in ":?":
        # An answer to its label: "Quantity? 40.", "How many: 20".
        label = tokens[clause.first - 2]
        roles = set(lexicon.field_roles(label.text))
        return label.kind == "word" and bool(roles & {"quantity", "price", "level"})
    if clause.last - clause.first < 2 or first.kind != "word":
        return False
    if tokens[clause.first + 1].kind != "number":
        return False
    return bool(set(lexicon.field_roles(first.text)) & {"quantity", "price", "level"})


def _fragment_parameter(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A size or price in a verbless clause; an order type only where it is one.

    "At market", "Market order", "MOC" are order types; "labour market cooling" is a
    noun phrase that names no order.
    """
    token = tokens[i]
    if (
        token.has(Role.ORDER_TYPE)
        and i > clause.first
        and not tokens[i - 1].has(Role.LEVEL_LINK | Role.PREP | Role.DET)
    ):
        return _size(tokens, i, clause.last, weak=False)
    return _size(tokens, i, clause.last, weak=False) or _price(tokens, i, clause.last)


def _sentences(all_clauses: Sequence[Clause]) -> list[list[Clause]]:
    grouped: list[list[Clause]] = []
    for clause in all_clauses:
        if grouped and grouped[-1][0].sentence == clause.sentence:
            grouped[-1].append(clause)
        else:
            grouped.append([clause])
    return grouped


def _span(tokens: Sequence[Token], clause: Clause) -> Sequence[Token]:
    return tokens[clause.first : clause.last]


def _clause_directives(
    mood: ClauseMood,
    lexicon: Lexicon,
    active: frozenset[str],
    hits: list[Hit],
    pending: list[Pending],
    previous: ClauseMood | None = None,
) -> None:
    """The directives of one clause (``previous``: the clause before it in its sentence)."""
    tokens, clause = mood.tokens, mood.clause
    end = clause.last
    # A finding here runs to the clause's end, so a later action word of a category found
    # already could only add a finding inside it, which the report drops (one finding per
    # stretch and category): a clause of a thousand weights is judged once, not a thousand times.
    found_here: set[Category] = set()
    for i in range(clause.first, end):
        token = tokens[i]
        roles = token.roles
        if (not roles & _CANDIDATES and not token.forms & Form.QUOTE) or roles & Role.NON_ACTION:
            if token.kind == "number" and token.times and "leverage" in active:
                _leverage(mood, i, lexicon, hits)
            if "sizing" in active and "order" not in found_here:
                share = _book_share(tokens, i, end, lexicon)
                if share is not None and _sizing(mood, i, share, lexicon, hits):
                    found_here.add("order")
            if "named" in active and "order" not in found_here and _side_fragment(mood, i, lexicon):
                hits.append(Hit("order", token.start, tokens[end - 1].end))
                found_here.add("order")
            continue
        found = _match(tokens, clause, i, active, lexicon)
        if found is not None and token.has(Role.SIDE) and _counted_rating(tokens, i):
            found = None
        if found is not None and found[0] == "rebalance" and _event_named(tokens, clause, i):
            found = None
        if found is None and token.forms & _PARTICIPLES and _passive(tokens, clause, i, lexicon):
            found = _passive_match(tokens, clause, i, active)
        # Its finding would lie inside this category's finding in the clause; unless the
        # word may also name an unsized trade (read below when it is not asked of us).
        if (
            found is not None
            and not found[2]
            and found[0] in found_here
            and ("named" not in active or not _may_name(token))
        ):
            continue
        if found is not None and not _asked_of_us(mood, i, lexicon, found):
            found = None
        if found is not None and _nominal_unrecommended(mood, i, found[0]):
            found = None
        if (found is None or found[2]) and "named" in active:
            named = _unsized_instruction(mood, i, lexicon, previous)
            if named is not None:
                # Like any finding, it covers the rest of the clause.
                low, high = min(i, named), max(named, end - 1)
                hits.append(Hit("order", tokens[low].start, tokens[high].end))
                found_here.add("order")
                continue
        if found is None:
            continue
        category, stop, needs_parameter = found
        if needs_parameter:
            # A verb-final side has its target before it: the span runs from the first.
            target = tokens[stop - 1]
            start, last = min(token.start, target.start), max(token.end, target.end)
            pending.append(Pending(start, last, clause.sentence))
            continue
        # The finding covers the rest of the clause: the whole instruction, not its verb.
        hits.append(Hit(category, token.start, max(tokens[stop - 1].end, tokens[end - 1].end)))
        found_here.add(category)


_FRAGMENT_ENDS: Final = frozenset(".!,;")


def _side_fragment(mood: ClauseMood, i: int, lexicon: Lexicon) -> bool:
    """A side and an asset class read as one term ("long duration", "short duration",
    "long bonds": a style of asset, :data:`Role.NON_ACTION`) that is the whole of a verbless
    clause, with at most a word of time or place ("Long duration here.", "Short duration
    into the print."): desk chat taking that side. As a noun phrase with a predicate or a
    head after it ("long duration has hurt", "long duration bonds") it names the style."""
    tokens, clause = mood.tokens, mood.clause
    words = tokens[i].text.split(" ")
    if len(words) != 2 or mood.conditional or mood.reported or mood.asked or mood.quoted:
        return False
    if mood.labelled:  # "Street positioning: long duration, short dollar."
        return False
    side, asset = lexicon.words.get(words[0]), lexicon.words.get(words[1])
    if side is None or asset is None or not side.roles & Role.SIDE_ADJ:
        return False
    if not asset.roles & Role.INSTRUMENT:
        return False
    bare = Role.PREFIX | Role.DET
    if not all(tokens[k].has(bare) for k in range(clause.first, i)):
        return False
    # After it, words of time or place, or a phrase of them: "into the print", "by Friday".
    phrase = False
    for k in range(i + 1, clause.last):
        phrase = phrase or tokens[k].has(Role.PREP)
        if not (tokens[k].has(Role.PREFIX) or (phrase and not tokens[k].has(_PREDICATE))):
            return False
    # Not a heading ("## Long duration", "Short duration: the front end …"): said as a
    # sentence, with its stop, a word of time or place, or a comma listing another leg.
    ending = tokens[clause.last].text if clause.last < len(tokens) else "\n"
    if ending == ":" or (clause.first > 0 and tokens[clause.first - 1].text == "#"):
        return False
    return ending in _FRAGMENT_ENDS or clause.last > i + 1


# Prepositions of time: a nominal rebalance after one dates something else ("after the
# rebalance on Friday, Nvidia's weight falls to 8 %"), it is an event, not a step.
_TIME_PREPOSITIONS: Final = frozenset(
    [
        "after",
        "before",
        "ahead",
        "ahead of",
        "following",
        "since",
        "until",
        "during",
        "nach",
        "vor",
        "seit",
        "bis",
        "wahrend",
        "apres",
        "avant",
        "depuis",
        "lors",
        "lors de",
        "pendant",
        "tras",
        "antes",
        "antes de",
        "despues",
        "despues de",
        "durante",
        "desde",
    ]
)
# Between such a preposition and the noun: articles, "of", and a word or two of the
# event's name ("ahead of the quarterly index rebalance").
_EVENT_GAP: Final = 4


def _event_named(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """The nominal rebalance at ``i`` stands after a preposition of time: "after the
    rebalance on Friday", "ahead of the quarterly rebalance", "vor der Indexanpassung",
    "après le rééquilibrage", "tras el rebalanceo". A verb form ("rebalance on Friday") or
    a noun that heads its clause ("Rebalance of the book on Friday.") is a step."""
    if not tokens[i].forms & Form.NOUN:
        return False
    j = i - 1
    while j >= clause.first and i - j <= _EVENT_GAP:
        token = tokens[j]
        if token.text in _TIME_PREPOSITIONS:
            return j == clause.first or not tokens[j - 1].has(Role.VERB)
        if token.kind != "word" or not (token.has(Role.DET | Role.PREP) or not token.roles):
            return False
        j -= 1
    return False


# How far along its line a rating's label looks for the other rungs of its scale.
_SCALE_REACH: Final = 12
# What ends a rung's value: the next label of the list, or the end of its line.
_RUNG_ENDS: Final = frozenset(";,.\n|")
# What a rung's value may hold besides its figure: "54 % of analysts", "60 % des analystes".
_RUNG_WORDS: Final = Role.PREP | Role.DET | Role.THIRD
# What it may not: a target, a book or a share of one, an action, us or the reader.
_NOT_RUNG: Final = (
    Role.VERB
    | Role.SIDE_ADJ
    | Role.INSTRUMENT
    | Role.UNIT
    | Role.CURRENCY
    | Role.NAV
    | Role.PORTFOLIO
    | Role.POSITIONS
    | Role.WEIGHT
    | Role.SELF
    | Role.ADDRESSEE
)


def _counted_rating(tokens: Sequence[Token], i: int) -> bool:
    """The side at ``i`` labels a rung of analysts' ratings counted, not an order: "Buy:
    54 % of analysts; hold: 30 %; sell: 16 %", "Kaufen: 12; Halten: 8; Verkaufen: 2",
    "Achat : 60 % des analystes ; conserver : 30 %".

    Its value is a figure alone, or a figure of a third party ("of analysts"): no target,
    no order word. Either the value names who is counted, or the middle rung of the scale
    (``[mood] rating_holds``: "hold", "Halten", "conserver", "mantener") labels a figure of
    its own on the same line. "Buy: 5 % NVDA; hold: AAPL" names targets and still directs.
    """
    value = i + 1
    while value < len(tokens) and tokens[value].glued and tokens[value].kind == "word":
        value += 1  # "Buy-rated: 62 % of analysts"
    if value < len(tokens) and tokens[value].text in ":=":
        value += 1
    if value >= len(tokens) or tokens[value].kind != "number":
        return False
    counted = False
    j = value + 1
    while j < len(tokens) and tokens[j].text not in _RUNG_ENDS:
        word = tokens[j]
        if word.kind != "word" or not word.has(_RUNG_WORDS) or word.has(_NOT_RUNG):
            return False
        counted = counted or word.has(Role.THIRD)
        j += 1
    return counted or _scale_beside(tokens, i)


def _scale_beside(tokens: Sequence[Token], i: int) -> bool:
    """The middle rung of a rating scale labels a figure on the line of the side at ``i``
    ("hold: 30 %", "Halten 8")."""
    low, high = max(0, i - _SCALE_REACH), min(len(tokens), i + _SCALE_REACH)
    for j in range(low, high):
        if tokens[j].text == "\n":
            if j < i:
                low = j
                continue
            break
        if j > low and tokens[j].forms & Form.RATING_HOLD:
            k = j + 1
            while k < high and tokens[k].glued and tokens[k].kind == "word":
                k += 1  # "hold-rated: 31 %"
            if k < high and tokens[k].text in ":=":
                k += 1
            if k < high and tokens[k].kind == "number":
                return True
    return False


def _nominal_unrecommended(mood: ClauseMood, i: int, category: Category) -> bool:
    """A nominal execution or switch to live that is a topic, not a step.

    A present recommendation makes it a step ("Execution of the basket at the close
    recommended", "Umstellung auf Live-Betrieb empfohlen"), and so does a label before it
    ("Next step: switchover to live"); a switch also as a verbless note ("passage du mode
    papier au réel lundi"). A predicate of its own that no recommendation makes, someone
    else named or a recommendation in the past describe it: "execution of large baskets at
    the close is getting harder", "execution of the hedge was recommended by the broker",
    "the switchover to live trading at the exchange went smoothly".
    """
    tokens, clause = mood.tokens, mood.clause
    token = tokens[i]
    if not token.forms & Form.NOUN or _labelled_step(tokens, i):
        return False
    if category == "execution":
        if token.has(Role.PLACE) or not token.has(Role.EXECUTE):
            return False
    elif category != "live_toggle" or not token.has(Role.SWITCH):
        return False
    others = clause.positions(
        "others or the past",
        lambda j: (
            tokens[j].has(_OTHERS_NAMED)
            or (tokens[j].has(Role.AUX | Role.DESCRIBE) and bool(tokens[j].forms & Form.PAST))
        ),
    )
    if others:
        return True
    if mood.recommend > 0 and mood.recommend & (Role.RECOMMEND | Role.REC_ADJ | Role.REC_MODAL):
        return False
    if category == "execution":
        return True
    return bool(clause.having(tokens, Role.AUX | Role.DESCRIBE | Role.MODAL))


def _labelled_step(tokens: Sequence[Token], i: int) -> bool:
    """The noun at ``i`` is a label's value, past articles: "Next step: switchover to live"."""
    j = i - 1
    while j >= 0 and tokens[j].has(Role.DET):
        j -= 1
    return j >= 0 and tokens[j].text in (":", "—")


# Who makes a dated state someone else's: "from Monday the index holds three new members".
_NOT_PLANNED_BY_US: Final = Role.THIRD | Role.INSTITUTION
# Words that make a third party's name our own book: "the fund", "des Fonds".
_BOOKS: Final = Role.PORTFOLIO | Role.NAV | Role.POSITIONS


# What sends our orders on: a verb of placing or moving them, present or passive.
_SENDS: Final = Role.PLACE | Role.SWITCH | Role.EXECUTE
# Where they go: a broker, an exchange after a preposition, a name after "via".
_VIA: Final = frozenset(("via", "uber", "par", "through", "mediante"))


def _orders_sent(mood: ClauseMood, lexicon: Lexicon) -> Hit | None:
    """Our orders sent on, stated as a fact: "The orders go to the broker at 15:55", "Les
    ordres sont transmis au courtier", "Die Orders gehen um 15:55 an den Broker", "Orders
    are routed via Goldman at the open". The subject is orders (ours or no one's: an
    article, us, a participle before them), the verb sends them in the present, and a
    broker, an exchange or a name after "via" receives them. Others' orders ("client
    orders", "les ordres des clients"), an agent named ("… by the broker's algorithm"),
    the past, a negation, a question or a condition describe."""
    tokens, clause = mood.tokens, mood.clause
    if mood.asked or mood.weighed or mood.conditional or mood.reported or mood.recommend < 0:
        return None
    orders = next(
        (
            j
            for j in range(clause.first, clause.last)
            if tokens[j].has(Role.ORDER_OBJ) and not tokens[j].has(Role.DET | Role.REFERENCE)
        ),
        None,
    )
    if orders is None or not _own_orders(tokens, clause, orders):
        return None
    verb = next(
        (
            j
            for j in range(orders + 1, clause.last)
            if tokens[j].has(_SENDS)
            or (tokens[j].has(Role.DESCRIBE) and not tokens[j].has(Role.AUX))
        ),
        None,
    )
    if verb is None or not tokens[verb].has(_SENDS):
        return None
    if any(tokens[k].forms & Form.PAST_TIME for k in range(clause.first, clause.last)):
        return None
    for k in range(orders + 1, verb):
        if not tokens[k].has(Role.AUX | Role.PREFIX | Role.DET | Role.ORDER_OBJ):
            return None  # "orders of clients go …", "Orders from retail are routed …"
    if tokens[verb].forms & Form.PAST and not (
        tokens[verb].forms & Form.BASE or tokens[verb - 1].has(Role.AUX)
    ):
        return None
    if negated(tokens, clause, verb) or not _received(tokens, clause, verb):
        return None
    if any(tokens[k].text in lexicon.agents for k in range(verb + 1, clause.last)):
        return None
    return Hit("execution", tokens[orders].start, tokens[clause.last - 1].end)


def _own_orders(tokens: Sequence[Token], clause: Clause, orders: int) -> bool:
    """Nothing but articles, us, staged or prepared orders before the orders: not "client
    orders"; nobody else in the clause but a receiving exchange."""
    for k in range(clause.first, orders):
        token = tokens[k]
        if token.has(Role.DET | Role.SELF | Role.PREFIX) or token.forms & _DATE_WORDS:
            continue
        if token.kind == "word" and not token.roles and token.text.endswith("ed"):
            continue  # "the staged orders"
        return False
    return not any(
        tokens[k].has(Role.ACTOR) and not tokens[k].has(Role.SELF | Role.INSTITUTION)
        for k in range(clause.first, clause.last)
    )


def _received(tokens: Sequence[Token], clause: Clause, verb: int) -> bool:
    """A broker, or after a preposition an exchange or a name, after the verb in its
    sentence (a time of day, "um 15:55", may end the clause before it)."""
    for k in range(verb + 1, min(len(tokens), verb + _WINDOW)):
        token = tokens[k]
        if token.kind == "mark" and token.text in _SENTENCE_OPENERS and token.text != ":":
            return False
        if token.has(Role.BROKER):
            return True
        before = tokens[k - 1]
        if token.has(Role.INSTITUTION) and before.has(Role.PREP):
            return True
        if before.text in _VIA and (token.capital or token.upper) and not token.roles:
            return True
    return False


def _planned_state(moods: Sequence[ClauseMood]) -> list[Hit]:
    """A state of our book, a limit or a level, dated by a time still ahead: a plan of ours
    stated as a fact.

    "The book will be 60 % equities and 40 % bonds from Monday", "From next week the fund
    runs 3.5 times levered", "Ab Montag ist das Portfolio in US-Technologiewerten short",
    "Dès lundi, la limite de VaR du desk passe à 20 millions", "Desde el lunes la cartera
    tendrá un 35 % en bonos", "From Monday the pilot runs live with real capital", "Our
    entry in the Brent short comes at 88 on Tuesday". How the book stands today is a view
    ("we are 60 % equities"); dated ahead it is a step someone is to take. Someone else's
    state (an index, an exchange, a regulator, other funds), the past, a condition, a
    question, a report or a negation is no plan of ours.
    """
    tokens = moods[0].tokens
    first, last = moods[0].clause.first, moods[-1].clause.last
    span = range(first, last)
    if not any(tokens[j].forms & (_AHEAD | Form.NOW | Form.MONTH) for j in span):
        return []
    # A clause that is nothing but a start dates the sentence: "From Monday, …", "Dès lundi, …".
    lead = any(_dated(tokens, m.clause, days=False) and _date_only(tokens, m.clause) for m in moods)
    if any(_not_our_plan(tokens, j) for j in span):
        return []
    # A share needs a book (not "our base case has inflation at 3 %"); a side, us or it;
    # real money, a predicate that runs or switches it (the gate's "planned" family).
    book = any(tokens[j].has(_BOOKS | Role.WEIGHT) for j in span)
    ours = book or any(tokens[j].has(Role.SELF) for j in span)
    running = any(tokens[j].has(RUNNING) for j in span)
    for mood in moods:
        if (
            mood.asked
            or mood.weighed
            or mood.conditional
            or mood.reported
            or mood.counterfactual >= 0
            or mood.recommend < 0
        ):
            continue
        clause = mood.clause
        # The time must date this clause's state, not an event beside it ("with CPI due on
        # Thursday, the book is 55 % equities"); a bare day dates a level, a limit or real
        # money ("passage du mode papier au réel lundi").
        # "Now" dates a state of a book named as ours as just decided: "the book is now
        # 60 % equities" (not a weight in an index: "MSFT's weight now reaches 7 %").
        now = _now_ours(tokens, clause) and not any(tokens[j].forms & Form.INDEX for j in span)
        dated = lead or now or _dated(tokens, clause, days=False)
        loosely = dated or _dated(tokens, clause, days=True)
        if not loosely:
            continue
        for j in range(clause.first, clause.last):
            found = _planned_parameter(tokens, clause, j, (book, ours, running))
            if found is None or negated(tokens, clause, j):
                continue
            category, loose = found
            if dated or loose:
                return [Hit(category, tokens[first].start, tokens[last - 1].end)]
    return []


_AHEAD: Final = Form.FUTURE_TIME | Form.FUTURE_DAY


def _now_ours(tokens: Sequence[Token], clause: Clause) -> bool:
    """The clause says "now" of us or of a book: "we are now short", "das Buch ist jetzt"."""
    span = range(clause.first, clause.last)
    return any(tokens[k].forms & Form.NOW for k in span) and any(
        tokens[k].has(Role.SELF | _BOOKS) for k in span
    )


_DATE_WORDS: Final = Form.FUTURE_TIME | Form.FUTURE_DAY | Form.FUTURE_START | Form.MONTH
_START_REACH: Final = 3  # a start and its articles before a day: "desde el lunes"


def _dated(tokens: Sequence[Token], clause: Clause, *, days: bool) -> bool:
    """The clause holds a time ahead: a forward time ("tomorrow", "going forward"), a day
    after a start ("from Monday", "ab Montag", "dès lundi", "desde el lunes"), or, with
    ``days``, any day ahead."""
    for j in range(clause.first, clause.last):
        forms = tokens[j].forms
        if (
            forms & Form.FUTURE_TIME
            or (forms & Form.FUTURE_DAY and (days or _started(tokens, clause, j)))
            or (forms & Form.MONTH and _started(tokens, clause, j))
        ):
            return True
    return False


def _started(tokens: Sequence[Token], clause: Clause, j: int) -> bool:
    """A start stands before the day at ``j``, past its articles."""
    k = j - 1
    while k >= clause.first and j - k <= _START_REACH:
        if tokens[k].forms & Form.FUTURE_START:
            return True
        if not tokens[k].has(Role.DET):
            return False
        k -= 1
    return False


def _date_only(tokens: Sequence[Token], clause: Clause) -> bool:
    """The clause is nothing but a date: "From Monday", "À partir de lundi"."""
    return all(
        tokens[j].forms & _DATE_WORDS
        or tokens[j].has(Role.DET | Role.PREP)
        or tokens[j].kind == "mark"
        for j in range(clause.first, clause.last)
    )


def _not_our_plan(tokens: Sequence[Token], j: int) -> bool:
    """A word that makes a dated state no plan of ours: someone else (not a name of a
    book, "the fund", nor of money, "real money", nor an issuer named with its paper,
    "the Treasury long", "bonos del Tesoro"), or the past."""
    token = tokens[j]
    if (
        token.has(_NOT_PLANNED_BY_US)
        and not token.has(_BOOKS | Role.LIVE | Role.PAPER)
        and not _issuer_of_paper(tokens, j)
    ):
        return True
    if token.forms & Form.PAST_TIME:
        return True
    if token.has(Role.AUX | Role.MODAL) and token.forms & Form.PAST:
        # Past or unreal, never a plan: "wurde" (was) folds as "würde" (would) does.
        return True
    return bool(
        token.has(Role.AUX | Role.DESCRIBE | Role.VERB | Role.MODAL)
        and token.forms & Form.PAST
        and not token.forms & (Form.BASE | Form.NOUN | Form.PARTICIPLE)
    )


def _issuer_of_paper(tokens: Sequence[Token], j: int) -> bool:
    """The institution at ``j`` names the paper it issues: an instrument or a side right
    after it ("the Treasury long", "Treasury bonds"), or an instrument and a preposition
    right before it ("bonos del Tesoro", "obligations du Trésor")."""
    if not tokens[j].has(Role.INSTITUTION):
        return False
    after = tokens[j + 1] if j + 1 < len(tokens) else None
    if after is not None and after.has(Role.INSTRUMENT | Role.SIDE_ADJ):
        return True
    return j >= 2 and tokens[j - 1].has(Role.PREP) and tokens[j - 2].has(Role.INSTRUMENT)


def _planned_parameter(
    tokens: Sequence[Token], clause: Clause, j: int, held: tuple[bool, bool, bool]
) -> tuple[Category, bool] | None:
    """What the word at ``j`` sets in a dated state, if it sets anything: a share or the
    leverage of our book, its side, real money, a limit's figure or a level's (the last
    three dated by a bare day too: the second of the pair). ``held``: whether the sentence
    names a book, us or it, and what runs it (:data:`RUNNING`)."""
    book, ours, running = held
    token = tokens[j]
    end = clause.last
    if token.kind == "number":
        if token.percent and book and not _probability(tokens, j, end):
            return "rebalance", False
        if token.times and book:
            return "risk_limit", False
        return None
    if token.has(Role.NON_ACTION) or token.glued:
        return None
    if token.has(Role.SIDE_ADJ) and ours:
        return "order", False
    if token.has(Role.LIVE) and token.text != "live" and running:
        return "live_toggle", True
    # A limit's or a level's figure may follow a verb of the future: "se fera mardi à 88".
    figure = any(tokens[k].kind == "number" for k in range(j + 1, end))
    if token.has(Role.LIMIT_OBJ) and figure:
        return "risk_limit", True
    if token.has(Role.LEVEL) and figure:
        return "order", True
    return None


def _may_name(token: Token) -> bool:
    """Whether :func:`_unsized_instruction` may find a trade at this word at all."""
    return (
        not token.has(Role.NON_ACTION)
        and not token.glued
        and bool(token.has(Role.SIDE | Role.SIDE_ADJ) or token.forms & Form.HOLDING)
    )


def _asked_of_us(
    mood: ClauseMood, i: int, lexicon: Lexicon, found: tuple[Category, int, bool]
) -> bool:
    """Whether what the action at ``i`` directs (``found``) is asked of us, or is an order
    written out whole, which blocks in any mood but a description of others or the past."""
    category, _, needs_parameter = found
    if category == "risk_limit" and _limit_advised(mood, i):
        return True
    if category == "risk_limit" and _object_of_others(mood, i, lexicon):
        return False
    if category == "risk_limit" and our_limit_moved(mood, i, lexicon):
        return True  # "the fund's VaR limit is raised to 20 million": no rule stated
    if category == "risk_limit" and _stated_limit(mood, i):
        return False
    tokens, clause = mood.tokens, mood.clause
    if category == "execution" and _obligation(tokens, clause, i, lexicon):
        # "Die Orders sind zur Eröffnung an die Börse zu senden": the passive of obligation
        # asks it of whoever holds the orders, as it does a trade.
        return not (mood.weighed or mood.conditional or mood.reported or negated(tokens, clause, i))
    return is_instruction(mood, i, lexicon) or (
        not needs_parameter
        and _fully_specified(mood.tokens, mood.clause, i, category)
        and (not described(mood, i, lexicon) or _glued_order(mood.tokens, mood.clause, i))
    )


# What a glued-on order's predicate may be: a copula or a verb that describes markets.
_GLUE_PREDICATE: Final = Role.AUX | Role.DESCRIBE
# What, between that predicate and the side, would make the side its subject's action: a
# verb or modal that governs it, a negation, a joining word, someone named, a figure.
_GLUE_BREAK: Final = (
    Role.VERB
    | Role.MODAL
    | Role.COORDINATOR
    | Role.SUBORDINATOR
    | Role.ACTOR
    | Role.INFINITIVE
    | Role.RECOMMEND
)


# English "do" governs a base form across an adverb: "dealers did indeed buy 200 TLT".
_DO_SUPPORT: Final = frozenset(("do", "does", "did"))


def _glued_order(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A whole order glued onto the field's own sentence without a stop: "the market
    remains range-bound buy 200 TLT at 90", "der Markt bleibt seitwärts gerichtet kaufe
    200 TLT zu 90", "le marché reste sans direction achetez 200 TLT à 90", "el mercado
    sigue lateral compren 200 TLT a 90".

    The side is a base form (an imperative) after a finite predicate and its complement:
    that predicate already has the subject, so the side opens a sentence of its own with
    none. An infinitive ("remain keen to buy", "prêts à acheter", "bereit zu kaufen"), a
    verb or modal that governs the side, a joining word between, a negation right before
    it, or someone named after the predicate, leave the side to its subject.
    """
    token = tokens[i]
    if token.glued or not token.has(Role.SIDE | Role.SIDE_ADJ) or not token.forms & Form.BASE:
        return False
    if i + 1 < len(tokens) and tokens[i + 1].glued:
        return False  # "buy-side", "sell-off"
    before = tokens[i - 1] if i > clause.first else None
    if before is None or before.kind != "word":
        return False
    if before.has(Role.PREP | Role.NEG | Role.AUX | _GLUE_BREAK):
        return False
    if before.text in INFINITIVE_MARKS:
        return False
    j = i - 2
    while j > clause.first:
        word = tokens[j]
        if word.kind != "word" or word.has(_GLUE_BREAK):
            return False
        if word.has(_GLUE_PREDICATE) and not word.forms & (Form.GERUND | Form.PARTICIPLE):
            return word.text not in _DO_SUPPORT and _order_after(tokens, clause, i)
        j -= 1
    return False


def _order_after(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A size and a tradable target after the side at ``i``, in its clause."""
    last = clause.last
    sized = any(_size(tokens, j, last, weak=False) for j in range(i + 1, last))
    return sized and any(_tradable(tokens[j]) for j in range(i + 1, last))


def _limit_advised(mood: ClauseMood, i: int) -> bool:
    """A limit change that a modal advises to a body named by common nouns only: "the risk
    committee should loosen the sector exposure limit to 30 %", "le comité des risques
    devrait assouplir la limite …", "el comité de riesgos debería relajar el límite …".

    Who sets our limits is ours: a subject the vocabulary does not know, written without a
    capital (a name: "Basel rules should cap …", "CME should raise …") and with no third
    party or institution, is advised as the desk would be. Negated, asked or conditional,
    nothing is advised.
    """
    tokens, clause = mood.tokens, mood.clause
    if not (mood.recommend > 0 and mood.recommend & Role.REC_MODAL and mood.recommend_at < i):
        return False
    if mood.asked or mood.weighed or mood.conditional or mood.reported:
        return False
    if negated(tokens, clause, i) or any(
        tokens[j].has(Role.NEG | Role.AVOID) for j in range(mood.recommend_at, i)
    ):
        return False  # "the committee should not loosen the limit"
    subject = range(clause.first, mood.recommend_at)
    if not subject or any(tokens[j].has(Role.ACTOR) for j in subject):
        return False
    return all(
        tokens[j].kind == "word"
        and not tokens[j].upper
        and (tokens[j].roles or not tokens[j].capital)
        for j in subject
    )


def _unsized_instruction(
    mood: ClauseMood, i: int, lexicon: Lexicon, previous: ClauseMood | None
) -> int | None:
    """The named target of a trade asked of us at ``i``, sized or not ("Buy TLT.", "we
    should be adding TYH6", "Siemens jetzt zu verkaufen", "TLT is to be bought").

    The action is a side, a side adjective acting as a verb, or a verb of a holding
    (:data:`Form.HOLDING`); its object a target named concretely (:func:`_named_object`),
    never a pronoun or a common noun ("buy the rumour, sell the news" names none). A form
    in the past or a participle instructs only as a recommended passive ("is to be bought",
    "should be cut"); a nominal action only under a recommendation ("a purchase of X is
    advisable"). Whether it is asked of us is :func:`is_instruction`'s reading, negation
    and third parties included.
    """
    tokens, clause = mood.tokens, mood.clause
    token = tokens[i]
    if token.has(Role.NON_ACTION) or token.glued:
        return None
    # A side as a noun, proposed: "a modest long in X looks about right to us".
    side_noun = token.has(Role.SIDE_ADJ) and mood.recommend > 0 and _side_noun(tokens, clause, i)
    if not (
        token.has(Role.SIDE)
        or token.forms & Form.HOLDING
        or (token.has(Role.SIDE_ADJ) and _side_adjective_acts(tokens, clause, i))
        or side_noun
    ):
        return None
    forms = token.forms
    if _obligation(tokens, clause, i, lexicon):
        # "Positionen in Siemens sind … zu reduzieren", "TotalEnergies est à vendre": the
        # passive of obligation asks it of whoever holds the target.
        if mood.weighed or mood.conditional or mood.reported or negated(tokens, clause, i):
            return None
        return _named_object(tokens, clause, i, True)
    passive = False
    if forms & _PARTICIPLES and not forms & (Form.BASE | Form.GERUND | Form.NOUN):
        passive = _passive(tokens, clause, i, lexicon)
        # Recommended, in the future, or in the present passive (:func:`is_instruction`
        # reads whether that is a step of ours being taken).
        if not (passive and (mood.recommend > 0 or present_passive(tokens, clause, i, lexicon))):
            return None
    if forms & Form.NOUN and not forms & (Form.BASE | Form.GERUND) and mood.recommend <= 0:
        return None
    if mood.weighed or not _acts(mood, i) or _continues_description(mood, previous, lexicon):
        return None
    target = _named_object(tokens, clause, i, passive)
    if target is None and forms & Form.REFLEXIVE:
        # "La posición en Iberdrola se reducirá mañana": the reflexive passive's subject.
        target = _named_object(tokens, clause, i, True)
    if target is None:
        return None
    if i > clause.first and tokens[i - 1].text in ("zum", "zur"):
        # "Rücksetzer zum Kauf von Siemens nutzen": a nominal purpose of the infinitive
        # that closes a clause with no subject asks it as that infinitive does.
        # "Wir nutzen Rücksetzer zum Kauf von Siemens": the verb before it, if asked of us.
        verb = last_position(clause.having(tokens, Role.VERB), i)
        asked = (verb is not None and is_instruction(mood, verb, lexicon)) or (
            _infinitive_closes(tokens, clause, i)
            and not (mood.conditional or mood.asked or mood.reported or negated(tokens, clause, i))
        )
        if asked:
            return target
    # An infinitive of purpose is asked as the imperative it serves: "Use dips to add X".
    purpose = tokens[i - 1].text in _PURPOSE_MARKS and (
        _imperative_before(tokens, clause, i) or _infinitive_opens(tokens, clause, i)
    )
    if not is_instruction(mood, clause.first if purpose else i, lexicon, named=True):
        return None
    return target


_OBLIGATION_REACH: Final = 8
# What introduces an infinitive of purpose: "Use dips to add X", "Aprovechar las caídas
# para comprar X", "Profitez des replis pour acheter X".
_PURPOSE_MARKS: Final = INFINITIVE_MARKS | {"pour", "para"}
# How a French or Spanish infinitive or imperative the vocabulary does not know ends:
# "aprovechar", "profiter", "profitez", "aprovechen", "aprovechad".
_VERB_ENDINGS: Final = ("ar", "er", "ir", "re", "ez", "en", "ad")


def _infinitive_closes(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A German clause after ``i`` ends with an infinitive the vocabulary does not know
    ("… nutzen", "… verwenden") and names no one and no finite verb: an instruction in
    the infinitive house style."""
    last = clause.last_before_marks(tokens, i)
    verb = tokens[last]
    if last <= i or verb.kind != "word" or verb.capital or verb.upper:
        return False
    if verb.roles and not (verb.has(Role.VERB) and verb.forms & Form.BASE):
        return False
    if not verb.text.endswith("en"):
        return False
    stated = Role.ACTOR | Role.AUX | Role.MODAL | Role.DESCRIBE | Role.RECOMMEND
    return not clause.having(tokens, stated)


def _infinitive_opens(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A clause of the infinitive house style (or an imperative) of French and Spanish opens
    with a verb the vocabulary does not know, whose purpose "pour"/"para" states at ``i``:
    "Aprovechar las caídas para comprar Iberdrola", "Profitez des replis pour acheter LVMH"."""
    if tokens[i - 1].text not in ("pour", "para") or clause.first >= i - 1:
        return False
    first = tokens[clause.first]
    return (
        first.kind == "word"
        and not first.roles
        and not first.upper
        and not first.glued
        and len(first.text) > 4
        and first.text.endswith(_VERB_ENDINGS)
    )


def _obligation(tokens: Sequence[Token], clause: Clause, i: int, lexicon: Lexicon) -> bool:
    """The infinitive at ``i`` is a passive of obligation: a form of "be", then at most a
    few phrases, then the marker ("sind vor der EZB-Sitzung zu reduzieren", "est à
    vendre"). A plain adjective between makes it a description ("ist schwer zu
    verkaufen", "est difficile à vendre")."""
    if not lexicon.obligation or i - 1 <= clause.first:
        return False
    if not tokens[i].forms & Form.BASE or tokens[i - 1].text not in lexicon.obligation_markers:
        return False
    for j in range(i - 2, max(clause.first, i - 2 - _OBLIGATION_REACH) - 1, -1):
        word = tokens[j]
        if word.text in lexicon.obligation:
            return True
        if word.has(Role.VERB) or (
            word.kind == "word" and not word.roles and not (word.capital or word.upper)
        ):
            return False
    return False


def _continues_description(mood: ClauseMood, previous: ClauseMood | None, lexicon: Lexicon) -> bool:
    """A coordinated clause without a subject of its own continues the predicate before
    it: "lifers are expected to sell foreign bonds and buy JGBs" describes both trades,
    as "sell foreign bonds and buy JGBs" asks both."""
    clause = mood.clause
    if previous is None or not clause.opener & Role.COORDINATOR or mood.subject:
        return False
    if mood.recommend > 0 and mood.recommend_at >= clause.first:
        return False  # a recommendation of its own: "… and we recommend buying X"
    tokens = previous.tokens
    actions = previous.clause.having(tokens, Role.SIDE | Role.TRADE | Role.CLOSE)
    if not actions:
        return False
    return not is_instruction(previous, actions[-1], lexicon)


def _acts(mood: ClauseMood, i: int) -> bool:
    """Whether the word at ``i`` is an action at all, before asking who is to take it.

    Not a state ("we are overweight X", "we are long X": a stance, which only a
    recommendation makes advice: "we should be long X"), not a bare infinitive no
    recommendation governs ("demand to buy X", "whether to buy X"), and not what market
    participants are said to prefer or plan ("some investors prefer to sell X"), which
    only a modal or a recommending predicate addresses ("investors should sell X").
    """
    tokens, clause = mood.tokens, mood.clause
    token = tokens[i]
    governed = (
        mood.urge
        or (mood.recommend > 0 and (mood.recommend_at < i or bool(mood.recommend & Role.REC_ADJ)))
        or _imperative_before(tokens, clause, i)
    )
    before = i - 1
    while before >= clause.first and _adverb_like(tokens[before].text):
        before -= 1
    previous = tokens[before] if before >= clause.first else None
    if previous is not None and not governed:
        if previous.has(Role.AUX) and token.has(Role.SIDE_ADJ | Role.POSITIONS | Role.WEIGHT):
            return False
        marker = previous.text.rsplit(" ", 1)[-1] in INFINITIVE_MARKS
        if marker and not previous.has(_RECOMMENDING):
            return False  # "demand to buy X", "the urge to buy X"
    if mood.recommend > 0 and not mood.urge and not mood.recommend & _ADVISING:
        # The preference of market participants named before it, not advice to them
        # ("we recommend investors buy X" advises them).
        actors = clause.having(tokens, Role.GENERIC)
        if actors and actors[0] < mood.recommend_at:
            return False
    return True


def _imperative_before(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """The clause opens with a verb in its base form before ``i``, whose purpose the
    infinitive at ``i`` states: "Use dips to add TLT", "Wait for the print to sell X"."""
    first = tokens[clause.first]
    return (
        clause.first < i - 1
        and first.has(Role.VERB)
        and bool(first.forms & Form.BASE)
        and not first.forms & Form.NOUN
        and not first.has(Role.NON_ACTION)
    )


# Words that govern the infinitive they end with: "want to", "ought to", "time to".
_RECOMMENDING: Final = Role.RECOMMEND | Role.MODAL | Role.REC_ADJ | Role.URGE
# Recommendations that advise whoever they name: "investors should", "it is advisable".
_ADVISING: Final = Role.REC_MODAL | Role.REC_ADJ


# Words an object may stand behind: "some", "the", "our", "a long … position", "2y".
_BEFORE_OBJECT: Final = Role.DET | Role.PREFIX | Role.SIDE_ADJ | Role.SELF | Role.ADDRESSEE
_OBJECT_REACH: Final = 6
_LOOK_BACK: Final = 3  # names tried before a weak German verb, nearest first


def _named_object(tokens: Sequence[Token], clause: Clause, i: int, passive: bool) -> int | None:
    """Where the action at ``i`` names its target (:func:`_named_target`), if it does.

    After the verb, past articles, adverbs, a side ("a long Brent position") and a
    position with its preposition ("exposure to TYH6", "la exposición a Iberdrola"). A
    verb that closes a verb-final clause ("Siemens jetzt zu verkaufen") or a passive
    ("TLT is to be bought") has its object before it, anywhere in the clause.
    """
    token = tokens[i]
    # German capitalises every noun: there a name is a target only of a side ("Siemens
    # verkaufen"), never of a weaker verb ("Risiken reduzieren").
    names = not token.negation_after or token.has(Role.SIDE | Role.SIDE_ADJ)
    final = token.negation_after and _verb_final(tokens, clause, i)
    if final or passive:
        # From the clause's lists (a clause may be long and hold many such verbs).
        named = clause.positions("named target", lambda j: _named_target(tokens, j))
        found = last_position(named, i)
        # The subject of a passive may open its sentence: "Nvidia is to be bought"; a
        # German name counts after a position of ours ("Positionen in Siemens").
        capitalised = clause.positions("named name", lambda j: _name(tokens, j, opening=True))
        name = last_position(capitalised, i)
        steps = 0
        while name is not None and not (names or _held(tokens, name, clause)):
            steps += 1
            name = last_position(capitalised, name) if steps < _LOOK_BACK else None
        found = name if found is None or (name is not None and name > found) else found
        if found is not None or passive:
            return found
    j = i + 1
    stop = min(clause.last, i + 1 + _OBJECT_REACH)
    modifiers = 0
    while j < stop:
        word = tokens[j]
        if (_named_target(tokens, j) or (names and _name(tokens, j))) and not (
            token.agreement and _modifier(tokens, j, stop)
        ):
            return j
        # Adjectives the vocabulary does not know, before the target they qualify: "lighten
        # up on European luxury names", "pick up some emerging-market dollar bonds".
        modifier = modifiers < _MODIFIERS and _unknown_modifier(word)
        modifiers += modifier
        behind = (
            modifier
            or word.has(_BEFORE_OBJECT)
            or _polite(tokens, j)
            or word.kind == "number"
            or _tenor(tokens, j)
            or _before_instrument(tokens, j, stop)
            or word.has(Role.URGE)
            or (word.kind == "word" and _adverb_like(word.text))
            or (word.has(Role.POSITIONS | Role.WEIGHT) and not word.has(Role.VERB))
            or (word.has(Role.PREP) and _takes_preposition(tokens, i, j))
        )
        if not behind:
            # Not a compound the verb opens: "Buy-rated stocks" are stocks rated buy.
            phrase = token.agreement and not word.glued
            return _head_after_modifiers(tokens, j, stop) if phrase else None
        j += 1
    return None


def _verb_final(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """The verb at ``i`` closes its clause, or the verb cluster that closes it: only
    modals and auxiliaries follow it ("SAP verkaufen müssen", "SAP kaufen werden",
    "verkauft werden sollen"). A verb-final verb has its object before it."""
    return all(tokens[j].has(Role.MODAL | Role.AUX) for j in range(i + 1, clause.last))


_MODIFIERS: Final = 2  # unknown adjectives an object may stand behind


def _unknown_modifier(word: Token) -> bool:
    """A word the vocabulary does not know, in lower case or a capitalised adjective of
    place ("European", "Chinese"): no ticker, no number."""
    return word.kind == "word" and not word.roles and not word.upper and not word.glued


def _before_instrument(tokens: Sequence[Token], j: int, stop: int) -> bool:
    """A word that qualifies the instrument right after it: "VIX calls", "Japan-Aktien",
    "EUR puts" (a name, a country or a code, no verb and no refusal)."""
    word = tokens[j]
    return (
        j + 1 < stop
        and word.kind == "word"
        and not word.glued  # "Buy-rated stocks": a compound with the verb before it
        and tokens[j + 1].has(Role.INSTRUMENT)
        and not word.has(
            Role.VERB | Role.NEG | Role.AVOID | Role.PREP | Role.COORDINATOR | Role.DET
        )
    )


_MODIFIERS_REACH: Final = 3  # words of an English noun phrase before its head


def _head_after_modifiers(tokens: Sequence[Token], j: int, stop: int) -> int | None:
    """The head of an English noun phrase that opens at ``j``, when it is an instrument:
    adjectives and nouns qualify the noun after them, so "growth stocks", "Brazilian local
    bonds" and "high-yield credit" name an asset class by their last word, while "dollar
    revenues" (an instrument before a plain noun) names the revenues."""
    for k in range(j, min(stop, j + _MODIFIERS_REACH)):
        word = tokens[k]
        if _named_target(tokens, k) and not _modifier(tokens, k, stop):
            return k
        if word.kind != "word" or (word.roles and not word.has(Role.INSTRUMENT)):
            return None
    return None


def _tenor(tokens: Sequence[Token], j: int) -> bool:
    """A tenor glued to its number before the target: "30-year Treasuries", "2-year notes"."""
    return tokens[j].glued and tokens[j - 1].kind == "number" and tokens[j].kind == "word"


def _takes_preposition(tokens: Sequence[Token], i: int, j: int) -> bool:
    """The preposition at ``j`` leads to the object of the action at ``i``: after a
    position or a side ("exposure to X", "long on X", "la exposición a X"), after a
    nominal action ("den Kauf von X", "l'achat de X") or after the addressee of an
    imperative ("Steigen Sie bei X ein"). Never right after a verb: "sell in May"."""
    previous = tokens[j - 1]
    if previous.has(Role.POSITIONS | Role.WEIGHT | Role.SIDE_ADJ):
        return True
    if j == i + 1:
        # A nominal action, or a side phrase ending in its side or position: "go long on
        # X", "prendre une position longue sur X", "ponerse corto en X"; or the French
        # partitive after a side: "acheter de l'or", "vendre du cuivre".
        return (
            bool(tokens[i].forms & Form.NOUN)
            or tokens[i].text.endswith(_SIDE_ENDINGS)
            or (tokens[i].has(Role.SIDE) and tokens[j].text in _PARTITIVES)
        )
    return j == i + 2 and _polite(tokens, j - 1)


# The French partitive: "acheter de l'or", "vendre du cuivre".
_PARTITIVES: Final = frozenset(("de", "du", "d'"))
# The last words of side phrases that take their target with a preposition.
_SIDE_ENDINGS: Final = (
    " long", " short", " longue", " courte", " largo", " corto", " largos", " cortos",
    " position", " posición", " posiciones", " l'achat", " la vente",
)  # fmt: skip


def _polite(tokens: Sequence[Token], j: int) -> bool:
    """The German form of address inside a sentence: "Kaufen Sie X", "Stocken Sie X auf"."""
    word = tokens[j]
    return word.text == "sie" and word.capital and j > 0 and tokens[j - 1].has(Role.VERB)


def _held(tokens: Sequence[Token], j: int, clause: Clause) -> bool:
    """The name at ``j`` follows a position and its preposition: "Positionen in Siemens"."""
    return (
        j - 2 >= clause.first
        and tokens[j - 1].has(Role.PREP)
        and tokens[j - 2].has(Role.POSITIONS | Role.WEIGHT)
    )


def _modifier(tokens: Sequence[Token], j: int, stop: int) -> bool:
    """In English, a name before a plain noun modifies it: "hedge dollar revenues",
    "cut Nvidia margins" act on the revenues and the margins. (French and Spanish put
    their adjectives after the noun: "bono español", "actions européennes".)"""
    if j + 1 >= stop:
        return False
    nxt = tokens[j + 1]
    return (
        nxt.kind == "word"
        and nxt.roles == 0
        and not (nxt.capital or nxt.upper or nxt.glued)
        and not _adverb_like(nxt.text)
    )


def _adverb_like(word: str) -> bool:
    return len(word) > 4 and word.endswith("ly")


def _named_target(tokens: Sequence[Token], j: int) -> bool:
    """A target named concretely: an instrument or asset class ("2y Treasuries", "Brent",
    "l'or") or a ticker in capitals ("TLT", "EUR/CHF")."""
    token = tokens[j]
    if token.kind != "word" or token.has(Role.NON_ACTION | Role.REFERENCE):
        return False
    if token.has(Role.INSTRUMENT) and not token.has(Role.VERB):
        return True
    if token.upper and token.has(Role.CURRENCY) and not token.has(Role.VERB | Role.ACTOR):
        # A currency's code as what is traded ("Short EUR", "sell JPY here"), not the
        # currency of an amount after it ("EUR 5m").
        return j + 1 >= len(tokens) or tokens[j + 1].kind != "number"
    return token.upper and _is_target(token)


def _name(tokens: Sequence[Token], j: int, *, opening: bool = False) -> bool:
    """A name the vocabulary does not know, capitalised inside its sentence ("Nvidia",
    "Iberdrola"), or opening it (``opening``); not a possessive ("Nvidia's margins")."""
    token = tokens[j]
    if token.kind != "word" or not token.capital or token.upper or token.roles or token.glued:
        return False
    if token.text.endswith(("'s", "'")):
        return False
    return opening or (j > 0 and tokens[j - 1].text not in _SENTENCE_OPENERS)


_SENTENCE_OPENERS: Final = frozenset(".!?;:\n")


def _object_of_others(mood: ClauseMood, i: int, lexicon: Lexicon) -> bool:
    """A limit at ``i`` that a change verb before it sets for someone else, or refuses:
    "the fund's rules cap risk per trade at 1 %", "we never raise the VaR limit"."""
    tokens = mood.tokens
    if not tokens[i].has(Role.LIMIT_OBJ) or tokens[i].has(Role.VERB):
        return False
    # The last change verb before the limit, by bisection: a clause of many limits stays linear.
    verb = last_position(mood.clause.having(tokens, Role.CHANGE), i)
    return verb is not None and not is_instruction(mood, verb, lexicon)


def _match(
    tokens: Sequence[Token], clause: Clause, i: int, active: frozenset[str], lexicon: Lexicon
) -> tuple[Category, int, bool] | None:
    """What the action word at ``i`` would direct: (category, end token, needs a parameter)."""
    token = tokens[i]
    end = min(clause.last, i + 1 + _WINDOW)
    if token.has(Role.SIDE) and token.forms & Form.NOUN:
        # A nominal side labels its order: "Orden de venta: 40 contratos ESZ5 @ 5.100".
        end = max(end, _label_end(tokens, clause, i + 1 + _WINDOW))
    # Where the object of a verb may stand: after it, or anywhere before it when the verb
    # closes its clause in a verb-final language ("Den Auftrag an den Broker senden").
    objects = clause.first if token.negation_after and _verb_final(tokens, clause, i) else i + 1
    # A side still missing its parameter waits only if no other reading completes the
    # word: "pare the QQQ position" is a close of positions as well as a side on QQQ.
    waiting = None
    if "side" in active and token.has(Role.SIDE) and not token.has(Role.NON_ACTION):
        # Verb-final languages put the size before the verb: "300 Aktien … zu kaufen".
        if token.negation_after:
            # From the clause's first token on: "bei 17.800 … einzusteigen".
            waiting = _side(tokens, clause.first - 1, end, clause)
        else:
            waiting = _side(tokens, i, end)
    if (
        waiting is None
        and "side" in active
        and token.has(Role.SIDE_ADJ)
        and _side_adjective_acts(tokens, clause, i)
    ):
        waiting = _side(tokens, i, end)
    if (waiting is None or waiting[2]) and "side" in active and _labels_what(tokens, clause, i):
        # "Ce qu'il faut acheter cette semaine : 300 actions Safran à 210 euros": the side
        # ends a label, what it trades is the label's value.
        stop = _label_end(tokens, clause, clause.last + 1 + _WINDOW)
        labelled = _side(tokens, clause.last, stop)
        if labelled is not None and not labelled[2]:
            return labelled
    if waiting is not None and not waiting[2]:
        return waiting
    opens = token.has(Role.TRADE) and token.forms & (Form.BASE | Form.PARTICIPLE)
    if (waiting is None or waiting[2]) and "side" in active and opens:
        # A position opened with its side after the target: "Enter gold long at 2,410",
        # "Open EURUSD short at 1.09", "get into the Euro Stoxx 50 long at 4,850"; or named
        # as the position itself: "Enter a long in the Russell at 2,150", "Initiate the
        # short in the Russell 2000 on a retest of 2,150". The side and its price make the
        # order, the price read from the side on.
        reach = min(clause.last, i + 1 + _SIDE_AFTER)
        side = _find(tokens, i + 1, reach, lambda j: _position_side(tokens, j, lexicon))
        if side is not None and (
            _position_named(tokens, i, side)
            or _target(tokens, i + 1, side)
            or any(_name(tokens, j) for j in range(i + 1, side))
        ):
            found = _side(tokens, side, min(clause.last, side + 1 + _WINDOW))
            if found is not None and not found[2]:
                return found
    if "level" in active and token.has(Role.LEVEL):
        number = _level_number(tokens, i, _label_end(tokens, clause, i + _LEVEL_REACH))
        if number is not None:
            return "order", number + 1, False
    if "risk" in active and token.has(Role.CHANGE) and not _stated_state(tokens, clause, i):
        # The first limit word of the clause other than this one, if it stands before ``end``.
        obj = next((j for j in clause.having(tokens, Role.LIMIT_OBJ)[:2] if j != i), None)
        if obj is not None and obj < end:
            return "risk_limit", max(obj, i) + 1, False
        # "Cap net equity exposure at 12 %": exposure or leverage with its figure.
        exposure = _find(
            tokens, objects, end, lambda j: tokens[j].has(Role.POSITIONS | Role.LEVERAGE)
        )
        if exposure is not None:
            figure = _find(
                tokens,
                exposure + 1,
                end,
                lambda j: tokens[j].kind == "number" and (tokens[j].percent or tokens[j].times),
            )
            if figure is not None:
                return "risk_limit", figure + 1, False
    # A closing verb on a sized target is an order like a trade verb: "liquidate 500
    # shares TTE at 57.52", "flatten the 25 NQH7 contracts at 21,000".
    if "trade" in active and token.has(Role.TRADE | Role.CLOSE):
        # A closing verb's share is of a book, not an order ("hedge 60 % of revenues").
        counted = not token.has(Role.TRADE)
        size = _find(
            tokens,
            objects,
            end,
            lambda j: _size(tokens, j, end, weak=True) and not (counted and tokens[j].percent),
        )
        if size is not None and _target(tokens, objects, end, weights=False):
            return "order", max(size, i) + 1, False
        # A whole order needs no strong verb: "take 40 NGF7 at 0.6650", "lift 12k GCJ7 @ 78".
        size = _find(tokens, i + 1, end, lambda j: _size(tokens, j, end, weak=False))
        if size is not None and token.forms & Form.NOUN and _target(tokens, i + 1, size + 2):
            # A nominal order names its size and target: "an order for 40 NGF7".
            return "order", size + 1, False
        if size is None:
            size = _find(tokens, i + 1, end, lambda j: _bare_size(tokens, j))
        if size is not None:
            price = _find(tokens, size + 1, end, lambda j: _price(tokens, j, end))
            if price is not None and _target(tokens, i + 1, end):
                return "order", price + 1, False
    if "trade" in active and (token.has(_QUOTING_VERBS) or token.forms & Form.QUOTE):
        priced = _desk_order(tokens, clause, i, end)
        if priced is not None:
            return "order", priced, False
    if "execution" in active and token.has(Role.EXECUTE) and not token.forms & Form.NOUN:
        return "execution", i + 1, False
    if "execution" in active and token.has(Role.EXECUTE) and token.forms & Form.NOUN:
        # A nominal execution of an order: "Execution of the basket at the close
        # recommended", "Ausführung des Korbs zum Schlusskurs empfohlen".
        obj = _find(tokens, i + 1, min(end, i + 4), lambda j: tokens[j].has(_EXECUTED))
        if obj is not None:
            return "execution", obj + 1, False
    for family, verb, wanted, reach, category in _VERB_OBJECT:
        if family in active and token.has(verb):
            stop = min(end, i + 1 + reach)
            obj = _find(tokens, objects, stop, lambda j, roles=wanted: tokens[j].has(roles))
            if obj is not None and obj > i and not _direct_object(tokens, i, obj):
                obj = None
            if obj is not None:
                return category, max(obj, i) + 1, False
    if "risk" in active and token.has(Role.LIMIT_OBJ):
        reach = _label_end(tokens, clause, i + 6)
        number = _find(tokens, i + 1, reach, lambda j: tokens[j].kind == "number")
        if number is not None:
            return "risk_limit", number + 1, False
    if "live" in active and token.has(Role.SWITCH):
        target = _live_target(tokens, i, end, clause.first)
        if target is not None:
            return "live_toggle", target + 1, False
    if "live" in active and token.has(Role.SWITCH | Role.CHANGE):
        value = _safety_set_off(tokens, clause, i, objects)
        if value is not None:
            return "live_toggle", max(value, i) + 1, False
    if "rebalance" in active and token.has(Role.REBALANCE):
        return "rebalance", i + 1, False
    if "rebalance" in active and token.has(Role.SWITCH):
        # "Go to 60/40", "flip the sleeve to 70/30": a split of the book as the destination,
        # the book it splits between.
        split = _find(tokens, i + 1, min(end, i + 3), lambda j: "/" in tokens[j].text)
        if split is None:
            split = _find(tokens, i + 1, min(end, i + 6), lambda j: _book_split(tokens, i, j))
        if split is not None and tokens[split].percent:
            return "rebalance", split + 1, False
    if "rebalance" in active and token.has(Role.ALLOCATE):
        obj = _find(
            tokens,
            objects,
            end,
            lambda j: (
                j != i
                and (
                    (
                        tokens[j].has(Role.PORTFOLIO | Role.WEIGHT)
                        and not _model_noun(tokens, j, end)
                    )
                    or _percent_share(tokens, j, end)
                    or _weight_points(tokens, j, end, lexicon)
                )
            ),
        )
        if obj is not None:
            return "rebalance", obj + 1, False
    if "rebalance" in active and token.has(Role.WEIGHT):
        # "A 5 % allocation to gold is recommended": the figure may stand before its weight.
        if i > clause.first and tokens[i - 1].kind == "number" and tokens[i - 1].percent:
            return "rebalance", i + 1, False
        reach = _label_end(tokens, clause, i + 7 + _set_off(tokens, i, i + 7))
        number = _find(tokens, i + 1, reach, lambda j: _percent_share(tokens, j, reach))
        if number is not None and not _index_weight(tokens, i, number, clause.last):
            return "rebalance", number + 1, False
    return waiting


def _model_noun(tokens: Sequence[Token], j: int, end: int) -> bool:
    """The noun of a model alone, modifying the word after it: "raise our model estimate",
    not "move into the model now" (a model portfolio named whole is a book wherever)."""
    token = tokens[j]
    if not token.forms & Form.MODEL or " " in token.text or j + 1 >= end:
        return False
    after = tokens[j + 1]
    return after.kind == "word" and not after.roles


_SET_OFF: Final = 3  # a comma, a hedge and a link besides the figure itself


def _set_off(tokens: Sequence[Token], i: int, end: int) -> int:
    """How much further a figure set off by commas after ``i`` reaches ("a weight in
    equities somewhat lower, maybe 50 %, …"): its comma, hedge and link count for nothing."""
    return _SET_OFF if any(t.sets_off for t in tokens[i + 1 : end]) else 0


def _desk_order(tokens: Sequence[Token], clause: Clause, i: int, end: int) -> int | None:
    """A desk's order in chat, its target named or known from the conversation: a verb of
    trading or giving, or a word that quotes (:data:`Form.QUOTE`), opening the clause, a
    bare count, what it counts, a price ("offer 100 at 101.5", "take 40 @ 0.6650", "give
    'em 5 at 102", "mine 300 TY at 110-16", "Nimm mir 50 FDAX bei 19.850", "Je te prends
    200 FCE à 7 450"), or a price and the size it is good for ("bid 50 for 10k"). Only the
    counterparty's pronoun may stand between the word and the count. Returns the end of
    the order."""
    opening = tokens[i]
    if i != clause.first or opening.forms & Form.NOUN:
        return None
    if not opening.forms & (Form.BASE | Form.QUOTE):
        return None
    j = i + 1
    while j < end and (tokens[j].text in _COUNTERPARTY or tokens[j].text == "'"):
        j += 1
    if j + 1 >= end:
        return None
    count = tokens[j]
    if count.kind != "number" or count.percent or count.times:
        return None
    link = j + 1
    while link < end and link - j <= _COUNTED and _counted_word(tokens[link]):
        link += 1
    if link == clause.last and link < len(tokens) and tokens[link].has(Role.LEVEL_LINK):
        end = min(len(tokens), link + 3)  # a link that opens a clause: "… bis 2,62"
    if opening.forms & Form.QUOTE and _unpriced_quote(tokens, clause, j + 1, link):
        return link
    if link >= end:
        return None
    if (tokens[link].has(Role.LEVEL_LINK) or tokens[link].text == "@") and _quoted_price(
        tokens, link, end
    ):
        return min(link + 3, end)
    good_for = tokens[link].text in _GOOD_FOR and link == j + 1 and link + 1 < end
    return link + 2 if good_for and _plain_number(tokens[link + 1]) else None


_COUNTED: Final = 4  # words of what a quote counts: "TY", "futuros Ibex", "Mio. Bunds 2035"


_QUOTE_TAIL: Final = 3  # "of the Ibex", "del Ibex": what a count's target is of


def _unpriced_quote(tokens: Sequence[Token], clause: Clause, first: int, link: int) -> bool:
    """A quote word's count of a tradable target, at the market: nothing but what the
    target is of follows it ("gimme 20 ES", "Gib mir 20 FDAX", "Dame 20 futuros del Ibex").
    A count of something else ("mine 300 tonnes") or a sentence going on is no order."""
    if not any(_quoted_target(tokens[k]) for k in range(first, link)):
        return False
    if clause.last - link > _QUOTE_TAIL:
        return False
    return all(
        tokens[k].has(Role.PREP | Role.DET) or _tradable(tokens[k]) or _name(tokens, k)
        for k in range(link, clause.last)
    )


def _quoted_target(token: Token) -> bool:
    """An instrument, or a code in capitals whatever else its letters spell ("ES" is no
    Spanish "es" after a count): not a unit alone, which counts tonnes as well as lots."""
    if token.has(Role.INSTRUMENT):
        return True
    return token.upper and not token.has(Role.VERB | Role.ACTOR | Role.NEG | Role.NOT_TICKER)


def _counted_word(token: Token) -> bool:
    """A word of what a quoted count counts: a unit, an instrument, a ticker, a name, a
    scale or a year ("300 TY", "50 futuros Ibex", "20 Mio. Bunds 2035")."""
    if token.kind == "number":
        return not token.percent
    if token.kind == "mark":
        return token.text == "."
    named = (token.upper or token.capital) and not token.has(
        Role.VERB | Role.ACTOR | Role.LEVEL_LINK
    )
    return token.has(Role.UNIT | Role.INSTRUMENT | Role.SCALE | Role.CURRENCY) or named


def _quoted_price(tokens: Sequence[Token], link: int, end: int) -> bool:
    """A price after its link, past an article: "at 110-16", "bis 2,62", "hasta el 3,15"."""
    if _price(tokens, link, end):
        return True
    k = link + 1
    return k + 1 < end and tokens[k].has(Role.DET) and _plain_number(tokens[k + 1])


def _plain_number(token: Token) -> bool:
    return token.kind == "number" and not token.percent


# Verbs that quote an order in chat: sides, trade verbs, closes and giving ("give 'em 5").
_QUOTING_VERBS: Final = Role.SIDE | Role.TRADE | Role.CLOSE | Role.ALLOCATE
# The counterparty a quote is given to: "give 'em 5", "gib ihm 5".
_COUNTERPARTY: Final = frozenset(("em", "them", "you", "him", "ihm", "ihnen", "dir"))
# A price good for a size: "bid 50 for 10k", "Geld 50 für 10k", "50 pour 10".
_GOOD_FOR: Final = frozenset(("for", "fur", "pour", "por"))


def _stated_state(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A change word that closes its clause right after a copula, no figure in the clause:
    a predicate adjective stating how things are, not a change asked for.

    "L'effet de levier dans le trade de base est élevé, un risque …", "the VaR limit is
    lowered": a state; "raise the VaR limit to 5 %", "das Limit ist zu erhöhen" name their
    figure or an infinitive and still direct.
    """
    if i != clause.last - 1 or i == clause.first:
        return False
    copula = tokens[i - 1]
    if not copula.has(Role.AUX) or copula.has(Role.MODAL | Role.INFINITIVE):
        return False
    return not any(tokens[j].kind == "number" for j in range(clause.first, clause.last))


def _safety_set_off(tokens: Sequence[Token], clause: Clause, i: int, objects: int) -> int | None:
    """Where a change verb at ``i`` sets a safety setting off: "set dry_run to false",
    "flip paper_trading from true to false", "dry_run auf false setzen".

    The setting stands among the verb's objects (from ``objects`` on), its value that turns
    it off right after it; the value's position is returned.
    """
    stop = min(clause.last, i + 5) if objects > i else i
    for j in range(objects, stop):
        if tokens[j].has(Role.SAFETY):
            reach = range(j + 1, min(clause.last, j + 4))
            return next((k for k in reach if tokens[k].has(Role.DISABLE)), None)
    return None


def _direct_object(tokens: Sequence[Token], verb: int, obj: int) -> bool:
    """An object found after a verb is what it acts on, not a word further on.

    An order or a broker is named as such; a bare order type ("market", "stop") is the
    verb's object only right after it, past determiners: "start the TWAP", "use a stop",
    but not "start a sell-off in the market", "work against the dollar in the market".
    """
    if tokens[obj].has(Role.ORDER_OBJ | Role.BROKER | Role.POSITIONS | Role.SAFETY):
        return True
    return all(
        tokens[j].kind == "mark" or tokens[j].has(Role.DET | Role.PREFIX | Role.REFERENCE)
        for j in range(verb + 1, obj)
    )


def _passive(tokens: Sequence[Token], clause: Clause, i: int, lexicon: Lexicon) -> bool:
    """The participle at ``i`` stands beside a passive auxiliary: "are best acquired", "would
    ideally be picked up", "sollte … glattgestellt werden", "devraient être achetées".

    Adverbs, negations and recommending words may stand between ("are best", "be not").
    A reflexive passive is one on its own ("la posición se cerrará").
    """
    if tokens[i].forms & Form.REFLEXIVE:
        return True
    j = i - 1
    while j >= clause.first:
        word = tokens[j]
        if word.text in lexicon.passive or word.text in lexicon.present_passive:
            return True
        if word.kind != "word" or not (
            word.text.endswith("ly") or word.has(Role.PREFIX | Role.REC_ADJ | Role.NEG)
        ):
            break
        j -= 1
    if i + 1 < clause.last and tokens[i + 1].text in lexicon.passive:
        return True
    # A verb-final participle has its auxiliary in second place: "Der Stopp wird auf 2.350
    # angehoben", "SAP wird bei 176 gekauft".
    return bool(tokens[i].negation_after) and any(
        tokens[k].text in lexicon.passive for k in range(clause.first, i)
    )


# Verbs that move something to a new figure: "raised", "moved", "nachgezogen", "relevé".
_MOVES: Final = Role.CHANGE | Role.SWITCH | Role.ALLOCATE | Role.TRADE


def _passive_match(
    tokens: Sequence[Token], clause: Clause, i: int, active: frozenset[str]
) -> tuple[Category, int, bool] | None:
    """What a passive participle at ``i`` directs: its object is the subject before it.

    "200 AAPL are best acquired at 180": the size stands before the verb, the price may
    follow; "exposure is to be reduced to 20 %": the exposure before, its figure after.
    """
    token = tokens[i]
    first, last = clause.first, clause.last
    if "side" in active and token.has(Role.SIDE):
        parameter = _first_parameter(tokens, clause, first, last)
        if parameter is not None and parameter != i:
            return "order", max(parameter, i) + 1, False
    if "side" in active and token.has(Role.TRADE | Role.CLOSE):
        # "The Nikkei long is to be entered at 38,500": the position named by its side
        # before the verb, its price after it.
        side = _find(tokens, first, i, lambda j: _trailing_side(tokens, j))
        price = _find(tokens, i + 1, last, lambda j: _price(tokens, j, last))
        if side is not None and price is not None:
            return "order", price + 2, False
    if "trade" in active and token.has(Role.TRADE | Role.CLOSE | Role.SIDE):
        size = _find(tokens, first, i, lambda j: _size(tokens, j, i, weak=False))
        if size is not None and _target(tokens, first, i):
            return "order", i + 1, False
    if "risk" in active and token.has(Role.CHANGE | Role.ALLOCATE):
        # "La limite de perte sera portée à 3 millions": a limit moved by any verb, to
        # any figure; exposure and leverage to a share or a multiple.
        exposure = _find(
            tokens,
            first,
            i,
            lambda j: tokens[j].has(Role.POSITIONS | Role.LEVERAGE | Role.LIMIT_OBJ),
        )
        limit = exposure is not None and tokens[exposure].has(Role.LIMIT_OBJ)
        figure = _find(
            tokens,
            i + 1,
            last,
            lambda j: (
                tokens[j].kind == "number" and (limit or tokens[j].percent or tokens[j].times)
            ),
        )
        if exposure is not None and figure is not None:
            return "risk_limit", figure + 1, False
    if "level" in active and token.has(_MOVES | Role.PLACE):
        # "Our stop at 95 should be moved to 97", "Der Stopp sollte auf 97 nachgezogen
        # werden": a level before the verb, its new figure after the level.
        level = _find(tokens, first, i, lambda j: tokens[j].has(Role.LEVEL))
        if level is not None:
            figure = _find(tokens, level + 1, last, lambda j: tokens[j].kind == "number")
            if figure is not None:
                return "order", max(figure, i) + 1, False
    if "execution" in active and token.has(Role.CLOSE):
        positions = _find(tokens, first, i, lambda j: tokens[j].has(Role.POSITIONS))
        if positions is not None:
            return "execution", i + 1, False
    if "rebalance" in active and token.has(Role.ALLOCATE):
        # "Le portefeuille modèle sera ramené à 40 %", "the model portfolio will be brought
        # back to 40 % equities": the book before, its share after.
        book = _find(tokens, first, i, lambda j: tokens[j].has(Role.PORTFOLIO | Role.POSITIONS))
        share = _find(tokens, i + 1, last, lambda j: _percent_share(tokens, j, last))
        if book is not None and share is not None:
            return "rebalance", share + 1, False
    return None


def _fully_specified(tokens: Sequence[Token], clause: Clause, i: int, category: Category) -> bool:
    """A trade action with its target and its size: an order in any mood.

    Negated, conditional, asked as a question or wrapped in a gerund ("why not buy 200
    AAPL at 180?", "nothing wrong with shorting 20 NQZ6 at 18,000"), the order is written
    out whole; only a description of others or of the past (:func:`described`) is not one.
    """
    if category != "order" or not tokens[i].has(
        Role.SIDE | Role.SIDE_ADJ | Role.TRADE | Role.CLOSE
    ):
        return False
    last = clause.last
    if clause.positions("counted", lambda j: _counted_name(tokens, j, last)):
        return True
    named = clause.positions("tradable", lambda j: _tradable(tokens[j]))
    if not named:
        return False
    # A size makes it whole; a target with a price alone is still a view that may be
    # refused ("we are neither buying nor selling SPY around 4,500").
    sized = clause.positions("sized", lambda j: _size(tokens, j, last, weak=False))
    return bool(sized)


def _counted_name(tokens: Sequence[Token], j: int, end: int) -> bool:
    """A count of a company's shares at a price: "120 Siemens zu 176", "2.000 Iberdrola a
    12,30", "50 LVMH à 705". The name is one the vocabulary does not know, capitalised
    after the count; the price makes the count a size (German capitalises every noun:
    "5 Jahre" is no name, and takes no price)."""
    token = tokens[j]
    if token.kind != "number" or token.percent or token.times or j + 2 >= end:
        return False
    name = tokens[j + 1]
    if not (name.kind == "word" and (name.capital or name.upper) and not name.roles):
        return False
    return not name.glued and _price(tokens, j + 2, end)


def _tradable(token: Token) -> bool:
    """A target an order names: an instrument, a ticker in capitals, a unit of one."""
    return token.has(Role.INSTRUMENT | Role.UNIT) or (token.upper and _is_target(token))


def _label_end(tokens: Sequence[Token], clause: Clause, limit: int) -> int:
    """The clause's end, or the end of the value when the clause is a label ("Leverage: 5x").

    At most ``limit``: a caller reads a few tokens past its word, and walking a long value
    to its end for every word of the clause would make the clause quadratic.
    """
    end = clause.last
    if end < len(tokens) and tokens[end].text in ":=":
        end += 1
        stop = min(len(tokens), limit)
        while end < stop and not (tokens[end].kind == "mark" and tokens[end].text in ".;\n"):
            end += 1
    return min(end, limit)


def _side(
    tokens: Sequence[Token], i: int, end: int, clause: Clause | None = None
) -> tuple[Category, int, bool] | None:
    """A side at ``i`` (or, with ``clause``, a verb-final side read from the clause's start)."""
    if clause is None:
        parameter = _find(tokens, i + 1, end, lambda j: _parameter(tokens, j, end))
    else:
        parameter = _first_parameter(tokens, clause, i + 1, end)
    if parameter is not None:
        return "order", parameter + 1, False
    target = _find(
        tokens,
        i + 1,
        min(end, i + 4),
        lambda j: _is_target(tokens[j]) or tokens[j].has(Role.REFERENCE),
    )
    if target is not None:
        return "order", target + 1, True
    return None


def _parameter(tokens: Sequence[Token], j: int, end: int) -> bool:
    return _size(tokens, j, end, weak=False) or _price(tokens, j, end)


def _first_parameter(tokens: Sequence[Token], clause: Clause, start: int, end: int) -> int | None:
    """The first parameter in ``[start, end)`` of a clause, found among the clause's candidates.

    A token that is a parameter before ``end`` is one before the clause's end too (a later
    end only lets ``_size`` and ``_price`` look further), so only the candidates for the
    clause's end are tried; the few that look past ``end`` fail and the next is tried.
    """
    last = clause.last
    candidates = clause.positions("parameter", lambda j: _parameter(tokens, j, last))
    j = next_position(candidates, start)
    while j is not None and j < end:
        if _parameter(tokens, j, end):
            return j
        j = next_position(candidates, j + 1)
    return None


def _side_adjective_acts(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """ "long"/"short" as a verb: after a form of "be"/"go", or opening a clause on a target."""
    if i + 1 < len(tokens) and tokens[i + 1].glued:
        return False  # "long-term", "short-dated"
    before = clause.first - 1
    if before >= 1 and tokens[before].text == "," and tokens[before - 1].has(Role.ACTOR):
        return False  # an apposition: "as CTAs, long 80 % of max exposure, sold …"
    # Past a degree ("go max short", "get fully long"): the word that makes it act.
    k = i - 1
    while k > clause.first and _degree(tokens[k]):
        k -= 1
    previous = tokens[k] if k >= clause.first else None
    infinitive = previous is not None and previous.text.rsplit(" ", 1)[-1] in INFINITIVE_MARKS
    acting = Role.AUX | Role.SWITCH | Role.NEG | Role.URGE
    if previous is not None and (previous.has(acting) or infinitive):
        return True  # "are long", "go short", "why not short …"
    if previous is not None and previous.has(Role.SELF) and not _held_side(tokens, clause, i):
        return True  # "let's short the euro", "we short EUR here"
    if _after_size(tokens, clause, i):
        return True  # "EUR/USD: 15 lots long", "the fund should be 8 lots short EUR/GBP"
    leading = all(
        tokens[j].has(Role.PREFIX | Role.DET) or tokens[j].kind == "mark"
        for j in range(clause.first, i)
    )
    if not leading or i + 1 >= clause.last:
        return False
    nxt = tokens[i + 1]
    return (
        nxt.kind == "number"
        or nxt.upper
        or nxt.has(Role.INSTRUMENT)
        or _name(tokens, i + 1)
        or _before_instrument(tokens, i + 1, clause.last)  # "Long Japan-Aktien"
        or _on_target(tokens, clause, i + 1)
        or _article_target(tokens, clause, i + 1)  # "Short the euro", "Short den Euro"
    )


_HELD_SIDE_REACH: Final = 4  # a target of up to three words, then what it is a side of


def _held_side(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """The side at ``i`` qualifies a holding named after it: "our short EUR position", "my
    long gold book" (a possessive, not a subject that trades)."""
    stop = min(clause.last, i + 1 + _HELD_SIDE_REACH)
    return any(tokens[k].has(_HOLDINGS_NAMED) for k in range(i + 1, stop))


_HOLDINGS_NAMED: Final = Role.POSITIONS | Role.PORTFOLIO | Role.WEIGHT


def _degree(token: Token) -> bool:
    """A word of degree between a verb and the side it takes: "max", "fully", "voll"."""
    return token.kind == "word" and (
        (token.has(Role.DET) and not token.has(Role.INSTRUMENT)) or _adverb_like(token.text)
    )


def _article_target(tokens: Sequence[Token], clause: Clause, j: int) -> bool:
    """An article at ``j`` and the instrument or asset class it names: the object of a side
    that opens a clause as its verb ("Short the euro", "Long den Bund", "Short l'euro")."""
    k = j
    while (
        k < clause.last
        and k - j < 2
        and tokens[k].has(Role.DET)
        and not tokens[k].has(Role.INSTRUMENT)
    ):
        k += 1
    return (
        k > j
        and k < clause.last
        and tokens[k].has(Role.INSTRUMENT)
        and not tokens[k].has(Role.VERB)
    )


def _on_target(tokens: Sequence[Token], clause: Clause, j: int) -> bool:
    """A preposition at ``j`` and the target it names, past articles: "long on gold",
    "largos en el peso mexicano", "short auf den Bund-Future"."""
    if not tokens[j].has(Role.PREP):
        return False
    k = j + 1
    while (
        k < clause.last
        and k - j <= 2
        and tokens[k].has(Role.DET)
        and not tokens[k].has(Role.INSTRUMENT)
    ):
        k += 1
    return k < clause.last and (_named_target(tokens, k) or _name(tokens, k))


_NOUN_REACH: Final = 3  # adjectives between an article and the side it makes a noun


def _side_noun(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """ "long"/"short" as the noun of a position, its target after a preposition: "a modest
    long in the Australian dollar", "a small short on Bunds"; or leading its clause before
    an article and the target ("long the Mexican peso"). Only under a recommendation does
    it propose the trade ("… looks about right to us", "Our idea: …"); otherwise it names a
    position or quotes a title ("was titled 'Short the euro, long the dollar'")."""
    if i + 1 >= clause.last:
        return False
    if i == clause.first and tokens[i + 1].has(Role.DET) and i + 2 < clause.last:
        # A side leading its clause before an article and the target: "Our idea of the
        # week: long the Mexican peso".
        return (
            _named_target(tokens, i + 2)
            or _name(tokens, i + 2)
            or (
                _unknown_modifier(tokens[i + 2])
                and i + 3 < clause.last
                and (_named_target(tokens, i + 3) or _name(tokens, i + 3))
            )
        )
    if not tokens[i + 1].has(Role.PREP):
        return False
    if i + 2 < len(tokens) and tokens[i + 1].glued:
        return False
    for j in range(i - 1, max(clause.first, i - 1 - _NOUN_REACH) - 1, -1):
        word = tokens[j]
        if word.text in _ARTICLES:
            return True
        if word.kind != "word" or (word.roles and not word.has(Role.DET | Role.PREFIX)):
            return False
    return False


# Marks that are no grammatical form (a noun marked so is still only a noun).
_MARK_FORMS: Final = Form.HOLDING | Form.SPEECH | Form.ATTRIBUTION | Form.QUOTING
_SIDE_AFTER: Final = 7  # a verb, a name of up to four words and its article, the side


_LABEL_TAIL: Final = 3  # words of time after a side that ends a label ("cette semaine")


def _labels_what(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """The side at ``i`` ends a label whose value is what it trades: only a few words of
    time stand between it and the colon ("What to buy this week:", "Zu kaufen ist:")."""
    end = clause.last
    if not tokens[i].has(Role.SIDE) or end >= len(tokens) or tokens[end].text != ":":
        return False
    between = range(i + 1, end)
    return len(between) <= _LABEL_TAIL and all(
        tokens[j].kind == "word" and not tokens[j].roles & ~(Role.PREFIX | Role.DET | Role.PREP)
        for j in between
    )


def _book_split(tokens: Sequence[Token], i: int, j: int) -> bool:
    """A split at ``j`` after a switch at ``i``, only a book and its articles between."""
    if "/" not in tokens[j].text:
        return False
    between = range(i + 1, j)
    return any(tokens[k].has(Role.PORTFOLIO | Role.POSITIONS) for k in between) and all(
        tokens[k].has(Role.PORTFOLIO | Role.POSITIONS | Role.DET | Role.PREP) for k in between
    )


def _position_side(tokens: Sequence[Token], j: int, lexicon: Lexicon) -> bool:
    """ "long"/"short" after its target (:func:`_trailing_side`), or a position named by
    its side ("the short", "the long")."""
    if _trailing_side(tokens, j):
        return True
    token = tokens[j]
    if not token.has(Role.POSITIONS) or token.has(Role.NON_ACTION) or " " not in token.text:
        return False
    last = lexicon.words.get(token.text.rsplit(" ", 1)[-1])
    return last is not None and bool(last.roles & Role.SIDE_ADJ)


def _position_named(tokens: Sequence[Token], i: int, side: int) -> bool:
    """The side at ``side`` is the object of the verb at ``i``, past articles: "enter a
    long", "initiate the short"."""
    return side > i and all(tokens[j].has(Role.DET) for j in range(i + 1, side))


def _trailing_side(tokens: Sequence[Token], j: int) -> bool:
    """ "long"/"short" after its target, not the first word of a compound ("long-term")."""
    token = tokens[j]
    return (
        token.has(Role.SIDE_ADJ)
        and not token.has(Role.NON_ACTION)
        and not (j + 1 < len(tokens) and tokens[j + 1].glued)
    )


def _after_size(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A size with its unit stands just before the side: "15 lots long", "two mini lots short"."""
    j = i - 1
    while j > clause.first and tokens[j].has(Role.UNIT):
        j -= 1
    return j < i - 1 and tokens[j].kind == "number" and not tokens[j].percent


def _find(tokens: Sequence[Token], start: int, end: int, test: object) -> int | None:
    for j in range(start, end):
        if test(j):  # type: ignore[operator]
            return j
    return None


def _size(tokens: Sequence[Token], j: int, end: int, *, weak: bool) -> bool:
    """A size at ``j``: 100 shares, 5 lots, $1m, 2% (of NAV), 1.5m, 100 SPY (not for weak verbs)."""
    token = tokens[j]
    if (
        token.kind == "mark"
        and token.text in "$€£¥"
        and j + 1 < end
        and tokens[j + 1].kind == "number"
    ):
        return True
    if token.kind != "number":
        return False
    if token.percent:
        return not _probability(tokens, j, end)
    if token.times:
        return True
    nxt = tokens[j + 1] if j + 1 < end else None
    if token.scaled and not weak and (nxt is None or nxt.kind == "mark"):
        return True  # a size of desk chat, its target known: "we're a buyer of 50k"
    if nxt is None:
        return False
    if nxt.has(Role.UNIT | Role.CURRENCY) or _currency_sign(nxt):
        return True  # "5 lots", "10 Mio. EUR", "15 M€", "500 €"
    # "5 of ES contracts", "5 ESZ5 contracts", "2 millions d'euros", "4 millones de dólares"
    # (an elided preposition keeps its apostrophe).
    if (nxt.has(Role.DET | Role.PREP) or nxt.text.endswith("'")) and j + 2 < end:
        # "10m of Bunds", "25m of the 30-year gilt": an amount of a target, its article
        # passed over.
        after = j + 3 if tokens[j + 2].has(Role.DET) and j + 3 < end else j + 2
        return tokens[j + 2].has(Role.UNIT | Role.CURRENCY) or (
            (not weak and _is_target(nxt)) or (token.scaled and _is_target(tokens[after]))
        )
    if _is_target(nxt) and j + 2 < end:
        return tokens[j + 2].has(Role.UNIT) or not weak
    return not weak and _is_target(nxt)


_CURRENCY_SIGNS: Final = frozenset("$€£¥")


def _currency_sign(token: Token) -> bool:
    return token.kind == "mark" and token.text in _CURRENCY_SIGNS


def _money(tokens: Sequence[Token], j: int, end: int) -> bool:
    """An amount of money at ``j``: "$20m", "EUR 10m", "10 Mio. EUR", "15 M€", "20
    millones de euros" (a notional, never a count of units or a share)."""
    token = tokens[j]
    if (_currency_sign(token) or token.has(Role.CURRENCY)) and j + 1 < end:
        return tokens[j + 1].kind == "number" and not tokens[j + 1].percent
    if token.kind != "number" or token.percent or token.times or j + 1 >= end:
        return False
    nxt = tokens[j + 1]
    if nxt.has(Role.CURRENCY) or _currency_sign(nxt):
        return True
    linked = nxt.has(Role.PREP) or nxt.text.endswith("'")
    return linked and j + 2 < end and tokens[j + 2].has(Role.CURRENCY)


def _bare_size(tokens: Sequence[Token], j: int) -> bool:
    """A plain number that sizes the target before it: "reduce EURUSD by 20 near 1.0801"."""
    token = tokens[j]
    return (
        token.kind == "number"
        and not (token.percent or token.times)
        and j >= 2
        and tokens[j - 1].has(Role.PREP)
        and _is_target(tokens[j - 2])
        and tokens[j - 2].upper
    )


def _probability(tokens: Sequence[Token], j: int, end: int) -> bool:
    """The percentage at ``j`` is a probability: "a 30 % chance", "30 % Wahrscheinlichkeit",
    "eine Wahrscheinlichkeit von 30 %", "a probability of 30 %"."""
    if j + 1 < end and tokens[j + 1].has(Role.PROBABILITY):
        return True
    before = j - 1
    if before >= 1 and tokens[before].has(Role.PREP):
        before -= 1
    return before >= 0 and tokens[before].has(Role.PROBABILITY)


def _percent_share(tokens: Sequence[Token], j: int, end: int) -> bool:
    """A percentage at ``j`` that can be a share of a book, not a probability."""
    token = tokens[j]
    return token.kind == "number" and token.percent and not _probability(tokens, j, end)


def _weight_points(tokens: Sequence[Token], j: int, end: int, lexicon: Lexicon) -> bool:
    """Points of a book's weights at ``j``, which an allocation verb moves: "Réallouer 5
    points des actions vers le crédit", "Trasladar 5 puntos de renta variable a crédito"."""
    token = tokens[j]
    if token.kind != "number" or token.percent or token.times:
        return False
    return _phrase_end(tokens, j + 1, end, lexicon.points) is not None


def _price(tokens: Sequence[Token], j: int, end: int) -> bool:
    """A price at ``j``: "at 4,500", "@ 4500", "limit 5,150", an order type, a level."""
    token = tokens[j]
    if token.has(Role.ORDER_TYPE) and not token.has(Role.NON_ACTION):
        return True
    if token.has(Role.LEVEL) and _level_number(tokens, j, end) is not None:
        return True
    if token.has(Role.LEVEL_LINK) or token.text == "@":
        k = j + 1
        while k < end and tokens[k].kind == "mark" and tokens[k].text in "$€£":
            k += 1
        return k < end and tokens[k].kind == "number" and not tokens[k].percent
    return False


def _level_number(tokens: Sequence[Token], i: int, end: int) -> int | None:
    """The number a level word names ("stop at 4,480", "entry: 4,500"), if any.

    What the level is for may stand between ("stop-loss on QQQ at 5,150", "stop for the
    SAP long: 230", "stop pour la position longue sur SAP : 230"): up to ``_LEVEL_GAP``
    names of targets or positions, with the links, articles and prepositions around them.
    """
    j = i + 1
    gap = 0
    while j < end and gap <= _LEVEL_GAP:
        token = tokens[j]
        if token.kind == "number":
            return j
        # What the level is for may stand between: "stop-loss on QQQ at 5,150", "stop for
        # the SAP long: 230". A company named after its preposition: "Objectif sur Airbus".
        named = (
            _named(token)
            or (token.has(Role.POSITIONS | Role.SIDE_ADJ) and not token.has(Role.NON_ACTION))
            or (
                token.capital
                and token.roles == 0
                and (j == i + 1 or tokens[j - 1].has(Role.PREP | Role.DET) or _joined(tokens, j))
            )
        )
        # French and Spanish put an adjective after its noun: "bono español" (German never
        # does: "Anleihen wäre" is a verb, as an English past is: "Treasuries rallied").
        postposed = (
            token.kind == "word"
            and token.roles == 0
            and j > i + 1
            and _named(tokens[j - 1])
            and not tokens[j - 1].negation_after
            and not token.text.endswith("ed")
        )
        if not (
            # Whose position it is may stand there too: "the stop on our USD/JPY long".
            token.has(Role.LEVEL_LINK | Role.DET | Role.LEVEL | Role.PREP | _OWNERS)
            or token.kind == "mark"
            or named
            or postposed
        ):
            return None
        j += 1
        # Only names count: a target written with hyphens ("SOL-PERP", "ETH-PERP") or in
        # several words ("Bund futures") is one name, one step.
        gap += 1 if named and not (token.glued or (j < end and _named(tokens[j]))) else 0
    return None


_OWNERS: Final = Role.SELF | Role.ADDRESSEE


def _joined(tokens: Sequence[Token], j: int) -> bool:
    """The word at ``j`` goes on a name through a mark without a space: the "P" of "S&P"."""
    mark = tokens[j - 1]
    return mark.kind == "mark" and mark.end == tokens[j].start and mark.text not in ":;,."


def _named(token: Token) -> bool:
    """A word that names what a level is for: an instrument or a ticker in capitals."""
    return token.has(Role.INSTRUMENT) or (token.upper and _is_target(token))


def _is_target(token: Token) -> bool:
    if token.has(Role.INSTRUMENT | Role.UNIT):
        return True
    if token.kind != "word" or token.has(Role.NOT_TICKER):
        return False
    if token.upper and not token.has(Role.VERB | Role.ACTOR | Role.NEG | Role.PREFIX):
        return True  # written in capitals: a ticker, whatever else the word means
    if token.roles and not token.has(Role.CURRENCY | Role.INSTRUMENT):
        return False
    return token.upper or (token.roles == 0 and len(token.text) <= 5 and not token.glued)


def _target(tokens: Sequence[Token], start: int, end: int, *, weights: bool = True) -> bool:
    """A target between ``start`` and ``end``; with ``weights`` False, not one a weight is
    of ("raising the weight of banks to 12 %": a book's weight, which the rebalancing
    reading judges, not a trade in banks sized 12 %)."""
    return any(
        (_is_target(tokens[j]) or tokens[j].has(Role.NAV | Role.POSITIONS))
        and (weights or not _weight_of(tokens, j))
        for j in range(start, end)
    )


# What may stand between a weight and the index it is of: articles, prepositions, what the
# weight is of ("the weight of banks in the index"), adjectives the lexicon does not know.
_TO_WEIGHTED_INDEX: Final = Role.PREP | Role.DET | Role.LEVEL_LINK | Role.INSTRUMENT | Role.THIRD
# What it may not: a book of ours, us, the reader, an action, a figure.
_NOT_INDEX_WEIGHT: Final = Role.PORTFOLIO | Role.NAV | Role.SELF | Role.ADDRESSEE | Role.VERB
# Words that compare a weight with an index (the first word of their phrase): the weight is
# then ours ("target weights versus the MSCI Europe", "Gewichte gegenüber dem DAX", "poids
# par rapport à l'indice", "pesos frente al Ibex").
_COMPARED: Final = frozenset(
    (
        "versus",
        "vs",
        "against",
        "relative",
        "compared",
        "gegenuber",
        "ggu",
        "vergleich",
        "rapport",
        "contre",
        "frente",
        "respecto",
        "relacion",
    )
)


def _index_weight(tokens: Sequence[Token], i: int, number: int, end: int) -> bool:
    """The weight at ``i`` and its share at ``number`` are an index member's: the index
    named before the share ("sector weights in the MSCI Europe: financials 18 %", "das
    Gewicht von SAP im DAX: 14 %") or as what the share is of ("le poids de chaque valeur
    à 10 % de l'indice"), with the member named. A weight in an index with no member named
    is our holding of it ("Target weight in the S&P 500: 60 %"), a target weight is ours,
    and a weight a verb moves is read as a step elsewhere."""
    if not _member_weight(tokens, i):
        return False
    index = None
    for j in range(i + 1, number):
        token = tokens[j]
        if token.forms & Form.INDEX:
            index = j
            break
        if (token.has(_NOT_INDEX_WEIGHT) and not token.has(Role.PREP)) or token.kind == "number":
            return False
        if token.text in _COMPARED:
            return False
    if index is not None:
        return _weight_of(tokens, i + 2) or _member_before(tokens, index, number)
    k = number + 1
    while k < end and tokens[k].has(Role.PREP | Role.DET) and not tokens[k].forms & Form.INDEX:
        k += 1
    found = k < end and k > number + 1 and bool(tokens[k].forms & Form.INDEX)
    return found and _weight_of(tokens, i + 2)


# How a target weight is written: "target weight", "Zielgewicht", "poids cible", "peso
# objetivo": always a book's.
_TARGETED: Final = ("target", "ziel", "cible", "objetivo")


def _member_weight(tokens: Sequence[Token], i: int) -> bool:
    """The weight word at ``i`` is not a target weight."""
    words = [tokens[i].text]
    if i + 1 < len(tokens) and tokens[i + 1].kind == "word":
        words.append(tokens[i + 1].text)
    return not any(target in word for word in words for target in _TARGETED)


def _member_before(tokens: Sequence[Token], index: int, number: int) -> bool:
    """A member named between the index at ``index`` and its share at ``number``, past a
    colon: "…MSCI Europe: financials 18 %", "… im DAX: SAP 14 %"."""
    colon = _find(tokens, index + 1, number, lambda j: tokens[j].text == ":")
    return colon is not None and any(tokens[j].kind == "word" for j in range(colon + 1, number))


def _weight_of(tokens: Sequence[Token], j: int) -> bool:
    """The word at ``j`` follows a weight and its genitive: "the weight of banks"."""
    return (
        j >= 2
        and tokens[j - 1].text in ("of", "de", "des", "du", "del", "von", "der")
        and tokens[j - 2].has(Role.WEIGHT)
    )


def _live_target(tokens: Sequence[Token], i: int, end: int, first: int) -> int | None:
    """The live or production destination of a switch at ``i``.

    A switch that ends its clause has its destination before it ("Handelsmodus auf live
    stellen"); ``first`` is the clause's first token.
    """
    verb_final = i + 1 >= end
    paper = False  # "from paper", "du mode papier": what the switch leaves
    for j in range(first if verb_final else i + 1, end):
        token = tokens[j]
        if token.has(Role.LIVE):
            return j
        if token.has(Role.PRODUCTION) and (paper or _destination(tokens, j, first)):
            return j
        paper = paper or token.has(Role.PAPER)
    return None


def _destination(tokens: Sequence[Token], j: int, first: int) -> bool:
    """The word at ``j`` is where something goes: a preposition before it, past articles
    and a noun of the setting ("to production", "to the real-money account", "au mode réel")."""
    k = j - 1
    while k > first and j - k <= _DESTINATION_GAP and tokens[k].has(Role.DET | Role.PORTFOLIO):
        k -= 1
    return k >= 0 and tokens[k].has(Role.PREP)


def _leverage(mood: ClauseMood, i: int, lexicon: Lexicon, hits: list[Hit]) -> None:
    """ "Run the book at 5x", "Leverage 3x": a times figure beside leverage, book or a limit."""
    tokens, clause = mood.tokens, mood.clause
    near = range(max(clause.first, i - _WINDOW), min(clause.last, i + 3))
    context = [j for j in near if tokens[j].has(Role.LEVERAGE | Role.CHANGE | Role.LIMIT_OBJ)]
    if i + 1 < clause.last and tokens[i + 1].has(Role.SIDE_ADJ) and not tokens[i + 1].glued:
        context.append(i + 1)  # a levered side: "go 10x long IWM", "be 3x short"
    if not context:
        return
    anchor = context[0]
    if negated(tokens, clause, anchor) and not mood.urge:
        return
    if not is_instruction(mood, anchor, lexicon):
        return
    hits.append(Hit("risk_limit", tokens[min(anchor, i)].start, tokens[max(anchor, i)].end))


def _book_share(tokens: Sequence[Token], i: int, end: int, lexicon: Lexicon) -> int | None:
    """The last token of a share that opens at ``i`` and may be a share of a book: "4 %",
    "40bp", "40 basis points", "a fifth", "ein Fünftel", "una cuarta parte", "la moitié".

    A fraction counts after a number or an article only ("the first quarter of the
    fund's year" is a time); whether a book follows is :func:`_sizing`'s reading.
    """
    token = tokens[i]
    if token.kind == "number":
        if token.percent:
            return i
        if token.times:
            return None
        return _phrase_end(tokens, i + 1, end, lexicon.basis_points)
    if token.kind != "word":
        return None
    if token.upper and token.text[:1].isdigit():
        # "40bp": a number glued to a word that is no scale stays one word.
        return i if token.text.lstrip("0123456789.,") in lexicon.basis_points else None
    if i > 0 and (tokens[i - 1].kind == "number" or tokens[i - 1].has(Role.DET)):
        return _phrase_end(tokens, i, end, lexicon.fractions)
    return None


def _phrase_end(tokens: Sequence[Token], i: int, end: int, phrases: frozenset[str]) -> int | None:
    """The last token of one of ``phrases`` (words joined by a space) that opens at ``i``."""
    text = ""
    for j in range(i, min(end, i + _PHRASE_WORDS)):
        if tokens[j].kind != "word":
            return None
        text = f"{text} {tokens[j].text}" if text else tokens[j].text
        if text in phrases:
            return j
    return None


_PHRASE_WORDS: Final = 3
_BOOK_LINK: Final = 2  # prepositions and articles between a share and its book


def _sizing(mood: ClauseMood, i: int, share: int, lexicon: Lexicon, hits: list[Hit]) -> bool:
    """ "4% of NAV in SPY", "Risk 40bp of NAV on gold", "ein Fünftel des Mandats in Gold":
    a position sized against the book (the share ``i`` … ``share``), asked of us (found
    or not)."""
    tokens, clause = mood.tokens, mood.clause
    book = share + 1
    while (
        book < clause.last and book - share <= _BOOK_LINK and tokens[book].has(Role.PREP | Role.DET)
    ):
        book += 1
    if book == share + 1 or book >= clause.last or not tokens[book].has(Role.NAV):
        return False
    refusals = clause.having(tokens, Role.NEG | Role.AVOID)
    if not mood.urge and refusals and refusals[0] < i:
        return False  # "we would never go long 2% of NAV"
    if _stated_limit(mood, i):
        return False  # "Position limits are set at 5 % of NAV": a policy in force
    if mood.labelled:
        return False  # "Short positions notified to the CNMV: Grifols 3.1 % of capital"
    # The last verb before the share, by bisection: a clause of many shares stays linear.
    verb = last_position(clause.having(tokens, Role.VERB), i)
    if verb is not None and not is_instruction(mood, verb, lexicon):
        return False  # "the fund's rules cap risk per trade at 1 % of equity"
    if not (
        is_instruction(mood, i, lexicon)
        or _unknown_verb_before(mood, i)
        or _imperative_opens(mood, lexicon)
        or _closing_instruction(mood, i, lexicon)
    ):
        return False
    hits.append(Hit("order", tokens[i].start, tokens[clause.last - 1].end))
    return True


def _stated_limit(mood: ClauseMood, i: int) -> bool:
    """A limit, leverage or exposure that a copula states (``i``: its limit word or its
    figure): a rule in force, not one we set. "Position limits are set at 5 % of NAV",
    "the fund's leverage is capped at 2x", "Das Emittentenlimit ist auf 10 % festgelegt",
    "les limites sont fixées à 5 %", "el límite de VaR está fijado en el 1,5 %".

    The clause opens with its subject, a noun phrase naming the limit (not ours, not the
    reader's), then a copula ("are", "ist", "sont", "están", the state link "liegen bei").
    Whatever asks turns it back into a setting: an imperative ("Set position limits at
    5 %"), a recommendation or obligation ("limits are to be set at 5 %", "should be"), a
    label ("Limits: 5 % of NAV"), an infinitive after the copula ("sind auf 5 %
    festzulegen", "sont à fixer à 5 %"). A describing verb ("beträgt", "reaches") is read
    by :func:`policies.scan.mood.subject_from`, not here.
    """
    tokens, clause = mood.tokens, mood.clause
    if mood.urge or mood.recommend or mood.labelled or mood.asked:
        return False
    copula = next(
        (
            j
            for j in range(clause.first, clause.last)
            if tokens[j].has(_COPULA) and not tokens[j].has(Role.PREP | Role.INFINITIVE)
        ),
        None,
    )
    if copula is None or copula == clause.first or max(i, copula) >= clause.last:
        return False
    subject = range(clause.first, copula)
    if not any(tokens[j].has(_STATED) for j in subject):
        return False
    if any(_asking_subject(tokens[j]) for j in subject):
        return False
    return not any(
        tokens[j].has(_NOT_STATED) or _infinitive_after(tokens, j, clause.last)
        for j in range(copula, clause.last)
    )


# A copula or a state link ("liegen bei"), not a preposition spelled alike; what a stated
# limit's subject names, and what it may not hold (us, the reader, an asking verb);
# what no stated limit's clause holds.
_COPULA: Final = Role.AUX | Role.LEVEL_LINK
_STATED: Final = Role.LIMIT_OBJ | Role.LEVERAGE
_NOT_STATED_SUBJECT: Final = Role.SELF | Role.ADDRESSEE | Role.SIDE | Role.URGE | Role.MODAL
_NOT_STATED: Final = Role.MODAL | Role.RECOMMEND | Role.REC_ADJ | Role.URGE


def _asking_subject(token: Token) -> bool:
    """A word no stated limit's subject holds: us, the reader, a modal, a verb that is no
    noun ("Set the VaR limit to 4 %")."""
    if token.has(_NOT_STATED_SUBJECT):
        return True
    return token.has(Role.VERB) and not token.forms & Form.NOUN


# How a French or Spanish infinitive ends, reflexive ones included ("fijarse").
_INFINITIVE_ENDINGS: Final = ("er", "ir", "ar", "re", "rse")


def _infinitive_after(tokens: Sequence[Token], j: int, end: int) -> bool:
    """An infinitive the copula governs: "zu" inside a German word ("festzulegen"), or a
    marker before an unknown infinitive ("sont à fixer", "están por fijar", "to set")."""
    token = tokens[j]
    if token.kind != "word":
        return False
    if not token.roles:
        return token.text.endswith("en") and "zu" in token.text[2:-3]
    if j + 1 >= end or token.text not in _INFINITIVE_LINKS:
        return False
    verb = tokens[j + 1]
    if verb.kind != "word":
        return False
    if verb.has(Role.VERB) and verb.forms & Form.BASE:
        return True
    return not verb.roles and verb.text.endswith(_INFINITIVE_ENDINGS)


# Words that mark an infinitive after a copula: "to", "zu", "à"/"a" (folded), "de", "por".
_INFINITIVE_LINKS: Final = frozenset(("to", "zu", "a", "de", "por"))


def _imperative_opens(mood: ClauseMood, lexicon: Lexicon) -> bool:
    """The clause opens with a verb asked of us: "Keep risk per trade at 1 % of equity"."""
    first = mood.clause.first
    verb = mood.tokens[first]
    return (
        verb.has(Role.VERB)
        and bool(verb.forms & Form.BASE)
        and not mood.conditional
        and is_instruction(mood, first, lexicon)
    )


def _closing_instruction(mood: ClauseMood, i: int, lexicon: Lexicon) -> bool:
    """ "Risiko pro Trade auf 1 % des Eigenkapitals begrenzen": a verb-final language's verb
    closing the clause after the share is the instruction the share belongs to."""
    tokens, clause = mood.tokens, mood.clause
    last = clause.last - 1
    verb = tokens[last]
    return (
        last > i
        and verb.negation_after
        and verb.has(Role.VERB)
        and is_instruction(mood, last, lexicon)
    )


def _unknown_verb_before(mood: ClauseMood, i: int) -> bool:
    """ "Risk 2 % of capital per trade": one unknown word opening the clause before the size
    (adverbs of the size between: "risk no more than 3 % of the book").

    A noun does not take a bare size ("funds 2 % of NAV" is no sentence), so the word is a
    verb in the imperative, and the clause is the sized fragment "2 % of NAV" asked of us.
    """
    tokens, clause = mood.tokens, mood.clause
    before = i - 1
    while before > clause.first and tokens[before].has(Role.PREFIX):
        before -= 1
    if before != clause.first or before == i or mood.conditional:
        return False
    word = tokens[clause.first]
    return word.kind == "word" and word.roles == 0 and not word.text.endswith("ly")
