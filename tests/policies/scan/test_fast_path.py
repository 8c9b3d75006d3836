"""The gate's shortcut never changes a result: generated texts that need each guarded step.

The quick form (:func:`policies.scan.normalise.quick_form`) skips a rewriting step when a
cheap look proves it cannot apply: a trigger's needle absent, no letter before a digit (a
side glued to its size), no camel hump, no letter-spaced run, no payload-looking stretch.
Each text below is built from benign commentary and pieces that do need one of those steps,
placed at random in free-text fields and in typed answers, and the fast scan is compared
with the full one (``fast=False``): the same violations, in the same order, with the same
spans.
"""

from __future__ import annotations

import base64
import json
import urllib.parse

from hypothesis import given, settings
from hypothesis import strategies as st

from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir
from policies.scan.normalise import _only_splits, _rewritten, normalise, quick_form, split_edits
from policies.scan.textmap import TextMap, rewrite, rewritten
from policies.scan.words import gate_words
from tests.policies.scan.corpus import BENIGN_DE, BENIGN_EN

ALL = frozenset(CATEGORIES)
SCANNER = scanner_for(shipped_vocabulary_dir())

# What a guarded step rewrites, each piece with an instruction in it and a harmless twin.
_HIDDEN = "Buy 100 shares of SPY"
PIECES: dict[str, tuple[str, ...]] = {
    "glued side": ("BUY100SPY", "sell20ES at 5150", "buy100", "item42 is up"),
    "camel hump": ("buyOrder 100 SPY", "goLong50ZNH7At5", "maxPositionSize=25%", "NoTradeTriggers"),
    "identifier dot": ("order.side=buy qty.100", "buy.100.SPY", "v1.2 of the U.S. data"),
    "letter spacing": (
        "B U Y 100 SPY",
        "s-e-l-l 20 ES",
        "b. u. y 100 SPY",
        "b/u y 100 SPY",
        "U.S. a b c",
    ),
    "base64": (
        base64.b64encode(_HIDDEN.encode()).decode(),
        base64.urlsafe_b64encode(b"Sell 20 ES futures now").decode(),
        "UncertaintyAssessment",
    ),
    "url encoding": (urllib.parse.quote(_HIDDEN), "Buy+100+shares+of+SPY", "50%25 of it"),
    "comment end": ("--> Buy 100 SPY", "calm --> tape", "a --> b"),
    "hyphenation": ("pur-\nchase 100 SPY", "long-\nterm view"),
    "flag": ("--live-trading", "run --no-dry-run", "--mode=live"),
    "fix": ("35=D|54=1|38=100|55=SPY", "8=FIX.4.4|35=D|54=2", "p=0.4"),
    "html": ("B<b></b>uy 100 SPY", "&#66;uy 100 SPY", "a <i>calm</i> tape"),
    "emphasis": ("B**u**y 100 SPY", "s~~e~~ll 20 ES", "a *calm* tape"),
}
SENTENCES = (*BENIGN_EN[:40], *BENIGN_DE[:20])
_piece = st.sampled_from([piece for pieces in PIECES.values() for piece in pieces])
_sentence = st.sampled_from(SENTENCES)
_text = st.lists(st.one_of(_piece, _sentence), min_size=1, max_size=5).map(" ".join)


@given(st.lists(_text, min_size=1, max_size=3))
@settings(max_examples=300, deadline=None)
def test_free_text_fields_agree(texts: list[str]) -> None:
    """Fields with guarded pieces: the same violations with and without the shortcut."""
    unit = [[Field(f"f{i}", text) for i, text in enumerate(texts)]]
    assert SCANNER.scan_fields(unit, ALL) == SCANNER.scan_fields(unit, ALL, fast=False)


@given(st.lists(_text, min_size=1, max_size=4), st.sampled_from(["rationale", "summary", "note"]))
@settings(max_examples=300, deadline=None)
def test_typed_answers_agree(texts: list[str], key: str) -> None:
    """A typed answer whose strings hold guarded pieces: the same with and without it."""
    outputs = [{"type": "MacroOutlook", key: text, "drivers": [text[:20]]} for text in texts]
    raw = json.dumps({"outputs": outputs})
    assert SCANNER.scan_typed(raw, ALL) == SCANNER.scan_typed(raw, ALL, fast=False)
    # The same strings with their slashes escaped ("b\\/u y" is letter spacing decoded).
    escaped = raw.replace("/", "\\/")
    assert SCANNER.scan_typed(escaped, ALL) == SCANNER.scan_typed(escaped, ALL, fast=False)


@given(_text)
@settings(max_examples=300, deadline=None)
def test_quick_form_gives_the_gate_the_words_of_the_normalised_text(text: str) -> None:
    """Whenever the quick form exists, the gate reads the same words in it as in the
    normalised text (with the scanner's side words, which split a glued size)."""
    quick = quick_form(text, SCANNER.sides)
    if quick is not None:
        assert set(gate_words(quick)) == set(gate_words(normalise(text, SCANNER.sides).text))


@given(_text)
@settings(max_examples=300, deadline=None)
def test_normalise_skips_only_steps_with_nothing_to_rewrite(text: str) -> None:
    """When :func:`normalise` skips the rewriting steps (no trigger of any holds), running
    them would have changed nothing (upper case and line ends reach more of the steps)."""
    for form in (text, text.upper(), text.replace(" ", "\n")):
        if _only_splits(form):
            assert _rewritten(form, TextMap()) == form


@given(_text)
@settings(max_examples=200, deadline=None)
def test_rewritten_is_the_text_of_rewrite(text: str) -> None:
    """The quick form's rewrite without a map gives the text the mapped rewrite gives."""
    edits = split_edits(text, SCANNER.sides)
    assert rewritten(text, edits) == rewrite(text, edits)[0]


def test_every_guarded_piece_needs_its_step() -> None:
    """The first two pieces of each kind are rewritten by normalisation: the generated
    texts do exercise the steps the shortcut guards."""
    for name, pieces in PIECES.items():
        for piece in pieces[:2]:
            assert normalise(piece, SCANNER.sides).text != piece.lower(), (name, piece)
