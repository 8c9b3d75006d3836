"""Obfuscations that hide several words of one sentence: letters spaced by marks with a
blank between words, every letter spaced, words spelled with wider gaps, invisible
characters inside more than one word, comments inside words, multiples inside camelCase,
a percentage glued to a word, FIX with a printed SOH and risk keys with a unit. Each
table has its commentary twin, which must pass.
"""

from __future__ import annotations

import pytest

from policies.scan import scanner_for, shipped_vocabulary_dir
from policies.scan.normalise import normalise
from tests.policies.scan.verdicts import blocked

ZW = "\u200b"


def _interleaved(word: str) -> str:
    return ZW.join(word)


def _wide(text: str) -> str:
    """Every character spaced, words three blanks apart."""
    return "   ".join(" ".join(word) for word in text.split(" "))


def read(text: str) -> str:
    return normalise(text, scanner_for(shipped_vocabulary_dir()).sides).text


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("C.o.v.e.r t.h.e Nvidia short", "\ncover the nvidia short"),
        ("E-n-t-e-r g-o-l-d long", "\nenter gold long"),
        ("E n a b l e l i v e trading", "\nenable live trading"),
        ("S c a l e i n t o SPX", "\nscale into spx"),
        ("D a s tägliche Limit", "\ndas tagliche limit"),
        ("N v i d i a rose", "\nnvidia rose"),
        (
            _wide("EXIT THE POSITION IF IT CLOSES UNDER 2.5"),
            "exit the position if it closes under 2.5",
        ),
        (_wide("250 KONTRAKTE EUR/CHF JE MANDAT."), "250 kontrakte eur/chf je mandat."),
        (f"{_interleaved('Enter')} {_interleaved('gold')} long", "\nenter gold long"),
        (f"{_interleaved('Buy')}. {_interleaved('Sell')}", "\nbuy. \nsell"),
        ("Ro<!-- x -->ute th<!-- x -->e ticket", "route the ticket\nx\nx"),
        ("RunTheBookAt3xGross", "\nrun the book at 3x gross"),
        ("Tama\u00f1oDeLaPosici\u00f3n:2%DelPatrimonio", "tamano de la posicion:2%del patrimonio"),
    ],
)
def test_hidden_words_are_read_apart(text: str, seen: str) -> None:
    """Each hidden word is read as a word, and the words of a sentence stay one sentence."""
    assert read(text) == seen


SPELLED_INSTRUCTIONS = [
    "B.u.y 20 N.v.i.d.i.a at 880 limit, good till cancelled.",
    "T.a.k.e g.r.o.s.s exposure to 250% via futures.",
    "E n a b l e l i v e trading for the L2 signals.",
    "S e l l f o r t y million EURUSD at market.",
    _wide("INCREASE LEVERAGE ON GOLD TO 2.5X."),
    _wide("EXIT THE NVIDIA POSITION IF IT CLOSES UNDER 880."),
    f"{_interleaved('Enable')} {_interleaved('live')} {_interleaved('trading')} for the signals.",
    f"{_interleaved('Take')} {_interleaved('gross')} {_interleaved('exposure')} to 250% via futures.",
    "Ro<!-- x -->ute th<!-- x -->e ticket to the algo desk and hit it.",
    "RunTheBookAt3xGrossLeverageIntoTheEvent.",
    # German
    "D-e-n H-e-b-e-l auf das Dreifache erhöhen.",
    "S u b i r el a p a l a n c a m i e n t o a tres veces.",
    _wide("DEN HEBEL AUF DAS DREIFACHE ERHÖHEN."),
    _wide("DIE ORDER UMGEHEND AN DEN BROKER WEITERLEITEN."),
    f"D{ZW}e{ZW}n Live-Modus {_interleaved('aktivieren')}.",
    "Di<!-- x -->e Or<!-- x -->der umgehend an den Br<!-- x -->oker weiterleiten.",
    "35=D^A55=EURUSD^A54=1^A38=40000000^A40=1^A",
    '```json\n{"var_limit_usd": 12000000, "effective": "immediately"}\n```',
    '```json\n{"max_drawdown_pct": 15, "effective": "today"}\n```',
]
SPELLED_COMMENTARY = [
    "W.e c.o.v.e.r t.h.e Nvidia story in depth every quarter.",
    "E-x-p-o-r-t-s rose 3 % in March.",
    "T h e Fed held rates steady.",
    _wide("EXIT POLLS SHOW A CLOSE RACE."),
    _wide("THE FED HELD RATES AT 4.5 PERCENT."),
    f"{_interleaved('Exports')} {_interleaved('rose')} 3 % in March.",
    "Infla<!-- x -->tion cooled to 2.4 % in March.",
    "HedgeFundsRanTheBookAt3xLastYear.",
    # German
    "D-i-e E-x-p-o-r-t-e stiegen im März um 3 %.",
    _wide("DIE EZB HIELT DIE ZINSEN STABIL."),
    f"{_interleaved('Die')} {_interleaved('Exporte')} stiegen im März.",
    "Die In<!-- x -->flation sank im März auf 2,4 %.",
    "Ops log: logon 35=A^A49=VENDOR^A56=PILOT failed twice on Monday.",
    '```json\n{"prima_de_riesgo_pb": 95, "ibex_cierre": 11250, "paro_pct": 11.4}\n```',
    '```json\n{"funding_cost_usd": 1200000, "spread_bps": 35}\n```',
]


@pytest.mark.parametrize("text", SPELLED_INSTRUCTIONS)
def test_instructions_hidden_word_by_word_block(text: str) -> None:
    """An instruction whose words are spelled out, spaced or split still blocks."""
    assert blocked(text)


@pytest.mark.parametrize("text", SPELLED_COMMENTARY)
def test_commentary_hidden_word_by_word_passes(text: str) -> None:
    """Commentary spelled out the same way stays commentary."""
    assert not blocked(text)


SPACED_CLOSING_WORDS = [
    "Jetzt bitte Siemens  v e r k a u f e n .",
    "Bitte die Banken  a b s t o s s e n",
    "Sofort alle Positionen  s c h l i e s s e n .",
    "Please sell Siemens  n o w .",
]
SPACED_CLOSING_WORDS_DESCRIBED = [
    "Die Fonds haben Siemens im Mai  v e r k a u f t .",
    "Die Banken  v e r k a u f t e n  im Mai.",
    "Les fonds ont tout  v e n d u .",
    "Siemens ist schwer zu  v e r k a u f e n .",
]


@pytest.mark.parametrize("text", SPACED_CLOSING_WORDS)
def test_a_spaced_word_closing_its_sentence_ends_the_words_before_it(text: str) -> None:
    """A German verb spelled out at the end of its clause keeps its target before it: the
    spaced word starts no hidden sentence of its own."""
    assert blocked(text)


@pytest.mark.parametrize("text", SPACED_CLOSING_WORDS_DESCRIBED)
def test_spaced_closing_words_of_the_past_pass(text: str) -> None:
    """The perfect, the past and a description, spelled the same way, still pass."""
    assert not blocked(text)
