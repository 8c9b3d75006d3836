"""What a batch will run: its options, the runs of a suite, shards, and pack folder names.

A batch runs every entry of a suite ``samples`` times. Its runs, in **suite order** (entry
by entry, samples 0 to k-1 within an entry), are the unit of everything else:

- each run's pack is the folder ``<entry>.sample-<n>`` in the batch folder (``--out``), and in
  replay its fixture is ``<entry>.sample-<n>.json`` in the fixture folder (``--fixtures``),
  the very name a record batch writes it under in its record folder (``--record-to``): the
  names depend on nothing but the entry and the sample, so a resumed batch finds the packs
  it wrote, and a recorded batch replays from its record folder;
- shard ``i/n`` holds the runs at positions ``p`` (from 0) with ``p mod n = i - 1``: the
  shards ``1/n`` to ``n/n`` hold every run exactly once, their sizes differ by one at most,
  and any machine computes the same split from the same suite file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import msgspec

from orchestrator.core.errors import UsageError
from orchestrator.core.patterns import lazy_pattern
from orchestrator.core.suites import ResolvedEntry, Suite, replay_fixture_name
from orchestrator.runtime.run import RunOptions

__all__ = [
    "DEFAULT_CONCURRENCY",
    "BatchItem",
    "BatchOptions",
    "Shard",
    "batch_items",
    "pack_name",
]

# Replay is CPU-bound with a disk wait (fsync) per pack; a few runs in flight hide the wait.
DEFAULT_CONCURRENCY: Final = 8
_SHARD: Final = lazy_pattern(r"(\d{1,6})/(\d{1,6})")


class Shard(msgspec.Struct, frozen=True, kw_only=True):
    """Shard ``index`` of ``count`` (1-based): see the module docstring for the split."""

    index: int
    count: int

    def __post_init__(self) -> None:
        if not 1 <= self.index <= self.count:
            raise UsageError(
                f"shard {self.index}/{self.count}: the shard number must be between 1 and "
                f"{self.count}"
            )

    @classmethod
    def parse(cls, text: str) -> Shard:
        """``"i/n"``, as ``--shard`` takes it."""
        match = _SHARD.fullmatch(text.strip())
        if match is None:
            raise UsageError(f"shard {text!r} is not of the form i/n (for example 2/3)")
        return cls(index=int(match[1]), count=int(match[2]))

    def __str__(self) -> str:
        return f"{self.index}/{self.count}"

    def holds(self, position: int) -> bool:
        return position % self.count == self.index - 1


class BatchOptions(msgspec.Struct, frozen=True, kw_only=True):
    """A batch: which suite, how many samples, where packs go, and how each run is made.

    ``run`` holds every option of the single runs (mode, clock, config folder, deadline,
    signing key, network gate) with the defaults of :class:`RunOptions`, the one place of
    run defaults; its ``fixture``, ``out``, ``scenario`` and ``record_to`` are set per run
    by the batch (``record_to``: the run's fixture in the batch's record folder).
    """

    suite: str
    out: Path
    fixtures: Path | None = None
    record_to: Path | None = None
    samples: int = 1
    shard: Shard | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    resume: bool = False
    run: RunOptions = RunOptions()

    def __post_init__(self) -> None:
        if self.samples < 1:
            raise UsageError(f"--samples must be 1 or more, not {self.samples}")
        if self.concurrency < 1:
            raise UsageError(f"--concurrency must be 1 or more, not {self.concurrency}")
        taken = [
            name
            for name, value in (
                ("fixture", self.run.fixture),
                ("out", self.run.out),
                ("scenario", self.run.scenario),
                ("record_to", self.run.record_to),
            )
            if value is not None
        ]
        if taken:
            raise UsageError(
                f"a batch sets each run's {', '.join(taken)} itself; leave them out of its "
                "run options"
            )


class BatchItem(msgspec.Struct, frozen=True, kw_only=True):
    """One run of a batch: a suite entry and the number of its sample."""

    entry: ResolvedEntry
    sample: int

    @property
    def pack_name(self) -> str:
        return pack_name(self.entry.id, self.sample)

    @property
    def fixture_name(self) -> str:
        return replay_fixture_name(self.entry.id, self.sample)

    def run_options(self, options: BatchOptions) -> RunOptions:
        """The options of this run: the batch's, with its own fixture, pack folder and, in a
        record batch, the fixture it records."""
        fixture = options.fixtures / self.fixture_name if options.fixtures is not None else None
        record_to = options.record_to / self.fixture_name if options.record_to else None
        return msgspec.structs.replace(
            options.run, fixture=fixture, out=options.out / self.pack_name, record_to=record_to
        )


def pack_name(entry_id: str, sample: int) -> str:
    """The pack folder of sample ``sample`` (from 0) of entry ``entry_id`` in a batch folder."""
    return f"{entry_id}.sample-{sample}"


def batch_items(suite: Suite, *, samples: int, shard: Shard | None = None) -> tuple[BatchItem, ...]:
    """The runs of the suite in suite order, only those of ``shard`` when one is given."""
    every = [
        BatchItem(entry=entry, sample=sample)
        for entry in suite.entries
        for sample in range(samples)
    ]
    if shard is None:
        return tuple(every)
    return tuple(item for position, item in enumerate(every) if shard.holds(position))
