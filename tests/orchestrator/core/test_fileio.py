"""Atomic directory writes: every file whole, with its mode, or nothing at all."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from orchestrator.core.errors import EvidenceWriteError
from orchestrator.core.fileio import TEMP_PREFIX, write_new_dir

FILES = {
    "b.json": b'{"b": 1}\n',
    "a.md": "\u00e9t\u00e9\n".encode(),
    "empty": b"",
    "big": b"x" * 300_000,
}


def test_a_new_directory_holds_exactly_the_files_with_their_modes(tmp_path: Path) -> None:
    previous = os.umask(0o077)  # the modes are set, not left to the umask
    try:
        out = write_new_dir(tmp_path / "pack", FILES, what="pack", error=EvidenceWriteError)
    finally:
        os.umask(previous)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == FILES
    assert {stat.S_IMODE(p.stat().st_mode) for p in out.iterdir()} == {0o444}
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert [p.name for p in tmp_path.iterdir()] == ["pack"]


def test_an_existing_directory_is_refused_and_left_untouched(tmp_path: Path) -> None:
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "mine").write_bytes(b"mine")
    with pytest.raises(EvidenceWriteError, match="appeared meanwhile"):
        write_new_dir(tmp_path / "pack", FILES, what="pack", error=EvidenceWriteError)
    assert [p.name for p in (tmp_path / "pack").iterdir()] == ["mine"]
    assert [p.name for p in tmp_path.iterdir()] == ["pack"]


def test_a_failed_write_leaves_nothing_behind(tmp_path: Path) -> None:
    """A file that cannot be created (its name names a missing folder) fails the whole write."""
    files = {**FILES, "missing/c.json": b"{}"}
    with pytest.raises(EvidenceWriteError, match="cannot write pack"):
        write_new_dir(tmp_path / "pack", files, what="pack", error=EvidenceWriteError)
    assert not any(p.name.startswith(TEMP_PREFIX) or p.name == "pack" for p in tmp_path.iterdir())
