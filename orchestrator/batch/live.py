"""Live and record batches: the guardrail banner an operator confirms once for all the
runs, and the one live session they share.

The banner (SPEC §3) names the models and endpoints (every run of a batch calls the same
ones: one registry, one layer), the batch's worst case and what the budget ledger says is
left. The worst case is the sum of the worst case of every run still to make
(:func:`orchestrator.runtime.preflight.cost_bounds`, built from the very bound the live
client reserves per call); the samples of an entry send the same requests, so each entry
is priced once. When it exceeds what is left, the banner says what then happens: a run
that finds no room in the ledger ends ``FAILED`` (budget exhausted), and nothing is spent
beyond the limits.

:func:`run_live_batch` opens one :class:`~orchestrator.runtime.live.LiveSession` (one HTTP
client per provider, the process's rate limiters, one ledger) and makes every run on it;
each run's client reports to its own run, so every pack records its own calls.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import NamedTuple

from clients.live.budget import BudgetSummary
from clients.live.ratelimit import RateLimiters
from orchestrator.batch.progress import Progress
from orchestrator.batch.runner import BatchResult, PreparedBatch, Stop, run_batch
from orchestrator.runtime.live import (
    LiveSession,
    budget_left,
    budget_line,
    endpoint_lines,
    network_notice,
    open_session,
)
from orchestrator.runtime.preflight import cost_bounds
from orchestrator.runtime.run import PreparedRun

__all__ = [
    "BatchCost",
    "batch_banner",
    "batch_cost",
    "open_batch_session",
    "preview",
    "run_live_batch",
]


class BatchCost(NamedTuple):
    """The worst case of the runs still to make: how many, the dearest run's, the sum."""

    runs: int
    dearest_run_usd: float
    total_usd: float


def batch_cost(batch: PreparedBatch) -> BatchCost:
    """What the pending runs of ``batch`` can cost at worst (see the module docstring)."""
    by_entry: dict[str, float] = {}
    total = 0.0
    for item in batch.pending:
        worst = by_entry.get(item.entry.id)
        if worst is None:
            prepared = batch.plan(item)
            _, worst = cost_bounds(prepared.plan, prepared.request.request)
            by_entry[item.entry.id] = worst
        total += worst
    return BatchCost(
        runs=len(batch.pending),
        dearest_run_usd=max(by_entry.values(), default=0.0),
        total_usd=round(total, 6),
    )


def batch_banner(
    batch: PreparedBatch, first: PreparedRun, cost: BatchCost, budget: BudgetSummary
) -> list[str]:
    """The guardrail banner of a network batch; ``first`` is its first pending run."""
    options, plan = batch.options, first.plan
    what = (
        f"this batch ({cost.runs} runs of suite {batch.suite.id}, at most "
        f"{options.concurrency} at once)"
    )
    lines = [*network_notice(plan.mode, what), *endpoint_lines(plan, batch.config.registry)]
    lines += [
        (
            f"  worst case for the batch: {cost.total_usd:.4f} USD ({cost.runs} runs, each at "
            f"most {cost.dearest_run_usd:.4f} USD; per-run limit {plan.per_run_limit_usd:.2f})"
        ),
        budget_line(budget),
    ]
    left = min(budget.today.left_usd, budget.month.left_usd)
    if cost.total_usd > left:
        lines.append(
            f"  the batch's worst case exceeds the {left:.2f} USD left: a run that finds no "
            "room in the budget ends FAILED (budget exhausted); no limit is overshot"
        )
    if options.record_to is not None:
        lines.append(
            f"  recording: one fixture per run into {options.record_to} "
            "(<entry>.sample-<n>.json, replayable with --fixtures)"
        )
    return lines


def preview(batch: PreparedBatch) -> list[str]:
    """The banner of a prepared network batch with runs to make, with what its ledger says
    is left."""
    first = _first(batch)
    assert first.live is not None  # a network batch plans network runs
    budget = budget_left(batch.config.registry, first.live, clock=first.clock)
    return batch_banner(batch, first, batch_cost(batch), budget)


@asynccontextmanager
async def open_batch_session(
    batch: PreparedBatch, *, limiters: RateLimiters | None = None
) -> AsyncIterator[LiveSession]:
    """The session of the batch's runs, on the ledger and clock its runs would use; a
    record batch's folder is created first. ``limiters`` defaults to the process's."""
    first = _first(batch)
    if batch.options.record_to is not None:
        batch.options.record_to.mkdir(parents=True, exist_ok=True)
    async with open_session(
        batch.config.registry,
        state_dir=batch.options.run.state_dir,
        clock=first.clock,
        limiters=limiters,
    ) as session:
        yield session


async def run_live_batch(
    batch: PreparedBatch,
    *,
    progress: Progress | None = None,
    stop: Stop | None = None,
    signals: bool = True,
    limiters: RateLimiters | None = None,
) -> BatchResult:
    """:func:`~orchestrator.batch.runner.run_batch` with every run on one live session
    (none when every run is done already: nothing is called)."""
    if not batch.pending:
        return await run_batch(batch, progress=progress, stop=stop, signals=signals)
    async with open_batch_session(batch, limiters=limiters) as session:
        return await run_batch(
            batch, session=session, progress=progress, stop=stop, signals=signals
        )


def _first(batch: PreparedBatch) -> PreparedRun:
    pending = batch.pending
    assert pending, "a batch with no run to make calls nothing"
    return batch.plan(pending[0])
