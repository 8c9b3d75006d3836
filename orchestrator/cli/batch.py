"""``pilot batch``: every run of a suite as governed runs, one evidence pack each."""

from __future__ import annotations

import functools
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import anyio
from cyclopts import Parameter, Token, validators

from orchestrator.batch.plan import DEFAULT_CONCURRENCY, BatchOptions, Shard
from orchestrator.batch.progress import LogProgress, Progress
from orchestrator.batch.runner import BatchResult, PreparedBatch, prepare_batch, run_batch
from orchestrator.cli.output import emit
from orchestrator.cli.run import RunSettings, confirm
from orchestrator.cli.summary import batch_lines
from orchestrator.core import interrupts
from orchestrator.core.errors import UsageError

__all__ = ["BatchFlags", "batch", "make_batch"]


def _shard(type_: object, tokens: Sequence[Token]) -> Shard:
    """``--shard i/n`` as a :class:`Shard`; cyclopts names the option in the error."""
    try:
        return Shard.parse(tokens[0].value)
    except UsageError as exc:
        raise ValueError(exc.message) from None


ShardOption = Annotated[
    Shard | None,
    Parameter(converter=_shard, n_tokens=1, accepts_keys=False),
]
Samples = Annotated[int, Parameter(validator=validators.Number(gte=1))]


@Parameter(name="*")
@dataclass(frozen=True, kw_only=True)
class BatchFlags:
    """Where a batch writes and how it runs; shared by ``pilot batch`` and ``pilot drift``."""

    out: Path
    """The batch folder (created if missing): one evidence pack per run, named
    ENTRY.sample-N, and the batch summary, batch.json and batch.md."""

    fixtures: Path | None = None
    """Folder of the suite's replay fixtures, ENTRY.sample-N.json (required in replay;
    in dry mode, checked for coverage; none in live and record)."""

    record_to: Path | None = None
    """With --mode record: the folder (created if missing) each run records its fixture
    into, as ENTRY.sample-N.json (new files), ready to replay with --fixtures."""

    concurrency: Annotated[int, Parameter(validator=validators.Number(gte=1))] = DEFAULT_CONCURRENCY
    """Runs in flight at once."""

    resume: bool = False
    """Complete the batch in --out: runs whose pack is there and verifies are skipped, a
    pack that does not verify is moved aside (PACK.unverified-N) and made again."""

    settings: RunSettings = field(default_factory=RunSettings)

    def options(self, suite: str, *, samples: int = 1, shard: Shard | None = None) -> BatchOptions:
        return BatchOptions(
            suite=suite,
            out=self.out,
            fixtures=self.fixtures,
            record_to=self.record_to,
            samples=samples,
            shard=shard,
            concurrency=self.concurrency,
            resume=self.resume,
            run=self.settings.options(),
        )


def batch(
    suite: str, /, *, samples: Samples = 1, shard: ShardOption = None, flags: BatchFlags
) -> int:
    """Run every entry of a suite as governed runs, one evidence pack each, in one process.

    In live and record mode (with --allow-network) the runs share one HTTP client per
    provider, the rate limits and the budget ledger; the banner (models, endpoints, the
    batch's worst case, the budget left) is confirmed once, with ENTER or --yes.

    Exit 0 when every run completed, 2 when one was blocked, 3 when one failed; 130 when
    interrupted (SIGINT, SIGTERM, SIGHUP: no new run starts, running ones finish; a second
    signal cancels them), after which --resume completes the batch.

    Parameters
    ----------
    suite
        Suite id from config/suites.
    samples
        Runs per entry (sample n replays ENTRY.sample-N.json).
    shard
        i/n: only the runs at positions i, i+n, i+2n, ... (from 1) of the suite's runs, so
        that shards 1/n to n/n together make every run once.
    """
    result = make_batch(prepare_batch(flags.options(suite, samples=samples, shard=shard)))
    written = result.write_summary()
    # The records are written: from here on the batch's status is the exit status.
    interrupts.ignore()
    emit(batch_lines(result, written))
    return result.exit_code


def make_batch(batch: PreparedBatch) -> BatchResult:
    """Run the batch with a progress bar on a terminal, one log event per run otherwise.

    Replay and dry runs use their mode's own model clients (replay: each its fixture). A
    live or record batch with runs to make shows its banner and waits for confirmation
    first, then makes every run on one live session.
    """
    progress: Progress = LogProgress()
    if sys.stderr.isatty():
        # rich is imported only for a terminal: it costs start-up time everywhere else.
        from orchestrator.cli.batch_progress import BarProgress

        progress = BarProgress()
    run = batch.options.run
    if run.mode in ("record", "live") and batch.pending:
        # Imported for network batches only: the banner reads the budget ledger (SQLite,
        # httpx).
        from orchestrator.batch.live import preview, run_live_batch

        confirm(preview(batch), mode=run.mode, yes=run.yes, start="the batch")
        return anyio.run(functools.partial(run_live_batch, batch, progress=progress))
    return anyio.run(functools.partial(run_batch, batch, progress=progress))
