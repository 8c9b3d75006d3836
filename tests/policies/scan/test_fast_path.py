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

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir
from policies.scan.normalise import _only_splits, _rewritten, normalise, quick_form, split_edits
from policies.scan.scanner import Scanner, _Stretch
from policies.scan.textmap import TextMap, rewrite, rewritten
from policies.scan.words import gate_words
from tests.policies.scan.corpus import BENIGN_DE, BENIGN_EN, Case, benign_cases, smuggled_cases

ALL = frozenset(CATEGORIES)
SCANNER = scanner_for(shipped_vocabulary_dir())
SMUGGLED_CASES = list(smuggled_cases())
BENIGN_CASES = list(benign_cases())

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


# Pieces that each say nothing a detector reads, and open a family together: the gate opens
# on a document of several of them while every field alone is clean, so the shortcut for
# fields clean one by one decides. Open ends and continuations of split sentences are among
# them: those the shortcut must still read across fields.
HALVES = (
    "The no-trade triggers are concrete.",
    "Name the data release that would move probability to the bear case.",
    "Release the pressure valve.",
    "The trade war escalates.",
    "Production data is due Friday.",
    "Live coverage continues.",
    "Promote the idea.",
    "to the broker today.",
    "Send it",
    "Raise the question of timing.",
    "The risk limits of the desk",
    "Die Risikolimits des Desks",
    "is to be raised tomorrow.",
    "is to be lifted to 12 million.",
    "werden ab morgen auf 5 % angehoben.",
    "seront relevées à 5 % demain.",
    "se elevará al 4 %.",
)
_field = st.lists(st.sampled_from(HALVES), min_size=1, max_size=2).map(" ".join)


def test_each_half_is_clean_alone() -> None:
    """The pieces above keep their purpose: each alone is proven clean field by field."""
    for half in HALVES:
        form = quick_form(half, SCANNER.sides)
        assert form is not None, half
        assert SCANNER._each_clean([form], [gate_words(form)]), half


@given(st.lists(_field, min_size=2, max_size=4))
@settings(max_examples=400, deadline=None)
def test_fields_clean_alone_agree(texts: list[str]) -> None:
    """Fields whose words open the gate only together: the same with and without it."""
    unit = [[Field(f"critique.f{i}", text) for i, text in enumerate(texts)]]
    assert SCANNER.scan_fields(unit, ALL) == SCANNER.scan_fields(unit, ALL, fast=False)


@pytest.mark.parametrize(
    ("head", "tail", "rule"),
    [
        ("The no-trade triggers are concrete.", "Name the data release.", None),
        ("The risk limits of the desk", "is to be raised tomorrow.", "risk_limit_change"),
        ("Die Risikolimits des Desks", "is to be lifted to 12 million.", "risk_limit_change"),
    ],
)
def test_clean_fields_still_read_a_split_sentence(head: str, tail: str, rule: str | None) -> None:
    """Both halves clean alone, the document open: a sentence split across them is found,
    and the sample critique's kind of fields (open together, clean alone) give nothing."""
    unit = [[Field("critique.rationale", head), Field("critique.suggested_changes[0]", tail)]]
    found = SCANNER.scan_fields(unit, ALL)
    assert found == SCANNER.scan_fields(unit, ALL, fast=False)
    assert [v.rule for v in found] == ([] if rule is None else [f"scope.forbidden_intent.{rule}"])


class _EveryPairRead(Scanner):
    """The scanner without the per-field shortcut for structured pairs: every field's
    pairs, tables and labels read, whether or not its words satisfy a family."""

    def _plan(self, text: str) -> tuple[list[_Stretch], bool]:
        return super()._plan(text)[0], True


_EVERY_PAIR = _EveryPairRead(SCANNER.lexicon)
# Sides waiting in one output for a size given by a pair in another, whose own words
# satisfy no family ("Qty: 1,000"): the pairs of such clean fields must still be read.
_WAITING = (
    ("The action we take on the base case is to sell.", "Quantity: 400"),
    ("The action we take on the base case is to sell.", "Contracts: 40"),
    ("Verkaufen.", "Stückzahl: 300"),
    ("Verkaufen.", "Kontrakte: 40"),
)


@pytest.mark.parametrize("case", [*SMUGGLED_CASES[::3], *BENIGN_CASES[::3]], ids=str)
def test_clean_fields_skip_their_pairs_without_changing_a_result(case: Case) -> None:
    """The corpus read with and without skipping the pairs of fields clean alone."""
    if case.content.lstrip().startswith("{"):
        fast = SCANNER.scan_typed(case.content, ALL, fast=False)
        assert fast == _EVERY_PAIR.scan_typed(case.content, ALL, fast=False)
    else:
        unit = [[Field("free_text", case.content)]]
        assert SCANNER.scan_fields(unit, ALL) == _EVERY_PAIR.scan_fields(unit, ALL, fast=False)


@pytest.mark.parametrize(("side", "size"), _WAITING)
def test_a_waiting_side_still_reads_the_pairs_of_a_clean_field(side: str, size: str) -> None:
    """A size in a pair of another output completes a side, read or skipped alike."""
    raw = json.dumps(
        {"outputs": [{"type": "MacroOutlook", "summary": side}, {"type": "Note", "text": size}]}
    )
    found = SCANNER.scan_typed(raw, ALL)
    assert [v.rule for v in found] == ["scope.forbidden_intent.order"]
    assert found == _EVERY_PAIR.scan_typed(raw, ALL, fast=False)
    assert SCANNER._plan(size.lower())[1] is False  # the size's field is clean alone
    unit = [[Field("f0", side), Field("f1", size)]]
    assert SCANNER.scan_fields(unit, ALL) == _EVERY_PAIR.scan_fields(unit, ALL, fast=False)
