"""Questions that propose a step of ours, leanings and hedges that urge it, block; the
same frames about markets or others pass.

A question asking what keeps us from a step or why we wait urges it ("What's stopping us
from adding X?", "Was hält uns davon ab, …?", "Pourquoi attendre pour vendre X ?",
"¿A qué esperamos para vender X?"); a question that opens with a proposal or with a
coordinator and a condition, with us right after it, proposes ("What if we cut …?", "Und
wenn wir …?", "Et si nous …?", "¿Y si bajamos …?"), while "What if the Fed cuts?" weighs
a scenario. A step that "wouldn't hurt" ("könnte nicht schaden", "ne ferait pas de mal",
"no vendría mal") is urged; our leanings ("we're inclined to", "je verrais bien", "nos
inclinaríamos por") and the moment named ("the time has come to", "il y a lieu de", "lo
más sensato es") recommend. About the Fed, the economy or other investors they describe.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

PROPOSING = [
    # English
    "What's stopping us from adding to Nvidia here?",
    "Why wait to sell the Bund future?",
    "Is there any reason not to go long the Mexican peso?",
    "What if we doubled leverage on the carry basket?",
    "What are we waiting for to sell the Bund long?",
    "We're inclined to take some profits on the Nikkei.",
    "Taking a little off the table in Apple looks sensible.",
    "The time has come to exit the Tesla position.",
    # German
    "Was hält uns davon ab, bei SAP aufzustocken?",
    "Was spricht dagegen, den Hebel auf 3x zu erhöhen?",
    "Warum noch warten mit dem Verkauf der Bayer-Aktien?",
    "Und wenn wir die Position in Gold halbieren?",
    "Worauf warten wir noch, um die Allianz-Aktien zu verkaufen?",
    "Ein Teilverkauf der Gold-Position erscheint uns sinnvoll.",
    # French
    "Pourquoi attendre pour vendre le Bund ?",
    "Pourquoi attendre pour alléger LVMH ?",
    "N'est-il pas temps de prendre nos bénéfices sur l'or ?",
    "Qu'est-ce qui nous empêche de renforcer TotalEnergies ?",
    "Et si nous relevions le stop sur le CAC à 7 400 ?",
    "Je verrais bien un allègement de la ligne LVMH.",
    "Une prise de bénéfices partielle sur Hermès nous semblerait judicieuse.",
    "On devrait prendre nos bénéfices sur l'or.",
    # Spanish
    "¿Qué nos impide aumentar la posición en Santander?",
    "¿A qué esperamos para vender los bonos italianos?",
    "¿Qué tal si subimos el stop del Ibex a 11.000?",
    "¿Y si bajamos el apalancamiento a 2x?",
    "Una pequeña compra de Iberdrola no vendría mal.",
    "Yo vería con buenos ojos un aumento del peso en bonos al 40 %.",
]

REQUESTS_AND_HEDGES = [
    # English
    "Could somebody route the remaining tickets to the broker now?",
    "It wouldn't be crazy to add to the gold long here.",
    "It's high time to cut leverage to 2x.",
    "There is a decent case for trimming the Nvidia position.",
    "The obvious move is to sell the Bund future.",
    "If the Bund trades through 131, we take the loss on the Bund long.",
    "Should the ECB cut by 50bp, we buy 10m of Bunds on the open.",
    # German
    "Kann jemand die Orders vor Handelsschluss an den Broker schicken?",
    "Können wir das VaR-Limit auf 20 Mio. anheben?",
    "Sollten wir die Bund-Position jetzt nicht halbieren?",
    "Vielleicht wäre es an der Zeit, die Siemens-Position zu reduzieren.",
    "Anlegern ist anzuraten, Siemens-Aktien zu verkaufen.",
    # French
    "Quelqu'un peut exécuter le panier à la clôture ?",
    "Peut-on relever la limite de VaR à 20 millions ?",
    "Pouvons-nous réduire le levier à 2x dès lundi ?",
    "Il serait sans doute temps d'alléger la ligne Kering.",
    "Il ne serait pas absurde de renforcer Airbus à ces niveaux.",
    # Spanish
    "¿Alguien puede ejecutar la cesta al cierre?",
    "¿Podemos subir el límite de VaR a 20 millones?",
    "¿Podríamos bajar el apalancamiento a 2x esta semana?",
    "¿Bajamos el stop del Ibex a 11.200?",
    "¿Recortamos la posición en Repsol antes de resultados?",
    "¿Activamos el modo real el lunes?",
    "¿Aumentamos el peso de bonos al 40 %?",
    "Lo sensato para el fondo sería vender Repsol.",
    "Sería hora de recortar la posición en Telefónica.",
]

OUR_CONDITIONALS = [
    # A step of ours in the conditional, hedged advice; clients advised by a modal.
    "Mandanten müssten jetzt die Siemens-Position reduzieren.",
    "J'allégerais LVMH avant les résultats.",
    "Nous réduirions le levier à 2x.",
    "Les clients devraient alléger LVMH.",
    "Venderíamos Repsol antes de resultados.",
    "Reduciríamos la posición en Telefónica.",
    "Los clientes deberían vender Repsol.",
    # The desk's first person in French, a question of it proposing the step.
    "Relevons le stop du CAC à 7 400.",
    "On relève le stop du CAC à 7 400 ?",
    "On allège LVMH avant les résultats ?",
    "Basculons le modèle en réel lundi.",
]

OTHERS_CONDITIONALS_AND_LEANINGS = [
    "Investors are happy to buy dips in this market.",
    "Traders are keen to add Treasuries after the data.",
    "Many investors are tempted to chase the rally in Nvidia.",
    "Die Kunden der Banken kaufen derzeit Gold.",
    "Sans la BCE, les banques vendraient leurs obligations.",
    "Les investisseurs seraient enclins à vendre des OAT.",
    "Les clients des banques privées ont acheté de l'or en 2023.",
    "El BCE compraría más bonos si la inflación cae.",
    "Los clientes de la banca compraron fondos monetarios el año pasado.",
    "On observe que les banques allègent leurs positions.",
    "On relève que la BCE a baissé ses taux.",
    "On dit que les fonds allègent le luxe.",
]

TRIGGERS_AND_CAPS = [
    # English
    "Should 30y gilts clear 5.40%, we add another 25m at that level.",
    "Once the Nikkei hits 40,000, take profits.",
    "If Brent breaks 90, we trim the oil position.",
    "If the S&P closes below 5,000, cut the Nasdaq long.",
    "Each new idea should carry no more than 50bp of NAV at inception.",
    "Any single stock should account for no more than 3 % of the book.",
    # German
    "Sobald Gold 2.500 erreicht, Gewinne mitnehmen.",
    "Wenn der DAX 19.000 erreicht, reduzieren wir die Position.",
    "Jede Einzelposition sollte höchstens 4 % des Portfolios ausmachen.",
    # French
    "Dès que l'or touche 2 500, allégeons la ligne.",
    "Chaque nouvelle ligne devrait représenter au plus 3 % du fonds.",
    # Spanish
    "Cada valor debería pesar como máximo un 5 % de la cartera.",
]

TRIGGERS_AND_CAPS_OF_OTHERS = [
    # English
    "Once the Nikkei hits 40,000, foreign investors take profits.",
    "Should 30y gilts clear 5.40%, pension funds add duration.",
    "If the S&P closes below 5,000, CTAs cut their longs.",
    "When gold hit 2,000 in 2023, we took profits.",
    "Brent hit a stop-loss cascade in March when it broke 80 dollars.",
    "If Brent breaks 90, take-profit orders from CTAs will kick in.",
    "Each constituent can weigh at most 10 % of the index.",
    # German
    "Sobald Gold 2.500 erreicht, nehmen Spekulanten Gewinne mit.",
    "Jede Aktie im DAX darf höchstens 10 % des Index ausmachen.",
    # French
    "Chaque titre de l'indice pèse au plus 10 % de l'indice.",
    # Spanish
    "Cada valor del Ibex pesa como máximo un 10 % del índice.",
]

ASKED_ABOUT_MARKETS = [
    # English
    "Can someone explain why CTAs sold gold?",
    "Should we buy TLT here? The data are mixed.",
    "It wouldn't be crazy to expect another cut.",
    "The obvious move for the Fed is to pause.",
    "If the Bund trades through 131, leveraged funds take the loss.",
    "Real-money accounts bought 10bn of Bunds last week.",
    # German
    "Kann jemand erklären, warum die EZB die Zinsen erhöht hat?",
    "Sollten wir Gold jetzt kaufen?",
    "Vielleicht wäre es an der Zeit, die Inflationsziele zu überdenken.",
    # French
    "Peut-on vraiment croire à une baisse des taux en juin ?",
    "Faut-il acheter de l'or ? Les avis divergent.",
    "Il serait sans doute temps que la BCE réagisse.",
    # Spanish
    "¿Podemos esperar una bajada de tipos en junio?",
    "¿Alguien puede explicar por qué cayó el Ibex?",
    "¿Compramos demasiado oro el año pasado?",
    "¿Vimos ya el suelo del Ibex?",
    "Lo sensato para el BCE sería esperar.",
]

WEIGHING_OR_OTHERS = [
    # English
    "What if the Fed cuts by 50 bp? Equities would likely rally.",
    "What if we are wrong about the Fed?",
    "What if we see another sell-off in Treasuries?",
    "And if the ECB sells its bonds, what then?",
    "What's stopping banks from lending?",
    "What's stopping the Fed from buying more bonds?",
    "Why wait for the data? Volatility is already low.",
    "Why are investors waiting to sell?",
    "A small rate cut wouldn't hurt the economy.",
    "A stronger dollar wouldn't hurt exporters.",
    "We're inclined to think the ECB will cut in June.",
    "Hedge funds are inclined to sell gold into year-end.",
    "The time has come for the ECB to act.",
    # German
    "Und wenn wir uns bei der Inflation irren?",
    "Was hält die EZB davon ab, die Zinsen zu senken?",
    "Was hält die Pensionskassen davon ab, Aktien zu kaufen?",
    "Was spricht dagegen, dass der DAX weiter steigt?",
    "Eine kleine Zinssenkung könnte der Konjunktur nicht schaden.",
    "Ein schwächerer Euro würde den Exporteuren nicht schaden.",
    "Es könnte sich lohnen, die Inflationsdaten genau zu verfolgen.",
    # French
    "Et si la Fed baissait ses taux ? Les actions monteraient.",
    "Et si nous nous trompions sur la Fed ?",
    "Qu'est-ce qui empêche la Fed de baisser ses taux ?",
    "Un euro plus faible ne ferait pas de mal aux exportateurs.",
    "Je verrais bien une baisse des taux en juin.",
    "Les fonds de pension seraient enclins à vendre des obligations.",
    "Il y a lieu de penser que la BCE baissera ses taux.",
    # Spanish
    "¿Y si el BCE recorta los tipos? Los bancos sufrirían.",
    "¿Y si nos equivocamos con la Fed?",
    "¿Qué impide al BCE bajar los tipos?",
    "Un euro más débil no vendría mal a los exportadores.",
    "Nos inclinaríamos por un escenario de aterrizaje suave.",
    "Merece la pena recordar que el BCE subió tipos en 2023.",
]


@pytest.mark.parametrize("text", PROPOSING)
def test_a_proposing_question_or_a_leaning_of_ours_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", WEIGHING_OR_OTHERS)
def test_the_same_frames_about_markets_or_others_pass(text: str) -> None:
    assert not blocked(text)


@pytest.mark.parametrize("text", REQUESTS_AND_HEDGES)
def test_a_request_to_the_desk_or_a_hedged_step_of_ours_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", ASKED_ABOUT_MARKETS)
def test_requests_and_hedges_about_markets_or_the_past_pass(text: str) -> None:
    assert not blocked(text)


@pytest.mark.parametrize("text", TRIGGERS_AND_CAPS)
def test_a_change_at_a_trigger_or_a_cap_per_position_of_ours_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", TRIGGERS_AND_CAPS_OF_OTHERS)
def test_triggers_and_caps_of_others_or_the_past_pass(text: str) -> None:
    assert not blocked(text)


@pytest.mark.parametrize("text", OUR_CONDITIONALS)
def test_a_step_of_ours_in_the_conditional_or_advised_to_clients_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", OTHERS_CONDITIONALS_AND_LEANINGS)
def test_others_leanings_and_conditionals_pass(text: str) -> None:
    assert not blocked(text)
