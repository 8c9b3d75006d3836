"""The content scanner of the capability scope: forbidden intent in model text.

The scanner reads what a text asks someone to do. Its pipeline, one module per step:
:mod:`~policies.scan.normalise` (with :mod:`~policies.scan.payloads`,
:mod:`~policies.scan.markup`, :mod:`~policies.scan.fix` and offsets kept by
:mod:`~policies.scan.textmap`), :mod:`~policies.scan.lexer` (tokens and clauses, numbers in
words), :mod:`~policies.scan.mood` (who is asked to act, negation scope),
:mod:`~policies.scan.directives` (actions, targets, parameters),
:mod:`~policies.scan.structure` and :mod:`~policies.scan.records` (key/value pairs,
tables, JSON at any depth), :mod:`~policies.scan.gate` (the fast proof that a text is
clean) and :mod:`~policies.scan.scanner` (the facade). Vocabularies are data
(:mod:`~policies.scan.vocabulary`); which categories are enforced comes from the scope
(:mod:`~policies.scan.categories`).
"""

from __future__ import annotations

from policies.scan.categories import (
    CATEGORIES,
    RULES,
    Category,
    enforced_categories,
    not_enforced_notes,
)
from policies.scan.scanner import Field, Scanner, scanner_for
from policies.scan.vocabulary import Lexicon, lexicon_for, shipped_vocabulary_dir, vocabulary_dir

__all__ = [
    "CATEGORIES",
    "RULES",
    "Category",
    "Field",
    "Lexicon",
    "Scanner",
    "enforced_categories",
    "lexicon_for",
    "not_enforced_notes",
    "scanner_for",
    "shipped_vocabulary_dir",
    "vocabulary_dir",
]
