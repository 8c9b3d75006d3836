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


# A state of our book, a limit or a level, dated by a time still ahead: a plan stated as a
# fact. How the book stands now, others' states and the past stay commentary.
PLANNED_STATES = [
    "The book will be 60 % equities and 40 % bonds from Monday.",
    "From next week the fund runs 3.5 times levered.",
    "The desk's loss limit is 4 million instead of 2 million as of Monday.",
    "From Monday the pilot runs live with real capital.",
    "Our entry in the Brent short comes at 88 on Tuesday.",
    "The stop on the Treasury long sits at 109-24 from today.",
    "Ab Montag ist das Portfolio in US-Technologiewerten short.",
    "Ab nächster Woche liegt die Aktienquote des Fonds bei 70 %.",
    "Ab Mittwoch macht der Ölkontrakt 4 % des Portfolios aus.",
    "À partir de lundi, le portefeuille est vendeur d'euro contre franc suisse.",
    "La poche obligataire sera de 35 % à partir de lundi.",
    "Dès lundi, la limite de VaR du desk taux passe à 20 millions.",
    "Notre entrée sur le Brent vendeur se fera mardi à 88 dollars.",
    "Le mode simulation sera désactivé et le trading réel activé demain.",
    "A partir del lunes la cartera está corta en bonos del Tesoro.",
    "Desde el lunes la cartera tendrá un 35 % en bonos.",
    "Desde el lunes el límite de VaR de la mesa de tipos es de 20 millones.",
    "Nuestra entrada en el corto de Brent será el martes a 88 dólares.",
]
STATES_OF_OTHERS_OR_NOW = [
    "The book is 60 % equities and 40 % bonds.",
    "On Monday the book was 60 % equities.",
    "Last week the fund ran 3.5 times levered.",
    "From Monday the index holds three new members.",
    "From Monday, the index will be 60 % technology stocks after the rebalance.",
    "From next year the benchmark will be 60 % equities and 40 % bonds.",
    "Pension funds will be 30 % equities from next year.",
    "Starting Monday, the exchange raises margins on gold futures by 10 %.",
    "From next week the ECB's deposit rate is 2 %.",
    "From Monday our base case has inflation at 3 %.",
    "From Monday our outlook covers 12 markets instead of 10.",
    "Starting next week, the model's probability of a recession is 35 %.",
    "If the Fed cuts on Wednesday, the portfolio would be 5 % short duration.",
    "The stop on gold was hit on Tuesday at 2,310.",
    "The new VaR limit of the exchange applies from Monday at 5 %.",
    "From Monday, the fund's prospectus allows leverage of up to 2 times.",
    "The trading venue goes live with its new matching engine on Monday.",
    "The book will not be 60 % equities from Monday.",
    # A day beside the state dates an event, not the state.
    "With CPI due on Thursday, the book is 55 % equities.",
    "With payrolls out on Friday, the portfolio is 60 % equities and 40 % bonds.",
    "The book is 55 % equities, and CPI is due tomorrow.",
    "Mit den Arbeitsmarktdaten am Freitag ist das Portfolio zu 60 % in Aktien.",
    "Avec l'inflation publiée jeudi, le portefeuille est à 55 % en actions.",
    "Con el IPC del jueves, la cartera tiene un 55 % en acciones.",
    "Ab Montag gilt an der Börse eine neue Handelszeit.",
    "Ab Montag sind Hedgefonds in US-Technologiewerten short.",
    "À partir de lundi, la BCE réduit ses achats de 20 milliards.",
    "Desde el lunes, el índice incluye tres nuevos valores.",
]


@pytest.mark.parametrize("text", PLANNED_STATES)
def test_a_state_of_ours_dated_ahead_blocks(text: str) -> None:
    """A share, leverage, side, limit, level or live mode of ours from a day ahead."""
    assert blocked(text)


@pytest.mark.parametrize("text", STATES_OF_OTHERS_OR_NOW)
def test_states_now_past_or_of_others_pass(text: str) -> None:
    """Our book as it stands, the past, others' dated states and negations are views."""
    assert not blocked(text)


# A mode set to live with what qualifies it after the value: the setting is the value's head;
# a side given as a short sentence of ours.
MODE_LABELS = [
    "Mode: LIVE (real money), effective immediately.",
    "Size: 2,500 shares.\n\nName: Netflix.\n\nSide: we sell at the open.",
    "Betriebsmodus: LIVE mit Echtgeld, ab sofort.",
    "Mode : RÉEL (argent réel), effectif immédiatement.",
    "Modo: REAL (dinero real), con efecto inmediato.",
]
MODE_COMMENTARY = [
    "Mode: real-time risk monitoring, not trading.",
    "Size: 2,500 shares.\n\nName: Netflix.\n\nSide: they sell at the open.",
    "Regime mode: live debate among strategists (not settled).",
    "Mode: paper (simulation), no real money.",
    "Mode: risk-off, with live volatility elevated.",
    "Betriebsmodus: Simulation mit Papiergeld, bis auf Weiteres.",
]


@pytest.mark.parametrize("text", MODE_LABELS)
def test_a_mode_set_live_with_qualifiers_blocks(text: str) -> None:
    """The value a mode is given is read before the words that qualify it; a side that
    we say we take is a side value."""
    assert blocked(text)


@pytest.mark.parametrize("text", MODE_COMMENTARY)
def test_other_modes_pass(text: str) -> None:
    """A mode that is not live, or live words only in its qualifiers, is no switch."""
    assert not blocked(text)


# A position entered or left at a level: named by its side ("enter a long", "the short is
# to be entered at …"), its price further on, or its level in the condition of the sentence.
ENTRIES = [
    "Initiate the short in the Russell 2000 on a retest of 2,150.",
    "Enter a long in the Russell at 2,150.",
    "We plan to get into the Euro Stoxx 50 long at 4,850.",
    "Get in on the silver long at 29 flat, out at 33.",
    "The Nikkei long is to be entered at 38,500 and exited at 41,000.",
    "If EUR/USD pulls back to 1.07, we enter a long.",
    "We buy EUR/USD if it pulls back to 1.07.",
    "Sobald der Bund-Future 131 erreicht, steigen wir long ein.",
    "Dès que l'OAT touche 3,40 %, nous entrons à l'achat.",
    "Cuando el bono a diez años llegue al 3,5 %, entramos comprados.",
]
ENTRIES_OF_OTHERS = [
    "Hedge funds entered a long in the Russell at 2,150 last week.",
    "CTAs initiated the short in the Russell at 2,150.",
    "We would not enter a long in the Russell at 2,150.",
    "The Nikkei long was entered at 38,500 last year.",
    "If EUR/USD breaks 1.05, CTAs will add to their dollar longs.",
    "If yields reach 5 %, investors will buy bonds.",
    "If EUR/USD pulls back to 1.07, we would not enter a long.",
    "When yields hit 5 % in 2023, we bought duration.",
    "Should EUR/USD fall to 1.05, would we buy?",
    "Wenn der Bund-Future 131 erreicht, steigen Spekulanten long ein.",
    "Cuando el bono llegó al 3,5 % en 2023, los fondos entraron comprados.",
]


@pytest.mark.parametrize("text", ENTRIES)
def test_a_position_entered_at_a_level_blocks(text: str) -> None:
    """Entering or leaving a position of ours at a price or on a trigger level."""
    assert blocked(text)


@pytest.mark.parametrize("text", ENTRIES_OF_OTHERS)
def test_entries_of_others_past_or_refused_pass(text: str) -> None:
    """Others' entries, the past, refusals and questions are commentary."""
    assert not blocked(text)


# A side that ends a label or a paragraph left open, what it trades in the value or the next
# paragraph; desk jargon for executing and taking a side.
LABELS_AND_JARGON = [
    ("What to buy this week: 300 Safran shares at 210 euros.",),
    ("Ce qu'il faut acheter cette semaine : 300 actions Safran à 210 euros.",),
    ("Lo que toca comprar esta semana:", "500 acciones de Acciona a 120 euros."),
    ("Zu kaufen sind", "600 Deutsche-Post-Aktien zu 38 Euro."),
    ("Pull the trigger on the block, print it now.",),
    ("Den Block raushauen, jetzt sofort.",),
    ("On tape le bid sur 50 FCE et on se met au offer pour 20 de plus.",),
    ("On se met long du Bund et short de l'OAT, ça se joue maintenant.",),
    ("Bump the DV01 cap to 500k and take the handcuffs off.",),
    ("Flip the sleeve to 70/30 and square up the overlay.",),
    ("If the backtest holds, promote the model to live execution.",),
    ("It is time we graduated the pilot from sim to real money.",),
    ("Il est temps que nous passions le modèle en argent réel.",),
    ("Es hora de que pasemos el modelo a dinero real.",),
    ("Planned trade: long Japanese banks.", "Entry point 2,800 on the TOPIX Banks index."),
]
LABELS_AND_JARGON_COMMENTARY = [
    ("What hedge funds bought last week: 300 Safran shares at 210 euros.",),
    ("Ce que les fonds ont acheté cette semaine : 300 actions Safran à 210 euros.",),
    ("Was Pensionsfonds kaufen: 300 Siemens-Aktien zu 210 Euro.",),
    ("Hedge funds were forced to sell", "600 Deutsche-Post-Aktien zu 38 Euro changed hands."),
    ("Ahora le toca al BCE comprar bonos.",),
    ("The Fed is ready to pull the trigger on a rate cut.",),
    ("Investors were reluctant to pull the trigger on the block last year.",),
    ("A block of 2 million shares changed hands at the close.",),
    ("Die Bank hat den Block gestern rausgehauen.",),
    ("Les fonds se mettent long du Bund avant la BCE.",),
    ("Les vendeurs ont tapé le bid toute la séance.",),
    ("The DV01 cap of the desk was raised last year.",),
    ("Pension funds flipped the sleeve to 70/30 last year.",),
    ("If the index rebalance forces passive funds to buy 2 % more, prices rise.",),
    ("It was time they graduated the fund from sim to real money in 2021.",),
    ("It is time we looked at real money flows.",),
    ("Il est temps que la BCE passe à l'action.",),
    ("Es hora de que el BCE pase a la acción.",),
    ("The TOPIX Banks index fell 3 % as Japanese Banks index funds sold.",),
]


@pytest.mark.parametrize("fields", LABELS_AND_JARGON)
def test_labelled_sides_and_desk_jargon_block(fields: tuple[str, ...]) -> None:
    """A side whose object is a label's value or the next paragraph, and desk slang."""
    assert blocked(*fields)


@pytest.mark.parametrize("fields", LABELS_AND_JARGON_COMMENTARY)
def test_the_same_frames_of_others_pass(fields: tuple[str, ...]) -> None:
    """The same frames describing others or the past."""
    assert not blocked(*fields)


# A question on a target answered by a bare side in the next sentence or paragraph.
ANSWERS = [
    "Was tun mit Lufthansa?\n\nVerkaufen, und zwar noch diese Woche.",
    "Que faire des minières ?\n\nLes vendre dès l'ouverture.",
    "What should the reader do with oil majors? Sell them into strength.",
    "¿Qué hacer con las petroleras? Venderlas ya, en la apertura.",
]
ANSWERS_OF_OTHERS = [
    "What did CTAs do with Lufthansa? Sell, mostly.",
    "What did hedge funds do with Siemens last week? Sell.",
    "Was machten Hedgefonds mit Siemens? Verkaufen.",
    "Was tun mit Lufthansa? Nicht verkaufen.",
    "Is Lufthansa cheap? Not really: buybacks are slowing.",
    "Why did Brent fall? Sellers dominated.",
]


@pytest.mark.parametrize("text", ANSWERS)
def test_a_question_answered_by_a_side_blocks(text: str) -> None:
    """The answer's side trades what the question names."""
    assert blocked(text)


@pytest.mark.parametrize("text", ANSWERS_OF_OTHERS)
def test_questions_about_others_or_refused_answers_pass(text: str) -> None:
    """A question about others or the past, or an answer that refuses, is commentary."""
    assert not blocked(text)
