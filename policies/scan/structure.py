"""Structured channels: key/value pairs read lexically from any text, tables, label lines.

One tolerant reader covers JSON (at any depth, duplicate keys included: nothing is
decoded into a dict, so nothing is dropped), JSON5 and Python dicts (single quotes, bare
keys, ``=``), YAML, TOML and INI, ``key: value`` / ``key = value`` / ``key -> value`` /
``Key — value`` lines, compact ``side=buy qty=100`` runs, and FIX messages once their tags
are named (:mod:`policies.scan.fix`). It never recurses, so nesting depth is no limit.
Each pair keeps the keys above it, so ``{"target_weights": {"SPY": 0.6}}`` and its YAML
form both give ``("target_weights", "spy") = "0.6"``.

Tables give one record per row, keyed by the header cells: markdown tables (a two-column
table is also read as one record of ``first cell: second cell``) and delimited lines
(CSV, semicolons, tabs) under a header line of names. Lines that alternate a label and
its value (``Side`` / ``Buy`` / ``Qty`` / ``100``) give one record. The fence grammar of
the product (:mod:`policies.json_blocks`) is not needed here: a fenced block is read like
any other text.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from typing import Final, NamedTuple

import msgspec

from orchestrator.core.patterns import lazy_pattern

__all__ = [
    "Leaf",
    "Pair",
    "delimited_rows",
    "label_pairs",
    "leaves",
    "may_pair",
    "table_rows",
    "table_titles",
    "text_pairs",
]

# What ends a bare token (a word, a number, a dash): blanks and the marks of structure.
_BARE_STOPS: Final = r"\s{}\[\],:=\"'|;\x01&^"
# A quote opens a string when a closing quote follows on its line (:func:`_tokens`).
_LEX: Final = lazy_pattern(
    r"(?P<quote>[\"'])"
    r"|(?P<number>\d{1,3}(?:,\d{3})+(?:\.\d+)?)"
    r"|(?P<punct>:=|=>|->|[{}\[\],:=|;\n\x01&^])"
    rf"|(?P<bare>[^{_BARE_STOPS}]+)"
)
# A quoted string's body, each character or escape taken once (the closing quote not read).
_BODIES: Final = {
    '"': lazy_pattern(r'"(?:[^"\\\n]++|\\.)*+'),
    "'": lazy_pattern(r"'(?:[^'\\\n]++|\\.)*+"),
}
# A dash that ends a token: every key dash ("-", "--") and the "->" mark has one.
_KEY_DASH: Final = lazy_pattern(rf"-(?:[{_BARE_STOPS}>]|\Z)")
_MAX_KEY_WORDS: Final = 6
_MAX_KEY_CHARS: Final = 48
_SEPARATORS: Final = frozenset(",|;\n\x01&^")
_ASSIGN: Final = frozenset((":", "=", ":=", "=>", "->"))
# A dash between a line's first words and the rest: "Side — Buy", "Qty -- 100" (folding
# makes every dash a hyphen).
_DASHES: Final = frozenset(("-", "--"))
_MAX_DASH_KEY_WORDS: Final = 3
# Arrows between a setting's old and new value.
_ARROWS: Final = frozenset(("->", "=>", "→", "⇒", "⟶", "➔"))


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


def _tokens(text: str) -> Iterator[tuple[str, str | None, int, int]]:
    """The tokens of ``text`` (text, its mark of structure or None, start, end): strings,
    numbers, marks and bare runs; a quote no string closes on its line is passed over.

    A quoted string's pattern tried at each quote of a line of escaped quotes
    (``\\'\\'\\'…``) would read the rest of the line once per quote: quadratic. A quote
    inside a body that does not close is escaped there, and a string opened at it reads on
    as that body does, so it does not close either: each body is read once.
    """
    unclosed = {'"': -1, "'": -1}  # per quote, where the last body that did not close ended
    position = 0
    while True:
        for match in _LEX.finditer(text, position):
            quote = match.group("quote")
            if quote is None:
                yield match.group(), match.group("punct"), match.start(), match.end()
                continue
            start = match.start()
            if start < unclosed[quote]:
                continue
            body = _BODIES[quote].match(text, start)
            end = body.end() if body is not None else start + 1
            if end < len(text) and text[end] == quote:
                yield text[start : end + 1], None, start, end + 1
                position = end + 1
                break
            unclosed[quote] = end
        else:
            return


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
    # A line of compact pairs ("side=buy qty=100"): each value is one token.
    compact = False
    # The pending key is a setting's: its value ends at the first blank.
    one_token = False

    def path() -> tuple[str | int, ...]:
        parts: list[str | int] = [key for _, key in outline]
        for frame in stack[1:]:
            if frame.key is not None:
                parts.append(frame.key)
            if frame.kind == "[":
                parts.append(frame.index)
        return tuple(parts)

    def flush() -> None:
        nonlocal pending_key, one_token
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
        one_token = False

    for token, punct, start, end in _tokens(text):
        last_word = False
        if token in _ARROWS and pending_key is not None and len(value_parts) == 1:
            # "dry_run: true → false": a setting's change; its value is the new one.
            value_parts.clear()
            continue
        if token in _DASHES and pending_key is None and len(stack) == 1 and value_parts:
            if (
                len(value_parts) <= _MAX_DASH_KEY_WORDS
                and not value_parts[0][3]
                and _keyish(value_parts)
                and _sentence_start(text, value_parts[0][1])
            ):
                punct = ":"  # "Side — Buy": the line's first words are its key
            elif _short_rest(text, end) and _keyish(value_parts[-1:]):
                # "… industrial output Direction — BUY": the word before the dash.
                punct, last_word = ":", not value_parts[-1][3]
        if punct is not None:
            if punct in _ASSIGN:
                if not value_parts:
                    continue
                if last_word:
                    tail = value_parts[-1:]
                    value_parts[:] = value_parts[:-1]
                    flush()
                    pending_key, key_start = _key_text(tail), tail[0][1]
                    continue
                glued = value_parts[-1][2] == start and not value_parts[-1][3]
                if (
                    compact
                    and glued
                    and len(value_parts) > 1
                    and punct == "="
                    and pending_key is not None
                ):
                    # "side=buy order_qty=100": the value before the key is one token.
                    head, tail = value_parts[:1], value_parts[1:]
                    if _keyish(tail):
                        value_parts[:] = head
                        flush()
                        pending_key, key_start = _key_text(tail), tail[0][1]
                        continue
                compact = compact or (glued and punct == "=" and text[end : end + 1].strip() != "")
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
                    # A setting's value is one token: "LIVE=true before the open",
                    # "dry_run: false and enable execution".
                    one_token = "_" in key or (
                        glued and punct == "=" and text[end : end + 1].strip() != ""
                    )
                else:
                    value_parts.append((token, start, end, False))
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
                    line_indent = _indent(text, end)
                    continue
                flush()
                if punct == "\n":
                    compact = False
                    line_indent = _indent(text, end)
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
        if one_token and value_parts and start > value_parts[-1][2]:
            flush()
        value_parts.append((value, start, end, quoted))
        if len(stack) == 1 and not quoted and value[-1] in ".!?" and pending_key is None:
            flush()  # prose: a sentence without a key ends here
    flush()
    return found


def _short_rest(text: str, position: int) -> bool:
    """Whether at most a few words follow ``position`` on its line ("— BUY")."""
    end = text.find("\n", position)
    rest = text[position : len(text) if end < 0 else end]
    return len(rest) <= _MAX_KEY_CHARS and len(rest.split()) <= _MAX_DASH_KEY_WORDS


def _sentence_start(text: str, position: int) -> bool:
    """Whether a line or a sentence starts at ``position`` (list marks aside)."""
    start = text.rfind("\n", 0, position) + 1
    before = text[start:position].strip(" \t-*+>#")
    return before == "" or before[-1] in ".!?"


def _indent(text: str, position: int) -> int:
    end = position
    while end < len(text) and text[end] in " \t-":
        end += 1
    return end - position


def _keyish(parts: list[tuple[str, int, int, bool]]) -> bool:
    # A command-line switch is a key too: "--dry-run=false".
    text = " ".join(part[0] for part in parts).lstrip("-")
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


def may_pair(text: str) -> bool:
    """Whether :func:`text_pairs` may find a pair: only an assignment mark or a dash sets a key.

    Every mark of ``_ASSIGN`` holds ``:``, ``=`` or a dash before ``>``; a key dash of
    ``_DASHES`` is a token of its own, so a blank or a mark of structure follows it. A
    dash inside a word ("late-cycle", "scn-base") is neither.
    """
    return ":" in text or "=" in text or ("-" in text and _KEY_DASH.search(text) is not None)


# What a line says aside after its assignment: a comment ("mode: live  # was: paper") and a
# remark in brackets with a colon of its own ("Handelsmodus: live (bisher: Papier)").
_ASIDE: Final = lazy_pattern(r"(?<=[ \t])(?:#|//)[ \t][^\n]*|\([^()\n:=]*[:=][^()\n]*\)")
_ASSIGNED: Final = lazy_pattern(r"[:=][ \t]*\S")


def _quiet_asides(text: str) -> str:
    """``text`` with the asides of its assignment lines blanked (offsets kept): their own
    colon would otherwise be read as the line's key."""
    if "#" not in text and "/" not in text and "(" not in text:
        return text

    def blank(match: re.Match[str]) -> str:
        start = text.rfind("\n", 0, match.start()) + 1
        if _ASSIGNED.search(text, start, match.start()) is None:
            return match.group()  # no assignment before it on its line
        inner = match.group()
        if inner.startswith("("):
            return "(" + " " * (len(inner) - 2) + ")"
        return " " * len(inner)

    return _ASIDE.sub(blank, text)


def text_pairs(text: str) -> list[Pair]:
    """Key/value pairs of a text; keys are lower-case with their ancestors."""
    pairs: list[Pair] = []
    for leaf in leaves(_quiet_asides(text)):
        keys = tuple(part for part in leaf.path if isinstance(part, str))
        if keys:
            pairs.append(Pair(keys, leaf.value, leaf.start, leaf.end))
    return pairs


# Each blank has one place in the match: "\s*\|?\s*" would try every split of a run of
# blanks before failing, quadratic in a long line of blanks.
_TABLE_SEPARATOR: Final = lazy_pattern(r"\s*(?:\|\s*)?:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*(?:\|\s*)?")
_DELIMITERS: Final = ",;\t"
_MAX_NAME_WORDS: Final = 3
_MAX_NAME_CHARS: Final = 32
_MAX_LABEL_CHARS: Final = 40
_MIN_LABEL_LINES: Final = 4


def _offsets(lines: list[str]) -> list[int]:
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    return offsets


def table_rows(text: str) -> list[list[Pair]]:
    """One list of pairs per body row of each markdown table (keyed by its header).

    A header row may follow other text on its line ("… trend. | Side | Qty |"): the
    table starts at its first bar. A two-column table also gives one record of its rows
    read as ``first cell: second cell`` (``| Side | Buy |``).
    """
    rows: list[list[Pair]] = []
    if "|" not in text:
        return rows
    lines = text.split("\n")
    offsets = _offsets(lines)
    i = 0
    while i + 1 < len(lines):
        if "|" in lines[i] and _TABLE_SEPARATOR.fullmatch(lines[i + 1]):
            head = lines[i]
            if not head.lstrip().startswith("|") and lines[i + 1].lstrip().startswith("|"):
                head = head[head.index("|") :]
            header = [cell.strip(" *`_") for cell in _cells(head)]
            j = i + 2
            table: list[list[Pair]] = []
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
                    table.append(row)
                j += 1
            rows.extend(table)
            if len(header) == 2:
                rows.append(_two_columns(header, table))
            i = j
        else:
            i += 1
    return rows


def table_titles(text: str) -> list[tuple[str, int, int]]:
    """Each markdown table with the line that titles it: the last line before its header,
    blank lines passed over, when that line ends with a colon ("MSCI quarterly review,
    announced changes:"). (title, the table's first offset, its end offset)."""
    titles: list[tuple[str, int, int]] = []
    if "|" not in text:
        return titles
    lines = text.split("\n")
    offsets = _offsets(lines)
    i = 0
    while i + 1 < len(lines):
        if not ("|" in lines[i] and _TABLE_SEPARATOR.fullmatch(lines[i + 1])):
            i += 1
            continue
        j = i + 2
        while j < len(lines) and "|" in lines[j]:
            j += 1
        k = i - 1
        while k >= 0 and not lines[k].strip():
            k -= 1
        if k >= 0 and lines[k].rstrip().endswith(":"):
            titles.append((lines[k], offsets[i], offsets[j] - 1))
        i = j
    return titles


def _two_columns(header: list[str], table: list[list[Pair]]) -> list[Pair]:
    """The rows of a two-column table as one record: the first cell names the second."""
    record = []
    if all(header) and table and table[0]:
        # A table without a header row: its first row is a pair too.
        first = table[0][0]
        record.append(Pair((header[0].lower(),), header[1], first.start, first.end))
    for row in table:
        if len(row) == 2:
            record.append(Pair((row[0].value.lower(),), row[1].value, row[0].start, row[1].end))
    return record


def _cells(line: str) -> list[str]:
    stripped = line.strip()
    stripped = stripped.removeprefix("|")
    stripped = stripped.removesuffix("|")
    return stripped.split("|")


def _name(cell: str) -> bool:
    """Whether a cell can name a column or a value: a few words, starting with a letter."""
    name = cell.strip(" *`_\"'")
    return (
        0 < len(name) <= _MAX_NAME_CHARS
        and name[0].isalpha()
        and len(name.split()) <= _MAX_NAME_WORDS
        and name[-1] not in ".!?"
    )


def delimited_rows(text: str) -> list[list[Pair]]:
    """One list of pairs per data line under a header line of names (CSV, ``;``, tabs).

    ``side,qty,symbol`` over ``buy,100,SPY`` gives ``side=buy, qty=100, symbol=SPY``. The
    header's first cell may follow other text on its line (its last word is the name). A
    two-column block is also read as one record of ``first cell: second cell``.
    """
    rows: list[list[Pair]] = []
    if not any(delimiter in text for delimiter in _DELIMITERS):
        return rows
    lines = text.split("\n")
    offsets = _offsets(lines)
    i = 0
    while i + 1 < len(lines):
        header, delimiter = _header(lines[i])
        if not header:
            i += 1
            continue
        j = i + 1
        table: list[list[Pair]] = []
        while j < len(lines):
            cells = _row_cells(lines[j], delimiter, len(header))
            if cells is None:
                break
            row: list[Pair] = []
            position = 0
            for name, cell in zip(header, cells, strict=True):
                start = lines[j].find(cell, position)
                value = cell.strip(" \"'`")
                if value and start >= 0:
                    row.append(
                        Pair((name,), value, offsets[j] + start, offsets[j] + start + len(cell))
                    )
                    position = start + len(cell)
            table.append(row)
            j += 1
        if not table:
            i += 1
            continue
        rows.extend(table)
        if len(header) == 2:
            rows.append(_two_columns(header, table))
        i = j
    return rows


_THOUSANDS: Final = lazy_pattern(r",(?![0-9]{3}(?![0-9]))|(?<![0-9]),")


def _row_cells(line: str, delimiter: str, count: int) -> list[str] | None:
    """A data line's cells when it has as many as the header, else None.

    Quoted cells keep their delimiters (``"4,500"``), and so do numbers grouped by commas
    (``buy,300,SPY,4,500`` has four cells under four names).
    """
    cells = line.split(delimiter)
    if len(cells) == count:
        return cells
    if len(cells) < count:
        return None
    if '"' in line:
        quoted = next(csv.reader([line], delimiter=delimiter), [])
        if len(quoted) == count:
            return quoted
    if delimiter == ",":
        grouped = _THOUSANDS.split(line)
        if len(grouped) == count:
            return grouped
    return None


def _header(line: str) -> tuple[list[str], str]:
    """A line's names and their delimiter, when it is a header line; else ``([], "")``."""
    for delimiter in _DELIMITERS:
        if delimiter not in line:
            continue
        for candidate in (line, line.split()[-1] if line.strip() else ""):
            cells = candidate.split(delimiter)
            first = cells[0].split()
            if first and not _name(cells[0]):
                cells[0] = first[-1]  # "… unevenly. side,qty,symbol"
            if len(cells) > 1 and all(_name(cell) for cell in cells):
                return [cell.strip(" *`_\"'").lower() for cell in cells], delimiter
    return [], ""


def label_pairs(text: str) -> list[Pair]:
    """Lines that alternate a label and its value, read as one record.

    ``Side`` / ``Buy`` / ``Qty`` / ``100``: four short lines or more in a row, with no
    mark of another channel (``:``, ``=``, ``|``), each label a few words. The labels may
    stand on the even or on the odd lines of the run, and the run may start with the last
    words of a line of prose ("… easing. Side").
    """
    pairs: list[Pair] = []
    if "\n" not in text:
        return pairs
    run: list[tuple[str, int, int]] = []
    start = 0
    for line in [*text.split("\n"), ""]:
        end = start + len(line)
        short = line.strip(" \t-*_`#>")
        tail = line.rstrip()
        cut = max(tail.rfind(". "), tail.rfind("; "))
        last = tail[cut + 2 :].strip(" *_`") if cut >= 0 else ""
        if short and len(short) <= _MAX_LABEL_CHARS and not any(m in short for m in ":=|"):
            if last and _name(last) and not _name(short):
                if len(run) >= _MIN_LABEL_LINES:
                    pairs.extend(_alternating(run))
                run = [(last, start + cut + 2, end)]  # "… 500 bps. Side": the label
            else:
                run.append((short, start, end))
        else:
            if len(run) >= _MIN_LABEL_LINES:
                pairs.extend(_alternating(run))
            run = [(last, start + cut + 2, end)] if last and _name(last) else []
        start = end + 1
    return pairs


def _alternating(run: list[tuple[str, int, int]]) -> list[Pair]:
    """The label/value pairs of a run of short lines: on either parity, each stretch of
    two pairs or more whose labels are all names ("Rate cuts priced …" is no label)."""
    pairs: list[Pair] = []
    for parity in (0, 1):
        chain: list[Pair] = []
        for k in range(parity, len(run), 2):
            label, start, _ = run[k]
            if k + 1 < len(run) and _name(label):
                value, _, end = run[k + 1]
                chain.append(Pair((label.lower(),), value, start, end))
                continue
            if len(chain) >= 2:
                pairs.extend(chain)
            chain = []
        if len(chain) >= 2:
            pairs.extend(chain)
    return pairs
