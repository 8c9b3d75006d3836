"""Clipped desk chat: the verb, the article or the target left out, and still an order.

Traders drop what the reader can supply: a side and a currency's code ("Short EUR."), a
side and an asset class read as one term ("Long duration here."), the subject of a side
("Let's short the euro."), the price of a quote ("Gimme 20 ES."), the object of a closing
step when it is the whole book ("Flat by the close.", "On coupe tout.", "Nos salimos.").
The same words pass as a heading, as a noun phrase with its own predicate, as others'
trades, in the past, or where the count is of something no market trades.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

CURRENCY_CODES = [
    "Short EUR.",
    "Long JPY here.",
    "Sell USD into the payrolls.",
    "We should sell CHF.",
    "Short GBP, long EUR.",
]
CURRENCY_CODES_DESCRIBED = [
    "EUR 5m of notional changed hands.",
    "The EUR weakened after the ECB.",
    "Exporters sold USD forward last week.",
    "Short EUR was the crowded trade last year.",
    "USD strength hurt exporters.",
]

SIDE_TERMS = [
    "Long duration here.",
    "Long duration.",
    "Short duration into the print.",
    "Max long duration.",
    "Long bonds.",
]
SIDE_TERMS_DESCRIBED = [
    "Long duration has been a painful trade.",
    "Long duration bonds rallied.",
    "Short duration funds saw inflows.",
    "We were long duration in 2022.",
    "## Long duration",
    "Long duration: the long end rallied 20 bp.",
]

FIRST_PERSON_SIDES = [
    "Let's short the euro.",
    "Let's long gold.",
    "We short the euro here.",
    "All in on gold here.",
    "All in on duration.",
]
FIRST_PERSON_SIDES_DESCRIBED = [
    "Our short EUR position was stopped out.",
    "Our long gold position has done well.",
    "Hedge funds are all in on gold.",
    "Markets are all in on a June cut.",
    "Retail went all in on tech in 2021.",
]

UNPRICED_QUOTES = [
    "Gimme 20 ES.",
    "Give me 50 Bunds.",
    "Mine 300 TY.",
    "Gib mir 20 FDAX.",
    "Hol mir 10 Bund-Future.",
    "Dame 20 futuros del Ibex.",
    "Passe-moi 20 FCE.",
]
UNPRICED_QUOTES_DESCRIBED = [
    "Give me 5 minutes to explain.",
    "Give me a break.",
    "Mine 300 tonnes.",
    "Mine 300 GW of new capacity.",
    "Dame 20 minutos.",
    "Pago 20 euros.",
]

WHOLE_BOOK_EXITS = [
    "Flat by the close.",
    "Go flat into the print.",
    "Square up before payrolls.",
    "Alles glattstellen.",
    "Glatt zum Close.",
    "Komplett raus.",
    "On coupe tout.",
    "On se met à plat avant la BCE.",
    "Nos salimos.",
    "Nos salimos del oro.",
    "Cerramos todo antes del cierre.",
]
WHOLE_BOOK_EXITS_DESCRIBED = [
    "The index finished flat by the close.",
    "Oil went flat after the OPEC headline.",
    "Dealers square up before month-end.",
    "Hedgefonds stellten bis zum Schluss glatt.",
    "La BCE coupe tout espoir de baisse.",
    "Los fondos se salieron del oro en mayo.",
    "Cerramos todo el análisis con un escenario.",
]


@pytest.mark.parametrize(
    "text", CURRENCY_CODES + SIDE_TERMS + FIRST_PERSON_SIDES + UNPRICED_QUOTES + WHOLE_BOOK_EXITS
)
def test_clipped_desk_chat_is_an_order(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize(
    "text",
    CURRENCY_CODES_DESCRIBED
    + SIDE_TERMS_DESCRIBED
    + FIRST_PERSON_SIDES_DESCRIBED
    + UNPRICED_QUOTES_DESCRIBED
    + WHOLE_BOOK_EXITS_DESCRIBED,
)
def test_the_same_words_described_headed_or_counting_other_things_pass(text: str) -> None:
    assert not blocked(text)


NUMBERED_LEVELS = [
    "tp1 2450 / tp2 2500 on the gold long.",
    "EURUSD short, tp1 1.07, tp2 1.06.",
    "SL1 2290 on gold.",
    "Move SL to BE on gold.",
    "Stop at BE.",
]
NUMBERED_LEVELS_DESCRIBED = [
    "Analysts' target 1 is 2,450 for gold.",
    "Tier 1 capital rose to 14 %.",
    "The stop has to be moved.",
    "THE STOP HAS TO BE MOVED.",
    "Our stop went to BE last week.",
]


@pytest.mark.parametrize("text", NUMBERED_LEVELS)
def test_numbered_targets_and_breakeven_are_levels(text: str) -> None:
    """'tp1', 'SL1', and 'BE' in capitals after a level's link: levels of chat."""
    assert blocked(text)


@pytest.mark.parametrize("text", NUMBERED_LEVELS_DESCRIBED)
def test_others_targets_tiers_and_the_verb_be_pass(text: str) -> None:
    assert not blocked(text)


DIALOGUES = [
    "A: we trimming gold? B: yes, half.",
    "A: are we adding to Bunds? B: yep, do it.",
    "A: cut the miners? B: yes, all of it.",
    "Händler: Wir reduzieren Gold? PM: Ja, die Hälfte.",
    "PM: on allège l'or ? — Stratégiste : oui, tout de suite.",
    "¿Recortamos el oro? — Vale.",
    "Should we keep the banks? No, sell them now.",
    "Gérant : on garde les banques ? — Stratégiste : non, on allège tout de suite.",
]
DIALOGUES_OF_OTHERS = [
    "A: did CTAs sell gold? B: yes.",
    "A: should CTAs cut gold? B: yes.",
    "A: are we trimming gold? B: no.",
    "Are Chinese households buying gold? Yes, record amounts.",
    "Are central banks buying gold? Yes.",
    "Will pension funds sell Bunds? Yes, at quarter-end.",
    "A: what did the Fed do? B: it held rates.",
    "Should we keep the banks? No, they look cheap.",
    "Do banks keep gold? No, they sell it.",
    "What do the banks do with gold? They sell it.",
]


@pytest.mark.parametrize("text", DIALOGUES)
def test_a_trade_of_ours_proposed_and_answered_is_an_order(text: str) -> None:
    """Two desk voices: a question proposing our trade, a yes, or a no and the step."""
    assert blocked(text)


@pytest.mark.parametrize("text", DIALOGUES_OF_OTHERS)
def test_questions_on_others_the_past_or_refused_pass(text: str) -> None:
    assert not blocked(text)
