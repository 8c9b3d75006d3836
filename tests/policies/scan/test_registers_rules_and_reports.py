"""Commentary that lists, states or reports what others do, beside the same words asked of us.

A regulator's or an exchange's register lists others' positions ("Short positions notified
to the CNMV: Grifols 3.1 % of capital"); the same list labelled as ours, or with a verb
asked of us, blocks.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

# A level in another field of the unit completes a side that waits for its price.
LEVEL = "Resistance at 4,480."

REGISTERS = [
    "Short positions notified to the CNMV: Grifols 3.1 % of capital; Solaria 2.4 %.",
    "Net short positions published by the AMF: Atos 2.1 %, Casino 1.5 %.",
    "Short positions reported to the FCA: Ocado 1.2 % of capital.",
    "Posiciones cortas comunicadas a la CNMV: Grifols 3,1 % del capital; Solaria 2,4 %.",
    "Posiciones cortas notificadas a la CNMV: Grifols 3,1 %, Solaria 2,4 %.",
    "Posiciones cortas publicadas por la CNMV: Solaria 2,4 % del capital.",
    "Positions courtes déclarées à l'AMF : Atos 2,1 % ; Casino 1,5 %.",
    "Netto-Leerverkaufspositionen laut BaFin: Varta 4,2 %; Zalando 0,8 %.",
    "BaFin register: net short positions above 0.5 % in SAP 0.6 %, Bayer 0.9 %.",
    "Posiciones cortas en Grifols: 3,1 % del capital según la CNMV.",
]
REGISTERS_ASKED = [
    "Short positions to open: Grifols 3.1 % of capital; Solaria 2.4 %.",
    "Short positions for the book: Grifols 3.1 % of capital.",
    "Go short Grifols with 3.1 % of capital.",
    "Short positions notified to the CNMV: we add Grifols at 3.1 % of capital.",
    "Posiciones cortas a abrir: Grifols 3,1 % del capital.",
    "Positions courtes à prendre : Atos 2,1 % du capital.",
    "Vendez Atos à hauteur de 2,1 % du capital.",
    "Leerverkäufe für das Portfolio: Varta 4,2 % des Kapitals.",
    "Verkaufen Sie Varta, 4,2 % des Kapitals.",
    "Short positions in Grifols: 3 % of capital, according to our desk.",
    "Posiciones cortas en Grifols: 3,1 % del capital según nuestro modelo.",
    "BaFin register: go short 200 SAP at 180.",
]


@pytest.mark.parametrize("text", REGISTERS)
def test_a_register_of_a_regulator_lists_what_others_hold(text: str) -> None:
    """Positions under a label naming a regulator or an exchange are others' holdings."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", REGISTERS_ASKED)
def test_the_same_list_as_ours_or_asked_still_blocks(text: str) -> None:
    """Labelled as ours ("to open", "for the book"), or with a step asked of us."""
    assert blocked(text, LEVEL)


# A rule book or an index states its rules in force; a weight named with its index is the
# index's. The same caps set by us, asked of us, or our weights compared with an index block.
RULES_IN_FORCE = [
    "Positions in the index are capped at 10 % by the index rules.",
    "The methodology limits each member to a 4.5 % weight at the quarterly rebalance.",
    "The index rules limit the weight of any single stock to 10 %.",
    "Under the rulebook, each member is limited to a 10 % weight.",
    "Sector weights in the MSCI Europe: financials 18 %, industrials 16 %, health care 14 %.",
    "Weights in the S&P 500: technology 31 %, financials 13 %, health care 12 %.",
    "Die Indexregeln begrenzen jedes Mitglied auf 10 % Gewicht.",
    "Die Methodik begrenzt jeden Emittenten auf 4,5 % Gewicht.",
    "Gewichtung im Stoxx 600: Finanzwerte 18 %, Industrie 16 %.",
    "Die Gewichtung im DAX: SAP 14 %, Siemens 9 %, Allianz 7 %.",
    "Le règlement limite le poids de chaque valeur à 10 % de l'indice.",
    "Les règles de l'indice limitent le poids d'une valeur à 15 %.",
    "Pondérations sectorielles du MSCI Europe : financières 18 %, industrie 16 %.",
    "El reglamento del índice limita el peso de cada valor al 10 %.",
    "Las normas del índice limitan el peso de cada valor al 10 %.",
    "Pesos sectoriales del MSCI Europe: financieras 18 %, industriales 16 %.",
]
RULES_SET_BY_US = [
    "Limit each member to a 4.5 % weight at the quarterly rebalance.",
    "We cap banks at a 12 % weight from Monday.",
    "Raise the weight of banks to 12 % of the index.",
    "Our sector weights: financials 18 %, industrials 16 %, health care 14 %.",
    "Target weights versus the MSCI Europe: financials 18 %, industrials 16 %.",
    "Target weight in the S&P 500: 60 %.",
    "Weight in the MSCI World: 60 %, bonds 40 %.",
    "Set the weight of SAP in the DAX book to 10 %.",
    "Begrenzen Sie das Gewicht jedes Mitglieds auf 10 %.",
    "Zielgewichte gegenüber dem DAX: SAP 14 %, Siemens 9 %.",
    "Unsere Gewichtung: Finanzwerte 18 %, Industrie 16 %.",
    "Limitez le poids de chaque valeur à 10 % du portefeuille.",
    "Poids cibles par rapport au CAC 40 : LVMH 11 %, Total 8 %.",
    "Limite el peso de cada valor al 10 % de la cartera.",
    "Pesos objetivo frente al Ibex 35: Inditex 15 %, Iberdrola 14 %.",
]


@pytest.mark.parametrize("text", RULES_IN_FORCE)
def test_a_rule_book_or_an_index_states_its_own_weights(text: str) -> None:
    """A rule book as the subject, or a weight named with its index, is no step of ours."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", RULES_SET_BY_US)
def test_the_same_caps_and_weights_as_ours_still_block(text: str) -> None:
    """An imperative, our plan, our weights, or our weights compared with an index."""
    assert blocked(text, LEVEL)


# An index provider announces its changes; the same list labelled as ours blocks.
INDEX_CHANGES = [
    "Index changes: add Arm, remove Walgreens.",
    "S&P Dow Jones Indices announced: add Arm, remove Walgreens, effective 23 December.",
    "FTSE 100 quarterly review: add Games Workshop, remove Burberry.",
    "Indexänderungen: Aufnahme von Zalando, Herausnahme von Hella.",
    "Änderungen im DAX: Zalando rein, Hellofresh raus.",
    "Révision du CAC 40 : Accor entre, Casino sort.",
    "Changements dans le CAC 40 : ajout de Bureau Veritas, retrait de Worldline.",
    "Cambios en el Ibex 35: entra Puig, sale Meliá.",
    "Cambios en el Ibex 35: incorporación de Puig, salida de Meliá.",
]
CHANGES_OF_OURS = [
    "Index changes are coming: add Arm to the book, remove Walgreens.",
    "Index changes: add Arm to the book, remove Walgreens.",
    "Index changes: we add Arm, remove Walgreens.",
    "Portfolio changes: add Arm, remove Walgreens.",
    "Nasdaq: buy Palantir, sell Illumina.",
    "Änderungen im Depot: Zalando kaufen, Hellofresh verkaufen.",
    "Indexänderungen: wir kaufen Zalando, verkaufen Hellofresh.",
    "Changements du portefeuille : achetez Accor, vendez Casino.",
    "Cambios en la cartera: compren Puig, vendan Meliá.",
]


@pytest.mark.parametrize("text", INDEX_CHANGES)
def test_an_index_providers_changes_are_its_own(text: str) -> None:
    """A label naming an index and its change (or the provider announcing) heads its list."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", CHANGES_OF_OURS)
def test_changes_of_our_book_still_block(text: str) -> None:
    """Our book named, us as subject, a label of our book or an index as a call's target."""
    assert blocked(text, LEVEL)


# A heading line names the register or the provider; its items stand on the lines below.
HEADED_LISTS = [
    (
        "Posiciones cortas comunicadas a la CNMV:\n- Grifols: 3,1 % del capital (varios fondos)\n"
        "- Solaria: 2,4 %"
    ),
    "Short positions notified to the FCA:\n- Ocado: 1.2 % of capital\n- Boohoo: 0.8 %",
    "Index changes:\n- add Arm\n- remove Walgreens",
    "Cambios en el Ibex 35:\n- entra Puig\n- sale Meliá",
    "Änderungen im DAX:\n- Aufnahme von Zalando\n- Herausnahme von Hella",
]
HEADED_LISTS_OF_OURS = [
    "Short positions to open:\n- Grifols: 3.1 % of capital\n- Solaria: 2.4 %",
    (
        "Posiciones cortas comunicadas a la CNMV:\n- Grifols: 3,1 %\n\n"
        "Vendan Grifols, 3,1 % del capital."
    ),
    "Index changes:\n- we add Arm\n- we remove Walgreens",
    "Index changes:\n- add Arm to the portfolio",
    "Our changes:\n- add Arm\n- remove Walgreens",
    "Portfolio:\n- Grifols: 3,1 % del capital",
]


@pytest.mark.parametrize("text", HEADED_LISTS)
def test_a_heading_line_gives_its_items_to_its_party(text: str) -> None:
    """The lines right below a register's or a provider's heading are its list."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", HEADED_LISTS_OF_OURS)
def test_items_of_ours_below_a_heading_still_block(text: str) -> None:
    """A heading of ours, a blank line that ends the list, us or our book in an item."""
    assert blocked(text, LEVEL)


# An alternative question ("… or not?") weighs both answers: commentary put to anyone. A
# question put to us, a negation that suggests, or a whole order still block.
ALTERNATIVE_QUESTIONS = [
    "Should investors buy TLT or not? The answer depends on the path of inflation.",
    "Buy TLT or not? The answer depends on inflation.",
    "Sollten Anleger jetzt Bundesanleihen kaufen oder nicht? Das hängt von der EZB ab.",
    "Les investisseurs doivent-ils acheter des OAT ou non ? Tout dépend de la BCE.",
    "¿Deben los inversores comprar bonos o no? Depende del BCE.",
]
SIDES_ASKED = [
    "Investors ask: buy or sell gold after the rally?",
    "Buy the dip? Not yet, say most strategists.",
    "Anleger fragen: kaufen oder verkaufen nach der Rally?",
    "Acheter ou vendre ? Le marché hésite après la hausse.",
    "¿Comprar o vender? El mercado duda tras la subida.",
]
SIDES_GIVEN = [
    "Direction? Long.",
    "Bias: sell.",
    "Long or short? Short, 20 contracts.",
    "Buy? Yes, 200 at 90.",
    "Richtung? Kauf.",
    "Sens : vente.",
]
INDIRECT_QUESTIONS = [
    "The question is whether to buy duration now or wait for the Fed.",
    "Die Frage ist, ob man jetzt Anleihen kaufen soll.",
    "La question est de savoir s'il faut acheter de la duration.",
    "La pregunta es si conviene comprar duración ahora.",
]
SUGGESTING_QUESTIONS = [
    "Buy 200 TLT at 90 or not?",
    "Should investors buy 200 TLT at 90 or not?",
    "Why not buy TLT?",
    "Should we not buy TLT?",
    "Sollten wir nicht Bundesanleihen kaufen?",
    "We recommend checking whether to buy duration now.",
    "Buy duration now, whether or not the Fed cuts.",
    "Kaufen Sie Gold, egal ob die Fed senkt.",
]


@pytest.mark.parametrize("text", ALTERNATIVE_QUESTIONS)
def test_an_alternative_question_weighs_both_answers(text: str) -> None:
    """ "or not", "oder nicht", "ou non", "o no" closing a question negate nothing."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", SIDES_ASKED)
def test_a_side_asked_or_weighed_is_no_answer(text: str) -> None:
    """A bare side closing a question no "yes" takes up, or one of two sides weighed."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", SIDES_GIVEN)
def test_a_side_given_as_an_answer_still_waits_for_its_size(text: str) -> None:
    """The value of a label or the answer to a question, completed by a level elsewhere."""
    assert blocked(text, LEVEL)


@pytest.mark.parametrize("text", INDIRECT_QUESTIONS)
def test_an_indirect_question_weighs_the_action(text: str) -> None:
    """ "whether to", "ob", "savoir si", "la pregunta es si": a recommendation inside too."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", SUGGESTING_QUESTIONS)
def test_a_suggesting_question_or_a_whole_order_still_blocks(text: str) -> None:
    """A negation inside the question suggests; a whole order blocks in any mood."""
    assert blocked(text, LEVEL)


# A deployment note tells what happened to a model; a switch dated ahead or asked blocks.
DEPLOYMENT_NOTES = [
    "El modelo pasó a real en marzo.",
    "El modelo pasó a producción en marzo tras dos meses en papel.",
    "Le modèle est passé en production en mars.",
    "Le modèle est passé en réel en mars après deux mois de test.",
    "The model went live in March.",
    "Das Modell ging im März live.",
]
SWITCHES_AHEAD = [
    "Paso a real el lunes.",
    "El modelo pasa a real el lunes.",
    "Le modèle passe en production dès lundi.",
    "Passez le modèle en production.",
    "Recomendamos el paso a real del modelo.",
    "Nous passons la stratégie en réel demain.",
    "Das Modell am Montag auf Echtgeld umstellen.",
]


@pytest.mark.parametrize("text", DEPLOYMENT_NOTES)
def test_a_deployment_note_tells_the_past(text: str) -> None:
    """A Spanish preterite folded to its noun, a French motion verb with "être"."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", SWITCHES_AHEAD)
def test_a_switch_dated_ahead_or_asked_still_blocks(text: str) -> None:
    """A switch without a subject, in the present dated ahead, advised or an imperative."""
    assert blocked(text, LEVEL)


# A nominal trade with its agent named after it ("by", "por parte de", "durch", "par") is
# that agent's; the same with our book as agent, or advised, blocks.
NOMINAL_AGENTS = [
    "La venta de bonos por parte de los bancos centrales presiona las rentabilidades.",
    "La venta de acciones de Telefónica por parte de BlackRock sorprendió.",
    "The sale of bonds by central banks weighs on yields.",
    "Der Verkauf von Anleihen durch die Notenbanken belastet die Renditen.",
    "La vente d'obligations par les banques centrales pèse sur les taux.",
]
NOMINAL_OURS = [
    "La venta de 200 acciones de Telefónica por parte de la cartera, a 4 euros.",
    "Compra de 100 bonos del Tesoro a 98.",
    "Recomendamos la venta de bonos por parte de la cartera.",
    "The sale of 200 SAP by the fund at 50 is recommended.",
    "Verkauf von 200 SAP durch das Portfolio zu 50 Euro empfohlen.",
]


@pytest.mark.parametrize("text", NOMINAL_AGENTS)
def test_a_nominal_trade_of_a_named_agent_is_theirs(text: str) -> None:
    """The agent after the noun acts, not us."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", NOMINAL_OURS)
def test_a_nominal_trade_of_ours_still_blocks(text: str) -> None:
    """Our book as the agent, a whole order, or a recommendation."""
    assert blocked(text, LEVEL)


# A level attributed to a named third party is its level, reported; ours or set by a verb
# blocks.
ATTRIBUTED_LEVELS = [
    "Price target for SAP: 210, according to Citi.",
    "Laut Citi: Kursziel 210 Euro für SAP.",
    "Objectif de cours de 210 € pour SAP selon Citi.",
    "Selon Citi, objectif de cours de 210 € pour SAP.",
    "Precio objetivo de 210 € para SAP según Citi.",
    "Según Citi, precio objetivo de 210 € para SAP.",
]
LEVELS_OF_OURS = [
    "Price target for SAP: 210.",
    "Price target for SAP: 210, according to our model.",
    "According to our desk, stop at 4,480.",
    "Set the stop at 4,480, according to Citi.",
    "Kursziel für SAP: 210 Euro.",
    "Laut unserem Modell: Stopp bei 17.650.",
    "Objectif de cours de 210 € pour SAP.",
    "Según nuestro modelo, stop en 4.480.",
]


@pytest.mark.parametrize("text", ATTRIBUTED_LEVELS)
def test_a_level_attributed_to_a_named_party_is_reported(text: str) -> None:
    """ "according to", "laut", "selon", "según" and a name: the speaker's level."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", LEVELS_OF_OURS)
def test_a_level_of_ours_or_set_by_a_verb_still_blocks(text: str) -> None:
    """No attribution, our own model or desk as the source, or a verb that sets the level."""
    assert blocked(text, LEVEL)
