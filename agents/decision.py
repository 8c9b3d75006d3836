"""The critic's decision in a free-text review: one unambiguous decision line, or none.

The rule (SPEC §4, issue 7): a free-text critique decides by exactly one *decision line*,
a line that starts with the label (``Decision:``, ``**Decision:**``, ``## Decision`` with the
value on the next line, ``Final verdict —`` …) and whose value starts with one of the three
decisions. Whatever could make a reader doubt it makes the critique unparseable, which
blocks the run; nothing is ever read as an approval by default:

- lines inside code fences (or indented as code) and block quotes are not the critic
  speaking, so they are never decision lines; quoted spans and struck-through text
  (``~~…~~``, ``<del>``, also over several lines, and combining overlays such as U+0336
  drawn through a word) are not read in prose, and a decision line carrying struck text
  is refused;
- on the decision line, the decision word must stand alone: a question mark anywhere, a
  word running on from it ("APPROVE is premature"), and in the note after it a negation,
  a retraction, a condition or a hedge, or another decision word, each make it unparseable;
- decision lines that disagree, a short negation right under the line ("No."), a
  first-person statement in the prose that contradicts or retracts it ("on reflection I
  reject"), a statement that no decision was reached, or a decision keyword in capitals
  that names another decision: each make it unparseable.

- a decision word on a decision line that is not written in plain letters (look-alike,
  fullwidth or zero-width characters in it), and a decision given as a key in a code block
  (``{"decision": "REJECT"}``) that is not the decision line's: each make it unparseable.

Everything is matched on :func:`policies.normalize.fold_text` output, so case, fullwidth
forms, zero-width characters and look-alike letters neither hide a decision word nor
forge one (a respelled word on the decision line is found, then refused). The vocabularies below are English, the language the critic is prompted in.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final, NamedTuple

from orchestrator.core.contract import Decision
from orchestrator.core.patterns import lazy_pattern
from policies.json_blocks import code_blocks
from policies.normalize import fold_text

__all__ = ["DecisionReading", "prose_lines", "read_decision"]


def _vocabulary(words: str) -> frozenset[str]:
    return frozenset(words.split())


class DecisionReading(NamedTuple):
    """The decision, or why there is none (``problem``); ``line`` is 1-based, 0 for none."""

    decision: Decision | None
    problem: str
    line: int


# A decision line: optional list marker, heading marks and emphasis, the label, a
# separator (or the end of the line: the value is then on the next line), the value.
_DECISION_LINE: Final = lazy_pattern(
    r"(?:[-+*\u2022]\s+|\d{1,2}[.)]\s+)?"
    r"(?:#{1,6}\s*)?"
    r"(?:[*_]{1,3}\s*)?"
    r"(?:(?:my|our|the)\s+)?"
    r"(?:(?:final|overall|review|reviewer's|critic's|critique)\s+)?"
    r"(?:decision|verdict)"
    r"(?:\s*[*_]{1,3})?"
    r"\s*(?:[:=]|[-\u2013\u2014](?=\s)|$)"
    r"(?:\s*[*_]{1,3}(?=\s|$))?"
    r"\s*(?P<value>.*)"
)
# A decision word, as folded.
_WORD: Final = (
    r"(?P<word>approved?(?:[\s_-]+with[\s_-]+(?:(?:minor|some|small|a\s+few|few|the\s+following"
    r"|suggested|requested|required)\s+)?(?:changes|edits|revisions|amendments|modifications))?"
    r"|reject(?:ed)?)"
    r"(?![\w-])"
)
# The value: the decision word, wrapped at most in emphasis, code marks, quotes or brackets.
_VALUE: Final = lazy_pattern(r"[\s*_`\"'\[(]*" + _WORD + r"[*_`\"'\])]*(?P<rest>.*)")
# A decision given as a key and a value in a code block (JSON, YAML, TOML, a dict):
# ``"decision": "REJECT"``, ``verdict = approve``.
_KEYED_DECISION: Final = lazy_pattern(
    r"(?P<quote>[\"']?)(?:decision|verdict)(?P=quote)\s*[:=]\s*[\"'\[(]*\s*" + _WORD
)
# Info strings of blocks that hold data, whose unquoted keys count (``verdict: reject`` in a
# YAML block); in a block without one, an unquoted "Decision: X" line is a quoted template.
_DATA_BLOCKS: Final = _vocabulary(
    "json json5 jsonc yaml yml toml ini python py javascript js typescript ts"
)
_WORDS: Final = lazy_pattern(r"[a-z0-9]+(?:'[a-z0-9]+)*(?:-[a-z0-9]+)*")
_STRUCK: Final = lazy_pattern(r"~~?[^~\n]+~~?|<(del|s|strike)>.*?</\1>")
# "~5 %" is an approximation, not a strike: a strike is "~~" or a span between tildes.
_STRIKE_MARK: Final = lazy_pattern(r"~~|~[^\s~][^~]*~|<(?:del|s|strike)>")
# A strike in HTML or Markdown, across lines; an HTML strike never closed runs to the end.
_STRUCK_LINES: Final = lazy_pattern(
    r"<(del|s|strike)(?:\s[^>]*)?>.*?(?:</\1\s*>|\Z)|~~[^~]*?~~", flags=re.DOTALL
)
# The canonical combining class of the marks drawn through a character.
_OVERLAY: Final = 1
_QUOTED: Final = lazy_pattern(r'"[^"\n]*"|`[^`\n]*`')
_CLAUSES: Final = lazy_pattern(r"[.;!?]+(?:\s|$)|:\s")
# A decision keyword as the templates write it, in capitals (checked on the raw text).
_CANONICAL: Final = lazy_pattern(
    r"(?<![A-Za-z_])(APPROVE(?:[_ -]WITH[_ -]CHANGES)?|REJECT)(?:E?D)?(?![A-Za-z_])"
)

_NEGATIONS: Final = _vocabulary(
    "no not never nope nah none neither nor cannot without nothing nobody hardly scarcely"
)
_RETRACTIONS: Final = _vocabulary(
    "withdraw withdrawn withdrawing retract retracted retracting revoke revoked rescind "
    "rescinded reverse reversed reversing overturn overturned cancel cancelled canceled void "
    "scratch undo kidding joking"
)
_HEDGES: Final = _vocabulary(
    "if unless provided providing subject conditional conditionally once pending until "
    "assuming contingent maybe perhaps possibly probably tentative tentatively provisional "
    "provisionally premature unsure undecided tbd tba"
)
_FIRST_PERSON: Final = _vocabulary(
    "i we me us my our i'd we'd i'll we'll i'm we're i've we've myself ourselves"
)
_INTERJECTIONS: Final = _NEGATIONS | _RETRACTIONS | frozenset({"wait", "actually"})
# How far back a first-person subject may stand from the verb it governs ("I would not
# approve": three words), and how short a line under the decision is an interjection.
_SUBJECT_REACH: Final = 4
_INTERJECTION_WORDS: Final = 3


def read_decision(content: str) -> DecisionReading:
    """The one decision of a free-text critique, or the reason it has none."""
    folded = fold_text(_overlays_as_strikes(content))
    lines = _decision_lines(folded)
    # Each decision line as (its index, the index of the line holding its value, decision).
    found: list[tuple[int, int, Decision]] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        match = _DECISION_LINE.match(line) if line is not None else None
        if line is None or match is None:
            index += 1
            continue
        value, value_index = match.group("value"), index
        if not value.strip():
            below = _next_text_line(lines, index)
            value, value_index = (lines[below] or "", below) if below is not None else ("", index)
        reading = _read_value(line, value, index + 1)
        if reading.decision is None:
            return reading
        found.append((index, value_index, reading.decision))
        index = value_index + 1
    if not found:
        return _unparseable("no decision line (a line starting with 'Decision:')", 0)
    decisions = {decision for _, _, decision in found}
    if len(decisions) > 1:
        return _unparseable(f"decision lines disagree: {', '.join(sorted(decisions))}", 0)
    decision = decisions.pop()
    first = found[0][0] + 1
    spans = [(at, last) for at, last, _ in found]
    problem = (
        _respelled(content, lines, spans)
        or _keyed_in_code(folded, decision)
        or _contradiction(content, prose_lines(folded), spans, decision)
    )
    if problem:
        return _unparseable(problem, first)
    return DecisionReading(decision=decision, problem="", line=first)


def prose_lines(text: str) -> list[str | None]:
    """The lines of ``text`` in which the critic speaks, as given; None for the others.

    Lines of fenced code blocks (with their fences), block-quote lines and the lines of a
    strike that runs over several lines (``<del>`` on one line, ``</del>`` on a later one,
    or never closed) are not the critic's own statement.
    """
    lines: list[str | None] = list(text.split("\n"))
    for block in code_blocks(text):
        for number in range(block.first_line, block.last_line + 1):
            lines[number - 1] = None
    for number, line in enumerate(lines):
        if line is not None and line.lstrip().startswith(">"):
            lines[number] = None
    for match in _STRUCK_LINES.finditer(text):
        first = text.count("\n", 0, match.start())
        last = first + match.group().count("\n")
        if last > first:
            lines[first : last + 1] = [None] * (last + 1 - first)
    return lines


def _overlays_as_strikes(text: str) -> str:
    """Combining overlays (U+0336 long stroke, U+0338 solidus …) drawn through a word strike
    it out; folding drops combining marks, so each is made a ``~~`` strike mark first."""
    if text.isascii():
        return text
    return "".join("~~" if unicodedata.combining(ch) == _OVERLAY else ch for ch in text)


def _decision_lines(text: str) -> list[str | None]:
    """Prose lines, stripped; a line indented as code (four spaces, a tab) cannot decide."""
    return [
        None if line is None or line.startswith(("    ", "\t")) else line.strip()
        for line in prose_lines(text)
    ]


def _read_value(line: str, value: str, number: int) -> DecisionReading:
    if _STRIKE_MARK.search(line) or _STRIKE_MARK.search(value):
        return _unparseable(f"line {number}: the decision line has struck-through text", number)
    if "?" in line or "?" in value:
        return _unparseable(f"line {number}: the decision line asks a question", number)
    match = _VALUE.match(value)
    if match is None:
        return _unparseable(
            f"line {number}: the decision line does not start with a decision", number
        )
    rest = match.group("rest").strip()
    if rest[:1].isalnum():
        return _unparseable(f"line {number}: the decision word runs on into {rest[:40]!r}", number)
    for word in _WORDS.findall(rest):
        problem = _disqualifying(word)
        if problem:
            return _unparseable(f"line {number}: the note after the decision {problem}", number)
    return DecisionReading(decision=_canonical(match.group("word")), problem="", line=number)


def _respelled(content: str, lines: list[str | None], found: list[tuple[int, int]]) -> str:
    """Why a decision word is not written in plain letters, or "".

    Folding reads look-alike letters, fullwidth forms and zero-width characters as the
    word they imitate, so that none of them can hide a decision; a decision *given* in
    such a spelling is refused, as the typed format refuses it: a model that answers
    normally writes the word in plain letters, and nothing is an approval by doubt.
    """
    raw_lines = content.split("\n")
    for _, at in found:
        value = lines[at] or ""
        decision_line = _DECISION_LINE.match(value)
        match = _VALUE.match(decision_line.group("value") if decision_line else value)
        if match is not None and _spaced(match.group("word")) not in _spaced(raw_lines[at].lower()):
            return f"line {at + 1}: the decision word is not written in plain letters"
    return ""


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _keyed_in_code(folded: str, decision: Decision) -> str:
    """Why a decision given as a key in a code block contradicts the decision line, or "".

    A quoted key (JSON, a dict) is data wherever it stands; an unquoted one only in a block
    marked as data (YAML, TOML): a plain ``Decision: APPROVE`` in a bare fence is the
    template the critic was asked to follow, quoted, not a second decision.
    """
    for block in code_blocks(folded):
        data = block.info.split(" ")[0] in _DATA_BLOCKS
        for offset, line in enumerate(block.body.split("\n")):
            for match in _KEYED_DECISION.finditer(line):
                if not (data or match.group("quote")):
                    continue
                keyed = _canonical(match.group("word"))
                if keyed != decision:
                    number = block.first_line + 1 + offset
                    return f"line {number}: a code block gives the decision {keyed}"
    return ""


def _disqualifying(word: str) -> str:
    if word.startswith(("approv", "reject")):
        return f"names another decision ({word!r})"
    if word in _NEGATIONS or word.endswith("n't"):
        return f"negates it ({word!r})"
    if word in _RETRACTIONS:
        return f"retracts it ({word!r})"
    if word in _HEDGES:
        return f"makes it conditional or tentative ({word!r})"
    return ""


def _contradiction(
    content: str, lines: list[str | None], found: list[tuple[int, int]], decision: Decision
) -> str:
    """Why the prose around the decision lines contradicts them, or ""."""
    approving = decision != "REJECT"
    taken = {at for pair in found for at in range(pair[0], pair[1] + 1)}
    for _, last in found:
        below = _next_text_line(lines, last)
        if below is not None and below not in taken:
            words = _WORDS.findall(_prose(lines[below] or ""))
            if words and len(words) <= _INTERJECTION_WORDS and words[0] in _INTERJECTIONS:
                return f"line {below + 1} takes the decision back ({lines[below]!r})"
    raw_lines = content.split("\n")
    for at, line in enumerate(lines):
        if line is None or at in taken:
            continue
        for keyword in _CANONICAL.findall(_prose(raw_lines[at])):
            if (_canonical(keyword.lower()) != "REJECT") != approving:
                return f"line {at + 1} names the decision {keyword}"
        for clause in _CLAUSES.split(_prose(line)):
            problem = _clause_problem(_WORDS.findall(clause), approving)
            if problem:
                return f"line {at + 1} {problem}"
    return ""


def _clause_problem(words: list[str], approving: bool) -> str:
    for position, word in enumerate(words):
        before = words[max(0, position - _SUBJECT_REACH) : position]
        if word in ("decision", "verdict", "decide", "decided") and any(
            w in _NEGATIONS or w.endswith("n't") for w in words[max(0, position - 2) : position]
        ):
            return "says no decision was reached"
        if word == "undecided":
            return "says no decision was reached"
        if not word.startswith(("approv", "reject")):
            continue
        if not any(w in _FIRST_PERSON for w in before):
            continue
        if any(w in _RETRACTIONS for w in words):
            return "retracts a decision"
        if word in ("approval", "rejection"):
            continue
        negated = any(w in _NEGATIONS or w.endswith("n't") for w in before)
        says_approve = word.startswith("approv") != negated
        if says_approve and not approving and any(w in _HEDGES for w in words):
            # "I would approve if …" under a REJECT restates the rejection; a hedged
            # rejection under an approval still casts doubt on the approval.
            continue
        if says_approve != approving:
            return f"states a contrary decision ({' '.join([*before, word])!r})"
    return ""


def _prose(line: str) -> str:
    return _QUOTED.sub(" ", _STRUCK.sub(" ", line))


def _next_text_line(lines: list[str | None], index: int) -> int | None:
    """The next line after ``index`` with text on it; None when it is not prose or missing."""
    for after in range(index + 1, len(lines)):
        line = lines[after]
        if line is None:
            return None
        if line.strip():
            return after
    return None


def _canonical(word: str) -> Decision:
    if word.startswith("reject"):
        return "REJECT"
    return "APPROVE_WITH_CHANGES" if "with" in word else "APPROVE"


def _unparseable(problem: str, line: int) -> DecisionReading:
    return DecisionReading(decision=None, problem=problem, line=line)
