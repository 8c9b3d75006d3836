"""The CI fixtures replayed as governed runs of the suite's entries: COMPLETE packs, read
back for the drift check."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestrator.core.suites import load_suite, replay_fixture_name
from orchestrator.drift import Observation, build_baseline, check_drift, read_observation
from orchestrator.runtime.run import RunOptions, execute, prepare
from tests.helpers import PROJECT
from tests.orchestrator.drift.factories import DRIFT_FIXTURES, ENTRIES

pytestmark = pytest.mark.anyio

SUITE = load_suite(PROJECT / "config", "l2-drift-baseline")


async def replay(folder: str, sample: int, out: Path) -> dict[str, Observation]:
    observations = {}
    for entry_id in ENTRIES:
        fixture = DRIFT_FIXTURES / folder / replay_fixture_name(entry_id, sample)
        pack = out / f"{folder}-{entry_id}-{sample}"
        options = RunOptions(fixture=fixture, out=pack)
        result = await execute(prepare(options, entry=SUITE.entry(entry_id)))
        assert (entry_id, result.outcome.status) == (entry_id, "COMPLETE")
        observations[entry_id] = read_observation(pack, entry_id=entry_id)
    return observations


async def test_baseline_and_week_2_from_replayed_packs(tmp_path: Path) -> None:
    """Fifteen baseline packs and five week-2 packs: only the drifting entry is flagged."""
    samples = [await replay("baseline", n, tmp_path) for n in range(3)]
    baseline = build_baseline(
        suite_id=SUITE.id,
        suite_sha256=SUITE.sha256,
        created_at="2026-01-05T06:00:00+00:00",
        samples={e: [s[e] for s in samples] for e in ENTRIES},
    )
    assert len({s.pack_id for e in baseline.entries for s in e.samples}) == 15
    report = check_drift(
        baseline,
        await replay("week-2", 0, tmp_path),
        suite_sha256=SUITE.sha256,
        checked_at="2026-01-12T06:00:00+00:00",
    )
    assert [s.entry_id for s in report.scenarios if s.status == "flagged"] == ["inflation-surprise"]
    assert [s.entry_id for s in report.scenarios if s.model_changes] == ["calm"]
