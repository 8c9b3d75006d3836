"""The prompt hash: its fast canonical text is exactly the seed system's ``json.dumps``."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from orchestrator.core.calls import (
    ChatMessage,
    ChatRequest,
    _string,
    canonical_request,
    canonical_text,
    prompt_hash,
)
from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.contract import (
    CRITIQUE_SCHEMA,
    PROPOSAL_SCHEMA,
    SCHEMA_DIR,
    generate_schema,
    schema_text,
)
from orchestrator.runtime.plan import _response_format

# Any text: non-ASCII, control characters, quotes, backslashes, lone surrogates.
texts = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF))
requests = st.builds(
    ChatRequest,
    model=texts,
    messages=st.lists(st.builds(ChatMessage, role=texts, content=texts), max_size=4).map(tuple),
    temperature=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers()),
    max_tokens=st.integers(min_value=-(2**70), max_value=2**70),
    response_format=st.one_of(
        st.none(),
        st.dictionaries(texts, st.one_of(texts, st.integers(), st.booleans()), max_size=3),
    ),
)


@settings(max_examples=300, deadline=None)
@given(requests)
def test_canonical_text_is_the_seed_json_dumps(request: ChatRequest) -> None:
    """For any request, the template gives json.dumps(canonical_request, sort_keys=True)."""
    assert canonical_text(request) == json.dumps(canonical_request(request), sort_keys=True)


# ASCII text only, control characters and DEL included: the fast escaper's path.
ascii_texts = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x7F))


@settings(max_examples=300, deadline=None)
@given(ascii_texts)
def test_an_ascii_string_is_escaped_as_json_dumps_escapes_it(text: str) -> None:
    assert _string(text) == json.dumps(text)


def test_every_ascii_character_is_escaped_as_json_dumps_escapes_it() -> None:
    """Alone, and inside text (the fast path is taken per string, DEL sends it back)."""
    for code in range(0x80):
        for text in (chr(code), f"a{chr(code)}b", f'{chr(code)} "q" \\ {chr(code)}'):
            assert _string(text) == json.dumps(text), repr(text)


@settings(max_examples=200, deadline=None)
@given(
    st.builds(
        ChatRequest,
        model=ascii_texts,
        messages=st.lists(
            st.builds(ChatMessage, role=ascii_texts, content=ascii_texts), max_size=4
        ).map(tuple),
        temperature=st.floats(allow_nan=False, allow_infinity=False),
        max_tokens=st.integers(min_value=0, max_value=2**20),
    )
)
def test_canonical_text_of_an_ascii_request_is_the_seed_json_dumps(request: ChatRequest) -> None:
    assert canonical_text(request) == json.dumps(canonical_request(request), sort_keys=True)


def test_shipped_response_formats_hash_as_json_dumps() -> None:
    """The typed scenarios' response_format text is json.dumps of the dict it stands for."""
    for name in (PROPOSAL_SCHEMA, CRITIQUE_SCHEMA):
        request = ChatRequest(
            model="m",
            messages=(ChatMessage(role="user", content="x"),),
            temperature=0.2,
            max_tokens=10,
            response_format=_response_format(name),
        )
        assert canonical_text(request) == json.dumps(canonical_request(request), sort_keys=True)


def test_shipped_schemas_are_the_generated_ones() -> None:
    """The shipped schema files are what the Structs generate (scripts/make_schemas.py)."""
    for name in (PROPOSAL_SCHEMA, CRITIQUE_SCHEMA):
        shipped = (SCHEMA_DIR / f"{name}.json").read_text(encoding="ascii")
        assert shipped == schema_text(generate_schema(name)) + "\n", (
            f"{name}.json is stale: run `uv run python scripts/make_schemas.py`"
        )


def test_prompt_hash_is_the_hash_of_the_canonical_text_for_every_request_object() -> None:
    """Cached by identity: each of many requests, hashed again after others pushed it out of
    the cache or while still in it, gets the hash of its own canonical text, never another's."""
    made = [
        ChatRequest(
            model="m",
            messages=(ChatMessage(role="user", content=f"question {n}"),),
            temperature=0.2,
            max_tokens=10,
        )
        for n in range(200)
    ]
    expected = [sha256_prefixed(canonical_text(request).encode("ascii")) for request in made]
    for _ in range(2):
        assert [prompt_hash(request) for request in made] == expected
        assert [prompt_hash(request) for request in reversed(made)] == expected[::-1]
    assert len(set(expected)) == len(made)
