"""Signals: SIGTERM and SIGHUP end the pilot like Ctrl-C, and a write in progress finishes.

:func:`installed` makes SIGTERM and SIGHUP raise :class:`Interrupted` (a ``KeyboardInterrupt``),
so every ``finally`` and ``except BaseException`` clean-up runs exactly as for Ctrl-C.
:func:`deferred` holds all three signals back for the length of a short critical section
(writing a pack or a review addendum): an interrupted process then either completed the write
or never started it, never half of it. The caller decides what a held signal means afterwards.
:func:`restored` puts the handlers back after an event loop received the signals itself
(a batch, which stops starting runs on the first signal instead of raising).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from types import FrameType
from typing import Any

__all__ = [
    "PAUSE_ENV",
    "SIGNALS",
    "Held",
    "Interrupted",
    "checkpoint",
    "deferred",
    "ignore",
    "installed",
    "restored",
]

# The signals that ask the pilot to stop: Ctrl-C, a service manager, a closed terminal.
SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)

# Tests only: the name of a checkpoint at which the process stops until released.
PAUSE_ENV = "PILOT_TEST_PAUSE"


class Interrupted(KeyboardInterrupt):
    """The process was asked to stop by a signal other than SIGINT."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_Handler = Callable[[int, FrameType | None], Any] | int | None


def _restore(previous: Mapping[signal.Signals, _Handler]) -> None:
    for signum, handler in previous.items():
        # None: a handler not installed from Python; the default is the honest way back.
        signal.signal(signum, signal.SIG_DFL if handler is None else handler)


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


@contextlib.contextmanager
def installed() -> Iterator[None]:
    """While inside, SIGTERM and SIGHUP raise :class:`Interrupted`; every handler is restored
    on the way out (main thread only; a no-op elsewhere)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in SIGNALS}
    for signum in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, _raise)
    try:
        yield
    finally:
        _restore(previous)


@dataclass
class Held:
    """The signal that arrived during a :func:`deferred` section, if any."""

    signum: int | None = None

    @property
    def name(self) -> str | None:
        return signal.Signals(self.signum).name if self.signum is not None else None


@contextlib.contextmanager
def deferred() -> Iterator[Held]:
    """Hold SIGINT, SIGTERM and SIGHUP until the block ends; see :class:`Held`."""
    held = Held()
    if threading.current_thread() is not threading.main_thread():
        yield held
        return

    def hold(signum: int, _frame: FrameType | None) -> None:
        if held.signum is None:
            held.signum = signum

    previous = {signum: signal.signal(signum, hold) for signum in SIGNALS}
    try:
        yield held
    finally:
        _restore(previous)


@contextlib.contextmanager
def restored() -> Iterator[None]:
    """The handlers of SIGINT, SIGTERM and SIGHUP as they were, on every way out.

    An event loop's signal receiver leaves the defaults behind when it closes (asyncio
    resets SIGTERM and SIGHUP to terminating the process at once), which would let a
    signal kill the process in the middle of what follows (a summary being written).
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {signum: signal.getsignal(signum) for signum in SIGNALS}
    try:
        yield
    finally:
        _restore(previous)


def ignore() -> None:
    """Ignore SIGINT, SIGTERM and SIGHUP from now on: the work is done, only reporting is left."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in SIGNALS:
        signal.signal(signum, signal.SIG_IGN)


def checkpoint(name: str) -> None:
    """A place where tests interrupt the real ``pilot`` (``PILOT_TEST_PAUSE=<name>``).

    Unset, it does nothing. Set to ``name``, the process says ``pilot-test: paused at
    <name>`` on stderr and waits for a line on stdin: the test sends its signal, then
    releases it. Only tests set the variable.
    """
    if os.environ.get(PAUSE_ENV) != name:
        return
    sys.stderr.write(f"pilot-test: paused at {name}\n")
    sys.stderr.flush()
    sys.stdin.readline()
