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
    "Euro short, dollar long.",
    "Bund long, BTP short.",
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
    "Short euro, long dollar was last year's consensus trade.",
    "Euro short, dollar long was the crowded trade.",
    "CFTC positioning: euro short, yen long.",
    "Hedge funds: euro short, dollar long.",
    "Specs are euro short, yen long.",
]

DESK_AS_BUYER_OR_SELLER = [
    "We're buyers of 20m OATs up to 3.40.",
    "Wir sind Käufer von 20 Mio. Bunds bis 2,62.",
    "On est acheteurs de 20 M d'OAT 2035 jusqu'à 3,40, discrètement.",
    "Somos compradores de 10 millones de bonos 2035 hasta el 3,15, sin hacer ruido.",
    "Die Dezember-Futures weg damit.",
]
OTHERS_AS_BUYERS_OR_SELLERS = [
    "Real money were buyers of OATs last week.",
    "Die Pensionskassen waren Käufer von Bunds.",
    "Les assureurs sont acheteurs de duration depuis mai.",
    "Los fondos eran compradores de bonos en 2021.",
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

SECTOR_CALLS = [
    "Banks: sell.",
    "Banken: verkaufen.",
    "Bancos: vender.",
    "Banks: out.",
    "Banken: raus.",
    "Bancos: fuera.",
    "Banques : dehors.",
    "Miners: add on dips.",
    "Duration: max long.",
    "Euro: short it.",
]
SECTOR_LABELS_OF_OTHERS = [
    "Banks: sold Treasuries last week.",
    "Consensus: sell the banks.",
    "Banken: Gewinne stiegen um 5 %.",
    "Banks: out of favour since May.",
    "Gold: in demand all year.",
    "Miners: added 3 % last week.",
    "Energy: adds to inflation.",
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


COUNTERPARTY_QUOTES = [
    "Mine 300 TY at 110-16, cheers.",
    "Yours 20 FESX at 4,910, we're flat after that.",
    "Give me 50 Bunds at 131.20.",
    "Meins 50 FDAX bei 19.850.",
    "Nimm mir 50 FDAX bei 19.850, danke dir.",
    "Gib mir 20 Bunds 2035 bis 2,62, aber leise.",
    "Je te prends 200 FCE à 7 450, merci.",
    "Donne-moi 30 OAT à 101,2.",
    "Mío 50 futuros Ibex a 12.050, gracias.",
    "Dame 20 bonos a 98,5.",
]
COUNTERPARTY_QUOTES_DESCRIBED = [
    "Mine output rose 300 tonnes at the Escondida site.",
    "Yours truly expects 20 basis points at the next meeting.",
    "Der Händler nahm 50 FDAX bei 19.850.",
    "Le courtier a pris 200 FCE à 7 450.",
    "La mesa compró 50 futuros a 12.050 en 2021.",
]
GET_ME_OUT = [
    "Get me out of the Schatz, whatever the screen says.",
    "Sors-moi du Bund, peu importe l'écran.",
    "Sácame de los futuros del Ibex, me da igual el precio.",
    "Hol mich raus aus dem Bund-Future.",
]
GET_ME_OUT_DESCRIBED = [
    "The client asked us to get him out of the Schatz last week.",
    "Le client est sorti du Bund en mai.",
    "El cliente pidió salir de los futuros del Ibex en mayo.",
]
INFORMAL_STEPS = [
    "Envoie le panier chez Kepler, en VWAP jusqu'à la clôture.",
    "Manda la cesta a Renta 4, a VWAP hasta el cierre.",
    "Schick den Korb an den Broker.",
    "El backtest ya está, pon el modelo en real el lunes.",
    "Backtest ist durch, schalt das Ding Montag scharf.",
]
INFORMAL_STEPS_DESCRIBED = [
    "Kepler envoie le panier à la bourse chaque soir.",
    "Renta 4 manda las órdenes al mercado.",
    "Die Kurse fielen scharf nach den Daten.",
    "El banco puso su modelo en real en 2022.",
]


@pytest.mark.parametrize("text", COUNTERPARTY_QUOTES)
def test_a_quote_to_a_counterparty_with_what_it_counts_is_an_order(text: str) -> None:
    """'Mine', 'yours', 'give me', 'nimm mir', 'je te prends', 'mío': a count and a price."""
    assert blocked(text)


@pytest.mark.parametrize("text", COUNTERPARTY_QUOTES_DESCRIBED)
def test_the_same_words_as_output_or_others_trades_pass(text: str) -> None:
    """A mine's output, a letter's close, others' and past trades are no quotes."""
    assert not blocked(text)


@pytest.mark.parametrize("text", GET_ME_OUT)
def test_get_me_out_is_an_exit_of_our_book(text: str) -> None:
    """'Get me out of X' said to the desk, in every language."""
    assert blocked(text)


@pytest.mark.parametrize("text", GET_ME_OUT_DESCRIBED)
def test_a_clients_past_exit_passes(text: str) -> None:
    """A client's request in the past is history."""
    assert not blocked(text)


@pytest.mark.parametrize("text", INFORMAL_STEPS)
def test_informal_imperatives_send_orders_and_switch_to_live(text: str) -> None:
    """The desk's 'du'/'tu' sends the basket or puts the model live."""
    assert blocked(text)


@pytest.mark.parametrize("text", INFORMAL_STEPS_DESCRIBED)
def test_brokers_routines_and_past_switches_pass(text: str) -> None:
    """A broker's routine, a sharp fall and a past switch are described."""
    assert not blocked(text)


@pytest.mark.parametrize("text", DESK_AS_BUYER_OR_SELLER)
def test_the_desk_as_a_buyer_or_seller_is_an_order(text: str) -> None:
    """'We're buyers of …', 'on est acheteurs de …', 'somos compradores de …' with a size."""
    assert blocked(text)


@pytest.mark.parametrize("text", OTHERS_AS_BUYERS_OR_SELLERS)
def test_others_as_buyers_or_sellers_pass(text: str) -> None:
    """Others who bought, or buy as a habit, are described."""
    assert not blocked(text)
