"""Strict JSON structure: no key twice in one object, at any depth, and bounded nesting.

RFC 8259 only says keys *should* be unique, and decoders (msgspec, the stdlib) keep the
last of two equal keys. A model steered by an attacker can use that to hide what a reader
of the text sees first: a second ``"type"`` that turns a ``ScenarioReport`` into an order,
a second ``"decision"`` that turns a REJECT into an APPROVE. Nesting is bounded so that a
payload buried deeper than a decoder's recursion limit is refused as structure instead of
falling through to be read as prose. Every JSON the product decodes from a model answer or
a fixture goes through :func:`decode` or :class:`StrictDecoder`.

Hand-written because no decoder offers it: msgspec has no object-pairs hook; the stdlib's
``object_pairs_hook`` sees objects bottom-up without their path, is four times slower than
msgspec, and its only depth limit is the interpreter's recursion limit. Two tiers:

- a proof at C speed on the decoded value (:func:`_evidently_sound`: colon and bracket
  counts), which settles well-formed answers for about the cost of a second decode;
- otherwise the exact check (:func:`_scan`), one linear pass over the tokens that carry
  structure (strings, brackets), by a lexer whose string pattern is the unrolled
  ``"[^"\\]*(?:\\.[^"\\]*)*"`` (no nested quantifier, so no backtracking blow-up). It is the
  reference: the proof only ever skips it when it could not fail. The path of a violation
  is worked out by one more scan, only when there is one.
"""

from __future__ import annotations

import re
from typing import Any, Final, Generic, Literal, TypeVar

import msgspec

from orchestrator.core.patterns import lazy_pattern

__all__ = ["MAX_DEPTH", "StrictDecoder", "StrictJsonError", "check_structure", "decode"]

T = TypeVar("T")

#: Deepest nesting accepted (the top-level object or array is depth 1). Proposals nest 4 deep,
#: fixtures with a structured-output schema about 12; msgspec itself gives up near 1,000.
MAX_DEPTH: Final = 64

_STRING: Final = r'"[^"\\]*(?:\\.[^"\\]*)*"'
# Groups: 1 a string, 2 the colon that makes it a key, 3 an opening bracket; a closing
# bracket matches no group. Commas only matter for array indices, i.e. for paths.
_TOKENS: Final = lazy_pattern(rf"({_STRING})(\s*:)?|([{{\[])|[}}\]]", re.DOTALL)
_PATH_TOKENS: Final = lazy_pattern(rf"({_STRING})(\s*:)?|([{{\[])|([}}\]])|(,)", re.DOTALL)
_IDENTIFIER: Final = lazy_pattern(r"[A-Za-z_][A-Za-z0-9_]*")
# Group numbers: ``Match.lastindex`` says which kind of token matched.
_KEY: Final = 2
_OPEN: Final = 3
_CLOSE: Final = 4  # in _PATH_TOKENS only
_COMMA: Final = 5
# Paths in messages are cut here; the error's ``path`` keeps the whole of it.
_SHOWN_PATH: Final = 80


class StrictJsonError(ValueError):
    """JSON refused for its structure: a duplicate key, or nesting deeper than the bound.

    ``path`` is where, as a JSON path without the ``$`` (``outputs[2].type``; empty for the
    top level); ``key`` is the duplicated key (None for depth); ``depth`` the nesting depth at
    the violation.
    """

    def __init__(
        self,
        message: str,
        *,
        kind: Literal["duplicate_key", "too_deep"],
        path: str,
        depth: int,
        key: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.path = path
        self.depth = depth
        self.key = key


def decode(data: str | bytes, *, max_depth: int = MAX_DEPTH) -> Any:
    """The JSON value of ``data``, after its structure is checked.

    Raises :class:`StrictJsonError` at the first duplicate key or over-deep container, else
    ``msgspec.DecodeError`` for text that is not JSON. Keys are compared as decoded, so
    ``"a"`` and ``"\\u0061"`` are the same key. A violation found in text that is not JSON
    is reported in preference to the syntax error: both refuse the text.
    """
    value, error = _checked(data, max_depth)
    if error is not None:
        raise error
    return value


def check_structure(data: str | bytes, *, max_depth: int = MAX_DEPTH) -> None:
    """Raise :class:`StrictJsonError` at the first duplicate key or over-deep container.

    Text that is not JSON passes unless the scan finds a violation in it; the decoder
    refuses it anyway.
    """
    _checked(data, max_depth)


class StrictDecoder(Generic[T]):
    """A typed ``msgspec.json.Decoder`` that checks the structure first (:func:`check_structure`).

    ``decode`` raises :class:`StrictJsonError`, or what msgspec raises (``DecodeError``,
    ``ValidationError``); callers translate both at their boundary.
    """

    def __init__(self, type: type[T], *, max_depth: int = MAX_DEPTH) -> None:
        self._decoder = msgspec.json.Decoder(type)
        self.max_depth = max_depth

    def decode(self, data: str | bytes) -> T:
        check_structure(data, max_depth=self.max_depth)
        return self._decoder.decode(data)


def _checked(data: str | bytes, max_depth: int) -> tuple[Any, msgspec.DecodeError | None]:
    """The decoded value, or the decoder's error for text that is not JSON, once the
    structure is checked (raising :class:`StrictJsonError`)."""
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    try:
        value = msgspec.json.decode(text)
    except RecursionError:
        # msgspec gives up near depth 1,000, far beyond the bound: the scan names the place.
        _scan(text, max_depth)
        return None, msgspec.DecodeError("JSON nested too deeply to decode")
    except msgspec.DecodeError as exc:
        _scan(text, max_depth)
        return None, exc
    if not _evidently_sound(text, value, max_depth):
        _scan(text, max_depth)
    return value, None


def _evidently_sound(text: str, value: Any, max_depth: int) -> bool:
    """True when C-speed evidence proves ``value`` lost no key and nests within the bound.

    Every member of a JSON object has exactly one colon outside strings, and decoding drops
    nothing but the members a later equal key overwrites (with the colons of their values).
    Re-encoding writes every surviving colon, in strings or not, and never escapes one; so
    the text has more colons than the re-encoded value exactly when a key was overwritten,
    unless the text spells a colon as an escape, which sends it to the exact scan. False
    means "look closely", not "violated".
    """
    # One search for both spellings of the escape (and, harmlessly, of "0" to "?").
    if "\\u003" in text:
        return False
    try:
        encoded = msgspec.json.encode(value)
    except (msgspec.EncodeError, UnicodeEncodeError):
        return False
    # Counted in UTF-8, where an ASCII byte is always that character.
    data = text.encode("utf-8", "surrogatepass")
    if _occurrences(data, b":") != _occurrences(encoded, b":"):
        return False
    # A text with no more brackets than the bound cannot nest deeper than it.
    brackets = _occurrences(data, b"{") + _occurrences(data, b"[")
    return brackets <= max_depth or _depth_within(value, max_depth)


def _occurrences(data: bytes, byte: bytes) -> int:
    """How often ``byte`` occurs in ``data``. Removing it finds each occurrence with
    memchr; ``count`` compares every byte, at several times the instructions on a
    fixture-sized text (every answer of every run is checked here)."""
    return len(data) - len(data.replace(byte, b""))


def _depth_within(value: Any, max_depth: int) -> bool:
    """True when ``value`` nests no deeper than ``max_depth``: one level of containers at a
    time, each level gathered by a comprehension (a fixture is hundreds of containers, and
    this runs on every fixture a batch replays)."""
    level: list[Any] = [value] if isinstance(value, _CONTAINERS) else []
    for _ in range(max_depth):
        if not level:
            return True
        below: list[Any] = []
        for node in level:
            children = node.values() if isinstance(node, dict) else node
            below += [child for child in children if isinstance(child, _CONTAINERS)]
        level = below
    return not level


_CONTAINERS: Final = (dict, list)


def _scan(text: str, max_depth: int) -> None:
    """The exact check, token by token: raise at the first violation, in document order."""
    stack: list[set[str] | None] = []
    for token in _TOKENS.finditer(text):
        kind = token.lastindex
        if kind == _KEY:
            keys = stack[-1] if stack else None
            if keys is None:
                continue  # a key outside an object: not JSON, the decoder will say so
            key = _key(token.group(1))
            if key in keys:
                raise _violation(text, token.start(), "duplicate_key", max_depth)
            keys.add(key)
        elif kind == _OPEN:
            stack.append(set() if token.group(3) == "{" else None)
            if len(stack) > max_depth:
                raise _violation(text, token.start(), "too_deep", max_depth)
        elif kind is None and stack:
            stack.pop()


def _key(token: str) -> str:
    if "\\" not in token:
        return token[1:-1]
    try:
        decoded: str = msgspec.json.decode(token, type=str)
    except msgspec.DecodeError:
        return token  # a malformed escape: the decoder refuses the text anyway
    return decoded


def _violation(
    text: str, offset: int, kind: Literal["duplicate_key", "too_deep"], max_depth: int
) -> StrictJsonError:
    """The error for the token at ``offset``, with its path from a second, path-keeping scan."""
    # One frame per open container: its segment in its parent, and for an array the index
    # of the element being read (None for an object).
    frames: list[tuple[str, list[int] | None]] = []
    pending = ""  # the segment the next value takes in its container
    for token in _PATH_TOKENS.finditer(text):
        kind_of_token = token.lastindex
        index = frames[-1][1] if frames else None
        if kind_of_token == _KEY:
            key = _key(token.group(1))
            pending = _segment(key)
            if token.start() == offset:
                path = _path(frames, pending)
                return StrictJsonError(
                    f"duplicate key {key!r} at {_shown(path)}: "
                    "a decoder would keep only the last one",
                    kind=kind,
                    path=path,
                    depth=len(frames),
                    key=key,
                )
        elif kind_of_token == _OPEN:
            if index is not None:
                pending = f"[{index[0]}]"
            if token.start() == offset:
                path = _path(frames, pending)
                return StrictJsonError(
                    f"JSON nested {_deepest(text)} levels deep, deeper than the bound of "
                    f"{max_depth}, at {_shown(path) or 'the top level'}",
                    kind=kind,
                    path=path,
                    depth=len(frames) + 1,
                )
            frames.append((pending, [0] if token.group(3) == "[" else None))
            pending = ""
        elif kind_of_token == _CLOSE and frames:
            frames.pop()
        elif kind_of_token == _COMMA and index is not None:
            index[0] += 1
    raise AssertionError("the offending token lies within the scanned text")


def _deepest(text: str) -> int:
    depth = deepest = 0
    for token in _TOKENS.finditer(text):
        if token.lastindex == _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif token.lastindex is None:
            depth = max(0, depth - 1)
    return deepest


def _segment(key: str) -> str:
    return f".{key}" if _IDENTIFIER.fullmatch(key) else f"[{msgspec.json.encode(key).decode()}]"


def _path(frames: list[tuple[str, list[int] | None]], last: str) -> str:
    return ("".join(segment for segment, _ in frames) + last).lstrip(".")


def _shown(path: str) -> str:
    return path if len(path) <= _SHOWN_PATH else path[:_SHOWN_PATH] + "…"
