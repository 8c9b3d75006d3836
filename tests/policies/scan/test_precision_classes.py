"""Benign commentary the scanner once blocked, class by class, each beside its smuggled twin.

Who acts (a subject named before a coordinated verb, a noun phrase that is the subject of
its predicate, an index event that makes others act), what is refused (a negation carried
by the object's determiner) and when (the past) decide; the same words asked of us block.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

# A level in another field of the unit completes a side that waits for its price.
LEVEL = "Resistance at 4,480."

NEGATED_OBJECTS = [
    "This outlook places no order.",
    "We would not chase SAP here; this outlook places no order.",
    "The outlook takes no new positions in SAP.",
    "We place no orders and change no limits.",
    "The present outlook proposes no limit change.",
    "We recommend no change to the VaR limit.",
    "Dieser Ausblick platziert keine Order.",
    "Der vorliegende Ausblick schlägt keine Limitänderung vor.",
    "Ce rapport ne passe aucun ordre.",
    "El presente informe no propone ningún cambio de límites.",
]
OBJECTS_GIVEN = [
    "Place the order at the open.",
    "Buy no more than 100 SPY at 400.",
    "We propose a limit change: raise the VaR limit to 5 %.",
    "Leverage should not go above 2x.",
    "Platzieren Sie die Order zur Eröffnung.",
    "Passez l'ordre à l'ouverture.",
]


@pytest.mark.parametrize("text", NEGATED_OBJECTS)
def test_a_negation_opening_the_object_refuses_the_act(text: str) -> None:
    """ "places no order", "proposes no limit change": the verb acts on nothing."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", OBJECTS_GIVEN)
def test_an_object_given_or_capped_still_blocks(text: str) -> None:
    """An order with its object, a cap ("no more than"), a negated norm on a limit block."""
    assert blocked(text)


THIRD_PARTY_COORDINATED = [
    "Japanese lifers are expected to sell foreign bonds and buy JGBs in the new fiscal year.",
    "Pension funds are likely to sell equities and buy bonds at quarter-end.",
    "Regional banks tend to sell Treasuries and buy MBS when the curve steepens.",
    "Japanische Lebensversicherer dürften ausländische Anleihen verkaufen und JGBs kaufen.",
    "Les assureurs japonais devraient vendre des obligations étrangères et acheter des JGB.",
    "Las aseguradoras japonesas venderán bonos extranjeros y comprarán JGB.",
]
COORDINATED_TO_US = [
    "Sell foreign bonds and buy JGBs.",
    "You should sell foreign bonds and buy JGBs.",
    "Lifers must sell foreign bonds and buy JGBs.",
    "We will sell foreign bonds and buy JGBs.",
    "Verkaufen Sie ausländische Anleihen und kaufen Sie JGBs.",
    "Anleger sollten ausländische Anleihen verkaufen und JGBs kaufen.",
    "Die Strategie am Montag vom Papierhandel auf Echtgeld umstellen.",
]


@pytest.mark.parametrize("text", THIRD_PARTY_COORDINATED)
def test_a_coordinated_verb_keeps_the_third_party_subject(text: str) -> None:
    """ "… are expected to sell X and buy Y": the subject named first buys too."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", COORDINATED_TO_US)
def test_a_coordinated_verb_asked_of_us_still_blocks(text: str) -> None:
    """An imperative, our plan, or a recommendation to whoever coordinates both verbs."""
    assert blocked(text, LEVEL)


NOUN_SUBJECTS = [
    "Long positions rallied 3 % last week.",
    "The S&P 500 rebalance will see index funds buy the newly added stock on Friday's close.",
    "The quarterly rebalance forced index funds to sell 2 % of the float.",
    "the take profit on SAP at 230 was hit yesterday, according to desk chatter at a rival bank",
    "Long-Positionen stiegen letzte Woche um 3 %.",
    "Das Rebalancing des DAX zwingt Indexfonds, die Aktie zum Schlusskurs zu kaufen.",
    "Le rééquilibrage de l'indice obligera les fonds indiciels à acheter le titre à la clôture.",
    "El reequilibrio del IBEX obligará a los fondos indexados a comprar la acción al cierre.",
]
IMPERATIVES_BESIDE_A_PREDICATE = [
    "Buy 100 SPY now it is cheap.",
    "Rebalance to 60/40 as it is quarter end.",
    "Take profit on SAP at 230 is the plan.",
    "Long positions should be cut to 2 %.",
    "Le rééquilibrage du portefeuille vers 60/40 est recommandé.",
    "Rééquilibrage du portefeuille vers 60/40 avant les fonds indiciels.",
]


@pytest.mark.parametrize("text", NOUN_SUBJECTS)
def test_an_action_noun_heading_the_subject_passes(text: str) -> None:
    """After an article, or a noun right before its predicate, the action word is a noun."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", IMPERATIVES_BESIDE_A_PREDICATE)
def test_an_imperative_or_a_recommended_noun_still_blocks(text: str) -> None:
    """An imperative with a predicate further on, a recommended or verbless nominal block."""
    assert blocked(text)


REPORTED_PAST_FLOWS = [
    "Several platforms reported clients rebalancing toward bonds in January.",
    "Brokers noted clients selling tech into the rally.",
    "Short positions lost 2 % yesterday.",
    "Robo-Berater meldeten im Januar Kunden, die in Anleihen umschichteten.",
]
FLOWS_ASKED_OF_US = [
    "With rates elevated rebalance to 60/40.",
    "Rebalance the unhedged book to 60/40.",
    "Clients rebalancing toward bonds should stop; rebalance to 60/40 today.",
    "Schichten Sie das Portfolio auf 60/40 um.",
]


@pytest.mark.parametrize("text", REPORTED_PAST_FLOWS)
def test_flows_reported_in_the_past_pass(text: str) -> None:
    """A gerund after a past verb the lexicon need not know reports what others did."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", FLOWS_ASKED_OF_US)
def test_a_rebalance_asked_of_us_still_blocks(text: str) -> None:
    """An imperative after an unknown "-ed" adjective is not the past."""
    assert blocked(text)


SCENARIO_WEIGHTS = [
    (
        "Sell-side strategists at three banks moved to overweight equities this week; "
        "our scenario weights are unchanged at 50/30/20."
    ),
    "We keep scenario weights at 50/30/20.",
    "Scenario weights: 50/30/20",
    "Unsere Szenariogewichte bleiben bei 50/30/20.",
    "Szenariogewichte: 50/30/20",
    "Nos pondérations des scénarios restent à 50/30/20.",
    "Mantenemos los pesos de los escenarios en 50/30/20.",
]
BOOK_WEIGHTS = [
    "Our portfolio weights move to 50/30/20.",
    "Set weights at 50/30/20.",
    "Target allocation: equities 60 %, bonds 40 %",
    "Zielgewichte: Aktien 60 %, Anleihen 40 %",
]


@pytest.mark.parametrize("text", SCENARIO_WEIGHTS)
def test_scenario_weights_are_probabilities(text: str) -> None:
    """The outlook's own scenario weights are probabilities, never a book's split."""
    assert not blocked(text)


@pytest.mark.parametrize("text", BOOK_WEIGHTS)
def test_book_weights_still_block(text: str) -> None:
    """A book's weights, in prose or as a labelled split, block."""
    assert blocked(text)


THIRD_PARTY_LABELS = [
    "event: FOMC\ndate: 2026-01-28\nconsensus: hold at 4.25-4.50% 6 weeks",
    "Fed: hold at 4.25-4.50% through March",
    "Pension fund allocation: equities 60 %, bonds 40 %",
    "Benchmark allocation: equities 60 %, bonds 40 %",
    "Allokation der Pensionsfonds: Aktien 60 %, Anleihen 40 %",
    "Konsens: Leitzins bei 2,00 % halten",
]
LABELS_OF_OURS = [
    "Clients: buy SPY at 400",
    "Consensus: buy 100 SPY at 400.",
    "Allocation: equities 60 %, bonds 40 %",
    "Model portfolio allocation: SPY 60 %, TLT 40 %",
    "Kunden: SAP bei 200 kaufen",
]


@pytest.mark.parametrize("text", THIRD_PARTY_LABELS)
def test_a_label_naming_a_third_party_states_its_view(text: str) -> None:
    """ "consensus: hold at …", "Pension fund allocation: …": what the party holds or expects."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", LABELS_OF_OURS)
def test_a_label_of_ours_or_a_whole_order_still_blocks(text: str) -> None:
    """A label naming us or the reader, none at all, or a fully specified order blocks."""
    assert blocked(text)


STATES = [
    "L'effet de levier dans le trade de base est élevé, un risque systémique si le repo se tend.",
    "Le levier des hedge funds est élevé.",
    "Der Hebel im Basis-Trade ist erhöht.",
    "El apalancamiento en el basis trade es elevado.",
]
CHANGES = [
    "Eleve el límite de VaR al 5 %.",
    "Relevez la limite de VaR à 5 %.",
    "Raise the VaR limit to 5 %.",
    "Das VaR-Limit auf 5 % erhöhen.",
]


@pytest.mark.parametrize("text", STATES)
def test_a_change_word_as_a_predicate_adjective_states_a_level(text: str) -> None:
    """ "est élevé": a copula and a participle closing the clause, no figure, describe."""
    assert not blocked(text)


@pytest.mark.parametrize("text", CHANGES)
def test_a_change_with_its_figure_still_blocks(text: str) -> None:
    """The same verbs with a limit and a figure direct a change."""
    assert blocked(text)


REFUSED_SETTINGS = [
    "the bot must not be run with TRADING_MODE=live until the audit closes",
    "Ops note: the scheduler must not be started with LIVE_TRADING=true until the audit closes.",
    "Avoid running with TRADING_MODE=live.",
    "Der Bot darf nicht mit TRADING_MODE=live laufen, bevor das Audit abgeschlossen ist.",
    "Le bot ne doit pas tourner avec TRADING_MODE=live avant la fin de l'audit.",
    "No se debe arrancar el bot con TRADING_MODE=live.",
]
SETTINGS_GIVEN = [
    "TRADING_MODE=live",
    "Run the bot with TRADING_MODE=live.",
    "Set TRADING_MODE=live now.",
    "We never run with TRADING_MODE = live; set TRADING_MODE=live now",
    "Do not hesitate to run with TRADING_MODE=live",
    "Den Bot mit TRADING_MODE=live starten.",
]


@pytest.mark.parametrize("text", REFUSED_SETTINGS)
def test_a_setting_under_a_refused_predicate_is_an_engineering_note(text: str) -> None:
    """ "must not be run with TRADING_MODE=live": the setting completes a refused verb."""
    assert not blocked(text)


@pytest.mark.parametrize("text", SETTINGS_GIVEN)
def test_a_setting_alone_or_after_an_imperative_still_blocks(text: str) -> None:
    """On its own, after an imperative or an urging frame, the setting is a toggle."""
    assert blocked(text)


REPORTED_VIEWS = [
    "Der Analyst meinte, dass man SAP bei 200 kaufen sollte.",
    "Un analyste estime qu'il faudrait acheter LVMH à 700.",
    "Un analista cree que habría que comprar SAN a 4,80.",
    "An analyst says investors should buy SPY at 400.",
]
OWN_VIEWS = [
    "Wir meinen, dass man SAP bei 200 kaufen sollte.",
    "Habría que comprar SAN a 4,80.",
    "Creemos que habría que comprar SAN a 4,80.",
    "Our strategist recommends buying SPY at 400.",
]


@pytest.mark.parametrize("text", REPORTED_VIEWS)
def test_a_view_reported_of_one_analyst_passes(text: str) -> None:
    """One analyst's view, even with the modal after the verb ("kaufen sollte"), is reported."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", OWN_VIEWS)
def test_the_same_view_of_ours_still_blocks(text: str) -> None:
    """Our own or an impersonal recommendation blocks."""
    assert blocked(text)


DESCRIBED_ALLOCATIONS = [
    "The allocation shifts from 80 % to 50 % equities over the glide path.",
    "In target-date funds the allocation shifts from 80 % to 50 % equities by retirement.",
    "The benchmark allocation moves from 60 % to 55 % equities at the annual review.",
    "L'allocation du fonds cible passe de 80 % à 50 % d'actions.",
    "La asignación del fondo de ciclo de vida pasa del 80 % al 50 % en acciones.",
    "Le rééquilibrage du CAC 40 obligera les fonds indiciels à acheter le titre à la clôture.",
]
ALLOCATIONS_ASKED = [
    "Our allocation shifts from 80 % to 50 % equities today.",
    "Shift the allocation from 80 % to 50 % equities.",
    "Allocation: 50 % equities, 50 % bonds.",
    "Verschieben Sie die Allokation von 80 % auf 50 % Aktien.",
    "Du solltest SAP bei 200 kaufen.",
]


@pytest.mark.parametrize("text", DESCRIBED_ALLOCATIONS)
def test_an_allocation_described_as_it_moves_passes(text: str) -> None:
    """A glide path's or a fund's allocation with its verb in the third person describes;
    French "du" after a noun is a preposition, not the German reader."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", ALLOCATIONS_ASKED)
def test_our_allocation_or_an_imperative_still_blocks(text: str) -> None:
    """Ours, an imperative, a verbless split, the German reader."""
    assert blocked(text)


REFUSED_SAYING = [
    "We are not saying sell NVDA.",
    "We are not saying sell NVDA; we are saying the risk is skewed.",
    "They say sell in May and go away.",
    "Wir sagen nicht, dass man SAP verkaufen sollte.",
    "Nous ne disons pas qu'il faut vendre LVMH.",
    "No decimos que haya que vender SAN.",
    "El analista dijo que había que comprar SAN.",
]
SAYING_IT = [
    "We say sell NVDA.",
    "We say: sell NVDA at 140.",
    "Wir sagen: verkaufen Sie SAP bei 200.",
    "Había que comprar SAN a 4,80.",
]


@pytest.mark.parametrize("text", REFUSED_SAYING)
def test_a_refused_or_reported_saying_advises_nothing(text: str) -> None:
    """ "We are not saying sell X": the refused speech act governs what it would say."""
    assert not blocked(text)


@pytest.mark.parametrize("text", SAYING_IT)
def test_saying_what_to_do_still_advises(text: str) -> None:
    """Our saying ("we say sell"), or an impersonal obligation, blocks."""
    assert blocked(text)


ELIDED_NEGATIONS = [
    "Ce système n'exécute jamais d'ordres.",
    "N'exécutez pas l'ordre.",
    "Ce rapport n'achète pas d'actions.",
]
FRENCH_ORDERS = [
    "Exécutez l'ordre maintenant.",
    "Achetez 100 actions LVMH à 700.",
    "N'hésitez pas à acheter LVMH à 700.",
]


@pytest.mark.parametrize("text", ELIDED_NEGATIONS)
def test_an_elided_french_negation_negates(text: str) -> None:
    """ "n'" written onto its verb is the negation "ne" of the vocabulary."""
    assert not blocked(text)


@pytest.mark.parametrize("text", FRENCH_ORDERS)
def test_french_orders_still_block(text: str) -> None:
    """An imperative, a whole order, an urging frame with "n'" block."""
    assert blocked(text)


LABELLED_LISTS = [
    "Street positioning: long duration, short dollar.",
    "Positionierung der Händler: long Duration, short Dollar.",
]
LISTS_WITH_VERBS = [
    "Consensus: hold at 4.25 %, sell SPY at 400.",
    "Händler: long Duration, sell Dollar.",
    "Positioning: long duration, short dollar.",
]


@pytest.mark.parametrize("text", LABELLED_LISTS)
def test_a_third_party_label_holds_its_verbless_list(text: str) -> None:
    """The party a label names holds each verbless item of the list after it."""
    assert not blocked(text)


@pytest.mark.parametrize("text", LISTS_WITH_VERBS)
def test_an_item_with_its_own_verb_or_no_party_still_blocks(text: str) -> None:
    """An item with a verb of its own, or a label naming no party, blocks."""
    assert blocked(text)
