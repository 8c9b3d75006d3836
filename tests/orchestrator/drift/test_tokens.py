"""The documented tokenizer and the normalised token edit distance, on short and long texts."""

from __future__ import annotations

import difflib

import pytest

from orchestrator.drift.tokens import (
    display_tokens,
    spread,
    token_distance,
    token_opcodes,
    tokenize,
)


def test_tokenizer_rules() -> None:
    """Words keep inner . , ' - ; other symbols stand alone; case and NFKC forms fold."""
    # Full-width "Case" and the "fi" ligature, written as escapes to keep the source plain.
    wide = "\uff23\uff41\uff53\uff45 \ufb01ne"
    text = f"VIX > 30 (1,000 bps); don't trade high-yield_spread at 0.55%\u2026 {wide}."
    assert tokenize(text) == [
        "vix",
        ">",
        "30",
        "(",
        "1,000",
        "bps",
        ")",
        ";",
        "don't",
        "trade",
        "high-yield",
        "spread",
        "at",
        "0.55",
        "%",
        ".",
        ".",
        ".",
        "case",
        "fine",
        ".",
    ]


def test_display_tokens_align_with_compared_tokens() -> None:
    """Shown tokens keep their case and correspond one to one with the compared ones."""
    text = "Straße STRASSE İstanbul"
    shown, compared = display_tokens(text), tokenize(text)
    assert shown == ["Straße", "STRASSE", "İstanbul"]
    assert [t.casefold() for t in shown] == compared
    assert compared[0] == compared[1]


def test_distance_is_edits_over_the_longer_sequence() -> None:
    """Substitutions, insertions and deletions of whole tokens, over the longer length."""
    a = tokenize("the base case holds")
    assert token_distance(a, a) == 0.0
    assert token_distance(a, tokenize("the bear case holds")) == 1 / 4
    assert token_distance(a, tokenize("the base case holds firmly now")) == 2 / 6
    assert token_distance(a, []) == 1.0
    assert token_distance([], []) == 0.0


def test_long_repetitive_text_is_measured_exactly() -> None:
    """One changed token in 6,000 highly repetitive ones is 1/6000, where difflib's
    autojunk heuristic (frequent tokens ignored past 200) misjudges the same pair."""
    words = ("the market the rates the curve the spread " * 750).split()
    changed = [*words[:3000], "credit", *words[3001:]]
    assert len(tokenize(" ".join(words))) == 6000
    assert token_distance(words, changed) == pytest.approx(1 / 6000)
    autojunk = 1 - difflib.SequenceMatcher(None, words, changed).ratio()
    assert autojunk > 0.1


def test_long_texts_with_a_moved_paragraph() -> None:
    """Moving a 500-token block costs deletions plus insertions, never more than both."""
    block = [f"w{i}" for i in range(500)]
    rest = [f"r{i}" for i in range(4500)]
    distance = token_distance(block + rest, rest + block)
    assert distance == pytest.approx(1000 / 5000)


def test_opcodes_rebuild_the_new_sequence() -> None:
    """The diff's opcodes turn the baseline tokens into the current ones."""
    a, b = tokenize("a b c d e"), tokenize("a x c e f")
    rebuilt: list[str] = []
    for tag, a0, a1, b0, b1 in token_opcodes(a, b):
        rebuilt += a[a0:a1] if tag == "equal" else b[b0:b1]
    assert rebuilt == b


def test_spread_is_the_largest_pairwise_distance() -> None:
    """The noise floor of k samples is their widest pair; one sample has none."""
    base = [f"t{i}" for i in range(100)]
    near = [*base[:95], *["x"] * 5]
    far = [*["y"] * 8, *base[8:]]
    assert spread([base]) == 0.0
    assert spread([]) == 0.0
    assert spread([base, near, far]) == pytest.approx(13 / 100)
