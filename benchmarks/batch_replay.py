"""A batch of replay runs of one suite in one process: runs per second and peak RSS.

The issue asks for at least 200 runs/s on a 2-core machine with every policy and every pack
on, and a peak RSS that stays flat as the batch grows (reported at 100 and 1,000 runs).

Setup, not timed: replay fixtures for the shipped suite ``l2-drift-baseline`` with
RUNS / 5 samples per entry, recorded by the deterministic fake model the way
``scripts/make_drift_fixtures.py`` records the CI fixtures (sample n in wording n mod 4,
recorded n minutes after 2026-01-05T06:00Z, so every run has its own run id).

Measured, each size in a fresh process so that its peak RSS is its own: a batch of 100
runs and one of RUNS (default 1,000) exactly as ``pilot batch`` makes it (prepare_batch,
run_batch with its per-run log event, batch.json and batch.md written), packs written
under ``--dir`` (default: a temporary folder; pass a tmpfs such as /dev/shm to take the
disk's fsync out of the figure). Prints ``runs``, ``seconds``, ``runs_per_s`` and
``peak_rss_mib`` per size; ``--profile [tottime|cumulative]`` adds the cProfile top entries of the big batch
(the pack writes run in worker threads, so the disk shows as the event loop's wait).

Run: ``uv run python benchmarks/batch_replay.py [RUNS] [--concurrency N] [--dir DIR]
[--profile [tottime|cumulative]]``.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import logging
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

import anyio
import structlog

from clients.fake import FakeModelClient
from clients.transcripts import write_transcript
from orchestrator.batch import BatchOptions, prepare_batch, run_batch
from orchestrator.batch.plan import DEFAULT_CONCURRENCY
from orchestrator.core.config import load_config
from orchestrator.core.resources import find_config_dir
from orchestrator.core.suites import load_suite, replay_fixture_name
from orchestrator.runtime.fake_fixture import record_fake_transcript

SUITE: Final = "l2-drift-baseline"
RECORDED: Final = datetime.fromisoformat("2026-01-05T06:00:00+00:00")
WORDINGS: Final = 4
SMALL: Final = 100


def make_fixtures(folder: Path, samples: int) -> None:
    config_dir = find_config_dir()
    config = load_config(config_dir)
    suite = load_suite(config_dir, SUITE)
    for entry in suite.entries:
        for n in range(samples):
            transcript = record_fake_transcript(
                config=config,
                scenario=entry.scenario,
                model=FakeModelClient(sample=n % WORDINGS),
                clock=(RECORDED + timedelta(minutes=n)).isoformat(),
                transcript_id=f"bench-{entry.id}-{n}",
            )
            write_transcript(folder / replay_fixture_name(entry.id, n), transcript)


def measure(fixtures: Path, out: Path, runs: int, concurrency: int, profile: str | None) -> None:
    """One batch in this process; prints its figures."""
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.WARNING))
    options = BatchOptions(
        suite=SUITE, out=out, fixtures=fixtures, samples=runs // 5, concurrency=concurrency
    )
    profiler = cProfile.Profile() if profile is not None else None
    start = time.perf_counter()
    if profiler is not None:
        profiler.enable()
    batch = prepare_batch(options)
    result = anyio.run(lambda: run_batch(batch, signals=False))
    result.write_summary()
    if profiler is not None:
        profiler.disable()
    seconds = time.perf_counter() - start
    assert result.exit_code == 0, result.counts
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"runs={len(result.runs)} seconds={seconds:.2f} runs_per_s={len(result.runs) / seconds:.1f} "
        f"peak_rss_mib={peak_mib:.0f}"
    )
    if profiler is not None and profile is not None:
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats(profile).print_stats(25)
        print(text.getvalue())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    parser.add_argument("--dir", type=Path, default=None)
    parser.add_argument(
        "--profile", nargs="?", const="tottime", choices=("tottime", "cumulative"), default=None
    )
    parser.add_argument("--child", nargs=2, type=Path, metavar=("FIXTURES", "OUT"))
    args = parser.parse_args()
    if args.child is not None:
        fixtures, out = args.child
        measure(fixtures, out, args.runs, args.concurrency, args.profile)
        return
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        fixtures = Path(tmp) / "fixtures"
        fixtures.mkdir()
        start = time.perf_counter()
        make_fixtures(fixtures, args.runs // 5)
        print(f"setup: {args.runs} fixtures in {time.perf_counter() - start:.1f} s")
        print(f"concurrency={args.concurrency} cores=2 packs_under={tmp}")
        for runs in (SMALL, args.runs):
            command = [sys.executable, __file__, str(runs), "--concurrency", str(args.concurrency)]
            if args.profile is not None and runs == args.runs:
                command += ["--profile", args.profile]
            command += ["--child", str(fixtures), str(Path(tmp) / f"batch-{runs}")]
            subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
