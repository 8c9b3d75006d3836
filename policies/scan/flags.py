"""Command-line switches read as settings: ``--live`` says ``live=true``.

A switch without a value sets its name; ``--no-dry-run`` clears it. A switch with a
value, written ``--side=sell`` or ``--side sell`` (the value followed by the next switch,
the end of the line or of the code span), says ``side=sell``. Rewritten as ``key=value;``
pairs, the structured channels (:mod:`policies.scan.structure`) read them as they read
any setting, in whatever order the switches stand, and the gate sees the value's word.
"""

from __future__ import annotations

from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import Edit

__all__ = ["FLAG_TRIGGER", "flag_edits"]

# Written to open with the dashes, so that the engine skips to them.
FLAG_TRIGGER: Final = r"--(?<![\w-]--)(?:no-)?[A-Za-z][A-Za-z0-9_-]{1,40}(?![\w-])"
# A value is one word; a spaced one only where a command line goes on or ends after it
# ("--qty 4000 --symbol SPY`"), so that prose after a bare switch is not its value
# (:func:`flag_edits` keeps only those of a line with several switches).
_FLAG: Final = lazy_pattern(
    r"--(?<![\w-]--)(no-)?([A-Za-z][A-Za-z0-9_-]{1,40})"
    r"(?:=([^\s`'\";=]{1,60})|[ \t]+([^\s`'\";=-][^\s`'\";=]{0,59})(?=[ \t]*(--|[`'\"]|\n|\Z)))?"
    r"(?![\w=-])"
)


def flag_edits(text: str) -> list[Edit]:
    """Each switch rewritten as a setting: ``--live`` reads ``live=true;``, ``--qty 40``
    reads ``qty=40;``.

    A spaced value is taken before another switch, or after an earlier switch of its line
    (``trade --side sell --qty 40``): "run with --live today" switches ``live`` on.
    """
    if "--" not in text:
        return []
    edits = []
    line_of_last = -1
    line = 0
    counted = 0  # lines are counted from the previous switch on: linear in the text
    for m in _FLAG.finditer(text):
        negative, name, joined, spaced, after = m.groups()
        line += text.count("\n", counted, m.start())
        counted = m.start()
        if spaced is not None and after != "--" and line != line_of_last:
            spaced = None
        line_of_last = line
        value = joined or spaced
        if value is None:
            value = "false" if negative else "true"
            end = m.start() + 2 + len(negative or "") + len(name)
        elif negative:
            continue  # "--no-x=y" says nothing a setting can hold
        else:
            end = m.end()
        edits.append(Edit(m.start(), end, f"{name}={value};"))
    return edits
