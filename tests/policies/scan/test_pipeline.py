"""The scanner's parts: spans through normalisation, the gate's shortcut, categories, data."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orchestrator.core.config import CapabilityScope
from orchestrator.core.errors import ConfigError
from policies.findings import Violation
from policies.scan import (
    CATEGORIES,
    Field,
    enforced_categories,
    not_enforced_notes,
    scanner_for,
    shipped_vocabulary_dir,
    vocabulary,
    vocabulary_dir,
)
from policies.scan import normalise as normalise_module
from policies.scan.markup import (
    EMPHASIS_TRIGGER,
    LETTER_SPACING,
    letter_spaced,
    letter_spacing_edits,
)
from policies.scan.normalise import dot_edits, normalise, quick_form
from policies.scan.payloads import BASE64_RUN, base64_runs
from policies.scan.textmap import rewrite
from policies.scan.vocabulary import lexicon_for
from policies.scan.words import BLANKS_AND_TOKEN, TOKEN, gate_words

ALL = frozenset(CATEGORIES)


def scan(text: str) -> list[Violation]:
    return scanner_for(shipped_vocabulary_dir()).scan_fields([[Field("f", text)]], ALL)


def scope_with(*, allowed: list[str], forbidden: list[str], path: str = "") -> CapabilityScope:
    return msgspec.convert(
        {
            "scope": {"layer_id": "L2", "version": "1"},
            "outputs": {"allowed": allowed, "forbidden": forbidden},
            "path": path,
        },
        CapabilityScope,
    )


@pytest.mark.parametrize(
    "text",
    [
        "Note: B\u200bu\u200by 100 shares of SPY at 4500.",
        "Note: \uff22\uff55\uff59 100 shares of SPY at 4500.",
        "Note: <b>B</b>uy 100 shares of SPY at 4500.",
        "Note: B**u**y 100 shares of SPY at 4500.",
        "Note: &#66;uy 100 shares of SPY at 4500.",
    ],
)
def test_span_points_into_the_text_as_given(text: str) -> None:
    """The span covers the obfuscated instruction in the original offsets."""
    (violation,) = scan(text)
    assert violation.span is not None
    start, end = violation.span
    assert start == text.index("Note: ") + len("Note: ")
    assert text[start:end].endswith("4500")


def test_encoded_payload_is_decoded_and_located() -> None:
    """A base64 payload is decoded and rescanned; the span is the payload's."""
    payload = "QnV5IDEwMCBzaGFyZXMgb2YgU1BZIGF0IDQ1MDA="  # Buy 100 shares of SPY at 4500
    text = f"Appendix: {payload} end"
    (violation,) = scan(text)
    assert violation.rule == "scope.forbidden_intent.order"
    assert violation.span is not None
    start, end = violation.span
    assert start == text.index(payload)
    assert end >= start + len(payload)


def test_detail_names_the_line_of_a_long_text() -> None:
    """In a text of several lines the detail names the line; the location is the path."""
    (violation,) = scan("# Outlook\n\nBase case: growth slows.\nGo live with real money.")
    assert violation.location == "f"
    assert violation.detail.startswith("live-trading toggle on line 4:")


def test_violation_without_span_encodes_as_before() -> None:
    """A violation without a span encodes without the key (old packs re-encode unchanged)."""
    old = b'{"rule":"scope.scenario_count","location":"free_text","detail":"1 scenario"}'
    decoded = msgspec.json.decode(old, type=Violation)
    assert msgspec.json.encode(decoded) == old
    spanned = Violation(rule="r", location="f", detail="d", span=(1, 4))
    assert msgspec.json.decode(msgspec.json.encode(spanned), type=Violation) == spanned


def test_categories_follow_the_scope() -> None:
    """A category is enforced when its type is forbidden or not named; allowing it switches it off."""
    forbidden = ["OrderParameters", "LiveToggle"]
    scope = scope_with(allowed=["MacroOutlook", "PortfolioRebalance"], forbidden=forbidden)
    assert enforced_categories(scope) == {"order", "execution", "risk_limit", "live_toggle"}
    assert not_enforced_notes(scope) == (
        "scope.forbidden_intent.rebalance: not enforced, the scope allows PortfolioRebalance",
    )
    both = scope_with(allowed=["order_parameters"], forbidden=["Order Parameters"])
    assert "order" in enforced_categories(both)


def test_a_config_folder_can_carry_its_own_vocabulary(tmp_path: Path) -> None:
    """vocabulary/ beside the scope's config folder is used when it exists."""
    (tmp_path / "capability_scopes").mkdir()
    scope_file = tmp_path / "capability_scopes" / "L2_x.toml"
    scope = scope_with(allowed=[], forbidden=[], path=str(scope_file))
    assert vocabulary_dir(scope) == shipped_vocabulary_dir()
    own = tmp_path / "vocabulary"
    own.mkdir()
    shutil.copy(shipped_vocabulary_dir() / "en.toml", own / "en.toml")
    other = scope_with(
        allowed=[], forbidden=[], path=str(tmp_path / "capability_scopes" / "L2_y.toml")
    )
    assert vocabulary_dir(other) == own.resolve()
    assert lexicon_for(own).languages == ("en",)


def test_a_broken_vocabulary_names_its_file(tmp_path: Path) -> None:
    """A vocabulary file that does not decode is a ConfigError naming the file."""
    (tmp_path / "xx.toml").write_text('[language]\ncode = "xx"\nname = "X"\n[actions]\nbuy = 3\n')
    with pytest.raises(ConfigError, match=r"xx\.toml"):
        lexicon_for(tmp_path)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("| Side | Qty | Symbol |\n|---|---|---|\n| Sell | 5 | ES |", "order"),
        ("8=FIX.4.4|35=D|54=2|38=5|55=ES|44=5150", "order"),
        ("```yaml\ntarget_weights:\n  SPY: 0.6\n  TLT: 0.4\n```", "rebalance"),
        ("```python\nconfig = {'TRADING_MODE': 'live'}\n```", "live_toggle"),
        ('{"risk": {"limits": {"max_leverage": 5}}}', "risk_limit_change"),
    ],
)
def test_structured_channels(text: str, rule: str) -> None:
    """Tables, FIX, YAML, Python dicts and nested JSON are read as orders and settings."""
    assert [v.rule.rsplit(".", 1)[-1] for v in scan(text)] == [rule]


@given(st.text(alphabet="ab B.-_*1 x", max_size=40))
@settings(max_examples=300, deadline=None)
def test_quick_letter_spacing_check_agrees_with_the_pattern(text: str) -> None:
    """The byte-class look for letter spacing finds exactly what the regex finds."""
    assert letter_spaced(text) == (re.search(LETTER_SPACING, text) is not None)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60))
@settings(max_examples=300, deadline=None)
def test_quick_form_is_the_normalised_text_when_it_exists(text: str) -> None:
    """When the gate's shortcut applies, it yields the normalised text but for the dots
    inside identifiers, which the gate reads as spaces anyway."""
    quick = quick_form(text)
    if quick is not None:
        normalised = normalise(text).text
        assert rewrite(quick, dot_edits(quick))[0] == normalised
        assert set(gate_words(quick)) == set(gate_words(normalised))


_PLAIN_SIDES = scanner_for(shipped_vocabulary_dir()).sides
# Letters of both cases, digits, every separator and trigger character of the steps, and
# side words that glue to a size: what the shortcut must tell apart.
_PLAIN_ALPHABET = st.one_of(
    st.sampled_from(list("aAbBxXyZ019 .-/,;:'()$|?!%+_*~`=<>&#\\\n\t")),
    st.sampled_from(["buy", "Sell", "SELL", "long", "ES", "Order", "iPhone", "qqq"]),
)


@given(st.lists(_PLAIN_ALPHABET, max_size=30).map("".join))
@settings(max_examples=2000, deadline=None)
def test_plain_text_shortcut_agrees_with_the_general_quick_form(text: str) -> None:
    """A text the byte-class look calls plain has, by the general path, its lower case as
    its quick form: no step would have changed it."""
    if normalise_module._plain(text):
        assert normalise_module._quick_form(text, _PLAIN_SIDES) == text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Name the data release that would move probability to the bear case.",
        "Spreads widened 20 bp; the ECB's next move is data-dependent (see page 4).",
    ],
)
def test_plain_prose_takes_the_shortcut(text: str) -> None:
    """Ordinary prose is plain: the shortcut is not an empty promise."""
    assert normalise_module._plain(text)
    assert quick_form(text, _PLAIN_SIDES) == text.lower()


@pytest.mark.parametrize(
    "text",
    [
        "b u y 100",
        "buyES now",
        "SELL100 ES",
        "dGhpcyBpcyBhIHNlY3JldA",
        "x--y",
        "a_b",
        "p.2.4",
        "b . u . y",
        "b..u..y",
        "internationalisation",
    ],
)
def test_what_a_step_reacts_to_is_not_plain(text: str) -> None:
    """Letter spacing, humps, glued sides, payloads and triggers leave the shortcut."""
    assert not normalise_module._plain(text)


def test_the_compiled_vocabulary_is_cached_and_trusted_only_when_it_decodes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A second start reads the compiled lexicon from the cache; a damaged cache is ignored."""
    monkeypatch.setenv(vocabulary.CACHE_ENV, str(tmp_path / "cache"))
    folder = tmp_path / "vocabulary"
    shutil.copytree(vocabulary.shipped_vocabulary_dir(), folder)
    fresh = vocabulary.lexicon_for(folder)
    (cached,) = (tmp_path / "cache").glob("lexicon-*.msgpack")
    vocabulary._compiled.cache_clear()
    assert vocabulary.lexicon_for(folder) == fresh
    cached.chmod(0o600)
    cached.write_bytes(b"not a lexicon")
    vocabulary._compiled.cache_clear()
    assert vocabulary.lexicon_for(folder) == fresh
    # An edited vocabulary file is another key: compiled afresh, never the old lexicon.
    english = folder / "en.toml"
    english.write_text(english.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    vocabulary._compiled.cache_clear()
    vocabulary.lexicon_for(folder)
    assert len(list((tmp_path / "cache").glob("lexicon-*.msgpack"))) == 2


@given(st.text(alphabet="ab1 *~`_", max_size=40))
@settings(max_examples=300, deadline=None)
def test_emphasis_pattern_finds_marks_between_letters(text: str) -> None:
    """The emphasis pattern finds every run of marks between two letters or digits, no other."""
    definition = r"(?<=[A-Za-z0-9])[*~`]+(?=[A-Za-z0-9])"
    expected = [m.span() for m in re.finditer(definition, text)]
    assert [m.span() for m in re.finditer(EMPHASIS_TRIGGER, text)] == expected


# Pieces that make base64 stretches, letter spacing and their near misses, with non-ASCII
# characters before them (offsets in characters are not offsets in bytes).
PIECES = ["QnV5IDEwMCBTUFk", "aB9+/_-aB9+/_-aB", "=", "==", "é", "ß€", " ", ".", "a", "b 1", "-x"]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_base64_stretches_are_found_as_the_pattern_finds_them(text: str) -> None:
    """The byte-class search yields exactly the stretches the base64 pattern matches."""
    assert base64_runs(text) == [m.span() for m in BASE64_RUN.finditer(text)]


@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
@settings(max_examples=300, deadline=None)
def test_letter_spacing_is_joined_where_the_pattern_matches(text: str) -> None:
    """Letter-spaced runs are rewritten exactly where the letter-spacing pattern matches
    (a sentence start inserted before a hidden word is an empty edit, no rewritten run)."""
    spans = [(edit.start, edit.end) for edit in letter_spacing_edits(text) if edit.end > edit.start]
    assert spans == [m.span() for m in re.finditer(LETTER_SPACING, text)]


@given(st.text(alphabet="ab7'.,-_ \t\n\u00a0\u2028\u0663é$", max_size=40))
@settings(max_examples=500, deadline=None)
def test_tokens_read_with_their_blanks_are_the_tokens_of_the_pattern(text: str) -> None:
    """Reading each token with the blanks before it gives the token pattern's tokens."""
    expected = [(m.start(), m.group(), m.lastgroup) for m in TOKEN.finditer(text)]
    found, end = [], 0
    for blanks, word, number, mark in BLANKS_AND_TOKEN.findall(text):
        start = end + len(blanks)
        value = word or number or mark
        if not value:
            break
        kind = "word" if word else "number" if number else "mark"
        found.append((start, value, kind))
        end = start + len(value)
    assert found == expected
