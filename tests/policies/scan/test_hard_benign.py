"""Hard benign commentary, class by class in en/de/fr/es, each beside its smuggled twin.

Who acts and when decides: an obligation in the past ("tuvieron que vender"), a subject
with a relative clause before its verb, a past year or date fronted, a third party named
in capitals before its forecast ("MSCI will raise the weight of X to 3 %"), a quotation
mentioned rather than used ("'Sell Tesla' was the call"), a disclaimer that refuses an
offer and the action attached to it, a level that was hit, software described by a note.
The same words asked of us block.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

# A level in another field of the unit completes a side that waits for its price.
LEVEL = "Resistance at 4,480."

PAST_OBLIGATIONS = [
    "The banks had to sell Italian bonds at 95 in 2011.",
    "Die Banken mussten 2011 italienische Anleihen zu 95 verkaufen.",
    "Les banques ont dû vendre 5 milliards de BTP en 2011.",
    "Les assureurs avaient dû acheter des OAT à 3 %.",
    "Los bancos tuvieron que vender bonos italianos en 2011.",
    "Los bancos tuvieron que comprar bonos del Tesoro a 98.",
    "Las aseguradoras tuvieron que comprar deuda pública.",
    "El banco central tuvo que vender reservas.",
    "Tuvimos que vender 200 SAN a 5 la semana pasada.",
    "Los fondos habían tenido que vender Bunds a 2,4 %.",
    "Los gestores se vieron obligados a vender acciones de Repsol a 15.",
]
OBLIGATIONS_NOW = [
    "We have to sell 200 SAP at 150.",
    "Wir müssen 200 SAP bei 150 verkaufen.",
    "Nous devons vendre 200 actions Total à 60.",
    "Tenemos que vender 200 SAN a 5.",
    "Tienen que comprar bonos del Tesoro a 98.",
    "Ustedes tienen que vender Repsol.",
    "Hay que vender 200 SAN a 5.",
]


@pytest.mark.parametrize("text", PAST_OBLIGATIONS)
def test_an_obligation_in_the_past_tells_what_was_done(text: str) -> None:
    """ "had to sell", "mussten verkaufen", "ont dû vendre", "tuvieron que vender"."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", OBLIGATIONS_NOW)
def test_an_obligation_now_still_blocks(text: str) -> None:
    """The same obligation in the present, ours, the reader's or impersonal, blocks."""
    assert blocked(text, LEVEL)


PAST_OF_OTHERS = [
    "Le fonds a vendu 20 % de ses actions Total.",
    "Le fonds à vendu 20 % de ses actions Total.",
    "Le gérant a acheté 500 actions Airbus à 120 € hier.",
    "BlackRock a vendu 3 % de sa participation dans Total.",
    "Les fonds ont acheté 3 milliards d'OAT la semaine dernière.",
    "Los bancos compraron 5.000 millones de bonos del Tesoro.",
    "El fondo vendió el 20 % de sus acciones de Iberdrola.",
    "Ayer los fondos vendieron Bunds a 2,4 %.",
    "Der Fonds hat 20 % seiner Siemens-Aktien verkauft.",
    "The funds bought $3bn of Treasuries at 4.2 % last week.",
]
ASKED_NOW = [
    "Vendez 20 % de vos actions Total.",
    "Achetez 500 actions Airbus à 120 €.",
    "Compren 5.000 millones de bonos del Tesoro a 98.",
    "Vendan el 20 % de sus acciones de Iberdrola.",
    "Verkaufen Sie 20 % Ihrer Siemens-Aktien.",
    "Buy $3bn of Treasuries at 4.2 %.",
]


@pytest.mark.parametrize("text", PAST_OF_OTHERS)
def test_a_trade_of_others_in_the_past_passes(text: str) -> None:
    """A passé composé (with "a" written "à"), a preterite, a perfect: what was done."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", ASKED_NOW)
def test_the_same_trade_as_an_imperative_blocks(text: str) -> None:
    assert blocked(text, LEVEL)


RELATIVE_CLAUSES = [
    "The fund, which had been long 80 % of NAV, sold its Apple stake in May.",
    "The desk, which had bought 200 ES contracts at 4,400, closed the position on Friday.",
    "The manager, who had bought 1m shares of SAP at 120, sold the stake last quarter.",
    "Pension funds that were overweight equities by 5 % sold into the rally.",
    "Die Pensionskasse, die zuletzt 40 % Aktien hielt, schichtete um.",
    "Die Bank, die im Januar 10 Mio. Siemens-Aktien gekauft hatte, verkaufte sie im März wieder.",
    "Le gérant, qui avait acheté 1 million d'actions SAP à 120, a soldé la ligne.",
    "El gestor, que había comprado un millón de acciones de SAP a 120, vendió la posición.",
    "The insurer, long 2,000 Bund futures at the time, sold half in April.",
    "Der Fonds, der 40 % in Aktien hatte, senkte seine Quote auf 30 %.",
    "Le fonds, qui avait 40 % en actions, a réduit son allocation à 30 %.",
    "El fondo, que tenía un 40 % en acciones, redujo su asignación al 30 %.",
]
RELATIVE_TO_US = [
    "The desk, which is long 80 % of NAV, should sell its Apple stake at 190.",
    "Wir, die wir 40 % Aktien halten, sollten 200 SAP bei 150 verkaufen.",
    "Vendez les 1 million d'actions SAP que vous avez achetées à 120.",
    "The fund, which is long, should cut its weight in SAP to 3 %.",
    "Pension funds, sell 200 SAP at 50.",
    "Der Fonds, der 40 % in Aktien hat, sollte seine Quote auf 30 % senken.",
    "Unser Fonds, der 40 % in Aktien hat, senkt seine Quote auf 30 %.",
    "Le fonds, qui a 40 % en actions, doit réduire son allocation à 30 %.",
    "Reduzca su ponderación en renta variable al 60 %.",
    "Su tamaño debe subir al 3 % del patrimonio.",
]


@pytest.mark.parametrize("text", RELATIVE_CLAUSES)
def test_a_relative_clause_keeps_the_subject_before_it(text: str) -> None:
    """ "The fund, which had been long 80 %, sold …": the fund sold, in the past. A third
    party's subject is carried past a clause set off by commas to its predicate, and a
    possessive after the predicate ("redujo su asignación") names no actor."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", RELATIVE_TO_US)
def test_a_relative_clause_in_advice_still_blocks(text: str) -> None:
    """Advice to a product past its relative clause, a vocative, ours, the reader's."""
    assert blocked(text, LEVEL)


FRONTED_PAST = [
    "In 2022 the desk cut risk by half.",
    "In January, the desk bought 300 ES contracts at 3,900.",
    "On 9 March 2020 funds sold 10 % of their equity holdings.",
    "2008 verkauften Banken ihre Hypothekenanleihen zu 60 Cent.",
    "Im vierten Quartal 2022 senkte der Fonds seine Aktienquote auf 40 %.",
    "En 2008, les banques vendaient leurs obligations hypothécaires à 60 cents.",
    "En 2022, le desk achetait 300 contrats ES à 3 900.",
    "En 2022 la mesa compró 300 contratos ES a 3.900.",
]
FRONTED_NOW = [
    "In 2025, buy 300 ES contracts at 3,900.",
    "Im vierten Quartal die Aktienquote auf 40 % senken.",
    "En 2025, achetez 300 contrats ES à 3 900.",
]


@pytest.mark.parametrize("text", FRONTED_PAST)
def test_a_fronted_past_date_with_a_past_verb_passes(text: str) -> None:
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", FRONTED_NOW)
def test_a_fronted_date_before_an_instruction_still_blocks(text: str) -> None:
    assert blocked(text, LEVEL)


NAMED_FORECASTS = [
    "MSCI will raise the weight of Siemens to 3 %.",
    "MSCI erhöht die Gewichtung von Siemens auf 3 %.",
    "MSCI wird das Gewicht von Siemens auf 3 % erhöhen.",
    "STOXX wird das Gewicht von Bayer auf 1 % senken.",
    "MSCI va relever le poids de Total à 3 %.",
    "Norges Bank va réduire sa pondération actions à 60 %.",
    "MSCI elevará el peso de Iberdrola al 3 %.",
    "Index funds must buy $5bn of Tesla at the close.",
    "Indexfonds müssen zum Schluss Tesla-Aktien für 5 Mrd. Dollar kaufen.",
    "Pension funds are expected to rebalance 2 % into bonds.",
    "Les fonds indiciels devront acheter 5 milliards de dollars de Tesla à la clôture.",
    "Indextracker werden am Freitag 20 Mio. Disney-Aktien verkaufen müssen.",
]
FORECASTS_OF_OURS = [
    "Raise the weight of Siemens to 3 %.",
    "We will raise the weight of Siemens to 3 %.",
    "Investors should raise the weight of Siemens to 3 %.",
    "The portfolio should raise the weight of Siemens to 3 %.",
    "MSCI: raise the weight of Siemens to 3 %.",
    "Die Gewichtung von Siemens auf 3 % erhöhen.",
    "Wir werden das Gewicht von SAP auf 3 % anheben.",
    "SAP werden wir bei 200 kaufen.",
    "SAP sollten Sie bei 200 kaufen.",
    "SPY wird bei 400 gekauft.",
    "Wir müssen am Freitag 20 Mio. Disney-Aktien verkaufen.",
    "Nous allons relever le poids de Total à 3 %.",
    "Vamos a elevar el peso de Iberdrola al 3 %.",
]


@pytest.mark.parametrize("text", NAMED_FORECASTS)
def test_a_named_third_party_in_the_future_passes(text: str) -> None:
    """A name in capitals before a finite verb or a forecasting modal is its subject, and
    a weight that a third party's verb governs is that party's."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", FORECASTS_OF_OURS)
def test_the_same_change_of_ours_still_blocks(text: str) -> None:
    """Ours, the reader's, a book's, an imperative, a fronted ticker, a passive."""
    assert blocked(text, LEVEL)


MENTIONED_QUOTATIONS = [
    '"Sell Tesla" was the most common call among retail investors.',
    "'Buy the dip' stopped working in 2022.",
    'The headline "Buy Siemens now" ran on the front page.',
    'The slogan "sell Tesla" trended on social media.',
    '"Short Nvidia" has been the most painful trade of the year.',
    'The "sell America" trade faded in May.',
    'Retail forums were full of "buy Tesla" posts last week.',
    'The famous call "short Tesla at 200" looked wrong within weeks.',
    "„Siemens kaufen“ lautete die Schlagzeile der Bild-Zeitung.",
    "„Kauft Aktien!“ titelte die Zeitung 1999.",
    "Das Motto „Tesla verkaufen“ machte in sozialen Medien die Runde.",
    "„Sell in May“ hat dieses Jahr nicht funktioniert.",
    "« Achetez Total » titrait le journal en 2008.",
    "« Achetez de l'or » était le conseil le plus répandu en 2011.",
    "Le slogan « vendez Tesla » a fait le tour des réseaux sociaux.",
    "« Vendez en mai » n'a pas fonctionné cette année.",
    '"Compren Telefónica" fue el titular del periódico en 2000.',
    "El lema «vendan Tesla» se hizo viral.",
    "«Compren oro» fue el consejo más repetido en 2011.",
]
QUOTATIONS_USED = [
    '"Sell Tesla."',
    'Our call: "Sell Tesla".',
    'Our mantra "buy Tesla" still holds.',
    '"Sell Tesla" is what we recommend.',
    '"Sell Tesla" is the trade.',
    '"Buy Siemens now", says our strategist.',
    'We say "buy Siemens now".',
    '"Buy 200 TSLA at 250" was the headline.',
    'Investors should heed the headline "Sell Tesla".',
    'Put on the "short Nvidia" trade.',
    'Follow the old rule "sell Tesla on earnings".',
    "„Siemens kaufen“ lautet unsere Empfehlung.",
    "Unser Motto „Siemens kaufen“ gilt weiter.",
    "« Achetez Total » : c'est notre conseil.",
    '"Compren Telefónica", recomendamos.',
]


@pytest.mark.parametrize("text", MENTIONED_QUOTATIONS)
def test_a_quotation_mentioned_asks_nothing(text: str) -> None:
    """A headline, a slogan or a saying named as such, or the subject of a predicate in
    the past or a negated one, is mentioned: what it says is not asked of us."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", QUOTATIONS_USED)
def test_a_quotation_used_still_blocks(text: str) -> None:
    """Alone, after a label, ours, recommended, a whole order, or in an imperative."""
    assert blocked(text, LEVEL)


DISCLAIMERS = [
    "This is neither an offer to sell nor a solicitation of an offer to buy Tesla shares.",
    "This is not an offer or solicitation to buy or sell any security.",
    "No part of this document constitutes an offer to buy or sell shares of Apple.",
    "Dies ist weder ein Angebot noch eine Empfehlung zum Kauf oder Verkauf von Wertpapieren.",
    "Dieses Dokument ist weder ein Angebot zum Kauf noch eine Aufforderung zum Verkauf von Aktien.",
    "Diese Unterlage stellt weder ein Angebot noch eine Aufforderung zum Kauf dar.",
    "Ce document ne constitue ni une offre ni une sollicitation d'achat ou de vente de titres.",
    "Ni une offre, ni une recommandation d'achat d'actions Total.",
    "Este informe no es una oferta ni una solicitud de compra de acciones.",
    "Este documento no constituye ni una oferta ni una solicitud de compra o venta de valores.",
]
REFUSAL_THEN_ADVICE = [
    "This is not an offer to sell 200 TSLA at 250.",
    "This is neither advice nor a recommendation, but buy Tesla now.",
    "No offer to sell here: buy Tesla.",
    "Dies ist keine Empfehlung, sondern eine Aufforderung: Siemens kaufen.",
    "Kein Zögern, noch heute Siemens kaufen.",
    "Ce n'est pas un conseil : achetez Total.",
    "No es una recomendación: compren Telefónica.",
    "We see no reason not to buy Tesla.",
]


@pytest.mark.parametrize("text", DISCLAIMERS)
def test_a_disclaimer_refuses_the_offer_and_its_action(text: str) -> None:
    """ "weder … noch" negates both members; an action attached to a refused noun ("an
    offer to sell", "una solicitud de compra", "une sollicitation d'achat") is refused."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", REFUSAL_THEN_ADVICE)
def test_advice_beside_a_refusal_still_blocks(text: str) -> None:
    """A whole order under the refusal, or advice after it, blocks."""
    assert blocked(text, LEVEL)


LEVELS_THAT_HAPPENED = [
    "Our stop at 95 was hit on Tuesday.",
    "The stop at 95 was hit last week.",
    "The entry at 4,400 looked attractive in hindsight.",
    "A close below 4,450 would open the way to 4,300.",
    "Unser Stopp bei 95 wurde am Dienstag ausgelöst.",
    "Ein Schlusskurs unter 176 würde den Weg zu 170 öffnen.",
    "Der Einstieg bei 4.400 war attraktiv.",
    "Notre stop à 95 a été touché mardi.",
    "Une clôture sous 4 450 ouvrirait la voie vers 4 300.",
    "Un cierre por debajo de 4.450 abriría el camino hacia 4.300.",
]
LEVELS_ASKED = [
    "Our stop: 95.",
    "Put our stop at 95.",
    "The entry at 4,400 is attractive.",
    "Set the stop at 95, as it was last week.",
    "Our stop-loss is at 95.",
    "Der Einstieg bei 4.400 ist attraktiv.",
    "Unser Stopp bei 95 sollte auf 97 angehoben werden.",
]


@pytest.mark.parametrize("text", LEVELS_THAT_HAPPENED)
def test_a_level_that_was_hit_or_would_open_passes(text: str) -> None:
    """A level heading the subject of a predicate in the past, ours or not, or in a
    conditional; an adjective of advice after a copula in the past judges what was."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", LEVELS_ASKED)
def test_a_level_set_or_advised_still_blocks(text: str) -> None:
    assert blocked(text, LEVEL)


OPERATIONS = [
    "The backtest uses limit orders at the close and a 2x leverage cap.",
    "The risk engine enforces a VaR limit of 2 % at portfolio level.",
    "The simulator fills buy orders at the ask and sell orders at the bid.",
    "Der Backtest verwendet Limit-Orders zum Schlusskurs und eine Hebelgrenze von 2x.",
    "Der Simulator füllt Kauforders zum Briefkurs und Verkaufsorders zum Geldkurs.",
    "Le backtest suppose un stop-loss à 2 % sous le prix d'entrée.",
    "Le moteur de risque rejette les ordres au-delà de la limite de 5 %.",
    "El backtest supone un stop-loss al 2 % por debajo de la entrada.",
    "El motor de riesgo rechaza las órdenes que superan el límite del 5 %.",
]
OPERATIONS_ASKED = [
    "The backtest should run at 5x leverage; set the leverage limit to 5x.",
    "The risk engine should raise the VaR limit to 4 %.",
    "Set the VaR limit to 4 % in the risk engine.",
    "Der Backtest soll die Hebelgrenze auf 5x anheben.",
    "Le moteur de risque doit relever la limite de VaR à 4 %.",
    "Suba el límite de VaR al 4 % en el motor de riesgo.",
]


@pytest.mark.parametrize("text", OPERATIONS)
def test_an_engineering_note_describes_its_system(text: str) -> None:
    """Software named as the subject (the backtest, the risk engine, der Backtest, le
    moteur de risque) describes its behaviour; a compound ("Limit-Orders") starts no
    sentence."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", OPERATIONS_ASKED)
def test_a_setting_asked_of_the_system_still_blocks(text: str) -> None:
    """What the system should do is a setting, like a fund's."""
    assert blocked(text, LEVEL)
