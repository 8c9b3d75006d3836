"""Structured channels: key/value pairs read lexically from any text, and markdown tables.

One tolerant reader covers JSON (at any depth, duplicate keys included: nothing is
decoded into a dict, so nothing is dropped), JSON5 and Python dicts (single quotes, bare
keys, ``=``), YAML and ``key: value`` / ``key = value`` lines, and FIX messages once their
tags are named (:mod:`policies.scan.fix`). It never recurses, so nesting depth is no limit.
Each pair keeps the keys above it, so ``{"target_weights": {"SPY": 0.6}}`` and its YAML
form both give ``("target_weights", "spy") = "0.6"``.

Markdown tables with a header row give one record per row, keyed by the header cells.
The fence grammar of the product (:mod:`policies.json_blocks`) is not needed here: a
fenced block is read like any other text.
"""

from __future__ import annotations

from typing import Final, NamedTuple

import msgspec

from orchestrator.core.patterns import lazy_pattern

__all__ = ["Leaf", "Pair", "leaves", "table_rows", "text_pairs"]

_LEX: Final = lazy_pattern(
    r'"(?:[^"\\\n]|\\.)*"'
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?)"
    r"|(?P<punct>:=|=>|->|[{}\[\],:=|;\n\x01&])"
    r"|(?P<bare>[^\s{}\[\],:=\"'|;\x01&]+)"
)
_MAX_KEY_WORDS: Final = 6
_MAX_KEY_CHARS: Final = 48
_SEPARATORS: Final = frozenset(",|;\n\x01&")
_ASSIGN: Final = frozenset((":", "=", ":=", "=>", "->"))


class Leaf(NamedTuple):
    """One scalar: its path (keys and indexes), text, span and whether it was quoted."""

    path: tuple[str | int, ...]
    value: str
    start: int
    end: int
    quoted: bool


class Pair(NamedTuple):
    """A key (with the keys above it) and its scalar value, located in the text."""

    keys: tuple[str, ...]
    value: str
    start: int
    end: int


class _Frame:
    __slots__ = ("index", "key", "kind")

    def __init__(self, kind: str, key: str | int | None) -> None:
        self.kind = kind  # "{" or "[" or "line"
        self.key: str | int | None = key
        self.index = 0


def leaves(text: str) -> list[Leaf]:
    """Every scalar of ``text`` read as JSON-like structure, with its path."""
    found: list[Leaf] = []
    stack: list[_Frame] = [_Frame("line", None)]
    # YAML: keys without a value on their line, with the indentation of that line.
    outline: list[tuple[int, str]] = []
    line_indent = _indent(text, 0)
    pending_key: str | None = None
    key_start = -1
    value_parts: list[tuple[str, int, int, bool]] = []

    def path() -> tuple[str | int, ...]:
        parts: list[str | int] = [key for _, key in outline]
        for frame in stack[1:]:
            if frame.key is not None:
                parts.append(frame.key)
            if frame.kind == "[":
                parts.append(frame.index)
        return tuple(parts)

    def flush() -> None:
        nonlocal pending_key
        if value_parts:
            value = " ".join(part[0] for part in value_parts)
            start, end = value_parts[0][1], value_parts[-1][2]
            if pending_key is not None and 0 <= key_start < start:
                start = key_start  # a pair spans its key and its value
            here = path()
            if pending_key is not None:
                here = (*here, pending_key)
            found.append(Leaf(here, value, start, end, value_parts[0][3]))
            value_parts.clear()
        pending_key = None

    for match in _LEX.finditer(text):
        token = match.group()
        punct = match.group("punct")
        if punct is not None:
            if punct in _ASSIGN:
                if not value_parts:
                    continue
                # In prose the key is what follows the last sentence: "Go short ES. Size: 20".
                # Only the last few words can be a key: the scan stays bounded.
                recent = max(0, len(value_parts) - _MAX_KEY_WORDS - 1)
                split = max(
                    (
                        i + 1
                        for i, part in enumerate(value_parts[recent:], recent)
                        if part[0].endswith((".", "!", "?"))  # a quoted "" is empty
                    ),
                    default=recent,
                )
                tail = value_parts[split:]
                if tail and not tail[0][3] and not _keyish(tail) and _keyish(tail[-1:]):
                    # "https://host/n?q=side=buy": the key is the last word before the mark.
                    split, tail = len(value_parts) - 1, tail[-1:]
                if (tail and not tail[0][3] and _keyish(tail)) or (
                    tail and tail[0][3] and len(tail) == 1
                ):
                    head = value_parts[:split]
                    key = _key_text(tail)
                    value_parts[:] = head
                    flush()
                    pending_key, key_start = key, tail[0][1]
                else:
                    value_parts.append((token, match.start(), match.end(), False))
            elif punct in "{[":
                value_parts.clear()
                stack.append(_Frame(punct, pending_key))
                pending_key = None
            elif punct in "}]":
                flush()
                if len(stack) > 1:
                    stack.pop()
            elif punct in _SEPARATORS:
                if punct == "\n" and pending_key is not None and not value_parts:
                    if len(stack) > 1:
                        continue  # a value on the next line
                    outline.append((line_indent, pending_key))
                    pending_key = None
                    line_indent = _indent(text, match.end())
                    continue
                flush()
                if punct == "\n":
                    line_indent = _indent(text, match.end())
                    if len(stack) == 1:
                        while outline and outline[-1][0] >= line_indent:
                            outline.pop()
                if punct == "," and stack[-1].kind == "[":
                    stack[-1].index += 1
            continue
        if token in ("-", "*", "+", "**", "•"):
            continue  # list markers and emphasis
        quoted = token[0] in "\"'"
        value = _unquote(token) if quoted else token
        value_parts.append((value, match.start(), match.end(), quoted))
        if len(stack) == 1 and not quoted and value[-1] in ".!?" and pending_key is None:
            flush()  # prose: a sentence without a key ends here
    flush()
    return found


def _indent(text: str, position: int) -> int:
    end = position
    while end < len(text) and text[end] in " \t-":
        end += 1
    return end - position


def _keyish(parts: list[tuple[str, int, int, bool]]) -> bool:
    text = " ".join(part[0] for part in parts)
    return (
        0 < len(text) <= _MAX_KEY_CHARS
        and len(text.split()) <= _MAX_KEY_WORDS
        and text[0].isalpha()
    )


def _key_text(parts: list[tuple[str, int, int, bool]]) -> str:
    text = " ".join(part[0] for part in parts)
    return text.strip("*_`#- ").strip()


def _unquote(token: str) -> str:
    if token[0] == '"':
        try:
            return str(msgspec.json.decode(token))
        except msgspec.DecodeError:
            return token[1:-1]
    return token[1:-1]


def text_pairs(text: str) -> list[Pair]:
    """Key/value pairs of a text; keys are lower-case with their ancestors."""
    pairs: list[Pair] = []
    for leaf in leaves(text):
        keys = tuple(part for part in leaf.path if isinstance(part, str))
        if keys:
            pairs.append(Pair(keys, leaf.value, leaf.start, leaf.end))
    return pairs


_TABLE_SEPARATOR: Final = lazy_pattern(r"\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*")


def table_rows(text: str) -> list[list[Pair]]:
    """One list of pairs per body row of each markdown table (keyed by its header)."""
    rows: list[list[Pair]] = []
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    i = 0
    while i + 1 < len(lines):
        if "|" in lines[i] and _TABLE_SEPARATOR.fullmatch(lines[i + 1]):
            header = [cell.strip(" *`_") for cell in _cells(lines[i])]
            j = i + 2
            while j < len(lines) and "|" in lines[j]:
                row: list[Pair] = []
                position = offsets[j]
                for name, cell in zip(header, _cells(lines[j]), strict=False):
                    value = cell.strip(" *`_")
                    if name and value:
                        start = offsets[j] + lines[j].find(cell, position - offsets[j])
                        row.append(Pair((name,), value, start, start + len(cell)))
                        position = start + len(cell)
                if row:
                    rows.append(row)
                j += 1
            i = j
        else:
            i += 1
    return rows


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    stripped = stripped.removeprefix("|")
    stripped = stripped.removesuffix("|")
    return stripped.split("|")
