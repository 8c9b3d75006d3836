"""Writing an evidence pack: all files into a temporary sibling, then one rename.

A reader never sees a half-written pack, and an existing directory is never replaced.
Artifacts are made read-only once written.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path

from orchestrator.core.errors import EvidenceWriteError, UsageError

__all__ = ["check_out_dir", "fsync_dir", "write_pack"]

_READ_ONLY = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


def check_out_dir(out_dir: Path) -> None:
    """Fail before the run if the pack could not be written there (exit 1, nothing created)."""
    if out_dir.exists() or out_dir.is_symlink():
        raise UsageError(
            f"{out_dir} already exists; an evidence pack is never overwritten "
            "(choose another --out)"
        )
    parent = _existing_ancestor(out_dir.parent)
    if not parent.is_dir():
        raise UsageError(f"--out {out_dir}: {parent} is not a directory")
    # Permission bits do not tell (root, read-only mounts, /proc): try it.
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".pilot-probe-", dir=parent))
    except OSError as exc:
        raise UsageError(f"--out {out_dir}: {parent} is not writable ({exc.strerror})") from None


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path("/")


def write_pack(out_dir: Path, files: Mapping[str, bytes]) -> Path:
    """Write ``files`` as the pack ``out_dir``, atomically; returns the pack path."""
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    except OSError as exc:
        raise EvidenceWriteError(
            f"cannot create the evidence pack {out_dir}: {exc.strerror}"
        ) from exc
    try:
        for name, data in sorted(files.items()):
            path = staging / name
            with path.open("xb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            path.chmod(_READ_ONLY)
        staging.chmod(0o755)
        fsync_dir(staging)
        if out_dir.exists() or out_dir.is_symlink():
            raise EvidenceWriteError(
                f"{out_dir} appeared while the run was going on; it was left untouched"
            )
        staging.rename(out_dir)
        fsync_dir(out_dir.parent)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise EvidenceWriteError(
            f"cannot write the evidence pack {out_dir}: {exc.strerror}"
        ) from exc
    except EvidenceWriteError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return out_dir


def fsync_dir(path: Path) -> None:
    """Make a directory's entries durable (a rename or a new file in it)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
