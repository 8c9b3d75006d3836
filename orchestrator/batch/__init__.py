"""Batches: every run of a suite as a governed run in one process, and the drift commands
on top of them (SPEC §9).

In the order a command uses them: :class:`BatchOptions` and :func:`prepare_batch` (suite,
shard, fixtures, the batch folder and what it already holds), :func:`run_batch` (bounded
concurrency, signals, one record per run; :func:`run_live_batch` for live and record
batches, every run on one live session), :meth:`BatchResult.write_summary`
(``batch.json`` and ``batch.md``); for drift, :func:`observe` (the verified observations of
a batch's packs), :func:`take_baseline` and :func:`compare_with_baseline`.

The package sits above the runtime and the drift comparison and below the command line;
the facade is lazy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from orchestrator.batch.drift import (
        Observed,
        batch_instant,
        compare_with_baseline,
        observe,
        report_files,
        take_baseline,
    )
    from orchestrator.batch.live import run_live_batch
    from orchestrator.batch.plan import BatchItem, BatchOptions, Shard, batch_items, pack_name
    from orchestrator.batch.progress import LogProgress, Progress
    from orchestrator.batch.runner import (
        BatchResult,
        ClientFactory,
        PreparedBatch,
        Stop,
        prepare_batch,
        run_batch,
    )
    from orchestrator.batch.summary import BatchRun, BatchSummary

__all__ = [
    "BatchItem",
    "BatchOptions",
    "BatchResult",
    "BatchRun",
    "BatchSummary",
    "ClientFactory",
    "LogProgress",
    "Observed",
    "PreparedBatch",
    "Progress",
    "Shard",
    "Stop",
    "batch_instant",
    "batch_items",
    "compare_with_baseline",
    "observe",
    "pack_name",
    "prepare_batch",
    "report_files",
    "run_batch",
    "run_live_batch",
    "take_baseline",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "orchestrator.batch.drift": (
            "Observed",
            "batch_instant",
            "compare_with_baseline",
            "observe",
            "report_files",
            "take_baseline",
        ),
        "orchestrator.batch.live": ("run_live_batch",),
        "orchestrator.batch.plan": (
            "BatchItem",
            "BatchOptions",
            "Shard",
            "batch_items",
            "pack_name",
        ),
        "orchestrator.batch.progress": ("LogProgress", "Progress"),
        "orchestrator.batch.runner": (
            "BatchResult",
            "ClientFactory",
            "PreparedBatch",
            "Stop",
            "prepare_batch",
            "run_batch",
        ),
        "orchestrator.batch.summary": ("BatchRun", "BatchSummary"),
    },
)
