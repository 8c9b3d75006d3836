"""The scanner's verdict on free text, as the class-by-class table tests ask for it."""

from __future__ import annotations

from policies.scan import CATEGORIES, Field, scanner_for, shipped_vocabulary_dir

__all__ = ["blocked"]


def blocked(*fields: str) -> bool:
    """Whether the fields, as the fields of one output item, hold a forbidden instruction.

    Every category is enforced, with the shipped vocabularies.
    """
    scanner = scanner_for(shipped_vocabulary_dir())
    if len(fields) == 1:
        unit = [Field("free_text", fields[0])]
    else:
        unit = [Field(f"outputs[0].drivers[{n}]", text) for n, text in enumerate(fields)]
    return bool(scanner.scan_fields([unit], frozenset(CATEGORIES)))
