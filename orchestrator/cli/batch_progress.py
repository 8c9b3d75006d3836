"""The batch's progress bar on a terminal: runs done of the total, the counts, the ETA.

Rendered by rich (which cyclopts already brings) on stderr, beside the logs: while the bar
is shown, log lines written to stderr are printed above it. Off a terminal the batch logs
one event per run instead (:class:`orchestrator.batch.progress.LogProgress`).
"""

from __future__ import annotations

from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)

from orchestrator.batch.summary import BatchRun

__all__ = ["BarProgress"]


class BarProgress:
    """A :class:`orchestrator.batch.progress.Progress` drawn as one bar.

    ``console`` and ``get_time`` are injected so tests can render it without a terminal
    or a clock.
    """

    def __init__(
        self, console: Console | None = None, *, get_time: Callable[[], float] | None = None
    ) -> None:
        self._progress = Progress(
            TextColumn("[bold]batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console or Console(stderr=True),
            get_time=get_time,
            transient=False,
        )
        self._task: TaskID | None = None
        self._counts = {"COMPLETE": 0, "BLOCKED": 0, "FAILED": 0}
        self._resumed = 0

    def begin(self, *, total: int, resumed: int) -> None:
        self._resumed = resumed
        self._progress.start()
        self._task = self._progress.add_task(
            "batch", total=total, completed=resumed, counts=self._text()
        )

    def advance(self, run: BatchRun) -> None:
        if run.status in self._counts:
            self._counts[run.status] += 1
        if self._task is not None:
            self._progress.update(self._task, advance=1, counts=self._text())

    def end(self) -> None:
        self._progress.stop()

    def _text(self) -> str:
        counts = self._counts
        text = (
            f"complete {counts['COMPLETE']} · blocked {counts['BLOCKED']} · "
            f"failed {counts['FAILED']}"
        )
        return f"{text} · resumed {self._resumed}" if self._resumed else text
