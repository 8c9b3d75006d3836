"""Steps of ours written without an imperative: a nominal execution or switch to live under
a recommendation, an execution owed in the passive of obligation. Each table has its
commentary twin (the same nouns as a topic, others' steps, the past), which must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

NOMINAL_STEPS = [
    "Execution of the basket at market on close recommended.",
    "Immediate execution of the hedge is advisable.",
    "Ausführung des Korbs zum Schlusskurs empfohlen.",
    "Exécution du panier au cours de clôture recommandée.",
    "Ejecución de la cesta al cierre recomendada.",
    "Activation of live trading for the FX model recommended.",
    "Umstellung auf Live-Betrieb mit echtem Kapital empfohlen.",
    "Mise en production du modèle avec capital réel recommandée.",
    "Puesta en producción del modelo con capital real recomendada.",
    "Next step: switchover to live trading on Monday.",
    "Die vorbereiteten Orders sind zur Eröffnung an die Börse zu senden.",
    "Les ordres sont à envoyer au courtier à l'ouverture.",
]
NOMINAL_TOPICS = [
    "Execution of the basket at the close went smoothly.",
    "Execution of large baskets at the close is getting harder as liquidity thins.",
    "Execution of the hedge was recommended by the broker last year.",
    "Execution of client orders at the close is the exchange's job.",
    "Die Ausführung des Korbs ist schwierig.",
    "L'exécution des ordres au marché est plus coûteuse en période de stress.",
    "La ejecución de órdenes a mercado es más cara con volatilidad alta.",
    "The switchover to live trading at the exchange went smoothly.",
    "Migration to live trading is a big step for any quant fund.",
    "Activation of live trading at the vendor happened in 2021.",
    "Die Umstellung auf Live-Betrieb bei der Konkurrenz dauerte Monate.",
    "La mise en production du nouveau système de la Bourse a eu lieu en mars.",
    "La puesta en producción del sistema de la bolsa se retrasó.",
    "Die Orders sind schwer an die Börse zu senden.",
    "Die Orders waren zur Eröffnung an die Börse zu senden.",
]


@pytest.mark.parametrize("text", NOMINAL_STEPS)
def test_a_nominal_step_of_ours_blocks(text: str) -> None:
    """A recommended or labelled step named as a noun asks it."""
    assert blocked(text)


@pytest.mark.parametrize("text", NOMINAL_TOPICS)
def test_the_same_nouns_as_a_topic_pass(text: str) -> None:
    """A step that is a topic, someone else's or past, is commentary."""
    assert not blocked(text)
