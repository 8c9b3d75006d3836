"""Who acts, read from the shape of the sentence, class by class beside the same words asked.

A clause that opens with a name the vocabulary does not know, then a finite verb, has that
name as its subject: a broker's rating, a fund's plan (and a verbless phrase after its comma
goes on with it). A nominal action after its article and the name it is of (an index's
rebalance), a gerund after an article with a verb in the past, an option after its strike,
and the words of a file path describe; the same actions asked of us block.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

NAMED_PARTIES = [
    "Morgan Stanley cut Tesla to underweight, target 150.",
    "Barclays upgrades BP to overweight with a 600p target.",
    "Bernstein moves ASML to outperform with a 900 target.",
    "Norges Bank plans to cut its equity allocation to 60 %.",
    "Goldman bestätigt die Kaufempfehlung für BASF mit Kursziel 55 Euro.",
    "Berenberg senkt Zalando auf Verkaufen, Kursziel 18 Euro.",
    "Deutsche Bank stuft Siemens auf Kaufen hoch, Kursziel 180 Euro.",
    "Jefferies relève LVMH à l'achat avec un objectif de 800 euros.",
    "Kepler Cheuvreux abaisse Kering à vendre, objectif 150 euros.",
    "Citi réitère sa recommandation d'achat sur Airbus, objectif 180 euros.",
    "Santander eleva Iberdrola a comprar con precio objetivo de 14 euros.",
    "Bankinter rebaja Repsol a vender con precio objetivo de 12 euros.",
    "JPMorgan reitera su recomendación de compra sobre Inditex con un objetivo de 50 euros.",
    "El Norges Bank planea reducir su asignación a renta variable al 60 %.",
]
ASKED_OF_US = [
    "Cut Tesla to underweight, target 150.",
    "Buy Siemens, target 180.",
    "Raise the equity allocation to 60 %.",
    "Lighten exposure to Siemens, target 150.",
    "Tesla buy at 150.",
    "Wir stufen Siemens auf Kaufen hoch, Kursziel 180 Euro.",
    "Siemens Energy verkaufen, Kursziel 20 Euro.",
    "Kaufen Sie BASF mit Kursziel 55 Euro.",
    "Nous relevons LVMH à l'achat avec un objectif de 800 euros.",
    "Achetez LVMH avec un objectif de 800 euros.",
    "Elevamos Iberdrola a comprar con precio objetivo de 14 euros.",
    "Compre Iberdrola con precio objetivo de 14 euros.",
    "Aranceles estadounidenses a la UE Vender 250 Repsol a mercado en la apertura.",
]


@pytest.mark.parametrize("text", NAMED_PARTIES)
def test_a_name_before_its_finite_verb_is_a_third_party(text: str) -> None:
    """A bank, broker or fund the vocabulary does not know, named before its verb, acts."""
    assert not blocked(text)


@pytest.mark.parametrize("text", ASKED_OF_US)
def test_the_same_action_with_no_name_before_it_still_blocks(text: str) -> None:
    """An imperative, our own first person, a fronted target or an infinitive blocks."""
    assert blocked(text)


NOUNS_DESCRIBED = [
    "The FTSE 100 quarterly review added two miners to the index.",
    "The MSCI EM rebalance lowered China's weight by 60bp.",
    "The Stoxx 600 rebalance shifted weight toward banks.",
    "The Russell 2000 reconstitution rebalance is expected to trade $50bn at the close.",
    "Das MSCI-Rebalancing verringerte das Gewicht Chinas.",
    "Le rééquilibrage du CAC 40 a réduit le poids de Kering.",
    "The selling of 2bn of Bunds at 2.4 % pushed yields higher last week.",
    "The unwinding of yen carry trades knocked 12 % off the Nikkei.",
    "Volume in the 5,000 call on the S&P 500 doubled on Friday.",
    "Open interest in the 4,000 put on the Euro Stoxx is the largest on the board.",
]
ACTIONS_ASKED = [
    "Rebalance the portfolio to 60/40.",
    "In the S&P 500 sleeve rebalance to equal weight.",
    "Put on 5,000 SPX calls at 12.",
    "Buy the 4,000 put on the Euro Stoxx at 35.",
    "Selling 2bn of Bunds at 2.4 % is the trade.",
]


@pytest.mark.parametrize("text", NOUNS_DESCRIBED)
def test_a_nominal_action_of_a_name_or_in_the_past_describes(text: str) -> None:
    """An index's rebalance, a gerund after its article with a past verb, an option after
    its strike: nouns, not instructions."""
    assert not blocked(text)


@pytest.mark.parametrize("text", ACTIONS_ASKED)
def test_the_action_as_a_verb_still_blocks(text: str) -> None:
    assert blocked(text)


PATHS = [
    "See /var/log/trade_engine_live_run.log for the restart.",
    "Ops note: /opt/pilot/var/rebalance_book_live.log rotated at midnight.",
    "The cron job ops/scripts/buy_sell_signal_report writes a CSV only.",
    "Betriebshinweis: /var/log/live_handel_start.log wurde archiviert.",
]
COMMANDS = [
    "Run /opt/pilot/go_live.sh to switch the account to live trading.",
    "Buy/sell 300 SPY at 450.",
    "Ref: https://example.invalid/n?q=Buy+300+shares+of+SPY+at+4500",
]


@pytest.mark.parametrize("text", PATHS)
def test_the_words_of_a_file_path_name_a_file(text: str) -> None:
    """ "/var/log/…": "var" is no VaR limit, "live_run" no switch to live."""
    assert not blocked(text)


@pytest.mark.parametrize("text", COMMANDS)
def test_an_instruction_beside_a_path_a_pair_or_in_a_query_still_blocks(text: str) -> None:
    assert blocked(text)
