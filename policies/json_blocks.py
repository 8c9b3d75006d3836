"""JSON inside model answers: fenced code blocks, the JSON body of a typed answer, paths.

One fence grammar for the whole product (CommonMark's, by lines): a fence opens with three
or more backticks or tildes, indented at most three spaces, optionally followed by an info
string (``json``, ``yaml``, ``python`` …), and closes with a line of at least as many of the
same character; an unclosed fence runs to the end of the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Final, NamedTuple

import msgspec

from orchestrator.core.patterns import lazy_pattern
from policies.normalize import fold_text

__all__ = ["CodeBlock", "code_blocks", "embedded_json", "json_body", "plain_text", "walk_json"]

_OPENING: Final = lazy_pattern(r" {0,3}(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\n]*?)[ \t]*")


class CodeBlock(NamedTuple):
    """One fenced block: its 1-based number, info string, line span (1-based) and body.

    ``closed`` is False for a fence that runs to the end of the text.
    """

    number: int
    info: str
    first_line: int
    last_line: int
    body: str
    closed: bool


def code_blocks(text: str) -> list[CodeBlock]:
    """Every fenced code block of ``text``, in order."""
    if "```" not in text and "~~~" not in text:
        return []
    lines = text.split("\n")
    blocks: list[CodeBlock] = []
    index = 0
    while index < len(lines):
        opening = _OPENING.fullmatch(lines[index])
        if opening is None:
            index += 1
            continue
        fence = opening.group("fence")
        close = index + 1
        while close < len(lines) and not _closes(lines[close], fence):
            close += 1
        blocks.append(
            CodeBlock(
                number=len(blocks) + 1,
                info=opening.group("info").strip().lower(),
                first_line=index + 1,
                last_line=min(close, len(lines) - 1) + 1,
                body="\n".join(lines[index + 1 : close]),
                closed=close < len(lines),
            )
        )
        index = close + 1
    return blocks


def _closes(line: str, fence: str) -> bool:
    stripped = line.strip()
    return len(stripped) >= len(fence) and stripped == fence[0] * len(stripped)


def json_body(content: str) -> str | None:
    """The JSON object text of a typed answer, or None when the answer is not one.

    A typed answer is a JSON object alone, or alone in one fenced code block (a ``json``
    info string or none).
    """
    stripped = content.lstrip("\ufeff").strip()
    if stripped.startswith("{"):
        return stripped
    blocks = code_blocks(stripped)
    if len(blocks) != 1 or blocks[0].info not in ("", "json", "json5", "jsonc"):
        return None
    block = blocks[0]
    if not block.closed:
        return None
    lines = stripped.split("\n")
    # The block must be the whole answer: nothing before its fence or after its close.
    if block.first_line != 1 or block.last_line != len(lines):
        return None
    body = block.body.strip()
    return body if body.startswith("{") else None


def walk_json(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every node of a decoded JSON value with its path, in document order.

    Paths extend ``path`` as ``path.key`` and ``path[i]``. Iterative, so deeply nested
    input cannot exhaust the interpreter's stack.
    """
    stack: list[tuple[str, Any]] = [(path, value)]
    while stack:
        here, node = stack.pop()
        yield here, node
        if isinstance(node, dict):
            stack.extend((f"{here}.{key}", child) for key, child in reversed(node.items()))
        elif isinstance(node, list):
            stack.extend((f"{here}[{i}]", child) for i, child in reversed(list(enumerate(node))))


_JSON_MARK: Final = lazy_pattern(r"[{\[`~]")


def plain_text(text: str) -> bool:
    """True when a text can hold no embedded JSON: ASCII without braces, brackets or fences.

    Folding only maps non-ASCII characters (look-alikes, fullwidth brackets, invisible
    marks), so an ASCII text without these characters is plain before and after folding.
    """
    return text.isascii() and _JSON_MARK.search(text) is None


def embedded_json(text: str) -> list[tuple[str, Any]]:
    """The JSON values in a text: ``("json", value)`` when the text is one JSON document,
    else ``("code block <k>", value)`` for each fenced block that decodes.

    The folded form is tried first (it survives zero-width characters between tokens and
    fullwidth brackets), then the text as given (folding can break a string's quotes).
    """
    folded = fold_text(text)
    if folded.lstrip()[:1] in ("{", "["):
        value = _decode(folded, text)
        if value is not _NOT_JSON:
            return [("json", value)]
    found = []
    raw_blocks = code_blocks(text)
    for block, raw in zip(code_blocks(folded), raw_blocks, strict=False):
        if block.body.lstrip()[:1] in ("{", "["):
            value = _decode(block.body, raw.body)
            if value is not _NOT_JSON:
                found.append((f"code block {block.number}", value))
    return found


_NOT_JSON: Final = object()


def _decode(folded: str, raw: str) -> Any:
    for candidate in (folded, raw):
        try:
            return msgspec.json.decode(candidate)
        except (msgspec.DecodeError, RecursionError):
            continue
    return _NOT_JSON
