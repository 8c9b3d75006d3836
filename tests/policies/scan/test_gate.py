"""The gate's quick answers agree with the list of satisfied families."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policies.scan import scanner_for, shipped_vocabulary_dir
from policies.scan.gate import COMPOUND_MARK, Gate

GATE: Gate = scanner_for(shipped_vocabulary_dir()).gate
# Every word some family needs, and the marks the gate adds for digits, signs, compounds.
WORDS = sorted(
    {
        word
        for family in GATE.families.values()
        for alternative in family
        for group in alternative
        for word in group
    }
    | {COMPOUND_MARK, "%", "$", "#", "weather"}
)
# Texts with and without a compound number word ("fünfundzwanzig" folds to "funfundzwanzig").
TEXTS = ["", "the weather", "funfundzwanzig", "zweihundert aktien", "one thousand"]


@given(st.lists(st.sampled_from(WORDS), max_size=6), st.sampled_from(TEXTS))
@settings(max_examples=500, deadline=None)
def test_any_active_is_whether_some_family_is_active(words: list[str], text: str) -> None:
    """any_active answers exactly whether active finds a family, compound numbers included."""
    assert GATE.any_active(words, text) == bool(GATE.active(words, text))


@given(st.lists(st.sampled_from(WORDS), max_size=6), st.sampled_from(TEXTS))
@settings(max_examples=500, deadline=None)
def test_reach_tells_prose_families_from_record_families(words: list[str], text: str) -> None:
    """reach answers whether a family of prose, and whether any family, is active."""
    active = GATE.active(words, text)
    assert GATE.reach(words, text) == (bool(active & GATE.prose), bool(active))
