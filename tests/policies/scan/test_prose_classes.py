"""Directives read from prose, class by class: what an instruction to us is, and what is not.

Each table pairs instructions of one class with commentary that uses the same words for a
third party, the past, a forecast or a negation; the commentary must pass.
"""

from __future__ import annotations

import pytest

from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir


def blocked(text: str) -> bool:
    scanner = scanner_for(shipped_vocabulary_dir())
    return bool(scanner.scan_fields([[Field("free_text", text)]], frozenset(CATEGORIES)))


UNKNOWN_SUBJECTS = [
    "The desk should buy 200 shares of AAPL at 180.",
    "Client accounts must buy 100 shares of QQQ.",
    "The overlay needs to short 4 ES contracts at 5,200.",
    "Our traders need to sell 10 NQ contracts at 18,000.",
]
THIRD_PARTY_FLOWS = [
    "CTAs are adding to equity longs as volatility falls.",
    "Pension funds will rebalance into bonds at quarter-end.",
    "Dealers sold 2 billion of Treasuries last week.",
    "Japanese lifers will likely buy more JGBs next fiscal year.",
    "Systematic strategies could sell 30 billion dollars of equities.",
    "Refiners trimmed runs by 3 %.",
]


@pytest.mark.parametrize("text", UNKNOWN_SUBJECTS)
def test_an_unknown_subject_advised_to_act_is_an_instruction(text: str) -> None:
    """A subject the lexicon does not know, with "should"/"must", fails closed."""
    assert blocked(text)


@pytest.mark.parametrize("text", THIRD_PARTY_FLOWS)
def test_flows_of_others_are_commentary(text: str) -> None:
    """Named third parties, forecasts and past flows are descriptions, not orders."""
    assert not blocked(text)


TRADE_IDIOMS = [
    "Accumulate TLT below 92.",
    "Pile into NVDA under 850.",
    "Initiate a position in XOM at 110.",
    "Put on a long in ES at 5,100.",
    "Cover the short in TSLA at 180.",
    "Fade the rally in SPY at 520.",
    "Press the short in IWM at 190.",
    "Book gains in AAPL at 200.",
    "Scale out of QQQ above 500.",
    "Take chips off the table in EURUSD at 1.12.",
    "Trim 200 shares of AAPL into strength.",
]
IDIOMS_DESCRIBED = [
    "Investors accumulated gold throughout 2024.",
    "Retail piled into meme stocks in 2021.",
    "The rally faded after the CPI print at 8:30.",
    "Traders took profits after a 20 % rally.",
    "Speculators bailed out of crude in June.",
    "Tariffs add to inflation pressure.",
]


@pytest.mark.parametrize("text", TRADE_IDIOMS)
def test_trade_idioms_beyond_buy_and_sell_are_orders(text: str) -> None:
    """Idioms of buying and selling with a target and a price or size block."""
    assert blocked(text)


@pytest.mark.parametrize("text", IDIOMS_DESCRIBED)
def test_trade_idioms_in_the_past_or_of_others_pass(text: str) -> None:
    """The same idioms describing what others did pass."""
    assert not blocked(text)


CLOSES = [
    "Close out the ES long.",
    "Cut the NQ short at 18,900.",
    "Stop out of the SPY long below 500.",
    "Halve the position in NVDA.",
    "Double the NVDA position.",
    "Pare the QQQ position by a third.",
    "Square up the EURUSD position.",
]
CLOSES_DESCRIBED = [
    "The market closed out the week higher.",
    "Funds liquidated positions in March.",
    "Banks flattened their books after the shock.",
    "The index closed at 5,100.",
]


@pytest.mark.parametrize("text", CLOSES)
def test_closing_or_resizing_a_position_is_an_instruction(text: str) -> None:
    """Verbs that close, halve or double a position block with the position as object."""
    assert blocked(text)


@pytest.mark.parametrize("text", CLOSES_DESCRIBED)
def test_closes_described_pass(text: str) -> None:
    """Closing described in the past or of an index passes."""
    assert not blocked(text)
