"""Plans and advice of ours whose target is a noun phrase, exits and entries written with
a contracted article or in the future, and weights whose items label their own shares.

English puts its modifiers before the noun: "growth stocks", "Brazilian local bonds",
"high-yield credit" name an asset class by their last word, and "our holding of Meta" is a
position of ours. French and Spanish contract the article of an exit ("sortir des
obligations", "salir del Bund"). A list of weights may label each share ("Equities: 65 %")
after a label of its own ("Target allocation —"). Each table has its commentary twins —
third parties, the past, a modifier of a plain noun, market conditions — which must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

PLANS_AND_ADVICE = [
    "We will trim our holding of Meta into the earnings spike.",
    "Our book will exit high-yield credit entirely this month.",
    "We are going to build a position in Brazilian local bonds over the coming days.",
    "It makes sense to rotate out of growth stocks and into energy this week.",
    "Sell growth stocks into the rally.",
    "We should add investment-grade credit on weakness.",
    "Reduce our holding of Siemens before the results.",
    "Wir werden unsere Position in Siemens abbauen.",
    "Wir steigen aus Hochzinsanleihen aus.",
    "Nous allons sortir des obligations italiennes cette semaine.",
    "Nous sortirons du Bund avant la BCE.",
    "Nous prendrons nos bénéfices sur l'or à 2 550 dollars.",
    "Vamos a construir una posición en bonos mexicanos esta semana.",
    "Saldremos del Bund antes de la reunión del BCE.",
]
PLANS_OF_OTHERS = [
    "Investors sold growth stocks last week.",
    "Hedge funds are exiting high-yield credit.",
    "Foreign buyers built positions in Brazilian local bonds in March.",
    "Issuers may tap high-yield credit markets again.",
    "Exporters hedge dollar revenues.",
    "High-yield credit spreads widened.",
    "The fund trimmed its holding of Meta last quarter.",
    "Brazilian local bonds rallied after the central bank meeting.",
    "If growth stocks fall, the index falls with them.",
    "After Buy-rated stocks fell, analysts cut targets.",
    "Pensionsfonds sind letzte Woche aus Hochzinsanleihen ausgestiegen.",
    "Die Anleger bauen Positionen in Bundesanleihen auf.",
    "Les investisseurs sortent des obligations italiennes.",
    "Les fonds sont sortis des obligations italiennes l'an dernier.",
    "Les investisseurs ont pris leurs bénéfices sur l'or.",
    "Los fondos construyeron una posición en bonos mexicanos el año pasado.",
    "Los inversores salen del Bund.",
]
LABELLED_ITEMS = [
    "Target allocation — Equities: 65 %, Bonds: 25 %, Gold: 10 %.",
    "Target allocation: Equities: 65 %, Bonds: 25 %, Gold: 10 %.",
    "Zielallokation — Aktien: 60 %, Anleihen: 30 %, Gold: 10 %.",
    "Asignación objetivo — acciones: 60 %, bonos: 30 %, oro: 10 %.",
]
LABELLED_ITEMS_OF_OTHERS = [
    "MSCI EM index weights — China: 25 %, India: 19 %, Taiwan: 18 %.",
    "Survey — bullish: 40 %, neutral: 35 %, bearish: 25 %.",
    "Benchmark composition — equities: 60 %, bonds: 40 %.",
    "Umfrage — bullisch: 40 %, neutral: 35 %, bärisch: 25 %.",
    "Indexgewichte — China: 25 %, Indien: 19 %, Taiwan: 18 %.",
]


@pytest.mark.parametrize("text", PLANS_AND_ADVICE)
def test_a_plan_or_advice_of_ours_on_a_noun_phrase_blocks(text: str) -> None:
    """A trade of ours on an asset class named by a phrase asks it."""
    assert blocked(text)


@pytest.mark.parametrize("text", PLANS_OF_OTHERS)
def test_the_same_phrases_of_others_or_the_past_pass(text: str) -> None:
    """Others' trades, past ones, and an instrument qualifying a plain noun are commentary."""
    assert not blocked(text)


@pytest.mark.parametrize("text", LABELLED_ITEMS)
def test_weights_whose_items_label_their_shares_block(text: str) -> None:
    """A book split into labelled shares that make a whole sets its weights."""
    assert blocked(text)


@pytest.mark.parametrize("text", LABELLED_ITEMS_OF_OTHERS)
def test_labelled_shares_of_an_index_or_a_survey_pass(text: str) -> None:
    """An index's weights or a survey's answers name no book of ours."""
    assert not blocked(text)
