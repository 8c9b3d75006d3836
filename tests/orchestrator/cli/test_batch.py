"""`pilot batch` and `pilot drift baseline|check` in-process: exit codes, summaries, files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orchestrator.evidence.verify import verify_path
from tests.helpers import CliResult, Pilot
from tests.orchestrator.batch.factories import DRIFT, ENTRIES, SUITE, mixed_suite


def drift(
    pilot: Pilot, command: str, baseline: Path, out: Path, fixtures: Path, *extra: str | Path
) -> CliResult:
    """`pilot drift COMMAND` of the shipped suite."""
    return pilot(
        "drift", command, SUITE, "--baseline", baseline, "--out", out, "--fixtures", fixtures,
        *extra,
    )  # fmt: skip


def one_sample_baseline(pilot: Pilot, tmp_path: Path) -> Path:
    """A baseline of one sample per entry, from the CI fixtures, at ``tmp_path/baseline.json``."""
    baseline = tmp_path / "baseline.json"
    made = drift(
        pilot, "baseline", baseline, tmp_path / "day-1", DRIFT / "baseline", "--samples", "1"
    )
    assert made.code == 0, made.err
    return baseline


def test_batch_of_the_drift_suite(pilot: Pilot, tmp_path: Path) -> None:
    """`pilot batch`: exit 0, the counts and summary files on stdout, five verifying packs."""
    out = tmp_path / "out"
    result = pilot("batch", SUITE, "--out", out, "--fixtures", DRIFT / "baseline")
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"suite: {SUITE}",
        "runs: 5: 5 complete, 0 blocked, 0 failed, 0 not run (0 resumed)",
        f"folder: {out}",
        f"summary: {out / 'batch.json'}",
        f"summary: {out / 'batch.md'}",
    ]
    assert verify_path(out).ok
    summary = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert [(r["entry_id"], r["status"], r["pack"]) for r in summary["runs"]] == [
        (e, "COMPLETE", f"{e}.sample-0") for e in ENTRIES
    ]
    assert summary["suite_file"] == "config/suites/l2-drift-baseline.toml"


def test_a_shard_runs_its_part_and_names_its_summary(pilot: Pilot, tmp_path: Path) -> None:
    """`--shard 2/3`: two runs, the summary batch-shard-2-of-3.json."""
    out = tmp_path / "out"
    result = pilot("batch", SUITE, "--out", out, "--fixtures", DRIFT / "baseline", "--shard", "2/3")
    assert result.code == 0, result.err
    assert result.out.splitlines()[:2] == [
        f"suite: {SUITE} (shard 2/3)",
        "runs: 2: 2 complete, 0 blocked, 0 failed, 0 not run (0 resumed)",
    ]
    assert sorted(p.name for p in out.iterdir()) == [
        "batch-shard-2-of-3.json",
        "batch-shard-2-of-3.md",
        "event-week.sample-0",
        "risk-off-shock.sample-0",
    ]


def test_a_blocked_run_exits_2_and_says_why(pilot: Pilot, config_dir: Path, tmp_path: Path) -> None:
    """A suite with a blocked run: exit 2, the blocked pack and its reason on stdout."""
    fixtures = tmp_path / "fixtures"
    suite = mixed_suite(config_dir, fixtures)
    result = pilot(
        "batch",
        suite,
        "--out",
        tmp_path / "out",
        "--fixtures",
        fixtures,
        "--config-dir",
        config_dir,
    )
    assert result.code == 2, result.err
    blocked = [line for line in result.out.splitlines() if line.startswith("BLOCKED ")]
    assert len(blocked) == 1
    assert blocked[0].startswith("BLOCKED blocked.sample-0: ")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--shard", "4/3"],
            "Invalid value for --shard: shard 4/3: the shard number must be between 1 and 3",
        ),
        (["--shard", "two"], "Invalid value for --shard: shard 'two' is not of the form i/n"),
        (["--samples", "0"], "--samples"),
        (["--concurrency", "0"], "--concurrency"),
    ],
)
def test_bad_options_exit_1_before_anything_runs(
    pilot: Pilot, tmp_path: Path, args: list[str], message: str
) -> None:
    """Bad shard, samples, concurrency or fixtures: exit 1, one sentence, nothing created."""
    out = tmp_path / "out"
    result = pilot("batch", SUITE, "--out", out, "--fixtures", DRIFT / "baseline", *args)
    assert result.code == 1
    assert message in result.err
    assert "Traceback" not in result.err
    assert not out.exists()


def test_replay_needs_fixtures_and_a_folder(pilot: Pilot, tmp_path: Path) -> None:
    """Without --fixtures in replay, with a --fixtures that is no folder, or without --out:
    exit 1 naming what is wrong."""
    result = pilot("batch", SUITE, "--out", tmp_path / "out")
    assert (result.code, result.err.strip()) == (
        1,
        (
            "pilot: a replay batch needs --fixtures DIR, the folder of the suite's replay "
            "fixtures (<entry>.sample-<n>.json)"
        ),
    )
    missing = pilot("batch", SUITE, "--out", tmp_path / "out", "--fixtures", tmp_path / "none")
    assert (missing.code, missing.err.strip()) == (
        1,
        f"pilot: --fixtures {tmp_path / 'none'} is not a folder",
    )
    no_out = pilot("batch", SUITE, "--fixtures", DRIFT / "baseline")
    assert no_out.code == 1
    assert "--out" in no_out.err


def test_drift_baseline_then_check(pilot: Pilot, tmp_path: Path) -> None:
    """Replay only: a baseline of three samples; week 2 exits 4 flagging exactly
    inflation-surprise and reporting calm's fingerprint; the baseline's own runs exit 0."""
    baseline = tmp_path / "baseline.json"
    made = drift(
        pilot, "baseline", baseline, tmp_path / "day-1", DRIFT / "baseline", "--samples", "3"
    )
    assert made.code == 0, made.err
    assert f"baseline: {baseline}" in made.out
    assert "created: 2026-01-05T06:02:00+00:00, 5 entries, 3 samples each" in made.out

    week_2 = tmp_path / "week-2"
    checked = drift(pilot, "check", baseline, week_2, DRIFT / "week-2")
    assert checked.code == 4, checked.err
    lines = checked.out.splitlines()
    assert "drift: FLAGGED, 1 of 5 scenarios" in lines
    assert [line for line in lines if line.startswith("flagged:")] == [
        "flagged: inflation-surprise (token_distance, structure)"
    ]
    assert [line for line in lines if line.startswith("model change:")] == [
        "model change: calm system_fingerprint fake-fp-1 -> fake-fp-2"
    ]
    assert [line for line in lines if line.startswith("report:")] == [
        f"report: {week_2 / name}"
        for name in ("drift_report.json", "drift_report.md", "drift_report.html")
    ]
    report = json.loads((week_2 / "drift_report.json").read_text(encoding="utf-8"))
    assert (report["flagged_count"], report["checked_at"]) == (1, "2026-01-12T06:00:00+00:00")
    html = (week_2 / "drift_report.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
    assert "<script" not in html

    again = drift(pilot, "check", baseline, tmp_path / "again", DRIFT / "baseline")
    assert again.code == 0, again.err
    assert "drift: none of 5 scenarios flagged" in again.out


def test_drift_check_resumed_numbers_its_reports(pilot: Pilot, tmp_path: Path) -> None:
    """A check resumed on a folder it completed reads the same verified packs and writes its
    records as attempt 2, leaving attempt 1's untouched."""
    baseline = one_sample_baseline(pilot, tmp_path)
    assert drift(pilot, "check", baseline, tmp_path / "w", DRIFT / "week-2").code == 4
    first = (tmp_path / "w" / "drift_report.json").read_bytes()
    again = drift(pilot, "check", baseline, tmp_path / "w", DRIFT / "week-2", "--resume")
    assert again.code == 4, again.err
    assert "runs: 5: 5 complete, 0 blocked, 0 failed, 0 not run (5 resumed)" in again.out
    assert (tmp_path / "w" / "drift_report.2.json").read_bytes() == first
    assert (tmp_path / "w" / "drift_report.json").read_bytes() == first


def test_drift_baseline_is_never_overwritten(pilot: Pilot, tmp_path: Path) -> None:
    """An existing --baseline file: exit 1 before any run, the file untouched."""
    baseline = tmp_path / "baseline.json"
    baseline.write_text("mine", encoding="utf-8")
    result = drift(pilot, "baseline", baseline, tmp_path / "out", DRIFT / "baseline")
    assert result.code == 1
    assert "already exists; a baseline is never overwritten" in result.err
    assert baseline.read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "out").exists()


def test_drift_baseline_needs_every_run_complete(
    pilot: Pilot, config_dir: Path, tmp_path: Path
) -> None:
    """A blocked run: no baseline is written, exit 2, the entry named."""
    fixtures = tmp_path / "fixtures"
    suite = mixed_suite(config_dir, fixtures)
    baseline = tmp_path / "baseline.json"
    result = pilot(
        "drift", "baseline", suite, "--baseline", baseline, "--samples", "1",
        "--out", tmp_path / "out", "--fixtures", fixtures, "--config-dir", config_dir,
    )  # fmt: skip
    assert result.code == 2, result.err
    assert "no baseline written: blocked: sample 0 ended BLOCKED: " in result.out
    assert not baseline.exists()


def test_drift_check_refuses_an_edited_baseline(pilot: Pilot, tmp_path: Path) -> None:
    """A baseline edited after it was written: exit 5 before any run."""
    baseline = one_sample_baseline(pilot, tmp_path)
    data = baseline.read_text(encoding="utf-8")
    baseline.chmod(0o644)
    baseline.write_text(data.replace('"created_at": "', '"created_at": "1'), encoding="utf-8")
    result = drift(pilot, "check", baseline, tmp_path / "w", DRIFT / "week-2")
    assert result.code == 5
    assert "has been edited" in result.err
    assert not (tmp_path / "w").exists()
