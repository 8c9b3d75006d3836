"""Signals against the real ``pilot``: a run has its whole pack or none, never half of one.

Each test starts the installed script with ``PILOT_TEST_PAUSE`` naming a checkpoint; the
process stops there and says so on stderr; the test sends its signal(s), then releases it.
"""

from __future__ import annotations

import json
import signal
from pathlib import Path

import pytest

from orchestrator.evidence.verify import verify_pack
from tests.helpers import Paused, finish, leftovers, paused


def paused_run(out: Path, checkpoint: str) -> Paused:
    """`pilot run --out OUT` stopped at ``checkpoint``, and what it logged until then."""
    return paused(["run", "--out", str(out), "--log-format", "json"], checkpoint)


SIGNALS = {
    "SIGINT": [signal.SIGINT],
    "SIGTERM": [signal.SIGTERM],
    "SIGHUP": [signal.SIGHUP],
    "double Ctrl-C": [signal.SIGINT, signal.SIGINT],
}


@pytest.mark.parametrize("sent", sorted(SIGNALS))
def test_a_signal_during_the_pack_write_completes_it(tmp_path: Path, sent: str) -> None:
    """Signalled mid-write: the pack is completed, verifies, exit is the run's (0), summary
    printed with a note; no temporary folder is left."""
    out = tmp_path / "pack"
    code, stdout, stderr = finish(paused_run(out, "pack-write"), SIGNALS[sent])
    assert code == 0, stderr
    assert stdout.startswith("status: COMPLETE\n")
    assert "arrived while the pack was written; it is complete" in stdout
    assert verify_pack(out).ok
    assert leftovers(tmp_path) == []
    assert "Traceback" not in stderr


@pytest.mark.parametrize("sent", sorted(SIGNALS))
def test_a_signal_during_the_run_leaves_nothing(tmp_path: Path, sent: str) -> None:
    """Signalled before the write: exit 130, 'pilot: aborted', no pack, nothing hidden left."""
    out = tmp_path / "pack"
    code, stdout, stderr = finish(paused_run(out, "run"), SIGNALS[sent])
    assert code == 130, stderr
    assert stderr.rstrip().endswith("pilot: aborted")
    assert "Traceback" not in stderr
    assert stdout == ""
    assert not out.exists()
    assert leftovers(tmp_path) == []
    events = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert [e["event"] for e in events] == ["run.started"]


def test_an_out_taken_meanwhile_is_left_untouched(tmp_path: Path) -> None:
    """Another process creates --out while the pack is written: exit 3 saying so, the other
    folder untouched, nothing hidden left."""
    out = tmp_path / "pack"
    paused = paused_run(out, "pack-write")
    out.mkdir()
    (out / "theirs.txt").write_text("theirs")
    code, stdout, stderr = finish(paused, [])
    assert code == 3
    assert f"evidence pack {out} appeared meanwhile; it was left untouched" in stderr
    assert stdout == ""
    assert [p.name for p in out.iterdir()] == ["theirs.txt"]
    assert leftovers(tmp_path) == []
