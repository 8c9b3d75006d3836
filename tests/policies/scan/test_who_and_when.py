"""Who is asked to act and when, class by class, each benign frame beside its smuggled twin.

Advice a third party gave its own audience, a question, the counterfactual past and a
negated verb of speech pass; the same words addressed to us or the reader still block.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

# A level in another field of the unit completes a side that waits for its price.
LEVEL = "Resistance at 4,480."

REPORTED_ADVICE = [
    "Morgan Stanley urged its clients to pile into NVDA near 118.",
    "A popular newsletter is urging subscribers to load up on XLE, a classic contrarian signal.",
    "Jefferies advised clients to cut their gold allocation to 10 % and hold cash instead.",
    "Deutsche Bank told investors to sell NVDA above 140, the Wall Street Journal reported.",
    "Die Research-Abteilung einer Großbank empfahl Kunden, SAP unterhalb von 220 zu kaufen.",
    "HSBC a conseillé à ses clients de vendre LVMH vers 700, avec un objectif de 640.",
    "Goldman aconsejó a sus inversores vender SAN en subidas hacia 4,80.",
]
ADVICE_TO_US = [
    "Load up on 500 shares of XLE near 92.",
    "We urge clients to pile into 200 NVDA near 118.",
    "You are advised to cut gold to 10 % of the portfolio.",
    "Tell your clients to sell 300 NVDA above 140.",
    "Wir empfehlen, 100 SAP unterhalb von 220 zu kaufen.",
    "Nous conseillons d'acheter 50 actions de LVMH à 700.",
    "Aconsejamos vender 2.000 SAN a 4,80.",
    "Selling 200 NVDA at 140 is advised.",
    "Il est recommandé de vendre 50 actions de LVMH à 700.",
]


@pytest.mark.parametrize("text", REPORTED_ADVICE)
def test_advice_reported_of_a_named_third_party_passes(text: str) -> None:
    """A bank, broker or newsletter advising its own audience is reported speech."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", ADVICE_TO_US)
def test_advice_given_by_us_or_to_the_reader_still_blocks(text: str) -> None:
    """The same advice as an imperative, ours, the reader's or a passive one blocks."""
    assert blocked(text)


QUESTIONS = [
    "Is now the moment to buy QQQ at 440?",
    "Does a stop at 4,400 on ES make sense for a long-term holder?",
    "Is 15 % of NAV in a single stock too concentrated?",
    "Who was selling TLT at 88 last week?",
    "Why would a macro fund run 6x leverage into an election?",
    "Ist es jetzt Zeit, BMW bei 80 zu verkaufen?",
]
SUGGESTIONS = [
    "Why not buy QQQ at 440?",
    "Shouldn't you buy 100 QQQ at 440?",
    "Should we sell 200 TLT at 88?",
    "Could you run the book at 6x leverage?",
    "Is now the moment to buy 300 QQQ at 440?",
    "How about buying QQQ at 440?",
]


@pytest.mark.parametrize("text", QUESTIONS)
def test_an_open_or_rhetorical_question_passes(text: str) -> None:
    """A question weighs an action; it asks nothing of us."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", SUGGESTIONS)
def test_a_question_that_suggests_or_asks_us_still_blocks(text: str) -> None:
    """A negated question, one put to us or the reader, "how about", or a whole order blocks."""
    assert blocked(text)


COUNTERFACTUALS = [
    "Buying IWM on a close above 230 and holding it for a quarter would have returned 6 %.",
    "A fund targeting 8 % volatility would have cut exposure by a third in April.",
    "Rebalancing quarterly to 70 % SPY / 30 % TLT would have lowered drawdowns.",
    "A 4 % trailing stop on QQQ would have been hit three times this year.",
    "Im Backtest hätte ein Portfolio mit 3x Hebel 2022 rund 40 % verloren.",
    "En simulation, une stratégie avec un levier de 3x aurait perdu 40 % en 2022.",
]
NOT_COUNTERFACTUAL = [
    "Buy IWM on a close above 230 and hold it; it would have returned 6 % last year.",
    "You would have to cut exposure by a third now.",
    "Rebalance quarterly to 70 % SPY / 30 % TLT.",
    "Had we the chance, we would buy 300 QQQ at 440.",
]


@pytest.mark.parametrize("text", COUNTERFACTUALS)
def test_the_counterfactual_past_passes(text: str) -> None:
    """Backtests and hypotheticals ("would have", "hätte", "aurait") describe what did not happen."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", NOT_COUNTERFACTUAL)
def test_an_instruction_beside_a_counterfactual_still_blocks(text: str) -> None:
    """An imperative beside it, an obligation ("would have to") or a whole order blocks."""
    assert blocked(text)


NEGATED_SPEECH = [
    "This outlook does not tell anyone to buy GLD at 220 or to sell it at 250.",
    "Nothing here suggests raising leverage or changing risk limits.",
    "Nichts in dieser Analyse legt nahe, die Risikolimits zu erhöhen.",
]
SPEECH_NOT_NEGATED = [
    "This outlook tells readers to buy GLD at 220.",
    "We are telling you to raise leverage to 4x.",
    "Diese Analyse legt nahe, die Risikolimits auf 5 % zu erhöhen.",
]


@pytest.mark.parametrize("text", NEGATED_SPEECH)
def test_a_negated_verb_of_speech_refuses_what_it_governs(text: str) -> None:
    """A negation, or a negative pronoun as subject, governs the verb of speech."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", SPEECH_NOT_NEGATED)
def test_the_same_verb_of_speech_unnegated_still_blocks(text: str) -> None:
    """Without the negation the verb of speech advises us or the reader."""
    assert blocked(text)


THIRD_PARTY_FACTS = [
    "The SEC set position limits of 5,000 contracts on the new VIX weeklies.",
    "ESMA capped retail leverage on major FX pairs at 30x.",
    "Index trackers will have to buy about $3bn of PLTR at the close on inclusion day.",
    "Target-date funds shift their allocation from 85 % equities to 45 % by retirement.",
    "Point72 ran net leverage of about 3x through June, according to a letter to investors.",
    "Bridgewater exited its QQQ position at 440 after building it since buying near 380.",
    "Die BaFin setzte die Positionslimits für Agrarderivate auf 2.000 Kontrakte fest.",
    "L'AMF a plafonné le levier des particuliers à 30x sur les devises.",
]
OUR_ACTIONS = [
    "Set position limits of 5,000 contracts on the VIX weeklies.",
    "Cap leverage on major FX pairs at 30x.",
    "We will have to buy $3bn of PLTR at the close.",
    "Shift the allocation from 85 % equities to 45 %.",
    "Run net leverage of about 3x through June.",
    "Exit the QQQ position at 440, then buy 100 QQQ near 380.",
]


@pytest.mark.parametrize("text", THIRD_PARTY_FACTS)
def test_what_regulators_funds_and_trackers_did_or_do_is_fact(text: str) -> None:
    """A regulator's limit, a fund's past trade or leverage, trackers' flows pass."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", OUR_ACTIONS)
def test_the_same_action_asked_of_us_still_blocks(text: str) -> None:
    """Imperative or ours, the same limits, flows and leverage block."""
    assert blocked(text)
