"""What a batch runs: its runs in suite order, shards, pack and fixture names, options."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from orchestrator.batch.plan import BatchItem, BatchOptions, Shard, batch_items, pack_name
from orchestrator.core.errors import UsageError
from orchestrator.core.suites import load_suite
from orchestrator.runtime.run import RunOptions
from tests.helpers import PROJECT

SUITE = load_suite(PROJECT / "config", "l2-drift-baseline")


def names(items: tuple[BatchItem, ...]) -> list[str]:
    return [item.pack_name for item in items]


def test_runs_are_in_suite_order_entry_by_entry() -> None:
    """Every entry's samples 0..k-1 follow each other, entries in the suite file's order."""
    assert names(batch_items(SUITE, samples=2))[:4] == [
        "calm.sample-0",
        "calm.sample-1",
        "risk-off-shock.sample-0",
        "risk-off-shock.sample-1",
    ]
    assert len(batch_items(SUITE, samples=3)) == 15


def test_three_shards_cover_the_suite_exactly_once() -> None:
    """Shards 1/3, 2/3 and 3/3 of the shipped suite hold each run once, in turn."""
    shards = [
        names(batch_items(SUITE, samples=1, shard=Shard(index=i, count=3))) for i in (1, 2, 3)
    ]
    assert shards == [
        ["calm.sample-0", "liquidity-squeeze.sample-0"],
        ["risk-off-shock.sample-0", "event-week.sample-0"],
        ["inflation-surprise.sample-0"],
    ]


@given(runs=st.integers(min_value=0, max_value=300), count=st.integers(min_value=1, max_value=40))
def test_any_split_is_a_partition_of_balanced_shards(runs: int, count: int) -> None:
    """For any number of runs and shards: every position in exactly one shard, sizes within 1."""
    held = [
        [p for p in range(runs) if Shard(index=i, count=count).holds(p)]
        for i in range(1, count + 1)
    ]
    assert sorted(p for shard in held for p in shard) == list(range(runs))
    sizes = [len(shard) for shard in held]
    assert max(sizes) - min(sizes) <= 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/3", Shard(index=1, count=3)),
        (" 3/3 ", Shard(index=3, count=3)),
        ("1/1", Shard(index=1, count=1)),
    ],
)
def test_shard_parses_i_of_n(text: str, expected: Shard) -> None:
    """--shard i/n reads as shard i of n, and prints back the same way."""
    assert Shard.parse(text) == expected
    assert str(Shard.parse(text)) == text.strip()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4/3", "the shard number must be between 1 and 3"),
        ("0/3", "the shard number must be between 1 and 3"),
        ("1/0", "the shard number must be between 1 and 0"),
        ("2", "is not of the form i/n"),
        ("a/b", "is not of the form i/n"),
        ("-1/3", "is not of the form i/n"),
    ],
)
def test_bad_shards_are_refused_with_one_sentence(text: str, message: str) -> None:
    """A shard outside 1..n or not of the form i/n is a usage error saying which."""
    with pytest.raises(UsageError, match=message):
        Shard.parse(text)


def test_pack_and_fixture_names_depend_only_on_entry_and_sample(tmp_path: Path) -> None:
    """A run's pack folder and fixture file are named by entry and sample alone."""
    item = BatchItem(entry=SUITE.entry("calm"), sample=2)
    assert item.pack_name == pack_name("calm", 2) == "calm.sample-2"
    assert item.fixture_name == "calm.sample-2.json"
    options = BatchOptions(
        suite=SUITE.id,
        out=tmp_path / "out",
        fixtures=tmp_path / "fx",
        run=RunOptions(clock="2026-01-05T06:00:00+00:00"),
    )
    run = item.run_options(options)
    assert (run.fixture, run.out) == (
        tmp_path / "fx" / "calm.sample-2.json",
        tmp_path / "out" / "calm.sample-2",
    )
    assert run.clock == "2026-01-05T06:00:00+00:00"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"samples": 0}, "--samples must be 1 or more"),
        ({"concurrency": 0}, "--concurrency must be 1 or more"),
        ({"run": RunOptions(out=Path("x"), scenario="s")}, "sets each run's out, scenario itself"),
    ],
)
def test_options_a_batch_cannot_take(changes: dict[str, object], message: str) -> None:
    """Zero samples or concurrency, or a fixed pack folder or scenario for every run, are refused."""
    with pytest.raises(UsageError, match=message):
        BatchOptions(suite="s", out=Path("o"), **changes)  # type: ignore[arg-type]
