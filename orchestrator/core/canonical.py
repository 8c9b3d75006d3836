"""Deterministic encoding and hashing.

Anything that is hashed or written into an evidence pack is encoded here, once, with
sorted keys; the same bytes are then hashed and written, so a hash always covers the
stored bytes.
"""

from __future__ import annotations

import hashlib
from typing import Any

import msgspec

__all__ = ["encode_compact", "encode_pretty", "sha256_prefixed", "short_hash"]

_encoder = msgspec.json.Encoder(order="sorted")


def encode_compact(obj: Any) -> bytes:
    """One line of sorted-key JSON (events, hash inputs)."""
    return _encoder.encode(obj)


def encode_pretty(obj: Any) -> bytes:
    """Sorted-key JSON indented by two spaces, ending in a newline (pack artifacts)."""
    return msgspec.json.format(_encoder.encode(obj), indent=2) + b"\n"


def sha256_prefixed(data: bytes) -> str:
    """``sha256:<hex>`` of the bytes, the one hash notation of the product."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def short_hash(data: bytes, length: int = 16) -> str:
    """The first ``length`` hex digits of the SHA-256 of the bytes (hash-based ids)."""
    return hashlib.sha256(data).hexdigest()[:length]
