"""Make the drift suite's replay fixtures with the deterministic local fake model.

Run from the checkout: ``uv run python scripts/make_drift_fixtures.py [OUT]`` (default
``fixtures/drift``; every file it writes must not exist yet). The output is byte for byte
the same on every machine; ``tests/drift/test_ci_fixtures.py`` regenerates and compares it.

For the suite ``config/suites/l2-drift-baseline.toml`` it writes, as
``<OUT>/l2-drift-baseline/<set>/<entry>.sample-<n>.json``:

- ``baseline/``: three samples of every entry (n = 0, 1, 2), recorded a minute apart from
  2026-01-05T06:00Z; the fake model's ``sample`` rewords the prose and keeps the structure,
  which gives the baseline its noise floor;
- ``week-2/``: one run of every entry (n = 0), recorded 2026-01-12T06:00Z in a fourth wording
  (``sample`` 3, unseen in the baseline), where ``inflation-surprise`` is answered by the
  ``drifted`` model (another regime, a changed trigger) and ``calm`` by a model reporting
  ``system_fingerprint`` ``fake-fp-2`` and nothing else changed.

A drift check of week 2 against a baseline of the first set flags exactly
``inflation-surprise`` and reports the fingerprint of ``calm``.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Final

from clients.fake import FakeModelClient
from clients.transcripts import write_transcript
from orchestrator.core.config import load_config
from orchestrator.core.resources import find_config_dir
from orchestrator.core.suites import load_suite, replay_fixture_name
from orchestrator.runtime.fake_fixture import record_fake_transcript

SUITE: Final = "l2-drift-baseline"
BASELINE_SAMPLES: Final = 3
BASELINE_AT: Final = datetime.fromisoformat("2026-01-05T06:00:00+00:00")
WEEK_2_AT: Final = datetime.fromisoformat("2026-01-12T06:00:00+00:00")
WEEK_2_SAMPLE: Final = 3
DRIFTING: Final = "inflation-surprise"
NEW_FINGERPRINT: Final = {"calm": "fake-fp-2"}


def make_drift_fixtures(out: Path, config_dir: Path) -> list[Path]:
    """Write both fixture sets under ``out``; returns the files written, in order."""
    config = load_config(config_dir)
    suite = load_suite(config_dir, SUITE)
    written: list[Path] = []

    def write(folder: str, entry_id: str, n: int, model: FakeModelClient, at: datetime) -> None:
        resolved = suite.entry(entry_id)
        path = out / SUITE / folder / replay_fixture_name(entry_id, n)
        path.parent.mkdir(parents=True, exist_ok=True)
        transcript = record_fake_transcript(
            config=config,
            scenario=resolved.scenario,
            model=model,
            clock=at.isoformat(),
            transcript_id=f"{SUITE}-{folder}-{entry_id}-{n}",
        )
        write_transcript(path, transcript)
        written.append(path)

    for entry in suite.entries:
        for n in range(BASELINE_SAMPLES):
            at = BASELINE_AT + timedelta(minutes=n)
            write("baseline", entry.id, n, FakeModelClient(sample=n), at)
        week_2 = FakeModelClient(
            "drifted" if entry.id == DRIFTING else "normal",
            sample=WEEK_2_SAMPLE,
            system_fingerprint=NEW_FINGERPRINT.get(entry.id, "fake-fp-1"),
        )
        write("week-2", entry.id, 0, week_2, WEEK_2_AT)
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[0]) if argv else Path("fixtures/drift")
    for path in make_drift_fixtures(out, find_config_dir()):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
