"""Command-line switches read as settings: ``--live`` says ``live=true``.

A switch without a value sets its name; ``--no-dry-run`` clears it; ``--side=sell`` says
``side=sell``. Rewritten as ``key=value;`` pairs, the structured channels
(:mod:`policies.scan.structure`) read them as they read any setting, in whatever order the
switches stand (``--side sell --qty 4000 --symbol SPY``), and the gate sees the value's word.
"""

from __future__ import annotations

from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import Edit

__all__ = ["FLAG_TRIGGER", "flag_edits"]

# Written to open with the dashes, so that the engine skips to them.
FLAG_TRIGGER: Final = r"--(?<![\w-]--)(?:no-)?[A-Za-z][A-Za-z0-9_-]{1,40}(?![\w-])"
# A joined value runs to a blank or a quote; a spaced value is one word, number or ticker
# ("--qty 4000", "--symbol EUR/USD", "--limit 1.0850"), never a sentence's last stop.
_FLAG: Final = lazy_pattern(
    r"--(?<![\w-]--)(no-)?([A-Za-z][A-Za-z0-9_-]{1,40})"
    r"(?:=([^\s`'\";=]{1,60})(?![^\s`'\";=])"
    r"|(?![\w=-])(?:[ \t]+([A-Za-z0-9](?:[A-Za-z0-9_./,]{0,40}[A-Za-z0-9])?)(?![\w=-]))?)"
)


def flag_edits(text: str) -> list[Edit]:
    """Each switch rewritten as a setting: ``--live`` reads ``live=true;``.

    A word after a switch may be its value (``--mode live``) or the next argument
    (``--live now``): both readings are written, ``mode=true; mode=live;``.
    """
    if "--" not in text:
        return []
    edits = []
    for m in _FLAG.finditer(text):
        negated, name, joined, spaced = m.groups()
        if joined is not None:
            if not negated:  # "--no-x=y" says nothing a setting can hold
                edits.append(Edit(m.start(), m.end(), f"{name}={joined};"))
            continue
        setting = f"{name}={'false' if negated else 'true'};"
        if spaced is not None and not negated:
            setting += f" {name}={spaced};"
        elif spaced is not None:
            setting += f" {spaced}"
        edits.append(Edit(m.start(), m.end(), setting))
    return edits
