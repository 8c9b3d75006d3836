"""Commentary that shares words with an instruction, class by class, beside the instruction.

Each table pairs commentary (a weight described, a probability, advice reported of others, a
refusal of our own, a word of another language) with instructions in the same words; the
commentary passes and the instructions still block.
"""

from __future__ import annotations

import pytest

from policies.scan import shipped_vocabulary_dir
from policies.scan.vocabulary import Role, lexicon_for
from tests.policies.scan.verdicts import blocked

# A level in another field of the unit completes a side that waits for its price.
LEVEL = "Support at 4,480."

WEIGHTS_DESCRIBED = [
    "MSFT carries a 7 % weight in the benchmark.",
    "The weight of MSFT in the index now reaches 7 %.",
    "Quarterly index rebalancing forces trackers to buy new members at the close.",
    "MSFT kommt im Index inzwischen auf ein Gewicht von 7 %.",
    "Das Gewicht von MSFT im Leitindex beträgt 7 %.",
    "Le poids de MSFT dans l'indice atteint 7 %.",
    "MSFT représente 7 % de l'indice de référence.",
]
WEIGHTS_SET = [
    "Raise the weight of MSFT to 7 %.",
    "Target weight for MSFT: 7 %.",
    "Das Gewicht von MSFT sollte 7 % betragen.",
    "Setzen Sie das Gewicht von MSFT auf 7 %.",
    "Le poids de MSFT doit atteindre 7 %.",
    "Rebalance the portfolio to 60/40.",
    "Die maximale Positionsgröße beträgt künftig 4 % des NAV.",
    "Position size per name reaches 3 % of NAV.",
]


@pytest.mark.parametrize("text", WEIGHTS_DESCRIBED)
def test_a_weight_described_by_its_verb_is_commentary(text: str) -> None:
    """A weight that a describing verb predicates ("reaches", "beträgt", "atteint") passes."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", WEIGHTS_SET)
def test_a_weight_set_or_advised_still_blocks(text: str) -> None:
    """A weight set, labelled or advised with a modal, or a limit a describing verb states,
    blocks."""
    assert blocked(text)


PROBABILITIES = [
    "We would put roughly 30 % odds on NVDA breaking below 4,500 this quarter.",
    "Our bear case puts a 25 % chance on NVDA testing 4,500.",
    "Wir setzen eine Wahrscheinlichkeit von 25 % darauf, dass NVDA unter 4.500 fällt.",
    "Nous plaçons une probabilité de 25 % sur un repli de NVDA vers 4 500.",
]
SIZES_IN_PERCENT = [
    "Put 30 % of NAV in NVDA below 4,500.",
    "Put 30 % in NVDA below 4,500.",
    "Setzen Sie 25 % des Portfolios auf NVDA.",
]


@pytest.mark.parametrize("text", PROBABILITIES)
def test_a_percentage_that_is_a_probability_is_no_size(text: str) -> None:
    """A percentage beside a probability noun, before or after it, sizes nothing."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", SIZES_IN_PERCENT)
def test_a_percentage_of_the_book_is_still_a_size(text: str) -> None:
    """A percentage put into a target blocks."""
    assert blocked(text)


ADVICE_OF_OTHERS = [
    "Several brokers have told clients to accumulate NFLX below 610; we disagree.",
    "Some advisers are telling clients to buy NFLX near 610; this note takes no side.",
    "Mehrere Banken raten ihren Kunden, NFLX unter 610 zu kaufen.",
    "Plusieurs courtiers conseillent à leurs clients d'acheter NFLX sous 610.",
    "Die Indexanpassung zwingt passive Fonds, 2 Mrd. Dollar an NFLX zu kaufen.",
    "Der Margin Call zwang Hedgefonds, 3 Mio. Aktien von NFLX zu verkaufen.",
]
ADVICE_OF_OURS = [
    "We have told clients to accumulate NFLX below 610.",
    "We are telling clients to buy 100 NFLX near 610.",
    "Clients should accumulate 200 shares of NFLX below 610.",
    "Während Hedgefonds verkaufen, empfehlen wir, 200 NFLX bei 610 zu kaufen.",
    "Hedgefonds verkaufen, wir raten aber, 200 NFLX bei 610 zu kaufen.",
    "Trotz der Hedgefonds gilt: 200 NFLX bei 610 kaufen.",
]


@pytest.mark.parametrize("text", ADVICE_OF_OTHERS)
def test_advice_reported_of_others_is_commentary(text: str) -> None:
    """Brokers, banks and advisers telling their clients to act pass."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", ADVICE_OF_OURS)
def test_advice_of_ours_still_blocks(text: str) -> None:
    """The same advice given by us, or to the reader, blocks."""
    assert blocked(text)


REFUSALS = [
    "We are not suggesting anyone buy EEM at these levels.",
    "We are not suggesting that readers buy EEM near 41.",
    "Nothing in this note argues for going long or short EEM.",
    "We are neither buying nor selling EEM around 41.",
    "This outlook contains no buy or sell recommendation for EEM.",
    "Diese Analyse ist keine Kauf- oder Verkaufsempfehlung für EEM.",
    "Wir empfehlen ausdrücklich nicht, EEM zu kaufen oder zu verkaufen.",
    "Cette note ne recommande ni d'acheter ni de vendre EEM.",
]
NOT_REFUSED = [
    "We are suggesting you buy 100 EEM at 41.",
    "We suggest that readers buy 100 EEM near 41.",
    "We do not recommend waiting, buy 100 EEM at 41.",
    "Do not sell EEM, buy 100 QQQ at 400.",
    "We would not sell, but buy 100 EEM at 41.",
    "We do not recommend that you sell, but that you buy 100 EEM at 41.",
    "Kaufen Sie nicht SAP, sondern verkaufen Sie 100 BMW bei 90.",
    "Wir empfehlen nicht, dass Sie EEM verkaufen; kaufen Sie 100 EEM bei 41.",
    "Don't hesitate to sell or buy 100 EEM at 41.",
]


@pytest.mark.parametrize("text", REFUSALS)
def test_a_refusal_reaches_across_or_and_into_its_complement(text: str) -> None:
    """A refusal covers the action after "or"/"oder"/"ni" and the clause it opens."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", NOT_REFUSED)
def test_an_action_beyond_the_refusal_still_blocks(text: str) -> None:
    """After "but", "sondern", a new imperative, or under an urging frame, the action blocks."""
    assert blocked(text)


def test_a_function_word_of_one_language_is_no_verb_of_another() -> None:
    """Spanish "dé" folds to the French and Spanish "de": a preposition, never a verb."""
    lexicon = lexicon_for(shipped_vocabulary_dir())
    assert not lexicon.words["de"].roles & Role.VERB
    assert not blocked("Nous ne voyons aucun signe de ventes forcées sur le crédit.", LEVEL)
    assert blocked("Coloque una orden de compra de 100 SAN a 4,10.")


PERFECT_TENSE = [
    "Nach Angaben der CFTC haben Makrofonds im Oktober 4.000 Kontrakte ESZ6 verkauft.",
    "Privatanleger haben im Sommer 2 Mio. Aktien von SAP gekauft.",
]
IHR_IMPERATIVE = [
    "Kauft 200 SAP bei 150.",
    "Kauft 4.000 Kontrakte ESZ6 bei 5.000.",
    "Es werden zweihundert SAP bei 150 gekauft.",
]


@pytest.mark.parametrize("text", PERFECT_TENSE)
def test_a_german_perfect_is_the_past(text: str) -> None:
    """A participle that closes its clause after "haben" describes the past."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", IHR_IMPERATIVE)
def test_the_same_form_as_an_imperative_still_blocks(text: str) -> None:
    """An imperative to several readers, or a passive after a modal ("es werden … gekauft"),
    blocks."""
    assert blocked(text)
