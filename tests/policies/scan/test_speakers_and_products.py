"""Who speaks and who is spoken of: attribution, products and refused speech acts, with twins.

A recommendation attributed to a named third party ("according to UBS", "in Citi's view",
"BofA says") is reported; a product or its document described in the present tense is a
fact; a speech act named as a noun and refused ("not an invitation to buy") refuses what it
frames. The same words attributed to us, addressed to a product as advice, or not refused
still block.
"""

from __future__ import annotations

import pytest

from tests.policies.scan.verdicts import blocked

LEVEL = "Resistance at 4,480."

ATTRIBUTED = [
    "According to a Barclays note, investors should add gold under 2,250.",
    "In HSBC's view, clients ought to lighten up on Tesla above 400.",
    "Jefferies argues investors should rotate out of utilities into banks.",
    "Wells Fargo said clients should sell the euro above 1.12.",
    "In the view of Nomura, investors should cut duration to 4 years.",
    "Laut einer Studie der DZ Bank sollten Anleger Kupfer unter 9.000 kaufen.",
    "Nach Ansicht der Helaba sollten Anleger die Aktienquote auf 40 % senken.",
    "Selon Natixis, les investisseurs devraient acheter du cuivre sous 9 000.",
    "D'après Oddo, les investisseurs devraient réduire les actions à 35 %.",
    "Según CaixaBank, los inversores deberían vender el dólar por encima de 1,12.",
    "El banco opina que los inversores deberían comprar cobre por debajo de 9.000.",
]
ATTRIBUTED_TO_US = [
    "According to our model, investors should buy 300 GLD under 225.",
    "In my view, clients ought to sell 200 TSLA above 400.",
    "According to Barclays, we should buy 300 GLD under 225.",
    "According to Barclays, buy 300 GLD under 225.",
    "The chart says investors should buy 300 GLD under 225.",
    "Laut unserem Modell sollten Anleger 300 GLD unter 225 kaufen.",
    "Selon notre analyse, les investisseurs devraient acheter 300 GLD sous 225.",
    "Según nuestro modelo, los inversores deberían comprar 300 GLD por debajo de 225.",
]


@pytest.mark.parametrize("text", ATTRIBUTED)
def test_a_recommendation_attributed_to_a_named_third_party_is_reported(text: str) -> None:
    """The speaker named by "according to", "in X's view", "laut", "selon", "says" owns it."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", ATTRIBUTED_TO_US)
def test_a_recommendation_of_ours_or_of_no_named_speaker_still_blocks(text: str) -> None:
    """Our model, my view, an attribution beside our own plan or an unnamed "chart" block."""
    assert blocked(text)


PRODUCTS = [
    "The fund may borrow up to 125 % of its net assets to meet redemptions.",
    "The mandate caps any single issuer at 8 % of NAV.",
    "The fund may not invest more than 10 % of its assets in any one issuer.",
    "A 2x daily leveraged ETF resets its exposure at every close.",
    "Leveraged ETFs rebalance their leverage back to 3x each day.",
    "The ETF writes covered calls on its holdings and sells a put on QQQ each month.",
    "The note pays 7 % a year and knocks in at 55 % of the initial level.",
    "Der Fonds arbeitet mit einem täglichen Hebel von 2x.",
    "Der Fonds investiert mindestens 70 % seines Vermögens in Anleihen.",
    "Le fonds peut emprunter jusqu'à 15 % de son actif net.",
    "El fondo invierte al menos el 70 % de su patrimonio en bonos.",
]
PRODUCTS_ADVISED = [
    "We should run the fund at 3x leverage.",
    "The fund should run at 3x leverage.",
    "The fund should be 8 lots short EUR/GBP on a dip to 64,000.",
    "Run the fund at 3x leverage.",
    "Cap any single issuer at 8 % of NAV.",
    "Der Fonds sollte 300 SAP bei 220 kaufen.",
]


@pytest.mark.parametrize("text", PRODUCTS)
def test_a_product_or_mandate_described_is_fact(text: str) -> None:
    """What a fund, an ETF, a note or a mandate does or may do describes the product."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", PRODUCTS_ADVISED)
def test_a_product_advised_or_run_by_us_still_blocks(text: str) -> None:
    """A recommendation addressed to the product, or our running of it, blocks."""
    assert blocked(text)


REFUSED_SPEECH_ACTS = [
    "This is not investment advice and not an invitation to buy AMD.",
    "Nothing in this report is an offer or solicitation to buy or sell any security.",
    "None of this should be read as advice to sell silver at 30.",
    "This should not be read as a recommendation to buy IWM at 230.",
    "Ceci n'est pas une invitation à acheter Airbus.",
    "Este informe no es una invitación a vender Repsol.",
]
SPEECH_ACTS = [
    "This is an invitation to buy 100 AMD at 150.",
    "Read this as advice to sell 200 SLV at 30.",
    "Take this as a recommendation to buy 100 IWM at 230.",
    "Ceci est une invitation à acheter 50 Airbus à 160.",
    "Esto es una invitación a vender 1.000 Repsol a 14.",
]


@pytest.mark.parametrize("text", REFUSED_SPEECH_ACTS)
def test_a_refused_speech_act_refuses_the_order_it_frames(text: str) -> None:
    """ "Not an invitation to", "should not be read as advice to": the negation governs it."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", SPEECH_ACTS)
def test_the_same_speech_act_unrefused_still_blocks(text: str) -> None:
    """An invitation, advice or recommendation named and not refused advises."""
    assert blocked(text)


REGULATORS = [
    "The clearing house set the margin for Bund futures at 4 %.",
    "LCH raised initial margin on gilt futures to 6 % after the selloff.",
    "Eurex erhöht die Einschussmarge für DAX-Futures auf 10 %.",
    "Santander elevó su precio objetivo para BBVA a 11,50.",
]
OUR_LIMITS = [
    "Set the margin for Bund futures at 4 %.",
    "Raise initial margin on gilt futures to 6 %.",
    "Erhöhen Sie die Einschussmarge für DAX-Futures auf 10 %.",
    "Eleve su precio objetivo para BBVA a 11,50 y compre 100 BBVA a 10.",
]


@pytest.mark.parametrize("text", REGULATORS)
def test_clearing_houses_exchanges_and_banks_past_acts_are_fact(text: str) -> None:
    """A clearing house's margin, an exchange's rule, a bank's raised target pass."""
    assert not blocked(text, LEVEL)


@pytest.mark.parametrize("text", OUR_LIMITS)
def test_the_same_limits_set_by_us_still_block(text: str) -> None:
    """The imperative of the same change blocks."""
    assert blocked(text)
