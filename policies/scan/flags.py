"""Command-line switches read as settings: ``--live`` says ``live=true``.

A switch without a value sets its name; ``--no-dry-run`` clears it. Rewritten as
``key=value`` pairs, the structured channels (:mod:`policies.scan.structure`) read them
as they read any setting, and the gate sees the value's word. A switch with a value
(``--mode=live``) is a pair already.
"""

from __future__ import annotations

from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import Edit

__all__ = ["FLAG_TRIGGER", "flag_edits"]

# Written to open with the dashes, so that the engine skips to them.
FLAG_TRIGGER: Final = r"--(?<![\w-]--)(?:no-)?[A-Za-z][A-Za-z0-9_-]{1,40}(?![\w=-])"
_FLAG: Final = lazy_pattern(
    r"--(?<![\w-]--)(no-)?([A-Za-z][A-Za-z0-9_-]{1,40})(?![\w=-])"
    r"(?:[ \t]+([A-Za-z][A-Za-z0-9_]{0,40})(?![\w=-]))?"
)


def flag_edits(text: str) -> list[Edit]:
    """Each switch without a value rewritten as a setting: ``--live`` reads ``live=true;``.

    A word after a switch may be its value (``--mode live``) or the next argument
    (``--live now``): both readings are written, ``mode=true; mode=live;``.
    """
    if "--" not in text:
        return []
    edits = []
    for m in _FLAG.finditer(text):
        negated, name, value = m.groups()
        setting = f"{name}={'false' if negated else 'true'};"
        if value is not None and not negated:
            setting += f" {name}={value};"
        elif value is not None:
            setting += f" {value}"
        edits.append(Edit(m.start(), m.end(), setting))
    return edits
