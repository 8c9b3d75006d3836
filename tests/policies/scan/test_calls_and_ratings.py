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


DESK_CHAT = [
    "pls work 50 EURUSD at 1.0992",
    "working a bid for 20 ESZ6",
    "we're a buyer of 50k",
    "offer 100 at 101.5",
    "bid 50 at 99.25",
    "we bought 200 ESM6 at 6,180 this morning and would do it again here",
    "Wir haben 200 SAP zu 176 gekauft und würden es wieder tun.",
    "Compramos 200 Iberdrola a 12,30 ayer y lo volveríamos a hacer.",
]
DESK_CHAT_DESCRIBED = [
    "Tariffs work their way into prices at 3%.",
    "Dealers are working a bid for 20 ESZ6.",
    "Japanese lifers bid for JGBs.",
    "The ECB will cut 25 at the next meeting.",
    "Unemployment rose 50k in May.",
    "Payrolls added 150k.",
    "We bought Nvidia last year.",
    "We bought Nvidia last week and would never do it again.",
    "We're watching Nvidia closely.",
]


@pytest.mark.parametrize("text", DESK_CHAT)
def test_desk_chat_orders_and_trades_endorsed_for_now_block(text: str) -> None:
    """A worked order, a bid, a size in chat, a count at a price; a past trade of ours that
    we would do again is advice for now."""
    assert blocked(text)


@pytest.mark.parametrize("text", DESK_CHAT_DESCRIBED)
def test_the_same_desk_words_of_others_or_of_history_pass(text: str) -> None:
    """Dealers' bids, macro figures with scales, a rate cut, pure history, a refused repeat."""
    assert not blocked(text)


PURPOSES_AND_LABELS = [
    "Aprovechar las caídas para comprar {}.",
    "Aprovechen las caídas para comprar {}.",
    "Profitez des replis pour acheter {}.",
    "Profiter des replis pour acheter {}.",
    "Rücksetzer zum Kauf von {} nutzen.",
    "Wir nutzen Rücksetzer zum Kauf von {}.",
    "Our advice on {}: sell it before earnings.",
    "Notre conseil sur {} : la vendre avant la BCE.",
    "Nuestro consejo sobre {}: venderla antes del BCE.",
]
PURPOSES_DESCRIBED = [
    "Los fondos aprovecharon las caídas para comprar {}.",
    "Les fonds ont profité des replis pour acheter {}.",
    "Las aseguradoras esperan las caídas para comprar {}.",
    "Die Fonds nutzen Rücksetzer zum Kauf von {}.",
    "Rücksetzer wurden zum Kauf von {} genutzt.",
    "Rücksetzer nicht zum Kauf von {} nutzen.",
    "Analysten raten zum Kauf von {}.",
    "UBS on {}: sell it.",
    "Our view on {}: it is expensive.",
]


@pytest.mark.parametrize("name", ["Siemens", "LVMH", "Iberdrola"])
@pytest.mark.parametrize("frame", PURPOSES_AND_LABELS)
def test_purposes_of_an_infinitive_and_advice_pointing_back_block(frame: str, name: str) -> None:
    """The infinitive house style with its purpose ("para comprar", "pour acheter", "zum
    Kauf von"); advice on a labelled target whose pronoun points back to it."""
    assert blocked(frame.format(name))


@pytest.mark.parametrize("name", ["Siemens", "LVMH", "Iberdrola"])
@pytest.mark.parametrize("frame", PURPOSES_DESCRIBED)
def test_purposes_of_others_and_views_pass(frame: str, name: str) -> None:
    """Others' purposes, the past, a negation, others' advice, a view."""
    assert not blocked(frame.format(name))


LEVELS = [
    "Nivel de entrada en bono español a 10 años: 3.25.",
    "Stop sur les actions européennes à 480.",
    "Tomar ganancias en Iberdrola en 57,10.",
]
LEVELS_DESCRIBED = [
    "Ein Ausstieg aus Anleihen wäre bei 3 % Rendite ein Fehler, meinen Analysten.",
    "El nivel de entrada en bono español fue 3.25 el año pasado.",
]


@pytest.mark.parametrize("text", LEVELS)
def test_levels_past_a_postposed_adjective_block(text: str) -> None:
    """An entry, stop or take-profit whose target carries its adjective after it."""
    assert blocked(text)


@pytest.mark.parametrize("text", LEVELS_DESCRIBED)
def test_levels_described_pass(text: str) -> None:
    """A German verb after the noun, a level in the past."""
    assert not blocked(text)


ADVICE_TO_THE_READER = [
    "The robo-advisor's suggested action for your account: sell Nvidia now.",
    "Wir empfehlen eine Verlängerung der Duration bei Bundesanleihen.",
    "Wir empfehlen bei den Bundesanleihen eine Verlängerung der Duration noch vor der EZB-Sitzung.",
    "Nous recommandons un allongement de la duration sur l'OAT.",
]
ADVICE_TO_OTHERS = [
    "UBS advised its clients to sell Nvidia.",
    "UBS suggested to its clients that they buy Nvidia.",
    "Die EZB beschloss eine Verlängerung der Duration ihrer Anleihekäufe.",
    "Eine Verlängerung der Duration hat sich 2023 nicht ausgezahlt.",
    "Analysten empfehlen eine Verlängerung der Duration.",
    "La Fed prévoit un allègement de son bilan.",
]


@pytest.mark.parametrize("text", ADVICE_TO_THE_READER)
def test_advice_for_the_reader_and_nominal_changes_of_a_holding_block(text: str) -> None:
    """An advisor's suggestion for "your account", a change of a holding as a noun under
    our recommendation."""
    assert blocked(text)


@pytest.mark.parametrize("text", ADVICE_TO_OTHERS)
def test_advice_to_others_and_changes_described_pass(text: str) -> None:
    """A broker's clients, a central bank, the past, analysts."""
    assert not blocked(text)


SPLITS = [
    ("Wir empfehlen bei den Bundesanleihen", "eine Verlängerung der Duration vor der EZB-Sitzung."),
    ("Notre conseil sur l'OAT 10 ans :", "la vendre avant la BCE."),
]
SPLITS_DESCRIBED = [
    ("Analysten empfehlen bei den Bundesanleihen", "keine Verlängerung der Duration."),
    ("Le conseil de UBS sur l'OAT 10 ans :", "la vendre avant la BCE, selon la banque."),
]


@pytest.mark.parametrize(("head", "tail"), SPLITS)
def test_a_call_split_between_its_target_and_its_action_blocks(head: str, tail: str) -> None:
    """One field names the target or recommends, the continuation in another acts."""
    assert blocked(head, tail)


@pytest.mark.parametrize(("head", "tail"), SPLITS_DESCRIBED)
def test_a_split_call_of_others_or_refused_passes(head: str, tail: str) -> None:
    """Analysts' advice refused, a bank's advice attributed."""
    assert not blocked(head, tail)
