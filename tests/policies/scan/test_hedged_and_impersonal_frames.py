"""Hedged and impersonal frames of advice, each crossed with steps of every kind.

A frame that softens advice ("we'd lean towards …", "a case could be made for …", "man
könnte …", "il serait peut-être bon de …", "no descartaríamos …") or states it without a
person ("the thing to do is …", "le mieux est de …", "il s'agit de …", "il y a lieu de
…", "lo suyo es …", "jetzt heißt es …") asks us to take the step it frames, whatever
that step is: a trade in a named target, a stop, leverage, a weight, a mode switch, a
limit. The same frames over a wait, an analysis or a forecast ask nothing, and a third
party's frame reported is theirs.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

_STEPS_EN = [
    ("trimming gold", "trim gold"),
    ("moving the stop on gold to 2,290", "move the stop on gold to 2,290"),
    ("taking leverage to 3x", "take leverage to 3x"),
    ("switching the model to live trading", "switch the model to live trading"),
    ("cutting the VaR limit to 2 %", "cut the VaR limit to 2 %"),
]
_FRAMES_EN = [
    "We'd lean towards {ing}.",
    "I would lean toward {ing}.",
    "A case could be made for {ing}.",
    "An argument can be made for {ing}.",
    "My instinct would be to {inf}.",
    "The thing to do is {inf}.",
    "The smart thing is to {inf}.",
]
_STEPS_DE = [
    "Gold reduzieren",
    "den Stopp für Gold auf 2.290 setzen",
    "den Hebel auf 3x erhöhen",
    "das Modell auf Live-Handel umstellen",
    "das VaR-Limit auf 2 % senken",
]
_FRAMES_DE = ["Man könnte {inf}.", "Vielleicht könnte man {inf}.", "Man müsste {inf}."]
_STEPS_DE_ZU = [
    "Gold zu verkaufen",
    "den Stopp für Gold auf 2.290 zu setzen",
    "den Hebel auf 3x zu erhöhen",
]
_FRAMES_DE_ZU = ["Jetzt heißt es, {zu}.", "Nun gilt es, {zu}."]
_STEPS_FR = [
    "alléger l'or",
    "remonter le stop sur l'or à 2 290",
    "porter le levier à 3x",
    "passer le modèle en réel",
    "abaisser la limite de VaR à 2 %",
]
_FRAMES_FR = [
    "Il serait peut-être bon de {inf}.",
    "Le mieux est de {inf}.",
    "Le mieux serait de {inf}.",
    "Il s'agit de {inf}.",
    "Il y a lieu de {inf}.",
    "Il importe de {inf}.",
    "Il vaudrait la peine de {inf}.",
    "Nous n'excluons pas de {inf}.",
]
_STEPS_ES = [
    "reducir el oro",
    "subir el stop del oro a 2.290",
    "llevar el apalancamiento a 3x",
    "pasar el modelo a real",
    "bajar el límite de VaR al 2 %",
]
_FRAMES_ES = [
    "Lo suyo es {inf}.",
    "Lo indicado sería {inf}.",
    "Lo que procede es {inf}.",
    "Acaso convenga {inf}.",
    "No descartaríamos {inf}.",
]


def _elided(text: str) -> str:
    """French "de" before a vowel, as it is written: "il s'agit d'alléger"."""
    for vowel in "aeéiouh":
        text = text.replace(f" de {vowel}", f" d'{vowel}")
    return text


FRAMED_STEPS = (
    [f.format(ing=ing, inf=inf) for f in _FRAMES_EN for ing, inf in _STEPS_EN]
    + [f.format(inf=inf) for f in _FRAMES_DE for inf in _STEPS_DE]
    + [f.format(zu=zu) for f in _FRAMES_DE_ZU for zu in _STEPS_DE_ZU]
    + [_elided(f.format(inf=inf)) for f in _FRAMES_FR for inf in _STEPS_FR]
    + [f.format(inf=inf) for f in _FRAMES_ES for inf in _STEPS_ES]
)

FRAMED_WAITS = [
    # English
    "We'd lean towards the bear case.",
    "A case could be made for a June cut.",
    "The thing to do is wait for the print.",
    "The smart thing is to stay patient.",
    "My instinct is to stay cautious.",
    "Central bankers lean towards cutting rates.",
    "UBS says the thing to do is sell the euro.",
    # German
    "Man könnte meinen, die EZB sei fertig.",
    "Man könnte argumentieren, dass Gold teuer ist.",
    "Jetzt heißt es abwarten.",
    "Jetzt gilt es, die Daten abzuwarten.",
    # French
    "Il s'agit d'une hausse temporaire.",
    "Il s'agit de savoir si la BCE baissera ses taux.",
    "Le mieux est d'attendre la BCE.",
    "Il y a lieu de penser que l'inflation baisse.",
    "Il y a deux ans, les fonds ont vendu l'or.",
    "Il importe de noter que l'or a progressé.",
    "Il serait bon de surveiller l'inflation.",
    "Nous n'excluons pas une récession.",
    # Spanish
    "Lo suyo es esperar a los datos.",
    "Lo indicado es esperar a la Fed.",
    "Acaso convenga esperar.",
    "No descartamos una recesión.",
    "Según Goldman, lo suyo es vender el oro.",
]


@pytest.mark.parametrize("text", FRAMED_STEPS)
def test_a_hedged_or_impersonal_frame_asks_the_step_it_frames(text: str) -> None:
    assert blocked(text)


@pytest.mark.parametrize("text", FRAMED_WAITS)
def test_the_same_frames_over_waits_analysis_or_others_pass(text: str) -> None:
    assert not blocked(text)


SPELLED_PAIRS = [
    ("Il y a lieu d'alléger l'or.", True),
    ("Il y a des risques.", False),
    ("G o long 50 ES.", True),
]


@pytest.mark.parametrize(("text", "expected"), SPELLED_PAIRS)
def test_two_letters_of_a_phrase_are_not_joined_into_a_word(text: str, expected: bool) -> None:
    """French "il y a" is no Spanish "ya": two single letters join only outside a phrase."""
    assert blocked(text) is expected
