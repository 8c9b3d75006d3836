"""Calls, ratings, desk notes and entries asked of us; the same words of others pass.

A rating given by us to a named target ("we rate X a buy", "X is a buy here",
"Kaufempfehlung für X") is a call on it, sized or not; a rating of a broker or an analyst,
a question, a negation or a past rating describes. A desk note of ours in a form that is
present and past alike ("compramos 2.000 Iberdrola a 12,30 en la apertura") is an order
when it is whole and undated; dated, it is history. A whole order after a label that names
a meeting ("Tag der EZB-Ratssitzung Kauf von …") is still an order: the institution names
the meeting, not who buys.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

NAMES_EN = ["Nvidia", "TLT", "gold", "Siemens"]
RATINGS_EN = [
    "We rate {} a buy.",
    "We rate {} as a sell.",
    "{} is a buy here.",
    "{} is still a sell.",
    "We think {} is a buy.",
    "Our call: {} is a buy.",
    "Buy rating on {}.",
]
RATINGS_OF_OTHERS_EN = [
    "Goldman rates {} a buy.",
    "Analysts think {} is a buy.",
    "{} is a buy, says Goldman.",
    "According to UBS, {} is a buy.",
    "Goldman: {} is a buy.",
    "{} was a buy at the lows.",
    "Is {} a buy?",
    "{} is not a buy.",
    "If {} is a buy, the index is too.",
]

NAMES_DE = ["Siemens", "SAP", "Gold"]
RATINGS_DE = [
    "Kaufempfehlung für {}.",
    "Unsere Kaufempfehlung für {}.",
    "{} ist ein Kauf.",
    "Wir stufen {} als Kauf ein.",
    "Verkaufsempfehlung für {}.",
]
RATINGS_OF_OTHERS_DE = [
    "UBS bestätigt Kaufempfehlung für {}.",
    "Die Kaufempfehlung von UBS für {} bleibt bestehen.",
    "Analysten stufen {} als Kauf ein.",
    "{} war ein Kauf.",
    "Ist {} ein Kauf?",
    "{} ist kein Kauf.",
]

NAMES_FR_ES = ["LVMH", "Iberdrola", "Airbus"]
RATINGS_FR_ES = [
    "Nous passons à l'achat sur {}.",
    "Nous restons à la vente sur {}.",
    "{} est un achat.",
    "Recommandation d'achat sur {}.",
    "Nous considérons {} comme un achat.",
    "Recomendación de compra en {}.",
    "{} es una compra.",
    "{} sigue siendo una compra.",
]
RATINGS_OF_OTHERS_FR_ES = [
    "Goldman passe à l'achat sur {}.",
    "Les gérants sont passés à l'achat sur {} en mai.",
    "{} est difficile à vendre dans ce marché.",
    "{} n'est pas un achat.",
    "Según Santander, {} es una compra.",
    "{} fue una compra en marzo.",
]


@pytest.mark.parametrize("name", NAMES_EN)
@pytest.mark.parametrize("frame", RATINGS_EN)
def test_our_rating_of_a_named_target_blocks(frame: str, name: str) -> None:
    """A side given to the target as our rating is a call on it."""
    assert blocked(frame.format(name))


@pytest.mark.parametrize("name", NAMES_EN)
@pytest.mark.parametrize("frame", RATINGS_OF_OTHERS_EN)
def test_ratings_of_others_questions_negations_and_the_past_pass(frame: str, name: str) -> None:
    """A broker's or an analyst's rating, an attributed one, a question, a negation, the past."""
    assert not blocked(frame.format(name))


@pytest.mark.parametrize("name", NAMES_DE)
@pytest.mark.parametrize("frame", RATINGS_DE)
def test_german_ratings_of_ours_block(frame: str, name: str) -> None:
    """Eine Kaufempfehlung als Schlagzeile, ein Votum mit „als“ oder „ist ein Kauf“."""
    assert blocked(frame.format(name))


@pytest.mark.parametrize("name", NAMES_DE)
@pytest.mark.parametrize("frame", RATINGS_OF_OTHERS_DE)
def test_german_ratings_of_others_pass(frame: str, name: str) -> None:
    """Die Empfehlung Dritter, die Vergangenheit, eine Frage, eine Verneinung."""
    assert not blocked(frame.format(name))


@pytest.mark.parametrize("name", NAMES_FR_ES)
@pytest.mark.parametrize("frame", RATINGS_FR_ES)
def test_french_and_spanish_ratings_of_ours_block(frame: str, name: str) -> None:
    """« Passer à l'achat », « un achat », « recomendación de compra », « una compra »."""
    assert blocked(frame.format(name))


@pytest.mark.parametrize("name", NAMES_FR_ES)
@pytest.mark.parametrize("frame", RATINGS_OF_OTHERS_FR_ES)
def test_french_and_spanish_ratings_of_others_pass(frame: str, name: str) -> None:
    """Un tiers, le passé, une négation, une description, una atribución."""
    assert not blocked(frame.format(name))


DESK_NOTES = [
    "Nota de la mesa: compramos 2.000 Iberdrola a 12,30 en la apertura.",
    "Compramos 2.000 Iberdrola a 12,30 en la apertura.",
    "Vendemos Iberdrola.",
    "Tag der EZB-Ratssitzung Kauf von 120 Siemens zu 176 limitiert.",
    "Enter Nvidia long at 880.",
    "Enter long Nvidia at 880.",
    "Enter short Siemens.",
]
DESK_HISTORY = [
    "El año pasado compramos 2.000 Iberdrola a 12,30.",
    "Compramos 2.000 Iberdrola a 12,30 el año pasado.",
    "Compramos Iberdrola en 2019.",
    "Los fondos compraron 2.000 Iberdrola a 12,30.",
    "Santander compró 2.000 Iberdrola a 12,30 en la apertura.",
    "Der Kauf von 120 Siemens durch den Vorstand wurde im Mai gemeldet.",
    "Die EZB-Käufe von 120 Siemens zu 176 wurden gemeldet.",
    "Hedge funds entered long Nvidia positions in May.",
    "Nvidia will enter long-term contracts.",
]


@pytest.mark.parametrize("text", DESK_NOTES)
def test_desk_notes_and_entries_of_ours_block(text: str) -> None:
    """An undated whole order in a present-or-past form; an order after a meeting's name;
    a position entered with its side."""
    assert blocked(text)


@pytest.mark.parametrize("text", DESK_HISTORY)
def test_dated_trades_and_those_of_others_pass(text: str) -> None:
    """A time in the past, a third party, a verb in the past, a compound of an action."""
    assert not blocked(text)
