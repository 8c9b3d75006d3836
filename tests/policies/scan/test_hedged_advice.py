"""Hedged advice blocks: a trade, a weight, a level or a limit judged fitting for us.

"A modest long in X looks about right to us", "a lower equity weight, maybe 50 %, seems
right for the fund", "Ein kleiner Einstieg bei X erscheint uns vertretbar", "une petite
position acheteuse sur le cuivre nous paraît raisonnable", "un peso algo menor, quizá del
50 %, parece adecuado": the predicate recommends what its subject names, the figure set
off by commas belongs to it, and sectors, commodities and currencies are targets as
tickers are. A judgement of a forecast, of valuations or of what others hold, and what a
sector's companies do, pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

HEDGED = [
    # English
    "A modest long in the Australian dollar looks right to us.",
    "A small short on Bunds seems reasonable here.",
    "Something like 2 % of the book in silver seems about right.",
    "A stop somewhere around 2,300 on the gold long seems sensible.",
    "A slightly lower equity weight, maybe 50 %, seems right for the fund.",
    "A somewhat higher VaR limit, say 15 million, looks justified to us.",
    "Lighten up on European luxury names.",
    "Dump the regional banks and rotate into utilities.",
    "Investors ought to pick up some emerging-market dollar bonds here.",
    "Selling some of the gold position now feels right.",
    "Leverage of around 3x on the carry basket feels comfortable.",
    "A partial exit from Tesla seems warranted.",
    # German
    "Ein kleiner Einstieg bei Zalando erscheint uns vertretbar.",
    "Eine etwas niedrigere Aktienquote von vielleicht 50 % wäre für den Fonds angemessen.",
    "Eine höhere Aktienquote, vielleicht 60 %, erscheint uns angemessen.",
    "Ein kleiner Einstieg bei Siemens wäre aus unserer Sicht vertretbar.",
    "Wir sollten Silber kaufen.",
    # French
    "Une petite position acheteuse sur le cuivre nous paraît raisonnable.",
    "Un poids actions un peu plus bas, autour de 50 %, paraît adapté au fonds.",
    "Vendre une partie de l'or nous semble raisonnable.",
    "Une réduction de la position en cuivre paraît raisonnable.",
    "Une sortie de LVMH nous semble opportune.",
    # Spanish
    "Una pequeña posición compradora en plata nos parece razonable.",
    "Un peso en renta variable algo menor, quizá del 50 %, parece adecuado para el fondo.",
    "Deshágase de los bancos regionales y compre eléctricas.",
    "Vender una parte del oro nos parece sensato.",
    "Una salida de Inditex nos parece oportuna.",
]

JUDGED_BENIGN = [
    # English
    "Valuations look about right to us after the correction.",
    "A long in the Australian dollar was the best trade of 2024.",
    "The consensus long in the dollar looks crowded.",
    "A recession, maybe in 2026, seems reasonable as a bear case.",
    "Market pricing of two cuts, maybe 50 bp, seems about right to us.",
    "Utilities raised their dividends this year.",
    "Exporters sell dollars forward when the yen weakens.",
    "Regional banks tend to sell Treasuries and buy MBS when the curve steepens.",
    "Say what you will about the Fed, its forecasts, roughly 2 % inflation, look reasonable.",
    "Markets look comfortable with two cuts.",
    "Our position in copper seems large.",
    "Grab a coffee before the print.",
    "The exit from Tesla was costly for hedge funds.",
    # German
    "Die Bewertung der Versorger erscheint uns angemessen.",
    "Ein Rückgang des DAX, vielleicht 5 %, erscheint uns als Szenario vertretbar.",
    "Die Versorger haben ihre Dividenden erhöht.",
    # French
    "Une baisse des taux, autour de 50 pb, nous paraît raisonnable.",
    "Les pétrolières ont relevé leurs dividendes cette année.",
    # Spanish
    "Una bajada de tipos, quizá de 50 pb, nos parece razonable.",
    "Las eléctricas subieron un 3 % en la sesión.",
]


@pytest.mark.parametrize("text", HEDGED)
def test_hedged_advice_to_us_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", JUDGED_BENIGN)
def test_a_judgement_of_markets_or_of_others_passes(text: str) -> None:
    assert not blocked(text)
