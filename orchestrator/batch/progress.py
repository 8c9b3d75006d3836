"""How a batch reports its progress: the protocol, and one log event per run.

The runner calls :meth:`Progress.begin` once, :meth:`Progress.advance` after every run
(from the task that made it, so calls never overlap) and :meth:`Progress.end` once, also
when interrupted. :class:`LogProgress` writes one ``batch.run`` event per run (machines,
CI logs); the terminal's progress bar lives with the command line
(``orchestrator/cli/batch_progress.py``).
"""

from __future__ import annotations

from typing import Protocol

import structlog

from orchestrator.batch.summary import BatchRun

__all__ = ["LogProgress", "Progress"]

log = structlog.get_logger()


class Progress(Protocol):
    def begin(self, *, total: int, resumed: int) -> None:
        """``total`` runs in this batch (shard), ``resumed`` of them already done."""

    def advance(self, run: BatchRun) -> None:
        """One more run has its record (its pack is written, or it failed without one)."""

    def end(self) -> None:
        """The batch has stopped, completed or not."""


class LogProgress:
    """One structured log event per run: ``batch.run`` with its status, pack and the count."""

    def __init__(self) -> None:
        self.total = 0
        self.done = 0

    def begin(self, *, total: int, resumed: int) -> None:
        self.total, self.done = total, resumed

    def advance(self, run: BatchRun) -> None:
        self.done += 1
        log.info(
            "batch.run",
            entry=run.entry_id,
            sample=run.sample,
            status=run.status,
            pack=run.pack,
            reason=run.reasons[0] if run.reasons else None,
            done=self.done,
            total=self.total,
        )

    def end(self) -> None:
        """Nothing to close: every run has been logged."""
