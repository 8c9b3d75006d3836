"""Directives whose forbidden element is a parameter: levels, shares of capital, weights.

Each table pairs parameters set for us (a bare parameter line of our own outlook, an
imperative, a recommendation) with the same parameters described: the market's levels,
others' leverage and weights, the past. The descriptions must pass.
"""

from __future__ import annotations

import pytest

from policies.scan import scanner_for, shipped_vocabulary_dir
from policies.scan.gate import PERCENT_MARK, marks
from policies.scan.lexer import tokenize
from tests.policies.scan.verdicts import blocked

PARAMETERS_SET = [
    "Entry zone 4,480-4,500 for ES.",
    "Price target for AAPL: 212.",
    "Book profits at 5,300 in NQ.",
    "Stopp-Loss bei 17.650.",
    "Risk 2 % of capital per trade.",
    "Target 40 % in duration.",
    "Move to 70/30.",
    "Rotate the book to 50/30/20.",
    "Weights: equities 60 / bonds 40.",
    "A 5% allocation to gold is recommended.",
    "Overweight tech by 5 pts.",
    "energy prices New allocation: AMZN 5%, ES 10%.",
]
PARAMETERS_DESCRIBED = [
    "Stop-loss cascades amplified the drop.",
    "Consensus price target for AAPL is 220.",
    "Traders booked profits at 5,300 in March.",
    "Pension funds target 40 % in bonds.",
    "The ECB's inflation target of 2 % is in reach.",
    "Target-date funds hold 40 % in bonds.",
    "The 60/40 portfolio lost 16 % in 2022.",
    "Many funds moved to 70/30 after the rally.",
    "Funds hold a 5% allocation to gold.",
    "Global funds are overweight tech by 5 pts.",
    "Typically 5% of NAV sits in cash.",
    "On 12/31 the index closed at 4,800.",
]


@pytest.mark.parametrize("text", PARAMETERS_SET)
def test_a_parameter_set_for_us_is_blocked(text: str) -> None:
    """Levels, shares of capital and weights with no side or verb of a trade still block."""
    assert blocked(text)


@pytest.mark.parametrize("text", PARAMETERS_DESCRIBED)
def test_a_parameter_described_passes(text: str) -> None:
    """The same parameters of the market, of others or of the past are commentary."""
    assert not blocked(text)


def test_a_split_of_100_is_one_share() -> None:
    """ "70/30" and "50/30/20" are one number read as a share; a date or fraction is not."""
    lexicon = scanner_for(shipped_vocabulary_dir()).lexicon
    text = "move to 70/30 or 50/30/20 on 12/31 with 1/3"
    numbers = [t for t in tokenize(text, text, lexicon) if t.kind == "number"]
    assert [(t.text, t.percent) for t in numbers] == [
        ("70/30", True),
        ("50/30/20", True),
        ("12", False),
        ("31", False),
        ("1", False),
        ("3", False),
    ]


def test_the_gate_sees_a_split_as_a_share() -> None:
    """Digits around a slash give the gate its percent mark, so the fast path stays sound."""
    assert PERCENT_MARK in marks("move to 70/30")
    assert PERCENT_MARK not in marks("and/or 70 30")
