"""Signals against the real ``pilot batch``: finished packs stay whole, resume does the rest.

Each test stops the installed script at a checkpoint (``PILOT_TEST_PAUSE``), sends its
signal(s), releases it, and then completes the batch with ``--resume``.
"""

from __future__ import annotations

import json
import signal
import subprocess
from pathlib import Path

import pytest

from orchestrator.evidence.verify import verify_pack, verify_path
from tests.helpers import PILOT, Paused, finish, leftovers, paused
from tests.orchestrator.batch.factories import DRIFT, SUITE

RUNS = 10  # five entries, two samples


def batch_args(out: Path, *extra: str) -> list[str]:
    return [
        "batch", SUITE, "--out", str(out), "--fixtures", str(DRIFT / "baseline"),
        "--samples", "2", "--log-format", "json", *extra,
    ]  # fmt: skip


def paused_batch(out: Path, checkpoint: str, *extra: str) -> Paused:
    return paused(batch_args(out, *extra), checkpoint)


def packs(out: Path) -> list[Path]:
    return sorted(p for p in out.iterdir() if p.is_dir())


def assert_resume_completes(out: Path, made: int) -> None:
    """``--resume`` makes exactly the missing runs; every pack then verifies."""
    done = subprocess.run(
        [str(PILOT), *batch_args(out, "--resume")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(packs(out)) == RUNS
    assert verify_path(out).ok
    summary = json.loads((out / "batch.2.json").read_text(encoding="utf-8"))
    assert summary["counts"]["resumed"] == made
    assert summary["counts"]["complete"] == RUNS


@pytest.mark.parametrize("sent", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=str)
def test_a_signal_between_runs_stops_the_batch(tmp_path: Path, sent: signal.Signals) -> None:
    """Signalled between two runs: no new run starts, exit 130, the packs written verify, no
    temporary folder is left, the summary says interrupted; --resume completes the batch."""
    out = tmp_path / "out"
    code, stdout, stderr = finish(paused_batch(out, "batch-next-run", "--concurrency", "1"), [sent])
    assert code == 130, stderr
    assert "Traceback" not in stderr
    made = packs(out)
    assert 1 <= len(made) < RUNS
    assert all(verify_pack(pack).ok for pack in made)
    assert leftovers(tmp_path) == []
    summary = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert (summary["interrupted"], summary["exit_code"]) == (sent.name, 130)
    assert summary["counts"]["not_run"] == RUNS - len(made)
    assert f"interrupted: {sent.name}: {RUNS - len(made)} run(s) not made" in stdout
    events = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert [e["reason"] for e in events if e["event"] == "batch.stopping"] == [sent.name]
    assert_resume_completes(out, len(made))


# Two signals of one kind sent at once may reach the process as one (the kernel keeps one
# pending signal per kind); a Ctrl-C followed by a SIGTERM are always two.
TWO = [signal.SIGINT, signal.SIGTERM]


def test_a_second_signal_cancels_running_runs_cleanly(tmp_path: Path) -> None:
    """A second signal cancels the runs in flight: whatever was written verifies, nothing
    half-written or temporary is left, exit 130; --resume completes the batch."""
    out = tmp_path / "out"
    stopped = paused_batch(out, "batch-next-run", "--concurrency", "4")
    code, _, stderr = finish(stopped, TWO)
    assert code == 130, stderr
    assert "batch.cancelling" in stderr
    made = packs(out) if out.exists() else []
    assert all(verify_pack(pack).ok for pack in made)
    assert leftovers(tmp_path) == []
    assert_resume_completes(out, len(made))


def test_signals_during_a_pack_write_let_it_finish(tmp_path: Path) -> None:
    """Two signals while the first pack is being written: it is finished whole and
    verifies; nothing else runs; exit 130; --resume completes the batch."""
    out = tmp_path / "out"
    stopped = paused_batch(out, "pack-write", "--concurrency", "1")
    code, stdout, stderr = finish(stopped, TWO)
    assert code == 130, stderr
    assert [p.name for p in packs(out)] == ["calm.sample-0"]
    assert verify_pack(out / "calm.sample-0").ok
    assert leftovers(tmp_path) == []
    assert "runs: 10: 1 complete, 0 blocked, 0 failed, 9 not run (0 resumed)" in stdout
    assert_resume_completes(out, 1)
