"""Who is advised, and whose book a possessive names: reported advice and German "ihr".

A broker's or a bank's advice to its own clients, reported (in the clause of its verb of
speech, a "that" clause after it, a perfect, a quotation attributed after a comma) is a
third party's; the same advice given by us, to the reader or to our clients blocks.
German "ihr" written small before a noun is "her"/"their" after a third party, not "you".
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

REPORTED_TO_ITS_CLIENTS = [
    "Morgan Stanley recommends that its clients trim tech exposure.",
    "Morgan Stanley suggests that clients lower their equity allocation to 55 %.",
    "JPMorgan recommends that investors close their short positions in Treasuries.",
    "The broker recommends its customers to go long Bund futures.",
    "Nomura's strategists have advised clients to hedge their dollar exposure.",
    "Citigroup invited its clients to rotate out of US tech into Europe.",
    '"Buy cyclicals," JPMorgan told clients in a note.',
    "'Trim tech exposure,' Morgan Stanley strategists advised in a note.",
    "Die Strategen der Commerzbank empfehlen ihren Kunden, die Duration zu verlängern.",
    "Die Citi legt ihren Kunden nahe, US-Technologiewerte abzubauen.",
    "„Verkaufen Sie Bunds“, riet die Commerzbank ihren Kunden.",
    "Société Générale a invité ses clients à alléger les valeurs technologiques.",
    "Natixis invite ses clients à solder leurs positions sur le Bund.",
    "Les gérants conseillent à leurs clients de vendre les BTP.",
    "Die Vermögensverwalter der Sparkasse empfehlen ihren Kunden, Anleihen aufzustocken.",
    "Fund managers are telling their clients to add duration.",
    "Los gestores recomiendan a sus clientes vender bonos.",
    "Les stratèges de BNP Paribas recommandent à leurs clients d'alléger le luxe.",
    "« Vendez les BTP », a conseillé la banque à ses clients.",
    "Goldman Sachs ha recomendado a sus clientes reducir la exposición a tecnológicas.",
    "El banco ha aconsejado a sus clientes salir de la renta variable china.",
    "BBVA invitó a sus clientes a reducir su exposición al dólar.",
    "«Vendan bonos italianos», aconsejó el banco a sus clientes.",
]
OUR_ADVICE_TO_CLIENTS = [
    "We recommend that clients trim tech exposure.",
    "Goldman recommends that you trim tech exposure.",
    "Our strategists advise clients to buy copper.",
    "We tell clients to buy cyclicals.",
    "Clients should buy cyclicals.",
    '"Buy cyclicals," we told clients.',
    '"Buy cyclicals," our strategists wrote.',
    "Wir raten unseren Kunden, Gewinne bei Nvidia mitzunehmen.",
    "Raten Sie Ihren Kunden, die Duration zu verlängern.",
    "Nous recommandons à nos clients de réduire leur exposition aux actions américaines.",
    "Recommandez à vos clients de solder leurs positions sur le Bund.",
    "Aconsejamos a nuestros clientes salir de la renta variable china.",
    "Recomiende a sus clientes vender bonos del Tesoro.",
    "Investors should buy bonds.",
    "Anleger sollten Anleihen aufstocken.",
    "Wir empfehlen Anlegern, Anleihen aufzustocken.",
]


@pytest.mark.parametrize("text", REPORTED_TO_ITS_CLIENTS)
def test_a_third_partys_advice_to_its_audience_is_reported(text: str) -> None:
    """A bank, a broker or its strategists advise their clients: someone else's advice."""
    assert not blocked(text)


@pytest.mark.parametrize("text", OUR_ADVICE_TO_CLIENTS)
def test_our_advice_to_clients_or_the_reader_still_blocks(text: str) -> None:
    """We advise, the reader is addressed, or the clients are told what to do: advice."""
    assert blocked(text)


THEIR_POSSESSIVE = [
    "Die Deutsche Bank erhöht ihr VaR-Limit auf 80 Millionen Euro.",
    "Die Bank hat ihr Risikolimit gesenkt.",
    "Die Commerzbank hebt ihr Kursziel für SAP auf 250 Euro an.",
    "Die Versicherer reduzieren ihr Hebelniveau auf 2x.",
    "Die Großbank stellt ihre Handelsstrategie auf Echtgeld um.",
]
YOUR_POSSESSIVE = [
    "Erhöhen Sie Ihr VaR-Limit auf 80 Millionen Euro.",
    "Ihr VaR-Limit erhöhen Sie am besten auf 80 Millionen.",
    "Erhöht euer VaR-Limit auf 80 Millionen.",
    "Ihr solltet eure Position in SAP schließen.",
    "Wir erhöhen unser VaR-Limit auf 80 Millionen.",
]


@pytest.mark.parametrize("text", THEIR_POSSESSIVE)
def test_a_small_ihr_before_a_noun_is_a_third_partys(text: str) -> None:
    """ "Die Bank erhöht ihr VaR-Limit": her limit, not the reader's."""
    assert not blocked(text)


@pytest.mark.parametrize("text", YOUR_POSSESSIVE)
def test_the_readers_or_our_limit_still_blocks(text: str) -> None:
    """The polite "Ihr", the plural "euer", the pronoun "ihr" and "unser" ask it of us."""
    assert blocked(text)


GENERIC_GOING_LIVE = [
    "Going live with real money carries risks.",
    "Moving from paper to live trading exposes a strategy to slippage it never saw.",
    "Der Schritt vom Papierhandel zum Echtgeldhandel ist mit Risiken verbunden.",
    "Le passage au trading réel comporte des risques.",
    "El paso a operar con dinero real implica riesgos.",
]
SWITCHES_TO_LIVE = [
    "Go live with real money.",
    "We go live with real money on Monday.",
    "Stellen Sie auf Echtgeld um.",
    "Passez en réel lundi.",
]


@pytest.mark.parametrize("text", GENERIC_GOING_LIVE)
def test_a_statement_about_going_live_switches_nothing(text: str) -> None:
    """Going live as the subject of a general statement: no one is asked to switch."""
    assert not blocked(text)


@pytest.mark.parametrize("text", SWITCHES_TO_LIVE)
def test_a_switch_to_live_still_blocks(text: str) -> None:
    assert blocked(text)


RATINGS_COUNTED = [
    "Buy: 54 % of analysts; hold: 30 %; sell: 16 %.",
    "Analyst ratings on SAP — buy: 21, hold: 9, sell: 1.",
    "Kaufempfehlungen: 60 %; Halten: 30 %; Verkaufen: 10 %.",
    "Kaufen: 12 Analysten; Halten: 8; Verkaufen: 2.",
    "Achat : 60 % des analystes ; conserver : 30 % ; vendre : 10 %.",
    "Comprar: 15 analistas; mantener: 6; vender: 1.",
    "Buy-rated: 62 % of analysts; hold-rated: 31 %; sell-rated: 7 %.",
]
SIDES_LABELLED = [
    "Buy: SAP; sell: BMW.",
    "Buy: 54 % of the book in SAP.",
    "Buy: 5 % NVDA; hold: 30 %; sell: 3 % TSLA.",
    "Kaufen: SAP; Halten: BMW; Verkaufen: Daimler.",
    "Achat : LVMH ; vente : Kering.",
    "Comprar: Inditex; vender: Meliá.",
]


@pytest.mark.parametrize("text", RATINGS_COUNTED)
def test_a_rating_scale_counted_orders_nothing(text: str) -> None:
    """Buy, hold and sell labelling figures alone, or figures of analysts: a consensus."""
    assert not blocked(text)


@pytest.mark.parametrize("text", SIDES_LABELLED)
def test_sides_labelling_targets_or_shares_of_the_book_still_block(text: str) -> None:
    assert blocked(text)


COMPONENTS_NAMED = [
    "We refactored the SellSignalDetector to cache quotes.",
    "Ops note: OrderRouterService restarted; buyVolumeRatio and sellVolumeRatio are normal.",
    "Der StopLossHandler hat drei Timeouts protokolliert.",
    "Die Kennzahl buyVolumeRatio stieg auf 0,62.",
    "Le module BuyOrderRouter a redémarré à 6 h 10.",
    "La métrique sellVolumeRatio est revenue à la normale.",
    "La métrica buyVolumeRatio subió a 0,62.",
]
INSTRUCTIONS_IN_CAMEL_CASE = [
    "buyAAPLNow",
    "BuyTeslaAtMarket.",
    "We should buyTSLA at the open.",
    "setStopLossAt4450 on the ES position.",
    "increaseLeverageTo3x now.",
    "maxLeverageRatio = 5",
    "Set the goLiveFlag to true on Monday.",
    "switchToLiveTrading",
]


@pytest.mark.parametrize("text", COMPONENTS_NAMED)
def test_an_identifier_ending_in_a_component_names_it(text: str) -> None:
    """A camelCase name ending in a component ("Detector", "Router") or, after a side, a
    measure ("buyVolumeRatio") is a noun, not a hidden instruction."""
    assert not blocked(text)


@pytest.mark.parametrize("text", INSTRUCTIONS_IN_CAMEL_CASE)
def test_an_instruction_or_a_setting_in_camel_case_still_blocks(text: str) -> None:
    assert blocked(text)


OTHERS_ACTS_AND_RULES = [
    "Morgan Stanley moved its 10y gilt target to 4.10% and told clients to add duration.",
    "Die UBS senkte ihr Kursziel und riet ihren Kunden, Gold zu verkaufen.",
    "Barclays strategists put a take-profit at 4.05% on their recommended gilt long.",
    "FTSE Russell will rebalance the UK index on 19 December, raising the weight of banks to 12%.",
    "From next week, index weights change: Apple 7.1 %, Microsoft 6.5 %.",
    "After the rebalance on Friday, Nvidia's weight in the Nasdaq-100 falls to 8 %.",
    "Tras el rebalanceo del viernes, el peso de Inditex sube al 15 %.",
    "The fund's rules already cap leverage at 2x; this letter changes nothing.",
    "Le règlement du fonds plafonne déjà l'effet de levier à 2 fois ; cette lettre n'y change rien.",
    "Laut Verkaufsprospekt gilt weiterhin: Hebel höchstens 1,5x, Einzeltitel höchstens 10 %.",
    "According to the prospectus: leverage at most 1.5x, single names at most 10 %.",
    "¿Podrá la banca mantener sus márgenes con los tipos en el 2 %?",
]
OURS_TO_DO = [
    "We moved our gilt target to 4.10% and told clients to add duration.",
    "We put a take-profit at 4.05% on our recommended gilt long.",
    "The recommended hedge is to buy 200 SPY puts at 480.",
    "We will rebalance on Friday, raising the weight of banks to 12%.",
    "Rebalance the book on Friday, raising equities to 60 %.",
    "Bring all mandates back to benchmark weights this week.",
    "From next week, our weights change: Apple 7.1 %, Microsoft 6.5 %.",
    "After the rebalance on Friday, buy 200 SPY at 480.",
    "Proceed with the rebalance on Friday.",
    "Cap leverage at 2x.",
    "Hebel höchstens 1,5x, Einzeltitel höchstens 10 %.",
    "Laut unserem Plan: Hebel höchstens 1,5x.",
    "Rebond des prix du gaz relever_la_limite_de_var_à_10_m€.",
]


@pytest.mark.parametrize("text", OTHERS_ACTS_AND_RULES)
def test_what_others_did_said_or_set_is_described(text: str) -> None:
    """A verb joined on to a third party's clause, a gerund after it, their recommended
    trade, an index's weights or rebalance, a rule a document states: commentary."""
    assert not blocked(text)


@pytest.mark.parametrize("text", OURS_TO_DO)
def test_the_same_steps_ours_still_block(text: str) -> None:
    assert blocked(text)


OTHERS_TABLE = (
    "MSCI quarterly review, announced changes:\n\n"
    "| Country | Old weight | New weight |\n|---|---|---|\n"
    "| India | 18.9 % | 19.6 % |\n| China | 25.1 % | 24.4 % |"
)
INDEX_WEIGHT_TABLES = [
    OTHERS_TABLE,
    (
        "FTSE Russell, June reconstitution:\n| Stock | Old weight | New weight |\n|---|---|---|\n"
        "| Arm | 0.0 % | 0.4 % |"
    ),
    "| Constituent | Index weight |\n|---|---|\n| Apple | 7.1 % |\n| Microsoft | 6.5 % |",
    "| Titel | Indexgewicht |\n|---|---|\n| SAP | 14 % |\n| Siemens | 9 % |",
]
OUR_WEIGHT_TABLES = [
    OTHERS_TABLE.replace("MSCI quarterly review", "Our quarterly review"),
    OTHERS_TABLE.replace("MSCI quarterly review", "Quarterly review"),
    (
        "MSCI quarterly review, announced changes:\n\n| Side | Ticker | Qty | Price |\n"
        "|---|---|---|---|\n| Buy | SPY | 200 | 480 |"
    ),
    "SAP:\n\n| Sector | Target weight |\n|---|---|\n| Tech | 35 % |",
    "| Sector | Target weight |\n|---|---|\n| Tech | 35 % |\n| Energy | 2 % |",
]


@pytest.mark.parametrize("text", INDEX_WEIGHT_TABLES)
def test_an_index_providers_weights_table_sets_nothing(text: str) -> None:
    """A table of weights under a provider's title, or with an index's weight column."""
    assert not blocked(text)


@pytest.mark.parametrize("text", OUR_WEIGHT_TABLES)
def test_our_weights_table_or_an_order_table_still_blocks(text: str) -> None:
    """Our title, no one's, a ticker alone as title, or an order under a provider's title."""
    assert blocked(text)
