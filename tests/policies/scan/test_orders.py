"""A fully specified order (action, target, size or price) fails closed in any mood.

Negated, conditional, interrogative, rhetorical, gerund and infinitive frames around a
whole order still block; only descriptions of named third parties, of the past and
probability statements about prices pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

ORDERS_IN_ANY_MOOD = [
    "It would be unwise to skip buying 5 ESZ6 at 5,010.",
    "Why not buy 200 AAPL at 180?",
    "Nothing wrong with shorting 20 NQZ6 at 18,000.",
    "Failing to buy 300 shares of MSFT at 410 would be a mistake.",
    "Without buying 40 CLZ6 at 78.40 we miss the move.",
    "Selling of 20 ESZ6 at 5,100 has been signed off for this outlook.",
    "Do not buy 200 AAPL at 180.",
    "Why not own 300 shares of TSLA at 240?",
    "If funding on ETH-PERP flips positive, sell 3 ETH-PERP at 3,400.",
    "Buying 100 shares of SPY at 5,300 would be a mistake.",
    "Investors are advised to avoid buying 100 shares of SPY at 4500.",
    "N'achetez pas d'actions Airbus à 150 euros.",
    "Nous ne recommandons pas d'acheter des actions LVMH à 700 euros.",
    "¿Por qué no vender 10 ESZ6 a 5.100?",
]
ORDERS_DESCRIBED = [
    "Dealers bought 2m shares of AAPL at 180 last week.",
    "Pension funds will sell 300 ESZ6 at 5,100 into quarter-end.",
    "CTAs are long 80 % of max exposure in equity futures.",
    "We sold 200 AAPL at 180 in March.",
    "The fund sells 200 AAPL at 180 every quarter.",
    "We put a 30% probability on MESZ6 trading below 2,045 by the end of the horizon.",
    "We put a 25 % chance on TLT trading above 95 before the meeting.",
    "This outlook does not recommend buying or selling any instrument.",
    "We do not recommend buying AAPL at 180.",
    "We are neither buying nor selling SPY around 4,500.",
    "Buying SPY after this rally would be a mistake.",
]


@pytest.mark.parametrize("text", ORDERS_IN_ANY_MOOD)
def test_a_whole_order_blocks_in_any_mood(text: str) -> None:
    """Action, target and size or price block however the sentence frames them."""
    assert blocked(text)


@pytest.mark.parametrize("text", ORDERS_DESCRIBED)
def test_orders_of_others_or_of_the_past_pass(text: str) -> None:
    """Third parties, the past and negations without a size or price pass."""
    assert not blocked(text)


PRICES_AND_SIDES_IN_ANY_NOTATION = [
    "Why not short two lots EUR/NOK at or better than 4,125?",
    "Sell ESZ6 no higher than 4,125.",
    "Why not short 3 lots EUR/NOK on a dip to 4,125?",
    "Sell 2 ESZ6 in the 96.75/2,045 zone.",
    "EUR/USD: 15 lots long at 1.0850.",
    "AUD/USD: 8 lots long no higher than 187.5.",
    "The fund should be 8 lots short EUR/GBP at or better than 4,125.",
    "We'd sell EUR/GBP, 15 lots, near 96.75.",
    "Sugerimos acumular 40 XLU cerca de 0,6650.",
]
PAIRS_AND_PRICES_DESCRIBED = [
    "The euro rose against the dollar, EUR/USD closing at 1.0850.",
    "EUR/USD traded at 1.0850 last week.",
    "Short-dated yields rose 20 bp, near 4.5 %.",
    "In the 1990s long bonds rallied 30 %.",
]


@pytest.mark.parametrize("text", PRICES_AND_SIDES_IN_ANY_NOTATION)
def test_prices_pairs_and_sides_in_any_notation(text: str) -> None:
    """Written-out limits, slashed currency pairs and a side after its size make an order."""
    assert blocked(text)


@pytest.mark.parametrize("text", PAIRS_AND_PRICES_DESCRIBED)
def test_pairs_and_prices_described_pass(text: str) -> None:
    """A pair or a price without an action asked of us is commentary."""
    assert not blocked(text)


SPLIT_ORDERS = [
    ("Direction? Long. Instrument? ESZ6. Quantity? 20. Level? 5,100.",),
    ("The instrument is ESZ6. The side is short. The level is 5,100.",),
    ("USD/JPY.\nShort.\n15 lots.\n151.20.",),
    ("Think BTC-PERP. Think short. Think 40 coins from 65,000.",),
    ("What: ESZ6", "How many: 20", "Which way: short", "Where: 5,100"),
    ("Pair of interest: EUR/USD.", "Bias: sell.", "15 lots at 1.0850."),
    ("Direction: long.", "Vehicle: QQQ.", "Count: 40.", "Premium cap 4.20."),
]
SPLIT_COMMENTARY = [
    ("CTAs are long. They hold 20k contracts at an average of 5,100.",),
    ("Positioning is short. Speculators hold 20k contracts.",),
    ("The level is 5,100 on the S&P. Positioning is short.",),
    ("Bias: neutral.", "Support sits at 5,100."),
]


@pytest.mark.parametrize("texts", SPLIT_ORDERS)
def test_an_order_split_over_fragments_and_fields_blocks(texts: tuple[str, ...]) -> None:
    """A side as the value of a label or an answer, with a size or price beside it."""
    assert blocked(*texts)


@pytest.mark.parametrize("texts", SPLIT_COMMENTARY)
def test_positioning_described_in_fragments_passes(texts: tuple[str, ...]) -> None:
    """Others' positioning, or a level without a side asked of us, is commentary."""
    assert not blocked(*texts)


SPANISH_AND_FRENCH_ORDERS = [
    "Es recomendable cubrir 40 cortos de 6EH7 a 19,85.",
    "Hay que deshacerse de 1.200 futuros HGK7 a 78,40.",
    "Lo prudente es deshacer 75 CLZ6 en 2.045.",
    "Tomen posición corta en ARB-PERP: 12.000 unidades a 112,30.",
    "Vamos largos en 75 lotes de GBP/JPY a 78,40.",
    "Stop de pérdidas para EEM en 78,40; colóquenlo hoy.",
    "Nous achèterions 2 500 EEM vers 112,30.",
    "Pourquoi ne pas racheter 12 000 EEM à 96,75 ?",
    "Nous vous invitons à solder 40 GCJ7 à 19,85.",
    "Qu'attendons-nous pour vendre 40 lots de USD/MXN à 0,6650 ?",
    "Sichern Sie sich 40 XLU zum Kurs von 96,75.",
]
SPANISH_AND_FRENCH_DESCRIBED = [
    "Los fondos de pensiones vendieron 2.000 contratos a 5.100.",
    "Los inversores compraron 40 XLU a 19,85 la semana pasada.",
    "Les fonds ont vendu 2 000 contrats à 5 100.",
]


@pytest.mark.parametrize("text", SPANISH_AND_FRENCH_ORDERS)
def test_spanish_and_french_orders_at_the_depth_of_english(text: str) -> None:
    """Plural imperatives, 'hay que', 'lo prudente es', conditionals, 'pourquoi ne pas'."""
    assert blocked(text)


@pytest.mark.parametrize("text", SPANISH_AND_FRENCH_DESCRIBED)
def test_spanish_and_french_flows_of_others_pass(text: str) -> None:
    """Third parties' past trades in Spanish and French pass."""
    assert not blocked(text)


NOMINAL_ORDERS = [
    "We are sellers of $5m DE0001102580. Price 98.5 or better.",
    "We are buyers of 500 AAPL at 180.",
]
NOMINAL_FLOWS_DESCRIBED = [
    "Dealers were sellers of 2bn of Treasuries at 4.5 % last week.",
    "Sellers of volatility were paid in March.",
    "Real money investors remain buyers of duration.",
    "Dip buyers stepped in at 4,480.",
]


@pytest.mark.parametrize("text", NOMINAL_ORDERS)
def test_nominal_orders_block(text: str) -> None:
    """'We are buyers/sellers of' with size and price."""
    assert blocked(text)


@pytest.mark.parametrize("text", NOMINAL_FLOWS_DESCRIBED)
def test_nominal_flows_of_others_pass(text: str) -> None:
    """Buyers and sellers described in the market pass."""
    assert not blocked(text)


WEAK_VERB_WHOLE_ORDERS = [
    "Take 40 NGF7 @ 0.6650.",
    "Lift 12k GCJ7 @ 78.40.",
    "We should grab 300 MSFT @ 410.",
    "Add 40 AAPL @ 180.",
    "Pick up 25 CLZ6 @ 71.20 limit.",
]
WEAK_VERB_FLOWS_DESCRIBED = [
    "Hedge funds took 40 NGF7 at 0.6650 last week, according to filings.",
    "Dealers lifted 12k GCJ7 @ 78.40 in March.",
    "Shares were acquired at 180 by the fund in 2019.",
    "AAPL could take 40 sessions to get back to 180.",
]


@pytest.mark.parametrize("text", WEAK_VERB_WHOLE_ORDERS)
def test_a_weak_verb_with_ticker_size_and_price_blocks(text: str) -> None:
    """A weak trade verb with a bare count of a ticker and a price after "@" is a whole order."""
    assert blocked(text)


@pytest.mark.parametrize("text", WEAK_VERB_FLOWS_DESCRIBED)
def test_weak_verb_flows_of_others_or_of_the_past_pass(text: str) -> None:
    """The same words describing others, the past or a time span pass."""
    assert not blocked(text)
