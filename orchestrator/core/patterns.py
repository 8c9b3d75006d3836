"""Regular expressions compiled on first use, not at import.

A module's patterns are module constants, and most runs use only a few of them (the
redaction of a clean answer, the scanner's gate on a clean proposal), yet compiling them
all at import cost every command its start-up time. :func:`lazy_pattern` returns an object
that compiles on its first use and then binds the compiled pattern's methods to itself, so
later calls go straight to the compiled pattern. It is typed as ``re.Pattern[str]``.
:func:`compile_all` compiles every pattern made so far (a test does, so a bad pattern
still fails in CI rather than in a run).
"""

from __future__ import annotations

import re
from typing import Any, cast

__all__ = ["compile_all", "lazy_pattern"]

_MADE: list[_Lazy] = []
_BOUND = ("match", "search", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def compile(self) -> re.Pattern[str]:
        if self._compiled is None:
            compiled = self._compiled = re.compile(*self._source)
            for name in _BOUND:
                setattr(self, name, getattr(compiled, name))
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        # Only reached for what is not bound yet: the first call, or pattern attributes.
        return getattr(self.compile(), name)

    def __repr__(self) -> str:
        return f"lazy_pattern({self._source[0]!r}, {self._source[1]})"


def lazy_pattern(pattern: str, flags: int | re.RegexFlag = 0) -> re.Pattern[str]:
    """A pattern compiled on first use; otherwise what ``re.compile`` returns."""
    made = _Lazy(pattern, int(flags))
    _MADE.append(made)
    return cast("re.Pattern[str]", made)


def compile_all() -> int:
    """Compile every lazy pattern made so far; how many there are."""
    for made in _MADE:
        made.compile()
    return len(_MADE)
