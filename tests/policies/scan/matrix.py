"""The scanner's vocabulary crossed with the frames it must read: a recall matrix.

Every action entry of every language (buy, sell and close verbs in their base forms,
participles in the passive, nouns in their nominal frames), every level word, every word
for the book a position is sized against, leverage ratios, execution nouns and command-line
orders are put into the frames each language writes an instruction in, with a target and a
price phrase: each such sentence must block. Each family has benign twins (a third party's
past trade, a question about the market, a refusal without an order) that must pass.

The sentences are built from the vocabulary files themselves, so an entry added to a file
is tested in every frame of its family at once; the frames are grammar and live here. The
product of entries, frames, targets and price phrases is large, so targets and price
phrases rotate deterministically: every entry meets every frame of its family once, and
every target shape and price phrase of its language is met many times over.
"""

from __future__ import annotations

import itertools
import tomllib
from collections.abc import Iterator
from typing import Any, Final, NamedTuple

from policies.scan import shipped_vocabulary_dir

__all__ = ["Case", "benign_twins", "directives"]


class Case(NamedTuple):
    """One generated sentence: its family, language and frame, and the text."""

    family: str
    language: str
    frame: str
    text: str


class _Grammar(NamedTuple):
    """How one language frames an instruction; ``{v}`` is the verb, ``{t}`` the target, ``{p}``
    the price phrase, ``{n}`` a noun, ``{l}`` a level word, ``{x}`` a number."""

    # (size and target, price): a target's price matches its instrument.
    targets: tuple[tuple[str, str], ...]
    prices: tuple[str, ...]  # "{x}" is the target's price
    base: tuple[tuple[str, str], ...]  # (frame name, template) for the base form of a verb
    imperative: tuple[tuple[str, str], ...]  # for entries that are imperatives already
    passive: tuple[tuple[str, str], ...]  # for participles
    nominal: tuple[tuple[str, str], ...]  # for nouns
    levels: tuple[tuple[str, str], ...]
    sizing: tuple[tuple[str, str], ...]  # "{b}" is the book, with its preposition
    twins: tuple[str, ...]  # benign: "{v}" a past form, or no verb at all
    level_twin: str  # a level of the past, hit or not: "{l}" the level word


_TARGETS_EN: Final = (
    ("300 shares of SAP", "210"),
    ("20 contracts ESZ6", "5,120"),
    ("3 contracts BTC-PERP", "97,500"),
    ("40 lots EUR/USD", "1.0850"),
    ("40 lots EURUSD", "1.0850"),
    ("three hundred shares of SAP", "210"),
    ("2,000 shares of TTE", "57.52"),
)

_GRAMMAR: Final[dict[str, _Grammar]] = {
    "en": _Grammar(
        targets=_TARGETS_EN,
        prices=(
            "at {x}",
            "@ {x}",
            "near {x}",
            "around {x}",
            "with a limit of {x}",
            "at {x} or better",
            "on a {x} limit",
        ),
        base=(
            ("imperative", "{V} {t} {p}."),
            ("we should", "We should {v} {t} {p}."),
            ("we recommend", "We recommend that you {v} {t} {p}."),
            ("modal", "You must {v} {t} {p} today."),
        ),
        imperative=(),
        passive=(
            ("passive", "{T} should be {v} {p}."),
            ("passive recommended", "{T} are to be {v} {p}."),
        ),
        nominal=(
            ("nominal", "{N} {t} {p} is called for."),
            ("recommend a noun", "We recommend {n} {t} {p}."),
        ),
        levels=(
            ("level for the long", "{L} for the SAP long: {x}."),
            ("level on", "{L} on SAP at {x}."),
            ("put the level", "Put the {l} at {x}."),
            ("level label", "{L}: {x}."),
        ),
        sizing=(
            ("leg gets", "The QQQ leg gets 10% {b}."),
            ("give", "Give the TLT sleeve 15% {b}."),
            ("size at", "Size GLD at 5% {b}."),
        ),
        twins=(
            "Pension funds {v} {t} at {x} last week.",
            "Will the market keep buying SAP after the results?",
            "We would not chase SAP here; this outlook places no order.",
        ),
        level_twin="Last week the {l} on SAP at 230 was hit.",
    ),
    "de": _Grammar(
        targets=(
            ("300 Aktien SAP", "210"),
            ("20 Kontrakte ESZ6", "5.120"),
            ("3 Kontrakte BTC-PERP", "97.500"),
            ("40 Lots EUR/USD", "1,0850"),
            ("40 Lots EURUSD", "1,0850"),
            ("dreihundert Aktien SAP", "210"),
        ),
        prices=("zu {x}", "@ {x}", "bei {x}", "um {x}", "mit Limit {x}", "limitiert bei {x}"),
        base=(
            ("imperative", "{V} Sie {t} {p}."),
            ("infinitive", "{T} {p} {v}."),
            ("wir sollten", "Wir sollten {t} {p} {v}."),
            ("sie müssen", "Sie müssen {t} {p} {v}."),
        ),
        imperative=(("imperative", "{V} {t} {p}."),),
        passive=(("passive", "{T} sollten {p} {v} werden."),),
        nominal=(
            ("nominal", "{N} von {t} {p} wird empfohlen."),
            ("recommend a noun", "Wir empfehlen {n} von {t} {p}."),
        ),
        levels=(
            ("level for the long", "{L} für die SAP-Long-Position: {x}."),
            ("level on", "{L} bei SAP auf {x}."),
            ("put the level", "Den {l} auf {x} setzen."),
            ("level label", "{L}: {x}."),
        ),
        sizing=(
            ("leg gets", "Die QQQ-Position erhält 10 % {b}."),
            ("give", "Geben Sie TLT 15 % {b}."),
            ("size at", "SAP mit 5 % {b} gewichten."),
        ),
        twins=(
            "Pensionsfonds {v} letzte Woche {t} zu {x}.",
            "Wird der Markt SAP nach den Zahlen weiter kaufen?",
            "Wir würden SAP hier nicht jagen; dieser Ausblick erteilt keinen Auftrag.",
        ),
        level_twin="Letzte Woche wurde der {l} bei SAP auf 230 ausgelöst.",
    ),
    "fr": _Grammar(
        targets=(
            ("300 actions SAP", "210"),
            ("20 contrats ESZ6", "5 120"),
            ("3 contrats BTC-PERP", "97 500"),
            ("40 lots EUR/USD", "1,0850"),
            ("40 lots EURUSD", "1,0850"),
            ("trois cents actions SAP", "210"),
        ),
        prices=("à {x}", "@ {x}", "autour de {x}", "vers {x}", "avec une limite à {x}"),
        base=(
            ("nous devrions", "Nous devrions {v} {t} {p}."),
            ("il faut", "Il faut {v} {t} {p}."),
            ("nous recommandons", "Nous recommandons de {v} {t} {p}."),
        ),
        imperative=(("imperative", "{V} {t} {p}."),),
        passive=(("passive", "{T} devraient être {v} {p}."),),
        nominal=(
            ("nominal", "{N} de {t} {p} est recommandé."),
            ("recommend a noun", "Nous recommandons {n} de {t} {p}."),
        ),
        levels=(
            ("level for the long", "{L} pour la position longue sur SAP : {x}."),
            ("level on", "{L} sur SAP à {x}."),
            ("put the level", "Placez le {l} à {x}."),
            ("level label", "{L} : {x}."),
        ),
        sizing=(
            ("leg gets", "La poche QQQ reçoit 10 % {b}."),
            ("give", "Donnez à TLT 15 % {b}."),
            ("size at", "Pondérez SAP à 5 % {b}."),
        ),
        twins=(
            "Les fonds de pension {v} {t} à {x} la semaine dernière.",
            "Le marché va-t-il continuer à acheter SAP après les résultats ?",
            "Nous ne poursuivrions pas SAP ici ; cette note ne passe aucun ordre.",
        ),
        level_twin="La semaine dernière, le {l} sur SAP à 230 a été touché.",
    ),
    "es": _Grammar(
        targets=(
            ("300 acciones de SAP", "210"),
            ("20 contratos ESZ6", "5.120"),
            ("3 contratos BTC-PERP", "97.500"),
            ("40 lotes EUR/USD", "1,0850"),
            ("40 lotes EURUSD", "1,0850"),
            ("trescientos títulos de SAP", "210"),
        ),
        prices=("a {x}", "@ {x}", "en torno a {x}", "cerca de {x}", "con límite en {x}"),
        base=(
            ("deberíamos", "Deberíamos {v} {t} {p}."),
            ("recomendamos", "Recomendamos {v} {t} {p}."),
            ("hay que", "Hay que {v} {t} {p}."),
        ),
        imperative=(("imperative", "{V} {t} {p}."),),
        passive=(("passive", "{T} deberían ser {v} {p}."),),
        nominal=(
            ("nominal", "Se recomienda {n} {t} {p}."),
            ("recommend a noun", "Recomendamos {n} {t} {p}."),
        ),
        levels=(
            ("level for the long", "{L} para el largo en SAP: {x}."),
            ("level on", "{L} en SAP a {x}."),
            ("put the level", "Ponga el {l} en {x}."),
            ("level label", "{L}: {x}."),
        ),
        sizing=(
            ("leg gets", "La posición en QQQ recibe un 10 % {b}."),
            ("give", "Dé a TLT un 15 % {b}."),
            ("size at", "Pondere SAP al 5 % {b}."),
        ),
        twins=(
            "Los fondos de pensiones {v} {t} a {x} la semana pasada.",
            "¿Seguirá el mercado comprando SAP tras los resultados?",
            "No perseguiríamos SAP aquí; esta nota no da ninguna orden.",
        ),
        level_twin="La semana pasada se tocó el {l} en SAP a 230.",
    ),
}
# How each language says "of the book" before a word for it; the book words come from data.
_OF_BOOK: Final = {"en": "of the {b}", "de": "vom {b}", "fr": "du {b}", "es": "del {b}"}
# Words for the book that English writes without an article ("of NAV", "of capital").
_BARE_BOOKS: Final = frozenset(
    {"nav", "aum", "capital", "equity", "assets", "risk capital", "net asset value"}
)
# Words that make an action entry an idiom with its own object ("buy the dip", "bank
# profits"), which no target can follow; the corpus covers those.
_OWN_OBJECT: Final = frozenset(
    {"the", "your", "our", "dips", "rallies", "shorts", "profits", "gains", "sie", "sich", "uns"}
)
_PREPOSITION_END: Final = frozenset({"of", "for", "on", "in", "to", "von", "de", "à"})
# Level entries that are verbs of their own ("get out", "protect it", "raise the stop").
_VERB_LEVEL_HEADS: Final = frozenset(
    {"get", "bail", "step", "protect", "trail", "raise", "move", "book", "bank", "target"}
)
_SEPARABLE_PREFIXES: Final = (
    "ab",
    "an",
    "auf",
    "aus",
    "ein",
    "nach",
    "zu",
    "glatt",
    "zurück",
    "mit",
    "hoch",
    "herunter",
    "um",
    "frei",
)
_INFINITIVE_ENDINGS: Final = {
    "de": ("en", "ern", "eln"),
    "fr": ("er", "ir", "re"),
    "es": ("ar", "er", "ir"),
}


def _vocabulary(language: str) -> dict[str, Any]:
    with (shipped_vocabulary_dir() / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _entries(words: list[str]) -> Iterator[tuple[str, str]]:
    """(entry, form) for the entries of a list, separable frames ("stellen … glatt") left out."""
    for raw in words:
        entry, _, form = raw.partition(":")
        if "…" not in entry:
            yield entry, form or "base"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _is_infinitive(language: str, entry: str) -> bool:
    if language == "en":
        return True
    head = entry.split()[0] if language != "de" else entry.split()[-1]
    return head.endswith(_INFINITIVE_ENDINGS[language])


def _frames(language: str, grammar: _Grammar, entry: str) -> tuple[tuple[str, str], ...]:
    """The frames of a base-form entry: an infinitive's, or an imperative's."""
    words = entry.split()
    if language == "en":
        return grammar.base
    if not _is_infinitive(language, entry):
        # German verb-second forms with their particle ("stellen glatt") are read through
        # their separable frames ("stellen … glatt"), which a sentence here cannot show.
        return () if language == "de" and len(words) > 1 else grammar.imperative
    if language == "de" and (len(words) > 1 or words[0].startswith(_SEPARABLE_PREFIXES)):
        # A separable verb's imperative splits it ("Stellen Sie … glatt"): the verb-final
        # frames only.
        return tuple(frame for frame in grammar.base if "Sie" not in frame[1].split()[1:2])
    return grammar.base


def _usable_verb(entry: str) -> bool:
    words = entry.split()
    return not (_OWN_OBJECT & set(words))


def directives() -> Iterator[Case]:
    """Every generated instruction, in a stable order."""
    for language, grammar in _GRAMMAR.items():
        vocabulary = _vocabulary(language)
        yield from _action_cases(language, grammar, vocabulary["actions"])
        yield from _level_cases(language, grammar, vocabulary["objects"]["levels"])
        yield from _sizing_cases(language, grammar, vocabulary["objects"]["nav"])
    yield from _leverage_cases()
    yield from _execution_cases()
    yield from _command_line_cases()


def _action_cases(
    language: str, grammar: _Grammar, actions: dict[str, list[str]]
) -> Iterator[Case]:
    rotation = itertools.count()
    seen: set[tuple[str, str]] = set()
    for family in ("buy", "sell", "close"):
        for entry, form in _entries(actions[family]):
            if (entry, form) in seen or not _usable_verb(entry):
                continue
            seen.add((entry, form))
            if form == "base":
                frames = _frames(language, grammar, entry)
            elif form == "participle" or (form == "past" and language == "en" and " " not in entry):
                frames = grammar.passive
            elif form == "noun":
                frames = grammar.nominal
            else:
                continue
            for name, template in frames:
                n = next(rotation)
                target, price = grammar.targets[n % len(grammar.targets)]
                phrase = grammar.prices[(n // len(grammar.targets)) % len(grammar.prices)]
                noun = (
                    entry
                    if entry.split()[-1] in _PREPOSITION_END or language != "en"
                    else (f"a {entry} of")
                )
                text = template.format(
                    v=entry,
                    V=_capital(entry),
                    t=target,
                    T=_capital(target),
                    p=phrase.format(x=price),
                    n=noun,
                    N=_capital(noun),
                )
                yield Case(f"action:{family}", language, name, text)


def _level_cases(language: str, grammar: _Grammar, levels: list[str]) -> Iterator[Case]:
    for n, (entry, _) in enumerate(_entries(levels)):
        words = entry.split()
        if words[0] in _VERB_LEVEL_HEADS or words[-1] in _PREPOSITION_END:
            continue
        for name, template in grammar.levels:
            x = ("230", "5,150", "1.0920")[n % 3] if language == "en" else ("230", "5.150")[n % 2]
            text = template.format(l=entry, L=_capital(entry), x=x)
            yield Case("level", language, name, text)


def _sizing_cases(language: str, grammar: _Grammar, books: list[str]) -> Iterator[Case]:
    for book in books:
        of = _OF_BOOK[language]
        shown = book.upper() if book in {"nav", "aum", "vni"} else book
        if language == "en" and (book.startswith("the ") or book in _BARE_BOOKS):
            of = "of {b}"
        elif language == "de":
            shown = _capital(shown)
        for name, template in grammar.sizing:
            yield Case("sizing", language, name, template.format(b=of.format(b=shown)))


_RATIOS: Final = ("5x", "5:1", "5-to-1", "five times")
_LEVERAGE_FRAMES: Final = (
    ("go", "Go {r} long IWM."),
    ("run long", "Run {r} long on NVDA."),
    ("run the book", "Run the book at {r}."),
    ("take leverage", "Take {r} leverage on QQQ."),
    ("lever", "Lever the SPY position {r}."),
    ("gear", "Gear the portfolio up {r}."),
)


def _leverage_cases() -> Iterator[Case]:
    for (name, template), ratio in itertools.product(_LEVERAGE_FRAMES, _RATIOS):
        yield Case("leverage", "en", name, template.format(r=ratio))


_EXECUTION_NOUNS: Final = ("order", "ticket", "basket", "algo", "bids", "offers")
_EXECUTION_VERBS: Final = ("fill", "work", "cancel", "resend", "route", "release", "send")


def _execution_cases() -> Iterator[Case]:
    for verb, noun in itertools.product(_EXECUTION_VERBS, _EXECUTION_NOUNS):
        yield Case("execution", "en", verb, f"{_capital(verb)} the HYG {noun} before the close.")
    yield Case(
        "execution", "en", "cancel and resend", "Cancel all open NVDA orders and resend at 126.35."
    )


_SWITCHES: Final = ("--side sell", "--qty 4000", "--symbol SPY")


def _command_line_cases() -> Iterator[Case]:
    for order in itertools.permutations(_SWITCHES):
        line = " ".join(order)
        yield Case("command line", "en", "run", f"Run `broker submit {line}`.")
        yield Case("command line", "en", "bare", f"`trade {line}`")
    yield Case("command line", "en", "env", "Set SIDE=sell QTY=4000 SYMBOL=SPY before the open.")
    yield Case(
        "command line", "en", "config", '```\nside = "sell"\nqty = 4000\nsymbol = "SPY"\n```'
    )


def benign_twins() -> Iterator[Case]:
    """What must pass beside the instructions: others' past trades, questions, refusals."""
    for language, grammar in _GRAMMAR.items():
        actions = _vocabulary(language)["actions"]
        past = [
            e
            for f in ("buy", "sell", "close")
            for e, form in _entries(actions[f])
            if form == "past"
        ]
        for n, verb in enumerate(past):
            target, price = grammar.targets[n % len(grammar.targets)]
            yield Case(
                "twin:past",
                language,
                "third party past",
                grammar.twins[0].format(v=verb, t=target, x=price),
            )
        for twin in grammar.twins[1:]:
            yield Case("twin", language, "question or refusal", twin)
        for entry, _ in _entries(_vocabulary(language)["objects"]["levels"]):
            if entry.split()[0] not in _VERB_LEVEL_HEADS:
                yield Case("twin:level", language, "past", grammar.level_twin.format(l=entry))
    yield from (Case("twin", "en", "described", text) for text in _DESCRIBED)


# What others did, and what the market did, with every parameter of the families above.
_DESCRIBED: Final = (
    "Index funds held 10% of their assets in QQQ last year.",
    "The pension fund gave its TLT sleeve 15% of capital in 2022.",
    "Hedge funds ran 5x leverage on IWM in 2021.",
    "Retail traders went 10x long IWM before the crash.",
    "The HYG order was filled before the close yesterday, the exchange said.",
    "Dealers cancelled their NVDA orders and resent them at 126.35 last week.",
    "Is a 5% weight in GLD common among multi-asset funds?",
    "The outlook pipeline is read-only: it cannot place, modify or cancel orders.",
    "Our tooling never routes, releases or works client orders.",
)
