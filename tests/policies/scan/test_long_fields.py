"""Long fields (over 20,000 characters), which the scanner reads sentence by sentence."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policies.findings import Violation
from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir
from policies.scan.directives import _first_parameter, _parameter
from policies.scan.gate import marks
from policies.scan.lexer import Clause, Token, clauses, tokenize
from policies.scan.mood import (
    _content,
    _ends_with_article,
    _finite_past,
    _inverted_subject,
    _named_modifiers,
    _named_subject_verb,
    _part_of_subject,
    _past,
    _past_after_noun,
    _predicate,
    negated,
    subject_before,
    subject_from,
)
from policies.scan.normalise import normalise
from policies.scan.payloads import escaped_strings
from policies.scan.scanner import _SENTENCE, _typed_units
from policies.scan.structure import (
    _BARE_STOPS,
    _TABLE_SEPARATOR,
    _tokens,
    may_pair,
    table_rows,
    text_pairs,
)
from policies.scan.structure import leaves as leaves_of
from policies.scan.textmap import Taken
from policies.scan.vocabulary import Form, Lexicon, Role
from policies.scan.words import gate_words
from tests.policies.scan.corpus import BENIGN_DE, BENIGN_EN, benign_cases, smuggled_cases

ALL = frozenset(CATEGORIES)
PAD = "Filler text about the weather and nothing else. " * 500  # 24,000 characters


def scan(*fields: tuple[str, str]) -> list[Violation]:
    unit = [Field(path, text) for path, text in fields]
    return scanner_for(shipped_vocabulary_dir()).scan_fields([unit], ALL)


def test_an_instruction_in_padding_is_found_where_it_stands() -> None:
    """A long field's instruction is reported with its span and line in the field as given."""
    text = PAD + "\n" + PAD + "Buy 100 shares of SPY at 4500. " + PAD
    (violation,) = scan(("free_text", text))
    start = text.index("Buy")
    assert violation.span == (start, start + len("Buy 100 shares of SPY at 4500"))
    assert violation.detail.startswith("order-like instruction on line 2:")


def test_a_side_is_completed_by_a_size_in_the_next_sentences() -> None:
    """A side waiting for its size finds it in a size-only sentence up to three sentences on."""
    for gap in range(3):
        text = PAD + "Go short ES. " + "The sky was grey. " * gap + "About 20 contracts. " + PAD
        (violation,) = scan(("free_text", text))
        assert violation.span == (len(PAD), len(PAD) + len("Go short ES"))


def test_a_size_in_a_long_field_completes_a_side_in_another_field() -> None:
    """A size-only sentence after a side word in a long field completes another field's side."""
    sized = PAD + "The long end rallied. About 20 contracts. " + PAD
    # A side on a target named before ("it"): a side on a named target blocks on its own.
    for fields in ((("a", "Go long it."), ("b", sized)), (("b", sized), ("a", "Go long it."))):
        assert [(v.location, v.span) for v in scan(*fields)] == [("a", (0, 10))]
    assert scan(("a", "Go long it."), ("b", PAD + "About 20 contracts. " + PAD)) == []


def test_a_size_in_a_sentence_of_record_words_completes_a_side_further_on() -> None:
    """A sentence that only a record family reads still lends its size to a waiting side."""
    sized = "Mode live, 20 contracts. "  # a record family's words, and a size
    text = PAD + "Go short ES. " + "The sky was grey. " * 5 + sized + PAD
    assert [v.span for v in scan(("free_text", text))] == [(len(PAD), len(PAD) + 11)]
    other = ("b", PAD + sized + PAD)
    assert [(v.location, v.span) for v in scan(("a", "Go long it."), other)] == [("a", (0, 10))]
    assert scan(other) == []


def test_the_shortcut_and_the_full_analysis_agree_on_long_fields() -> None:
    """Long fields of commentary, instructions and sizes: both paths give the same violations."""
    scanner = scanner_for(shipped_vocabulary_dir())
    rng = random.Random(3)
    sentences = [
        *BENIGN_EN,
        *BENIGN_DE,
        "Go short ES.",
        "About 20 contracts.",
        "Buy 100 shares of SPY at 4500.",
        "Kaufen Sie 300 Aktien von SAP.",
        "Raise the VaR limit to 5 %.",
    ]
    for _ in range(5):
        text = " ".join(rng.choice(sentences) for _ in range(600))
        unit = [[Field("free_text", text), Field("other", rng.choice(sentences))]]
        fast = scanner.scan_fields(unit, ALL)
        assert fast == scanner.scan_fields(unit, ALL, fast=False)
        assert fast


@given(st.text(alphabet="ab 4,.!?;\n\t", max_size=60))
@settings(max_examples=500, deadline=None)
def test_sentences_end_at_a_stop_before_a_space_or_at_a_line_end(text: str) -> None:
    """The sentence pattern splits as its one-alternative-per-character definition does."""
    definition = r"(?:[^.!?;\n]|[.!?](?=\S))*[.!?;\n]?"
    expected = [m.span() for m in re.finditer(definition, text)]
    assert [m.span() for m in _SENTENCE.finditer(text)] == expected


def test_a_sentence_without_a_family_of_prose_or_a_side_finds_nothing() -> None:
    """Read with every family on, a sentence the long-field gate passes over finds nothing.

    The premise of reading long fields sentence by sentence, checked on every sentence of
    the corpus (smuggled and benign) that the gate would not analyse for findings.
    """
    scanner = scanner_for(shipped_vocabulary_dir())
    gate = scanner.gate
    every_family = frozenset(gate.families)
    passed_over = 0
    for case in (*smuggled_cases(), *benign_cases()):
        norm = normalise(case.content)
        for match in _SENTENCE.finditer(norm.text):
            piece = match.group()
            words = [*gate_words(piece), *marks(piece)]
            if not piece or gate.reach(words, piece)[0] or not gate.waiting.isdisjoint(words):
                continue
            passed_over += 1
            hits, pending, _ = scanner._read(norm, match.start(), match.end(), every_family)
            assert (hits, pending) == ([], []), piece
    assert passed_over > 10_000


# --- shapes that once took the scanner quadratic time or crashed it (benchmarks/scope_linearity.py)


def test_a_field_of_html_entities_is_decoded_in_one_pass() -> None:
    """20,000 entities decode (each checked against the tags by bisection, not against all)."""
    text = "&amp;" * 20_000
    assert normalise(text).text == "&" * 20_000
    assert scan(("free_text", "Buy&#32;100 shares of SPY at 4500. " + text))


def test_an_entity_inside_a_tag_is_left_to_the_tag() -> None:
    """An entity within a tag goes with the tag; one before or after it is decoded."""
    norm = normalise("&#66;uy <span class='&#66;'>x</span> &#83;PY")
    assert norm.text == "buy x spy"
    assert normalise("&#66;uy <p class='&#66;'>x</p> &#83;PY").text == "buy  x  spy"


def test_an_empty_quoted_string_before_an_assignment_is_read_without_a_crash() -> None:
    """A quoted "" among the words before ':' or '=' is a value, not a sentence end."""
    assert scan(("free_text", 'buy x "": y')) == []
    assert scan(("free_text", 'Buy it. "" = 5')) == []


@pytest.mark.parametrize(
    ("unit", "count", "rules"),
    [
        ("buy 4% of NAV ", 1_400, ["scope.forbidden_intent.order"]),
        ("we never buy 4% of NAV ", 800, []),
        ("leverage 5x ", 1_500, ["scope.forbidden_intent.risk_limit_change"]),
        ("raise the limit ", 1_200, ["scope.forbidden_intent.risk_limit_change"]),
        ("switch to live ", 1_200, ["scope.forbidden_intent.live_toggle"]),
        ("weight 20 % ", 1_500, ["scope.forbidden_intent.rebalance"]),
        ("kaufen SAP ", 1_700, ["scope.forbidden_intent.order"]),
        ("SAP kaufen ", 1_700, ["scope.forbidden_intent.order"]),
        ("TLT is to be bought ", 900, ["scope.forbidden_intent.order"]),
        ("CTAs buy SPY ", 1_400, []),
    ],
)
def test_a_clause_of_many_action_words_is_read_once(
    unit: str, count: int, rules: list[str]
) -> None:
    """A field of one clause (no stop) with an action word every few tokens: one finding or none.

    Each action word's questions (subject before it, negation after it, the clause's first
    parameter) are answered from the clause's position lists: a walk over the clause per
    word took 3-8 s on these 18 kB fields.
    """
    text = unit * count
    assert len(text) < 20_000  # read as one stretch, not sentence by sentence
    assert [v.rule for v in scan(("free_text", text))] == rules


_ROLE_WORDS = [
    "buy",
    "kaufen",
    "SAP",
    "SPY",
    "we",
    "CTAs",
    "never",
    "nicht",
    "Sie",
    "at",
    "stop",
    "4500",
    "100",
    "shares",
    "4%",
    "of",
    "NAV",
    "were",
    "rallied",
    "ran",
    "funds",
    "the",
    "limit",
    "raise",
    "should",
    "$",
    "@",
    "has",
    "leverage",
    "5x",
    "ES",
    "contracts",
]


@given(st.lists(st.sampled_from(_ROLE_WORDS), min_size=1, max_size=40))
@settings(max_examples=300, deadline=None)
def test_clause_positions_answer_as_a_walk_over_the_clause_does(words: list[str]) -> None:
    """The mood and parameter questions answered from position lists equal the plain walks."""
    lexicon = scanner_for(shipped_vocabulary_dir()).lexicon
    norm = normalise(" ".join(words))
    tokens = tokenize(norm.text, norm.cased, lexicon)
    for clause in clauses(tokens):
        for position in range(clause.first, clause.last):
            assert negated(tokens, clause, position) == _negated_walk(tokens, clause, position)
            assert subject_before(tokens, clause, position, lexicon) == _subject_walk(
                tokens, clause, position, lexicon
            )
            token = tokens[position]
            past = bool(token.forms & Form.PAST and not token.forms & (Form.BASE | Form.NOUN))
            past = past or any(
                tokens[i].has(Role.AUX) and tokens[i].forms & Form.PAST
                for i in range(clause.first, position)
            )
            verb = next((i for i in range(clause.first, position) if _finite_past(tokens[i])), None)
            past = past or (
                verb is not None and any(_content(tokens[i]) for i in range(clause.first, verb))
            )
            assert _past(tokens, clause, position, lexicon) == past
            predicate = next(
                (
                    i
                    for i in range(position + 1, clause.last)
                    if _predicate(tokens[i], lexicon) and not tokens[i - 1].has(Role.DET)
                ),
                None,
            )
            assert _part_of_subject(tokens, clause, position, lexicon) == (
                _past_after_noun(tokens, clause, position)
                if predicate is None
                else (
                    not _strong(tokens[position])
                    or _nominal_walk(tokens, clause, position, predicate, lexicon)
                )
            )
            for end in range(position + 1, clause.last + 1):
                walk = next((j for j in range(position, end) if _parameter(tokens, j, end)), None)
                assert _first_parameter(tokens, clause, position, end) == walk


def _negated_walk(tokens: list[Token], clause: Clause, position: int) -> bool:
    """negated() as it was written: the negation after a verb-final word found by a walk."""
    token = tokens[position]
    if not token.negation_after:
        return negated(tokens, clause, position)
    saved = token.negation_after
    token.negation_after = False
    try:
        before = negated(tokens, clause, position)
    finally:
        token.negation_after = saved
    if before:
        return True
    for j in range(position + 1, clause.last):
        if tokens[j].has(Role.NEG) and not tokens[j].has(Role.URGE):
            return True
        if tokens[j].has(Role.VERB) and j > position + 1:
            break
    return False


def _subject_walk(tokens: list[Token], clause: Clause, position: int, lexicon: Lexicon) -> int:
    actor, nearest, finite = 0, -1, -1
    for i in range(clause.first, position):
        if tokens[i].has(Role.ACTOR):
            actor = actor or tokens[i].roles & Role.ACTOR
        elif _content(tokens[i]):
            nearest = i
    if actor:
        return actor
    # A name the vocabulary does not know before its verb: a look at the clause's opening.
    named = _named_subject_verb(tokens, clause)
    if named is not None and named <= position:
        return Role.THIRD
    # We or the reader after a verb-second verb: a look at the next word, not a walk.
    inverted = _inverted_subject(tokens, clause, position)
    if inverted or nearest < 0:
        return inverted
    for i in range(clause.first, position):
        if tokens[i].has(Role.AUX | Role.MODAL):
            finite = i
            break
    heads = [i for i in range(clause.first, finite) if _content(tokens[i])] if finite > 0 else []
    # The rest of subject_before decides on these content words alone.
    return subject_from(tokens, clause, position, nearest, heads[-1] if heads else None, lexicon)


def _nominal_walk(
    tokens: list[Token], clause: Clause, position: int, predicate: int, lexicon: Lexicon
) -> bool:
    """A strong action word that heads a subject: after an article (adverbs and a strike
    between), after an article and the name it is of, or a noun form right before its
    predicate."""
    before = position - 1
    while before >= clause.first and tokens[before].text.endswith("ly"):
        before -= 1
    if before > clause.first and tokens[before].kind == "number":
        before -= 1
        if _ends_with_article(tokens[before], lexicon):
            return True
    if before >= clause.first:
        word = tokens[before]
        if word.has(Role.DET) and not word.has(Role.NEG | Role.PREFIX):
            return True
    noun = bool(tokens[position].forms & Form.NOUN)
    if noun and _named_modifiers(tokens, clause, position):
        return True
    return noun and predicate == position + 1


def _strong(token: Token) -> bool:
    return bool(
        token.has(Role.BUY | Role.SELL | Role.EXECUTE | Role.REBALANCE)
        and token.forms & Form.BASE
        and not token.has(Role.SIDE_ADJ)
    )


def test_a_short_field_without_a_family_of_prose_or_a_side_finds_nothing() -> None:
    """Read with every family on, a field the gate judges not worth reading finds nothing.

    The premise of reading a short field only for its sizes when it holds no family of
    prose and no side, checked on every field of the corpus (typed and free text).
    """
    scanner = scanner_for(shipped_vocabulary_dir())
    every_family = frozenset(scanner.gate.families)
    passed_over = 0
    for case in (*smuggled_cases(), *benign_cases()):
        for unit in _typed_units(case.content):
            for field in unit.fields:
                norm = normalise(field.text)
                (stretch,) = scanner._stretches(norm.text)
                if stretch.own:
                    continue
                passed_over += 1
                hits, pending, _ = scanner._read(norm, 0, len(norm.text), every_family)
                assert (hits, pending) == ([], []), field.text
    assert passed_over > 1_000


def test_key_value_lines_with_dashes_are_read_in_a_long_field_as_in_a_short_one() -> None:
    """'Side - Buy' lines are pairs wherever they stand: the long-field line filter knows dashes."""
    order = "Side - Buy\nQty - 100\nSymbol - SPY"
    assert [v.span for v in scan(("free_text", order))] == [(0, 20)]
    text = PAD + "\n" + order + "\n" + PAD
    assert [v.span for v in scan(("free_text", text))] == [(len(PAD) + 1, len(PAD) + 21)]


@given(st.text(alphabet="ab1 -->:=\n\"'{}[],|;&^.", max_size=40))
@settings(max_examples=1000, deadline=None)
def test_a_text_without_a_key_mark_has_no_pairs(text: str) -> None:
    """Where may_pair says no key can be set (no ':' '=' or token-ending dash), none is."""
    if not may_pair(text):
        assert text_pairs(text) == []


def test_escapes_beside_many_escaped_strings_are_decoded_in_one_pass() -> None:
    """4,000 escaped strings and 4,000 escapes: each escape checked by bisection (took 5 s)."""
    norm = normalise('"\\"x\\"" a\\n ' * 4_000)
    assert norm.text == ' "x"  a\n ' * 4_000


@given(st.text(alphabet='ab "\\\n', max_size=30), st.sampled_from([2, 5, 100_000]))
@settings(max_examples=2000, deadline=None)
def test_escaped_strings_are_found_as_their_pattern_finds_them(text: str, limit: int) -> None:
    """The quoted strings read once per body are those the pattern tried at each quote finds."""
    definition = r'"((?:[^"\\\n]|\\.){0,' + str(limit) + r'})"'
    expected = [m.span() for m in re.finditer(definition, text)]
    assert list(escaped_strings(text, limit)) == expected


@given(st.text(alphabet="a1 ,:=-{\"'\\\n", max_size=30))
@settings(max_examples=2000, deadline=None)
def test_structure_tokens_are_those_of_the_alternatives_tried_at_each_position(text: str) -> None:
    """Strings read once per body: the tokens of the pattern with its string alternatives."""
    definition = (
        r'"(?:[^"\\\n]|\\.)*"'
        r"|'(?:[^'\\\n]|\\.)*'"
        r"|(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?)"
        r"|(?P<punct>:=|=>|->|[{}\[\],:=|;\n\x01&^])"
        rf"|(?P<bare>[^{_BARE_STOPS}]+)"
    )
    expected = [(m.group(), m.group("punct"), *m.span()) for m in re.finditer(definition, text)]
    assert list(_tokens(text)) == expected


def test_a_line_of_escaped_quotes_opens_no_string() -> None:
    """A line of escaped quotes, in a string or after a key, opens no string (read once per
    body, not once per quote: 40,000 characters took 9 s); a blank line is no table rule."""
    assert list(escaped_strings('"' + '\\"' * 20_000)) == []
    values = [leaf.value for leaf in leaves_of("side: buy\nnote: " + "'\\" * 20_000)]
    assert values[0] == "buy"
    assert all("'" not in value or "\\" in value for value in values)
    assert table_rows("| side | qty |\n" + " " * 40_000 + "x") == []


@given(st.text(alphabet=" \t|:-x", max_size=20))
@settings(max_examples=2000, deadline=None)
def test_a_table_rule_is_what_its_first_pattern_says(line: str) -> None:
    """The rule pattern that places each blank once accepts the lines its first form did."""
    definition = r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*"
    expected = re.fullmatch(definition, line) is not None
    assert (_TABLE_SEPARATOR.fullmatch(line) is not None) == expected


@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(0, 8)), max_size=12),
    st.integers(0, 60),
    st.integers(0, 10),
)
def test_taken_answers_as_a_walk_over_its_stretches(
    spans: list[tuple[int, int]], start: int, width: int
) -> None:
    """Taken's bisections give the walks' answers on non-overlapping stretches."""
    stretches: list[tuple[int, int]] = []
    for s, w in sorted(spans):
        if not stretches or s >= stretches[-1][1]:
            stretches.append((s, s + w))
    taken = Taken(reversed(stretches))
    end = start + width
    assert taken.overlaps(start, end) == any(s < end and start < e for s, e in stretches)
    assert taken.holds(start) == any(s <= start < e for s, e in stretches)
