"""Positions sized without a trade verb, or with an allocation verb, in every language:
notional amounts put on a target, contracts given per mandate or portfolio (also after a
field's own short value), risk budgets in basis points of the book, fractions of the book,
and points of the book's weights moved from one asset to another. Each table has its
commentary twin — others' sizes, markets moving by points and basis points, the size of an
economy, a quarter of a year — which must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

NOTIONALS = [
    "Notional of $20m in TLT.",
    "Put $20m notional into 10y Treasuries.",
    "Nominal 10 Mio. EUR in Gold.",
    "Nominalwert von 5 Mio. EUR in Bund-Futures.",
    "Engager un nominal de 15 M€ sur l'or.",
    "Un nominal de 15 M€ sur le Bund.",
    "Nocional de 20 millones de euros en bono español a 10 años.",
    "Invertir un nocional de 5 millones de euros en oro.",
]
NOTIONALS_DESCRIBED = [
    "Nominal GDP of $27trn in the US grew 5 % last year.",
    "Le PIB nominal de 2 800 Md€ en France progresse lentement.",
    "The notional of CDS outstanding fell to $3trn in Europe.",
    "Das Nominalvolumen der Emissionen lag bei 20 Mrd. EUR in Deutschland.",
    "Hedge funds put $20m notional into 10y Treasuries last week.",
    "El nocional de los swaps en circulación supera los 5 billones de euros en España.",
]


@pytest.mark.parametrize("text", NOTIONALS)
def test_a_notional_amount_on_a_target_blocks(text: str) -> None:
    """A notional amount of money put on a target is a sized position, verb or not."""
    assert blocked(text)


@pytest.mark.parametrize("text", NOTIONALS_DESCRIBED)
def test_notionals_of_markets_economies_and_others_pass(text: str) -> None:
    """An economy's nominal size, markets' notionals and others' trades describe."""
    assert not blocked(text)


SHARES_OF_THE_BOOK = [
    "Risk 40bp of NAV on the gold idea.",
    "Risk 25 bps of NAV on the copper trade.",
    "Risk no more than 3 % of the book on gold.",
    "Put one-fifth of the fund into gold.",
    "Put a quarter of the portfolio into Bunds.",
    "Ein Fünftel des Mandats in Gold investieren.",
    "Ein Fünftel des Mandats in Gold.",
    "Riskieren Sie höchstens 3 % des Depots auf Gold.",
    "Mettre un cinquième du portefeuille en or.",
    "Una cuarta parte del portafolio en oro.",
    "Invertir una cuarta parte de la cartera en oro.",
]
SHARES_DESCRIBED = [
    "Yields rose 40bp as the fund cut duration.",
    "Spreads widened 25 bps in a week.",
    "In the first quarter of the fund's year, gold rallied.",
    "We would never risk more than 3 % of the book on gold.",
    "Pension funds hold a fifth of their assets in bonds.",
    "Die Rendite stieg um 40 Basispunkte, ein Fünftel des Anstiegs seit Januar.",
    "La moitié des gérants sont surpondérés en or.",
]


@pytest.mark.parametrize("text", SHARES_OF_THE_BOOK)
def test_a_share_of_the_book_on_a_target_blocks(text: str) -> None:
    """Basis points, capped percentages and fractions of the book, put on a target."""
    assert blocked(text)


@pytest.mark.parametrize("text", SHARES_DESCRIBED)
def test_moves_in_basis_points_and_others_shares_pass(text: str) -> None:
    """Markets moving by basis points, a quarter of a year, refusals and others' books."""
    assert not blocked(text)


PER_BOOK = [
    "1500 Kontrakte Bund-Future je Mandat.",
    "3 Monate 1500 Kontrakte Bund-Future je Mandat.",
    "250 lotes de bono español a 10 años por cartera.",
    "demanda exterior 1500 lotes de Inditex por cartera.",
    "Next quarter 40 contracts of ESH6 per account.",
]
PER_BOOK_DESCRIBED = [
    "Pension funds hold 200 contracts per account.",
    "Im Schnitt hielten Fonds 1500 Kontrakte je Mandat.",
    "Los fondos mantienen 250 lotes por cartera.",
]


@pytest.mark.parametrize("text", PER_BOOK)
def test_contracts_given_per_book_block(text: str) -> None:
    """A size in units per mandate or portfolio, also after a field's own short value."""
    assert blocked(text)


@pytest.mark.parametrize("text", PER_BOOK_DESCRIBED)
def test_contracts_others_hold_per_book_pass(text: str) -> None:
    """Others' holdings per account describe."""
    assert not blocked(text)


POINTS_MOVED = [
    "Shift 10 points from credit into duration.",
    "Fünf Prozentpunkte aus Aktien in Staatsanleihen umschichten.",
    "Réallouer 5 points des actions vers le crédit IG.",
    "Trasladar 5 puntos de renta variable a crédito.",
]
POINTS_DESCRIBED = [
    "The CAC moved 50 points lower as investors shifted into bonds.",
    "Le CAC 40 a perdu 50 points, les investisseurs se sont réalloués vers le crédit.",
    "El IBEX cedió 80 puntos mientras los fondos trasladaban capital a renta fija.",
    "Der DAX verlor 300 Punkte.",
]


@pytest.mark.parametrize("text", POINTS_MOVED)
def test_points_of_the_weights_moved_block(text: str) -> None:
    """Points of the book's weights moved by an allocation verb are a rebalancing."""
    assert blocked(text)


@pytest.mark.parametrize("text", POINTS_DESCRIBED)
def test_index_points_and_others_flows_pass(text: str) -> None:
    """Indices moving by points and others' flows describe."""
    assert not blocked(text)


PLANS_OF_OURS = [
    "Im Rahmen der Vermögensverwaltung schichten wir Ihr Depot zum Monatsende auf 40 % Aktien um.",
    "Zum Monatsende schichten wir das Depot auf 40 % Aktien um; bitte bestätigen Sie.",
    "Wir schichten Ihr Depot zum Monatsende auf 40 % Aktien um.",
    "At month-end we move your portfolio to 40 % equities.",
]
PLANS_DESCRIBED = [
    "Im März schichteten wir Ihr Depot auf 40 % Aktien um.",
    "Zum Monatsende schichten die Pensionskassen ihre Depots auf 40 % Aktien um.",
    "Pensionskassen schichten ihre Depots auf 40 % Aktien um.",
    "In March we moved the model portfolio to 40 % equities.",
]


@pytest.mark.parametrize("text", PLANS_OF_OURS)
def test_a_rebalancing_we_announce_blocks(text: str) -> None:
    """Our plan to rebalance the reader's book, a phrase fronted before the verb or not."""
    assert blocked(text)


@pytest.mark.parametrize("text", PLANS_DESCRIBED)
def test_past_and_others_rebalancing_pass(text: str) -> None:
    """Our past rebalancing and others' describe."""
    assert not blocked(text)


WEIGHTS_WITHOUT_PERCENT = [
    "Weights: SPY 50, TLT 30, GLD 20",
    "Target weights: SPY 50, TLT 30, GLD 20",
    "Zielgewichte: SAP 40, Siemens 35, Allianz 25",
    "Pesos: SAN 50, BBVA 30, ITX 20",
]
WEIGHTS_OF_OTHERS = [
    "Index weights: AAPL 50, MSFT 30, NVDA 20",
    "Scenario weights: Base 50, Bull 30, Bear 20",
    "Gewichtung: Siemens 10, Allianz 5",
    "Weights of the survey: bullish 50, neutral 30, bearish 20",
]


@pytest.mark.parametrize("text", WEIGHTS_WITHOUT_PERCENT)
def test_a_books_weights_without_percent_signs_block(text: str) -> None:
    """Weights under a label that names only the book, summing to a whole, set a book."""
    assert blocked(text)


@pytest.mark.parametrize("text", WEIGHTS_OF_OTHERS)
def test_index_scenario_and_partial_weights_pass(text: str) -> None:
    """An index's weights, scenario weights and a list that is no whole book describe."""
    assert not blocked(text)


BACK_TO_A_WEIGHT = [
    "We will be taking equities back up to neutral.",
    "Bring duration back to neutral this week.",
    "Aktien bis Monatsende wieder auf neutral bringen.",
    "Le portefeuille modèle sera ramené à 40 %.",
    "The model portfolio will be brought back to 40 % equities.",
    "La cartera modelo será llevada al 40 % de renta variable.",
    "Das Musterdepot wird zum Monatsende auf 40 % Aktien zurückgeführt.",
]
BACK_TO_A_WEIGHT_DESCRIBED = [
    "The Fed will take rates back to neutral next year.",
    "Policy rates should move back toward neutral by 2027.",
    "Last year we brought equities back to neutral.",
    "The neutral rate is estimated at 3 %.",
    "Le portefeuille du fonds norvégien a été ramené à 70 % d'actions en 2019.",
]


@pytest.mark.parametrize("text", BACK_TO_A_WEIGHT)
def test_a_weight_we_plan_for_the_book_blocks(text: str) -> None:
    """Taking an asset back to neutral, a model portfolio to be brought back to a share."""
    assert blocked(text)


@pytest.mark.parametrize("text", BACK_TO_A_WEIGHT_DESCRIBED)
def test_neutral_rates_and_past_moves_pass(text: str) -> None:
    """Central banks' neutral rates, past moves and others' books describe."""
    assert not blocked(text)


REAL_MONEY = [
    "Start trading with real money on Monday.",
]
REAL_MONEY_DESCRIBED = [
    "Real-money accounts were better buyers.",
    "Pension funds trade with real money.",
    "Die Pensionskassen handeln mit echtem Geld.",
    "Anleger, die mit echtem Geld handeln, reagieren stärker.",
    "Les comptes en argent réel ont été acheteurs.",
]


@pytest.mark.parametrize("text", REAL_MONEY)
def test_trading_with_real_money_asked_of_us_blocks(text: str) -> None:
    """Trading with real money, asked of us, is a switch to live (German, French and
    Spanish verbs of trading are left: "handeln", "operar" also describe markets)."""
    assert blocked(text)


@pytest.mark.parametrize("text", REAL_MONEY_DESCRIBED)
def test_real_money_accounts_of_others_pass(text: str) -> None:
    """Real-money investors and their flows describe."""
    assert not blocked(text)
