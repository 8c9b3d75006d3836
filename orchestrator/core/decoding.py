"""Typed decoding at the edges: where a msgspec validation error points, as a field path."""

from __future__ import annotations

import re
from typing import Final

import msgspec

from orchestrator.core.patterns import lazy_pattern

__all__ = ["error_location"]

_ERROR_PATH: Final = lazy_pattern(r"(?P<message>.*?)(?: - at `\$(?P<path>[^`]*)`)?", re.DOTALL)
_ERROR_FIELD: Final = lazy_pattern(r"(?:missing required|unknown) field `(?P<field>[^`]+)`")


def error_location(exc: msgspec.ValidationError, base: str = "") -> tuple[str, str]:
    """``base`` plus the path msgspec names (``.scenarios[1].id``), and the bare message.

    msgspec says "Expected `int`, got `str` - at `$.x.max_output_tokens`" or "Object missing
    required field `y` - at `$.x`"; a missing or unknown field is appended to the path.
    """
    match = _ERROR_PATH.fullmatch(str(exc))
    assert match is not None  # the pattern matches any text
    path = base + (match.group("path") or "")
    field = _ERROR_FIELD.search(match.group("message"))
    if field is not None:
        path += f".{field.group('field')}"
    return path, match.group("message")
