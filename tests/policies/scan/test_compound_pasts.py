"""Pasts the vocabulary does not list, read by their auxiliary and their ending, beside the present.

A nominal action or a level that heads the subject of a past tells what happened: a Spanish
reflexive preterite ("se desplomó", "se envió"), a Romance perfect with "have" or a
reflexive ("ha caído", "s'est essoufflé", "ont bondi"), a German perfect closing its clause
("ist … gesunken", "hat sich erholt"), an English irregular past ("grew", "shrank"). The
same order in the present, a present passive or a label still blocks.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

PASTS = [
    "La compra de bonos del BCE se redujo a 20.000 millones.",
    "La orden de venta de 500 contratos se envió al bróker a 98.",
    "La venta de 2.000 millones en bonos italianos se desplomó en abril.",
    "La compra de 300 acciones de Repsol a 15 se canceló ayer.",
    "La venta de 500 contratos de Bund se ha cancelado.",
    "L'achat de 2 milliards d'OAT s'est essoufflé en mars.",
    "La vente de 500 contrats Bund s'est arrêtée à 98.",
    "Les ventes de 3 milliards de BTP ont bondi en avril.",
    "Der Kauf von Bundesanleihen durch die EZB ist auf 20 Mrd. gesunken.",
    "Der Verkauf von 500 Bund-Kontrakten hat sich bei 98 beschleunigt.",
    "The purchase of 500 SAP shares by the CEO grew to 2 %.",
    "The sale of 2bn of BTPs at 95 shrank to 1bn.",
]
STILL_ASKED = [
    "La orden de venta de 500 contratos se envía al bróker a 98.",
    "Vendan 500 contratos de Bund a 98.",
    "L'ordre de vente de 500 contrats est transmis au courtier.",
    "Vendez 500 contrats Bund à 98.",
    "Verkaufen Sie 500 Bund-Kontrakte zu 98.",
    "Buy 500 SAP shares at 150.",
    "Stop: 95.",
    "Ab Montag gilt für den Rentenhandel ein VaR-Limit von 20 Mio. statt 10 Mio. Euro.",
]


@pytest.mark.parametrize("text", PASTS)
def test_a_past_read_by_its_auxiliary_and_ending_tells_what_happened(text: str) -> None:
    """The subject's action is history, whatever verb the vocabulary lacks."""
    assert not blocked(text)


@pytest.mark.parametrize("text", STILL_ASKED)
def test_the_present_a_present_passive_and_a_label_still_block(text: str) -> None:
    assert blocked(text)


IMPERSONAL_PRESENTS = [
    "La venta de 500 SAN se hace a mercado.",
    "La orden de compra de 500 SAN ha de ejecutarse a 5.",
]


@pytest.mark.parametrize("text", IMPERSONAL_PRESENTS)
def test_an_impersonal_present_or_an_obligation_is_no_past(text: str) -> None:
    """ "se hace" is a present, "ha de" an obligation: they block."""
    assert blocked(text)
