"""The CI fixtures replayed as governed runs: COMPLETE packs, read back for the drift check.

Until ``pilot batch`` runs suite entries, the test hands the runtime each entry's resolved
scenario in place of the scenario file of the same id (the one seam it patches).
"""

from __future__ import annotations

from pathlib import Path

import pytest

import orchestrator.runtime.run
from orchestrator.core.config import ScenarioConfig
from orchestrator.core.suites import load_suite, replay_fixture_name
from orchestrator.drift import Observation, build_baseline, check_drift, read_observation
from orchestrator.runtime.run import RunOptions, execute, prepare
from tests.helpers import PROJECT
from tests.orchestrator.drift.factories import DRIFT_FIXTURES, ENTRIES

pytestmark = pytest.mark.anyio

SUITE = load_suite(PROJECT / "config", "l2-drift-baseline")


@pytest.fixture
def entry_scenarios(monkeypatch: pytest.MonkeyPatch) -> None:
    """The runtime loads a suite entry's resolved scenario for its scenario id."""
    by_scenario = {entry.scenario.id: entry.scenario for entry in SUITE.entries}

    def load_scenario(config_dir: Path, scenario_id: str) -> ScenarioConfig:
        return by_scenario[scenario_id]

    monkeypatch.setattr(orchestrator.runtime.run, "load_scenario", load_scenario)


async def replay(folder: str, sample: int, out: Path) -> dict[str, Observation]:
    observations = {}
    for entry_id in ENTRIES:
        fixture = DRIFT_FIXTURES / folder / replay_fixture_name(entry_id, sample)
        pack = out / f"{folder}-{entry_id}-{sample}"
        result = await execute(prepare(RunOptions(fixture=fixture, out=pack)))
        assert (entry_id, result.outcome.status) == (entry_id, "COMPLETE")
        observations[entry_id] = read_observation(pack, entry_id=entry_id)
    return observations


@pytest.mark.usefixtures("entry_scenarios")
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
