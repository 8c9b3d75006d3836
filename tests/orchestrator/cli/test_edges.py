"""Odd input at the edges: one sentence on stderr and the documented exit code, never a
traceback, and nothing left behind."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from orchestrator.core.fileio import TEMP_PREFIX
from tests.helpers import GOLDEN, PILOT, PROJECT, SAMPLE, Pilot


def one_sentence(err: str) -> str:
    """stderr holds exactly one ``pilot: …`` line and no traceback."""
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("pilot: "), err
    return lines[0]


def nothing_left(folder: Path) -> None:
    assert not [p for p in folder.iterdir() if p.name.startswith(TEMP_PREFIX)]


def test_a_fixture_that_is_not_utf8_is_exit_1(pilot: Pilot, tmp_path: Path) -> None:
    """A fixture with bytes that are not UTF-8: exit 1 naming the file; no pack."""
    fixture = tmp_path / "latin1.json"
    fixture.write_bytes(SAMPLE.read_bytes().replace(b"Base case", b"Base \xe9 case"))
    result = pilot("run", "--fixture", fixture, "--out", tmp_path / "pack")
    assert result.code == 1
    assert str(fixture) in one_sentence(result.err)
    assert not (tmp_path / "pack").exists()


def test_a_proposal_file_that_is_not_utf8_is_exit_1(pilot: Pilot, tmp_path: Path) -> None:
    """`pilot policy check` on bytes that are not UTF-8: exit 1, the file and the byte named."""
    proposal = tmp_path / "p.txt"
    proposal.write_bytes(b"Outlook \xff\xfe")
    result = pilot("policy", "check", proposal)
    assert result.code == 1
    assert re.search(r"p\.txt is not UTF-8 text \(byte 8", one_sentence(result.err))


def test_a_config_file_that_is_not_utf8_is_exit_1(
    pilot: Pilot, tmp_path: Path, config_dir: Path
) -> None:
    """A registry with bytes that are not UTF-8: exit 1 naming the file."""
    registry = config_dir / "model_registry.toml"
    registry.write_bytes(registry.read_bytes() + b"\n# caf\xe9\n")
    result = pilot("run", "--config-dir", config_dir, "--out", tmp_path / "pack")
    assert result.code == 1
    assert "model_registry.toml is not UTF-8 text" in one_sentence(result.err)


@pytest.mark.parametrize(
    "clock",
    ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-01:00", "1900-01-01T00:00:00+00:00"],
)
def test_a_clock_at_the_edge_of_time_is_exit_1(pilot: Pilot, tmp_path: Path, clock: str) -> None:
    """--clock outside 1970..9000: exit 1 saying the supported range; no pack."""
    result = pilot("run", "--clock", clock, "--out", tmp_path / "pack")
    assert result.code == 1
    assert "outside the supported range" in one_sentence(result.err)
    assert not (tmp_path / "pack").exists()


@pytest.mark.parametrize("deadline", ["0", "-1", "nan", "-inf"])
def test_a_deadline_that_is_not_positive_is_a_usage_error(
    pilot: Pilot, tmp_path: Path, deadline: str
) -> None:
    """--deadline 0, negative or nan: exit 1 before the run, no FAILED pack."""
    result = pilot("run", f"--deadline={deadline}", "--out", tmp_path / "pack")
    assert result.code == 1
    assert "--deadline" in one_sentence(result.err)
    assert not (tmp_path / "pack").exists()


def test_an_unreadable_pack_in_a_folder_counts_as_failed(pilot: Pilot, tmp_path: Path) -> None:
    """A folder with a good pack and one its owner cannot read: both counted, exit 5."""
    folder = tmp_path / "packs"
    folder.mkdir()
    assert pilot("run", "--out", folder / "a").code == 0
    assert pilot("run", "--out", folder / "b", "--clock", "2026-02-01T00:00:00+00:00").code == 0
    (folder / "b").chmod(0)
    try:
        result = pilot("verify", folder)
    finally:
        (folder / "b").chmod(0o755)
    assert result.code == 5
    assert "packs: 2, ok: 1, failed: 1" in result.out
    assert f"FAIL {folder / 'b'}" in result.out
    assert "not readable" in result.out


def test_an_unreadable_folder_is_one_sentence(pilot: Pilot, tmp_path: Path) -> None:
    """`pilot verify` on a pack whose directory denies reading: exit 5, no traceback."""
    pack = tmp_path / "pack"
    assert pilot("run", "--out", pack).code == 0
    pack.chmod(0)
    try:
        result = pilot("verify", pack)
    finally:
        pack.chmod(0o755)
    assert result.code == 5
    assert "Traceback" not in result.err
    assert "not readable" in result.out


def test_leftovers_of_an_interrupted_write_are_reported(pilot: Pilot, tmp_path: Path) -> None:
    """A hidden temporary folder beside packs is listed as a leftover; packs still count."""
    folder = tmp_path / "packs"
    folder.mkdir()
    assert pilot("run", "--out", folder / "a").code == 0
    (folder / f"{TEMP_PREFIX}b.x1y2").mkdir()
    result = pilot("verify", folder)
    assert result.code == 0
    assert f"leftover: {TEMP_PREFIX}b.x1y2" in result.out


def test_a_writable_artifact_is_a_warning(pilot: Pilot, tmp_path: Path) -> None:
    """Packs are written read-only: a writable (but unchanged) file warns, still exit 0."""
    pack = tmp_path / "pack"
    assert pilot("run", "--out", pack).code == 0
    (pack / "sod_check.json").chmod(0o644)
    result = pilot("verify", pack)
    assert result.code == 0
    assert "warning: sod_check.json is writable (mode 644)" in result.out


def run_piped(args: list[str], *, stdout: int | None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [str(PILOT), *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        cwd=PROJECT,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(("target", "code"), [(GOLDEN, 0), (GOLDEN.parent, 0)])
def test_a_closed_stdout_keeps_the_exit_status(target: Path, code: int) -> None:
    """`pilot verify DIR | head -1`: the reader leaves early; exit status and stderr are clean."""
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = run_piped(["verify", str(target)], stdout=writer)
    finally:
        os.close(writer)
    assert done.returncode == code
    assert done.stderr == b""


def test_a_full_stdout_keeps_the_exit_status(tmp_path: Path) -> None:
    """`pilot run > /dev/full`: the pack is written, exit 0, no traceback."""
    with open("/dev/full", "wb") as full:
        done = run_piped(["run", "--out", str(tmp_path / "pack")], stdout=full.fileno())
    assert done.returncode == 0
    assert b"Traceback" not in done.stderr
    assert (tmp_path / "pack" / "evidence_pack.json").is_file()


def test_ctrl_c_during_start_up_is_an_abort() -> None:
    """A KeyboardInterrupt while the app is imported: 'pilot: aborted', exit 130."""
    probe = (
        "import sys\n"
        "class Interrupting:\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name == 'orchestrator.cli.app':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupting())\n"
        "from orchestrator.cli.script import entry\n"
        "entry()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 130
    assert done.stderr == "pilot: aborted\n"


def test_version_is_the_distribution_version(pilot: Pilot) -> None:
    """`pilot --version` prints the installed distribution's version."""
    result = pilot("--version")
    assert result.code == 0
    assert result.out.strip() == "0.1.0"


def test_no_command_prints_help_and_exits_1(pilot: Pilot) -> None:
    """`pilot` alone: the help on stdout, exit 1."""
    result = pilot()
    assert result.code == 1
    assert "Usage: pilot" in result.out
    assert "run" in result.out


def test_an_unexpected_error_is_one_sentence(
    pilot: Pilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug below the CLI: one sentence pointing to --debug, exit 3, no traceback."""

    def broken(*_args: object, **_kwargs: object) -> None:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr("orchestrator.cli.run.prepare", broken)
    result = pilot("run", "--out", tmp_path / "pack")
    assert result.code == 3
    sentence = one_sentence(result.err)
    assert "ZeroDivisionError: a bug" in sentence
    assert "--debug" in sentence
    nothing_left(tmp_path)
