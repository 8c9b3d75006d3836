"""A batch: every run of a suite as an ordinary governed run, in one process.

:func:`prepare_batch` does everything that can fail before the first run (config, suite,
fixtures, the options of a run, the batch folder and what it already holds): its errors
leave nothing behind, apart from packs that did not verify, which ``--resume`` moves aside.
:func:`run_batch` then makes the runs, at most ``concurrency`` at a time, each exactly as
``pilot run`` would (:func:`orchestrator.runtime.run.prepare`, ``conduct``, one evidence
pack written atomically), and returns one record per run.

**Model clients.** A run uses its mode's own client: replay its own fixture; live and record
a live client built on the batch's :class:`~orchestrator.runtime.live.LiveSession` (one set
of HTTP clients, the process's rate limiters, one budget ledger, shared by every run), which
reports each call to its own run, so that every pack records its own calls. A
:class:`ClientFactory` replaces the mode's client (tests, benchmarks).

**Signals.** While runs are being made, SIGINT, SIGTERM and SIGHUP do not raise: the first
stops the batch from starting runs and lets the running ones finish, writing their packs;
a second cancels the running ones, which then write nothing (a pack write that has begun
is finished first, so no pack is ever half written). Either way the batch ends
interrupted; ``--resume`` makes the runs that are missing. Tests stop a batch through
:class:`Stop` directly.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

import anyio
import msgspec
import structlog

from orchestrator.batch.plan import BatchItem, BatchOptions, batch_items
from orchestrator.batch.progress import LogProgress, Progress
from orchestrator.batch.resume import Scan, scan_batch_folder
from orchestrator.batch.summary import (
    BatchCounts,
    BatchRun,
    BatchSummary,
    batch_exit_code,
    count_runs,
    free_attempt,
    run_from_index,
    summary_json,
    summary_markdown,
    summary_stem,
    unfinished_run,
    write_attempt_files,
)
from orchestrator.core import interrupts
from orchestrator.core.calls import ModelClient
from orchestrator.core.config import ConfigBundle, load_config
from orchestrator.core.errors import ConfigError, PilotError, UsageError
from orchestrator.core.resources import find_config_dir
from orchestrator.core.suites import Suite, load_suite
from orchestrator.evidence.names import INDEX
from orchestrator.evidence.records import RunPlan
from orchestrator.evidence.writer import check_out_dir
from orchestrator.runtime.run import (
    LAYER_ID,
    PreparedRun,
    RunResult,
    conduct,
    input_ref,
    plan_run,
    prepare,
)

if TYPE_CHECKING:
    from orchestrator.runtime.live import LiveSession

__all__ = [
    "BatchResult",
    "ClientFactory",
    "PreparedBatch",
    "Stop",
    "prepare_batch",
    "run_batch",
]

log = structlog.get_logger()

_SHOWN = 3


class ClientFactory(Protocol):
    """Makes the model client of one prepared run (see the module docstring)."""

    def __call__(self, prepared: PreparedRun) -> ModelClient: ...


@dataclass(frozen=True)
class PreparedBatch:
    """A batch ready to run: its loaded config and suite, its runs, and those already done."""

    options: BatchOptions
    config: ConfigBundle
    suite: Suite
    items: tuple[BatchItem, ...]
    scan: Scan

    @property
    def pending(self) -> tuple[BatchItem, ...]:
        return tuple(item for item in self.items if item.pack_name not in self.scan.done)

    def plan(self, item: BatchItem) -> PreparedRun:
        """The run ``item`` as this batch makes it, planned (:func:`plan_run`)."""
        return _plan(self.options, self.config, item)


def _plan(options: BatchOptions, config: ConfigBundle, item: BatchItem) -> PreparedRun:
    return plan_run(item.run_options(options), entry=item.entry, config=config)


@dataclass
class Stop:
    """Requests to stop a batch: the first stops starting runs, the second cancels the
    running ones (see the module docstring)."""

    requested: str | None = None
    cancelled: bool = False
    _runs: anyio.CancelScope | None = field(default=None, repr=False)

    def request(self, reason: str) -> None:
        """Ask the batch to stop; ``reason`` names the signal (or the test)."""
        if self.requested is None:
            self.requested = reason
            log.warning(
                "batch.stopping",
                reason=reason,
                detail="no new run starts; running ones finish; again to cancel them",
            )
        elif not self.cancelled:
            self.cancelled = True
            log.warning("batch.cancelling", reason=reason)
            if self._runs is not None:
                self._runs.cancel()

    @contextlib.contextmanager
    def guarding(self, runs: anyio.CancelScope) -> Iterator[None]:
        """While inside, a second request cancels ``runs``."""
        self._runs = runs
        if self.cancelled:
            runs.cancel()
        try:
            yield
        finally:
            self._runs = None


@dataclass(frozen=True)
class BatchResult:
    """Every run's record in batch order; ``interrupted`` names what stopped the batch
    before all its runs were made (None when every run has its record)."""

    batch: PreparedBatch
    runs: tuple[BatchRun, ...]
    interrupted: str | None
    late_signal: str | None = None

    def __repr__(self) -> str:
        # asyncio formats the repr of a task's result when the loop closes: the default
        # one would spell out every record and the whole suite (megabytes for a large batch).
        return (
            f"BatchResult(suite={self.batch.suite.id!r}, counts={self.counts!r}, "
            f"interrupted={self.interrupted!r})"
        )

    @property
    def exit_code(self) -> int:
        return batch_exit_code(self.runs, interrupted=self.interrupted is not None)

    @property
    def counts(self) -> BatchCounts:
        return count_runs(self.runs)

    @property
    def out(self) -> Path:
        return self.batch.options.out

    def summary(self, attempt: int) -> BatchSummary:
        options, suite = self.batch.options, self.batch.suite
        return BatchSummary(
            kind="pilot-batch-summary",
            version="1",
            suite_id=suite.id,
            suite_file=input_ref(
                Path(suite.path), Path(self.batch.config.config_dir).parent, suite.sha256
            ).name,
            suite_sha256=suite.sha256,
            mode=options.run.mode,
            samples=options.samples,
            shard=str(options.shard) if options.shard is not None else None,
            attempt=attempt,
            interrupted=self.interrupted,
            exit_code=self.exit_code,
            counts=self.counts,
            runs=self.runs,
        )

    def write_summary(self, extra: dict[str, bytes] | None = None) -> list[Path]:
        """Write ``batch.json`` and ``batch.md`` (and ``extra`` files, name → bytes) into
        the batch folder under the first attempt number free for all of them; never
        overwrites. Signals are held meanwhile, so the records are whole or absent."""
        extra = extra or {}
        stem = summary_stem(self.batch.options.shard)
        names = [f"{stem}.json", f"{stem}.md", *extra]
        with interrupts.deferred():
            attempt = free_attempt(self.out, names)
            summary = self.summary(attempt)
            files = {
                names[0]: summary_json(summary),
                names[1]: summary_markdown(summary).encode("utf-8"),
                **extra,
            }
            return write_attempt_files(self.out, attempt, files)


def prepare_batch(options: BatchOptions) -> PreparedBatch:
    """Load and check everything the batch needs; judge the packs already in its folder."""
    config_dir = options.run.config_dir or find_config_dir()
    config = load_config(config_dir, LAYER_ID)
    suite = load_suite(config_dir, options.suite)
    if suite.layer != LAYER_ID:
        raise ConfigError(
            f"suite {suite.id!r} is for layer {suite.layer}; this pilot runs layer {LAYER_ID}",
            path=Path(suite.path),
        )
    if options.run.clock is not None and options.samples > 1:
        raise UsageError(
            "--clock with more than one sample would give every sample of an entry the same "
            "start time and run id; leave --clock out (replay starts each run at its "
            "fixture's recorded time)"
        )
    if options.out.exists() and not options.out.is_dir():
        raise UsageError(f"--out {options.out} exists and is not a folder")
    items = batch_items(suite, samples=options.samples, shard=options.shard)
    _check_record_folder(options)
    _check_fixtures(options, items)
    if items:
        # What every run shares (network gate, API keys, signing key, clock) fails here,
        # before any run; a run's own fixture is read when it runs, and fails that run alone.
        first = msgspec.structs.replace(items[0].run_options(options), fixture=None)
        plan_run(first, entry=items[0].entry, config=config)

    def plan_of(item: BatchItem) -> RunPlan:
        """The plan of ``item`` as this batch makes it, to compare with a pack found."""
        return _plan(options, config, item).plan

    scan = scan_batch_folder(options.out, items, resume=options.resume, plan_of=plan_of)
    batch = PreparedBatch(options=options, config=config, suite=suite, items=items, scan=scan)
    if batch.pending:
        check_out_dir(options.out / batch.pending[0].pack_name)
    if options.record_to is not None:
        _check_new_fixtures(options.record_to, batch.pending)
    return batch


def _check_record_folder(options: BatchOptions) -> None:
    """A record batch writes one fixture per run into its record folder, named as a replay
    batch reads them; no other batch records anything."""
    record_to = options.record_to
    if options.run.mode != "record":
        if record_to is not None:
            raise UsageError("--record-to goes with --mode record")
        return
    if record_to is None:
        raise UsageError(
            "a record batch needs --record-to DIR, the folder of the fixtures it writes "
            "(<entry>.sample-<n>.json)"
        )
    if record_to.exists() and not record_to.is_dir():
        raise UsageError(f"--record-to {record_to} exists and is not a folder")


def _check_new_fixtures(record_to: Path, pending: tuple[BatchItem, ...]) -> None:
    taken = [item.fixture_name for item in pending if _exists(record_to / item.fixture_name)]
    if taken:
        raise UsageError(
            f"--record-to {record_to} already holds the fixtures {_listed(taken)} of runs "
            "still to make; a fixture is never overwritten: move them, or choose another "
            "--record-to"
        )


def _exists(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _listed(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN])
    more = f" and {len(names) - _SHOWN} more" if len(names) > _SHOWN else ""
    return shown + more


def _check_fixtures(options: BatchOptions, items: tuple[BatchItem, ...]) -> None:
    mode = options.run.mode
    if mode in ("record", "live") and options.fixtures is not None:
        raise UsageError(f"--mode {mode} calls the providers; a batch of it takes no --fixtures")
    if options.fixtures is None:
        if mode == "replay":
            raise UsageError(
                "a replay batch needs --fixtures DIR, the folder of the suite's replay "
                "fixtures (<entry>.sample-<n>.json)"
            )
        return
    if not options.fixtures.is_dir():
        raise UsageError(f"--fixtures {options.fixtures} is not a folder")
    missing = [
        item.fixture_name for item in items if not (options.fixtures / item.fixture_name).is_file()
    ]
    if missing:
        raise ConfigError(
            f"--fixtures {options.fixtures} lacks the fixtures {_listed(missing)} of suite "
            f"{options.suite!r}",
            path=options.fixtures,
        )


async def run_batch(
    batch: PreparedBatch,
    *,
    clients: ClientFactory | None = None,
    session: LiveSession | None = None,
    progress: Progress | None = None,
    stop: Stop | None = None,
    signals: bool = True,
) -> BatchResult:
    """Make every pending run of ``batch``; ``signals`` lets SIGINT, SIGTERM and SIGHUP stop
    it (see the module docstring), ``stop`` is the handle that does (tests use it).

    ``session`` is the live session every live or record run builds its client on; without
    one each such run would open its own, so a network batch is given one
    (:func:`orchestrator.batch.live.open_batch_session`).
    """
    progress = progress or LogProgress()
    stop = stop or Stop()
    records: dict[str, BatchRun] = dict(batch.scan.done)
    pending = batch.pending
    log.info(
        "batch.started",
        suite=batch.suite.id,
        runs=len(batch.items),
        pending=len(pending),
        resumed=len(records),
        concurrency=batch.options.concurrency,
    )
    progress.begin(total=len(batch.items), resumed=len(records))
    try:
        async with anyio.create_task_group() as outer:
            if signals:
                outer.start_soon(_receive_signals, stop)
            await _make_runs(batch, pending, records, clients, session, progress, stop)
            outer.cancel_scope.cancel()
    finally:
        progress.end()
    runs = tuple(
        records[item.pack_name]
        if item.pack_name in records
        else unfinished_run(
            item,
            "NOT_RUN",
            (f"not run: the batch was stopped ({stop.requested})",),
            set_aside=batch.scan.set_aside.get(item.pack_name),
        )
        for item in batch.items
    )
    unmade = any(run.status == "NOT_RUN" for run in runs)
    result = BatchResult(
        batch=batch,
        runs=runs,
        interrupted=stop.requested if unmade else None,
        late_signal=stop.requested if not unmade else None,
    )
    counts = result.counts
    log.info(
        "batch.finished",
        suite=batch.suite.id,
        complete=counts.complete,
        blocked=counts.blocked,
        failed=counts.failed,
        not_run=counts.not_run,
        interrupted=result.interrupted,
    )
    return result


async def _make_runs(
    batch: PreparedBatch,
    pending: tuple[BatchItem, ...],
    records: dict[str, BatchRun],
    clients: ClientFactory | None,
    session: LiveSession | None,
    progress: Progress,
    stop: Stop,
) -> None:
    limiter = anyio.CapacityLimiter(batch.options.concurrency)
    with anyio.CancelScope() as runs, stop.guarding(runs):
        async with anyio.create_task_group() as tg:
            for position, item in enumerate(pending):
                slot = object()
                await limiter.acquire_on_behalf_of(slot)
                if position:
                    interrupts.checkpoint("batch-next-run")
                if stop.requested is not None:
                    limiter.release_on_behalf_of(slot)
                    break
                tg.start_soon(
                    _make_run, batch, item, records, clients, session, progress, limiter, slot
                )


async def _make_run(
    batch: PreparedBatch,
    item: BatchItem,
    records: dict[str, BatchRun],
    clients: ClientFactory | None,
    session: LiveSession | None,
    progress: Progress,
    limiter: anyio.CapacityLimiter,
    slot: object,
) -> None:
    set_aside = batch.scan.set_aside.get(item.pack_name)
    try:
        try:
            # prepare_batch probed the batch folder: each run checks only its own pack name.
            prepared = prepare(
                item.run_options(batch.options),
                entry=item.entry,
                config=batch.config,
                folder_probed=True,
            )
            client = clients(prepared) if clients is not None else None
            result = await conduct(prepared, client, session=session, announce=False)
        except PilotError as exc:
            # Nothing was written: the run failed before it had a pack (a bad fixture, a
            # pack folder taken meanwhile).
            record = unfinished_run(item, "FAILED", (exc.message,), set_aside=set_aside)
        else:
            # Once the pack is built it is written and recorded, even if the batch is being
            # cancelled: a run either has its whole pack and record or neither.
            with anyio.CancelScope(shield=True):
                record = await _write(item, result, set_aside)
        records[item.pack_name] = record
        progress.advance(record)
    finally:
        limiter.release_on_behalf_of(slot)


async def _write(item: BatchItem, result: RunResult, set_aside: str | None) -> BatchRun:
    try:
        # In a worker thread: the pack's fsyncs wait for the disk while other runs compute.
        # No signal can interrupt it there; the batch receives them (see the docstring).
        await anyio.to_thread.run_sync(functools.partial(result.write, announce=False))
    except PilotError as exc:
        return unfinished_run(item, "FAILED", (exc.message,), set_aside=set_aside)
    return run_from_index(item, result.built.files[INDEX], resumed=False, set_aside=set_aside)


async def _receive_signals(stop: Stop) -> None:
    with interrupts.restored(), anyio.open_signal_receiver(*interrupts.SIGNALS) as received:
        async for signum in received:
            stop.request(signum.name)
