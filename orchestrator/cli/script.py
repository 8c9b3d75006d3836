"""The console script: start-up, exit status, and a stdout that may be closed early."""

from __future__ import annotations

import os
import sys

__all__ = ["entry"]

ABORTED = 130


def entry() -> None:
    """``pilot``: run the app and exit with its status, whatever happens to stdout."""
    try:
        # Imported here, not at the top: Ctrl-C while the (slow) imports run is an abort
        # like any other, not a traceback.
        from orchestrator.cli.app import main

        code = main()
    except KeyboardInterrupt:
        sys.stderr.write("pilot: aborted\n")
        code = ABORTED
    _exit(code)


def _exit(code: int) -> None:
    """Exit with ``code``; a stdout that cannot take the last bytes does not change it."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, OSError):
        # The reader went away (`| head -1`) or the disk is full (`> /dev/full`): the
        # result still counts. Point stdout at /dev/null so the interpreter's own final
        # flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    sys.exit(code)
