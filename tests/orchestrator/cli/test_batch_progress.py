"""The batch's progress bar: runs done of the total, the counts of this attempt, the ETA."""

from __future__ import annotations

import io
from itertools import count

import msgspec
from rich.console import Console

from orchestrator.batch.plan import BatchItem
from orchestrator.batch.summary import unfinished_run
from orchestrator.cli.batch_progress import BarProgress
from orchestrator.core.suites import load_suite
from tests.helpers import PROJECT

ITEM = BatchItem(entry=load_suite(PROJECT / "config", "l2-drift-baseline").entry("calm"), sample=0)


def test_the_bar_counts_runs_by_status_and_estimates_the_rest() -> None:
    """After one resumed run and three made ones of five: 4/5, the counts, an ETA."""
    screen = io.StringIO()
    ticks = count()
    bar = BarProgress(
        Console(file=screen, force_terminal=True, width=120, color_system=None),
        get_time=lambda: float(next(ticks)),
    )
    bar.begin(total=5, resumed=1)
    for status in ("COMPLETE", "BLOCKED", "FAILED"):
        bar.advance(msgspec.structs.replace(unfinished_run(ITEM, "NOT_RUN"), status=status))
    bar.end()
    # Each refresh redraws the line after a carriage return; the last is the final state.
    last = screen.getvalue().split("\r")[-1]
    assert "4/5 complete 1 · blocked 1 · failed 1 · resumed 1 ETA 0:00:01" in last
