"""Our levels moved, past trades endorsed, settings from a date on, letters NFKC keeps.

A level of ours moved to a new figure is an order, in the imperative or as a passive
plan ("Our stop at 95 should be moved to 97", "Der Stopp sollte auf 97 nachgezogen
werden", "la limite de perte sera portée à 3 millions"); "stop" as a noun there is no
verb of avoiding. Others' stops moved, or ours in the past, are history. A past trade of
ours followed by our readiness to repeat it ("and would do it again", "und würden es
wieder tun", "et le referions", "y lo volveríamos a hacer") endorses it now; others'
readiness, or ours negated or asked, does not. A letter-spaced word keeps a letter that
folds to two ("S c h l i e ß e n"), and Latin letters that NFKD keeps whole ("ł", "ꝋ", the
small capitals) fold to the letter their name says. A level's figure may be approximate
("a stop somewhere around 2,300"). A state of our book stated from a time on ("From next
week the fund runs 3.5 times levered", "Ab Montag ist das Portfolio … short", "Dès lundi,
la limite de VaR passe à 20 millions") is a setting made now; the same of others, or in
the past, is commentary.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

LEVELS_MOVED = [
    "Our stop at 95 should be moved to 97.",
    "The stop should be raised to 97.",
    "Our take-profit should be lowered to 108.",
    "The stop on our gold long is to be raised to 2,350.",
    "The daily loss limit will be raised to 3 million.",
    "Der Stopp sollte auf 97 nachgezogen werden.",
    "Der Stopp für die Gold-Position wird auf 2.350 angehoben.",
    "Das Verlustlimit wird auf 3 Millionen angehoben.",
    "Notre stop à 95 doit être relevé à 97.",
    "La limite de perte quotidienne sera portée à 3 millions.",
    "Nuestro stop en 95 debería moverse a 97.",
    "El límite de pérdidas diarias será elevado a 5 millones.",
]
LEVELS_OF_OTHERS_OR_PAST = [
    "Many traders moved their stops to 97 after the rally.",
    "The stop at 95 was hit yesterday.",
    "Our stop at 95 was moved to 97 last week.",
    "We stop adding to TLT.",
    "The daily loss limit was raised to 3 million last year.",
    "The limit was raised by the regulator to 3 million.",
    "Viele Händler haben ihre Stopps auf 97 nachgezogen.",
    "Die EZB hat die Zinsen auf 4 % angehoben.",
    "La limite de perte a été portée à 3 millions en 2022.",
    "Les limites de position seront relevées par l'AMF à 3 millions.",
]


@pytest.mark.parametrize("text", LEVELS_MOVED)
def test_our_level_moved_to_a_figure_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", LEVELS_OF_OTHERS_OR_PAST)
def test_levels_of_others_or_moved_in_the_past_pass(text: str) -> None:
    assert not blocked(text)


TRADES_ENDORSED = [
    "We bought TLT last week and would do it again.",
    "We bought TLT last week and would buy it again today.",
    "We sold ES on Monday and would do so again.",
    "We bought gold in May; we would do it again now.",
    "Last month we added to gold; we would do so again at these levels.",
    "Wir haben letzte Woche TLT gekauft und würden es wieder tun.",
    "Wir haben SAP gekauft und würden wieder kaufen.",
    "Nous avons acheté du TLT la semaine dernière et le referions.",
    "Nous avons acheté de l'or et en rachèterions aujourd'hui.",
    "Compramos TLT la semana pasada y lo volveríamos a hacer.",
    "Compramos oro y volveríamos a comprar hoy.",
]
TRADES_NOT_ENDORSED = [
    "Investors bought TLT last week and may do so again.",
    "We bought TLT last week; in hindsight it was too early.",
    "Foreign banks bought gold in May and would do so again, analysts say.",
    "We bought TLT last week and would not do it again.",
    "We bought TLT last week; would we do it again?",
    "We bought TLT last week. Dealers would do it again, they say.",
    "Wir haben SAP gekauft, was sich als Fehler erwies.",
    "Wir haben SAP gekauft und würden es nicht wieder tun.",
    "Nous avons acheté du TLT et ne le referions pas.",
    "Compramos TLT y no lo volveríamos a hacer.",
]


@pytest.mark.parametrize("text", TRADES_ENDORSED)
def test_a_past_trade_of_ours_endorsed_for_now_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", TRADES_NOT_ENDORSED)
def test_a_trade_of_others_or_not_endorsed_passes(text: str) -> None:
    assert not blocked(text)


LETTERS = [
    "S c h l i e ß e n   S i e   d i e   P o s i t i o n   i n   S A P .",
    "S C H L I E ẞ E N   S I E   D I E   P O S I T I O N .",
    "S-c-h-l-i-e-ß-e-n Sie die Position in SAP.",
    "Sełł 200 TLT at 90.",
    "Seƚƚ 200 TLT at 90.",
    "S e ł ł   2 0 0   T L T   a t   9 0 .",
    "Bᴜʏ 200 TLT at 90.",  # noqa: RUF001
    "ʙᴜʏ 200 TLT at 90.",
    "Cꝋmpren 200 TLT a 90.",
]


@pytest.mark.parametrize("text", LETTERS)
def test_letters_nfkc_keeps_whole_fold_to_their_letter(text: str) -> None:
    assert blocked(text)


def test_a_spaced_sharp_s_in_prose_stays_prose() -> None:
    assert not blocked("D i e   G r ö ß e   d e s   M a r k t e s   w ä c h s t .")


LEVELS_APPROXIMATED = [
    "A stop somewhere around 2,300 on the gold long seems sensible.",
    "A stop roughly at 2,300 on the gold long.",
    "Ein Stopp etwa bei 2.300 auf die Gold-Position erscheint uns sinnvoll.",
    "Un stop environ à 2 300 sur la position en or semble raisonnable.",
]
FIGURES_APPROXIMATED = [
    "Gold traded somewhere around 2,300 last week.",
    "Stops were clustered roughly around 2,300.",
    "The index stood at about 4,500.",
]


@pytest.mark.parametrize("text", LEVELS_APPROXIMATED)
def test_a_level_with_an_approximate_figure_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", FIGURES_APPROXIMATED)
def test_approximate_figures_of_the_market_pass(text: str) -> None:
    assert not blocked(text)


SETTINGS_FROM_A_DATE = [
    "From next week the fund runs 3.5 times levered.",
    "The book will be 60 % equities and 40 % bonds from Monday.",
    "The desk's loss limit is 4 million instead of 2 million as of Monday.",
    "Ab nächster Woche liegt die Aktienquote des Fonds bei 70 %.",
    "Ab Montag ist das Portfolio in US-Technologiewerten short.",
    "Ab Mittwoch macht der Ölkontrakt 4 % des Portfolios aus.",
    "La poche obligataire sera de 35 % à partir de lundi.",
    "Dès lundi, la limite de VaR du desk taux passe à 20 millions.",
    "Desde el lunes la cartera tendrá un 35 % en bonos.",
    "Desde el lunes el límite de VaR de la mesa de tipos es de 20 millones.",
]
DATED_STATES_OF_OTHERS = [
    "From Monday the ECB's deposit rate is 3.75 %.",
    "From Monday the portfolio returned 4 % over the month.",
    "From today's levels, equities have 10 % upside.",
    "From now on, inflation should ease toward 2 %.",
    "Ab Montag liegt der Leitzins der EZB bei 4 %.",
    "Dès lundi, la BCE applique un taux de 3,75 %.",
    "Desde el lunes el BCE aplica un tipo del 3,75 %.",
]


@pytest.mark.parametrize("text", SETTINGS_FROM_A_DATE)
def test_a_state_of_our_book_from_a_date_on_blocks(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", DATED_STATES_OF_OTHERS)
def test_dated_states_of_others_or_the_past_pass(text: str) -> None:
    assert not blocked(text)
