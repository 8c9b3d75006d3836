"""Writing an evidence pack: all files into a hidden staging sibling, then one rename.

A reader never sees a half-written pack, an existing directory is never replaced, and an
interrupted write leaves nothing behind (:func:`orchestrator.core.fileio.write_new_dir`).
Artifacts are read-only once written.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

from orchestrator.core.errors import EvidenceWriteError, UsageError
from orchestrator.core.fileio import TEMP_PREFIX, write_new_dir

__all__ = ["check_out_dir", "write_pack"]


def check_out_dir(out_dir: Path, *, probe: bool = True) -> None:
    """Fail before the run if the pack could not be written there (exit 1, nothing created).

    ``probe=False`` leaves out the trial write into the parent folder: a batch probes its
    folder once, not for each of its thousand packs (a write that fails later still fails
    its run, with nothing left behind).
    """
    if os.path.lexists(out_dir):
        raise UsageError(
            f"{out_dir} already exists; an evidence pack is never overwritten "
            "(choose another --out)"
        )
    if not probe:
        return
    parent = _existing_ancestor(out_dir.parent)
    if not parent.is_dir():
        raise UsageError(f"--out {out_dir}: {parent} is not a directory")
    # Permission bits do not tell (root, read-only mounts, /proc): try it.
    try:
        os.rmdir(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}probe-", dir=parent))
    except OSError as exc:
        raise UsageError(f"--out {out_dir}: {parent} is not writable ({exc.strerror})") from None


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path("/")


def write_pack(out_dir: Path, files: Mapping[str, bytes]) -> Path:
    """Write ``files`` as the pack ``out_dir``, atomically; returns the pack path."""
    return write_new_dir(out_dir, files, what="evidence pack", error=EvidenceWriteError)
