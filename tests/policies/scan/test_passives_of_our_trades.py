"""Our trades said in the passive: a plan in the future passive of any verb of a family
("the hedge will be rolled into March", "la couverture sera roulée", "der Hedge wird
gerollt", "la cartera será reequilibrada"), the Spanish reflexive passive ("la posición se
cerrará el viernes"), on a holding of ours or a named target, sized or not; and a step
being taken, in the present passive, on a holding of ours moved to a figure or dated by a
time of the day ("half of the futures hedge is lifted this afternoon", "se compran esta
mañana 20.000 títulos de Iberdrola para la cartera").

The participles are made from the vocabulary's infinitives by each language's regular
endings, so a passive of a verb no case named reads as its infinitive does. The twins
name the agent ("by the founder", "vom Gründer", "par l'État"), are an index provider's
or an issuer's event ("added to the S&P 500", "sold at auction"), or tell the past: they
pass.
"""

from __future__ import annotations

import pytest

from policies.scan import shipped_vocabulary_dir
from policies.scan.vocabulary import Form, Role, lexicon_for
from tests.policies.scan.verdicts import blocked

FUTURE_PASSIVES = [
    "The position will be closed on Friday.",
    "The hedge is to be rolled into March.",
    "The hedge will be rolled into the March contract next week.",
    "The euro exposure will be hedged with forwards.",
    "Orders will be sent to the broker at the close.",
    "The basket will be executed at the close.",
    "The book will be rebalanced on Monday.",
    "The USD/JPY short is going to be closed today.",
    "Apple will be added to the portfolio next week.",
    "The copper long will be unwound tomorrow.",
    "The duration overlay will be reduced next week.",
    "The remaining Siemens shares shall be sold at market.",
    "The credit sleeve will be trimmed on Friday.",
    "Die Position wird am Freitag geschlossen.",
    "Der Hedge wird in den März-Kontrakt gerollt.",
    "Siemens wird morgen verkauft.",
    "Die Orders werden zum Schluss an den Broker geschickt.",
    "Der Korb wird zum Schlusskurs ausgeführt.",
    "Das Portfolio wird am Montag umgeschichtet.",
    "La position sera soldée vendredi.",
    "Les ordres seront envoyés au courtier à l'ouverture.",
    "Le panier sera exécuté à la clôture.",
    "Le portefeuille sera rééquilibré lundi.",
    "La couverture sera débouclée après la Fed.",
    "Les lignes bancaires seront cédées demain.",
    "Las órdenes pendientes serán enviadas al bróker en la apertura.",
    "La cesta será ejecutada al cierre.",
    "La cartera será reequilibrada el lunes.",
    "La cobertura será renovada al vencimiento de marzo.",
    "Se venderán las acciones de Telefónica mañana.",
]
REFLEXIVE_PASSIVES = [
    "La posición se cerrará el viernes.",
    "La posición en Iberdrola se reducirá mañana.",
    "Se reducirá la posición en Iberdrola.",
    "El corto en el Bund se cubrirá a 131.",
]
PASSIVES_OF_OTHERS = [
    "The stake will be sold by the founder next year.",
    "Tesla will be sold by Elon Musk's trust.",
    "The index will be rebalanced by MSCI in May.",
    "Tesla will be added to the S&P 500 on Monday.",
    "Nvidia will be added to the Dow Jones on Friday.",
    "Apple will be removed from the index next week.",
    "New 10-year notes will be sold at auction on Wednesday.",
    "The shares will be sold in a secondary offering next week.",
    "The position was closed on Friday.",
    "The hedge was rolled into March last week.",
    "The positions of CTAs will be closed by the end of the month.",
    "Die Beteiligung wird vom Gründer verkauft.",
    "Siemens wird von BlackRock verkauft.",
    "Der Index wird von MSCI im Mai neu gewichtet.",
    "Siemens Energy wird am Montag in den DAX aufgenommen.",
    "Zalando wird aus dem DAX genommen.",
    "Die Position wurde am Freitag geschlossen.",
    "La participation sera cédée par l'État.",
    "L'indice sera rééquilibré par MSCI en mai.",
    "La position a été soldée vendredi.",
    "La participación será vendida por el Estado.",
    "El índice será reequilibrado por MSCI en mayo.",
    "Solaria será excluida del IBEX 35 el lunes.",
    "La posición se cerró el viernes.",
    "Se subastarán nuevos bonos el miércoles.",
]


PRESENT_PASSIVES = [
    "Twenty thousand Nestlé shares are being bought for the fund this morning.",
    "Our residual 2y gilt holding gets sold by the execution desk before the MPC.",
    "Stops on the gold position get tightened to 2,340.",
    "The position is sized at 3% of NAV.",
    "The desk VaR limit is raised to $12m with effect from today.",
    "The model portfolio is rebalanced back to 60/40 at month-end.",
    "Half of the SMI futures hedge is lifted this afternoon.",
    "The overlay gets unwound this afternoon.",
    "The yen short gets closed at 150.",
    "Roughly 40m of 2034 gilts get switched into 2054s for the fund at the open.",
    "Der Hebel im Overlay wird auf das Dreifache erhöht.",
    "Dix mille actions TotalEnergies sont achetées pour le fonds ce matin.",
    "Le stop de la position CAC est placé à 7 200 points.",
    "Se compran esta mañana 20.000 títulos de Iberdrola para la cartera.",
    "El stop de pérdidas de la posición en Ibex se coloca en 11.700.",
    "El nivel de entrada del largo en euro-dólar se fija en 1,0750.",
    "El apalancamiento de la cartera se eleva a 2 veces.",
    "La cartera modelo se reequilibra al 60 % renta variable y 40 % renta fija.",
]
MARKET_PASSIVES = [
    "Bonds are sold heavily after the CPI print.",
    "Tech is being sold on rate fears.",
    "Treasuries are being sold by foreign central banks today.",
    "Treasuries are being sold across the curve today.",
    "Orders are sent to the exchange by the broker's algorithm.",
    "Margin on the gold future is raised to 10 % by the CME.",
    "Gold is bought on dips by central banks.",
    "The stake is sold by the founder today.",
    "The position was reduced to neutral last week.",
    "The fund's stake is sold at 45 in the secondary offering.",
    "Nvidia is added to the Dow today.",
    "Die Anleihen werden nach den Inflationsdaten massiv verkauft.",
    "Der Leitzins wird von der EZB auf 4 % angehoben.",
    "Les obligations sont vendues massivement après l'inflation.",
    "Les bons du Trésor sont vendus par les banques centrales.",
    "Se venden bonos del Tesoro en toda la curva.",
    "Los bonos se venden con fuerza tras el IPC.",
]


@pytest.mark.parametrize("text", PRESENT_PASSIVES)
def test_a_step_of_ours_in_the_present_passive_blocks(text: str) -> None:
    """A holding or book of ours, moved to a figure or dated by a time of the day; a desk
    or a broker that executes it is no one else."""
    assert blocked(text)


@pytest.mark.parametrize("text", MARKET_PASSIVES)
def test_what_the_market_does_in_the_present_passive_passes(text: str) -> None:
    """Flows without a holding of ours, others named as agents, an issue, an index."""
    assert not blocked(text)


@pytest.mark.parametrize("text", FUTURE_PASSIVES)
def test_a_future_passive_of_our_trade_blocks(text: str) -> None:
    """A holding of ours or a named target, moved in the future passive, no agent named."""
    assert blocked(text)


@pytest.mark.parametrize("text", REFLEXIVE_PASSIVES)
def test_a_reflexive_passive_in_the_future_blocks(text: str) -> None:
    """The Spanish reflexive passive, its subject before or after it."""
    assert blocked(text)


@pytest.mark.parametrize("text", PASSIVES_OF_OTHERS)
def test_passives_of_others_issues_index_events_and_the_past_pass(text: str) -> None:
    """An agent named (known or not), an index or an issue, or the past."""
    assert not blocked(text)


@pytest.mark.parametrize(
    ("word", "role"),
    [
        ("rolled", Role.CLOSE),
        ("gerollt", Role.CLOSE),
        ("abgebaut", Role.TRADE),
        ("umgeschichtet", Role.ALLOCATE),
        ("aufgelost", Role.CLOSE),
        ("roulee", Role.CLOSE),
        ("vendues", Role.SELL),
        ("reduite", Role.TRADE),
        ("renovada", Role.CLOSE),
        ("cubierta", Role.TRADE),
    ],
)
def test_participles_are_made_from_the_infinitives(word: str, role: int) -> None:
    """Each language's regular endings make the participles of the lists' infinitives."""
    entry = lexicon_for(shipped_vocabulary_dir()).words[word]
    assert entry.roles & role
    assert entry.forms & (Form.PARTICIPLE | Form.PAST)


@pytest.mark.parametrize("word", ["entrada", "salida", "pasado", "entree", "sortie", "risque"])
def test_a_participle_that_is_another_word_is_not_made(word: str) -> None:
    """A participle spelled as a common noun or the past is left to what it is."""
    entry = lexicon_for(shipped_vocabulary_dir()).words.get(word)
    assert entry is None or not entry.forms & Form.PARTICIPLE
