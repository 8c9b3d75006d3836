"""Text folding for policy matching: look-alikes, invisible characters, case, spacing."""

from __future__ import annotations

import sys
import unicodedata

import pytest

from policies.normalize import fold_text, normalize_text, type_key


@pytest.mark.parametrize(
    "name",
    [
        "OrderParameters",
        "order_parameters",
        "Order Parameters",
        "ORDERPARAMETERS",
        "order-parameters",
        "Order.Parameters",
        "  order   parameters  ",
        "\u041erder\u200bParameters",  # Cyrillic O, zero-width space
        "\u039frderParameters",  # Greek Omicron
        "Ord\u0435rP\u0430r\u0430m\u0435t\u0435rs",  # Cyrillic e and a
        "Order\u00adParameters",  # soft hyphen
        "Order\u2060Param\ufeffeters",  # word joiner, BOM
        "\uff2f\uff52\uff44\uff45\uff52\uff30\uff41\uff52\uff41\uff4d\uff45\uff54\uff45\uff52\uff53",
        "Orde\u0301r Parameters",  # combining acute accent
        "Order\u2011Parameters",  # non-breaking hyphen
        "ORDER_PARAMETERS\u200d",
    ],
)
def test_type_key_folds_every_spelling_of_a_type(name: str) -> None:
    """Every spelling of OrderParameters has the key "orderparameters"."""
    assert type_key(name) == "orderparameters"


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("ScenarioReport", "scenarioreport"),
        ("scenario_report", "scenarioreport"),
        ("ScenarioReports", "scenarioreports"),
        ("Risk Limit Change", "risklimitchange"),
    ],
)
def test_type_key_keeps_letters_that_differ(name: str, key: str) -> None:
    """Only separators go: a plural or another word stays a different key."""
    assert type_key(name) == key


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Buy   100\tshares\n\nof SPY  ", "buy 100 shares of spy"),
        ("B\u200buy", "buy"),
        ("\u0412uy", "buy"),  # Cyrillic capital Ve
        ("\u0455ell", "sell"),  # Cyrillic dze
        ("go l\u043eng", "go long"),  # Cyrillic o
        ("\uff22\uff55\uff59\u3000\uff11\uff10\uff10", "buy 100"),  # fullwidth, ideographic space
        ("don\u2019t", "don't"),
        ("sell\u2011side", "sell-side"),
        ("Stra\u00dfe", "strasse"),
        ("bu\u0301y", "buy"),
        ("A\u00a0B", "a b"),
        ("\u0130STANBUL", "istanbul"),
        ("", ""),
    ],
)
def test_normalize_text(text: str, expected: str) -> None:
    """normalize_text folds compatibility forms, look-alikes, case and whitespace."""
    assert normalize_text(text) == expected


def test_every_format_character_is_removed() -> None:
    """Every character of category Cf in this Python's Unicode database disappears."""
    format_chars = "".join(
        chr(code) for code in range(sys.maxunicode + 1) if unicodedata.category(chr(code)) == "Cf"
    )
    assert len(format_chars) > 150
    assert normalize_text(f"b{format_chars}uy") == "buy"


@pytest.mark.parametrize(
    "text",
    [
        "line one\nLine Two\n\n  line four",
        "\u0412uy\n\u200b\nSELL\u00ad\nlast",
        "\ufeff# Title\r\n**Bold**\r\n",
        "no newline at all \u2014 just a dash",
    ],
)
def test_fold_text_keeps_the_line_structure(text: str) -> None:
    """fold_text neither adds nor removes newlines, so line numbers survive folding."""
    folded = fold_text(text)
    assert folded.count("\n") == text.count("\n")
    assert folded == folded.casefold()


def test_fold_text_of_ascii_is_lowercase() -> None:
    """Plain ASCII is only lowercased, whitespace included as it is."""
    assert fold_text("Buy  100\tSPY\n") == "buy  100\tspy\n"


def test_lone_surrogates_do_not_break_folding() -> None:
    """Text that is not valid UTF-8 (a lone surrogate) is folded, not rejected."""
    assert normalize_text("B\ud800UY") == "b\ud800uy"
