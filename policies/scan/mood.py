"""Who is asked to act, and when: the mood of an action word in its clause.

A directive blocks only when it is an instruction *to us*: an imperative or a verbless
fragment ("Entry 4,500"), a recommendation ("we recommend", "should", "a purchase … is
recommended", "it would be a mistake not to …"), or a plan of ours or the reader's ("we
will buy", "you could add"). A description of a third party ("CTAs are long 80 %"), of
the past ("long bonds rallied") or a policy maker's options passes. Negation is scoped to
the predicate it governs: "do not buy" negates the buy, "we do not recommend buying"
negates the recommendation, and the frames of :data:`Role.URGE` ("can't go wrong",
"mistake not to") urge whatever they frame. The frames of :data:`Role.DISCOURAGE` ("would be
a mistake", "es wäre falsch") advise against what they frame: a negated action under one
("not buying … would be negligent") is urged, a plain one is not.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final

from policies.scan.lexer import Clause, Token, last_position, next_position
from policies.scan.vocabulary import Form, Lexicon, Role

__all__ = [
    "INFINITIVE_MARKS",
    "ClauseMood",
    "analyse_sentence",
    "book_named",
    "described",
    "is_instruction",
    "list_heading",
    "negated",
    "present_passive",
    "unknown_past",
]

# Tokens a negation reaches across on its way to the predicate it governs.
_TRANSPARENT: Final = (
    Role.AUX
    | Role.MODAL
    | Role.DET
    | Role.PREFIX
    | Role.NEG
    | Role.SELF
    | Role.ADDRESSEE
    | Role.PREP
    | Role.GENERIC
)
_NEGATION_REACH: Final = 6
# How a reported recommendation reaches a clause (ClauseMood.reported).
OWN: Final = 2
CARRIED: Final = 1
# Subjects that make a verb of speech our own advice, or the reader's, or that of
# market participants in general (whom it may address): never a reported third party.
_ADVISED: Final = Role.SELF | Role.ADDRESSEE | Role.GENERIC
# What cannot stand in the subject of a verb of speech that reports: an action, a figure
# or a target before it makes it a passive recommendation ("selling 200 X is advised").
_NOT_SPEAKER: Final = Role.VERB | Role.INSTRUMENT | Role.UNIT | Role.NEG | Role.REFERENCE
_RECOMMENDING: Final = Role.RECOMMEND | Role.REC_ADJ | Role.REC_MODAL
# Subjects whose "should" is commentary on policy or on others' flows, not advice to us.
_OTHERS: Final = Role.THIRD | Role.INSTITUTION
_FINITE: Final = Role.AUX | Role.MODAL | Role.DESCRIBE
_PARAMETER_NOUNS: Final = Role.LIMIT_OBJ | Role.LEVERAGE | Role.WEIGHT | Role.LEVEL
_LIMITS: Final = Role.LIMIT_OBJ | Role.LEVERAGE
# Actions that direct a trade on their own (a side, execution, closing, rebalancing).
_STRONG_ACTIONS: Final = (
    Role.SIDE | Role.SIDE_ADJ | Role.EXECUTE | Role.PLACE | Role.CLOSE | Role.REBALANCE
)
# Markers of an infinitive ("to buy", "zu kaufen").
INFINITIVE_MARKS: Final = frozenset(("to", "zu"))


class ClauseMood:
    """What a clause says about who acts: its subject, recommendation, negations, tense."""

    __slots__ = (
        "after_past",
        "apposed",
        "asked",
        "attributed",
        "clause",
        "conditional",
        "counterfactual",
        "discourage",
        "labelled",
        "quoted",
        "recommend",
        "recommend_at",
        "refused",
        "reported",
        "subject",
        "tokens",
        "urge",
        "weighed",
    )

    def __init__(self, tokens: Sequence[Token], clause: Clause) -> None:
        self.tokens = tokens
        self.clause = clause
        self.conditional = bool(clause.opener & Role.CONDITIONAL)
        self.urge = False
        self.discourage = False
        # Roles of the recommendation that governs the clause (0: none); -1: negated.
        self.recommend = 0
        # Where it stands: a modal or a verb governs what follows it, not its subject.
        self.recommend_at = -1
        # The clause before refused (a negated recommendation or action ends it) and this
        # clause has no subject of its own: a disjunction or an infinitive continues it.
        self.refused = False
        self.subject = 0
        # The recommendation is a third party's advice to its own audience, reported: in
        # this clause (OWN) or carried from the clause that reports it (CARRIED).
        self.reported = 0
        # The sentence speaks of the counterfactual past ("would have returned"): -1 no,
        # else the position of its auxiliary (this clause's, or the first of the sentence).
        self.counterfactual = -1
        # The sentence is a question that asks nothing of us ("Is it time to buy X?").
        self.asked = False
        # The sentence is a question that weighs an action, put to anyone ("Would you buy
        # gold here?"), not a negated one that suggests it ("Why not sell X?").
        self.weighed = False
        # A subordinate clause without a subject after a clause in the past: its gerund
        # is that past ("… exited at 93, a gain built since buying near 84").
        self.after_past = False
        # A label before the clause names a third party whose view follows ("consensus:
        # hold at 4.25 %"): the clause's subject for an instruction, though a whole order
        # under it still blocks.
        self.labelled = 0
        # Quotations the sentence mentions, not uses ("the old adage 'sell in May'",
        # "'Buy Siemens now' was the headline"): (opening mark, closing mark) pairs.
        self.quoted: list[tuple[int, int]] = []
        # The subject carried past a relative clause or an apposition (:func:`_apposition`):
        # its token's position, -1 when the clause has its own or none.
        self.apposed = -1
        # Where the sentence attributes what it says to a named third party ("according to
        # Citi", "laut UBS", "selon Citi", "según Citi"): its marker's position, else -1.
        self.attributed = -1


def analyse_sentence(
    tokens: Sequence[Token], sentence: Sequence[Clause], lexicon: Lexicon
) -> list[ClauseMood]:
    """The mood of every clause of one sentence, recommendations carried forward."""
    moods = [ClauseMood(tokens, clause) for clause in sentence]
    # A readiness to repeat that is itself negated urges nothing: "… et ne le referions pas".
    urge = any(
        tokens[i].roles & Role.URGE
        and not (tokens[i].forms & Form.REPEAT and negated(tokens, c, i))
        for c in sentence
        for i in range(c.first, c.last)
    )
    discourage = any(
        tokens[i].roles & Role.DISCOURAGE for c in sentence for i in range(c.first, c.last)
    )
    carried = 0
    carried_report = False
    previous_subject = 0
    recommender = 0
    counterfactual = _counterfactual(tokens, sentence)
    attributed = _attributed(tokens, sentence)
    asked = _asked(tokens, sentence)
    weighed = _weighed(tokens, sentence)
    past_seen = False
    named = 0  # the actor named last in the sentence
    refusal = refusing = False
    labelled = 0  # the party a label before this clause names ("consensus: …")
    listed = 0  # the party of the label the clause before had
    provider = 0  # a label of an index provider's changes opened the sentence's list
    quoted = _mentioned_quotations(tokens, sentence, lexicon)
    apposed, apposing = -1, 0  # a subject set off by commas, and how far its clause is
    for mood in moods:
        mood.quoted = quoted
        mood.attributed = attributed
        mood.urge = urge
        mood.discourage = discourage
        mood.asked = asked
        mood.weighed = weighed
        clause = mood.clause
        mood.counterfactual = _counterfactual(tokens, [clause])
        if mood.counterfactual < 0:
            mood.counterfactual = counterfactual
        own, own_at = _recommendation(tokens, clause)
        mood.subject = _leading_subject(tokens, clause)
        taken, apposed, apposing = _apposition(tokens, clause, mood.subject, apposed, apposing)
        if taken >= 0:
            mood.subject, mood.apposed = tokens[taken].roles & Role.ACTOR, taken
        # The label's party holds a verbless list after it too ("Händler: long Duration,
        # short Dollar"), not a clause with a verb of its own ("…, sell SPY at 400").
        verbless = not clause.having(tokens, Role.VERB)
        # An index provider's list holds its verbs too: "Index changes: add Arm, remove …".
        mood.labelled = 0 if mood.subject else labelled or (listed if verbless or provider else 0)
        if provider and book_named(tokens, clause):
            mood.labelled = 0  # "Index changes: add Arm to the book": ours, after all
        labelled, listed = _label_of_others(tokens, clause), mood.labelled
        if not labelled and _provider_label(tokens, clause):
            labelled = provider = Role.INSTITUTION
        if own > 0 and (
            _reported(tokens, clause, own_at, mood.subject)
            or (0 <= attributed < own_at and not mood.subject & Role.SELF)
            or _coordinated_report(tokens, clause, own_at, mood.subject, previous_subject)
        ):
            mood.reported, mood.subject = OWN, Role.THIRD
        subordinate = clause.opener & Role.SUBORDINATOR and not mood.conditional
        mood.after_past = bool(past_seen and subordinate and not mood.subject)
        past_seen = past_seen or bool(
            clause.positions("past verb", lambda i: _finite_past(tokens[i]))
        )
        mood.refused = refusal and not own and not mood.subject
        # The complementiser opens the clause after a comma too: "Wir sagen nicht, dass …".
        opens = clause.opener | tokens[clause.first].roles
        if refusing and own >= 0 and opens & Role.COMPLEMENT:
            # "We are not suggesting that readers buy …", "none of this should be read as
            # advice to sell …": the refused recommendation governs the clause it opens,
            # and any advice that clause names.
            own, own_at = -1, clause.first
        refusing = own == -1
        refusal = refusing or _ends_refused(mood)
        if not mood.subject and (
            clause.opener & Role.COORDINATOR or _participle_adjunct(tokens, clause)
        ):
            # "… and buy JGBs", "FTSE Russell will rebalance the index, raising the weight
            # of banks to 12 %": the subject named before acts in what is joined on.
            mood.subject = previous_subject
        elif not mood.subject and previous_subject & _OTHERS and _verbless_after_comma(mood):
            # "Berenberg senkt Zalando auf Verkaufen, Kursziel 18 Euro": a verbless phrase
            # set off by a comma goes on with what the named party said.
            mood.subject = previous_subject
        previous_subject = mood.subject or _acting(tokens, clause, lexicon) or previous_subject
        if own:
            mood.recommend, mood.recommend_at = own, own_at
        elif (
            carried > 0
            and not (mood.subject & _OTHERS and not _product_opens(tokens, clause))
            and not mood.conditional
        ):
            mood.recommend, mood.recommend_at = carried, clause.first - 1
            if carried_report and (
                not mood.subject & _ADVISED or _audience(tokens, clause, mood.subject)
            ):
                # "BNP advised clients to buy X on dips, with a target of 500": the report
                # goes on, to the speaker's own audience too ("Morgan Stanley recommends
                # that its clients trim tech"); a clause of ours ("but we buy …") or one
                # put to the reader ("… that you trim tech") does not.
                mood.reported = CARRIED
            # "Einige Strategen empfehlen, QQQ zu kaufen": a recommendation reported of
            # others keeps its subject in the clause it governs.
            mood.subject = mood.subject or recommender
        elif carried < 0 and not mood.subject and _infinitive(tokens, clause):
            # "Wir empfehlen nicht, in diese Rally hinein zu kaufen": the negated
            # recommendation governs the infinitive it introduces.
            mood.recommend, mood.recommend_at = carried, clause.first - 1
        elif not mood.subject and named & _OTHERS and _infinitive(tokens, clause):
            # "Die Indexanpassung zwingt passive Fonds, … zu kaufen": an infinitive that
            # no recommendation governs is done by the party the sentence named before it.
            mood.subject = named
        actors = clause.having(tokens, Role.ACTOR)
        # A party a condition names does not act in what follows it: "If the backtest
        # holds, promote the model to live execution" asks it of us.
        condition = mood.conditional or tokens[clause.first].has(Role.CONDITIONAL)
        if actors and not condition:
            named = tokens[actors[-1]].roles & Role.ACTOR
        elif mood.subject & _OTHERS and not condition:
            named = mood.subject  # a name the vocabulary does not know: "Die Norges Bank plant, …"
        if own:
            carried = own
            carried_report = mood.reported == OWN
            recommender = mood.subject
    return moods


# Quotation marks, each opening one with its closing one (straight quotes stand for both).
_QUOTES: Final = {'"': '"', "'": "'", "«": "»", "\u2039": "\u203a"}
_CLOSINGS: Final = frozenset(_QUOTES.values())
_STOPS: Final = frozenset(".!?;\n")
# What makes a quotation advice wherever it stands: us, the reader, a recommendation.
_ADVISING_WORDS: Final = (
    Role.SELF | Role.ADDRESSEE | Role.RECOMMEND | Role.REC_MODAL | Role.REC_ADJ | Role.URGE
)


def _mentioned_quotations(
    tokens: Sequence[Token], sentence: Sequence[Clause], lexicon: Lexicon
) -> list[tuple[int, int]]:
    """The quotations a sentence mentions as a thing said, not as what it says to us.

    A word naming a quotation stands before it ("the old adage 'sell in May'", "die
    Börsenweisheit „Sell in May“") or after it ("« Achetez Total » titrait le journal"), or
    the quotation is the subject of a predicate in the past or a negated one ("'Buy the
    dip' stopped working", "„Sell in May“ hat nicht funktioniert", "«Vende en mayo» no
    funcionó"). Outside the quotation the sentence names none of us or the reader and no
    recommendation: "our mantra 'buy Tesla'", "'Sell X' is what we recommend" are advice.
    """
    first = max(sentence[0].first - 1, 0)
    end = _quotation_end(tokens, sentence[-1].last)
    spans = _quotations(tokens, first, end)
    if not spans:
        bare = _bare_mention(tokens, sentence)
        return [] if bare is None else [bare]
    found = []
    for opening, closing in spans:
        outside = list(itertools.chain(range(first, opening), range(closing + 1, end)))
        if _speech_after(tokens, closing, end) and not any(
            tokens[j].has(Role.SELF) or _second_person_at(tokens, j, first) for j in outside
        ):
            found.append((opening, closing))
            continue
        if any(tokens[j].has(Role.SELF | Role.ADDRESSEE) for j in outside):
            continue
        if _quoted_speech(tokens, first, opening):
            found.append((opening, closing))
            continue
        if any(tokens[j].has(_ADVISING_WORDS) for j in outside):
            continue
        if _named_quotation(tokens, (first, opening, closing, end), lexicon):
            found.append((opening, closing))
    return found


def _bare_mention(tokens: Sequence[Token], sentence: Sequence[Clause]) -> tuple[int, int] | None:
    """A trade named, without quotation marks, as the subject of a predicate in the past:
    "Sell the banks was the consensus trade in 2023", "Out of the miners, into utilities
    was the rotation of the week", "Sortir des bancaires, entrer sur les utilities : telle
    fut la rotation de la semaine", "Short euro, long dollar was last year's consensus
    trade". The sentence opens with a verb in its base form, a side or a direction of desk
    chat; a past "be" before a noun phrase follows, in a main clause whose
    words before it name no one ("Buy gold, it was the best performer" is advice with a
    reason); the sentence names none of us or the reader and recommends nothing.
    Returns the span read as mentioned, as a quotation's marks would bound it."""
    head = sentence[0]
    opening = tokens[head.first]
    if not (
        (opening.has(Role.VERB) and opening.forms & Form.BASE)
        or opening.forms & Form.DIRECTION
        or opening.has(Role.SIDE_ADJ)
    ):
        return None
    if any(tokens[j].has(_ADVISING_WORDS) for c in sentence for j in range(c.first, c.last)):
        return None
    for clause in sentence:
        if clause.opener:
            continue
        for j in range(max(clause.first, head.first + 1), clause.last - 1):
            token = tokens[j]
            if token.has(Role.ACTOR | Role.REFERENCE) and not token.has(Role.INSTRUMENT):
                break
            after = tokens[j + 1]
            named = after.kind == "word" and not (
                after.has(Role.VERB) or after.forms & Form.PARTICIPLE
            )
            if _finite_past(token) and token.has(Role.AUX) and named:
                return (head.first - 1, j)
    return None


def _quoted_speech(tokens: Sequence[Token], first: int, opening: int) -> bool:
    """Someone else's words, quoted after a verb of saying and a colon or comma: "One CIO
    told the conference: 'We are adding duration'", "Ein Verwalter sagte: „Wir kaufen
    Bunds“". The verb is finite (said, says, told, sagte), not an imperative ("tell them:
    …"); whoever says it is not us or the reader (the caller checks the whole sentence)."""
    if opening - 1 <= first or tokens[opening - 1].text not in (":", ","):
        return False
    return any(
        tokens[j].forms & (Form.SPEECH | Form.ATTRIBUTION)
        and tokens[j].forms & (Form.PAST | Form.THIRD)
        for j in range(first, opening - 1)
    )


# Words between a quotation's closing mark and the verb of speech that attributes it, the
# speaker's name included ("…," JPMorgan's strategists told clients).
_SPEECH_REACH: Final = 5


def _speech_after(tokens: Sequence[Token], closing: int, end: int) -> bool:
    """Someone else's words, attributed after the quotation and a comma: "'Buy
    cyclicals,' JPMorgan told clients", "„Verkaufen Sie Bunds“, riet die Commerzbank",
    "« Vendez les BTP », a conseillé la banque". A verb of speech or attribution, finite
    or a participle, follows within a few words, and a third party or a name the
    vocabulary does not know speaks (the caller rules out us and the reader)."""
    comma = tokens[closing - 1].text == "," or (
        closing + 1 < end and tokens[closing + 1].text == ","
    )
    if not comma:
        return False
    verb = speaker = False
    for j in range(closing + 1, min(end, closing + 2 + _SPEECH_REACH)):
        token = tokens[j]
        if token.kind != "word":
            continue
        if token.forms & (Form.SPEECH | Form.ATTRIBUTION) and token.forms & (
            Form.PAST | Form.THIRD | Form.PARTICIPLE
        ):
            verb = True
        elif token.has(_SPEAKERS) or (token.roles == 0 and (token.capital or token.upper)):
            speaker = True
    return verb and speaker


def _second_person_at(tokens: Sequence[Token], j: int, first: int) -> bool:
    """The word at ``j`` addresses the reader (:func:`_second_person`, the sentence
    opening at ``first``)."""
    token = tokens[j]
    return token.text in _SECOND_PERSON or (
        token.capital and j > first and token.text in _POLITE_SECOND_PERSON
    )


def _apposed_quotation(tokens: Sequence[Token], first: int, opening: int) -> bool:
    """A word naming the quotation stands a comma before it, a time or an owner between:
    "A strategist's headline last week, 'Dump the dollar', drew attention"."""
    if opening - 1 <= first or tokens[opening - 1].text != ",":
        return False
    return any(
        tokens[j].forms & Form.QUOTING
        for j in range(max(first, opening - 1 - _APPOSED_REACH), opening - 1)
    )


_APPOSED_REACH: Final = 3  # words between a naming word and the comma before its quotation


def _quotation_end(tokens: Sequence[Token], stop: int) -> int:
    """Where the sentence ending at ``stop`` ends for its quotations: after the mark that
    follows its last clause, or, when a quotation closes after its own stop ("„Kauft
    Aktien!“ titelte die Zeitung"), at the end of the sentence that goes on after it."""
    if stop + 1 >= len(tokens) or tokens[stop + 1].text not in _CLOSINGS:
        return min(stop + 1, len(tokens))
    end = stop + 2
    while end < len(tokens) and tokens[end].text not in _STOPS:
        end += 1
    return end


def _quotations(tokens: Sequence[Token], first: int, end: int) -> list[tuple[int, int]]:
    """(opening, closing) marks of the quotations among ``tokens[first:end]``. A single
    straight quote opens only before a word it touches (not an apostrophe after one,
    "investors' money") and closes only after one."""
    spans = []
    opening = -1
    for j in range(first, end):
        mark = tokens[j]
        if mark.kind != "mark":
            continue
        if opening < 0:
            if mark.text in _QUOTES and (mark.text != "'" or _opens_quotation(tokens, j, end)):
                opening = j
        elif mark.text == _QUOTES[tokens[opening].text] and (
            mark.text != "'" or tokens[j - 1].end == mark.start
        ):
            spans.append((opening, j))
            opening = -1
    return spans


def _opens_quotation(tokens: Sequence[Token], j: int, end: int) -> bool:
    mark = tokens[j]
    if j + 1 >= end or tokens[j + 1].start != mark.end:
        return False
    return j == 0 or tokens[j - 1].end < mark.start


def _named_quotation(
    tokens: Sequence[Token], bounds: tuple[int, int, int, int], lexicon: Lexicon
) -> bool:
    """How a sentence mentions a quotation (:func:`_mentioned_quotations`): a word naming it
    stands next to it; it is the subject of a predicate in the past, a perfect or a negated
    one; or it stands in a noun phrase ("the 'sell America' trade", "the old rule 'sell
    X'", "le trade « vendre l'Amérique »") of a sentence told in the past or negated.
    ``bounds``: the sentence's first token, the quotation's marks, the sentence's end."""
    first, opening, closing, end = bounds
    if opening > 0 and tokens[opening - 1].forms & Form.QUOTING:
        return True
    if _apposed_quotation(tokens, first, opening):
        return True
    after = closing + 1
    if after < end and tokens[after].kind == "word":
        predicate = tokens[after]
        if predicate.forms & Form.QUOTING or _past_predicate_at(tokens, after, end, lexicon):
            return True
        if (predicate.has(_FINITE | Role.MODAL | Role.NEG) or _finite_only(predicate)) and any(
            tokens[j].has(Role.NEG) for j in range(after, end)
        ):
            return True
    if not _in_noun_phrase(tokens, opening, closing, end):
        return False
    outside = itertools.chain(range(first, opening), range(after, end))
    return any(
        tokens[j].has(Role.NEG) or _past_predicate_at(tokens, j, end, lexicon) for j in outside
    )


# Words between a determiner and the quotation its noun phrase names ("the old rule").
_PHRASE_REACH: Final = 2


def _in_noun_phrase(tokens: Sequence[Token], opening: int, closing: int, end: int) -> bool:
    """The quotation names or qualifies a noun: after a determiner and at most a few words
    the lexicon does not know ("the old rule 'sell X'"), or right before a noun it
    qualifies ("'buy Tesla' posts", "„Sell America“-Trade"). Never after a verb."""
    j = opening - 1
    while (
        j >= 0 and opening - j <= _PHRASE_REACH and tokens[j].kind == "word" and not tokens[j].roles
    ):
        j -= 1
    if j >= 0 and tokens[j].has(Role.DET) and not tokens[j].has(Role.VERB):
        return True
    after = closing + 1
    return (
        after < end
        and tokens[after].kind == "word"
        and not tokens[after].has(Role.VERB | _FINITE | Role.MODAL | _ADVISING_WORDS)
        and (tokens[after].glued or not tokens[after].capital)
        and not tokens[after].has(Role.PREP | Role.PREFIX | Role.COORDINATOR)
    )


def _past_predicate_at(tokens: Sequence[Token], j: int, end: int, lexicon: Lexicon) -> bool:
    """A predicate in the past at ``j``: a past form ("was", "stopped", "war", "fue"), or an
    auxiliary before a participle (a perfect: "has been", "a été")."""
    token = tokens[j]
    if token.kind != "word":
        return False
    if _finite_past(token) or _unknown_past(token, lexicon):
        return True
    return (
        token.has(Role.AUX)
        and j + 1 < end
        and bool(tokens[j + 1].forms & Form.PARTICIPLE)
        and tokens[j + 1].has(Role.AUX)
    )


# A subject standing alone before a comma: no predicate of its own.
_PREDICATES: Final = Role.VERB | _FINITE | Role.MODAL | _RECOMMENDING


def _apposition(
    tokens: Sequence[Token], clause: Clause, subject: int, held: int, stage: int
) -> tuple[int, int, int]:
    """A third party's subject carried past a relative clause or an apposition set off by
    commas to its predicate: "Der Fonds, der 40 % in Aktien hatte, senkte seine Quote auf
    30 %", "Le fonds, qui avait 40 % en actions, a réduit …", "The insurer, long 2,000
    Bund futures at the time, sold half". ``held`` is the position of the subject carried
    (-1: none) and ``stage`` where this clause stands: 1 the clause set off (relative or
    verbless), 2 the predicate. Returns the position of the subject this clause takes (-1:
    none), and the subject and stage carried on. A vocative is no such subject: "Pension
    funds, sell …" sets nothing off before its verb.
    """
    after_comma = clause.first > 0 and tokens[clause.first - 1].text == ","
    if held >= 0 and after_comma and not subject:
        if stage == 1 and _set_off(tokens, clause):
            return held, held, 2
        if stage == 2:
            return held, -1, 0
    carried = _OTHERS | Role.GENERIC
    actors = clause.having(tokens, carried) if subject & carried else []
    if actors and _bare(tokens, clause):
        # "Der Fonds," "The insurer," "Anleger, die mit echtem Geld handeln, …"
        return -1, actors[0], 1
    return -1, -1, 0


def _bare(tokens: Sequence[Token], clause: Clause) -> bool:
    """The clause is a noun phrase alone before a comma."""
    return (
        clause.last < len(tokens)
        and tokens[clause.last].text == ","
        and not clause.having(tokens, _PREDICATES)
    )


def _set_off(tokens: Sequence[Token], clause: Clause) -> bool:
    """A relative clause ("der 40 % hatte", "qui avait", "which had") or an apposition
    without a verb ("long 2,000 Bund futures at the time"), closed by a comma."""
    if clause.last >= len(tokens) or tokens[clause.last].text != ",":
        return False
    first = tokens[clause.first]
    if first.has(Role.SUBORDINATOR) and not first.has(Role.CONDITIONAL):
        return True
    if first.has(Role.DET) and tokens[clause.last - 1].has(_FINITE):
        return True  # a German relative clause, its verb last: "der 40 % in Aktien hatte"
    return not clause.having(tokens, Role.VERB)


def _attributed_label(tokens: Sequence[Token], clause: Clause) -> bool:
    """A label that opens with a word attributing what follows to a source named after it:
    "Laut Verkaufsprospekt gilt weiterhin: Hebel höchstens 1,5x", "According to the
    prospectus: …", "Selon le règlement du fonds : …". Not us or the reader, no advice."""
    first = tokens[clause.first]
    if not (first.forms & Form.ATTRIBUTION and first.has(Role.PREP)):
        return False
    named = False
    for j in range(clause.first + 1, clause.last):
        token = tokens[j]
        if token.has(_ADVISED | _RECOMMENDING | Role.MODAL | Role.NEG | Role.VERB):
            return False
        named = named or token.kind == "word"
    return named


def _label_of_others(tokens: Sequence[Token], clause: Clause) -> int:
    """The third party or institution a label names, when the clause is that label.

    "consensus: hold at 4.25-4.50 %", "Fed: cut to 2 %", "Street view: long duration":
    what follows the colon is that party's view, not asked of us. A label holds no action
    and no predicate, and names no one of ours ("Desk: buy …", "Clients: sell …"); a
    sector, a party too, labels its own call ("Banks: sell").
    """
    end = clause.last
    if end >= len(tokens) or tokens[end].text != ":":
        return 0
    if _attributed_label(tokens, clause):
        return Role.THIRD
    found = 0
    positions = False  # a side named as a noun: "Short positions notified to the CNMV:"
    for j in range(clause.first, end):
        token = tokens[j]
        if _register_positions(token):
            positions = True
            continue
        if token.has(Role.VERB | _RECOMMENDING | Role.MODAL | Role.AUX | _ADVISED | Role.NEG):
            return 0
        if not token.has(Role.INSTRUMENT):
            found |= token.roles & _OTHERS  # a sector that labels its call is its target
    # Positions a regulator or an exchange lists are what others hold, reported to it.
    return found & Role.INSTITUTION if positions else found


def list_heading(tokens: Sequence[Token], clause: Clause) -> int:
    """The party whose list a heading line announces: a register of a regulator or an
    exchange ("Posiciones cortas comunicadas a la CNMV:") or an index provider's changes
    ("Index changes:"); 0 for any other clause. Its items on the lines below are its."""
    if _provider_label(tokens, clause):
        return Role.INSTITUTION
    positions = any(_register_positions(tokens[j]) for j in range(clause.first, clause.last))
    return _label_of_others(tokens, clause) & Role.INSTITUTION if positions else 0


def book_named(tokens: Sequence[Token], clause: Clause) -> bool:
    """Us or our book named in the clause, not a company's name ("Arm Holdings")."""
    return any(
        tokens[k].has(Role.SELF) or (tokens[k].has(Role.PORTFOLIO) and not tokens[k].capital)
        for k in range(clause.first, clause.last)
    )


def _provider_label(tokens: Sequence[Token], clause: Clause) -> bool:
    """The clause is a label that announces an index's changes: an index and a change to it
    ("Index changes:", "Cambios en el Ibex 35:", "Révision du CAC 40 :") or a verb that
    attributes what follows ("S&P Dow Jones Indices announced:"). What follows is the
    provider's list of additions and deletions, not steps of ours."""
    end = clause.last
    if end >= len(tokens) or tokens[end].text != ":":
        return False
    index = event = False
    for j in range(clause.first, end):
        token = tokens[j]
        if token.has(_ADVISED | _RECOMMENDING | Role.MODAL | Role.NEG | Role.VERB | Role.AUX):
            return False
        index = index or bool(token.forms & Form.INDEX)
        event = event or bool(token.forms & (Form.INDEX_EVENT | Form.ATTRIBUTION))
    return index and event


def _registered(mood: ClauseMood, position: int) -> bool:
    """The positions at ``position`` are others', as a regulator lists them: under its label
    ("Short positions notified to the CNMV: Grifols 3.1 %", "BaFin register: net short
    positions of 0.6 % in SAP") or attributed to a named party ("Posiciones cortas en
    Grifols: 3,1 % del capital según la CNMV")."""
    tokens = mood.tokens
    if _register_label(tokens, mood.clause, position):
        return True
    return bool(mood.labelled & Role.INSTITUTION or mood.attributed >= 0) and _register_positions(
        tokens[position]
    )


def _register_label(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """The positions at ``position`` head a label that names a regulator or an exchange:
    the list after it is what others hold, as registered there."""
    return _register_positions(tokens[position]) and bool(_label_of_others(tokens, clause))


def _register_positions(token: Token) -> bool:
    """Positions named by their side, as a noun ("short positions", "posiciones cortas",
    "Netto-Leerverkaufspositionen"): what a label of a register lists, not a step."""
    return bool(token.has(Role.SIDE) and token.forms & Form.NOUN) or token.has(Role.POSITIONS)


def _acting(tokens: Sequence[Token], clause: Clause, lexicon: Lexicon) -> int:
    """Who does the clause's first action, read off its verb when no known actor leads it.

    "Japanese lifers are expected to sell foreign bonds and buy JGBs": the lifers (a
    subject the lexicon does not know) sell, and a clause joined on without a subject of its
    own ("and buy JGBs") has the same one. An imperative has none: "Sell X and buy Y".
    """
    verbs = clause.having(tokens, Role.VERB)
    verb = next((i for i in verbs if tokens[i].forms & ~Form.NOUN), None)
    if verb is None:
        return 0
    return subject_before(tokens, clause, verb, lexicon)


def is_instruction(
    mood: ClauseMood, position: int, lexicon: Lexicon, *, named: bool = False
) -> bool:
    """Whether the action word at ``position`` is asked of us (and not negated);
    ``named``: the caller found the concrete target it acts on ("Siemens wird morgen
    verkauft"), which makes a passive in the future a plan as a figure does."""
    tokens = mood.tokens
    token = tokens[position]
    if any(opening < position < closing for opening, closing in mood.quoted):
        return False  # a headline or a saying, mentioned: "'Sell Tesla' was the call"
    if _registered(mood, position):
        return False  # "Short positions notified to the CNMV: Grifols 3.1 %"
    if negated(tokens, mood.clause, position) or continues_refusal(mood, position):
        return mood.urge or mood.discourage
    if mood.urge:
        return True
    if mood.discourage:
        # "Es wäre ein Fehler, nicht 300 SAP zu kaufen": the negation may stand further off.
        return any(tokens[j].has(Role.NEG) for j in range(mood.clause.first, position))
    if mood.reported and (position > mood.recommend_at or token.negation_after):
        # "UBS advised its clients to cut gold to 15 %": their advice, reported; a
        # verb-final clause puts its modal after the verb ("Der Analyst meinte, dass man
        # SAP bei 200 kaufen sollte").
        return False
    if mood.asked or _hypothetical(mood, position) or _past_gerund(mood, position):
        return False
    if _indirect_question(mood, position):
        return False  # "The question is whether to buy duration now or wait"
    if _attributed_level(mood, position):
        return False  # "Price target for SAP: 210, according to Citi": the speaker's level
    subject = subject_before(tokens, mood.clause, position, lexicon) or mood.subject
    subject = subject or mood.labelled
    if mood.recommend == -1:
        return False
    if not mood.recommend & _RECOMMENDING and _agent_named(mood, position, lexicon):
        return False  # "TLT will be bought by foreign central banks": the agent acts
    # A recommendation governs what follows it; a noun of the trade or its parameters
    # before it is its passive subject: "gross leverage should go to 8x", "die Aktienquote
    # sollte auf 60 % steigen", "a short position … is to be established".
    advised_noun = bool(
        mood.recommend & (Role.RECOMMEND | Role.REC_MODAL)
        and (token.forms & Form.NOUN or token.has(_PARAMETER_NOUNS))
    )
    # A verb-final clause puts its modal after the verb: "dass man SAP kaufen sollte" (not
    # a question it opens: "ob man SAP kaufen sollte").
    clause = mood.clause
    opener = clause.opener | (tokens[clause.first].roles & (Role.SUBORDINATOR | Role.COMPLEMENT))
    final_modal = bool(
        token.negation_after
        and mood.recommend & Role.REC_MODAL
        and (not opener & Role.SUBORDINATOR or opener & Role.COMPLEMENT)
    )
    governs = (
        mood.recommend & Role.REC_ADJ or mood.recommend_at < position or advised_noun or final_modal
    )
    if governs and not mood.conditional and _future_passive(mood, position, lexicon):
        # "TLT will be bought at 90", "SAP wird bei 176 gekauft werden": no agent named,
        # the plan is the outlook's own, whatever the target its subject names (a noun the
        # lexicon does not know is what is moved, not who moves it). A common noun
        # without a figure is issuance or flows ("new 10-year bonds will be sold at the
        # auction"), not a plan of ours.
        actors = mood.clause.having(tokens, _OTHERS)
        if (actors and actors[0] < position) or _index_event(tokens, mood.clause, position):
            return False
        if mood.clause.positions("issue", lambda k: bool(tokens[k].forms & Form.ISSUE)):
            return False  # "the shares will be sold in a secondary offering": the issuer's
        if _figure_or_ticker(tokens, mood.clause) or _holding_subject(
            tokens, mood.clause, position
        ):
            return True
        # A named target alone: German "werden" is the present passive as well ("Anleihen
        # werden massiv verkauft" is what the market does), a time ahead makes it a plan.
        if tokens[mood.recommend_at].text in lexicon.present_passive:
            return named and bool(
                mood.clause.positions("dating", lambda k: bool(tokens[k].forms & _DATING))
            )
        return named
    if mood.recommend and governs:
        if subject & Role.INSTITUTION:
            return False
        if mood.recommend & (Role.RECOMMEND | Role.REC_ADJ | Role.REC_MODAL):
            # Advice to a product ("the fund should be short …") is advice on a book.
            others = subject & _OTHERS and not _product_subject(mood, position)
            return not (others and not mood.recommend & Role.REC_ADJ)
        # A forecasting modal ("could", "will") advises only us and the reader.
        if subject & (Role.SELF | Role.ADDRESSEE):
            return True
    if mood.conditional:
        return False
    if _our_limit_moved(tokens, mood.clause, position, lexicon):
        return True
    if not mood.recommend:
        # "The hedge is lifted this afternoon" (ours, dated), not "bonds are sold heavily";
        # a level or a limit may be the subject of one: "a stop is placed at 1.0850".
        verb = position if present_passive(tokens, mood.clause, position, lexicon) else None
        if verb is None and _trade_noun(token):
            verb = next(
                (
                    k
                    for k in mood.clause.having(tokens, Role.VERB)
                    if k > position and present_passive(tokens, mood.clause, k, lexicon)
                ),
                None,
            )
        if verb is not None:
            return _present_passive(mood, verb, lexicon, named=named)
    if _past(tokens, mood.clause, position, lexicon):
        return False
    if _trade_noun(token) and _past_predicate(tokens, mood.clause, position, lexicon):
        # "Our stop at 95 was hit on Tuesday": a level or a nominal action that heads the
        # subject of a predicate in the past tells what happened, ours or not.
        return False
    if subject & (Role.SELF | Role.ADDRESSEE):
        return True
    if not subject & ~Role.THIRD and _our_book_acts(tokens, mood.clause, position):
        return True
    if _event_of_others(tokens, mood.clause, position):
        return False
    if subject:
        return False
    if token.forms & (Form.THIRD | Form.PAST) and not token.forms & Form.BASE:
        return False
    return not _part_of_subject(tokens, mood.clause, position, lexicon)


# How far back a clause's sentence is read for the time that dates it ("From Monday, the
# fund exits …": the time stands in a clause of its own before the comma).
_DATE_REACH: Final = 12
# What may stand between our book and its verb: adverbs and times, an auxiliary or modal
# of the future ("the fund will exit"), a negation's absence being checked elsewhere.
_BOOK_GAP: Final = Role.AUX | Role.MODAL | Role.PREFIX
_SENTENCE_MARKS: Final = frozenset(".!?;\n")
_TIMES: Final = (
    Form.FUTURE_DAY
    | Form.FUTURE_TIME
    | Form.FUTURE_START
    | Form.PAST_TIME
    | Form.TODAY
    | Form.MONTH
)


def _our_book_acts(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """The subject is our book, named as a product ("the fund", "der Fonds", "le fonds",
    "el fondo": a product that also names a book's assets), right before the verb at
    ``position``, and a time ahead or of today dates the sentence: "This week the fund
    exits its last position in French banks", "Morgen verkauft der Fonds …", "Le fonds
    passe à 60 % d'actions dès lundi". A present tense dated so is a decision being
    carried out, the book's own; undated it tells how the fund works ("the fund hedges
    its currency exposure"). A fund qualified or named ("the sovereign fund", "Norway's
    fund", "le fonds souverain") is someone else's: its name stands between."""
    verb = tokens[position]
    if verb.forms & Form.PAST and not verb.forms & Form.BASE:
        return False
    subject = _book_before(tokens, clause, position)
    if subject is None:
        # German puts the subject after a fronted time: "Morgen verkauft der Fonds …".
        after = position + 1
        while after < clause.last and tokens[after].has(Role.DET):
            after += 1
        if after >= clause.last or position == clause.first or not _book_word(tokens[after]):
            return False
        subject = after
    elif subject > clause.first:
        before = tokens[subject - 1]
        if before.kind == "word" and not (
            before.has(Role.DET | Role.PREP | Role.PREFIX) or before.forms & _DATING
        ):
            return False  # "Norway's fund", "the sovereign fund"
    return _sentence_dated(tokens, clause)


# What a limit of ours is moved with, after its noun: a verb that changes, switches or
# allocates ("is raised to", "wird … erhöht", "est porté à", "passe à"), or a verb that
# describes a move, then a destination ("rises to", "steigt auf", "sube a").
_MOVING: Final = Role.CHANGE | Role.SWITCH | Role.ALLOCATE | Role.TRADE
_DESTINATIONS: Final = frozenset(("to", "up to", "auf", "a", "hasta"))
_OWNER_REACH: Final = 4  # a genitive and its article between a limit and its book


def _our_limit_moved(
    tokens: Sequence[Token], clause: Clause, position: int, lexicon: Lexicon
) -> bool:
    """A limit or the leverage of our book (``position``: its noun, heading the clause's
    subject), its owner our book named as a product or a noun ("the fund's VaR limit",
    "Der Hebel des Fonds", "l'effet de levier du fonds", "el apalancamiento del fondo"),
    moved to a figure in the present: "… is raised to 20 million", "… wird auf 2,5
    erhöht", "… est porté à 2,5 fois", "… sube a 2,5 veces". Undated, a change of our own
    book's limit is a decision stated as a fact; a state ("stands at", "est de", a
    copula: :func:`policies.scan.directives._stated_limit`), the past, another fund's
    limit ("the sovereign fund's leverage") and an owner not named are not."""
    token = tokens[position]
    if not token.has(Role.LIMIT_OBJ | Role.LEVERAGE) or token.has(Role.VERB):
        return False
    owner = _owner_after(tokens, clause, position)
    if owner is None and not _book_possessive(tokens, position, lexicon):
        return False
    start = position + 1 if owner is None else owner + 1
    auxiliary = False
    for k in range(start, clause.last):
        word = tokens[k]
        if word.kind == "number":
            # A figure before the move, or a German passive's ("wird auf 2,5 erhöht").
            if not auxiliary:
                return False
            continue
        if word.forms & Form.SETTING:
            return False  # "… is capped at 2x": a rule in force
        past = word.forms & Form.PAST and not word.forms & Form.PARTICIPLE
        if auxiliary and word.has(Role.DESCRIBE):
            return False  # a move's perfect: "est monté à", "ist gestiegen", "has risen"
        if word.has(_MOVING) and not word.has(Role.PREP):
            # After an auxiliary a past form is the passive's participle: "is raised to".
            return (auxiliary or not past) and _figure_near(tokens, clause, k)
        if word.has(Role.DESCRIBE) and not word.has(Role.AUX):
            nxt = tokens[k + 1] if k + 1 < clause.last else None
            return (
                not word.forms & Form.PAST
                and nxt is not None
                and nxt.text in _DESTINATIONS
                and _figure_near(tokens, clause, k)
            )
        if word.has(Role.AUX | Role.MODAL):
            if past:
                return False  # "was raised", "wurde erhöht"
            auxiliary = True
        elif not word.has(Role.PREFIX | Role.LIMIT_OBJ | Role.LEVERAGE | Role.PREP):
            return False
    return False


def _owner_after(tokens: Sequence[Token], clause: Clause, position: int) -> int | None:
    """Our book as the genitive after a limit: "of the fund", "des Fonds", "du fonds"."""
    k = position + 1
    if k >= clause.last or not tokens[k].has(Role.PREP):
        return None
    # French "des fonds" is plural, others' funds; German "des Fonds" one fund, capitalised.
    plural = tokens[k].text == "des"
    k += 1
    while k < clause.last and k - position <= _OWNER_REACH and tokens[k].has(Role.DET):
        k += 1
    if k >= clause.last or not _book_word(tokens[k]) or (plural and not tokens[k].capital):
        return None
    after = tokens[k + 1] if k + 1 < clause.last else None
    if after is not None and after.kind == "word" and not after.roles:
        return None  # "du fonds souverain", "of the fund's sponsor"
    return k


def _book_possessive(tokens: Sequence[Token], position: int, lexicon: Lexicon) -> bool:
    """Our book's possessive right before the limit, opening the sentence: "the fund's VaR
    limit" (the lexer may end a clause at the possessive's apostrophe)."""
    k = position - 1
    if k < 0:
        return False
    word = tokens[k].text
    if not word.endswith("'s"):
        return False
    entry = lexicon.words.get(word[:-2])
    if entry is None or not entry.roles & (Role.NAV | Role.PORTFOLIO) or entry.roles & _OTHERS:
        return False
    opening = k - 1 if k > 0 and tokens[k - 1].has(Role.DET) else k
    return opening == 0 or (
        tokens[opening - 1].kind == "mark" and tokens[opening - 1].text in _SENTENCE_MARKS
    )


def _figure_near(tokens: Sequence[Token], clause: Clause, k: int) -> bool:
    """A figure right after the verb at ``k``, or before it in its clause (verb-final)."""
    after = range(k + 1, min(clause.last, k + _OWNER_REACH + 2))
    return any(tokens[j].kind == "number" for j in (*range(clause.first, k), *after))


def our_limit_moved(mood: ClauseMood, position: int, lexicon: Lexicon) -> bool:
    """:func:`_our_limit_moved`, unless negated, asked, weighed, conditional or reported."""
    if mood.asked or mood.weighed or mood.conditional or mood.reported or mood.recommend < 0:
        return False
    if negated(mood.tokens, mood.clause, position):
        return False
    return _our_limit_moved(mood.tokens, mood.clause, position, lexicon)


def _book_word(token: Token) -> bool:
    """A noun of a book of assets, not someone else's: "fund", "portfolio", "der Fonds"."""
    return (
        token.kind == "word"
        and token.has(Role.NAV | Role.PORTFOLIO)
        and not token.has(Role.INSTITUTION)
        and not token.glued
    )


def _book_before(tokens: Sequence[Token], clause: Clause, position: int) -> int | None:
    """The book right before the verb at ``position``, past adverbs, times and a finite
    auxiliary or modal ("the fund will exit"), with nothing after it in its language's
    order ("le fonds souverain passe" names another fund)."""
    k = position - 1
    while k >= clause.first and (tokens[k].has(_BOOK_GAP) or tokens[k].forms & _DATING):
        k -= 1
    if k < clause.first or not _book_word(tokens[k]):
        return None
    return k


def _sentence_dated(tokens: Sequence[Token], clause: Clause) -> bool:
    """A time ahead or of today in the clause or in the clauses of its sentence before it."""
    first = clause.first
    while first > 0 and clause.first - first < _DATE_REACH:
        before = tokens[first - 1]
        if before.kind == "mark" and before.text in _SENTENCE_MARKS:
            break
        first -= 1
    span = range(first, clause.last)
    if any(tokens[k].forms & Form.PAST_TIME for k in span):
        return False
    return any(tokens[k].forms & _DATING for k in span)


# Words that open an indirect question: what follows is weighed, not asked ("whether to buy
# duration", "ob man Gold kaufen soll"). French and Spanish "si" is "if" as well: it opens
# one only after a word of asking ("la question est de savoir si", "la pregunta es si").
_WHETHER: Final = frozenset(("whether", "ob"))
_IF_OR_WHETHER: Final = frozenset(("si", "s'", "s'il", "s'ils"))
_ASKING: Final = ("question", "pregunt", "demand", "savoir", "saber", "doute", "duda")
_ASKING_REACH: Final = 3


def _indirect_question(mood: ClauseMood, position: int) -> bool:
    """The action at ``position`` stands in an indirect question: "whether to buy duration
    now", "ob man jetzt Anleihen kaufen soll", "de savoir s'il faut acheter", "la pregunta
    es si conviene comprar". It weighs the action, a recommendation inside it included;
    whoever asks it asks no one to act. A recommendation before it governs it."""
    tokens, clause = mood.tokens, mood.clause
    for k in range(clause.first, position):
        word = tokens[k].text
        if word in _WHETHER or (
            word in _IF_OR_WHETHER
            and any(tokens[j].text.startswith(_ASKING) for j in range(max(0, k - _ASKING_REACH), k))
        ):
            return not (mood.recommend > 0 and mood.recommend_at < k)
    return False


def _attributed_level(mood: ClauseMood, position: int) -> bool:
    """A level named without a verb in a sentence that attributes it to a named third party:
    "Price target for SAP: 210, according to Citi", "Kursziel 210 Euro laut Citi",
    "objectif de cours de 210 € selon Citi", "precio objetivo de 210 € según Citi". The
    speaker's level, reported; a verb that sets it ("Set the stop at 4,480, says Citi") is
    read as the verb's."""
    tokens = mood.tokens
    return (
        mood.attributed >= 0
        and tokens[position].has(Role.LEVEL)
        and not tokens[position].has(Role.VERB)
        and not mood.clause.having(tokens, Role.VERB | _RECOMMENDING | Role.MODAL)
    )


def _trade_noun(token: Token) -> bool:
    """A noun of the trade: a nominal action, or a level, limit or weight that no verb
    reading shares ("stop", "entry", "Stopp"; not "trim", "cap")."""
    return bool(token.forms & Form.NOUN) or (
        token.has(_PARAMETER_NOUNS) and not token.has(Role.VERB)
    )


def described(mood: ClauseMood, position: int, lexicon: Lexicon) -> bool:
    """The action word at ``position`` tells what a named third party does or what was done.

    The only readings under which a fully specified order is commentary: "dealers bought
    2m shares at 45", "CTAs are long 80 %", "we sold 200 AAPL at 180 last week".
    """
    tokens = mood.tokens
    if mood.reported and (position > mood.recommend_at or tokens[position].negation_after):
        # "Santander advised clients to buy 2,000 SAN", "Morgan Stanley suggests that
        # clients lower their equity allocation to 55 %": what a third party said.
        return True
    if _hypothetical(mood, position) or _past_gerund(mood, position):
        return True  # "had we bought 200 AAPL at 150, we would have …"
    if not mood.recommend & _RECOMMENDING and _agent_named(mood, position, lexicon):
        return True  # "200 TLT will be bought at 90 by foreign central banks"
    subject = subject_before(tokens, mood.clause, position, lexicon) or mood.subject
    if subject & _OTHERS:
        return True
    if _registered(mood, position):
        return True
    if _future_passive(mood, position, lexicon):
        return False  # "200 TLT will be bought at 90": a plan, not what was done
    # Market participants in general, forecast or described, not advised: "systematic
    # strategies could sell 30 billion dollars of equities".
    # A subject the lexicon does not know counts only with a finite verb of its own
    # ("strategies could sell"), not when it is read off a frame ("nothing wrong with").
    advised = mood.recommend > 0 and mood.recommend & (_RECOMMENDING | Role.URGE)
    if subject & Role.GENERIC and not advised and not mood.urge:
        actors = mood.clause.having(tokens, Role.GENERIC)
        finite = mood.clause.having(tokens, Role.AUX | Role.MODAL)
        if (actors and actors[0] < position) or (finite and finite[0] < position):
            return True
    token = tokens[position]
    if token.forms & Form.NOW_OR_PAST and not subject:
        # "Nota de la mesa: compramos 2.000 Iberdrola a 12,30 en la apertura": a whole
        # order in a form both present and past is what we do now, unless a time in the
        # past or a past auxiliary dates it ("el año pasado compramos …").
        return _dated(tokens, mood.clause, position)
    # "Makrofonds haben … 5.000 Kontrakte NQH7 verkauft", "the fund sells 200 AAPL at 180":
    # a finite form that is no imperative or infinitive reports what someone does or did.
    if token.forms & (Form.PAST | Form.THIRD) and not token.forms & (Form.BASE | Form.NOUN):
        return True
    clause = mood.clause
    if token.forms & Form.NOUN and _past_predicate(tokens, clause, position, lexicon):
        # "The purchase of 500 SAP shares by the CEO was disclosed": a nominal action whose
        # predicate is in the past reports what was done.
        return True
    if _gerund_after_article(tokens, clause, position) and _past_after(
        tokens, clause, position, lexicon
    ):
        # "The unwinding of yen carry trades knocked 12 % off the Nikkei": a gerund used
        # as a noun, a verb in the past after it ("trades" between is a noun).
        return True
    if token.forms & Form.THIRD and position == clause.last - 1:
        # A verb-final perfect: "Makrofonds haben … 5.000 Kontrakte NQH7 verkauft".
        auxiliaries = clause.having(tokens, Role.AUX)
        if auxiliaries and auxiliaries[0] < position:
            return True
    return _past(tokens, clause, position, lexicon)


def _future_passive(mood: ClauseMood, position: int, lexicon: Lexicon) -> bool:
    """The participle at ``position`` is a passive after a future auxiliary: "TLT will be
    bought at 90", "SAP wird bei 176 gekauft (werden)", "TLT sera acheté à 90", "TLT será
    comprado a 90". English "bought", "closed" are past forms as well; here they are none."""
    tokens = mood.tokens
    if not tokens[position].forms & (Form.PARTICIPLE | Form.PAST):
        return False
    if not (mood.recommend > 0 and mood.recommend & Role.FORECAST_MODAL):
        return False
    if mood.recommend & _RECOMMENDING:
        return False  # "Siemens sollte verkauft werden": advice, read as such
    at = mood.recommend_at
    if not mood.clause.first <= at < position:
        return False
    if tokens[at].text in lexicon.passive:
        return True  # "wird … gekauft", "sera acheté", "será comprado"
    before = tokens[position - 1]
    after = tokens[position + 1] if position + 1 < mood.clause.last else None
    return before.text in lexicon.passive or (after is not None and after.text in lexicon.passive)


def _figure_or_ticker(tokens: Sequence[Token], clause: Clause) -> bool:
    """A figure (not the count of a compound: "10-year") or a name in capitals in the clause."""
    for k in range(clause.first, clause.last):
        token = tokens[k]
        if token.kind == "number":
            if not (k + 1 < clause.last and tokens[k + 1].glued):
                return True
        elif token.kind == "word" and token.upper and not token.roles:
            return True
    return False


# What a passive's subject names when it is a holding of ours: a position, a hedge, an
# order, a level, a limit, leverage, a weight, the book, a side ("the yen short"), us.
_HELD: Final = (
    Role.POSITIONS
    | Role.ORDER_OBJ
    | Role.LEVEL
    | Role.LIMIT_OBJ
    | Role.LEVERAGE
    | Role.WEIGHT
    | Role.PORTFOLIO
    | Role.SIDE_ADJ
    | Role.SELF
)


def _holding_subject(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A word of a holding of ours in the clause of the participle at ``position``: "the
    position will be closed on Friday", "la couverture sera roulée", "der Hedge wird
    gerollt", "Apple will be added to the portfolio". An issue or a flow names none ("new
    bonds will be sold at the auction")."""
    return any(k != position and not tokens[k].has(Role.DET) for k in clause.having(tokens, _HELD))


# What dates a trade in the present passive as a step being taken: a time of the day or
# one ahead.
_DATING: Final = Form.TODAY | Form.FUTURE_TIME | Form.FUTURE_DAY


def _present_passive(mood: ClauseMood, position: int, lexicon: Lexicon, *, named: bool) -> bool:
    """A trade in the present passive that is a step of ours being taken: "half of the SMI
    futures hedge is lifted this afternoon", "the desk VaR limit is raised to $12m", "Les
    contrats Bund restants sont vendus à la clôture", "Se compran esta mañana 20.000
    títulos de Iberdrola para la cartera".

    A holding of ours (:func:`_holding_subject`), or our book or product named, moved to a
    figure or dated by a time of the day or one ahead; a named target (``named``) only
    when sized. What the market does in the present passive names none ("bonds are sold
    heavily", "tech is being sold on rate fears"); an agent of others ("by foreign central
    banks"; a desk or a broker executes ours), an index or an issue, the past, a question
    or a negation leave it to others.
    """
    tokens, clause = mood.tokens, mood.clause
    token = tokens[position]
    if not token.forms & (Form.PARTICIPLE | Form.PAST) or mood.asked or mood.weighed:
        return False
    if _past_marked(tokens, clause) or _index_event(tokens, clause, position):
        return False
    if clause.positions("issue", lambda k: bool(tokens[k].forms & Form.ISSUE)):
        return False
    actors = clause.having(tokens, _OTHERS)
    if (actors and actors[0] < position) or _agent_named(mood, position, lexicon):
        return False
    figure = _figure_or_ticker(tokens, clause)
    if named and not _holding_subject(tokens, clause, position) and not _ours_named(tokens, clause):
        return figure and any(tokens[k].kind == "number" for k in range(clause.first, clause.last))
    dated = clause.positions("dating", lambda k: bool(tokens[k].forms & _DATING))
    if not (_holding_subject(tokens, clause, position) or _ours_named(tokens, clause)):
        return False
    if dated:
        return True
    # A limit or leverage at a figure, undated, is a rule in force: "position limits are set
    # at 4 % of NAV", "the fund's leverage is limited to 1.5x".
    held = clause.having(tokens, _HELD)
    limits = held and all(tokens[k].has(_LIMITS) or tokens[k].has(Role.DET) for k in held)
    return figure and not limits


def present_passive(
    tokens: Sequence[Token], clause: Clause, position: int, lexicon: Lexicon
) -> bool:
    """The participle at ``position`` is in the present passive: a reflexive one ("se
    venden"), or after an auxiliary of the present passive, past adverbs ("is being lifted",
    "gets unwound", "est soldée", "son enviadas")."""
    forms = tokens[position].forms
    if not forms & (Form.PARTICIPLE | Form.PAST) or forms & Form.GERUND:
        return False
    if forms & Form.REFLEXIVE:
        return bool(forms & Form.THIRD)  # "se venden"; "se venderán" is the future
    j = position - 1
    while j >= clause.first and tokens[j].kind == "word" and tokens[j].text.endswith("ly"):
        j -= 1
    return j >= clause.first and tokens[j].text in lexicon.present_passive


def _past_marked(tokens: Sequence[Token], clause: Clause) -> bool:
    """A time in the past or an auxiliary in the past anywhere in the clause."""
    return bool(
        clause.positions(
            "past marked",
            lambda k: bool(
                tokens[k].forms & Form.PAST_TIME
                or (tokens[k].has(Role.AUX | Role.MODAL) and tokens[k].forms & Form.PAST)
            ),
        )
    )


def _ours_named(tokens: Sequence[Token], clause: Clause) -> bool:
    """Our product or book named in the clause ("for the fund", "für das Mandat", "para la
    cartera"), or us."""
    return bool(
        clause.positions(
            "ours named",
            lambda k: bool(
                tokens[k].has(Role.SELF | Role.PORTFOLIO)
                or (tokens[k].has(Role.THIRD) and tokens[k].forms & Form.PRODUCT)
            ),
        )
    )


# Words between a participle and the index it names: prepositions, articles.
_TO_INDEX: Final = Role.PREP | Role.DET | Role.LEVEL_LINK


def _index_event(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """An index after the participle at ``position``, past a preposition: "Tesla will be
    added to the S&P 500", "Zalando wird aus dem DAX genommen", "Solaria será excluida del
    IBEX": the provider changes the index; the German participle closes its clause, the
    index before it ("wird am Montag in den DAX aufgenommen")."""
    k = position + 1
    # "added to" may be read as one phrasal participle: its article follows it.
    while k < clause.last and tokens[k].has(_TO_INDEX) and not tokens[k].forms & Form.INDEX:
        k += 1
    if k < clause.last and tokens[k].forms & Form.INDEX:
        return True
    if tokens[position].negation_after:
        return any(
            tokens[j].forms & Form.INDEX and tokens[j - 1].has(_TO_INDEX)
            for j in range(clause.first + 1, position)
        )
    return False


# How far after its preposition a passive's agent may be named ("by the big foreign
# central banks").
_AGENT_REACH: Final = 4


def _agent_named(mood: ClauseMood, position: int, lexicon: Lexicon) -> bool:
    """A participle at ``position`` whose passive names its agent, someone other than us:
    "bought by foreign central banks", "achetées par la BCE", "von der EZB gekauft",
    "comprados por el BCE". A figure or a date after the preposition is none ("cut by 2 %",
    "bought by Friday"); nor is a passive that is recommended ("is to be bought by the
    fund", "should be sold by client accounts"): the advice names whom it advises."""
    tokens, clause = mood.tokens, mood.clause
    if not lexicon.agents:
        return False
    # A nominal action names its agent after it: "La venta de bonos por parte de los bancos
    # centrales", "the sale of bonds by central banks", "der Verkauf durch die Notenbanken".
    nominal = tokens[position].forms == Form.NOUN
    if not (nominal or tokens[position].forms & (Form.PARTICIPLE | Form.PAST)):
        return False
    for j in range(position + 1 if nominal else clause.first, clause.last - 1):
        if tokens[j].text not in lexicon.agents:
            continue
        for k in range(j + 1, min(clause.last, j + 1 + _AGENT_REACH)):
            roles = tokens[k].roles
            if roles & Role.ACTOR:
                # Us or our product ("is to be bought by the fund") are no one else.
                return not (roles & Role.SELF or tokens[k].forms & Form.PRODUCT)
            if tokens[k].kind != "word" or roles & (Role.VERB | Role.INSTRUMENT | Role.UNIT):
                break
            if _unknown_agent(tokens, k, lexicon):
                return True
    return False


def _unknown_agent(tokens: Sequence[Token], k: int, lexicon: Lexicon) -> bool:
    """A noun the lexicon does not know after a passive's preposition names its agent: a
    name ("by Elon Musk's trust", "von BlackRock", "vom Gründer") or a noun after its
    article ("by the founder", "by the exchange"). A time, a figure or a word the lexicon
    knows is none ("by Friday", "by 2 %", "by the close", "by a third")."""
    token = tokens[k]
    if token.roles or token.forms or token.kind != "word" or token.glued:
        return False
    if token.text in lexicon.fractions:
        return False
    return token.capital or token.upper or tokens[k - 1].has(Role.DET)


def _gerund_after_article(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A gerund used as a noun: after an article ("the unwinding of", "the selling of")."""
    if not tokens[position].forms & Form.GERUND or position == clause.first:
        return False
    article = tokens[position - 1]
    return article.has(Role.DET) and not article.has(Role.NEG | Role.PREFIX)


def _past_after(tokens: Sequence[Token], clause: Clause, position: int, lexicon: Lexicon) -> bool:
    """A verb in the past, known or by its English ending, after ``position``."""
    return any(
        _finite_past(tokens[i]) or _unknown_past(tokens[i], lexicon)
        for i in _predicates(tokens, clause, lexicon)
        if i > position
    )


def _dated(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A time in the past or a past auxiliary anywhere in the clause ("compramos 2.000
    Iberdrola a 12,30 el año pasado"): the action at ``position`` is history."""
    dated = clause.positions(
        "dated",
        lambda i: (
            bool(tokens[i].forms & Form.PAST_TIME)
            or (tokens[i].has(Role.AUX) and bool(tokens[i].forms & Form.PAST))
        ),
    )
    return bool(dated)


def negated(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A negation or an avoiding verb governs the token at ``position``."""
    steps = 0
    i = position - 1
    while i >= clause.first and steps < _NEGATION_REACH:
        token = tokens[i]
        if (
            token.has(Role.NEG | Role.AVOID)
            and not token.has(Role.URGE)
            and not _level_noun(tokens, clause, i)
        ):
            return True
        if token.has(Role.DISJUNCTION) and _correlative(tokens, clause, i):
            return True  # "weder ein Angebot noch eine Empfehlung zum Kauf"
        if _attached(tokens, clause, i, position) and negated(tokens, clause, i):
            # "neither an offer to sell", "una solicitud de compra", "une sollicitation
            # d'achat": an action attached to a noun is refused with that noun.
            return True
        if token.has(_RECOMMENDING | Role.VERB) and not token.has(_TRANSPARENT):
            break  # the negation, if any, governs that predicate instead
        if token.kind == "word" and not token.has(_TRANSPARENT) and not token.text.endswith("ly"):
            break
        i -= 1
        steps += 1
    token = tokens[position]
    after = position + 1
    if _object_refused(tokens, clause, position):
        return True
    # "market orders are not used": the action word is the subject of a negated verb.
    if (
        after + 1 < clause.last
        and tokens[after].has(Role.AUX | Role.MODAL)
        and tokens[after + 1].has(Role.NEG)
        # "Net exposure must not exceed 7 %": a limit under a negated norm is a cap.
        and not (tokens[after].has(Role.REC_MODAL) and token.has(_LIMITS))
    ):
        return True
    if token.negation_after:
        # "Kaufen Sie SAP nicht": the negation may follow, up to the next action word.
        negations = clause.positions(
            "negation", lambda j: tokens[j].has(Role.NEG) and not tokens[j].has(Role.URGE)
        )
        negation = next_position(negations, after)
        if negation is not None:
            verb = next_position(clause.having(tokens, Role.VERB), after + 1)
            return verb is None or negation <= verb
    return False


def _level_noun(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A level whose word also avoids ("stop") named as a noun: a determiner or a
    possessive before it ("our stop at 95 should be moved", "der Stopp sollte …"), or a
    figure, a preposition or a predicate right after it ("the stop at 95", "stop should
    be raised"); a verb of avoiding takes what it avoids ("stop buying", "stop adding X")."""
    token = tokens[i]
    if not token.has(Role.LEVEL):
        return False
    if i > clause.first and tokens[i - 1].has(Role.DET):
        return True
    if i + 1 >= clause.last:
        return False
    after = tokens[i + 1]
    return after.kind == "number" or after.has(Role.MODAL | Role.AUX | Role.LEVEL_LINK)


def _correlative(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """The disjunction at ``position`` is the second half of a negated pair ("weder …
    noch", "ni … ni", "neither … nor"): a negation stands before it in the clause."""
    return any(
        tokens[j].has(Role.NEG) and not tokens[j].has(Role.URGE)
        for j in range(clause.first, position)
    )


def _attached(tokens: Sequence[Token], clause: Clause, noun: int, position: int) -> bool:
    """The action at ``position`` is attached to the noun at ``noun``, which opens with a
    determiner: by prepositions or an infinitive marker between ("an offer to sell", "eine
    Aufforderung zum Verkauf", "una solicitud de compra"), or as a nominal action right
    after it ("une sollicitation d'achat"). A negation of that noun refuses the action."""
    token = tokens[noun]
    if token.kind != "word" or token.has(_TRANSPARENT) or noun <= clause.first:
        return False
    before = tokens[noun - 1]
    if not (before.has(Role.DET) or (before.kind == "number" and before.text.isalpha())):
        return False
    if noun + 1 == position:
        return bool(tokens[position].forms & Form.NOUN) and not token.has(Role.VERB)
    return all(tokens[j].has(Role.PREP | Role.INFINITIVE) for j in range(noun + 1, position))


# What a negation before an object may refuse: the object itself, a limit, a book or its
# weights, a target, or a nominal action ("no change", "no rebalancing").
_REFUSABLE: Final = (
    Role.ORDER_OBJ
    | Role.POSITIONS
    | Role.LIMIT_OBJ
    | Role.LEVERAGE
    | Role.WEIGHT
    | Role.PORTFOLIO
    | Role.INSTRUMENT
    | Role.UNIT
    | Role.VERB
)


def _object_refused(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A negation right after the verb at ``position`` refuses its object, and so the act.

    "This outlook places no order", "we take no new positions", "the outlook proposes no
    limit change": the verb acts on nothing. The negation must open the object's noun
    phrase (past determiners) and the phrase must name what the verb would act on, so
    "buy not SPY but QQQ", a cap ("no more than", a determiner) or a time ("no later
    than") refuses nothing. Verb-final languages read a negation after the verb anyway.
    """
    token = tokens[position]
    if token.negation_after or not token.has(Role.VERB | Role.RECOMMEND):
        return False  # a modal's negation negates its verb: "should not go above 2x"
    after = position + 1
    if after >= clause.last or not tokens[after].has(Role.NEG) or tokens[after].has(Role.URGE):
        return False
    j = after + 1
    while j < clause.last and tokens[j].has(Role.DET) and not tokens[j].has(_REFUSABLE):
        j += 1
    return j < clause.last and tokens[j].kind == "word" and tokens[j].has(_REFUSABLE)


def continues_refusal(mood: ClauseMood, position: int) -> bool:
    """The action at ``position`` continues the refusal of the clause before it.

    "We are not buying or selling SPY", "keine Kauf- oder Verkaufsempfehlung", "wir
    empfehlen nicht, SAP zu kaufen oder zu verkaufen": the first action after a disjunction
    (only transparent words between), a bare verb listed before one ("cannot place,
    modify or cancel orders"), or an infinitive complement ("zu kaufen") of a refused
    recommendation. Anything else ("…, but buy 100 SPY") stands on its own.
    """
    if not mood.refused:
        return False
    tokens, clause = mood.tokens, mood.clause
    if position > clause.first and tokens[position - 1].has(Role.INFINITIVE):
        return True
    transparent = all(
        tokens[j].kind == "mark" or tokens[j].has(_TRANSPARENT | Role.DISJUNCTION)
        for j in range(clause.first, position)
    )
    if clause.opener & Role.DISJUNCTION:
        return transparent
    # A bare verb listed before the disjunction: "it cannot place, modify or cancel orders".
    return (
        transparent
        and position == clause.last - 1
        and tokens[clause.first - 1].text == ","
        and clause.last < len(tokens)
        and tokens[clause.last].has(Role.DISJUNCTION)
    )


def _ends_refused(mood: ClauseMood) -> bool:
    """The clause's last action word is refused: negated, or continuing a refusal."""
    tokens, clause = mood.tokens, mood.clause
    actions = clause.having(tokens, Role.VERB | Role.SIDE_ADJ)
    if not actions:
        return False
    last = actions[-1]
    return negated(tokens, clause, last) or continues_refusal(mood, last)


def _recommendation(tokens: Sequence[Token], clause: Clause) -> tuple[int, int]:
    """Roles of the clause's recommendation (0 none, -1 negated) and its first position."""
    found, first = 0, -1
    for i in range(clause.first, clause.last):
        token = tokens[i]
        if token.roles & (_RECOMMENDING | Role.FORECAST_MODAL):
            if _judged_in_the_past(tokens, clause, i) or _attributive_of_others(tokens, clause, i):
                continue
            if (
                negated(tokens, clause, i)
                or _negated_after(tokens, clause, i)
                or _negative_subject(tokens, clause, i)
                or _negated_reading(tokens, clause, i)
            ):
                return -1, i
            found |= token.roles & (_RECOMMENDING | Role.FORECAST_MODAL)
            first = i if first < 0 else first
    return found, first


def _attributive_of_others(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """An adjective of advice between an article and its noun, in a clause a third party
    leads: "Barclays strategists put a take-profit at 4.05 % on their recommended gilt
    long" names the trade they recommended; it recommends nothing to us."""
    token = tokens[position]
    if not token.has(Role.REC_ADJ) or position == clause.first or position + 1 >= clause.last:
        return False
    noun = tokens[position + 1]
    if not tokens[position - 1].has(Role.DET) or noun.kind != "word" or noun.has(Role.PREP):
        return False
    return bool(_leading_subject(tokens, clause) & _OTHERS)


def _judged_in_the_past(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """An adjective of advice after a copula in the past judges what was: "the entry at
    4,400 looked attractive in hindsight", "der Einstieg war attraktiv", "a long in X was
    the best trade of 2024" (not "would have been attractive", nor "is attractive")."""
    token = tokens[position]
    if token.roles & (_RECOMMENDING | Role.FORECAST_MODAL) != Role.REC_ADJ:
        return False
    before = position - 1
    while before > clause.first and tokens[before].has(Role.DET):
        before -= 1  # "was the best trade", "war die richtige Wahl"
    if before < clause.first:
        return False
    copula = tokens[before]
    return (
        copula.has(Role.AUX)
        and bool(copula.forms & Form.PAST)
        and not copula.forms & (Form.COUNTERFACTUAL | Form.BASE)
    )


def _negated_reading(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A modal, a negation and a passive of a verb that is no action ("should not be read",
    "must not be construed"): how a text may be taken is refused, not an action advised."""
    end = position + 4
    if end > clause.last or not tokens[position].has(Role.REC_MODAL):
        return False
    verb = tokens[position + 3]
    return (
        tokens[position + 1].has(Role.NEG)
        and tokens[position + 2].has(Role.AUX)
        and verb.kind == "word"
        and verb.roles == 0
    )


def _negative_subject(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A negative pronoun opens the clause and is the subject of the verb at ``position``.

    "Nichts in diesem Ausblick legt nahe, …", "nothing in this note suggests …": the
    negation stands further off than it reaches, but no other predicate stands between.
    """
    first = tokens[clause.first]
    if not first.has(Role.NEG) or first.has(Role.URGE) or position == clause.first:
        return False
    return not any(
        tokens[j].has(Role.VERB | Role.AUX | Role.MODAL | _RECOMMENDING)
        for j in range(clause.first + 1, position)
    )


def _participle_adjunct(tokens: Sequence[Token], clause: Clause) -> bool:
    """The clause is a gerund set off by a comma after the clause before it ("…, raising
    the weight of banks to 12 %", "…, taking the book to 60 % equities"): it has no
    subject of its own and tells what the clause before did."""
    first = clause.first
    if first == 0 or tokens[first - 1].text != ",":
        return False
    verb = tokens[first]
    return bool(verb.forms & Form.GERUND and not verb.forms & Form.NOUN and verb.has(Role.VERB))


def _coordinated_report(
    tokens: Sequence[Token], clause: Clause, position: int, subject: int, before: int
) -> bool:
    """A verb of speech joined on to a third party's clause reports its advice too:
    "Morgan Stanley moved its gilt target to 4.10 % and told clients to add duration".
    The clause has no subject of its own, opens with the conjunction, and only adverbs
    stand between it and the verb, which is finite (not "and tell clients to …")."""
    if subject or not before & _SPEAKERS or not clause.opener & Role.COORDINATOR:
        return False
    verb = tokens[position]
    if not verb.forms & Form.SPEECH or not verb.forms & (Form.PAST | Form.THIRD):
        return False
    if _to_the_reader(tokens, clause, position):
        return False
    return all(
        tokens[j].roles & ~(Role.COORDINATOR | Role.PREFIX | Role.NOT_TICKER | Role.NUMBER_JOINER)
        == 0
        for j in range(clause.first, position)
    )


def _reported(tokens: Sequence[Token], clause: Clause, position: int, subject: int) -> bool:
    """The verb of speech at ``position`` reports a third party's advice.

    Its subject stands before it and is a third party, an institution or a name the
    lexicon does not know ("UBS advised its clients", "Newsletter writers are urging
    subscribers"); not us, the reader or investors in general, and not an action, a figure
    or a target ("selling 200 AAPL is advised" is a passive recommendation). Right after
    an auxiliary only a progressive reports ("are urging"): "il est recommandé", "it is
    advised" are passive recommendations.
    """
    verb = tokens[position]
    if not verb.forms & Form.SPEECH or subject & (Role.SELF | Role.ADDRESSEE):
        return False
    if _to_the_reader(tokens, clause, position):
        return False
    # Market participants in general are advised, unless they advise their own audience:
    # "Die Vermögensverwalter der Sparkasse empfehlen ihren Kunden, …".
    generic = Role.GENERIC if _own_audience(tokens, clause, position) else 0
    if subject & Role.GENERIC and not generic:
        return False
    before = tokens[position - 1] if position > clause.first else None
    if (
        before is not None
        and before.has(Role.AUX)
        and not verb.forms & Form.GERUND
        and before.text not in _HAVE
    ):
        return False
    speaker = False
    for j in range(clause.first, position):
        token = tokens[j]
        # A figure, not an article written like one ("eine Bank", "one broker").
        figure = token.kind == "number" and not token.text.isalpha()
        if figure or token.has(_NOT_SPEAKER | (_ADVISED & ~generic)):
            return False
        unknown = token.roles == 0 and not _adverb(token.text)
        if token.kind == "word" and (token.has(_SPEAKERS | generic) or unknown):
            speaker = True
    return speaker


# Possessives of the third person: an audience they own is the speaker's ("their clients",
# "ihren Kunden", "leurs clients", "sus clientes").
_THIRD_POSSESSIVES: Final = frozenset(
    ("their", "its", "ihren", "ihre", "seinen", "seine", "leurs", "leur", "ses", "sus", "su")
)
_AUDIENCE_REACH: Final = 3  # a preposition and the possessive before the audience's noun


def _own_audience(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """The verb of speech at ``position`` addresses the speaker's own audience: a third
    person's possessive follows it at once or after a preposition ("empfehlen ihren
    Kunden", "recommend to their clients", "conseillent à leurs clients")."""
    for j in range(position + 1, min(clause.last, position + _AUDIENCE_REACH)):
        token = tokens[j]
        if token.text in _THIRD_POSSESSIVES and not token.capital:
            return True
        if not token.has(Role.PREP):
            return False
    return False


# The auxiliaries of an active perfect: "Goldman has advised", "ha recomendado" report as
# the simple past does ("it is advised", "está recomendado" are passive recommendations).
_HAVE: Final = frozenset(
    ("has", "have", "had", "hat", "haben", "hatte", "hatten", "ha", "han", "habia", "habian")
)
# Who may speak in a report: a third party, an institution, a broker ("the broker tells
# its clients …").
_SPEAKERS: Final = _OTHERS | Role.BROKER


def _audience(tokens: Sequence[Token], clause: Clause, subject: int) -> bool:
    """The clause's subject is the audience of a third party's advice reported before it:
    clients, investors or subscribers ("that its clients trim tech", "que ses clients
    allègent …"), never us and never the reader in the second person."""
    if subject & Role.SELF:
        return False
    actors = clause.having(tokens, Role.ACTOR)
    return bool(actors) and not any(_second_person(tokens, clause, j) for j in actors)


def _second_person(tokens: Sequence[Token], clause: Clause, j: int) -> bool:
    """The word at ``j`` addresses the reader: "you", "vous", "usted", or a polite German
    "Sie"/"Ihre" (capitalised inside the clause, not the "ihre" of a third party)."""
    return _second_person_at(tokens, j, clause.first)


# The reader addressed in the second person (not "clients", whom a broker also advises).
_SECOND_PERSON: Final = frozenset(
    ("you", "your", "yours", "votre", "vos", "vous", "usted", "ustedes", "tu", "tus")
)
_POLITE_SECOND_PERSON: Final = frozenset(("ihr", "ihre", "ihren", "ihrem", "ihres", "sie"))


def _to_the_reader(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """The advice at ``position`` is for the reader, named in the second person after it:
    "The robo-advisor's suggested action for your account: …". Whoever gives it, it asks
    the reader to act; a broker's advice to "its clients" is reported."""
    return any(
        _second_person(tokens, clause, j)
        for j in range(position + 1, min(clause.last, position + 4))
    )


# What may name the speaker of an attribution: a third party, an institution, or a name
# the lexicon does not know ("UBS's note", "der Commerzbank").
_SPEAKER: Final = Role.THIRD | Role.INSTITUTION
# What a speaker's words cannot hold: us, the reader, the market in general, an action.
_NOT_NAMING: Final = _ADVISED | Role.VERB | _RECOMMENDING | Role.MODAL


def _attributed(tokens: Sequence[Token], sentence: Sequence[Clause]) -> int:
    """Where the sentence attributes what follows to a named third party (-1: nowhere).

    "According to UBS's note, …", "In Citi's view …", "Laut einer Studie der Commerzbank
    sollten …", "BofA says …": the speaker is named in the words of the attribution's
    clause up to its predicate (before an attributing verb, its subject). Only a third
    party, an institution or a capitalised name the lexicon does not know is a speaker;
    "according to our model", "in my view", "the chart says" name none.
    """
    for clause in sentence:
        for marker in clause.positions(
            "attribution", lambda i: bool(tokens[i].forms & Form.ATTRIBUTION)
        ):
            if tokens[marker].has(Role.DESCRIBE):
                end = marker
            else:
                predicates = clause.having(
                    tokens, Role.VERB | Role.MODAL | Role.AUX | _RECOMMENDING | Role.DESCRIBE
                )
                end = next_position(predicates, marker + 1) or clause.last
            # "… 3,1 % del capital según la CNMV": a preposition names its speaker after it.
            after = not tokens[marker].has(Role.DESCRIBE) and _names_speaker(
                tokens, marker + 1, end
            )
            if after or _names_speaker(tokens, clause.first, end):
                return marker
    return -1


def _names_speaker(tokens: Sequence[Token], first: int, end: int) -> bool:
    """The words ``[first, end)`` name a third party and none of us, the reader or an action."""
    named = False
    for j in range(first, end):
        token = tokens[j]
        if token.has(_NOT_NAMING):
            return False
        if token.kind != "word":
            continue
        name = token.roles == 0 and (token.capital or token.upper)
        named = named or name or token.has(_SPEAKER)
    return named


def _product_opens(tokens: Sequence[Token], clause: Clause) -> bool:
    """A clause that a complementizer opens has a product as its subject: "il faudrait que
    le fonds renforce sa ligne en X", "sería conveniente que el fondo deshiciera su
    posición en Y". The recommendation before it advises the product, and so the book."""
    if not clause.opener & Role.COMPLEMENT:
        return False
    actors = clause.having(tokens, Role.ACTOR)
    return bool(actors) and bool(tokens[actors[0]].forms & Form.PRODUCT)


def _product_subject(mood: ClauseMood, position: int) -> bool:
    """The clause's first actor, before ``position``, is a product or its document; or the
    subject carried to the clause past an apposition is ("The fund, which is long, should
    cut …")."""
    actors = mood.clause.having(mood.tokens, Role.ACTOR)
    if not (actors and actors[0] < position):
        return mood.apposed >= 0 and bool(mood.tokens[mood.apposed].forms & Form.PRODUCT)
    return bool(mood.tokens[actors[0]].forms & Form.PRODUCT)


def _counterfactual(tokens: Sequence[Token], clauses: Sequence[Clause]) -> int:
    """The first auxiliary of the counterfactual past in ``clauses`` (-1: none).

    "Would have to" is an obligation, not the past: an auxiliary before an infinitive
    marker does not count.
    """
    for clause in clauses:
        for i in clause.having(tokens, Role.AUX):
            if not tokens[i].forms & Form.COUNTERFACTUAL:
                continue
            if i + 1 < clause.last and tokens[i + 1].has(Role.INFINITIVE):
                continue
            return i
    return -1


def _hypothetical(mood: ClauseMood, position: int) -> bool:
    """The action at ``position`` is in the counterfactual past, not asked of anyone.

    In the clause of the auxiliary ("a 2x levered 60/40 portfolio would have lost 38 %"),
    or a gerund or noun that is its subject in the same sentence ("buying X on a break of
    P and holding it would have returned 4 %"); an imperative beside it still instructs.
    """
    at = mood.counterfactual
    if at < 0:
        return False
    if mood.clause.first <= at < mood.clause.last:
        return True
    return not mood.tokens[position].forms & Form.BASE


def _asked(tokens: Sequence[Token], sentence: Sequence[Clause]) -> bool:
    """The sentence is a question that asks nothing of us or the reader.

    "Is it time to buy X at P?", "Who has been selling X?": a question weighs an action,
    it does not instruct. A negated question suggests ("Why not buy …?", "Shouldn't you
    …?") and one put to us or the reader asks us to act ("Should we buy …?", "Could you
    sell …?"): those are not exempt.
    """
    end = sentence[-1].last
    if end >= len(tokens) or tokens[end].text != "?":
        return False
    return not any(
        (tokens[j].has(Role.NEG) and not _alternative(tokens, j, end))
        or tokens[j].has(Role.SELF | Role.ADDRESSEE | Role.URGE)
        or tokens[j].suggests
        for clause in sentence
        for j in range(clause.first, clause.last)
    )


def _alternative(tokens: Sequence[Token], j: int, end: int) -> bool:
    """The negation at ``j`` is the other half of an alternative question that closes at
    ``end``: "Should investors buy TLT or not?", "… kaufen oder nicht?", "… ou non ?", "…
    o no?". It weighs both answers; it suggests neither."""
    return j + 1 == end and j > 0 and tokens[j - 1].has(Role.DISJUNCTION)


def _weighed(tokens: Sequence[Token], sentence: Sequence[Clause]) -> bool:
    """The sentence is a question without a negation or an urging frame: "Would you buy
    gold here?", "Should we add TLT?" weigh an action; "Why not sell X?" suggests it."""
    end = sentence[-1].last
    if end >= len(tokens) or tokens[end].text != "?":
        return False
    return not any(
        (tokens[j].has(Role.NEG) and not _alternative(tokens, j, end))
        or tokens[j].has(Role.URGE)
        or tokens[j].suggests
        for clause in sentence
        for j in range(clause.first, clause.last)
    )


def _infinitive(tokens: Sequence[Token], clause: Clause) -> bool:
    """Whether the clause holds an infinitive marker ("to buy", "zu kaufen"), alone or
    opening a phrase the lexer joined ("zu senken")."""
    return any(
        tokens[j].text.rsplit(" ", 1)[-1] in INFINITIVE_MARKS
        or (tokens[j].has(Role.VERB) and tokens[j].text.split(" ", 1)[0] in INFINITIVE_MARKS)
        for j in range(clause.first, clause.last)
    )


def _negated_after(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    token = tokens[position]
    if not token.negation_after or not token.has(Role.RECOMMEND | Role.REC_ADJ):
        return False
    return any(tokens[j].has(Role.NEG) for j in range(position + 1, min(clause.last, position + 4)))


def _verbless_after_comma(mood: ClauseMood) -> bool:
    """A phrase set off by a comma with no verb, recommendation or side of its own."""
    tokens, clause = mood.tokens, mood.clause
    if clause.first == 0 or tokens[clause.first - 1].text != ",":
        return False
    asking = Role.VERB | Role.AUX | Role.MODAL | _RECOMMENDING | Role.URGE | Role.SIDE
    return not clause.having(tokens, asking)


def _leading_subject(tokens: Sequence[Token], clause: Clause) -> int:
    for i in range(clause.first, clause.last):
        token = tokens[i]
        roles = token.roles
        if roles & Role.ACTOR and roles & Role.VERB and i == clause.first:
            return 0  # an infinitive that is a noun too: "Trader en argent réel dès lundi"
        if (
            roles & Role.ACTOR
            and not _held_in(tokens, clause, i)
            and not _modifies(tokens, i)
            and not _infinitive_target(tokens, clause, i)
        ):
            return roles & Role.ACTOR
        if roles & (Role.VERB | Role.MODAL | Role.AUX | _RECOMMENDING):
            break
    return Role.THIRD if _named_subject_verb(tokens, clause) is not None else 0


def _named_subject_verb(tokens: Sequence[Token], clause: Clause) -> int | None:
    """The verb of a clause that opens with a name the vocabulary does not know, its
    subject: a bank, a broker, a fund, an index provider ("Morgan Stanley cut Tesla to
    underweight", "Deutsche Bank stuft Siemens auf Kaufen hoch", "Die Norges Bank plant
    …", "Jefferies relève LVMH à l'achat", "Santander eleva Iberdrola a comprar").

    The name is written with capitals and has no role; the verb follows it at once, in
    small letters, finite or unknown, never a German infinitive closing an instruction
    ("Siemens Energy verkaufen"). A single capitalised word opening the clause may be an
    imperative the vocabulary does not know ("Lighten exposure …"): there the verb must
    end as a third person does ("-s", "-t", "-e", "-a") and a name or an article follow.
    """
    first, last = clause.first, clause.last
    start = first + 1 if tokens[first].has(Role.DET) and not tokens[first].has(Role.NEG) else first
    i = start
    while i < last and i - start < _NAME_WORDS and _name_word(tokens[i]):
        i += 1
    if i == start or i + 1 >= last:
        return None
    verb = tokens[i]
    if verb.kind != "word" or verb.capital or verb.upper or verb.glued:
        return None
    if verb.roles and not _finite_verb(verb):
        return None
    if i - start > 1 or start > first:
        return i
    after = tokens[i + 1]
    if verb.roles == 0 and not verb.text.endswith(_THIRD_PERSON_ENDINGS):
        return None
    named = after.capital or after.upper
    return i if named or (after.has(Role.DET) and not after.has(Role.PREP)) else None


def _name_word(token: Token) -> bool:
    """A word of a name: capitals, and no role in the vocabulary; a day or a month is a
    time, never who acts ("El lunes ampliamos …", "Enero trae …" names no party)."""
    return (
        token.kind == "word"
        and token.roles == 0
        and (token.capital or token.upper)
        and not token.forms & _TIMES
    )


def _finite_verb(token: Token) -> bool:
    """A known verb that can follow its subject: finite, or an English base form that is
    also its past ("cut"); not a German infinitive ("verkaufen")."""
    if not token.has(Role.VERB | Role.DESCRIBE | _RECOMMENDING):
        return False
    if token.forms & (Form.THIRD | Form.PAST):
        return True
    if token.forms & Form.BASE and not (token.agreement or token.negation_after):
        # French and Spanish: the singular imperative is also the third person ("Santander
        # eleva …", "BNP cède …"); an infinitive is not ("vendre", "elevar").
        return token.text.endswith(_THIRD_PERSON_ENDINGS) and not token.text.endswith(
            _INFINITIVE_ENDINGS
        )
    return not token.negation_after and bool(token.forms & Form.PARTICIPLE)


_INFINITIVE_ENDINGS: Final = ("ar", "er", "ir", "re")


# How a third person singular ends: "cuts", "stuft", "relève", "eleva".
_THIRD_PERSON_ENDINGS: Final = ("s", "t", "e", "a")


def _modifies(tokens: Sequence[Token], i: int) -> bool:
    """The actor at ``i`` is the first part of a compound whose head is a target: "Long
    Japan-Aktien", "China-Anleihen verkaufen" (the shares, not the country, are named)."""
    return (
        i + 1 < len(tokens)
        and tokens[i + 1].glued
        and tokens[i + 1].has(Role.INSTRUMENT)
        and not tokens[i + 1].has(Role.ACTOR)
    )


def subject_before(tokens: Sequence[Token], clause: Clause, position: int, lexicon: Lexicon) -> int:
    """The actor class of the subject before ``position`` (0: none).

    A subject the lexicon does not know ("the desk", "client accounts") fails closed: it
    is read as market participants in general (GENERIC), whom a recommendation addresses
    ("client accounts must buy …" blocks) and anything else describes ("refiners trim
    runs" passes). Only a named third party or institution is never advised.
    """
    actors = clause.positions("subject actor", lambda i: _subject_actor(tokens, clause, i))
    if actors and actors[0] < position:
        return tokens[actors[0]].roles & Role.ACTOR
    verb = _named_subject_verb(tokens, clause)
    if verb is not None and verb <= position:
        return Role.THIRD
    inverted = _inverted_subject(tokens, clause, position)
    if inverted:
        return inverted
    content = clause.positions("content", lambda i: _content(tokens[i]))
    nearest = last_position(content, position)
    if nearest is None:
        return 0
    finite = next_position(clause.having(tokens, Role.AUX | Role.MODAL), clause.first)
    head = last_position(content, finite) if finite is not None and finite < position else None
    return subject_from(tokens, clause, position, nearest, head, lexicon)


def _inverted_subject(tokens: Sequence[Token], clause: Clause, position: int) -> int:
    """We or the reader right after a verb-second verb, a phrase fronted before it: "Im
    Rahmen der Vermögensverwaltung schichten wir Ihr Depot … um", "Zum Monatsende stocken
    Sie … auf". German puts its subject after the verb then; the fronted phrase is none."""
    if position <= clause.first or position + 1 >= clause.last:
        return 0
    verb, after = tokens[position], tokens[position + 1]
    if not verb.negation_after or not verb.has(Role.VERB) or verb.forms & Form.NOUN:
        return 0
    if after.has(Role.SELF):
        return Role.SELF
    return Role.ADDRESSEE if after.text == "sie" and after.capital else 0


def _subject_actor(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """An actor that may be a subject: not the first part of a compound whose head is no
    action ("EZB-Ratssitzung", "Fed-meeting day": the meeting, not the bank, is named);
    with an action as its head ("EZB-Käufe") it still names who acts. A possessive
    determiner after the predicate names whose object, not who acts ("Norges Bank redujo
    su ponderación"); before it, whose book the subject is ("Su tamaño debe subir …")."""
    if not tokens[i].has(Role.ACTOR):
        return False
    if _held_in(tokens, clause, i) or _infinitive_target(tokens, clause, i):
        return False
    if tokens[i].has(Role.DET):
        predicates = clause.having(tokens, Role.VERB | Role.MODAL | Role.AUX | _RECOMMENDING)
        if predicates and predicates[0] < i:
            return False
        named = _named_subject_verb(tokens, clause)
        if named is not None and named < i:
            return False  # "JPMorgan reitera su recomendación": its own, not the reader's
    if i + 1 < len(tokens) and tokens[i + 1].glued and tokens[i + 1].kind == "word":
        return tokens[i + 1].has(Role.VERB | Role.ACTOR)
    return True


def _infinitive_target(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """A sector that is also a party ("Banken", "Versorger") before the German infinitive
    that closes a main clause with no finite verb: "Banken verkaufen", "die Banken
    abstoßen" is the infinitive house style, the sector its target. With an object after
    the verb ("Banken verkaufen Bunds"), a finite verb or in a subordinate clause ("…, weil
    die Banken verkaufen") the sector acts."""
    token = tokens[i]
    opener = tokens[clause.first].roles & (_JOINING | Role.CONDITIONAL)
    if clause.opener or opener or not token.has(Role.INSTRUMENT) or not token.negation_after:
        return False
    last = clause.last_before_marks(tokens, i)
    verb = tokens[last]
    if last <= i or not verb.has(Role.VERB) or not verb.forms & Form.BASE:
        return False
    finite = Role.AUX | Role.MODAL | Role.VERB | Role.SELF | Role.ADDRESSEE
    return not any(tokens[j].has(finite) for j in range(clause.first, last) if j != i)


# Words that open a subordinate or coordinated clause: "weil", "und", "dass".
_JOINING: Final = Role.SUBORDINATOR | Role.COORDINATOR | Role.COMPLEMENT


# Nouns of a holding whose prepositional phrase names what is held, not who acts.
_HOLDINGS: Final = Role.POSITIONS | Role.WEIGHT | Role.PORTFOLIO | Role.LIMIT_OBJ
_HELD_REACH: Final = 3
# Prepositions of a genitive, which name the owner of a holding, not what it holds.
_GENITIVES: Final = frozenset(("of", "de", "du", "des", "d'", "del", "von", "vom"))


def _held_in(tokens: Sequence[Token], clause: Clause, i: int) -> bool:
    """The actor at ``i`` names what a position holds: "the position in Japanese banks
    should be 3 % of NAV", "l'exposition aux banques", "la posición en bancos". It follows
    a preposition after a position, weight or limit, with articles and adjectives between."""
    j = i - 1
    while (
        j > clause.first
        and i - j <= _HELD_REACH
        and (tokens[j].has(Role.DET) or (tokens[j].kind == "word" and not tokens[j].roles))
    ):
        j -= 1
    preposition = tokens[j]
    if j <= clause.first or not preposition.has(Role.PREP) or preposition.has(_HOLDINGS):
        return False
    # "L'allocation du fonds", "the weight of the fund": a genitive names whose it is.
    return preposition.text not in _GENITIVES and tokens[j - 1].has(_HOLDINGS)


def subject_from(
    tokens: Sequence[Token],
    clause: Clause,
    position: int,
    nearest: int,
    head: int | None,
    lexicon: Lexicon,
) -> int:
    """:func:`subject_before` from the nearest content word before the action and, when a
    finite auxiliary or modal stands between, the content word before that ("Japanese
    lifers are expected to buy": the subject is "lifers", not "expected")."""
    action = tokens[position]
    noun = tokens[nearest]
    describing = clause.having(tokens, Role.DESCRIBE)
    if describing and describing[0] < position:
        limits = clause.having(tokens, Role.LIMIT_OBJ)
        if limits and limits[0] < describing[0]:
            # A limit whose figure a describing verb states is set, not described: "Die
            # Positionsgröße beträgt 5 % des NAV", "position size reaches 5 % of NAV".
            return 0
    if noun.has(Role.VERB) and not noun.forms & Form.NOUN:
        # The action is the object of a verb. A finite verb's subject is its object's
        # ("Norges Bank va réduire sa pondération actions à 60 %", "MSCI erhöht die
        # Gewichtung …"); an imperative or a bare infinitive has none ("Prenez une
        # position longue", "lanzar una orden de venta").
        nominal = action.forms & Form.NOUN or tokens[position - 1].has(Role.DET)
        if action.has(Role.VERB) and not nominal:
            return 0
        finite = head is not None or _finite_only(noun)
        return subject_before(tokens, clause, nearest, lexicon) if finite else 0
    if (
        not action.agreement
        and action.forms & Form.BASE
        and position == clause.last - 1
        and not clause.opener
        and not _modal_after_subject(tokens, clause, position, head)
    ):
        # An infinitive closing a main clause instructs: "Modus auf live stellen"; after a
        # finite modal whose subject leads the clause it is that subject's ("Japanische
        # Lebensversicherer dürften … verkaufen").
        return 0
    if head is None and _infinitive_after_noun_phrase(tokens, clause, position, nearest):
        # "Rebond des prix du gaz relever la limite de VaR à 10 M€": a French or Spanish
        # infinitive takes no subject; the noun phrase before it is a fragment of its own.
        return 0
    if (noun if head is None else tokens[head]).has(
        Role.REFERENCE | Role.POSITIONS | Role.PORTFOLIO
    ) or _romance_book_subject(tokens, clause, action, nearest if head is None else head):
        # Our trade named before ("the trade is short 300 KO at 61"), a position of the
        # book ("the QQQ leg gets 10 % of NAV") or the book ("the portfolio ought to get
        # overweight NQH6"): a holding, never an actor.
        return 0
    if action.agreement and action.forms & Form.BASE:
        # English: a base-form verb has a plural subject or none ("At the open buy"),
        # unless a finite auxiliary or modal stands between ("the rally could fade").
        if head is not None:
            return _unknown_subject(action)
        plural = noun.text.endswith("s") and not noun.text.endswith("ss")
        return _unknown_subject(action) if plural and not noun.upper else 0
    if _each_position(tokens, clause, position):
        return 0  # "Chaque ligne devrait représenter au plus 3 % du fonds": our holdings
    if head is None and _romance_article_subject(tokens, clause, position):
        return Role.THIRD  # a market or a name, not market participants
    # Before a finite modal or auxiliary the subject stands first ("Japanische
    # Lebensversicherer dürften ausländische Anleihen verkaufen"), else the nearest noun.
    subject = noun if head is None else tokens[head]
    if subject.has(Role.INSTRUMENT | Role.UNIT | Role.LEVEL | Role.LIMIT_OBJ):
        return 0  # a fronted object: "100 SAP-Aktien kaufen"
    if subject.upper and not _named_subject(tokens, clause, position, nearest, head):
        return 0  # a fronted ticker: "SAP kaufen", "SAP sollten Sie kaufen"
    return _unknown_subject(action)


# The definite articles of French and Spanish, as the lexer reads them.
_ROMANCE_ARTICLES: Final = frozenset(("le", "la", "les", "l'", "el", "los", "las"))
# What a fronted noun phrase of ours is, not a market's subject: our book, its positions
# and weights, its limits and levels, its orders and desk ("El stop sube a 14", "La
# cartera reduce …", "La mesa vende …").
_OURS_FRONTED: Final = _HOLDINGS | Role.LEVEL | Role.LEVERAGE | Role.ORDER_OBJ | Role.BROKER


def _romance_article_subject(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A French or Spanish verb right after a name or a noun phrase that opens its clause
    with the definite article: that is its subject ("Santander eleva …", "Le CAC 40 cède
    1 %", "El petróleo aumenta un 2 %", "Le pétrole ajoute 2 %"). Those languages front
    no object before a verb without a pronoun, so the singular imperative that is also the
    third person ("cède", "aumenta", "ajoute") describes the market there. Not our book,
    its weights, levels or orders, which a plan moves ("El stop sube a 14")."""
    action = tokens[position]
    if action.agreement or action.negation_after or not action.forms & Form.BASE:
        return False
    if action.forms & Form.REFLEXIVE:
        return False  # "se recogerán": a passive, its subject is what is moved
    first = clause.first
    opener = tokens[first]
    if position == first + 1 and (opener.capital or opener.upper) and not opener.roles:
        return opener.kind == "word"  # a name: "Santander eleva …", "BNP cède 1 %"
    if opener.text not in _ROMANCE_ARTICLES or position - first < 2:
        return False
    head = tokens[first + 1]
    if head.kind != "word" or head.has(_OURS_FRONTED | Role.ACTOR | Role.VERB):
        return False
    return not any(
        tokens[j].has(Role.VERB | _FINITE | Role.MODAL | Role.NEG)
        for j in range(first + 1, position)
    )


def _each_position(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """The clause opens with a determiner that takes the book's positions one by one
    (``[mood] distributives``: "each new idea", "cada valor", "pro Einzeltitel") before
    the action: its noun phrase is a holding of ours, not who acts."""
    first = clause.first
    while first < position and tokens[first].kind == "mark":
        first += 1
    return first < position and bool(tokens[first].forms & Form.EACH)


# Endings of French and Spanish infinitives ("relever", "vendre", "comprar").
_ROMANCE_INFINITIVES: Final = ("er", "ir", "re", "ar")


def _infinitive_after_noun_phrase(
    tokens: Sequence[Token], clause: Clause, position: int, nearest: int
) -> bool:
    """The action at ``position`` is a French or Spanish infinitive right after the noun
    of a noun phrase ("… des prix du gaz relever …"): no verb of the clause stands before
    it, and the noun follows its article or preposition."""
    action = tokens[position]
    if action.agreement or not action.forms & Form.BASE or action.negation_after:
        return False
    if not action.text.endswith(_ROMANCE_INFINITIVES) or nearest != position - 1:
        return False
    if nearest - 1 < clause.first or not tokens[nearest - 1].has(Role.DET | Role.PREP):
        return False
    if _question(tokens, clause):
        return False  # "¿Podrá la banca mantener sus márgenes?": the verb comes first
    finite = Role.VERB | _FINITE | Role.MODAL | _RECOMMENDING
    return not any(tokens[j].has(finite) for j in range(clause.first, position))


def _question(tokens: Sequence[Token], clause: Clause) -> bool:
    """The clause opens after "¿" or ends at "?": a question, its verb possibly first."""
    opening = clause.first > 0 and tokens[clause.first - 1].text == "¿"
    return opening or (clause.last < len(tokens) and tokens[clause.last].text == "?")


def _named_subject(
    tokens: Sequence[Token], clause: Clause, position: int, nearest: int, head: int | None
) -> bool:
    """A name in capitals opens the clause and a finite verb follows it at once: a verb
    only finite ("MSCI erhöht die Gewichtung …"), or a forecasting modal ("MSCI will raise
    the weight of X to 3 %", "STOXX wird das Gewicht von X senken"). It is the subject,
    not a fronted object, unless someone is named after the modal ("SAP werden wir
    kaufen") or the action is a passive's participle ("SAP wird verkauft")."""
    if head is None:
        return (
            nearest == clause.first and position == nearest + 1 and _finite_only(tokens[position])
        )
    if head != clause.first or head + 1 >= position:
        return False
    if not tokens[head + 1].has(Role.FORECAST_MODAL) or tokens[head + 1].has(Role.REC_MODAL):
        return False
    if tokens[position].forms & Form.PARTICIPLE:
        return False
    return not any(tokens[j].has(Role.ACTOR) for j in range(head + 2, position))


def _romance_book_subject(
    tokens: Sequence[Token], clause: Clause, action: Token, last: int
) -> bool:
    """French and Spanish put a noun's modifiers after it: in "le portefeuille modèle sera
    ramené à 40 %", "la cartera modelo será llevada al 40 %" the first noun of the subject,
    the book, heads it (a verb of those languages only: English "portfolio managers" is
    headed by its last noun)."""
    if action.agreement or action.negation_after:
        return False
    content = clause.positions("content", lambda i: _content(tokens[i]))
    first = next_position(content, clause.first)
    return first is not None and first < last and tokens[first].has(Role.POSITIONS | Role.PORTFOLIO)


def _event_of_others(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A nominal action after an article, with a third party or an institution named after
    it in the clause: an event that makes others act, not ours to do.

    "Le rééquilibrage du CAC 40 obligera les fonds indiciels à acheter le titre", "el
    reequilibrio del IBEX obligará a los fondos indexados a comprar": the index's rebalance
    is the subject of a verb the lexicon need not know; those who buy are named.
    """
    token = tokens[position]
    if not token.forms & Form.NOUN or token.forms & Form.BASE:
        return False
    if position == clause.first or not tokens[position - 1].has(Role.DET):
        return False
    others = clause.having(tokens, _OTHERS)
    return next_position(others, position + 1) is not None


def _modal_after_subject(
    tokens: Sequence[Token], clause: Clause, position: int, head: int | None
) -> bool:
    """A modal (not a word that is also a preposition) follows the clause's first noun and
    governs the action at ``position``: "Japanische Lebensversicherer dürften … verkaufen"."""
    if head is None or not tokens[head].capital:
        return False
    modals = clause.having(tokens, Role.MODAL)
    return any(head < j < position and not tokens[j].has(Role.PREP) for j in modals)


def _unknown_subject(action: Token) -> int:
    """A subject the lexicon does not know, by what it is said to do.

    With a verb that only trades with a size ("add", "take", "raise") it is read as a
    third party: "earnings should add 5 % to the index" forecasts. With any other action
    ("buy", "close", "execute") it is market participants in general, whom "should" or
    "must" advises: "client accounts must buy 100 QQQ" instructs. A switch of mode counts
    as such an action (it directs only with a live destination): "Die Strategie soll ab
    sofort mit echtem Geld handeln".
    """
    if action.has(_STRONG_ACTIONS) or (action.has(Role.SWITCH) and not action.has(Role.ALLOCATE)):
        return Role.GENERIC
    return Role.THIRD


def _content(token: Token) -> bool:
    """A word that can be (part of) a subject noun phrase; a time is none ("A partir de
    enero pasamos …": the verb's own person is the subject)."""
    if token.kind != "word" or token.forms & _TIMES:
        return False
    if token.has(
        Role.DET
        | Role.PREP
        | Role.PREFIX
        | Role.NEG
        | Role.MODAL
        | Role.AUX
        | Role.COORDINATOR
        | Role.SUBORDINATOR
        | _RECOMMENDING
        | Role.URGE
        | Role.NUMBER_WORD
        | Role.PERCENT
    ):
        return False
    # A hedge is no noun: "Vielleicht sollte man …", "Perhaps the stop …".
    return not (token.forms & Form.HEDGE or _adverb(token.text))


# Nouns that end like an adverb: "supply", "family", "assembly", "monopoly", "anomaly".
_NOT_ADVERBS: Final = ("pply", "mily", "mbly", "poly", "maly")


# English adverbs of time and frequency without "-ly", between a subject and its verb:
# "the fund's rules already cap leverage at 2x", "dealers still hold …".
_PLAIN_ADVERBS: Final = frozenset(("already", "still", "also", "often", "always", "again"))


def _adverb(word: str) -> bool:
    """An English adverb in "-ly" ("gradually", "only"), not "rally", "Italy" or "supply",
    or one of :data:`_PLAIN_ADVERBS`."""
    if word in _PLAIN_ADVERBS:
        return True
    return len(word) > 5 and word.endswith("ly") and not word.endswith(_NOT_ADVERBS)


def _past(tokens: Sequence[Token], clause: Clause, position: int, lexicon: Lexicon) -> bool:
    token = tokens[position]
    if token.forms & Form.PAST and not token.forms & (Form.BASE | Form.NOUN):
        return True
    if _moved_past(tokens, clause, position):
        return True
    if _after_past_time(tokens, clause, position):
        return True
    auxiliaries = clause.positions(
        "past auxiliary", lambda i: tokens[i].has(Role.AUX) and bool(tokens[i].forms & Form.PAST)
    )
    if auxiliaries and auxiliaries[0] < position:
        return True
    # "Millennium ran gross leverage of 5x", "the fund exited its position at 93": a verb
    # in the past after its subject states what was done, and so what it governs.
    # Before a gerund, a verb the lexicon does not know counts by its English past ending:
    # "several platforms reported clients rebalancing toward bonds" (never before an
    # imperative: "with rates elevated rebalance to 60/40").
    gerund = token.forms & Form.GERUND and not token.forms & Form.BASE
    verb = next_position(
        clause.positions(
            "past verb, known or not" if gerund else "past verb",
            (lambda i: _finite_past(tokens[i]) or _unknown_past(tokens[i], lexicon))
            if gerund
            else (lambda i: _finite_past(tokens[i])),
        ),
        0,
    )
    if verb is not None and verb < position:
        content = clause.positions("content", lambda i: _content(tokens[i]))
        if content and content[0] < verb:
            return True
    # A participle closing its clause after an auxiliary is a perfect: "haben Makrofonds
    # 5.000 Kontrakte verkauft". After a modal it is a passive or a future: "es werden
    # 300 SAP gekauft", "sollten … gekauft werden" advise.
    if token.forms & Form.PARTICIPLE and token.negation_after and position == clause.last - 1:
        finite = clause.having(tokens, Role.AUX)
        modals = clause.having(tokens, Role.MODAL | _RECOMMENDING)
        return bool(finite) and finite[0] < position and not modals
    return False


# What a move to live or production goes to ("a real", "en production", "live").
_MODES: Final = Role.LIVE | Role.PRODUCTION | Role.PAPER
# What dates a move still ahead: "dès lundi", "a partir del lunes", "from Monday".
_AHEAD: Final = Form.FUTURE_TIME | Form.FUTURE_DAY | Form.FUTURE_START


def _moved_past(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A switch to a mode that its subject made, in the past: "El modelo pasó a real en
    marzo" (the preterite folds to the noun "paso", here right after its subject), "Le
    modèle est passé en production en mars" (a verb of motion takes "être" in the past).
    A deployment note tells what happened; "Paso a real el lunes" or "le modèle passe en
    production dès lundi" do not."""
    token = tokens[position]
    if not token.has(Role.SWITCH) or position + 1 >= clause.last:
        return False
    if not tokens[position + 1].has(_MODES):
        return False
    if clause.positions("ahead", lambda k: bool(tokens[k].forms & _AHEAD)):
        return False
    verb = position
    if token.forms & Form.NOUN and not token.forms & ~Form.NOUN:
        pass  # a Spanish preterite folded to its noun
    elif position > clause.first and tokens[position - 1].text in _FRENCH_BE:
        verb = position - 1
    else:
        return False
    # Its subject, a noun phrase, right before: an article and its noun.
    return (
        verb - 2 >= clause.first
        and tokens[verb - 2].has(Role.DET)
        and tokens[verb - 1].kind == "word"
        and not tokens[verb - 1].has(Role.DET | Role.ADDRESSEE | Role.SELF | Role.VERB)
    )


def _finite_only(token: Token) -> bool:
    """A verb form only finite: the third person or the past, never a base form, a noun,
    a gerund or a participle ("shifts", "rotated"; not "shift", "shifting")."""
    return bool(
        token.forms & (Form.THIRD | Form.PAST)
        and not token.forms & (Form.BASE | Form.NOUN | Form.GERUND | Form.PARTICIPLE)
    )


def _finite_past(token: Token) -> bool:
    """A verb only in the past tense ("ran", "exited", "empfahl"), no base form or noun."""
    return bool(
        token.kind == "word"
        and token.has(Role.VERB | Role.DESCRIBE | Role.AUX)
        and token.forms & Form.PAST
        and not token.forms & (Form.BASE | Form.NOUN | Form.COUNTERFACTUAL)
    )


def _after_past_time(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A time in the past opens the clause and the verb follows its subject: "Last week the
    desk cut leverage to 2x", "Two years ago we set the VaR limit at 2 %". English "cut",
    "set", "put" are their own past; without a subject between ("last week, cut …" is no
    clause of its own) or with the time after the verb, nothing is read as past."""
    times = clause.positions("past time", lambda i: bool(tokens[i].forms & Form.PAST_TIME))
    if not times or times[0] >= position:
        return False
    subjects = clause.positions(
        "actor or content", lambda i: tokens[i].has(Role.ACTOR) or _content(tokens[i])
    )
    subject = next_position(subjects, times[0] + 1)
    return subject is not None and subject < position


def _unknown_past(token: Token, lexicon: Lexicon) -> bool:
    """A word the lexicon does not know, in the English past ("reported", "noted")."""
    return token.kind == "word" and token.roles == 0 and _english_past(token.text, lexicon)


unknown_past = _unknown_past


def _past_gerund(mood: ClauseMood, position: int) -> bool:
    """A gerund of a subordinate clause that continues a clause in the past."""
    return mood.after_past and bool(mood.tokens[position].forms & Form.GERUND)


def _past_predicate(
    tokens: Sequence[Token], clause: Clause, position: int, lexicon: Lexicon
) -> bool:
    """The first finite verb after ``position`` is in the past ("was", "printed", "wurde")."""
    predicates = _predicates(tokens, clause, lexicon)
    verb = next_position(predicates, position + 1)
    if verb is None:
        return False
    token = tokens[verb]
    if token.forms & Form.PAST or (token.roles == 0 and token.kind == "word"):
        return True
    return token.has(Role.AUX) and _compound_past(tokens, clause, verb)


def _compound_past(tokens: Sequence[Token], clause: Clause, aux: int) -> bool:
    """An auxiliary in the present that makes a past with the word after it: "se redujo",
    "se desplomó", "se ha cancelado", "ha caído", "s'est essoufflé", "ont bondi", "ist …
    gesunken", "hat sich erholt". A form the vocabulary does not know counts by its ending,
    each language's after its own auxiliary: a Spanish preterite after "se" (never "se
    hace", a present), a Spanish participle after "ha", a French one after "ont" or a
    reflexive "s'est" (not after a bare "est", also the present passive: "l'ordre est
    transmis"), a German one ("ge…t", "ge…en", "er…t", not "abzugeben") closing the clause.
    """
    auxiliary = tokens[aux].text
    reflexive = aux > clause.first and tokens[aux - 1].text in ("s'", "se")
    after = aux + 1
    if auxiliary == "se" and after < clause.last and tokens[after].text in _SPANISH_HAVE:
        auxiliary, after = tokens[after].text, after + 1  # "se ha cancelado"
    if after < clause.last and tokens[after].kind == "word":
        word = tokens[after]
        if word.forms & Form.PAST and not word.forms & Form.BASE:
            return True
        if (
            not word.roles
            and not word.capital
            and word.text.endswith(_past_endings(auxiliary, reflexive))
        ):
            return True
    if auxiliary not in _GERMAN_PERFECT:
        return False
    last = clause.last_before_marks(tokens, aux)
    word = tokens[last]
    if last <= aux or word.kind != "word" or word.roles or word.capital:
        return False
    if "zu" in word.text[2:-3]:
        return False  # an infinitive of obligation: "ist … abzugeben"
    return word.text.endswith(("t", "en")) and (
        word.text.startswith(_GERMAN_PERFECT_PREFIXES) or "ge" in word.text[1:6]
    )


def _past_endings(auxiliary: str, reflexive: bool) -> tuple[str, ...]:
    """The endings (folded) of a past that the auxiliary ``auxiliary`` takes."""
    if auxiliary == "se":
        return _SPANISH_PRETERITE
    if auxiliary in _SPANISH_HAVE:
        return _SPANISH_PARTICIPLE
    if auxiliary in _FRENCH_HAVE or (reflexive and auxiliary in _FRENCH_BE):
        return _FRENCH_PARTICIPLE
    return ()


# Endings (folded) of a Spanish preterite ("desplomó", "saltaron", "cayeron"), a Spanish
# participle ("caído", "fijada") and a French participle ("essoufflé", "rebondi", "descendu").
_SPANISH_PRETERITE: Final = ("o", "aron", "ieron")
_SPANISH_PARTICIPLE: Final = ("ado", "ada", "ados", "adas", "ido", "ida", "idos", "idas")
_FRENCH_PARTICIPLE: Final = ("e", "es", "ee", "ees", "i", "is", "it", "u", "us")
_SPANISH_HAVE: Final = frozenset(("ha", "han", "habia", "habian"))
_FRENCH_HAVE: Final = frozenset(("ont", "avait", "avaient"))
_FRENCH_BE: Final = frozenset(("est", "sont", "etait", "etaient"))
_GERMAN_PERFECT: Final = frozenset(("ist", "sind", "hat", "haben", "hatte", "hatten"))
# How a German participle opens: "gesunken", "erholt", "verloren", "beschleunigt".
_GERMAN_PERFECT_PREFIXES: Final = ("ge", "er", "ver", "be", "zer", "ent")


def _part_of_subject(
    tokens: Sequence[Token], clause: Clause, position: int, lexicon: Lexicon
) -> bool:
    """The action word starts a noun phrase that a finite verb later in the clause predicates.

    "Long bonds rallied 3 %", "Stops are clustered at 4,480": an action word followed by
    an auxiliary, a modal, a describing verb or an English past tense is not an order.
    Strong verbs in their base form ("Buy 100 SPY now it is cheap") are exempt.
    """
    token = tokens[position]
    strong = (
        token.has(Role.BUY | Role.SELL | Role.EXECUTE | Role.REBALANCE)
        and (token.forms & Form.BASE)
        and not token.has(Role.SIDE_ADJ)
    )
    predicates = _predicates(tokens, clause, lexicon)
    predicate = next_position(predicates, position + 1)
    if predicate is None:
        return _past_after_noun(tokens, clause, position)
    if strong:
        return _nominal(tokens, clause, position, predicate, lexicon)
    return True


def _past_after_noun(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A nominal action after its article (and the name it is of), a verb in the past right
    after it: "The Nasdaq-100 special rebalance reduced the weight …", "the rebalance cut
    …", "Das MSCI-Rebalancing verringerte …", "le rééquilibrage du CAC 40 a réduit …".

    The past is a known past form (English spells its past and participle alike, "cut"
    also as its base), a German weak preterite the vocabulary does not know ("-te",
    "-ten", in small letters), or a French perfect ("a", "ont" and a participle).
    """
    token = tokens[position]
    if not token.forms & Form.NOUN or not _determined(tokens, clause, position):
        return False
    after = position + 1
    # Over the name the action is of: "du CAC 40", "of the S&P 500".
    while after < min(clause.last, position + 1 + _NAME_WORDS):
        token = tokens[after]
        if token.text in _PERFECT_AUXILIARIES and after + 1 < clause.last:
            return bool(tokens[after + 1].forms & Form.PARTICIPLE)
        if not (token.has(Role.PREP | Role.DET) or token.kind != "word" or token.upper):
            break
        after += 1
    if after >= clause.last:
        return False
    verb = tokens[after]
    if verb.kind != "word":
        return False
    if verb.forms & Form.PAST and verb.has(Role.VERB | Role.DESCRIBE):
        return True
    return not verb.roles and not verb.capital and verb.text.endswith(_WEAK_PRETERITE)


# A German weak preterite ("verringerte", "senkten"); the French auxiliaries of the perfect
# that the vocabulary reads otherwise ("a" is also "à" folded).
_WEAK_PRETERITE: Final = ("te", "ten")
_PERFECT_AUXILIARIES: Final = frozenset(("a", "ont"))


def _determined(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """An article stands before the action word, or before the name it is of."""
    before = position - 1
    if before >= clause.first and tokens[before].has(Role.DET):
        return not tokens[before].has(Role.NEG | Role.PREFIX)
    return _named_modifiers(tokens, clause, position)


def _nominal(
    tokens: Sequence[Token], clause: Clause, position: int, predicate: int, lexicon: Lexicon
) -> bool:
    """A strong action word that is a noun heading the subject of ``predicate``.

    After an article ("the take profit on SAP at 230 was hit", "the quarterly rebalance
    forced …"), or a noun form the predicate follows at once ("long positions rallied 3 %",
    "the S&P 500 rebalance will see index funds buy …"). An imperative has neither: "Buy
    100 SPY now it is cheap".
    """
    before = position - 1
    while before >= clause.first and _adverb(tokens[before].text):
        before -= 1
    if before > clause.first and tokens[before].kind == "number":
        # A strike between the article and its option: "the 4,000 put on …", "in the
        # 4,000 put" (a link that ends with its article).
        before -= 1
        if _ends_with_article(tokens[before], lexicon):
            return True
    if (
        before >= clause.first
        and tokens[before].has(Role.DET)
        and not tokens[before].has(Role.NEG | Role.PREFIX)
    ):
        return True
    if tokens[position].forms & Form.NOUN and _named_modifiers(tokens, clause, position):
        return True
    return bool(tokens[position].forms & Form.NOUN) and predicate == position + 1


def _ends_with_article(token: Token, lexicon: Lexicon) -> bool:
    """A phrase the lexer joined whose last word is an article ("in the", "auf den")."""
    if token.kind != "word" or " " not in token.text:
        return False
    entry = lexicon.words.get(token.text.rsplit(" ", 1)[1])
    return entry is not None and bool(entry.roles & Role.DET)


def _named_modifiers(tokens: Sequence[Token], clause: Clause, position: int) -> bool:
    """A nominal action whose article stands before the name it is of: "the S&P 500
    rebalance", "the Nasdaq-100 special rebalance", "die MSCI-Überprüfung". The name is
    written with capitals or digits; a word of no role (an adjective) may follow it."""
    j = position - 1
    named = False
    while j > clause.first and position - j <= _NAME_WORDS:
        token = tokens[j]
        if token.kind == "number" or token.upper or token.capital or token.text in ("&", "-"):
            named = named or token.kind != "mark"
        elif token.kind != "word" or token.roles or not _plain_adjective(tokens, j, position):
            break
        j -= 1
    det = tokens[j]
    return named and det.has(Role.DET) and not det.has(Role.NEG | Role.PREFIX)


def _plain_adjective(tokens: Sequence[Token], j: int, position: int) -> bool:
    """A word of no role between a name and the nominal action it qualifies: "special"."""
    return j == position - 1 and (
        tokens[j - 1].upper or tokens[j - 1].capital or tokens[j - 1].kind == "number"
    )


_NAME_WORDS: Final = 5  # tokens of a name and its adjective between an article and its noun


def _predicates(tokens: Sequence[Token], clause: Clause, lexicon: Lexicon) -> list[int]:
    """Positions of the clause's predicates; a describing word after a determiner is a
    noun ("switch the account to live", "buy the rally"), not one."""
    return clause.positions(
        "predicate",
        lambda i: _predicate(tokens[i], lexicon) and not (i > 0 and tokens[i - 1].has(Role.DET)),
    )


def _predicate(token: Token, lexicon: Lexicon) -> bool:
    """A finite verb (or an English past tense) that can predicate a noun phrase before it."""
    if token.upper:
        return False  # a ticker in capitals ("short ES"), whatever the word means elsewhere
    if token.has(_FINITE) and not token.has(Role.VERB & ~Role.TRADE):
        return True
    if token.has(Role.VERB) and _finite_only(token):
        return True  # "the allocation shifts from 80 % to 50 %": a verb only in the third person
    return token.kind == "word" and token.roles == 0 and _english_past(token.text, lexicon)


def _english_past(word: str, lexicon: Lexicon) -> bool:
    return (
        len(word) > 4
        and word not in lexicon.not_past
        and any(word.endswith(suffix) for suffix in lexicon.past_suffixes)
    )
