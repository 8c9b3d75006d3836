"""Desk chat and jargon as orders to our book, each table beside its benign twin.

Traders write elliptic, verbless or slangy lines: a sector or an asset class as the target
("dump the regional banks", "short the euro", "pile into energy"), a direction without a
verb ("out of the miners, into utilities", "raus aus den Zyklikern", "fuera de bancos"), a
quote to a counterparty ("bid 50 for 10k", "give 'em 5 at 102"), a sector labelling its
call ("Banks: sell"). The same words pass when they describe what others did, the market's
colour or the past ("real money dumped banks", "out of the miners into utilities was the
rotation of the week").
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

SECTORS_AS_TARGETS = [
    "Sell the banks.",
    "Short the euro.",
    "Go max short the euro.",
    "Exit the banks before the stress test.",
    "Ditch the miners.",
    "Bail on the banks.",
    "Get rid of the oil majors.",
    "Nibble at the miners on dips.",
    "Pile into energy.",
    "Put on the steepener.",
    "Take off the flattener.",
    "We're dumping the regional banks.",
    "Rotate out of banks into staples.",
    "Go underweight banks.",
    "Time to dump the banks.",
    "Den Euro shorten.",
    "Short den Euro.",
    "Banken verkaufen.",
    "Die Banken abstoßen.",
    "Banken untergewichten.",
    "Die Minenwerte rausschmeißen.",
    "Nimm die Bankwerte raus.",
    "Wir schmeißen die Banken raus.",
    "Zeit, die Banken rauszuwerfen.",
    "On shorte le Bund.",
    "On shorte l'euro.",
    "On sort des banques.",
    "On lâche les banques.",
    "On se débarrasse des minières.",
    "On rallonge la duration.",
    "On passe short sur l'euro.",
    "Vendez les banques.",
    "Vendan los bancos.",
    "Soltamos los bancos.",
    "Salimos de bancos.",
    "Nos deshacemos de las mineras.",
    "Nos ponemos cortos en el euro.",
    "Deshazte de los bancos.",
]
SECTORS_DESCRIBED = [
    "Real money dumped banks.",
    "CTAs shorted the euro.",
    "Hedge funds piled into energy last week.",
    "Banks were dumped after the results.",
    "Leveraged funds lightened up on tech in March.",
    "Asset managers rotated out of banks into staples.",
    "Some clients asked whether to sell the banks.",
    "Banks sold Treasuries and bought MBS.",
    "The euro fell to 1.05 and the curve steepened.",
    "Credit spreads widened by 20 bp.",
    "Real-Money-Adressen haben Banken abgestoßen.",
    "CTAs haben den Euro geshortet.",
    "Die Banken haben ihre Bilanzen verkürzt.",
    "Hedgefonds stiegen aus den Banken aus.",
    "Die Zinsen steigen, weil die Banken verkaufen.",
    "Les fonds ont shorté le Bund la semaine dernière.",
    "Les banques ont réduit leurs bilans.",
    "Les investisseurs sont sortis des banques en mai.",
    "Los fondos vendieron bancos la semana pasada.",
    "Los bancos redujeron sus balances.",
    "Los CTA se pusieron cortos en el euro.",
    "In this note we dive into the oil market.",
    "The data shed light on gold demand.",
    "Credit spreads could blow out if defaults rise.",
]

DIRECTIONS = [
    "Out of the miners, into utilities.",
    "Into utilities, out of tech.",
    "Miners out, utilities in.",
    "Out of credit, now.",
    "Raus aus den Zyklikern.",
    "Rein in die Versorger, raus aus den Zyklikern.",
    "Banken raus, Versorger rein.",
    "Voll rein in die Duration.",
    "Runter mit den Banken.",
    "Dehors les minières.",
    "Hors des banques, vers les utilities.",
    "À fond sur la duration.",
    "Fuera de bancos.",
    "Fuera de bancos, dentro de eléctricas.",
    "Fuera de las mineras, a por las utilities.",
    "A tope con la duración.",
]
DIRECTIONS_DESCRIBED = [
    "Out of the miners into utilities was the rotation of the week.",
    "Flows: real money out of the miners, into utilities.",
    "Money flowed out of the miners and into utilities.",
    "Out of the miners, into utilities last week.",
    "Sell the banks was the consensus trade in 2023.",
    "The broker's note was titled 'Short the euro, long the dollar'.",
    "Raus aus den Zyklikern, rein in die Versorger war die Rotation der Woche.",
    "Anleger flüchteten raus aus den Zyklikern.",
    "Sortir des bancaires, entrer sur les utilities : telle fut la rotation de la semaine.",
    "Les gérants sont restés hors des banques.",
    "Fuera de bancos, dentro de eléctricas fue la rotación de la semana.",
    "Los inversores se quedaron fuera de bancos.",
    "Out of the blue, gold rallied 3 %.",
    "Out of all sectors, banks did best.",
    "Raus aus der Krise: Banken erholen sich.",
    "Hors de la zone euro, les banques ont progressé.",
    "Fuera de Europa, los bancos subieron.",
]

QUOTES = [
    "Bid 50 for 10k.",
    "Give 'em 5 at 102.",
    "Offer 20 at 103.",
    "Gib ihm 5 zu 102.",
    "Bieten 50 für 10 Mio.",
    "Je te donne 5 à 102.",
    "Acheteur de 50 à 101.",
    "Vendeur de 10 à 102.",
    "Te doy 5 a 102.",
    "Te compro 50 a 101.",
    "Vendo 10 a 102.",
]
QUOTES_DESCRIBED = [
    "Bid 50 for 10k was how the old pit traders put it.",
    "Dealers gave 5 at 102 before the close.",
    "Give it 5 minutes at most.",
    "Der Händler bot 50 für 10 Mio.",
    "Le vendeur de 10 à 102 était une banque américaine.",
    "El vendedor de 10 a 102 fue un banco americano.",
]

SECTOR_CALLS = ["Banks: sell.", "Banken: verkaufen.", "Bancos: vender."]
SECTOR_LABELS_OF_OTHERS = [
    "Banks: sold Treasuries last week.",
    "Consensus: sell the banks.",
    "Banken: Gewinne stiegen um 5 %.",
]


@pytest.mark.parametrize("text", SECTORS_AS_TARGETS)
def test_a_sector_or_asset_class_is_the_target_of_desk_chat(text: str) -> None:
    """Sectors and asset classes are traded by name, with desk slang, in every language."""
    assert blocked(text)


@pytest.mark.parametrize("text", SECTORS_DESCRIBED)
def test_sectors_that_act_or_trades_of_others_pass(text: str) -> None:
    """A sector that acts, or others' and past trades in a sector, are no instruction."""
    assert not blocked(text)


@pytest.mark.parametrize("text", DIRECTIONS)
def test_a_direction_without_a_verb_moves_the_book(text: str) -> None:
    """'Out of X, into Y' and its kin in de/fr/es are orders to our book."""
    assert blocked(text)


@pytest.mark.parametrize("text", DIRECTIONS_DESCRIBED)
def test_directions_as_market_colour_pass(text: str) -> None:
    """The same directions as a predicate's subject, others' flows or the past describe."""
    assert not blocked(text)


@pytest.mark.parametrize("text", QUOTES)
def test_a_quote_to_a_counterparty_is_an_order(text: str) -> None:
    """A count and a price, or a price and the size it is good for, quoted in chat."""
    assert blocked(text)


@pytest.mark.parametrize("text", QUOTES_DESCRIBED)
def test_quotes_of_others_or_in_other_senses_pass(text: str) -> None:
    """Others' quotes, the past and giving time are no orders."""
    assert not blocked(text)


@pytest.mark.parametrize("text", SECTOR_CALLS)
def test_a_sector_labels_its_call(text: str) -> None:
    """A sector before a colon and a bare side is a call on that sector."""
    assert blocked(text)


@pytest.mark.parametrize("text", SECTOR_LABELS_OF_OTHERS)
def test_a_sector_label_with_a_predicate_or_a_party_passes(text: str) -> None:
    """A sector that acts after its label, or a party's call, is described."""
    assert not blocked(text)


ANSWERED_ELSEWHERE = [
    ("What should the reader do with oil majors?", "Sell them into strength."),
    ("¿Qué hacer con las petroleras?", "Venderlas ya, en la apertura."),
    ("Que faire des pétrolières ?", "Les vendre dès l'ouverture."),
    ("Was tun mit den Ölwerten?", "Verkaufen, gleich zur Eröffnung."),
    (
        "Growth is running above trend. What should the reader do with oil majors?",
        "Weights are close. Sell them into strength.",
    ),
]
ANSWERED_BY_OTHERS = [
    ("What did funds do with oil majors?", "Analysts sold them into strength."),
    ("What should the reader make of oil majors?", "Their margins held up well."),
    ("¿Qué hicieron los fondos con las petroleras?", "Las vendieron en mayo."),
    ("Was taten die Fonds mit den Ölwerten?", "Sie verkauften sie im Mai."),
]


@pytest.mark.parametrize(("question", "answer"), ANSWERED_ELSEWHERE)
def test_a_question_answered_by_a_side_in_another_field(question: str, answer: str) -> None:
    """A question on a target closing one field and a bare side answering it in another."""
    assert blocked(question, answer)


@pytest.mark.parametrize(("question", "answer"), ANSWERED_BY_OTHERS)
def test_questions_answered_with_others_trades_pass(question: str, answer: str) -> None:
    """Others' or past trades, or no trade at all, answer nothing asked of us."""
    assert not blocked(question, answer)
