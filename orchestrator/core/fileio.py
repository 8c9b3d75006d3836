"""Reading and writing files: errors mapped once, writes atomic, nothing ever overwritten.

Every reader of a user-named file (config, fixture, key, proposal) goes through
:func:`read_bytes` / :func:`read_text`, so that a missing, unreadable or non-UTF-8 file is
one sentence naming the file, never a traceback. Every writer goes through
:func:`write_new_file` or :func:`write_new_dir`:

- the data goes into a hidden temporary sibling first, is flushed and fsynced, gets its
  final mode, and only then appears under its name: a reader never sees half a file;
- a new file appears by ``link()``, which fails when the name exists (``rename()`` would
  silently replace it); a new directory by ``rename()`` after a last existence check;
- the temporary is removed on *every* way out, ``KeyboardInterrupt`` and cancellation
  included, so an interrupted write leaves nothing behind;
- the directory entry is fsynced too, so a completed write survives a crash.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Final

from orchestrator.core.errors import ConfigError, PilotError
from orchestrator.core.interrupts import checkpoint

__all__ = [
    "PRIVATE",
    "READ_ONLY",
    "TEMP_PREFIX",
    "fsync_path",
    "read_bytes",
    "read_text",
    "write_new_dir",
    "write_new_file",
]

READ_ONLY: Final = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH
PRIVATE: Final = stat.S_IRUSR | stat.S_IWUSR
# Prefix of every temporary entry: hidden, and recognisable as ours.
TEMP_PREFIX: Final = ".pilot-tmp-"


def read_bytes(path: Path, *, what: str, error: type[PilotError] = ConfigError) -> bytes:
    """The file's bytes; a missing or unreadable file is ``error`` naming ``what`` and ``path``."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{what} {path} not found") from None
    except IsADirectoryError:
        raise error(f"{what} {path} is a directory, not a file") from None
    except OSError as exc:
        raise error(f"{what} {path} cannot be read: {exc.strerror}") from exc


def read_text(path: Path, *, what: str, error: type[PilotError] = ConfigError) -> str:
    """The file as UTF-8 text (a leading BOM kept as is); bytes that are not UTF-8 are ``error``."""
    return decode_utf8(read_bytes(path, what=what, error=error), path=path, what=what, error=error)


def decode_utf8(
    data: bytes, *, path: Path, what: str, error: type[PilotError] = ConfigError
) -> str:
    """``data`` read from ``path`` as UTF-8, or ``error`` saying where it is not."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise error(f"{what} {path} is not UTF-8 text (byte {exc.start}: {exc.reason})") from None


def write_new_file(
    path: Path,
    data: bytes,
    *,
    what: str,
    mode: int = READ_ONLY,
    error: type[PilotError],
) -> Path:
    """Create ``path`` holding exactly ``data`` with ``mode``, atomically; never replaces.

    An existing name (a file, a directory or a dangling symlink) is ``error`` and is left
    untouched; so is any OS failure, with the temporary removed.
    """
    directory = path.parent
    try:
        fd, temp = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{path.name}.", dir=directory)
    except OSError as exc:
        raise error(f"cannot write {what} {path}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, mode)
        os.link(temp, path)
    except FileExistsError:
        raise error(f"{what} {path} already exists and is never overwritten") from None
    except OSError as exc:
        raise error(f"cannot write {what} {path}: {exc.strerror}") from exc
    finally:
        # On every way out, interrupts included: the temporary never outlives the call.
        _remove(Path(temp))
    fsync_path(directory)
    return path


def write_new_dir(
    path: Path,
    files: Mapping[str, bytes],
    *,
    what: str,
    error: type[PilotError],
    file_mode: int = READ_ONLY,
    dir_mode: int = 0o755,
) -> Path:
    """Create the directory ``path`` holding ``files`` (name → bytes), atomically.

    The files are written into a hidden staging sibling, which is renamed into place only
    when complete. An existing ``path`` is ``error`` and is left untouched.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{path.name}.", dir=path.parent))
    except OSError as exc:
        raise error(f"cannot create {what} {path}: {exc.strerror}") from exc
    try:
        _write_files(staging, files, file_mode)
        _seal_dir(staging, dir_mode)
        checkpoint("pack-write")
        if os.path.lexists(path):
            raise error(f"{what} {path} appeared meanwhile; it was left untouched")
        staging.rename(path)
    except OSError as exc:
        _remove(staging)
        raise error(f"cannot write {what} {path}: {exc.strerror}") from exc
    except BaseException:
        _remove(staging)
        raise
    fsync_path(path.parent)
    return path


def _write_files(directory: Path, files: Mapping[str, bytes], mode: int) -> None:
    """Create every file of ``files`` in ``directory`` with ``mode``, each made durable.

    Every file is written before any is fsynced: the file system then flushes the pack's
    blocks together instead of one file per round trip to the disk. Each file is handled
    through the one descriptor that created it (mode, data and fsync on it), never reopened
    by name: a pack is many small files, written by a batch in worker threads, and every
    system call there is a round trip for the interpreter lock.
    """
    opened: list[int] = []
    try:
        for name in sorted(files):
            fd = os.open(directory / name, _NEW_FILE, 0o600)
            opened.append(fd)
            _write_all(fd, files[name])
            os.fchmod(fd, mode)
        for fd in opened:
            os.fsync(fd)
    finally:
        for fd in opened:
            os.close(fd)


# A new file only (never through an existing name or a symlink), closed on exec.
_NEW_FILE: Final = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def _seal_dir(path: Path, mode: int) -> None:
    """Give the directory ``path`` its final mode and make its entries durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fchmod(fd, mode)
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_path(path: Path) -> None:
    """Make a directory's entries (a rename or a new file in it), or a file's data, durable."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        # Read-only files in a writable directory can be unlinked; the directory itself
        # was made read-only only after everything in it was written.
        path.chmod(0o700)
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
