"""Drift on top of a batch: observations from verified packs, the batch's time, incomplete runs."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from orchestrator.batch import BatchOptions, BatchResult, prepare_batch, run_batch
from orchestrator.batch.drift import (
    batch_instant,
    check_new_baseline_path,
    compare_with_baseline,
    load_suite_baseline,
    observe,
    take_baseline,
)
from orchestrator.core.clock import FixedClock
from orchestrator.core.errors import IntegrityError, UsageError
from orchestrator.drift import write_baseline
from orchestrator.runtime.run import RunOptions
from tests.orchestrator.batch.factories import DRIFT, ENTRIES, SUITE

pytestmark = pytest.mark.anyio


async def batch(out: Path, fixtures: Path = DRIFT / "baseline", **changes: Any) -> BatchResult:
    options = BatchOptions(suite=SUITE, out=out, fixtures=fixtures, **changes)
    return await run_batch(prepare_batch(options), signals=False)


async def test_baseline_and_check_from_the_ci_fixtures(tmp_path: Path) -> None:
    """Three samples per entry make the baseline; week 2 flags only inflation-surprise and
    reports calm's new fingerprint; a re-run of the baseline's own fixtures flags nothing."""
    day_1 = await batch(tmp_path / "day-1", samples=3)
    taken = take_baseline(day_1, observe(day_1), created_at=batch_instant(day_1))
    assert taken.created_at == "2026-01-05T06:02:00+00:00"
    assert [len(e.samples) for e in taken.entries] == [3] * 5
    week_2 = await batch(tmp_path / "week-2", DRIFT / "week-2")
    report = compare_with_baseline(week_2, observe(week_2), taken, checked_at=batch_instant(week_2))
    assert report.checked_at == "2026-01-12T06:00:00+00:00"
    assert [s.entry_id for s in report.scenarios if s.status == "flagged"] == ["inflation-surprise"]
    assert [(s.entry_id, c.current) for s in report.scenarios for c in s.model_changes] == [
        ("calm", "fake-fp-2")
    ]
    again = await batch(tmp_path / "again")
    same = compare_with_baseline(again, observe(again), taken, checked_at=batch_instant(again))
    assert not same.flagged
    assert same.model_change_count == 0


async def test_an_entry_without_a_complete_run_is_unavailable(tmp_path: Path) -> None:
    """A run that failed makes its entry unavailable: no baseline can be taken, and a check
    flags the entry no_run with the run's reason."""
    fixtures = tmp_path / "fixtures"
    shutil.copytree(DRIFT / "baseline", fixtures)
    broken = fixtures / "calm.sample-0.json"
    broken.chmod(0o644)
    broken.write_text("{}", encoding="utf-8")
    result = await batch(tmp_path / "out", fixtures)
    observed = observe(result)
    assert list(observed.unavailable) == ["calm"]
    assert observed.unavailable["calm"].startswith("sample 0 ended FAILED: fixture ")
    with pytest.raises(UsageError, match="a baseline needs a complete run of every sample"):
        take_baseline(result, observed, created_at="2026-01-05T06:00:00+00:00")
    day_1 = await batch(tmp_path / "day-1")
    taken = take_baseline(day_1, observe(day_1), created_at="2026-01-05T06:00:00+00:00")
    report = compare_with_baseline(result, observed, taken, checked_at="2026-01-12T06:00:00+00:00")
    calm = report.scenarios[0]
    assert (calm.entry_id, calm.status, calm.flags[0].code) == ("calm", "flagged", "no_run")
    assert "sample 0 ended FAILED" in calm.flags[0].detail


async def test_a_pack_changed_after_its_run_is_not_read(tmp_path: Path) -> None:
    """Observations come only from packs that verify: an edited one is an integrity error."""
    result = await batch(tmp_path / "out")
    edited = tmp_path / "out" / "event-week.sample-0" / "critic_output.json"
    edited.chmod(0o644)
    edited.write_text("{}", encoding="utf-8")
    with pytest.raises(
        IntegrityError, match=r"event-week\.sample-0 does not verify: critic_output"
    ):
        observe(result)


async def test_the_batch_time(tmp_path: Path) -> None:
    """--clock when given; in replay and dry mode the latest run start; without any run
    start (every run failed) the injected clock."""
    replayed = await batch(tmp_path / "a", samples=2)
    assert batch_instant(replayed) == "2026-01-05T06:01:00+00:00"
    fixed = await batch(tmp_path / "b", run=RunOptions(clock="2026-03-01T09:30:00+01:00"))
    assert batch_instant(fixed) == "2026-03-01T08:30:00+00:00"
    dry = await batch(tmp_path / "c", run=RunOptions(mode="dry"))
    later = FixedClock(datetime(2026, 4, 1, tzinfo=UTC))
    assert batch_instant(dry, later) == "2026-01-05T06:00:00+00:00"
    fixtures = tmp_path / "broken"
    fixtures.mkdir()
    for entry in ENTRIES:
        (fixtures / f"{entry}.sample-0.json").write_text("{}", encoding="utf-8")
    failed = await batch(tmp_path / "d", fixtures)
    assert {run.status for run in failed.runs} == {"FAILED"}
    assert batch_instant(failed, later) == "2026-04-01T00:00:00+00:00"


async def test_baseline_files_are_new_and_of_the_suite(tmp_path: Path) -> None:
    """A baseline path that exists or lies in a missing folder is refused before any run; a
    baseline of another suite is refused by the check."""
    result = await batch(tmp_path / "out")
    path = tmp_path / "baseline.json"
    check_new_baseline_path(path)
    write_baseline(path, take_baseline(result, observe(result), created_at="2026-01-05"))
    with pytest.raises(UsageError, match="already exists; a baseline is never overwritten"):
        check_new_baseline_path(path)
    with pytest.raises(UsageError, match="does not exist"):
        check_new_baseline_path(tmp_path / "missing" / "baseline.json")
    assert load_suite_baseline(path, SUITE).suite_id == SUITE
    with pytest.raises(UsageError, match="is a baseline of suite 'l2-drift-baseline', not 'other'"):
        load_suite_baseline(path, "other")
