"""Strict JSON: duplicate keys at any depth and over-deep nesting are refused, with a path."""

from __future__ import annotations

import json
from typing import Any

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from orchestrator.core import strict_json
from orchestrator.core.strict_json import MAX_DEPTH, StrictDecoder, StrictJsonError, _scan
from tests.helpers import SAMPLE


def sample_proposal() -> str:
    fixture = json.loads(SAMPLE.read_text(encoding="utf-8"))
    content: str = fixture["runs"][0]["response"]["choices"][0]["message"]["content"]
    return content


@pytest.mark.parametrize(
    ("text", "key", "path"),
    [
        ('{"decision": "REJECT", "decision": "APPROVE"}', "decision", "decision"),
        ('{"outputs": [], "outputs": []}', "outputs", "outputs"),
        (
            (
                '{"outputs": [{"type": "ScenarioReport"}, {"type": "RiskContext",'
                ' "type": "OrderParameters"}]}'
            ),
            "type",
            "outputs[1].type",
        ),
        ('{"a": {"b": [1, [2, {"c": 1, "c": 2}]]}}', "c", "a.b[1][1].c"),
        ('{"a": 1, "\\u0061": 2}', "a", "a"),
        ('{"x y": {"k": 1, "k": 1}}', "k", '["x y"].k'),
        ('[{"a": 1}, {"a": 1}, {"b": [[], {"q": 0, "q": 0}]}]', "q", "[2].b[1].q"),
        ('{"t": "x", "t": "y", "pad": "\\u003a"}', "t", "t"),
        ('{"s": "}{\\"[", "s": 1}', "s", "s"),
    ],
    ids=[
        "decision-twice",
        "outputs-twice",
        "type-in-item",
        "deep-in-arrays",
        "escaped-equal-key",
        "quoted-path-segment",
        "top-level-array",
        "escaped-colon-hides-loss",
        "brackets-inside-strings",
    ],
)
def test_duplicate_keys_are_refused_with_their_path(text: str, key: str, path: str) -> None:
    """A key given twice in one object, at any depth and however escaped, names key and path."""
    with pytest.raises(StrictJsonError) as caught:
        strict_json.decode(text)
    assert (caught.value.kind, caught.value.key, caught.value.path) == ("duplicate_key", key, path)
    assert f"duplicate key {key!r} at {path}" in caught.value.message


@pytest.mark.parametrize(
    "text",
    [
        '{"a": {"a": 1}}',
        '[{"id": 1}, {"id": 2}]',
        '{"a": "a", "b": "a:a", "c": {"a": 1}}',
        '{"url": "https://x", "t": "09:00"}',
        "[]",
        '"just a string"',
    ],
)
def test_equal_keys_in_different_objects_are_fine(text: str) -> None:
    """Only keys of one object must differ; the value decodes as msgspec decodes it."""
    assert strict_json.decode(text) == msgspec.json.decode(text)


def test_nesting_beyond_the_bound_is_refused_with_how_deep() -> None:
    """An object nested past the bound is refused naming its depth and where it starts."""
    text = '{"outputs": [' + '{"a": ' * 70 + "1" + "}" * 70 + "]}"
    with pytest.raises(StrictJsonError) as caught:
        strict_json.decode(text)
    error = caught.value
    assert error.kind == "too_deep"
    assert error.depth == MAX_DEPTH + 1
    assert error.path.startswith("outputs[0].a.a")
    assert "JSON nested 72 levels deep, deeper than the bound of 64" in error.message


def test_nesting_beyond_the_decoders_own_limit_is_a_depth_error() -> None:
    """Past msgspec's recursion limit the answer is still a depth error, never prose."""
    with pytest.raises(StrictJsonError) as caught:
        strict_json.decode("[" * 5000 + "]" * 5000)
    assert caught.value.kind == "too_deep"
    assert "5000 levels deep" in caught.value.message


def test_nesting_at_the_bound_is_accepted() -> None:
    """Exactly MAX_DEPTH levels decode; a smaller bound can be asked for."""
    text = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert strict_json.decode(text) is not None
    with pytest.raises(StrictJsonError):
        strict_json.decode(text, max_depth=MAX_DEPTH - 1)


def test_many_containers_at_shallow_depth_are_accepted() -> None:
    """More brackets than the bound is not nesting: wide documents decode."""
    text = json.dumps({"items": [{"id": str(i), "tags": [i]} for i in range(200)]})
    assert len(strict_json.decode(text)["items"]) == 200


def test_the_sample_proposal_decodes_as_msgspec_decodes_it() -> None:
    """The shipped sample's proposer answer passes and decodes unchanged."""
    text = sample_proposal()
    assert strict_json.decode(text) == msgspec.json.decode(text)


def test_text_that_is_not_json_raises_the_decode_error() -> None:
    """Malformed JSON is msgspec's DecodeError; a duplicate seen in it is reported first."""
    with pytest.raises(msgspec.DecodeError):
        strict_json.decode('{"a": 1,')
    with pytest.raises(StrictJsonError):
        strict_json.decode('{"a": 1, "a": 2')
    strict_json.check_structure('{"a": 1,')  # the decoder, not the check, refuses it


def test_strict_decoder_checks_before_the_typed_decode() -> None:
    """A typed decoder refuses a duplicate even where the last value would validate."""

    class Body(msgspec.Struct):
        decision: str

    decoder = StrictDecoder(Body)
    assert decoder.decode(b'{"decision": "REJECT"}') == Body(decision="REJECT")
    with pytest.raises(StrictJsonError):
        decoder.decode(b'{"decision": "REJECT", "decision": "APPROVE"}')


def test_bytes_and_text_agree() -> None:
    """Fixtures are checked as bytes, model answers as text, with the same result."""
    text = '{"caf\u00e9": 1, "caf\u00e9": 2}'
    for data in (text, text.encode("utf-8")):
        with pytest.raises(StrictJsonError):
            strict_json.check_structure(data)


# Random JSON with keys from a tiny alphabet (so objects often repeat one), some spelt with
# escapes, colons and non-ASCII letters, to check the fast proof against the exact scan
# and the stdlib.
_keys = st.sampled_from(["a", "b", "\\u0061", "a:b", "\\u003a", "x y", "é:ü", "ключ"])
_scalars = st.one_of(
    st.integers(-5, 5).map(str),
    st.sampled_from(['"a"', '":"', '"\\u003a"', '"}{"', "true", "null", "1.5"]),
)


def _objects(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    members = st.lists(st.tuples(_keys, children), max_size=4)
    return members.map(lambda ms: "{" + ", ".join(f'"{k}": {v}' for k, v in ms) + "}")


def _arrays(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.lists(children, max_size=4).map(lambda xs: "[" + ", ".join(xs) + "]")


_documents = st.recursive(_scalars, lambda c: st.one_of(_objects(c), _arrays(c)), max_leaves=25)


def _has_duplicates(text: str) -> bool:
    found = False

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        nonlocal found
        found = found or len({k for k, _ in items}) != len(items)
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return found


@settings(max_examples=400, deadline=None)
@given(_documents)
def test_the_fast_proof_never_hides_what_the_exact_scan_finds(text: str) -> None:
    """On any JSON, decode refuses exactly what the stdlib sees as duplicate keys."""
    expected = _has_duplicates(text)
    try:
        _scan(text, MAX_DEPTH)
        scanned = False
    except StrictJsonError:
        scanned = True
    try:
        strict_json.decode(text)
        refused = False
    except StrictJsonError:
        refused = True
    assert refused == scanned == expected
