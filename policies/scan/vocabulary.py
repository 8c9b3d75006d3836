"""The scanner's vocabularies: data files per language, decoded and compiled once.

``<config>/vocabulary/<lang>.toml`` says which words play which part in a directive
(verbs, objects, units, actors, negations, modal and recommendation forms, structured
field names); the scanner's code says how the parts combine. Every file in the folder is a
language; their entries are merged into one :class:`Lexicon`, so a text may mix languages.

Entries are folded and lower-cased exactly as the scanned text is
(:func:`policies.scan.normalise.fold_for_matching`) and split into the lexer's tokens, so
that matching is a dictionary lookup per token. Compilation is cached per folder.
"""

from __future__ import annotations

import functools
import hashlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Final, Literal, TypeVar

import msgspec
import platformdirs

from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.config import CapabilityScope
from orchestrator.core.errors import ConfigError
from orchestrator.core.fileio import decode_utf8, read_bytes, write_new_file
from orchestrator.core.patterns import lazy_pattern
from orchestrator.core.resources import shipped_dir
from policies.normalize import fold_cased
from policies.scan.categories import Category
from policies.scan.words import phrase_words

__all__ = [
    "Entry",
    "Form",
    "Lexicon",
    "Role",
    "VocabularyFile",
    "cache_dir",
    "fold_for_matching",
    "letter_runs",
    "lexicon_for",
    "shipped_vocabulary_dir",
    "vocabulary_dir",
    "vocabulary_files",
]


def fold_for_matching(text: str) -> str:
    """Folded and lower-cased as the scanner matches: the one fold for text and entries."""
    return fold_cased(text).lower().replace("ß", "ss")


def letter_runs(text: str) -> list[str]:
    """The runs of letters of a folded key or value: how structured names are compared."""
    return _LETTERS.findall(fold_for_matching(text))


_LETTERS: Final = lazy_pattern(r"[a-z]+")


def _joined(runs: list[str]) -> tuple[str, frozenset[int]]:
    """The runs joined, and the offsets where one run ends and the next begins."""
    bounds = set()
    length = 0
    for run in runs[:-1]:
        length += len(run)
        bounds.add(length)
    return "".join(runs), frozenset(bounds)


# --- the file format --------------------------------------------------------------------

_Words = tuple[str, ...]
_T = TypeVar("_T")


class _Section(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class LanguageInfo(_Section, frozen=True, kw_only=True):
    code: str
    name: str
    negation_after_verb: bool = False
    subject_agreement: bool = False
    # Separable verbs ("stocken … auf") are also written joined ("aufstocken") and, as an
    # infinitive with "zu", with this between particle and stem ("aufzustocken").
    separable_infix: str = ""
    # Elided words written onto the next ("d'acheter", "n'achetez"): read as two tokens.
    elisions: _Words = ()
    # Object pronouns written onto an imperative or infinitive ("véndelo", "ciérrala",
    # "venderlas"): every verb of the actions is also read with each of them.
    enclitics: _Words = ()
    # How an infinitive's ending becomes the plural familiar imperative ("cerrar" ->
    # "cerrad", "vender" -> "vended"): pairs of endings, every verb of the actions follows.
    plural_imperatives: tuple[tuple[str, str], ...] = ()
    # Object pronouns joined to an imperative by a hyphen ("vendez-les", "coupe-la"): the
    # hyphen glues nothing, the pronoun is the verb's object as if written apart.
    hyphen_clitics: _Words = ()
    # The auxiliaries of the compound past ("a", "ont", "avait"): folded, a participle of
    # the first conjugation is its singular imperative ("soldé", "solde"), so each verb of
    # the actions after one of them is read as the past ("a soldé la ligne").
    perfect_auxiliaries: _Words = ()
    past_suffixes: _Words = ()
    not_past: _Words = ()
    # Forms of the passive auxiliary next to a participle ("are to be covered", "sollte
    # glattgestellt werden", "devraient être achetées"): the passive subject is the object.
    passive_auxiliaries: _Words = ()
    # The prepositions that name a passive's agent ("bought by the ECB", "achetées par la
    # BCE", "von der EZB gekauft"): the agent, not us, acts.
    passive_agents: _Words = ()
    # Forms of "be" that with the infinitive marker make a passive of obligation: "sind …
    # zu reduzieren", "est à vendre" (what is to be done, asked of whoever holds it).
    obligation_auxiliaries: _Words = ()
    # The infinitive markers of that passive ("zu", "à").
    obligation_markers: _Words = ()
    # Regular participles made from the infinitives of the action lists, so that a passive
    # of any verb of a family reads ("the hedge will be rolled", "sera roulée", "será
    # renovada", "wird gerollt"): rules ``[infinitive ending, participle endings …]``, the
    # first whose ending the infinitive's first word has; a word that is an entry already
    # keeps what it is. See :func:`_inflected`.
    participles: tuple[_Words, ...] = ()
    # English "rolled" is the simple past as well: written as the past, as the lists write
    # "closed:past" (a passive's auxiliary tells the participle).
    participles_past: bool = False
    # German: the prefix of a participle ("ge"), after a separable particle ("abgebaut"),
    # not after an inseparable prefix or for an ending such as "-ieren" ("verkauft").
    participle_prefix: str = ""
    unprefixed: _Words = ()
    unprefixed_endings: _Words = ()
    separable_particles: _Words = ()
    # Spanish: the reflexive passive in the future, "se venderán", "se cerrará": the
    # pronoun and rules ``[infinitive ending, future endings …]``.
    reflexive: str = ""
    reflexive_futures: tuple[_Words, ...] = ()
    # Infinitives whose regular participle is a common word of another sense ("pasado").
    not_inflected: _Words = ()
    # The auxiliaries of the present passive ("is", "are being", "gets", "est", "sont"):
    # a trade in it on a holding of ours, dated or sized, is a step being taken.
    present_passive: _Words = ()
    # Spanish: the reflexive passive in the present, "se venden", "se coloca" (rules as
    # for the future).
    reflexive_presents: tuple[_Words, ...] = ()


class Actions(_Section, frozen=True, kw_only=True):
    buy: _Words = ()
    sell: _Words = ()
    side_adjectives: _Words = ()
    trade: _Words = ()
    execute: _Words = ()
    place: _Words = ()
    close: _Words = ()
    change: _Words = ()
    switch: _Words = ()
    disable: _Words = ()
    allocate: _Words = ()
    rebalance: _Words = ()
    # Verbs that change a holding ("add", "trim", "aufstocken", "alléger"): a trade verb
    # that directs a trade on a named target even without a size.
    holding: _Words = ()
    # Directions of desk chat without a verb ("out of the miners, into utilities", "raus
    # aus den Zyklikern", "fuera de bancos", "all in on duration"): a trade on the target
    # that follows, when they open a clause of a sentence that has no predicate.
    directions: _Words = ()
    # Words that quote an order to a counterparty in chat ("mine 300 TY at 110-16", "Nimm
    # mir 50 FDAX bei 19.850", "Mío 50 futuros a 12.050"): an order with a count and a price.
    quotes: _Words = ()


class Objects(_Section, frozen=True, kw_only=True):
    orders: _Words = ()
    positions: _Words = ()
    brokers: _Words = ()
    order_types: _Words = ()
    limits: _Words = ()
    levels: _Words = ()
    leverage: _Words = ()
    live: _Words = ()
    production: _Words = ()
    paper: _Words = ()
    safety: _Words = ()
    portfolio: _Words = ()
    weights: _Words = ()
    nav: _Words = ()
    instruments: _Words = ()
    units: _Words = ()
    currencies: _Words = ()
    references: _Words = ()
    probabilities: _Words = ()
    # Nouns of a position's notional amount ("notional", "Nominal", "nocional"): with an
    # amount of money and a target they size a position, verb or not ("Nocional de 20
    # millones de euros en X").
    notionals: _Words = ()
    # Model portfolios a book is moved into ("the conservative model", "das defensive
    # Modellportfolio"): books. The noun alone is listed too, so that it, not a commoner
    # adjective, is the gate's word of each; alone it is a book only as a destination.
    models: _Words = ()


class Mood(_Section, frozen=True, kw_only=True):
    self_: _Words = msgspec.field(default=(), name="self")
    addressee: _Words = ()
    generic: _Words = ()
    third_parties: _Words = ()
    # Products and their documents ("the fund", "der ETF"): third parties whose features
    # are described, but which a recommendation addresses ("the fund should be short …").
    products: _Words = ()
    institutions: _Words = ()
    negations: _Words = ()
    negating_verbs: _Words = ()
    recommend: _Words = ()
    # Verbs of speech that advise ("urge", "told", "empfahl"): with a third party as their
    # subject they report advice given to someone else's audience.
    reporting: _Words = ()
    # Auxiliaries of the counterfactual past ("would have", "hätte", "aurait"): what they
    # govern did not happen and is not asked of anyone.
    counterfactuals: _Words = ()
    # Words that attribute what follows to a speaker named around them ("according to",
    # "laut", "selon", "in Citi's view") and verbs that do so after their subject ("BofA
    # says", "argued"): a third party's recommendation under one is reported.
    attributions: _Words = ()
    attributing_verbs: _Words = ()
    # Times in the past ("last week", "two years ago", "gestern"): before a verb whose past
    # is its base form, with its subject ("last week the desk cut leverage"), the past.
    past_times: _Words = ()
    # Times still ahead that date a state ("from Monday", "ab nächster Woche", "dès
    # demain", "desde el lunes", "going forward"): a state of our book, a limit or a level
    # dated so is a plan of ours stated as a fact ("the book will be 60 % equities from
    # Monday"), never a description of how things stand.
    future_times: _Words = ()
    # Days ahead ("Monday", "Montag", "lundi", "lunes"): they date a state only after a start
    # ("from Monday", "ab Montag", "dès lundi", "desde el lunes", ``future_starts``), or a
    # level or a limit ("our entry comes at 88 on Tuesday"); otherwise they date an event
    # ("with CPI due on Thursday, the book is 55 % equities").
    future_days: _Words = ()
    # Months ahead ("January", "Januar", "janvier", "enero"): they date a state as days do
    # after a start, and a plan of ours in the present ("en janvier, nous passons à 50 %"),
    # never a level or a limit by themselves: "stops were hit in October" is history.
    future_months: _Words = ()
    # Words that mark a state as just changed ("now", "jetzt", "maintenant", "ahora"): a
    # state of our book "is now" 60 % equities as a decision taken, as a day ahead dates one.
    now_times: _Words = ()
    future_starts: _Words = ()
    # Words that name a quotation mentioned, not used: a noun before it ("the headline",
    # "das Motto", "l'adage", "el lema") or a verb after it ("… lautete die Schlagzeile",
    # "… titrait le journal"). What a headline or a saying tells is not asked of us.
    quotations: _Words = ()
    # Words that ask why ("why", "warum", "pourquoi", "por qué"): a question that opens
    # with one and holds a negation suggests what it negates ("Warum Siemens nicht kaufen?").
    why_questions: _Words = ()
    # Words that hedge a figure set off by commas ("maybe", "vielleicht", "disons",
    # "quizá"): "a lower equity weight, maybe 50 %, seems right" keeps its figure in its
    # clause.
    hedges: _Words = ()
    # Indices and their names: a stock added to or taken out of one in the future passive
    # is the provider's event, not our plan ("Tesla will be added to the S&P 500").
    indices: _Words = ()
    # Issues of paper: "new notes will be sold at auction", "in a secondary offering".
    issues: _Words = ()
    # Changes to an index that its provider announces ("index changes", "quarterly
    # review", "Indexänderungen", "révision", "cambios"): a label naming one and an index
    # heads the provider's list ("Index changes: add Arm, remove Walgreens").
    index_events: _Words = ()
    # Times of the day a step is carried out: "the hedge is lifted this afternoon".
    present_times: _Words = ()
    # Participles that fix a rule rather than move a figure ("capped at 2x", "fixées à
    # 5 %", "festgelegt", "fijado"): a limit of our book stated with one is a rule in force,
    # with another participle ("raised to", "porté à") a change of ours.
    settings: _Words = ()
    # The middle rung of a rating scale ("hold", "neutral", "Halten", "conserver",
    # "mantener"): a list that labels it beside buy and sell counts analysts' ratings
    # ("Buy: 54 %; hold: 30 %; sell: 16 %"), it orders nothing.
    rating_holds: _Words = ()
    # Openings of a question that propose a step when we are the subject after them ("what
    # if we", "y si", "et si", "und wenn"): "What if we cut the equity weight to 50 %?",
    # "¿Y si recortamos la posición?" ask us to act; "What if the Fed cuts?" weighs a
    # scenario. Read as conditionals unless we follow (see the lexer).
    proposals: _Words = ()
    # Determiners that take the book's positions one by one ("each position", "every new
    # idea", "chaque ligne", "cada valor", "jede Einzelposition", "pro Einzeltitel"): the
    # noun they open is a holding of ours, never who acts, so "each position should be at
    # most 5 % of NAV" sizes our book.
    distributives: _Words = ()
    # Frames after which a past form is the present unreal ("it is time we bought X"):
    # recommendations whose verb is written in the past.
    unreal_past: _Words = ()
    # Our readiness to repeat a trade, in the conditional ("would do it again", "würden es
    # wieder tun", "le referions", "lo volveríamos a hacer"): after a past trade of ours, it
    # endorses that trade for now.
    repeats: _Words = ()
    # Answers yes to a question ("yes", "do it", "ja", "passt", "oui", "vas-y", "vale",
    # "adelante"): after a question proposing a trade of ours, they confirm it.
    affirmatives: _Words = ()
    recommend_modals: _Words = ()
    forecast_modals: _Words = ()
    recommend_adjectives: _Words = ()
    urge_frames: _Words = ()
    discourage_frames: _Words = ()
    auxiliaries: _Words = ()
    describe: _Words = ()
    conditionals: _Words = ()
    subordinators: _Words = ()
    coordinators: _Words = ()
    disjunctions: _Words = ()
    infinitive_markers: _Words = ()
    complementizers: _Words = ()
    prefixes: _Words = ()
    prepositions: _Words = ()
    determiners: _Words = ()
    level_links: _Words = ()
    non_actions: _Words = ()
    not_tickers: _Words = ()


class Numbers(_Section, frozen=True, kw_only=True):
    values: dict[str, float] = {}
    scales: dict[str, float] = {}
    point: _Words = ()
    joiners: _Words = ()
    percent: _Words = ()
    times: _Words = ()
    # Words after a number that give a share of a book other than in percent: basis points
    # ("risk 40bp of NAV"), and points of the book's weights moved by an allocation verb
    # ("réallouer 5 points des actions vers le crédit"). Not percents: "the index fell 50
    # points" and "yields rose 40bp" are moves of markets, never sizes.
    basis_points: _Words = ()
    points: _Words = ()
    # Fractions of a whole, written as words ("one-fifth", "ein Fünftel", "una cuarta
    # parte"): a share of a book when the book follows ("a fifth of the fund").
    fractions: _Words = ()


class Fields(_Section, frozen=True, kw_only=True):
    side: _Words = ()
    quantity: _Words = ()
    symbol: _Words = ()
    price: _Words = ()
    level: _Words = ()
    leverage: _Words = ()
    limit: _Words = ()
    weight: _Words = ()
    mode: _Words = ()
    live: _Words = ()
    safety: _Words = ()
    execute: _Words = ()
    kind: _Words = ()
    # The columns of a row that moves a share from where it is to where it is to be.
    current: _Words = ()
    target: _Words = ()


class Values(_Section, frozen=True, kw_only=True):
    buy: _Words = ()
    sell: _Words = ()
    live: _Words = ()
    on: _Words = ()
    off: _Words = ()


class Intents(_Section, frozen=True, kw_only=True):
    order: _Words = ()
    execution: _Words = ()
    risk_limit: _Words = ()
    live_toggle: _Words = ()
    rebalance: _Words = ()


class VocabularyFile(_Section, frozen=True, kw_only=True):
    """One ``<lang>.toml``."""

    language: LanguageInfo
    actions: Actions = Actions()
    objects: Objects = Objects()
    mood: Mood = Mood()
    numbers: Numbers = Numbers()
    fields: Fields = Fields()
    values: Values = Values()
    intents: Intents = Intents()


# --- roles ----------------------------------------------------------------------------------


class Role:
    """Bit flags: the parts a token can play. A token may play several."""

    BUY: Final = 1 << 0
    SELL: Final = 1 << 1
    SIDE_ADJ: Final = 1 << 2
    TRADE: Final = 1 << 3
    EXECUTE: Final = 1 << 4
    PLACE: Final = 1 << 5
    CLOSE: Final = 1 << 6
    CHANGE: Final = 1 << 7
    SWITCH: Final = 1 << 8
    DISABLE: Final = 1 << 9
    ALLOCATE: Final = 1 << 10
    REBALANCE: Final = 1 << 11
    ORDER_OBJ: Final = 1 << 12
    POSITIONS: Final = 1 << 13
    BROKER: Final = 1 << 14
    ORDER_TYPE: Final = 1 << 15
    LIMIT_OBJ: Final = 1 << 16
    LEVEL: Final = 1 << 17
    LEVERAGE: Final = 1 << 18
    LIVE: Final = 1 << 19
    PRODUCTION: Final = 1 << 20
    PAPER: Final = 1 << 21
    SAFETY: Final = 1 << 22
    PORTFOLIO: Final = 1 << 23
    WEIGHT: Final = 1 << 24
    NAV: Final = 1 << 25
    INSTRUMENT: Final = 1 << 26
    UNIT: Final = 1 << 27
    CURRENCY: Final = 1 << 28
    SELF: Final = 1 << 29
    ADDRESSEE: Final = 1 << 30
    GENERIC: Final = 1 << 31
    THIRD: Final = 1 << 32
    INSTITUTION: Final = 1 << 33
    NEG: Final = 1 << 34
    AVOID: Final = 1 << 35
    RECOMMEND: Final = 1 << 36
    REC_MODAL: Final = 1 << 37
    FORECAST_MODAL: Final = 1 << 38
    REC_ADJ: Final = 1 << 39
    URGE: Final = 1 << 40
    AUX: Final = 1 << 41
    DESCRIBE: Final = 1 << 42
    CONDITIONAL: Final = 1 << 43
    SUBORDINATOR: Final = 1 << 44
    COORDINATOR: Final = 1 << 45
    PREFIX: Final = 1 << 46
    PREP: Final = 1 << 47
    DET: Final = 1 << 48
    LEVEL_LINK: Final = 1 << 49
    NON_ACTION: Final = 1 << 50
    NOT_TICKER: Final = 1 << 51
    NUMBER_WORD: Final = 1 << 52
    SCALE: Final = 1 << 53
    DECIMAL_POINT: Final = 1 << 54
    NUMBER_JOINER: Final = 1 << 55
    PERCENT: Final = 1 << 56
    TIMES: Final = 1 << 57
    REFERENCE: Final = 1 << 58
    DISCOURAGE: Final = 1 << 59
    PROBABILITY: Final = 1 << 60
    DISJUNCTION: Final = 1 << 61
    INFINITIVE: Final = 1 << 62
    COMPLEMENT: Final = 1 << 63

    SIDE: Final = BUY | SELL
    ACTOR: Final = SELF | ADDRESSEE | GENERIC | THIRD | INSTITUTION
    VERB: Final = (
        BUY | SELL | TRADE | EXECUTE | PLACE | CLOSE | CHANGE | SWITCH | DISABLE | ALLOCATE
    ) | REBALANCE
    MODAL: Final = REC_MODAL | FORECAST_MODAL


class Form:
    """Bit flags: the grammatical forms of a verb entry."""

    BASE: Final = 1 << 0
    THIRD: Final = 1 << 1
    GERUND: Final = 1 << 2
    PAST: Final = 1 << 3
    PARTICIPLE: Final = 1 << 4
    NOUN: Final = 1 << 5
    # Not grammatical forms: a verb of speech (``[mood] reporting``), an auxiliary of the
    # counterfactual past (``[mood] counterfactuals``) and a word that attributes what
    # follows to a speaker (``[mood] attributions``).
    SPEECH: Final = 1 << 6
    COUNTERFACTUAL: Final = 1 << 7
    ATTRIBUTION: Final = 1 << 8
    # Not a form either: a product or a document of one (``[mood] products``).
    PRODUCT: Final = 1 << 9
    # Not a form either: a verb that changes a holding of a named target, which it directs
    # with or without a size (``[actions] holding``: "add TLT", "trim Nvidia", "alléger").
    HOLDING: Final = 1 << 10
    # Not a form either: a time in the past ("last week", "two years ago", ``[mood]
    # past_times``): a verb whose past is its base form ("cut", "set") after it is past.
    PAST_TIME: Final = 1 << 11
    # Not a form either: a word that names a quotation (``[mood] quotations``).
    QUOTING: Final = 1 << 12
    # A first person plural that is present and past alike (Spanish "compramos",
    # "adquirimos"): read as the past, unless the order it states is whole and no time
    # in the past stands in its clause, which makes it a desk note of what we do now.
    NOW_OR_PAST: Final = 1 << 13
    # Not a form either: a word that asks why (``[mood] why_questions``).
    WHY: Final = 1 << 14
    # Not a form either: a frame after which the past is the present unreal (``[mood]
    # unreal_past``: "it is time we bought").
    UNREAL: Final = 1 << 15
    # Not a form either: a time still ahead that dates a state as a plan (``[mood]
    # future_times``: "from Monday", "ab morgen", "dès lundi", "desde el lunes").
    FUTURE_TIME: Final = 1 << 16
    # Not forms either: a day ahead, and a word that starts a state on it (``[mood]
    # future_days``, ``future_starts``: "from Monday", "ab Montag").
    FUTURE_DAY: Final = 1 << 17
    FUTURE_START: Final = 1 << 18
    # Not a form either: a model portfolio, or the noun of one (``[objects] models``).
    MODEL: Final = 1 << 19
    # Not a form either: our readiness to repeat a trade (``[mood] repeats``).
    REPEAT: Final = 1 << 20
    # Not a form either: a word that hedges a figure (``[mood] hedges``: "maybe 50 %").
    HEDGE: Final = 1 << 21
    # Not a form either: the middle rung of a rating scale (``[mood] rating_holds``).
    RATING_HOLD: Final = 1 << 22
    # Not a form either: a question's opening that proposes a step when we are its
    # subject (``[mood] proposals``: "what if we …", "¿y si recortamos …?").
    PROPOSAL: Final = 1 << 23
    # Not a form either: an index ("the index", "the S&P 500", "den DAX", ``[mood]
    # indices``): what a stock is added to or removed from by its provider.
    INDEX: Final = 1 << 24
    # Not a form either: a reflexive passive, its subject the object ("la posición se
    # cerrará", "se venderán las acciones"): generated from ``[language] reflexive_futures``.
    REFLEXIVE: Final = 1 << 25
    # Not a form either: an issue of paper ("auction", "secondary offering", ``[mood]
    # issues``): what is sold in one is the issuer's, not ours.
    ISSUE: Final = 1 << 26
    # Not a form either: a determiner that takes positions one by one (``[mood]
    # distributives``: "each", "chaque", "cada", "jede").
    EACH: Final = 1 << 27
    # Not a form either: a time of the day a decision is carried out ("this morning", "at
    # the open", "heute früh", ``[mood] present_times``): with a trade in the present
    # passive on a holding of ours, a step being taken, not a habit.
    TODAY: Final = 1 << 28
    # Not a form either: a direction of desk chat (``[actions] directions``: "out of").
    DIRECTION: Final = 1 << 29
    # Not a form either: a word that quotes an order in chat (``[actions] quotes``: "mine").
    QUOTE: Final = 1 << 30
    # Not a form either: a change to an index its provider announces (``[mood]
    # index_events``: "index changes", "Indexüberprüfung", "révision", "cambios").
    INDEX_EVENT: Final = 1 << 31
    # Not a form either: a month (``[mood] future_months``): it dates a state only after a
    # start ("from January", "ab Januar"), never a level, a limit or a step on its own.
    MONTH: Final = 1 << 32
    # Not a form either: a participle that fixes a rule (``[mood] settings``).
    SETTING: Final = 1 << 33
    # Not a form either: a verb with its object pronoun written onto it ("véndelas").
    CLITIC: Final = 1 << 34
    # Not a form either: a state just changed (``[mood] now_times``: "is now").
    NOW: Final = 1 << 35
    # Not a form either: a word that answers a question yes (``[mood] affirmatives``:
    # "yes", "ja", "oui", "vale"), which confirms a trade of ours the question proposed.
    AFFIRM: Final = 1 << 36


# The marks that are no grammatical form.
_MARKS: Final = (
    Form.SPEECH
    | Form.COUNTERFACTUAL
    | Form.ATTRIBUTION
    | Form.PRODUCT
    | Form.HOLDING
    | Form.PAST_TIME
    | Form.FUTURE_TIME
    | Form.FUTURE_DAY
    | Form.FUTURE_START
    | Form.QUOTING
    | Form.WHY
    | Form.UNREAL
    | Form.MODEL
    | Form.REPEAT
    | Form.HEDGE
    | Form.INDEX
    | Form.REFLEXIVE
    | Form.ISSUE
    | Form.TODAY
    | Form.RATING_HOLD
    | Form.PROPOSAL
    | Form.EACH
    | Form.DIRECTION
    | Form.QUOTE
    | Form.INDEX_EVENT
    | Form.MONTH
    | Form.SETTING
    | Form.CLITIC
    | Form.NOW
    | Form.AFFIRM
)

_FORMS: Final = {
    "base": Form.BASE,
    "third": Form.THIRD,
    "gerund": Form.GERUND,
    "past": Form.PAST,
    "participle": Form.PARTICIPLE,
    "noun": Form.NOUN,
    "now_or_past": Form.PAST | Form.NOW_OR_PAST,
}


class Entry(msgspec.Struct, frozen=True):
    """What one word or phrase is: its roles, the forms of its verb roles, its number."""

    roles: int
    forms: int
    value: float | None = None
    # True when a language it belongs to lets a negation follow the verb.
    negation_after: bool = False
    # True when a language it belongs to makes a base verb agree with its subject.
    agreement: bool = False


FieldRole = Literal[
    "side", "quantity", "symbol", "price", "level", "leverage", "limit", "weight", "mode",
    "live", "safety", "execute", "kind", "current", "target",
]  # fmt: skip
ValueRole = Literal["buy", "sell", "live", "on", "off"]


class Lexicon(msgspec.Struct, frozen=True, kw_only=True):
    """Every language of one vocabulary folder, compiled for lookup.

    ``words`` maps a single token to its entry; ``phrases`` maps the first token of a
    phrase and then its second to the phrases starting with both, longest first (the
    lexer looks a phrase up by its first two tokens). ``fields``, ``values`` and
    ``intents`` are keyed by :func:`squash_key`. An entry written with an ellipsis
    ("stocken … auf") is a separable verb: its stem and the particle that ends its clause
    (``separable``).
    """

    languages: tuple[str, ...]
    words: dict[str, Entry]
    phrases: dict[str, dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]]
    fields: dict[str, tuple[tuple[FieldRole, ...], frozenset[int]]]
    values: dict[str, tuple[tuple[ValueRole, ...], frozenset[int]]]
    intents: dict[str, tuple[Category, frozenset[int]]]
    past_suffixes: tuple[str, ...]
    not_past: frozenset[str]
    # Passive auxiliaries as the lexer spells their tokens (phrases joined by a space).
    passive: frozenset[str]
    # The present passive's auxiliaries, spelled the same way.
    present_passive: frozenset[str] = frozenset()
    # Prepositions naming a passive's agent.
    agents: frozenset[str] = frozenset()
    # The passive of obligation: its auxiliaries and the markers before its infinitive.
    obligation: frozenset[str] = frozenset()
    obligation_markers: frozenset[str] = frozenset()
    anchors: dict[int, frozenset[str]]
    # Gate words of structured keys and values: "field.<role>", "value.<role>", "intent".
    record_anchors: dict[str, frozenset[str]]
    # Separable verbs: the stem that opens a clause, to the particles that may close it
    # ("stocken Sie … auf") and the entry of the whole verb.
    separable: dict[str, tuple[tuple[str, Entry], ...]] = {}
    # Elided words ("d", "n", "qu") that an apostrophe joins to the next word.
    elisions: frozenset[str] = frozenset()
    # Object pronouns a hyphen joins to the imperative before them ("vendez-les").
    hyphen_clitics: frozenset[str] = frozenset()
    # Gate words of the verbs that change a holding (``[actions] holding``).
    holding: frozenset[str] = frozenset()
    # Shares and amounts as the lexer spells their tokens (phrases joined by a space):
    # ``[objects] notionals``, ``[numbers] basis_points``, ``points`` and ``fractions``.
    notionals: frozenset[str] = frozenset()
    basis_points: frozenset[str] = frozenset()
    points: frozenset[str] = frozenset()
    fractions: frozenset[str] = frozenset()
    # Gate words of the times still ahead (``[mood] future_times`` and ``future_days``).
    future: frozenset[str] = frozenset()
    # ``[mood] repeats`` as the lexer spells their tokens, for their gate words.
    repeats: frozenset[str] = frozenset()
    # ``[mood] affirmatives`` as the lexer spells their tokens, for their gate words.
    affirmatives: frozenset[str] = frozenset()
    # ``[actions] directions`` as the lexer spells their tokens, for their gate words.
    directions: frozenset[str] = frozenset()
    # ``[actions] quotes`` as the lexer spells their tokens, for their gate words.
    quotes: frozenset[str] = frozenset()

    def field_roles(self, key: str) -> tuple[FieldRole, ...]:
        found = _lookup(self.fields, key)
        return found[0] if found is not None else ()

    def value_roles(self, value: str) -> tuple[ValueRole, ...]:
        found = _lookup(self.values, value)
        return found[0] if found is not None else ()

    def intent(self, value: str) -> Category | None:
        found = _lookup(self.intents, value)
        return found[0] if found is not None else None

    def spelling_words(self) -> frozenset[str]:
        """Every word of every entry, phrases' words included: what a letter-spaced run
        may spell (:func:`policies.scan.markup.letter_spacing_edits`)."""
        found = {word for word in self.words if word.isalpha()}
        for by_second in self.phrases.values():
            for group in by_second.values():
                found.update(w for words, _ in group for w in words if w.isalpha())
        # Structured names of one word ("positionsgrosse"); those of several are squashed
        # ("enablelive") and would hide the words they are made of.
        for table in (self.fields, self.values, self.intents):
            found.update(key for key, (_, bounds) in table.items() if len(key) > 1 and not bounds)
        return frozenset(found)

    def words_with(self, roles: int) -> frozenset[str]:
        """Gate words of every entry with any of ``roles`` (see :mod:`policies.scan.gate`)."""
        found: set[str] = set()
        for bit in _bits(roles):
            found |= self.anchors.get(bit, frozenset())
        return frozenset(found)


def _squashed(text: str) -> tuple[str, frozenset[int]]:
    # A document's keys and values repeat (one record per output item, padding): short
    # ones, which are all a vocabulary can name, are squashed once.
    if len(text) > _SHORT:
        return _joined(letter_runs(text))
    return _squashed_short(text)


_SHORT: Final = 64


@functools.lru_cache(maxsize=4096)
def _squashed_short(text: str) -> tuple[str, frozenset[int]]:
    return _joined(letter_runs(text))


def _lookup(
    table: dict[str, tuple[_T, frozenset[int]]], text: str
) -> tuple[_T, frozenset[int]] | None:
    joined, bounds = _squashed(text)
    found = table.get(joined)
    if found is None or not bounds <= found[1]:
        return None
    return found


# --- loading ----------------------------------------------------------------------------------


def shipped_vocabulary_dir() -> Path:
    """The ``config/vocabulary/`` this installation ships (the checkout's, else the wheel's)."""
    shipped = shipped_dir("config")
    if shipped is None:
        raise ConfigError("this installation ships no config/; pass --config-dir")
    return shipped / "vocabulary"


@functools.lru_cache(maxsize=8)
def vocabulary_files(directory: Path) -> tuple[tuple[Path, str], ...]:
    """The vocabulary files of a folder with the sha256 of their bytes (the inputs manifest);
    read once per process, like the lexicon compiled from them."""
    return tuple(
        (path, sha256_prefixed(read_bytes(path, what="vocabulary file")))
        for path in sorted(directory.glob("*.toml"))
    )


def vocabulary_dir(scope: CapabilityScope) -> Path:
    """The vocabulary for a scope: ``vocabulary/`` beside its config folder, else the shipped one.

    A scope read from ``<config>/capability_scopes/X.toml`` uses ``<config>/vocabulary/``
    when that folder exists, so a config folder can carry its own vocabularies.
    """
    return _vocabulary_beside(scope.path)


@functools.lru_cache(maxsize=64)
def _vocabulary_beside(scope_file: str) -> Path:
    # Cached: the scope policy asks on every message, and the answer is a file-system look.
    if scope_file:
        beside = Path(scope_file).resolve().parent.parent / "vocabulary"
        if beside.is_dir():
            return beside
    return shipped_vocabulary_dir()


def lexicon_for(directory: Path) -> Lexicon:
    """The compiled lexicon of a vocabulary folder (cached per resolved folder)."""
    return _compiled(directory.resolve())


@functools.lru_cache(maxsize=8)
def _compiled(directory: Path) -> Lexicon:
    files = sorted(directory.glob("*.toml"))
    if not files:
        raise ConfigError(f"{directory}: no vocabulary files (*.toml)", path=directory)
    sources = [(path, read_bytes(path, what="vocabulary file")) for path in files]
    key = _cache_key(sources)
    cached = _cached_lexicon(key)
    if cached is not None:
        return cached
    lexicon = _compile([_load(path, data) for path, data in sources])
    _cache_lexicon(key, lexicon)
    return lexicon


# Compiling the vocabularies costs a few tens of milliseconds, on every start of the
# command: the compiled lexicon is kept in the user's cache directory, under a key that
# covers the vocabulary files' bytes and this compiler's own source, so an edit of either
# compiles afresh. A cache that cannot be read or written is simply not used.
CACHE_ENV: Final = "PILOT_CACHE_DIR"
_lexicon_decoder: Final = msgspec.msgpack.Decoder(Lexicon)


def cache_dir() -> Path:
    """``$PILOT_CACHE_DIR``, else the platform's user cache directory for the pilot."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    return Path(platformdirs.user_cache_dir("market-outlook-pilot"))


def _cache_key(sources: list[tuple[Path, bytes]]) -> str:
    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path, data in sources:
        digest.update(path.name.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:32]


def _cached_lexicon(key: str) -> Lexicon | None:
    try:
        data = (cache_dir() / f"lexicon-{key}.msgpack").read_bytes()
        return _lexicon_decoder.decode(data)
    except (OSError, msgspec.DecodeError):
        return None


def _cache_lexicon(key: str, lexicon: Lexicon) -> None:
    folder = cache_dir()
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        write_new_file(
            folder / f"lexicon-{key}.msgpack",
            msgspec.msgpack.encode(lexicon),
            what="lexicon cache",
            mode=0o600,
            error=ConfigError,
        )
    except (OSError, ConfigError):
        return  # another process wrote it first, or the cache is not writable: no matter


def _load(path: Path, data: bytes) -> VocabularyFile:
    decode_utf8(data, path=path, what="vocabulary file")  # names the file on bad UTF-8
    try:
        return msgspec.toml.decode(data, type=VocabularyFile)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"{path}: {exc}", path=path) from exc
    except msgspec.DecodeError as exc:
        raise ConfigError(f"{path}: malformed TOML: {exc}", path=path) from exc


# --- compiling --------------------------------------------------------------------------------


class _Builder:
    def __init__(self) -> None:
        self.entries: dict[tuple[str, ...], list[int | float | bool | None]] = {}
        # Separable verbs: (stem, particle) to their slot, as for entries.
        self.separable: dict[tuple[str, str], list[int | float | bool | None]] = {}
        # Forms derived from the lists (:func:`_inflected`), added after all of them.
        self.deferred: list[tuple[list[str], int, LanguageInfo, int]] = []

    def add(
        self,
        phrases: Iterable[str],
        role: int,
        info: LanguageInfo,
        *,
        value: float | None = None,
        tagged: bool = False,
        marks: int = 0,
        unless_verb: bool = False,
    ) -> None:
        """Entries of ``phrases`` with ``role`` and the forms tagged (and ``marks``);
        ``unless_verb``: an entry that is a verb already keeps its roles, only marked."""
        for raw in phrases:
            # An entry only marked (no role) adds no grammatical form to the word.
            text, form = raw, (Form.BASE if role else 0)
            if tagged and ":" in raw:
                text, _, tag = raw.rpartition(":")
                if tag not in _FORMS:
                    raise ConfigError(f"vocabulary {info.code}: unknown form {tag!r} in {raw!r}")
                form = _FORMS[tag]
            form |= marks
            words = phrase_words(fold_for_matching(text))
            if not words:
                continue
            if "." in words:
                self._add_separable(words, raw, role, form, info, unless_verb)
                continue
            slot = self.entries.setdefault(words, _new_slot())
            self._fill(slot, _role_of(slot, role, unless_verb), form, info)
            if value is not None:
                self.entries[words][2] = value

    def defer(self, words: list[str], role: int, info: LanguageInfo, marks: int = 0) -> None:
        """Derived forms, added by :meth:`add_deferred` once every list is in."""
        if words:
            self.deferred.append((words, role, info, marks))

    def add_deferred(self) -> None:
        """The derived forms that no list of any language holds: Spanish "moved" (from
        "mover") is the English past of "move", which keeps its own reading."""
        listed = set(self.entries)
        for words, role, info, marks in self.deferred:
            fresh = [word for word in words if (word,) not in listed]
            # A pronoun written onto a form marks it and changes nothing else.
            self.add(fresh, role, info, marks=marks, unless_verb=bool(marks & ~Form.CLITIC))
        self.deferred.clear()

    def _add_separable(
        self,
        words: tuple[str, ...],
        raw: str,
        role: int,
        form: int,
        info: LanguageInfo,
        unless_verb: bool = False,
    ) -> None:
        """ "stocken … auf": the stem and its particle, and the verb written joined."""
        parts = [word for word in words if word != "."]
        if len(parts) != 2:
            raise ConfigError(
                f"vocabulary {info.code}: a separable verb is 'stem … particle': {raw!r}"
            )
        stem, particle = parts
        slot = self.separable.setdefault((stem, particle), _new_slot())
        self._fill(slot, _role_of(slot, role, unless_verb), form, info)
        # Verb-final clauses join the particle to the verb: "…, dass wir aufstocken".
        if form & ~_MARKS not in (Form.BASE, Form.THIRD):
            return  # "ausstieg" is the noun "exit", not "stieg … aus" joined
        joined = [particle + stem]
        if info.separable_infix and form & Form.BASE:
            joined.append(particle + info.separable_infix + stem)
        for word in joined:
            slot = self.entries.setdefault((word,), _new_slot())
            self._fill(slot, _role_of(slot, role, unless_verb), form, info)

    @staticmethod
    def _fill(
        slot: list[int | float | bool | None], role: int, form: int, info: LanguageInfo
    ) -> None:
        slot[0] = int(slot[0] or 0) | role
        slot[1] = int(slot[1] or 0) | form
        slot[3] = bool(slot[3]) or info.negation_after_verb
        slot[4] = bool(slot[4]) or info.subject_agreement

    def gate_anchors(self) -> dict[int, frozenset[str]]:
        """Per role bit, one gate word of each of its entries that every match contains.

        The word chosen is the most telling one: itself an entry of the role ("kauf" of
        "einen kauf"), else an entry of some action or object role ("long" of "remain
        long"), else the longest word that is not a function word. The gate stays
        selective, and any choice is sound: a match contains all the words.
        """
        single = {key[0]: int(slot[0] or 0) for key, slot in self.entries.items() if len(key) == 1}
        anchors: dict[int, set[str]] = {}
        keyed = [*self.entries.items(), *self.separable.items()]
        for key, slot in keyed:
            roles = int(slot[0] or 0)
            parts = [w for word in key for w in word.split("'") if w]
            if not parts:
                continue
            for bit in _bits(roles):
                own = [w for w in parts if single.get(w, 0) & bit]
                telling = [
                    w
                    for w in parts
                    if single.get(w, 0) & _TELLING and not single.get(w, 0) & _FUNCTION
                ]
                content = [w for w in parts if not single.get(w, 0) & _FUNCTION]
                gate = max(own or telling or content or parts, key=len)
                anchors.setdefault(bit, set()).add(gate)
        return {bit: frozenset(found) for bit, found in anchors.items()}


def _role_of(slot: list[int | float | bool | None], role: int, unless_verb: bool) -> int:
    """The role an entry takes: none when ``unless_verb`` and it is a verb already (a
    holding verb that is also a side or a closing verb keeps what those say)."""
    return 0 if unless_verb and int(slot[0] or 0) & Role.VERB else role


def _new_slot() -> list[int | float | bool | None]:
    """roles, forms, value, negation after the verb, subject agreement."""
    return [0, 0, None, False, False]


def _entry(slot: list[int | float | bool | None]) -> Entry:
    roles, forms, value, after, agreement = slot
    return Entry(
        int(roles or 0),
        int(forms or 0),
        None if value is None else float(value),
        bool(after),
        bool(agreement),
    )


_FUNCTION: Final = (
    Role.DET
    | Role.PREP
    | Role.COORDINATOR
    | Role.SUBORDINATOR
    | Role.AUX
    | Role.DESCRIBE
    | Role.PREFIX
    | Role.MODAL
)
# Words that only bind others: never an action word, whatever another language spells so.
_GRAMMAR: Final = Role.DET | Role.PREP | Role.COORDINATOR | Role.SUBORDINATOR
_TELLING: Final = (
    Role.VERB
    | Role.SIDE_ADJ
    | Role.LEVEL
    | Role.LIMIT_OBJ
    | Role.LIVE
    | Role.PAPER
    | Role.SAFETY
    | Role.WEIGHT
    | Role.INSTRUMENT
    | Role.UNIT
)


def _bits(mask: int) -> Iterable[int]:
    while mask:
        low = mask & -mask
        yield low
        mask ^= low


def _compile(files: list[VocabularyFile]) -> Lexicon:
    builder = _Builder()
    # The holding verbs again on their own, for their gate words (any word of an entry
    # that every match contains will do).
    holding = _Builder()
    # The times still ahead again on their own, for their gate words.
    future = _Builder()
    fields: dict[str, tuple[list[FieldRole], set[int]]] = {}
    values: dict[str, tuple[list[ValueRole], set[int]]] = {}
    intents: dict[str, tuple[Category, set[int]]] = {}
    record_anchors: dict[str, set[str]] = {}
    suffixes: set[str] = set()
    not_past: set[str] = set()
    passive: set[str] = set()
    present: set[str] = set()
    agents: set[str] = set()
    obligation: set[str] = set()
    obligation_markers: set[str] = set()
    shares: dict[str, set[str]] = {
        "notionals": set(),
        "basis_points": set(),
        "points": set(),
        "fractions": set(),
        "repeats": set(),
        "affirmatives": set(),
        "directions": set(),
        "quotes": set(),
    }
    for vocabulary in files:
        info = vocabulary.language
        suffixes.update(info.past_suffixes)
        not_past.update(fold_for_matching(w) for w in info.not_past)
        passive.update(
            " ".join(phrase_words(fold_for_matching(w))) for w in info.passive_auxiliaries
        )
        agents.update(fold_for_matching(w) for w in info.passive_agents)
        present.update(" ".join(phrase_words(fold_for_matching(w))) for w in info.present_passive)
        obligation.update(fold_for_matching(w) for w in info.obligation_auxiliaries)
        obligation_markers.update(fold_for_matching(w) for w in info.obligation_markers)
        _add_sections(builder, vocabulary, info)
        for name, found in shares.items():
            section = {
                "notionals": vocabulary.objects,
                "repeats": vocabulary.mood,
                "affirmatives": vocabulary.mood,
                "directions": vocabulary.actions,
                "quotes": vocabulary.actions,
            }.get(name, vocabulary.numbers)
            found.update(
                " ".join(phrase_words(fold_for_matching(w))) for w in getattr(section, name)
            )
        holding.add(vocabulary.actions.holding, Role.TRADE, info, tagged=True)
        future.add(vocabulary.mood.future_times, Role.PREFIX, info)
        future.add(vocabulary.mood.future_days, Role.PREFIX, info)
        future.add(vocabulary.mood.future_months, Role.PREFIX, info)
        future.add(vocabulary.mood.now_times, Role.PREFIX, info)
        for name in FieldRole.__args__:  # type: ignore[attr-defined]
            for key in getattr(vocabulary.fields, name):
                joined, bounds = _joined(letter_runs(key))
                slot = fields.setdefault(joined, ([], set()))
                slot[0].append(name)
                slot[1].update(bounds)
                record_anchors.setdefault(f"field.{name}", set()).update(_end_runs(key))
        for name in ValueRole.__args__:  # type: ignore[attr-defined]
            for word in getattr(vocabulary.values, name):
                joined, bounds = _joined(letter_runs(word))
                vslot = values.setdefault(joined, ([], set()))
                vslot[0].append(name)
                vslot[1].update(bounds)
                record_anchors.setdefault(f"value.{name}", set()).update(_end_runs(word))
        for category in ("order", "execution", "risk_limit", "live_toggle", "rebalance"):
            for name in getattr(vocabulary.intents, category):
                joined, bounds = _joined(letter_runs(name))
                islot = intents.setdefault(joined, (category, set()))
                islot[1].update(bounds)
                record_anchors.setdefault("intent", set()).update(_end_runs(name))
    given = frozenset(builder.entries)
    for vocabulary in files:
        _add_inflected(builder, vocabulary, given)
    builder.add_deferred()
    words: dict[str, Entry] = {}
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
    elisions = frozenset(fold_for_matching(word) for f in files for word in f.language.elisions)
    singles = frozenset(key[0] for key in builder.entries if len(key) == 1)
    for written, entry_slot in builder.entries.items():
        key = _as_read(written, singles, elisions)
        entry = _entry(entry_slot)
        if len(key) == 1 and entry.roles & _GRAMMAR and entry.roles & Role.VERB:
            # A function word of one language is no verb of another: Spanish "dé" (give)
            # folds to the "de" of French and Spanish, which would make every "de" a verb.
            entry = Entry(
                entry.roles & ~Role.VERB,
                entry.forms,
                entry.value,
                entry.negation_after,
                entry.agreement,
            )
        if len(key) == 1:
            words[key[0]] = entry
        else:
            phrases.setdefault(key[0], []).append((key, entry))
    return Lexicon(
        languages=tuple(f.language.code for f in files),
        words=words,
        phrases=_phrase_index(phrases),
        fields={k: (tuple(dict.fromkeys(r)), frozenset(b)) for k, (r, b) in fields.items()},
        values={k: (tuple(dict.fromkeys(r)), frozenset(b)) for k, (r, b) in values.items()},
        intents={k: (c, frozenset(b)) for k, (c, b) in intents.items()},
        past_suffixes=tuple(sorted(suffixes)),
        not_past=frozenset(not_past),
        passive=frozenset(passive),
        present_passive=frozenset(present),
        agents=frozenset(agents),
        obligation=frozenset(obligation),
        obligation_markers=frozenset(obligation_markers),
        anchors=builder.gate_anchors(),
        record_anchors={key: frozenset(found) for key, found in record_anchors.items()},
        separable=_separable_index(builder.separable),
        elisions=elisions,
        hyphen_clitics=frozenset(
            fold_for_matching(word) for f in files for word in f.language.hyphen_clitics
        ),
        holding=holding.gate_anchors().get(Role.TRADE, frozenset()),
        future=future.gate_anchors().get(Role.PREFIX, frozenset()),
        notionals=frozenset(shares["notionals"]),
        basis_points=frozenset(shares["basis_points"]),
        points=frozenset(shares["points"]),
        fractions=frozenset(shares["fractions"]),
        repeats=frozenset(shares["repeats"]),
        affirmatives=frozenset(shares["affirmatives"]),
        directions=frozenset(shares["directions"]),
        quotes=frozenset(shares["quotes"]),
    )


# The shortest verb that takes a pronoun or an imperative ending: Spanish "dé" (give)
# folded is "de", and "de"+"la" would be read as a verb.
_SHORTEST_STEM: Final = 3


def _perfects(phrases: Iterable[str], info: LanguageInfo) -> list[str]:
    """Each single-word verb of ``phrases`` after each auxiliary of the compound past, as
    the past: "a soldé", "ont fermé" (French folds "soldé" onto the imperative "solde")."""
    if not info.perfect_auxiliaries:
        return []
    found: list[str] = []
    for raw in phrases:
        text, _, tag = raw.rpartition(":") if ":" in raw else (raw, "", "base")
        word = fold_for_matching(text)
        # A participle, or a base form the participle folds onto ("solde"); never an
        # infinitive, which the folded "à" precedes ("est à vendre", "à solder").
        folds = tag == "base" and word.endswith("e") and not word.endswith("re")
        if word.isalpha() and len(word) >= _SHORTEST_STEM and (tag == "participle" or folds):
            found.extend(f"{auxiliary} {word}:past" for auxiliary in info.perfect_auxiliaries)
    return found


def _named_by(phrases: Iterable[str], nouns: Iterable[str]) -> list[str]:
    """The phrases whose last word is one of ``nouns``: "le fonds" of "fonds"."""
    heads = {phrase_words(fold_for_matching(noun)) for noun in nouns}
    return [p for p in phrases if phrase_words(fold_for_matching(p))[-1:] in heads]


def _imperatives_and_clitics(
    phrases: Iterable[str], info: LanguageInfo
) -> tuple[list[str], list[str]]:
    """The forms of the single-word verbs in ``phrases`` that no list spells out: the plural
    familiar imperative of each infinitive ("cerrar" -> "cerrad") and each base form (an
    imperative or infinitive) with an object pronoun written onto it ("vende" -> "véndelo",
    "cierra" -> "ciérrala", "vender" -> "venderlas"); folded, the accent the pronoun adds
    is gone. Hand-written: no maintained library inflects Spanish verbs offline, and the
    two rules are regular (the familiar plural imperative has no exceptions among these
    verbs but "id", which is none of them). The forms with a pronoun come second: their
    object is a target named before (:data:`Form.CLITIC`)."""
    if not info.enclitics and not info.plural_imperatives:
        return [], []
    found: list[str] = []
    clitics: list[str] = []
    for raw in phrases:
        text, _, tag = raw.rpartition(":") if ":" in raw else (raw, "", "base")
        word = fold_for_matching(text)
        if tag != "base" or not word.isalpha() or len(word) < _SHORTEST_STEM:
            continue
        forms = [word]
        for ending, imperative in info.plural_imperatives:
            if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM - 1:
                forms.append(word[: -len(ending)] + imperative)
        found.extend(forms[1:])
        clitics.extend(form + clitic for form in forms for clitic in info.enclitics)
    return found, clitics


# The action lists whose infinitives are inflected, with their roles.
def _action_lists(actions: Actions) -> tuple[tuple[_Words, int], ...]:
    return (
        (actions.buy, Role.BUY),
        (actions.sell, Role.SELL),
        (actions.trade, Role.TRADE),
        (actions.execute, Role.EXECUTE),
        (actions.place, Role.PLACE),
        (actions.close, Role.CLOSE),
        (actions.change, Role.CHANGE),
        (actions.switch, Role.SWITCH),
        (actions.allocate, Role.ALLOCATE),
        (actions.rebalance, Role.REBALANCE),
        (actions.holding, Role.TRADE),
    )


def _add_inflected(
    builder: _Builder, vocabulary: VocabularyFile, given: frozenset[tuple[str, ...]]
) -> None:
    """The regular participles (and Spanish reflexive futures) of every action list's
    infinitives, added after every written entry so that none overrides one.

    Written out by hand, each list named only the participles someone had met in a case
    ("cerrado", "soldée") and a passive of the family's other verbs read as nothing ("the
    hedge will be rolled", "la cobertura será renovada"). The endings are a handful of
    regular rules per language, data in its ``[language]`` section; a conjugation
    library would bring statistical models for what these few endings do.
    """
    info = vocabulary.language
    if not (info.participles or info.reflexive_futures or info.reflexive_presents):
        return
    made: list[tuple[str, ...]] = []
    skip = {fold_for_matching(word) for word in info.not_inflected}
    participle = Form.PAST if info.participles_past else Form.PARTICIPLE
    for phrases, role in _action_lists(vocabulary.actions):
        holding = phrases is vocabulary.actions.holding
        marks = Form.HOLDING if holding else 0
        for raw in phrases:
            words = () if ":" in raw or "…" in raw else phrase_words(fold_for_matching(raw))
            # Not a tagged form, a separable verb (read joined as well), nor an idiom with
            # its object ("lift the offer", "hit bids").
            if not words or words[0] in skip or not words[0].isalpha():
                continue
            if not all(_particle(builder, word) for word in words[1:]):
                continue
            keys = [(form, *words[1:]) for form in _inflected(words[0], info)]
            alone = len(words) == 1
            futures = _endings(words[0], info.reflexive_futures) if alone else []
            presents = _endings(words[0], info.reflexive_presents) if alone else []
            reflexive = fold_for_matching(info.reflexive)
            for key, forms in [
                *((key, participle) for key in keys),
                *(((reflexive, future), _REFLEXIVE_FUTURE) for future in futures),
                *(((reflexive, present), _REFLEXIVE_PRESENT) for present in presents),
            ]:
                if key in given:
                    _participle_of(builder.entries[key], role, forms, info)
                    continue
                slot = builder.entries.setdefault(key, _new_slot())
                builder._fill(slot, _role_of(slot, role, holding), forms | marks, info)
            made.extend(key for key in keys if len(key) > 1 and key not in given)
    # A phrasal participle read as one token ("rolled into") is also what its verb alone
    # is ("rolled": a closing verb as well as a trade verb).
    for key in made:
        verb = builder.entries.get(key[:1])
        if verb is not None:
            phrasal = builder.entries[key]
            phrasal[0] = int(phrasal[0] or 0) | (int(verb[0] or 0) & Role.VERB)


# The forms a participle may share its spelling with: the bare form ("placé", "place")
# and the German third person ("erhöht", "reduziert").
_BARE: Final = Form.BASE | Form.THIRD | Form.HOLDING


def _participle_of(
    slot: list[int | float | bool | None], role: int, forms: int, info: LanguageInfo
) -> None:
    """A participle spelled as a word already written ("placé" folds to "place", "rééquilibré"
    to "rééquilibre", "erhöht" is also the third person): a verb's bare or third-person
    form is that participle as well; a past or a noun is read as written. English
    participles are its past, never another word's."""
    if info.participles_past or not forms & Form.PARTICIPLE:
        return
    if int(slot[0] or 0) & Role.VERB and not int(slot[1] or 0) & ~_BARE:
        slot[1] = int(slot[1] or 0) | Form.PARTICIPLE


# A reflexive future reads as the bare forms written for it ("se subirá": an instruction
# with no subject) and as a passive whose subject is its object.
_REFLEXIVE_FUTURE: Final = Form.BASE | Form.PARTICIPLE | Form.REFLEXIVE
# A reflexive present is a passive in the present ("se venden las acciones"): what the
# market does, unless it moves a holding of ours (:func:`policies.scan.mood`).
_REFLEXIVE_PRESENT: Final = Form.THIRD | Form.PARTICIPLE | Form.REFLEXIVE


# What may follow a verb in a phrasal verb whose participle is made ("rolled over",
# "closed out", "rolled into"): a particle the vocabulary does not know, or a preposition.
_PARTICLE_ROLES: Final = Role.PREP | Role.LEVEL_LINK | Role.PREFIX | Role.INFINITIVE


def _particle(builder: _Builder, word: str) -> bool:
    slot = builder.entries.get((word,))
    roles = int(slot[0] or 0) if slot is not None else 0
    return not roles & ~_PARTICLE_ROLES and not roles & Role.DET


def _endings(word: str, rules: tuple[_Words, ...]) -> list[str]:
    """``word`` with its ending replaced by each ending of the first rule it has."""
    for rule in rules:
        ending = fold_for_matching(rule[0])
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: len(word) - len(ending)]
            return [stem + fold_for_matching(new) for new in rule[1:]]
    return []


def _inflected(word: str, info: LanguageInfo) -> list[str]:
    """The regular participles of the infinitive ``word``: its ending replaced by a rule's
    (:attr:`LanguageInfo.participles`), with the German prefix where it goes: after a
    separable particle ("abbauen" → "abgebaut"), not after an inseparable prefix or for
    "-ieren" ("verkaufen" → "verkauft", "reduzieren" → "reduziert")."""
    prefix = fold_for_matching(info.participle_prefix)
    if not prefix:
        return _endings(word, info.participles)
    particle = next(
        (
            p
            for p in map(fold_for_matching, info.separable_particles)
            if word.startswith(p) and len(word) > len(p) + 3
        ),
        "",
    )
    stem = word[len(particle) :]
    plain = any(stem.startswith(fold_for_matching(p)) for p in info.unprefixed) or any(
        stem.endswith(fold_for_matching(e)) for e in info.unprefixed_endings
    )
    made = _endings(stem, info.participles)
    if not plain:
        made = [prefix + form for form in made]
    return [particle + form for form in made if particle + form != word]


def _as_read(
    key: tuple[str, ...], singles: frozenset[str], elisions: frozenset[str]
) -> tuple[str, ...]:
    """A phrase's words as the lexer reads them: an elided word that is no entry of its
    own is two tokens ("prix d'entrée" is read "prix", "d'", "entree"), as in the text."""
    last: tuple[str, ...] = ()
    if len(key) >= 2 and key[-1] == "'" and key[-2] in elisions:
        # An elided word written alone ("n'", "qu'", "d'") is one token, as the lexer
        # reads it off "n'achetez", "qu'il"; so is one that ends a phrase ("il convient d'"),
        # whose other words are read as below ("il s'agit d'": "il", "s'", "agit", "d'").
        key, last = key[:-2], (key[-2] + "'",)
    if len(key) == 1 or not any("'" in word for word in key):
        return (*key, *last)
    read: list[str] = []
    for word in key:
        prefix, _, rest = word.partition("'")
        if rest and word not in singles and prefix in elisions:
            read.extend((prefix + "'", rest))
        else:
            read.append(word)
    return (*read, *last)


def _separable_index(
    separable: dict[tuple[str, str], list[int | float | bool | None]],
) -> dict[str, tuple[tuple[str, Entry], ...]]:
    index: dict[str, list[tuple[str, Entry]]] = {}
    for (stem, particle), slot in separable.items():
        index.setdefault(stem, []).append((particle, _entry(slot)))
    return {stem: tuple(found) for stem, found in index.items()}


def _phrase_index(
    phrases: dict[str, list[tuple[tuple[str, ...], Entry]]],
) -> dict[str, dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]]:
    """First token, then second token, to the phrases that start with both, longest first."""
    index: dict[str, dict[str, tuple[tuple[tuple[str, ...], Entry], ...]]] = {}
    for first, found in phrases.items():
        by_second: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        for words, entry in sorted(found, key=lambda item: -len(item[0])):
            by_second.setdefault(words[1], []).append((words, entry))
        index[first] = {second: tuple(group) for second, group in by_second.items()}
    return index


def _end_runs(name: str) -> set[str]:
    """The gate words a structured key or value can show, however its words are joined.

    A key matches by its letters alone ("order_qty", "orderQty", "ORDERQTY"), so the text
    may join any neighbouring words of it; whatever the joins, the last gate word of the
    key is a run of its words that ends with its last word. Digits are left out, as the
    gate leaves them out.
    """
    words = letter_runs(name)
    return {"".join(words[i:]) for i in range(len(words))}


def _add_sections(builder: _Builder, vocabulary: VocabularyFile, info: LanguageInfo) -> None:
    actions, objects, mood, numbers = (
        vocabulary.actions,
        vocabulary.objects,
        vocabulary.mood,
        vocabulary.numbers,
    )
    tagged = (
        (actions.buy, Role.BUY),
        (actions.sell, Role.SELL),
        (actions.trade, Role.TRADE),
        (actions.execute, Role.EXECUTE),
        (actions.place, Role.PLACE),
        (actions.close, Role.CLOSE),
        (actions.change, Role.CHANGE),
        (actions.switch, Role.SWITCH),
        (actions.disable, Role.DISABLE),
        (actions.allocate, Role.ALLOCATE),
        (actions.rebalance, Role.REBALANCE),
        (mood.negating_verbs, Role.AVOID),
        (mood.recommend, Role.RECOMMEND),
        (mood.auxiliaries, Role.AUX),
        (mood.describe, Role.DESCRIBE),
    )
    for phrases, role in tagged:
        builder.add(phrases, role, info, tagged=True)
        if role & Role.VERB:
            imperatives, clitics = _imperatives_and_clitics(phrases, info)
            builder.defer(imperatives, role, info)
            builder.defer(clitics, role, info, marks=Form.CLITIC)
            builder.add(_perfects(phrases, info), role, info, tagged=True)
    builder.add(mood.reporting, Role.RECOMMEND, info, tagged=True, marks=Form.SPEECH)
    builder.add(mood.counterfactuals, Role.AUX, info, tagged=True, marks=Form.COUNTERFACTUAL)
    # A verb that attributes ("says", "argued") is a finite predicate; a preposition or noun
    # ("according to", "view") only marks where the speaker is named.
    builder.add(mood.attributing_verbs, Role.DESCRIBE, info, tagged=True, marks=Form.ATTRIBUTION)
    builder.add(mood.attributions, Role.PREP, info, marks=Form.ATTRIBUTION)
    builder.add(mood.past_times, Role.PREFIX, info, marks=Form.PAST_TIME)
    # Only marked: a day or a time ahead keeps whatever else it is ("monday" a prefix).
    builder.add(mood.future_times, 0, info, marks=Form.FUTURE_TIME)
    builder.add(mood.future_days, 0, info, marks=Form.FUTURE_DAY)
    builder.add(mood.future_months, 0, info, marks=Form.MONTH)
    builder.add(mood.now_times, 0, info, marks=Form.NOW)
    builder.add(mood.future_starts, 0, info, marks=Form.FUTURE_START)
    builder.add(mood.products, Role.THIRD, info, marks=Form.PRODUCT)
    # A product named by a book's noun is a book: "der Fonds", "le fonds", "el fondo" (as
    # "the fund" is listed with the books): what it does dated ahead is our plan.
    builder.add(_named_by(mood.products, objects.nav), Role.NAV, info)
    builder.add(objects.models, Role.PORTFOLIO, info, marks=Form.MODEL)
    # Only marked: a noun or verb naming a quotation keeps whatever else it is.
    builder.add(mood.quotations, 0, info, marks=Form.QUOTING)
    builder.add(mood.why_questions, 0, info, marks=Form.WHY)
    builder.add(mood.repeats, 0, info, marks=Form.REPEAT)
    builder.add(mood.affirmatives, 0, info, marks=Form.AFFIRM)
    builder.add(mood.hedges, 0, info, marks=Form.HEDGE)
    builder.add(mood.indices, 0, info, marks=Form.INDEX)
    builder.add(mood.issues, 0, info, marks=Form.ISSUE)
    builder.add(mood.index_events, 0, info, marks=Form.INDEX_EVENT)
    builder.add(mood.present_times, 0, info, marks=Form.TODAY)
    builder.add(mood.settings, 0, info, marks=Form.SETTING)
    builder.add(mood.rating_holds, 0, info, marks=Form.RATING_HOLD)
    builder.add(mood.proposals, Role.CONDITIONAL | Role.SUBORDINATOR, info, marks=Form.PROPOSAL)
    builder.add(mood.distributives, Role.DET, info, marks=Form.EACH)
    builder.add(actions.directions, 0, info, marks=Form.DIRECTION)
    builder.add(actions.quotes, 0, info, marks=Form.QUOTE)
    builder.add(mood.unreal_past, Role.RECOMMEND, info, marks=Form.UNREAL)
    # After every other action: a verb of a holding that is also a side or a closing verb
    # keeps those roles alone; the others are weak trade verbs.
    builder.add(
        actions.holding, Role.TRADE, info, tagged=True, marks=Form.HOLDING, unless_verb=True
    )
    imperatives, clitics = _imperatives_and_clitics(actions.holding, info)
    builder.defer(imperatives, Role.TRADE, info, marks=Form.HOLDING)
    builder.defer(clitics, Role.TRADE, info, marks=Form.HOLDING | Form.CLITIC)
    plain = (
        (actions.side_adjectives, Role.SIDE_ADJ),
        (objects.orders, Role.ORDER_OBJ),
        (objects.positions, Role.POSITIONS),
        (objects.brokers, Role.BROKER),
        (objects.order_types, Role.ORDER_TYPE),
        (objects.limits, Role.LIMIT_OBJ),
        (objects.levels, Role.LEVEL),
        (objects.leverage, Role.LEVERAGE),
        (objects.live, Role.LIVE),
        (objects.production, Role.PRODUCTION),
        (objects.paper, Role.PAPER),
        (objects.safety, Role.SAFETY),
        (objects.portfolio, Role.PORTFOLIO),
        (objects.weights, Role.WEIGHT),
        (objects.nav, Role.NAV),
        (objects.instruments, Role.INSTRUMENT),
        (objects.units, Role.UNIT),
        (objects.currencies, Role.CURRENCY),
        (objects.references, Role.REFERENCE),
        (objects.probabilities, Role.PROBABILITY),
        (mood.self_, Role.SELF),
        (mood.addressee, Role.ADDRESSEE),
        (mood.generic, Role.GENERIC),
        (mood.third_parties, Role.THIRD),
        (mood.institutions, Role.INSTITUTION),
        (mood.negations, Role.NEG),
        (mood.recommend_modals, Role.REC_MODAL),
        (mood.forecast_modals, Role.FORECAST_MODAL),
        (mood.recommend_adjectives, Role.REC_ADJ),
        (mood.urge_frames, Role.URGE),
        (mood.discourage_frames, Role.DISCOURAGE),
        (mood.conditionals, Role.CONDITIONAL),
        (mood.subordinators, Role.SUBORDINATOR),
        (mood.coordinators, Role.COORDINATOR),
        (mood.disjunctions, Role.DISJUNCTION),
        (mood.infinitive_markers, Role.INFINITIVE),
        (mood.complementizers, Role.COMPLEMENT),
        (mood.prefixes, Role.PREFIX),
        (mood.prepositions, Role.PREP),
        (mood.determiners, Role.DET),
        (mood.level_links, Role.LEVEL_LINK),
        (mood.non_actions, Role.NON_ACTION),
        (mood.not_tickers, Role.NOT_TICKER),
        (numbers.point, Role.DECIMAL_POINT),
        (numbers.joiners, Role.NUMBER_JOINER),
        (numbers.percent, Role.PERCENT),
        (numbers.times, Role.TIMES),
    )
    for phrases, role in plain:
        builder.add(phrases, role, info)
    for word, number in numbers.values.items():
        builder.add([word], Role.NUMBER_WORD, info, value=number)
    for word, number in numbers.scales.items():
        builder.add([word], Role.SCALE, info, value=number)
