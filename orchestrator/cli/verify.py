"""``pilot verify``: the integrity of one pack or a folder of packs."""

from __future__ import annotations

from pathlib import Path

from orchestrator.cli.output import emit
from orchestrator.cli.summary import verify_lines
from orchestrator.core.canonical import encode_pretty
from orchestrator.core.errors import IntegrityError, UsageError
from orchestrator.core.fileio import read_bytes
from orchestrator.evidence.verify import verify_path

__all__ = ["read_public_key", "verify"]


def verify(path: Path, /, *, public_key: Path | None = None, json: bool = False) -> int:
    """Verify evidence packs: files, hashes, event chain, artifacts rebuilt from the events.

    Exit 0 when every pack verifies, 5 when one does not; each failing file is named.
    Packs are written read-only: a writable file is a warning. Temporary folders left by a
    process killed mid-write are listed as leftovers (safe to delete).

    Parameters
    ----------
    path
        One evidence pack, or a folder whose sub-directories are packs.
    public_key
        Ed25519 PEM public key: every pack must carry a valid signature by it.
    json
        Print the report as JSON.
    """
    folder = verify_path(path, public_key=read_public_key(public_key))
    emit(encode_pretty(folder).decode("utf-8") if json else verify_lines(folder))
    return 0 if folder.ok else IntegrityError.exit_code


def read_public_key(path: Path | None) -> bytes | None:
    """The PEM bytes of ``--public-key``, or None."""
    return None if path is None else read_bytes(path, what="--public-key", error=UsageError)
