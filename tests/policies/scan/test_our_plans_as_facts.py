"""Our plans and decisions stated as facts or schedules: no modal, no imperative, the
present or the future of our book used as a decision. Each table has its commentary twin
(another fund or an index, the past, an undated habit, the market), which must pass.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

# Our book named as a product ("the fund", "der Fonds", "le fonds", "el fondo") or as
# "the desk", the subject of a step in the present, dated ahead or today.
BOOK_STEPS = [
    "This week the fund exits its last position in French banks.",
    "Tomorrow the fund cuts Nvidia to 2 % of the book.",
    "From next week the fund trims the miners by a third.",
    "On Monday the fund adds 2,000 Siemens shares.",
    "The fund rotates out of utilities into banks this week.",
    "From Monday, the fund hedges the dollar exposure of its US equities.",
    "The desk closes the Bund short at the open tomorrow.",
    "Tomorrow the portfolio sells its remaining Tesla shares.",
    "The fund will exit Tesla on Friday.",
    "Le fonds passe à 60 % d'actions dès lundi.",
    "Demain, le fonds vend 300 actions Tesla.",
    "Cette semaine, le fonds sort des banques françaises.",
]
BOOK_HABITS_AND_OTHERS = [
    "This week Norway's fund exits its last position in French banks.",
    "The sovereign fund exits French banks this week.",
    "The fund hedges its currency exposure.",
    "The fund exited its last position in French banks last week.",
    "Last week the fund cut its Nvidia line by half.",
    "From Monday the index drops its last French bank.",
    "Le fonds souverain passe à 60 % d'actions.",
    "Le fonds passait à 60 % d'actions en 2021.",
    "The fund does not exit French banks this week.",
]


@pytest.mark.parametrize("text", BOOK_STEPS)
def test_a_step_of_our_book_dated_ahead_blocks(text: str) -> None:
    """The present of our book's step, dated ahead or today, is a decision being carried out."""
    assert blocked(text)


@pytest.mark.parametrize("text", BOOK_HABITS_AND_OTHERS)
def test_others_funds_habits_and_the_past_pass(text: str) -> None:
    """Another fund, an index, a habit without a date, the past or a negation is commentary."""
    assert not blocked(text)


# A month dates a plan as a day does; it dates no level on its own ("stops were hit in
# October" is history).
MONTHS_AHEAD = [
    "From January the fund runs 2.5 times levered.",
    "Ab Januar ist das Portfolio in US-Technologiewerten short.",
    "À partir de janvier, la poche obligataire sera de 35 %.",
    "Desde enero la cartera tendrá un 35 % en bonos.",
]
MONTHS_OF_HISTORY = [
    "Gold hit a stop-loss cascade below 2,300 in October before recovering within a week.",
    "Im März 2020 lösten Stop-Loss-Orders eine Verkaufswelle im DAX aus.",
    "En agosto saltaron numerosos stops por debajo de los 10.500 puntos.",
    "In January the fund ran 2.5 times levered.",
    "From January the index holds three new members.",
]


@pytest.mark.parametrize("text", MONTHS_AHEAD)
def test_a_state_of_ours_from_a_month_blocks(text: str) -> None:
    """A month after a start dates a state of our book as a day does."""
    assert blocked(text)


@pytest.mark.parametrize("text", MONTHS_OF_HISTORY)
def test_months_of_history_pass(text: str) -> None:
    """A month beside a level tells when something happened; others' states pass."""
    assert not blocked(text)


# A limit or the leverage of our book (its owner "the fund", "des Fonds", "du fonds", "del
# fondo", "the fund's"), moved to a figure in the present: undated, a decision of ours.
OUR_LIMITS_MOVED = [
    "The fund's VaR limit is raised to 20 million.",
    "Leverage of the fund is increased to 2.5 times.",
    "The fund's leverage goes to 2.5 times.",
    "The portfolio's loss limit rises to 4 million.",
    "Das Risikobudget des Fonds steigt auf 5 %.",
    "Der Hebel des Fonds wird auf 2,5 erhöht.",
    "L'effet de levier du fonds est porté à 2,5 fois.",
    "La limite de perte du fonds passe à 4 millions.",
    "El apalancamiento del fondo sube a 2,5 veces.",
    "El límite de pérdidas del fondo se eleva a 4 millones.",
]
LIMITS_STATED_PAST_OR_OTHERS = [
    "The fund's leverage stands at 2.5 times.",
    "The fund's leverage is capped at 2 times.",
    "The fund's VaR limit was raised to 20 million last year.",
    "The sovereign fund's leverage goes to 2.5 times.",
    "The exchange's margin requirement is raised to 12 %.",
    "The fund's leverage does not go to 2.5 times.",
    "Der Hebel des Fonds lag bei 2,5.",
    "Der Hebel des Fonds ist auf 2 begrenzt.",
    "Der Hebel des Fonds wurde auf 2,5 erhöht.",
    "Der Hebel des Fonds stieg 2022 auf 2,5.",
    "La limite de perte du fonds est de 4 millions.",
    "Les limites de position du fonds sont fixées à 5 % de l'actif.",
    "La limite de perte du fonds souverain passe à 4 millions.",
    "Los límites del fondo están fijados en el 5 %.",
    "Le levier des fonds est monté à 5x.",
    "Le levier du fonds est monté à 5x.",
    "The fund's leverage has risen to 3x.",
    "Der Hebel des Fonds ist auf 3 gestiegen.",
]


@pytest.mark.parametrize("text", OUR_LIMITS_MOVED)
def test_a_limit_of_our_book_moved_blocks(text: str) -> None:
    """Our book's limit moved to a figure, in the present, is a change we make."""
    assert blocked(text)


@pytest.mark.parametrize("text", LIMITS_STATED_PAST_OR_OTHERS)
def test_limits_stated_past_or_of_others_pass(text: str) -> None:
    """A limit stated or fixed (a rule in force), moved in the past, another fund's, or
    negated is commentary."""
    assert not blocked(text)


# A first person plural present and past alike ("cerramos", "pasamos"), or a French or
# German present of ours, in a sentence dated ahead or today: the present of a decision.
WE_DATED = [
    "Mañana cerramos la posición en Inditex.",
    "A partir de enero pasamos al 45 % en renta variable.",
    "El lunes ampliamos la posición en BBVA en 5.000 acciones.",
    "Esta semana salimos de los bancos franceses.",
    "En janvier, nous passons à 50 % d'actions, 40 % d'obligations et 10 % d'or.",
    "Dès lundi, nous passons à 60 % d'actions.",
    "Ab Januar gehen wir auf 50 % Aktien.",
    "From January we move to 50 % equities.",
]
WE_IN_THE_PAST = [
    "En 2022 pasamos al 45 % en renta variable.",
    "El año pasado cerramos la posición en Inditex.",
    "El año pasado ampliamos la posición en BBVA.",
    "El BCE amplía su programa de compras.",
    "En 2019, nous passions à 50 % d'actions.",
    "L'inflation passe à 3 % en janvier.",
    "En enero el índice pasa al 45 % en renta variable.",
]


@pytest.mark.parametrize("text", WE_DATED)
def test_our_present_dated_ahead_blocks(text: str) -> None:
    """A time ahead or of today makes our first person plural the present of a step."""
    assert blocked(text)


@pytest.mark.parametrize("text", WE_IN_THE_PAST)
def test_our_past_and_others_present_pass(text: str) -> None:
    """A time past keeps the form the past; others' moves are commentary."""
    assert not blocked(text)


# Our orders sent on, stated as a fact: orders (no one else's) moved by a verb of placing
# or sending in the present, a broker, an exchange or a name after "via" receiving them.
ORDERS_SENT = [
    "The orders go to the broker at 15:55.",
    "The order goes to the broker at 15:55 and is filled at the closing auction.",
    "Orders are routed via Goldman at the open.",
    "Our orders are routed via Goldman.",
    "The basket is sent to the exchange at 9:30.",
    "Die Orders gehen um 15:55 an den Broker.",
    "Les ordres sont transmis au courtier.",
    "Los órdenes se transmiten al broker en la apertura.",
]
ORDERS_OF_OTHERS_OR_PAST = [
    "Client orders go to the exchange at 9:30 when the market opens.",
    "Orders are routed via the exchange's matching engine in microseconds.",
    "Retail orders are routed via Citadel.",
    "The orders went to the broker at 15:55.",
    "The orders do not go to the broker.",
    "No orders go to the broker this week.",
    "Nothing was routed to any broker.",
    "If the orders go to the broker late, slippage rises.",
    "Les ordres des clients sont transmis à la Bourse.",
]


@pytest.mark.parametrize("text", ORDERS_SENT)
def test_our_orders_sent_to_a_broker_block(text: str) -> None:
    """Orders sent on to a broker or an exchange, in the present, are executed by us."""
    assert blocked(text)


@pytest.mark.parametrize("text", ORDERS_OF_OTHERS_OR_PAST)
def test_others_orders_the_past_and_negations_pass(text: str) -> None:
    """Others' orders, how venues work, the past, negations and conditions describe."""
    assert not blocked(text)


# A model that trades with real money instead of the simulator, dated ahead: the paper it
# leaves is ours, not a third party.
LIVE_DATED = [
    "As of tomorrow the gilt RV model trades with real capital instead of the simulator.",
    "Dès demain, le modèle négocie avec du capital réel au lieu du simulateur.",
    "Desde mañana el modelo opera con capital real en lugar del simulador.",
]
LIVE_OF_OTHERS_OR_PAST = [
    "As of tomorrow the exchange trades with real capital instead of the simulator.",
    "Last year the model traded with real capital instead of the simulator.",
    "The simulator ran in paper mode all week.",
]


@pytest.mark.parametrize("text", LIVE_DATED)
def test_a_model_dated_to_real_money_blocks(text: str) -> None:
    """Real money instead of the simulator from a day ahead is our switch to live."""
    assert blocked(text)


@pytest.mark.parametrize("text", LIVE_OF_OTHERS_OR_PAST)
def test_others_real_money_and_the_past_pass(text: str) -> None:
    """Another party's real money, the past, or the simulator described pass."""
    assert not blocked(text)


# A state of our book "is now" what was just decided: "now" dates it as a day ahead does.
STATES_NOW = [
    "The book is now 60 % equities.",
    "The stop on our gold long is now 2,310.",
    "We are now short the euro.",
    "Das Buch ist jetzt zu 60 % in Aktien.",
    "Le portefeuille est maintenant à 60 % en actions.",
    "La cartera está ahora al 60 % en acciones.",
]
OTHERS_NOW_OR_UNDATED = [
    "Inflation is now 3 %.",
    "The weight of MSFT in the index now reaches 7 %.",
    "The index is now 60 % technology stocks.",
    "The book is 60 % equities.",
    "Our base case is now 3 % inflation.",
    "Gold is now at 2,310.",
    "Pension funds are now 30 % equities.",
    "Die Inflation liegt jetzt bei 3 %.",
    "Le CAC est maintenant à 60 % de valeurs cycliques.",
    "El índice está ahora al 60 % en tecnología.",
]


@pytest.mark.parametrize("text", STATES_NOW)
def test_a_state_of_our_book_now_blocks(text: str) -> None:
    """Our book's share, side or level as it "is now": a decision stated as a fact."""
    assert blocked(text)


@pytest.mark.parametrize("text", OTHERS_NOW_OR_UNDATED)
def test_others_now_and_our_book_undated_pass(text: str) -> None:
    """The market, an index or others now, and our book undated, are views."""
    assert not blocked(text)
