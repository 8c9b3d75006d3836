"""What the scanner sees: identifiers, encodings, markup and structured channels."""

from __future__ import annotations

import pytest

from policies.findings import Violation
from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir
from policies.scan.flags import flag_edits
from policies.scan.normalise import normalise
from policies.scan.structure import delimited_rows, label_pairs, table_rows, text_pairs
from policies.scan.textmap import Edit, coalesce, rewrite

ALL = frozenset(CATEGORIES)


def scan(text: str) -> list[Violation]:
    return scanner_for(shipped_vocabulary_dir()).scan_fields([[Field("f", text)]], ALL)


def read(text: str) -> str:
    return normalise(text, scanner_for(shipped_vocabulary_dir()).sides).text


@pytest.mark.parametrize(
    ("text", "seen"),
    [
        ("buyOrder", "buy order"),
        ("maxPositionSize", "max position size"),
        ("VARLimit", "var limit"),
        ("buyES", "buy es"),
        ("maxVaR", "maxvar"),
        ("iPhone CEOs", "iphone ceos"),
        ("bUy BuY SeLL", "buy buy sell"),
        ("BUY100ES sell20", "buy 100 es sell 20"),
        ("buy.100.SPY.at.4500", "buy 100 spy at 4500"),
        ("rates at 4.5 in the U.S. economy", "rates at 4.5 in the u s. economy"),
        ("pur-\nchase", "purchase"),
        ("b. u. y and s / e / l / l", "\nbuy and sell"),
        ("q=Buy+100+shares", "q=buy 100 shares"),
        ("\\u0042uy", "buy"),
        ('x: "{\\"side\\":\\"buy\\"}"', 'x:  {"side":"buy"} '),
        ("run --live --no-dry-run", "run live=true; dry-run=false;"),
    ],
)
def test_identifiers_and_encodings_read_as_words(text: str, seen: str) -> None:
    """Identifiers split, encodings decoded, spacing and line breaks joined, switches named."""
    assert read(text) == seen


def test_html_says_what_its_attributes_and_comments_say() -> None:
    """Text attributes and data attributes are read; a comment's content is read."""
    assert "side=buy;" in read('<span data-side="buy" data-qty="3"></span>')
    assert "buy 3 shares." in read('<abbr title="Buy 3 shares">x</abbr>')
    assert "buy 3 shares" in read("<!-- Buy 3 shares -->")
    assert read("B<b></b>uy <i>it</i>") == "buy it"


@pytest.mark.parametrize(
    "text",
    [
        "buyOrder: 300 SPY at 4500",
        "sell20 ESZ5 at 5150.",
        "orderSide=BUY orderQty=250 symbol=SPY",
        "Ref: https://example.invalid/n?q=Buy+300+shares+of+SPY+at+4500",
        'payload: "{\\"side\\":\\"buy\\",\\"qty\\":300,\\"symbol\\":\\"SPY\\"}"',
        '<span data-side="buy" data-qty="300" data-symbol="SPY"></span>',
        '<img alt="Buy 250 shares of SPY at 4500" src="chart.png">',
        "```csv\nside,qty,symbol,price\nbuy,300,SPY,4,500\n```",
        "symbol;side;qty\nSPY;BUY;250",
        "Growth slows. | Symbol | Side | Qty |\n|---|---|---|\n| SPY | BUY | 300 |",
        "| Field | Value |\n|---|---|\n| Side | Sell |\n| Qty | 8 |",
        "Side — Buy\nQty — 300\nSymbol — SPY",
        "Growth slows. Side\nSell\nQty\n6\nSymbol\nESZ5",
        "35=D^54=2^38=5^55=ESZ5^44=5150",
        "35=D 54=1 38=300 55=SPY 44=412.5",
        "export LIVE=true",
        "export DRY_RUN=0",
        "python bot.py --live",
        "maxVaR: 4%",
        "tgt_wt: 60% equities",
        "EXECUTION_ENABLED=1",
        "data revisions s\u00ade\u00adl\u00adl 150 RTYZ6 at 5,150",
        "8 weeks s.e.l.l 1000 RTYZ6 at 148.20",
        "carry trades by leveraged funds goLong50ZNH7At5,150",
        "German industrial output Direction — BUY\nInstrument — AAPL\nSize — 2500",
        "Set dry_run: false and enable execution.",
        "export LIVE=true before the open.",
    ],
)
def test_smuggled_channels_are_found(text: str) -> None:
    """An order, limit, weight or switch in any of these channels is a finding."""
    assert scan(text)


@pytest.mark.parametrize(
    "text",
    [
        "| Year | Return |\n|---|---|\n| 2024 | 12% |\n| 2025 | 8% |",
        "| Rating | Analysts |\n|---|---|\n| Buy | 32 |\n| Hold | 10 |\n| Sell | 3 |",
        "symbol,close,change\nSPY,512.30,+0.8%\nTLT,91.10,-0.4%",
        "Sentiment\nBearish\nBreadth\nNarrow",
        "Regime — late-cycle\nVolatility — contained",
        "Buy-side demand — strong\nSell-side inventory — light",
        "region=EU sector=banks rating=A",
        "<!-- chart data from FRED -->",
        "Survey: https://example.invalid/search?q=inflation+expectations+survey",
        "The sellSide desk expects 3 rate cuts in 2026.",
        "Long-\nterm yields rose 15 bps.",
        "Growth slowed - a trend that continued through May and June.",
        "Mode: live coverage of the FOMC press conference from 14:30.",
        "The covid19Cases series and the iPhone15 launch moved 2 stocks.",
    ],
)
def test_structured_commentary_passes(text: str) -> None:
    """Tables, key/value lists, markup and links of commentary carry no finding."""
    assert scan(text) == []


def test_delimited_rows_are_keyed_by_their_header() -> None:
    """A CSV block gives one record per line; a grouped number stays one cell."""
    (row,) = delimited_rows("side,qty,price\nbuy,300,4,500")
    assert [(p.keys, p.value) for p in row] == [
        (("side",), "buy"),
        (("qty",), "300"),
        (("price",), "4,500"),
    ]


def test_two_column_tables_and_label_lines_are_records() -> None:
    """A vertical table and alternating label lines read as first names second."""
    rows = table_rows("| Side | Buy |\n|---|---|\n| Qty | 100 |")
    assert [(p.keys, p.value) for p in rows[-1]] == [(("side",), "Buy"), (("qty",), "100")]
    pairs = label_pairs("Rate cuts priced for the autumn\nSide\nBuy\nQty\n100")
    assert [(p.keys, p.value) for p in pairs] == [(("side",), "Buy"), (("qty",), "100")]


def test_compact_pairs_and_dash_keys() -> None:
    """``a=b c=d`` keeps each value one token; a line's first words before a dash are a key."""
    assert [(p.keys, p.value) for p in text_pairs("side=buy order qty=5")] == [
        (("side",), "buy"),
        (("order qty",), "5"),
    ]
    assert [(p.keys, p.value) for p in text_pairs("Side - Buy")] == [(("Side",), "Buy")]


def test_switches_without_a_value_become_settings() -> None:
    """``--live`` reads ``live=true``, ``--mode=live`` ``mode=live``; a dash in prose stays."""
    assert [e.replacement for e in flag_edits("--live --no-paper --mode=live a -- b")] == [
        "live=true;",
        "paper=false;",
        "mode=live;",
    ]


def test_switches_with_a_spaced_value_become_settings() -> None:
    """A word, number or ticker after a switch reads both as its value and as the next
    argument, so a command line's switches are settings in any order."""
    line = "broker submit --qty 4000 --symbol EUR/USD --side sell."
    assert [e.replacement for e in flag_edits(line)] == [
        "qty=true; qty=4000;",
        "symbol=true; symbol=EUR/USD;",
        "side=true; side=sell;",
    ]
    assert [e.replacement for e in flag_edits("start it with --live today")] == [
        "live=true; live=today;"
    ]


def test_coalesced_edits_give_the_same_text() -> None:
    """Merging close edits changes the map's precision, never the text."""
    text = "a+b+c+d " * 50
    edits = [Edit(i, i + 1, " ") for i, ch in enumerate(text) if ch == "+"]
    assert rewrite(text, coalesce(text, edits))[0] == rewrite(text, edits)[0]
    assert len(coalesce(text, edits)) < len(edits)
