"""Levels of our positions, impersonal advice, and our plans in the future or as a desk's
"on": the stop/take-profit, risk-limit, sizing and rebalance classes in the forms that
name no addressee.

A level may name whose position it protects between itself and its figure ("the stop on
our USD/JPY long to 149.80", "el stop-loss del largo en el S&P en 5.000"). Advice may be
impersonal ("es bietet sich an", "il importe de", "tiene sentido"). Our plans may be in
the future ("subiremos el límite", "nous relèverons la limite", "tomaremos beneficios"),
asked of "ustedes" ("suban el límite"), or written with the desk's French "on" ("si le
CAC casse 7 400, on vend 40 contrats"). Each table has its commentary twins — others'
levels and limits, the past, an impersonal frame about something else — which must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

OUR_LEVELS = [
    "Tighten the stop on our USD/JPY long to 149.80.",
    "Move the stop on your gold long to 2,300.",
    "Place a stop-loss on the Nasdaq short at 21,400.",
    "Verschieben Sie den Stopp unserer DAX-Position auf 18.000.",
    "Ziehen Sie den Stopp für unseren DAX-Long auf 18.200 nach.",
    "Ponga el stop-loss del largo en el S&P en 5.000.",
    "Pondremos un stop en 2.300 en el oro.",
    "Tomaremos beneficios en el oro a 2.600.",
    "Nous prendrons nos profits sur l'or à 2 600.",
    "Why not lock in profits on the Nikkei long above 41,000?",
    "We will lock in profits on the Nikkei long above 41,000.",
    "Sichern Sie Gewinne beim Nikkei-Long über 41.000.",
    "Wir sichern Gewinne im Gold-Long bei 2.600.",
    "Sécurisons nos gains sur l'or à 2 600.",
]
LEVELS_OF_OTHERS = [
    "The stop on our USD/JPY long was hit at 149.80 last week.",
    "Dealers tightened the stop on their USD/JPY long to 149.80.",
    "CTAs raised the stop on their Nasdaq short to 21,400.",
    "The stop-loss on the Nasdaq short was triggered at 21,400.",
    "If the S&P breaks 5,000, the stops on our long would be hit.",
    "Our stop on the gold long held at 2,300 during the selloff.",
    "Der Stopp für den DAX-Long wurde bei 18.000 ausgelöst.",
    "Der Stopp unserer DAX-Long-Position wurde gestern bei 18.000 ausgelöst.",
    "Los CTA colocaron el stop-loss del largo en el S&P en 5.000.",
    "Los bancos pondrán un stop en 2.300.",
    "Los fondos tomaron beneficios en el oro a 2.600.",
    "Investors locked in profits on the Nikkei long above 41,000.",
    "We locked in profits on the Nikkei long last week.",
    "Hedgefonds sichern Gewinne im Gold-Long bei 2.600.",
    "Die Anleger sicherten Gewinne bei Gold.",
    "Les fonds ont sécurisé leurs gains sur l'or.",
]
IMPERSONAL_ADVICE = [
    "It makes sense to rotate out of growth stocks.",
    "Es bietet sich an, Siemens zu verkaufen.",
    "Es ist sinnvoll, Siemens zu verkaufen.",
    "Il importe de vendre TotalEnergies.",
    "Mieux vaut vendre TotalEnergies.",
    "Tiene sentido vender TLT.",
    "Tendría sentido vender el Bund.",
]
IMPERSONAL_ABOUT_OTHERS = [
    "It makes sense that investors rotated out of growth stocks.",
    "Für Anleger bietet sich an, was die Bank anbietet.",
    "Die Gelegenheit bietet sich an, wenn der DAX fällt.",
    "Es bot sich an, Siemens zu verkaufen, als die Kurse stiegen.",
    "Il importe de comprendre la BCE.",
    "Mieux vaut tard que jamais.",
    "Selon les stratèges, mieux vaut vendre TotalEnergies.",
    "Tiene sentido que la Fed recorte los tipos.",
    "Según los analistas, tiene sentido vender el Bund.",
]
OUR_PLANS = [
    "We will raise the VaR limit to 15 million.",
    "Wir erhöhen das VaR-Limit auf 15 Millionen.",
    "Suban el límite de VaR a 15 millones.",
    "Subiremos el límite de VaR a 15 millones.",
    "Nous relèverons la limite de VaR à 15 millions.",
    "Reequilibraremos la cartera al 60 % en acciones y 40 % en bonos.",
    "Asignaremos un 4 % de la cartera al oro.",
    "Si le CAC casse 7 400, on vend 40 contrats.",
    "Dès que le Bund touche 131, on achète 20 contrats.",
    "Tamaño de la posición: 30 lotes en el crudo.",
    "Taille de la position : 30 lots sur le pétrole.",
]
PLANS_OF_OTHERS = [
    "The bank will raise its VaR limit to 15 million, it said.",
    "Die Bank hat ihr VaR-Limit auf 15 Millionen erhöht.",
    "La banca subirá el límite de VaR a 15 millones.",
    "El BCE bajará los tipos al 2 %.",
    "La BCE relèvera ses taux à 3 %.",
    "Les banques relèveront leurs limites de VaR.",
    "Los fondos asignaron un 4 % al oro.",
    "On vend la rumeur, on achète la nouvelle.",
    "L'an dernier, on vendait 40 contrats par jour.",
    "Tamaño de la posición de los CTA: 30.000 lotes en el crudo, según la CFTC.",
    "La taille de la position des CTA sur le pétrole est de 30 000 lots.",
]


@pytest.mark.parametrize("text", OUR_LEVELS)
def test_a_level_on_our_position_blocks(text: str) -> None:
    """A stop or take-profit set on a position of ours, named by its owner, asks it."""
    assert blocked(text)


@pytest.mark.parametrize("text", LEVELS_OF_OTHERS)
def test_levels_of_others_or_the_past_pass(text: str) -> None:
    """Others' levels, levels hit in the past or in a hypothesis are commentary."""
    assert not blocked(text)


@pytest.mark.parametrize("text", IMPERSONAL_ADVICE)
def test_impersonal_advice_blocks(text: str) -> None:
    """Impersonal advice to trade a named target asks the reader to."""
    assert blocked(text)


@pytest.mark.parametrize("text", IMPERSONAL_ABOUT_OTHERS)
def test_impersonal_frames_about_others_pass(text: str) -> None:
    """The same frames about understanding, others' acts, the past or an adage pass."""
    assert not blocked(text)


@pytest.mark.parametrize("text", OUR_PLANS)
def test_our_plans_in_the_future_or_as_on_block(text: str) -> None:
    """Our limits, weights, sizes and orders planned in the future or by the desk's "on"."""
    assert blocked(text)


@pytest.mark.parametrize("text", PLANS_OF_OTHERS)
def test_plans_of_others_pass(text: str) -> None:
    """A bank's or central bank's plans, the past, an adage and others' sizes pass."""
    assert not blocked(text)
