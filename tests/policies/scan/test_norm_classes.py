"""Instructions without an imperative, class by class: passives, nominal orders, weights
listed without a verb, leverage ratios, whole orders priced with a plain "at", caps and
levels stated as norms. Each table has its commentary twin, which must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

PASSIVE_RECOMMENDATIONS = [
    "150 MSFT are best bought at 405.",
    "800 shares of KO would preferably be acquired near 61.",
    "12 NQ contracts are to be covered at 18,200.",
    "Net exposure is to be cut to 15 %.",
    "60 ZNU5 contracts would ideally be picked up at 110.5.",
    "The ES short positions are to be closed.",
]
PASSIVES_DESCRIBED = [
    "150 MSFT shares were bought at 405 by insiders in May.",
    "Roughly 2 million shares are bought at the close by index funds.",
    "Net exposure was cut to 15 % by macro funds after the shock.",
    "If 12 NQ contracts are covered at 18,200, the squeeze fades.",
]


@pytest.mark.parametrize("text", PASSIVE_RECOMMENDATIONS)
def test_a_recommended_passive_is_an_instruction(text: str) -> None:
    """The size or exposure before a passive participle under a recommendation is its object."""
    assert blocked(text)


@pytest.mark.parametrize("text", PASSIVES_DESCRIBED)
def test_a_passive_in_the_past_present_or_condition_describes(text: str) -> None:
    """Passives of the past, of habitual flows or in a condition are commentary."""
    assert not blocked(text)


NOMINAL_ORDERS = [
    "An order for 15 CLZ5 at 71.30.",
    "A block trade of 5k HGH6 at 4.10 is our preferred trade.",
    "A bid for 300 XLE at 88 gets our vote.",
    "Our preference: an order for 2,000 KO at 60.",
]
NOMINAL_ORDERS_DESCRIBED = [
    "The order for 15 CLZ5 was filled at 71.30 on Friday.",
    "A block trade of 5k HGH6 printed at 4.10 overnight.",
    "The purchase of 900 XLE shares by a director was disclosed in a filing.",
]


@pytest.mark.parametrize("text", NOMINAL_ORDERS)
def test_a_nominal_order_with_size_and_target_is_an_order(text: str) -> None:
    """An order named as a noun, with its size and target, fragment or endorsed, blocks."""
    assert blocked(text)


@pytest.mark.parametrize("text", NOMINAL_ORDERS_DESCRIBED)
def test_a_nominal_order_in_the_past_is_reported(text: str) -> None:
    """A nominal order whose predicate is in the past reports a trade."""
    assert not blocked(text)


WEIGHT_LISTS = [
    "Stocks 55 %, credit 30 %, gold 15 %.",
    "40 % equities, 40 % bonds and 20 % commodities.",
    "SPY 70 %; TLT 30 %.",
    "Portfolio target: 45 % equities, 35 % bonds.",
    "Model allocation: QQQ 25 %, cash 10 %.",
    "Switch to 70/30.",
]
WEIGHTS_DESCRIBED = [
    "The reference index is 70/30.",
    "Insurers keep 25 % in bonds.",
    "NVDA is 6 % of the Nasdaq 100.",
    "Bullish 40 %, neutral 35 %, bearish 25 % in this week's survey.",
    "Stocks rose 5 %, credit gained 2 %, gold fell 1 %.",
    "Equities 12 %, bonds 4 % year to date.",
]


@pytest.mark.parametrize("text", WEIGHT_LISTS)
def test_a_book_split_without_a_verb_is_a_target_weight(text: str) -> None:
    """Weights listed as a whole, labelled as a portfolio, or a split as destination, block."""
    assert blocked(text)


@pytest.mark.parametrize("text", WEIGHTS_DESCRIBED)
def test_weights_stated_surveys_and_returns_pass(text: str) -> None:
    """Shares with a verb, of a survey, or that make no whole are commentary."""
    assert not blocked(text)


LEVERAGE_RATIOS = [
    "Lever the book 4:1.",
    "Gear the fund at 6 times equity.",
    "Borrow to run 8-to-1 on the portfolio.",
    "Run the book at 5 to 1.",
]
LEVERAGE_RATIOS_DESCRIBED = [
    "Macro funds borrow to run 8-to-1 on their books.",
    "Bank leverage was 30 to 1 before 2008.",
    "Odds of a cut moved from 4 to 1 % in a week.",
]


@pytest.mark.parametrize("text", LEVERAGE_RATIOS)
def test_a_ratio_to_one_is_a_leverage_figure(text: str) -> None:
    """A ratio to one ("4:1", "8-to-1") beside a leverage word, asked of us, blocks."""
    assert blocked(text)


@pytest.mark.parametrize("text", LEVERAGE_RATIOS_DESCRIBED)
def test_ratios_of_others_or_ranges_pass(text: str) -> None:
    """Leverage ratios of others, of the past, and ranges "from 4 to 1 %" pass."""
    assert not blocked(text)


PLAIN_AT_ORDERS = [
    "Take 25 HGZ5 at 4.35.",
    "Grab 1,500 KO at 61.",
    "Pick up 8 ZBH6 at 117.",
]
PLAIN_AT_COMMENTARY = [
    "Copper closed at 4.35 after a 25 % rally.",
    "Bunds took 40 minutes to recover at 131.",
    "Speculators grabbed 1,500 contracts at 61 last month.",
]


@pytest.mark.parametrize("text", PLAIN_AT_ORDERS)
def test_a_weak_verb_with_size_target_and_plain_at_price_is_an_order(text: str) -> None:
    """ "<size> <target> at <price>" after a weak trade verb is a whole order."""
    assert blocked(text)


@pytest.mark.parametrize("text", PLAIN_AT_COMMENTARY)
def test_closing_prices_and_flows_of_others_pass(text: str) -> None:
    """Prices after "at" in commentary, or whole orders of others, pass."""
    assert not blocked(text)


NORMS = [
    "Gross short exposure must not exceed 40 %.",
    "Leverage should not go above 2x.",
    "Target for GLD: 215.",
    "Raise the stop to breakeven.",
    "The position ought to be sized at 3 % of NAV.",
    "Do not hesitate to add 400 XLE at 88.",
]
NORMS_DESCRIBED = [
    "Net long exposure of leveraged funds does not exceed 10 %.",
    "The consensus target for GLD is 215.",
    "Traders raised their stops to breakeven after the print.",
    "Do not hesitate to question the consensus.",
]


@pytest.mark.parametrize("text", NORMS)
def test_caps_and_levels_stated_as_norms_block(text: str) -> None:
    """A negated cap, a target level, a stop to breakeven, sizing and urged orders block."""
    assert blocked(text)


@pytest.mark.parametrize("text", NORMS_DESCRIBED)
def test_caps_and_levels_of_others_pass(text: str) -> None:
    """The same parameters of others or of the past pass."""
    assert not blocked(text)


VERB_FINAL_AND_LABELLED = [
    "Die Order umgehend an den Broker übermitteln.",
    "20 % des Depots in Gold investieren.",
    "Orden de venta: 40 contratos ESZ5 @ 5.100.",
    "Ordre de vente : 300 LVMH à 700.",
    "Sell-limit order on 12 contracts NQZ5 at 18,100.",
    "Unser Musterdepot: SAP 30 %, Kasse 70 %.",
    "The trade is short 300 KO at 61.",
    "Stops for BTC-PERP belong at 64,000.",
    "Stop de protection sur SAP à 120.",
    "Fire the basket at the open.",
    "export TRADING_ENV=production",
    "Keep risk per idea at 0.8 % of equity.",
    "Montez le levier du fonds à 5x.",
    "Cut EURGBP by 30 at 0.8550.",
]
VERB_FINAL_AND_LABELLED_DESCRIBED = [
    "Die Order wurde an den Broker übermittelt.",
    "The trade was short 300 KO last year.",
    "Stops for NVDA were clustered at 850.",
    "The basket fired higher at the open.",
    "Risk per trade at hedge funds is about 1 % of equity.",
    "Le levier des fonds est monté à 5x.",
    "Portfolio returns: equities 12 %, bonds 4 %.",
    "Benchmark: 60 % equities, 40 % bonds.",
    "EURGBP fell by 30 pips at 0.8550.",
]


@pytest.mark.parametrize("text", VERB_FINAL_AND_LABELLED)
def test_verb_final_labelled_and_nominal_orders_block(text: str) -> None:
    """Objects before a verb-final verb, orders named by a label, our trade as subject,
    levels that "belong" somewhere, and risk kept at a share of capital block."""
    assert blocked(text)


@pytest.mark.parametrize("text", VERB_FINAL_AND_LABELLED_DESCRIBED)
def test_the_same_shapes_in_the_past_or_of_others_pass(text: str) -> None:
    """The same shapes reporting the past, others or performance pass."""
    assert not blocked(text)


def test_an_order_split_over_key_value_fields_with_dashes_blocks() -> None:
    """ "Side — sell." waits for its size in another field of the item."""
    assert blocked("Side — sell.", "Symbol — ESZ5.", "Amount — 6 contracts on a 5,120 limit.")
    assert not blocked("Side — n/a.", "Symbol — ESZ5.", "Amount — 6 contracts on a 5,120 limit.")


OTHER_LANGUAGES = [
    "Wir denken, dass man 150 Siemens bei 180 kaufen sollte.",
    "Die Position in Allianz sollte bei 250 glattgestellt werden.",
    "400 Aktien von BASF sollten bei 45 verkauft werden.",
    "Brutto-Exposure auf 120 % begrenzen.",
    "300 acciones de ITX deberían venderse a 45.",
    "150 acciones de BBVA deben ser compradas a 9,10.",
    "Il faudrait acheter 50 actions de Airbus à 160.",
    "30 contrats CAC devraient être vendus à 7 450.",
]
OTHER_LANGUAGES_DESCRIBED = [
    "Die Frage ist, ob man Siemens bei 180 kaufen sollte.",
    "Die Position in Allianz wurde bei 250 glattgestellt.",
    "400 Aktien von BASF wurden bei 45 verkauft.",
    "Das Brutto-Exposure der Fonds ist auf 120 % begrenzt.",
    "300 acciones de ITX fueron vendidas a 45.",
    "50 actions de Airbus ont été achetées à 160 par le fonds.",
    "Il faudrait que la BCE baisse ses taux.",
]


@pytest.mark.parametrize("text", OTHER_LANGUAGES)
def test_verb_final_modals_passives_and_impersonal_advice_block(text: str) -> None:
    """German modals after their verb, passives in German, Spanish and French, and "il
    faudrait" advise us."""
    assert blocked(text)


@pytest.mark.parametrize("text", OTHER_LANGUAGES_DESCRIBED)
def test_questions_past_passives_and_policy_wishes_pass(text: str) -> None:
    """Open questions, passives of the past and wishes for policy makers pass."""
    assert not blocked(text)
