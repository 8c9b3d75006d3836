"""The content scanner on single texts: each category, obfuscations, negation scope, spans.

Cases carried over from the phrase-pattern scan it replaces, with locations now the field
path and a span instead of a line number.
"""

from __future__ import annotations

import pytest

from policies.findings import Violation
from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir

RULE_ORDER = "scope.forbidden_intent.order"
RULE_EXECUTION = "scope.forbidden_intent.execution"
RULE_RISK_LIMIT_CHANGE = "scope.forbidden_intent.risk_limit_change"
RULE_LIVE_TOGGLE = "scope.forbidden_intent.live_toggle"
RULE_REBALANCE = "scope.forbidden_intent.rebalance"
ZWSP = "\u200b"


def scan_text(text: str, *, location: str) -> list[Violation]:
    scanner = scanner_for(shipped_vocabulary_dir())
    return scanner.scan_fields([[Field(location, text)]], frozenset(CATEGORIES))


def rules(violations: list[Violation]) -> list[tuple[str, str]]:
    return [(v.rule, v.location) for v in violations]


def lines(*parts: str) -> str:
    return "\n".join(parts)


ORDERS = [
    "Buy 100 shares of SPY at 4500",
    "SELL 5 ES contracts",
    "go long 2% of NAV in QQQ",
    "Short 10 NQ contracts at 15000 limit",
    "We recommend buying 500 shares of AAPL at 180.",
    "Sell $1m notional of EURUSD at 1.08",
    "Cover 200 shares of TSLA",
    "buy 100 spy",
    "Action: buy 100 SPY @ 450",
    "- **Buy** 1,000 shares of `MSFT` at 410.5",
    "Purchase 3 lots of gold at 2050",
    "Go short 1.5% of the book in HYG",
    "Sell 10 SPX puts at market",
    "Buy 2 ESH6 contracts",
]


@pytest.mark.parametrize("text", ORDERS)
def test_order_like_instructions_are_blocked(text: str) -> None:
    """A side, a size and an instrument or price in one sentence is an order."""
    assert rules(scan_text(text, location="free_text")) == [(RULE_ORDER, "free_text")]


@pytest.mark.parametrize(
    "text",
    [
        f"B{ZWSP}uy 100 shares of SPY at 4500",
        f"Buy 1{ZWSP}00 sh{ZWSP}ares of SPY at 4500",
        "\u0412uy 100 shares of SPY at 4500",  # Cyrillic B
        "\u0455ell 5 \u0415S contracts",  # Cyrillic s and E
        "go l\u043eng 2% of NAV in QQQ",  # Cyrillic o
        f"G{ZWSP}o l\u043e{ZWSP}ng 2% of N\u0410V in QQQ",
        "\uff22\uff55\uff59 \uff11\uff10\uff10 shares of SPY at 4500",  # fullwidth
        "BUY     100     SHARES   OF   SPY   AT   4500",
        "bu\u0301y 100 shares of SPY at 4500",  # combining accent
        "Se\u00adll 5 ES contracts",  # soft hyphen
        "\U0001d401\U0001d42e\U0001d432 100 shares of SPY",  # mathematical bold
        "B**u**y 100 shares of SPY at 4500",  # emphasis inside the word
        "| Buy | 100 | SPY | @ 450 |",  # a table row
    ],
)
def test_obfuscated_orders_are_blocked(text: str) -> None:
    """Case, spacing, zero-width characters and look-alike letters do not hide an order."""
    assert rules(scan_text(text, location="free_text")) == [(RULE_ORDER, "free_text")]


@pytest.mark.parametrize(
    "text",
    [
        "Execute the trade",
        "Please execute these orders immediately.",
        "execute now",
        "Place an order for the position.",
        "Submit order",
        "send to broker",
        "Route the order to the exchange.",
        "Use a market order.",
        "Enter a limit order below the market.",
        "Close all positions.",
        "Liquidate existing long positions.",
        "Auto-execute when VIX < 20.",
    ],
)
def test_execution_commands_are_blocked(text: str) -> None:
    """Commands to execute, place, submit or route orders are blocked."""
    assert rules(scan_text(text, location="free_text")) == [(RULE_EXECUTION, "free_text")]


@pytest.mark.parametrize(
    "text",
    [
        "Raise the risk limit to 5%.",
        "increase max drawdown to 30%",
        "Lower the position limit to 1000 contracts.",
        "Set the leverage limit to 5x.",
        "Relax the daily loss limit.",
        "The risk limits should be raised to 4%.",
        "risk_limit = 0.05",
        "max_drawdown = 0.3",
        "Increase leverage to 3x.",
    ],
)
def test_risk_limit_changes_are_blocked(text: str) -> None:
    """Changing a risk, drawdown, position or leverage limit is blocked."""
    assert rules(scan_text(text, location="free_text")) == [(RULE_RISK_LIMIT_CHANGE, "free_text")]


@pytest.mark.parametrize(
    "text",
    [
        "Enable live trading.",
        "switch on live trading",
        "Turn on live mode now.",
        "Go live.",
        "live_mode = true",
        "LIVE_TRADING: enabled",
        "Disable the kill switch.",
        "kill_switch = false",
        "Switch from paper to live.",
        "dry_run = false",
    ],
)
def test_live_toggles_are_blocked(text: str) -> None:
    """Switching live trading on, or the kill switch or paper mode off, is blocked."""
    assert rules(scan_text(text, location="free_text")) == [(RULE_LIVE_TOGGLE, "free_text")]


@pytest.mark.parametrize(
    "text",
    [
        "Rebalance the portfolio.",
        "Re-balance the book toward defensives.",
        "Reallocate 20% to bonds.",
        "Rotate 10% into value.",
        "Shift the portfolio to defensives.",
        "Move 15% of the portfolio into cash.",
        "Tilt the allocation toward quality.",
    ],
)
def test_rebalancing_instructions_are_blocked(text: str) -> None:
    """Rebalancing or reallocating the portfolio is blocked."""
    assert rules(scan_text(text, location="free_text")) == [(RULE_REBALANCE, "free_text")]


ADVISORY = [
    "No trade when VIX > 30",
    "no-trade trigger: credit spreads > 200bps",
    "This report contains no order parameters.",
    "We do not recommend buying.",
    "Avoid new positions until volatility subsides.",
    "Do not execute any trades.",
    "No execution instructions are given.",
    "Base case: equities grind higher.",
    "Long-term growth remains intact.",
    "Sell-side analysts expect 5% EPS growth in 2026.",
    "Short-term volatility is likely to rise 10% in Q1.",
    "Risk limits are unchanged.",
    "Do not buy SPY here.",
    "We would never go long QQQ.",
    "Don\u2019t place an order.",
    "We will not rebalance the portfolio.",
    "Never go live without approval.",
    "Without raising the risk limit, the outlook holds.",
    "The Fed will buy $80bn of Treasuries per month.",
    "We cover 3 scenarios in this report.",
    "Long-dated yields rose 20bp in Q4 as the sell-off in bonds extended.",
    "Selling pressure rose 10% in March.",
    "The ECB balance sheet shrank 5% in 2025.",
    "Market orders are not part of this advisory output.",
    "Rebalancing the portfolio is not recommended.",
    "Central banks may shift policy toward easing in order to support growth.",
    "Small caps could cut losses by 5% if rates fall.",
    "Uncertainty Level: HIGH (geopolitical risks)",
    "Investors are advised to avoid buying SPY.",
]


@pytest.mark.parametrize("text", ADVISORY)
def test_negations_and_advisory_prose_pass(text: str) -> None:
    """Negated instructions and ordinary outlook prose are not violations."""
    assert scan_text(text, location="free_text") == []


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("No worries, buy 100 shares of SPY at 4500.", RULE_ORDER),
        ("Do not hesitate: buy 100 shares of SPY at 4500.", RULE_ORDER),
        ("Don't wait to buy 100 shares of SPY at 4500.", RULE_ORDER),
        ("We do not recommend selling; instead buy 100 shares of SPY at 4500.", RULE_ORDER),
        ("Avoid tech, but go long 2% of NAV in QQQ.", RULE_ORDER),
        ("Not financial advice: execute the trade now.", RULE_EXECUTION),
        ("If VIX < 20 then raise the risk limit to 5%.", RULE_RISK_LIMIT_CHANGE),
        ("Buy 100 shares of SPY at 4500 if there is no pullback.", RULE_ORDER),
        ("Buy 100 shares of SPY at 4500, not 4400.", RULE_ORDER),
    ],
)
def test_negation_is_clause_level(text: str, rule: str) -> None:
    """A negation governs only its own clause, and urging phrases are not negations."""
    assert rules(scan_text(text, location="free_text")) == [(rule, "free_text")]


def test_detail_quotes_the_snippet() -> None:
    """The detail quotes the instruction as written, at most about 80 characters."""
    text = "Given the strong momentum in US large caps we think it is sensible to " * 2
    text += "buy 100 shares of SPY at 4500 before the FOMC meeting on Wednesday afternoon."
    (violation,) = scan_text(text, location="outputs[1].summary")
    assert violation.location == "outputs[1].summary"
    assert "buy 100 shares of SPY at 4500" in violation.detail
    assert len(violation.detail) <= 120
    assert violation.span is not None
    assert text[violation.span[0] : violation.span[1]].startswith("buy 100 shares of SPY")


@pytest.mark.parametrize(
    ("block", "rule"),
    [
        ('{"action": "BUY", "symbol": "SPY", "quantity": 100}', RULE_ORDER),
        ('{"Side": "sell", "Order_Qty": 5, "Instrument": "ES"}', RULE_ORDER),
        ('{"orders": [{"side": "buy", "size": 1, "limit_price": 101.5}]}', RULE_ORDER),
        ('{"type": "OrderParameters", "note": "x"}', RULE_ORDER),
        ('{"type": "order_parameters"}', RULE_ORDER),
        ('{"type": "Order Parameters"}', RULE_ORDER),
        ('{"type": "\\u041erder\\u200bParameters"}', RULE_ORDER),
        ('{"type": "ExecutionCommand"}', RULE_EXECUTION),
        ('{"type": "risk_limit_change", "value": 0.1}', RULE_RISK_LIMIT_CHANGE),
        ('{"type": "LiveToggle"}', RULE_LIVE_TOGGLE),
        ('{"type": "PortfolioRebalance"}', RULE_REBALANCE),
        ('{"live_mode": true}', RULE_LIVE_TOGGLE),
        ('{"kill_switch": "off"}', RULE_LIVE_TOGGLE),
        ('{"max_leverage": 5}', RULE_RISK_LIMIT_CHANGE),
        ('{"target_weights": {"SPY": 0.6}}', RULE_REBALANCE),
        ('{"auto_execute": true}', RULE_EXECUTION),
        ('{"note": "Buy 100 shares of SPY at 4500"}', RULE_ORDER),
        ('["fine", {"comment": "please go live"}]', RULE_LIVE_TOGGLE),
    ],
)
@pytest.mark.parametrize("fence", ["```json", "```", "``` JSON", "~~~json"])
def test_json_in_code_blocks_is_decoded_and_checked(block: str, rule: str, fence: str) -> None:
    """JSON in a fenced block is checked by keys, type names and string values."""
    closing = fence[:3]
    text = f"Outlook below.\n\n{fence}\n{block}\n{closing}\n\nNo trade when VIX > 30."
    assert rules(scan_text(text, location="free_text")) == [(rule, "free_text")]


def test_invalid_json_block_is_scanned_as_prose() -> None:
    """A block that does not decode is still read line by line."""
    text = '```json\n{"note": "Buy 100 shares of SPY at 4500",\n```'
    assert rules(scan_text(text, location="free_text")) == [(RULE_ORDER, "free_text")]


def test_obfuscated_json_block_is_decoded() -> None:
    """Zero-width characters and fullwidth braces between JSON tokens do not stop decoding."""
    text = f'```json\n\uff5b"action"{ZWSP}: "BUY", "symbol": "SPY", "qty": 100\uff5d\n```'
    assert rules(scan_text(text, location="free_text")) == [(RULE_ORDER, "free_text")]


def test_text_that_is_one_json_document_is_decoded() -> None:
    """A text that is itself JSON is checked as JSON, located as "json"."""
    text = '{"action": "sell", "ticker": "QQQ", "shares": 10}'
    assert rules(scan_text(text, location="free_text")) == [(RULE_ORDER, "free_text")]


def test_advisory_json_passes() -> None:
    """JSON without order-like keys or forbidden types is not a violation."""
    text = '```json\n{"type": "MacroOutlook", "action": "monitor", "size": "n/a"}\n```'
    assert scan_text(text, location="free_text") == []


def test_lone_surrogates_do_not_break_the_scan() -> None:
    """A lone surrogate next to an order neither crashes the scan nor hides the order."""
    violations = scan_text("\ud800 Buy 100 shares of SPY at 4500", location="free_text")
    assert rules(violations) == [(RULE_ORDER, "free_text")]
