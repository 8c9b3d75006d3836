"""Instructions to us on a named target block without a size; views and others' trades pass.

The lead's rule for an L2 outlook: a trade action asked of us (the reader, the desk, the
book, "investors" when advised) on a target named concretely (a ticker, an instrument,
an asset class, a company) is a trade instruction even without a size or price, in every
mood that asks us to act. Each table pairs the instructions, class by class, with
commentary that uses the same words for a third party, the past, a question, a
negation, an adage or a static view; the commentary must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

# Targets named in every way an outlook names them.
TARGETS = ["TLT", "copper", "Nvidia", "2y Treasuries", "EUR/USD", "gold"]

INSTRUCTIONS_EN = [
    "Buy {}.",
    "Sell {} now.",
    "We should be adding {} on any dip toward the lows.",
    "Our recommendation for the book: go long {} ahead of the print.",
    "It is advisable for the desk to short {} into strength.",
    "The portfolio ought to get overweight {} before the FOMC.",
    "{} is to be bought on weakness by the fund.",
    "Exposure to {} should be cut by the team before payrolls.",
    "It might not be a bad idea for us to quietly pick up some {} here.",
    "Why not sell {} now, while implied vol is this cheap? Let's do it.",
    "Action item for PMs: trim {} and rotate the proceeds into Brent.",
    "We strongly favour initiating a long {} position now.",
    "Reader takeaway: get short {} before the close.",
    "We recommend buying {}.",
    "You should sell {}.",
    "Investors should accumulate {}.",
    "Not a recommendation, but we would be buyers of {} here, and so should you.",
    "If you are asking me what to do, the answer is simple: buy {} today.",
    "We are not saying sell everything; we are saying sell {} before Friday.",
    "Take profit on {} into the close.",
    "Time to sell {}.",
    "Consider trimming {}.",
    "The desk should exit {}.",
    "Go overweight {}.",
    "Our top trade: short {}.",
]
COMMENTARY_EN = [
    "Strategists recommend buying {}.",
    "CTAs have been selling {} all week.",
    "We bought {} last year and sold it in March.",
    "We do not recommend buying {}.",
    "This is not advice to buy {}.",
    "We are constructive on {}.",
    "We are overweight {}.",
    "We favour {} over Bunds.",
    "Would you buy {} here? Many investors ask.",
    "Is it time to sell {}?",
    "If yields fall, pension funds may buy {}.",
    "Had we bought {} in March, we would have made 10 %.",
    "Buying {} after this rally would be a mistake.",
    "Hedge funds are short {}.",
    "Analysts at UBS advise clients to sell {}.",
    "Demand to buy {} remains strong among insurers.",
    "Some investors prefer to sell {} on rallies.",
    "The question is whether to buy {} or wait.",
    "We would never short {}.",
    "Index funds will have to buy {} at the close.",
    "Long {} positions were cut last month.",
]
ADAGES_AND_NAMELESS = [
    "Buy the rumour, sell the fact.",
    "Sell in May and go away.",
    "The ECB should cut rates in June.",
    "Japanese lifers are expected to sell foreign bonds and buy JGBs in the new fiscal year.",
    "Exporters should hedge dollar revenues, the survey says.",
    "Tariffs could cut Nvidia's margins.",
    "Would you buy gold here? Many investors ask.",
]


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("frame", INSTRUCTIONS_EN)
def test_an_instruction_to_us_on_a_named_target_blocks_without_a_size(
    frame: str, target: str
) -> None:
    """Imperative, recommendation, modal, passive, suggestion: each asks us to trade."""
    assert blocked(frame.format(target))


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("frame", COMMENTARY_EN)
def test_the_same_words_for_others_the_past_or_a_view_pass(frame: str, target: str) -> None:
    """Third parties, history, negations, questions, static views and infinitives pass."""
    assert not blocked(frame.format(target))


@pytest.mark.parametrize("text", ADAGES_AND_NAMELESS)
def test_adages_and_actions_on_no_named_target_pass(text: str) -> None:
    """An adage, a policy maker's move or a modifier ("dollar revenues") names no target."""
    assert not blocked(text)


TARGETS_DE = ["SAP", "Siemens", "Gold", "Bund-Future", "EUR/USD", "Aktien"]
INSTRUCTIONS_DE = [
    "Wir sollten {} auf diesem Niveau aufstocken.",
    "Es empfiehlt sich, {} jetzt zu verkaufen.",
    "Wir empfehlen, {} zu kaufen.",
    "Kaufen Sie {}.",
    "Verkaufen Sie {} jetzt.",
    "{} kaufen.",
    "Sie sollten {} verkaufen.",
    "Anleger sollten {} kaufen.",
    "Es ist ratsam, {} zu verkaufen.",
    "Trennen Sie sich von {}.",
    "Unsere Empfehlung: {} kaufen.",
    "Top-Idee für uns: long {}.",
    "{} sollte verkauft werden.",
    "{} ist zu verkaufen.",
    "Wir raten unseren Mandanten zum Einstieg in {}.",
    "Wir empfehlen den Kauf von {}.",
    "Stocken Sie {} auf.",
    "Steigen Sie bei {} ein.",
    "Positionen in {} sind vor der EZB-Sitzung zu reduzieren.",
]
COMMENTARY_DE = [
    "Analysten raten zum Kauf von {}.",
    "Strategen empfehlen, {} zu kaufen.",
    "Pensionskassen haben zum Quartalsende {} verkauft und Anleihen gekauft.",
    "Wir haben {} im letzten Jahr gekauft.",
    "Wir empfehlen nicht, {} zu kaufen.",
    "Dies ist keine Empfehlung, {} zu kaufen.",
    "Wir sind bei {} konstruktiv.",
    "Ausländische Investoren verkauften {}.",
    "Hedgefonds sind short {}.",
    "Sollte man {} jetzt kaufen? Die Daten sind gemischt.",
    "Falls die Renditen fallen, könnten Versicherer {} kaufen.",
    "Die Nachfrage, {} zu kaufen, bleibt hoch.",
    "Indexfonds müssen {} zum Schlusskurs kaufen.",
    "Der Kauf von {} durch die Notenbank wurde im Mai gemeldet.",
    "{} ist schwer zu verkaufen.",
    "{} ist nicht zu verkaufen.",
]
NAMELESS_DE = [
    "Die EZB sollte die Zinsen senken.",
    "Wir sollten Risiken reduzieren.",
    "Unternehmen sollten Risiken reduzieren.",
    "Exporteure sichern Dollar-Erlöse ab.",
]


@pytest.mark.parametrize("target", TARGETS_DE)
@pytest.mark.parametrize("frame", INSTRUCTIONS_DE)
def test_german_instructions_on_a_named_target_block(frame: str, target: str) -> None:
    """Sie-Imperativ, Empfehlung, Modalverb, Infinitiv-Anweisung, Passiv: all ask us."""
    assert blocked(frame.format(target))


@pytest.mark.parametrize("target", TARGETS_DE)
@pytest.mark.parametrize("frame", COMMENTARY_DE)
def test_german_commentary_on_a_named_target_passes(frame: str, target: str) -> None:
    """Dritte, Vergangenheit, Verneinung, Frage, Bedingung und Haltung: no instruction."""
    assert not blocked(frame.format(target))


@pytest.mark.parametrize("text", NAMELESS_DE)
def test_german_actions_on_no_named_target_pass(text: str) -> None:
    """German capitalises every noun: a common noun is no named target of a weaker verb."""
    assert not blocked(text)


TARGETS_FR_ES = ["LVMH", "TotalEnergies", "EUR/USD", "l'or", "Iberdrola", "oro"]
INSTRUCTIONS_FR_ES = [
    "Nous recommandons d'acheter {}.",
    "Il serait judicieux d'alléger {} dès maintenant.",
    "{} est à vendre sur ces niveaux.",
    "Nous conseillons à nos clients de prendre une position longue sur {}.",
    "Vendez {} maintenant.",
    "Recomendamos comprar {}.",
    "Conviene vender {} antes del dato de IPC.",
    "Es recomendable ponerse corto en {}.",
    "Se debe reducir {} antes de la reunión del BCE.",
    "Deberíamos aumentar la exposición a {}.",
]
COMMENTARY_FR_ES = [
    "Les fonds de pension ont vendu {} en mai.",
    "Nous avons acheté {} l'an dernier.",
    "Ceci n'est pas un conseil d'achat de {}.",
    "Faut-il acheter {} maintenant ?",
    "{} est difficile à vendre dans ce marché.",
    "Los fondos vendieron {} en mayo.",
    "Esto no es un consejo para comprar {}.",
    "Si los tipos bajan, las aseguradoras podrían comprar {}.",
]


@pytest.mark.parametrize("target", TARGETS_FR_ES)
@pytest.mark.parametrize("frame", INSTRUCTIONS_FR_ES)
def test_french_and_spanish_instructions_on_a_named_target_block(frame: str, target: str) -> None:
    """Recommandation, impératif, passif d'obligation; recomendación, «conviene», «se debe»."""
    assert blocked(frame.format(target))


@pytest.mark.parametrize("target", TARGETS_FR_ES)
@pytest.mark.parametrize("frame", COMMENTARY_FR_ES)
def test_french_and_spanish_commentary_on_a_named_target_passes(frame: str, target: str) -> None:
    """Tiers, passé (« nous avons acheté »), négation, question, description."""
    assert not blocked(frame.format(target))


ORDERS_AS_NOUNS_AND_JARGON = [
    "Lift the offer on 120 NQH6 up to 18,250.",
    "FOMC day and the day after Lift the offer on 120 NQH6 up to 18,250.",
    "Pay 5y SOFR swaps, 75k DV01, at 3.85%.",
    "Receive 10y, 50k DV01, at 3.60%.",
    "Pay 2s10s, 100k a bp.",
    "Hit the bid on 300 ESH6 at 5,100.",
    "Reminder from the PM chat: lift 50 NQH6 offers when the desk opens.",
    "A block of 12k GCJ7 gets our vote.",
    "Kauf von 120 Siemens zu 176 limitiert.",
    "Verkauf 20 SAP bestens zur Eröffnung.",
    "Achat de 120 titres LVMH à 705 €.",
    "Compra de 50 acciones de Iberdrola a 12,3 €, limitada.",
]
JARGON_DESCRIBED = [
    "Paid 5y at 3.85 last week, dealers said.",
    "Dealers hit the bid on TLT all morning.",
    "Real money paid 5y SOFR swaps all week.",
    "Receivers in 10y were crowded.",
    "Investors pay a premium for TLT calls.",
    "Pay attention to TLT flows.",
    "Bondholders receive coupons twice a year.",
    "The ECB will lift rates again in June.",
    "Higher yields hit TLT hard.",
    "A block of shares changed hands at the close.",
    "Tariffs could hit trade flows and lift inflation.",
    "After Buy-rated stocks fell, analysts cut targets.",
    "Der Kauf von 120 Siemens durch den Vorstand wurde im Mai gemeldet.",
]


@pytest.mark.parametrize("text", ORDERS_AS_NOUNS_AND_JARGON)
def test_orders_written_as_nouns_or_trader_jargon_block(text: str) -> None:
    """A complete order as a noun phrase, a swap side with its DV01, a lifted offer."""
    assert blocked(text)


@pytest.mark.parametrize("text", JARGON_DESCRIBED)
def test_the_same_jargon_of_others_or_the_past_passes(text: str) -> None:
    """The same words for dealers, the past, a policy maker or a price move pass."""
    assert not blocked(text)
