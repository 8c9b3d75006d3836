"""Results go to stdout, one call per block of lines; a closed stdout is not an error.

A reader that stops early (``pilot verify DIR | head -1``) or a full disk must not change the
command's exit status, which is decided before anything is printed.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable

__all__ = ["emit"]


def emit(lines: Iterable[str] | str) -> None:
    """Print ``lines`` (or one text) to stdout and flush; a broken stdout is ignored."""
    text = lines if isinstance(lines, str) else "".join(f"{line}\n" for line in lines)
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        _detach_stdout()


def _detach_stdout() -> None:
    # Later writes and the interpreter's final flush then go nowhere instead of failing.
    try:
        fd = sys.stdout.fileno()
    except (io.UnsupportedOperation, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    os.close(devnull)
