"""The drift suite's CI fixtures: remade byte for byte, and answering exactly the suite's prompts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from clients.replay import ReplayClient
from clients.transcripts import load_transcript
from orchestrator.core.config import load_config
from orchestrator.core.suites import load_suite, replay_fixture_name
from orchestrator.runtime.plan import proposer_request
from scripts.make_drift_fixtures import make_drift_fixtures
from tests.helpers import FIXTURES, PROJECT

DRIFT_FIXTURES = FIXTURES / "drift"


def test_fixtures_are_remade_byte_for_byte(tmp_path: Path) -> None:
    """The generator writes exactly the bundled files, with exactly their bytes."""
    written = make_drift_fixtures(tmp_path, PROJECT / "config")
    made = {p.relative_to(tmp_path): p.read_bytes() for p in written}
    bundled = {
        p.relative_to(DRIFT_FIXTURES): p.read_bytes()
        for p in DRIFT_FIXTURES.rglob("*")
        if p.is_file()
    }
    assert sorted(made) == sorted(bundled)
    assert [name for name in made if made[name] != bundled[name]] == []
    assert len(made) == 5 * 3 + 5


def test_generator_runs_as_a_documented_command(tmp_path: Path) -> None:
    """`python scripts/make_drift_fixtures.py OUT` lists what it wrote and exits 0."""
    result = subprocess.run(
        [sys.executable, "scripts/make_drift_fixtures.py", str(tmp_path / "out")],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 20
    assert (tmp_path / "out" / "l2-drift-baseline" / "week-2" / "calm.sample-0.json").is_file()


def test_every_fixture_answers_its_entrys_proposer_prompt() -> None:
    """Replay of each suite entry finds its proposer request in each of the entry's fixtures."""
    suite = load_suite(PROJECT / "config", "l2-drift-baseline")
    proposer = load_config(PROJECT / "config").registry.model("gpt-5.2-pro")
    root = DRIFT_FIXTURES / "l2-drift-baseline"
    for entry in suite.entries:
        request, _ = proposer_request(entry.scenario, proposer)
        sets = [("baseline", n) for n in range(3)] + [("week-2", 0)]
        for folder, n in sets:
            transcript = load_transcript(root / folder / replay_fixture_name(entry.id, n))
            assert transcript.scenario == entry.scenario.id
            assert ReplayClient(transcript).covers(request, role="proposer"), (entry.id, folder, n)
