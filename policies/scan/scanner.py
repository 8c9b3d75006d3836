"""The content scanner: fields in, violations out.

A document is a list of *units* (one output item of a typed answer, one free-text
answer, one critique), each a list of fields ``(path, text)``, plus the structured
records a typed answer carries outside its text fields. The scanner

1. proves most documents clean from their words alone (:mod:`policies.scan.gate`);
2. otherwise normalises each field once (:mod:`policies.scan.normalise`), lexes it,
   reads its clauses for directives (:mod:`policies.scan.directives`) and its key/value
   pairs and tables for structured orders (:mod:`policies.scan.records`);
3. completes a side that lacks its size with a parameter fragment later in the field or
   in another field of the document (a typed answer may split an order over its outputs);
4. reports each finding once, as a :class:`~policies.findings.Violation` naming the rule,
   the field path and the span in the field as given, for the categories the scope
   enforces.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Final, NamedTuple

import msgspec

from orchestrator.core.patterns import lazy_pattern
from policies.findings import Violation
from policies.scan.categories import LABELS, RULES, Category
from policies.scan.directives import Fragment, Hit, Pending, find_directives, parameter_fragments
from policies.scan.gate import Gate, marks
from policies.scan.lexer import clauses, tokenize
from policies.scan.mood import negated
from policies.scan.normalise import Normalised, SideWords, normalise, quick_form
from policies.scan.records import RecordHit, record_hits
from policies.scan.splits import (
    Piece,
    closing_sentence,
    continuations,
    first_opening,
    open_ends,
    openings,
    question_ends,
)
from policies.scan.structure import (
    Pair,
    delimited_rows,
    label_pairs,
    leaves,
    may_pair,
    table_rows,
    table_titles,
    text_pairs,
)
from policies.scan.vocabulary import Form, Lexicon, Role, lexicon_for
from policies.scan.words import gate_words

__all__ = ["Field", "Record", "Scanner", "scanner_for"]

_SNIPPET: Final = 80
# Fields longer than this are read sentence by sentence around telling words.
_LONG_FIELD: Final = 20_000
_FOLLOWING: Final = 3
# How far back a setting named in prose is read for the predicate that governs it.
_PROSE_BEFORE: Final = 200
_LONG_LINE: Final = 4096
# A sentence ends at a stop followed by a space (not inside "4,500.25") or at a line end.
# Written as runs of other characters, each stop inside a sentence opening the next run:
# the engine then reads a run in one step, not one alternative per character.
_SENTENCE: Final = lazy_pattern(r"[^.!?;\n]*(?:[.!?](?=\S)[^.!?;\n]*)*[.!?;\n]?")
# A number's scale word right before a stop, and the first word after it.
_LAST_WORD: Final = lazy_pattern(r"\d\s?([^\W\d_]+)\.$")
_FIRST_WORD: Final = lazy_pattern(r"\s*([^\W\d_]+)")
_Reading = tuple[list[Hit], list[Pending], list[Fragment]]
# Per field of a unit: findings, waiting sides, parameter fragments.
_UnitReading = tuple[list[list[Hit]], list[list[Pending]], list[list[Fragment]]]
_ESCAPE: Final = lazy_pattern(r"\\[\"\\/bfnrt]")
# Halves of split sentences read per document, at most (each pair is a gate check).
_MAX_HALVES: Final = 64
_MAX_PAIRS: Final = 32
# A continuation that opens with one of these has no subject of its own.
_HEADLESS: Final = Role.AUX | Role.MODAL | Role.VERB | Role.PREP | Role.INFINITIVE
# A finite predicate after a continuation's first word makes it a sentence of its own.
_FINITE: Final = Role.AUX | Role.MODAL | Role.DESCRIBE


class Field(NamedTuple):
    """One free-text field: where it is and what it says."""

    path: str
    text: str


class Record(NamedTuple):
    """Structured pairs read outside the text fields (a typed item), and where they are."""

    location: str
    pairs: tuple[Pair, ...]


class _Unit(NamedTuple):
    fields: tuple[Field, ...]
    records: tuple[Record, ...]


class _Stretch(NamedTuple):
    """A stretch of a field to read; ``own``: it may hold a finding, else only a size."""

    start: int
    end: int
    own: bool


class Scanner:
    """The scanner of one vocabulary (see :func:`scanner_for`)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.gate = Gate(lexicon)
        self.sides = SideWords.of(lexicon.words_with(Role.SIDE), lexicon.spelling_words())

    # --- entry points ---------------------------------------------------------------------

    def scan_fields(
        self,
        units: Sequence[Sequence[Field]],
        categories: frozenset[Category],
        *,
        fast: bool = True,
    ) -> list[Violation]:
        """Violations in units of text fields (free text, critiques).

        ``fast=False`` never takes the gate's shortcut (the differential test compares
        both): the result is the same, only slower.
        """
        return self._scan([_Unit(tuple(fields), ()) for fields in units], categories, fast)

    def scan_typed(
        self, raw: str, categories: frozenset[Category], *, fast: bool = True
    ) -> list[Violation]:
        """Violations in the raw text of a typed answer: every string, key and record.

        The JSON is read lexically (:func:`policies.scan.structure.leaves`), so a string
        hidden by a duplicate key or nested beyond any decoder's depth is scanned too, and
        each is scanned once. Text outside the JSON body is scanned as ``proposal``.
        """
        per_field = fast
        if fast:
            decoded = _unescaped(raw)
            quick = None if decoded is None else quick_form(decoded, self.sides)
            if quick is not None:
                if not self._any_active(quick):
                    return []
                # The fields and records hold the raw text's words: the same shortcut on
                # them all but never succeeds where it failed on the whole (1 in 280 of
                # the corpus and fixtures), and trying it costs a fold of every field.
                per_field = False
        return self._scan(_typed_units(raw), categories, per_field)

    # --- the analysis ---------------------------------------------------------------------

    def _any_active(self, text: str) -> bool:
        words = gate_words(text)
        words.extend(marks(text))
        return self.gate.any_active(words, text)

    def _active(self, text: str) -> frozenset[str]:
        words = gate_words(text)
        words.extend(marks(text))
        return self.gate.active(words, text)

    def _scan(
        self, units: list[_Unit], categories: frozenset[Category], fast: bool, joins: bool = True
    ) -> list[Violation]:
        texts = [field.text for unit in units for field in unit.fields]
        record_text = [
            " ".join((*pair.keys, pair.value))
            for unit in units
            for r in unit.records
            for pair in r.pairs
        ]
        forms = [quick_form(text, self.sides) for text in texts] if fast else [None]
        quick = [form for form in forms if form is not None]
        if len(quick) == len(forms):
            # The words of each field (quick forms are lower case), which the joined text's
            # words are, the joiners being separators: kept for :meth:`_each_clean`.
            field_words = [gate_words(form) for form in quick]
            words = [word for own in field_words for word in own]
            if record_text:
                words.extend(gate_words("\n".join(record_text).lower()))
            joined = "\n".join([*quick, *record_text]).lower()
            words.extend(marks(joined))
            prose, some = self.gate.reach(words, joined)
            if not some:
                return []
            if not record_text and self._each_clean(quick, field_words):
                # No field can hold a finding or a side waiting for a size elsewhere: only
                # a sentence split across fields is left to read.
                fields = [field for unit in units for field in unit.fields]
                return self._split_violations(fields, categories, []) if joins and prose else []
        # A text repeated in several fields (ids, levels, a driver listed twice) is
        # normalised once: the result is read, never changed.
        normalised: dict[int, Normalised] = {}
        by_text: dict[str, Normalised] = {}
        for field in (field for unit in units for field in unit.fields):
            norm = by_text.get(field.text)
            if norm is None:
                norm = by_text[field.text] = normalise(field.text, self.sides)
            normalised[id(field)] = norm
        joined = "\n".join([*(n.text for n in normalised.values()), *record_text]).lower()
        active = self._active(joined)
        if not active:
            return []
        readings = [self._unit_reading(unit, normalised, active) for unit in units]
        # A side waiting for its size is completed by a parameter anywhere in the document:
        # a typed answer may put "Sell BNP." in one output and "Size: 1,000." in another.
        # A unit read without a side of its own left its sizes unread: read them now.
        waiting = [any(pending for pending in reading[1]) for reading in readings]
        if len(units) > 1 and any(waiting):
            readings = [
                reading if waits else self._unit_reading(unit, normalised, active, sizes=True)
                for unit, reading, waits in zip(units, readings, waiting, strict=True)
            ]
        # Another output item's fragment completes a side only when labelled or sized.
        sized = [sum(1 for params in r[2] if any(f.sized for f in params)) for r in readings]
        violations: list[Violation] = []
        for unit, reading, own in zip(units, readings, sized, strict=True):
            violations.extend(
                self._unit(unit, normalised, active, categories, reading, sum(sized) - own)
            )
        if joins and not self.gate.prose.isdisjoint(active):
            fields = [field for unit in units for field in unit.fields]
            violations.extend(self._split_violations(fields, categories, violations))
        return violations

    def _each_clean(self, forms: list[str], field_words: list[list[str]]) -> bool:
        """Whether each quick form, read alone, is a short field that satisfies no family and
        holds no side: then its reading finds nothing and waits for nothing.

        Words of several fields together may open a family that none opens alone ("the
        no-trade triggers" in one field of a critique, "the data release" in another). No
        finding needs words of another field but a side completed by a size elsewhere and
        a sentence split across fields: a short field is one stretch of
        :meth:`_stretches`, read only when its own words satisfy a family or hold a side.
        """
        gate = self.gate
        for form, words in zip(forms, field_words, strict=True):
            if len(form) > _LONG_FIELD:
                return False
            if not gate.waiting.isdisjoint(words):
                return False
            words.extend(marks(form))
            if gate.any_active(words, form):
                return False
        return True

    def _split_violations(
        self, fields: list[Field], categories: frozenset[Category], found: list[Violation]
    ) -> list[Violation]:
        """Findings of sentences split across fields (:mod:`policies.scan.splits`).

        An open end and a continuation elsewhere are read as one sentence when their words
        together satisfy what neither satisfies alone (:meth:`Gate.completed_by`); a finding is kept
        when neither half's field reported its category already. It is reported in the
        continuation's field (in the open end's when it lies wholly there). At most
        :data:`_MAX_PAIRS` pairs are read: halves that are left open on purpose are few.
        """
        reported = {(v.location, v.rule) for v in found}
        extra = self._answers(fields, categories, reported)
        heads = [(f, p) for f in fields for p in open_ends(f.text)][:_MAX_HALVES]
        if not heads:
            return extra
        # What each open end still needs; continuations are read only when one needs some.
        wanted = [
            (head, piece, self.gate.needs(self._half_mask(head, piece))) for head, piece in heads
        ]
        wanted = [entry for entry in wanted if entry[2]]
        if not wanted:
            return extra
        tails = [
            (field, piece, self._half_mask(field, piece, continuation=True))
            for field in fields
            for piece in continuations(field.text)
        ][:_MAX_HALVES]
        pairs = 0
        for head, head_piece, needs in wanted:
            for tail, tail_piece, two in tails:
                if tail is head and tail_piece.start <= head_piece.start:
                    continue
                if not self.gate.completed_by(needs, two):
                    continue
                pairs += 1
                if pairs > _MAX_PAIRS:
                    return extra
                extra.extend(
                    self._split_pair(head, head_piece, tail, tail_piece, categories, reported)
                )
        return extra

    def _answers(
        self, fields: list[Field], categories: frozenset[Category], reported: set[tuple[str, str]]
    ) -> list[Violation]:
        """A question closing one field and the side that answers it opening another: "What
        should the reader do with oil majors?" + "Sell them into strength.", "¿Qué hacer
        con las petroleras?" + "Venderlas ya, en la apertura." Each half is closed, so no
        open end pairs them; read together they are a question answered by a bare side
        (:func:`policies.scan.directives.find_directives`). An answer is read only when its
        words hold a side or a verb of a holding; at most :data:`_MAX_PAIRS` pairs."""
        extra = self._pronoun_pairs(fields, categories, reported)
        questions = [(f, p) for f in fields for p in question_ends(f.text)][:_MAX_HALVES]
        if not questions:
            return extra
        answers = [
            (field, piece)
            for field in fields
            for piece in openings(field.text)
            if self._answering(field.text[piece.start : piece.end])
        ][:_MAX_HALVES]
        pairs = 0
        for head, head_piece in questions:
            for tail, tail_piece in answers:
                if tail is head:
                    continue  # one field is read whole, its questions and answers included
                pairs += 1
                if pairs > _MAX_PAIRS:
                    return extra
                extra.extend(
                    self._split_pair(head, head_piece, tail, tail_piece, categories, reported)
                )
        return extra

    def _pronoun_pairs(
        self, fields: list[Field], categories: frozenset[Category], reported: set[tuple[str, str]]
    ) -> list[Violation]:
        """A field closing on a sentence and the next field opening with a trade on a pronoun
        that stands for what that sentence names: "Gold looks stretched." + "Sell it at the
        open.", "Tenemos 300 SAN." + "Véndelas." Read together as two sentences
        (:func:`policies.scan.directives.find_directives`); only neighbouring fields, at
        most :data:`_MAX_PAIRS` pairs."""
        extra: list[Violation] = []
        pairs = 0
        for head, tail in itertools.pairwise(fields):
            start = first_opening(tail.text)
            if start is None:
                continue
            answer = tail.text[start.start : start.end]
            if not (self._answering(answer) and self._on_pronoun(answer)):
                continue
            closing = closing_sentence(head.text)
            if closing is None:
                continue
            pairs += 1
            if pairs > _MAX_PAIRS:
                break
            extra.extend(self._split_pair(head, closing, tail, start, categories, reported))
        return extra

    def _on_pronoun(self, raw: str) -> bool:
        """Whether a sentence holds a pronoun for a target, or a verb with one written onto it."""
        text = quick_form(raw, self.sides) or normalise(raw, self.sides).text.lower()
        lexicon = self.lexicon.words
        return any(
            (entry := lexicon.get(word)) is not None
            and (entry.roles & Role.REFERENCE or entry.forms & Form.CLITIC)
            for word in gate_words(text)
        )

    def _answering(self, raw: str) -> bool:
        """Whether a sentence may answer a question: it holds a side or a verb of a holding
        and no finite predicate ("Sell them into strength.", "Venderlas ya."), unlike a
        statement of its own ("La liquidez se seca")."""
        text = quick_form(raw, self.sides) or normalise(raw, self.sides).text.lower()
        words = gate_words(text)
        if self.gate.waiting.isdisjoint(words) and self.lexicon.holding.isdisjoint(words):
            return False
        lexicon = self.lexicon.words
        return not any(
            (entry := lexicon.get(word)) is not None and entry.roles & _FINITE for word in words
        )

    def _half_mask(self, field: Field, piece: Piece, *, continuation: bool = False) -> int:
        """The gate's groups that a half of a split sentence meets (none for a continuation
        that is a sentence of its own)."""
        raw = field.text[piece.start : piece.end]
        text = quick_form(raw, self.sides) or normalise(raw, self.sides).text.lower()
        words = gate_words(text)
        if continuation and not self._continues(words):
            return 0
        return self.gate.mask_of([*words, *marks(text)])

    def _continues(self, words: list[str]) -> bool:
        """Whether a continuation lacks what a sentence of its own has: it opens with a
        predicate, a verb or a preposition ("is to be raised …", "from paper to live …",
        "subir el apalancamiento …"), or holds no finite predicate after its first word
        ("passage du mode papier au réel lundi"), unlike "a single print is unlikely …"."""
        lexicon = self.lexicon.words
        first = lexicon.get(words[0]) if words else None
        # An article opens a subject, whatever else it spells ("a" is a French preposition).
        if first is not None and first.roles & _HEADLESS and not first.roles & Role.DET:
            return True
        return not any(
            (entry := lexicon.get(word)) is not None and entry.roles & _FINITE for word in words[1:]
        )

    def _split_pair(
        self,
        head: Field,
        head_piece: Piece,
        tail: Field,
        tail_piece: Piece,
        categories: frozenset[Category],
        reported: set[tuple[str, str]],
    ) -> list[Violation]:
        first = head.text[head_piece.start : head_piece.end]
        second = tail.text[tail_piece.start : tail_piece.end]
        joined = f"{first} {second}"
        found = self._scan([_Unit((Field(tail.path, joined),), ())], categories, False, False)
        kept = []
        for violation in found:
            if (head.path, violation.rule) in reported or (tail.path, violation.rule) in reported:
                continue
            start, end = violation.span or (len(first) + 1, len(joined))
            if end <= len(first):
                location, span = head.path, (start + head_piece.start, end + head_piece.start)
            else:
                shift = tail_piece.start - len(first) - 1
                location = tail.path
                span = (max(start + shift, tail_piece.start), end + shift)
            reported.add((location, violation.rule))
            kept.append(
                Violation(
                    rule=violation.rule, location=location, detail=violation.detail, span=span
                )
            )
        return kept

    def _unit_reading(
        self,
        unit: _Unit,
        normalised: dict[int, Normalised],
        active: frozenset[str],
        *,
        sizes: bool = False,
    ) -> _UnitReading:
        """Per field of a unit: its findings, its waiting sides and its parameter fragments
        (``sizes``: read every stretch for a size, as if a side of the unit waited)."""
        lexicon = self.lexicon
        norms = [normalised[id(field)] for field in unit.fields]
        per_field: list[list[Hit]] = []
        pendings = []
        fragments: list[list[Fragment]] = []
        planned, waits = self._readings(norms, active, sizes)
        for norm, (plan, readings, structured) in zip(norms, planned, strict=True):
            hits: list[Hit] = []
            pending: list[Pending] = []
            params: list[Fragment] = []
            if not (structured or waits):
                # Its words satisfy no family: no pair, table or label of it can be a
                # finding, and no side waits for a size its pairs might give.
                per_field.append(hits)
                pendings.append(pending)
                fragments.append(params)
                continue
            for (start, _, _), reading in zip(plan, readings, strict=True):
                if reading is None:
                    continue
                hits.extend(Hit(h.category, h.start + start, h.end + start) for h in reading[0])
                pending.extend(
                    Pending(w.start + start, w.end + start, w.sentence) for w in reading[1]
                )
                params.extend(Fragment(f.start + start, f.sized) for f in reading[2])
            refused: dict[tuple[str, str], bool] = {}
            pairs = [
                pair for pair in _pairs(norm.text) if not self._refused_setting(norm, pair, refused)
            ]
            tables = (*table_rows(norm.text), *delimited_rows(norm.text))
            for record in (pairs, *tables, label_pairs(norm.text)):
                hits.extend(_record_spans(record_hits(record, lexicon, active)))
            if hits and tables:
                hits = _without_others_weights(hits, norm, lexicon)
            params += [
                Fragment(p.start, True)
                for p in pairs
                if set(lexicon.field_roles(p.keys[-1])) & {"quantity", "price", "level"}
                and any(ch.isdigit() for ch in p.value)
            ]
            per_field.append(hits)
            pendings.append(pending)
            fragments.append(params)
        return per_field, pendings, fragments

    def _unit(
        self,
        unit: _Unit,
        normalised: dict[int, Normalised],
        active: frozenset[str],
        categories: frozenset[Category],
        reading: _UnitReading,
        sized_elsewhere: int,
    ) -> list[Violation]:
        """The violations of a unit, its waiting sides completed (``sized_elsewhere``: how
        many fields of the document's other units hold a labelled or sized fragment)."""
        lexicon = self.lexicon
        norms = [normalised[id(field)] for field in unit.fields]
        per_field, pendings, fragments = reading
        with_fragments = sum(1 for params in fragments if params)
        for index, pending in enumerate(pendings):
            last = max((f.start for f in fragments[index]), default=-1)
            elsewhere = sized_elsewhere > 0 or with_fragments - (1 if fragments[index] else 0) > 0
            for waiting in pending:
                if last >= waiting.end or elsewhere:
                    per_field[index].append(Hit("order", waiting.start, waiting.end))
        violations: list[Violation] = []
        for field, norm, hits in zip(unit.fields, norms, per_field, strict=True):
            violations.extend(_field_violations(field, norm, hits, categories))
        for structured in unit.records:
            for hit in record_hits(structured.pairs, lexicon, active):
                if hit.category in categories:
                    violations.append(
                        Violation(
                            rule=RULES[hit.category],
                            location=structured.location,
                            detail=f"{LABELS[hit.category]} in structured fields: {hit.reason}",
                        )
                    )
        return violations

    def _readings(
        self, norms: list[Normalised], active: frozenset[str], sizes: bool
    ) -> tuple[list[tuple[list[_Stretch], list[_Reading | None], bool]], bool]:
        """Per field, its stretches (:meth:`_plan`), the reading of each and whether its
        structured pairs may matter; and whether sizes were read (``sizes``, or a side of
        the unit waits).

        A stretch that may hold a finding is always read. One that can matter only by a
        size it holds matters only to a side that waits for one: without such a side
        anywhere in the unit it is not read at all (its reading is None).
        """
        planned = [self._plan(norm.text) for norm in norms]
        plans = [plan for plan, _ in planned]
        # A sentence repeated in a long field (padding) is analysed once, its findings
        # moved to each place it stands.
        seen: list[dict[str, _Reading]] = [{} for _ in norms]
        readings: list[list[_Reading | None]] = [
            [
                self._cached(norm, stretch, active, cache) if stretch.own else None
                for stretch in plan
            ]
            for norm, plan, cache in zip(norms, plans, seen, strict=True)
        ]
        waits = sizes or any(
            reading[1] for read in readings for reading in read if reading is not None
        )
        if waits:
            for norm, plan, read, cache in zip(norms, plans, readings, seen, strict=True):
                for index, stretch in enumerate(plan):
                    if read[index] is None:
                        read[index] = self._cached(norm, stretch, active, cache)
        structured = [may for _, may in planned]
        return list(zip(plans, readings, structured, strict=True)), waits

    def _cached(
        self,
        norm: Normalised,
        stretch: _Stretch,
        active: frozenset[str],
        seen: dict[str, _Reading],
    ) -> _Reading:
        """:meth:`_read` of a stretch, once per distinct stretch of a field."""
        start, end = stretch.start, stretch.end
        if end - start == len(norm.text):
            return self._read(norm, start, end, active)
        key = norm.cased[start:end]
        reading = seen.get(key)
        if reading is None:
            reading = seen[key] = self._read(norm, start, end, active)
        return reading

    def _read(self, norm: Normalised, start: int, end: int, active: frozenset[str]) -> _Reading:
        """Directives, waiting sides and parameter fragments of one stretch, offsets from its start."""
        tokens = tokenize(norm.text, norm.cased, self.lexicon, start, end)
        found = clauses(tokens)
        hits, pending = find_directives(tokens, found, self.lexicon, active)
        return (
            [Hit(h.category, h.start - start, h.end - start) for h in hits],
            [Pending(w.start - start, w.end - start, w.sentence) for w in pending],
            [
                Fragment(f.start - start, f.sized)
                for f in parameter_fragments(tokens, found, self.lexicon)
            ],
        )

    def _refused_setting(
        self, norm: Normalised, pair: Pair, seen: dict[tuple[str, str], bool]
    ) -> bool:
        """A setting named inside a sentence whose predicate is refused.

        "The bot must not be run with TRADING_MODE=live until the audit closes", "Der Bot
        darf nicht mit TRADING_MODE=live laufen": the pair is the complement of a refused
        verb, a note on what may not be done. The words before the setting's name, back to
        the sentence's start, are read as prose: their last clause must run up to the
        setting (no break between) and hold a negation or an avoiding verb, and no frame
        that urges ("don't hesitate to"). A pair on a line of its own, or after an
        imperative ("Run the bot with TRADING_MODE=live", "set mode: live"), has none.
        """
        text = norm.text
        words = pair.keys[-1].split()
        at = text.rfind(words[-1], pair.start, pair.end) if words else -1
        at = pair.start if at < 0 else at
        begin = max(0, at - _PROSE_BEFORE)
        begin = max(text.rfind(stop, begin, at) for stop in ".!?;\n") + 1 or begin
        begin = max(begin, at - _PROSE_BEFORE)
        if not text[begin:at].strip():
            return False
        # Pairs close together (a row of settings, a query string) read much the same
        # words before them: each distinct stretch is read once. The reading depends on
        # the stretch alone and the character after it, which the lexer looks at.
        key = (text[begin : at + 1], norm.cased[begin : at + 1])
        refused = seen.get(key)
        if refused is None:
            refused = seen[key] = self._refused_prose(norm, begin, at)
        return refused

    def _refused_prose(self, norm: Normalised, begin: int, at: int) -> bool:
        """Whether the prose ``norm.text[begin:at]`` before a setting refuses it (see
        :meth:`_refused_setting`)."""
        text = norm.text
        tokens = tokenize(text, norm.cased, self.lexicon, begin, at)
        found = clauses(tokens)
        if not found or found[-1].last != len(tokens):
            return False
        clause = found[-1]
        if clause.having(tokens, Role.URGE):
            return False
        predicates = clause.having(tokens, Role.VERB | Role.MODAL | Role.AUX)
        if predicates and negated(tokens, clause, predicates[-1]):
            return True
        # A verb-final language puts the negation after its finite verb, or its verb after
        # the setting.
        return bool(clause.having(tokens, Role.NEG))

    def _stretches(self, text: str) -> list[_Stretch]:
        """The stretches of :meth:`_plan`."""
        return self._plan(text)[0]

    def _plan(self, text: str) -> tuple[list[_Stretch], bool]:
        """What of a field to read, and whether its structured pairs, tables and labels
        may hold a finding (a short field whose words satisfy no family holds none; a long
        one is always read).

        What to read: all of it, or in a long field its sentences one by one.

        A short field is one stretch, analysed for findings when it satisfies a family of
        directives in prose or holds a side, else read only for a size a side may wait for.
        Of a long field, a sentence is analysed when it satisfies a family of directives in
        prose on its own, or holds a side that may wait for its size. A sentence that
        satisfies only a family of structured records (whose pairs are read from the whole
        field), and the few after a waiting side, can matter only by a size they hold: they
        are read only when some side of the document waits. Any finding needs its family's
        words in its own sentence, so nothing is lost but completions from further away;
        the cost stays linear and small.
        """
        gate = self.gate
        if len(text) <= _LONG_FIELD:
            # One stretch, judged as a long field's sentence is: most fields of an outlook
            # (ids, names, descriptions) hold no family of prose and no side.
            words = gate_words(text)
            waits = not gate.waiting.isdisjoint(words)
            if waits:
                return [_Stretch(0, len(text), True)], True
            words.extend(marks(text))
            prose, some = gate.reach(words, text)
            return [_Stretch(0, len(text), prose)], some
        stretches: list[_Stretch] = []
        until = -1
        # Per distinct sentence: (may hold a finding, may hold a size, holds a side).
        seen: dict[str, tuple[bool, bool, bool]] = {}
        for index, (start, end) in enumerate(self._sentences(text)):
            piece = text[start:end]
            verdict = seen.get(piece)
            if verdict is None:
                words = gate_words(piece)
                waits = not gate.waiting.isdisjoint(words)
                words.extend(marks(piece))
                prose, active = gate.reach(words, piece)
                verdict = seen[piece] = (prose or waits, active or waits, waits)
            own, sized, waits = verdict
            if waits:
                until = index + _FOLLOWING
            if sized or index <= until:
                stretches.append(_Stretch(start, end, own))
        return stretches, True

    def _sentences(self, text: str) -> list[tuple[int, int]]:
        """The sentences of a long field; a stop that abbreviates a scale before its
        currency or unit ("40 Mrd. Dollar") ends none, as in :func:`lexer.clauses`."""
        spans: list[tuple[int, int]] = []
        for match in _SENTENCE.finditer(text):
            start, end = match.span()
            if start == end:
                continue
            if spans and self._abbreviation_stop(text, spans[-1][1], start):
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    def _abbreviation_stop(self, text: str, stop: int, start: int) -> bool:
        before = _LAST_WORD.search(text, max(0, stop - 24), stop)
        after = _FIRST_WORD.match(text, start, start + 24)
        if before is None or after is None:
            return False
        words = self.lexicon.words
        scale, unit = words.get(before.group(1)), words.get(after.group(1))
        return (
            scale is not None
            and scale.roles & Role.SCALE != 0
            and unit is not None
            and unit.roles & (Role.CURRENCY | Role.UNIT) != 0
        )


def _pairs(text: str) -> list[Pair]:
    """Key/value pairs of a field; in a long field only stretches that can hold one are read.

    A long field is read by line, and a very long line by sentence, each distinct stretch
    once: a key/value pair never spans a sentence of prose.
    """
    if not may_pair(text):
        return []
    if len(text) <= _LONG_FIELD:
        return text_pairs(text)
    pairs: list[Pair] = []
    seen: dict[str, list[Pair]] = {}
    offset = 0
    for line in text.split("\n"):
        if may_pair(line):
            pieces = (
                [(m.start(), m.group()) for m in _SENTENCE.finditer(line) if m.group()]
                if len(line) > _LONG_LINE
                else [(0, line)]
            )
            for start, piece in pieces:
                if not may_pair(piece):
                    continue
                found = seen.get(piece)
                if found is None:
                    found = seen[piece] = text_pairs(piece)
                shift = offset + start
                pairs.extend(Pair(p.keys, p.value, p.start + shift, p.end + shift) for p in found)
        offset += len(line) + 1
    return pairs


def _without_others_weights(hits: list[Hit], norm: Normalised, lexicon: Lexicon) -> list[Hit]:
    """The findings of a field less the weights of a table a third party's title heads
    ("MSCI quarterly review, announced changes:" over "| Country | Old weight | New weight
    |"): an index provider's weights, not ours to set. Orders in such a table still block."""
    spans = [
        (start, end)
        for title, start, end in table_titles(norm.cased)
        if _title_of_others(title, lexicon)
    ]
    if not spans:
        return hits
    return [
        hit
        for hit in hits
        if hit.category != "rebalance" or not any(s <= hit.start < e for s, e in spans)
    ]


# What makes a title ours or advice: us, the reader, a recommendation, a negation.
_NOT_OTHERS_TITLE: Final = (
    Role.SELF
    | Role.ADDRESSEE
    | Role.RECOMMEND
    | Role.REC_MODAL
    | Role.REC_ADJ
    | Role.URGE
    | Role.NEG
)
_NAMED_TITLE_WORDS: Final = 3  # a name alone ("SAP:") is a target, not who publishes


def _title_of_others(title: str, lexicon: Lexicon) -> bool:
    """The title names a third party, an institution or a provider written in capitals
    ("MSCI quarterly review, announced changes:"), and none of us or advice."""
    tokens = tokenize(title.lower(), title, lexicon)
    if any(token.has(_NOT_OTHERS_TITLE) for token in tokens):
        return False
    if any(token.has(Role.THIRD | Role.INSTITUTION) for token in tokens):
        return True
    words = [token for token in tokens if token.kind == "word"]
    named = any(token.upper and not token.roles for token in words)
    return named and len(words) >= _NAMED_TITLE_WORDS


def _record_spans(found: list[RecordHit]) -> list[Hit]:
    """One span per category of a record, from its first pair to its last."""
    spans: dict[Category, tuple[int, int]] = {}
    for hit in found:
        start = min(p.start for p in hit.pairs)
        end = max(p.end for p in hit.pairs)
        low, high = spans.get(hit.category, (start, end))
        spans[hit.category] = (min(low, start), max(high, end))
    return [Hit(category, start, end) for category, (start, end) in spans.items()]


def _field_violations(
    field: Field, norm: Normalised, hits: list[Hit], categories: frozenset[Category]
) -> list[Violation]:
    kept: list[Hit] = []
    reach: dict[Category, int] = {}  # per category, the end of the findings kept so far
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        if hit.category not in categories or hit.start < reach.get(hit.category, -1):
            continue  # overlaps one kept already: one finding per stretch and category
        kept.append(hit)
        reach[hit.category] = max(reach.get(hit.category, -1), hit.end)
    violations = []
    breaks = _line_breaks(field.text) if kept else []
    for hit in kept:
        start, end = norm.map.to_source(hit.start, hit.end)
        line = bisect.bisect_left(breaks, start) + 1 if breaks else 0
        violations.append(
            Violation(
                rule=RULES[hit.category],
                location=field.path,
                detail=_detail(hit.category, field.text, start, end, line),
                span=(start, end),
            )
        )
    return violations


def _line_breaks(text: str) -> list[int]:
    """The offsets of the line ends of a text (searched in C: a long field has few)."""
    breaks = []
    position = text.find("\n")
    while position >= 0:
        breaks.append(position)
        position = text.find("\n", position + 1)
    return breaks


def _detail(category: Category, text: str, start: int, end: int, line: int) -> str:
    """One sentence: the category, the line in a text of several, and the snippet."""
    snippet = " ".join(text[start : min(end, start + 4 * _SNIPPET)].split())
    if len(snippet) > _SNIPPET:
        snippet = snippet[: _SNIPPET - 3] + "..."
    where = f" on line {line}" if line else ""
    return f'{LABELS[category]}{where}: "{snippet}"'


# --- typed answers ---------------------------------------------------------------------------


def _typed_units(raw: str) -> list[_Unit]:
    start, end = raw.find("{"), raw.rfind("}") + 1
    if start < 0 or end <= start:
        return [_Unit((Field("proposal", raw),), ())]
    outside = raw[:start] + " " * (end - start) + raw[end:]
    grouped: dict[tuple[str | int, ...], tuple[list[Field], list[Pair]]] = {}
    for leaf in leaves(raw[start:end]):
        leaf = leaf._replace(start=leaf.start + start, end=leaf.end + start)
        key = leaf.path[:2] if _is_item(leaf.path) else ()
        fields, pairs = grouped.setdefault(key, ([], []))
        here = _path(leaf.path)
        # An item's own type is the type rules' business, in any spelling.
        item_type = len(leaf.path) == 3 and _is_item(leaf.path) and leaf.path[2] == "type"
        if leaf.quoted and not item_type:
            fields.append(Field(here, leaf.value))
        names = tuple(part for part in leaf.path if isinstance(part, str))
        if names and not item_type:
            pairs.append(
                Pair(tuple(n.lower() for n in names), leaf.value.lower(), leaf.start, leaf.end)
            )
        own = leaf.path[-1] if leaf.path else None
        if isinstance(own, str) and (" " in own or any(ch.isdigit() for ch in own)):
            fields.append(Field(f"{here} (key)", own))
    units: list[_Unit] = []
    if outside.strip():
        units.append(_Unit((Field("proposal", outside),), ()))
    for key, (fields, pairs) in grouped.items():
        location = _path(key) if key else "proposal"
        units.append(_Unit(tuple(fields), (Record(location, tuple(pairs)),)))
    return units


def _unescaped(raw: str) -> str | None:
    """``raw`` with the escapes of its JSON body decoded, as its fields hold them; None when
    that is not known without reading the strings one by one.

    A string is decoded (:func:`policies.scan.structure.leaves`) when it is valid JSON and
    kept as written when not, and ``\\n``, ``\\t`` or ``\\/`` decoded matter to the steps
    after (a hyphenation needs its line end, letter spacing its slash): a body that does
    not decode, or holds ``\\u`` escapes, has no quick form. Text outside the body is a
    field as written.
    """
    if "\\" not in raw:
        return raw
    if "\\u" in raw:
        return None
    start, end = raw.find("{"), raw.rfind("}") + 1
    if start < 0 or end <= start:
        return raw
    body = raw[start:end]
    try:
        msgspec.json.decode(body)
    except msgspec.DecodeError:
        return None
    return raw[:start] + _ESCAPE.sub(_escaped_character, body) + raw[end:]


# The JSON escapes but \u, and the character each stands for.
_ESCAPES: Final = {
    f"\\{mark}": char for mark, char in zip('"\\/bfnrt', '"\\/\b\f\n\r\t', strict=True)
}


def _escaped_character(match: re.Match[str]) -> str:
    return _ESCAPES[match.group()]


def _is_item(path: tuple[str | int, ...]) -> bool:
    return len(path) >= 2 and path[0] == "outputs" and isinstance(path[1], int)


def _path(parts: tuple[str | int, ...]) -> str:
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text or "$"


_SCANNERS: dict[Path, Scanner] = {}


def scanner_for(directory: Path) -> Scanner:
    """The scanner of a vocabulary folder, built once per folder."""
    scanner = _SCANNERS.get(directory)
    if scanner is None:
        scanner = _SCANNERS[directory] = Scanner(lexicon_for(directory))
    return scanner
