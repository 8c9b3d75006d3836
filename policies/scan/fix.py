"""FIX tag=value messages, rewritten as named ``key=value`` pairs.

``35=D|54=1|38=100|55=SPY|44=450`` is a new-order-single; the structured channels read
``msgtype=new order single|side=buy|qty=100|symbol=SPY|price=450``. The tag numbers and
their enumerations are the FIX protocol's, not a vocabulary: they are constants here.
"""

from __future__ import annotations

from typing import Final

from orchestrator.core.patterns import lazy_pattern
from policies.scan.textmap import Edit

__all__ = ["FIX_TRIGGER", "fix_edits"]

_TAGS: Final[dict[str, str]] = {
    "35": "msgtype",
    "54": "side",
    "38": "qty",
    "55": "symbol",
    "48": "symbol",
    "44": "price",
    "99": "stop",
    "40": "ordtype",
    "59": "tif",
    "152": "notional",
    "1": "account",
    "15": "currency",
}
_ENUMS: Final[dict[str, dict[str, str]]] = {
    "35": {"D": "order", "F": "order cancel", "G": "order replace", "E": "order"},
    "54": {"1": "buy", "2": "sell", "3": "buy", "4": "sell", "5": "sell short", "6": "sell short"},
    "40": {"1": "market", "2": "limit", "3": "stop", "4": "stop limit"},
    "59": {"0": "day", "1": "gtc", "3": "ioc", "4": "fok"},
}
# A tag opens the text or follows a delimiter, the printed SOH ("^A") included.
FIX_TRIGGER: Final = (
    r"(?:(?<![A-Za-z0-9.])|(?<=\^A))(?:35|54|38|55|48|44|99|40|59|152)=[^\s|;^\x01]"
)
_PAIR: Final = lazy_pattern(r"(?:(?<![A-Za-z0-9.])|(?<=\^A))(\d{1,4})=([^\s|;^\x01]{1,64})")
_MIN_PAIRS: Final = 2


def fix_edits(text: str) -> list[Edit]:
    """Edits naming the tags of every line with at least two known FIX pairs."""
    edits: list[Edit] = []
    if "=" not in text:
        return edits
    offset = 0
    for line in text.split("\n"):
        pairs = [m for m in _PAIR.finditer(line) if m.group(1) in _TAGS] if "=" in line else []
        if len(pairs) >= _MIN_PAIRS:
            for match in pairs:
                tag, value = match.group(1), match.group(2)
                named = _ENUMS.get(tag, {}).get(value.upper(), value)
                start, end = offset + match.start(), offset + match.end()
                edits.append(Edit(start, end, f"{_TAGS[tag]}={named}"))
        offset += len(line) + 1
    return edits
