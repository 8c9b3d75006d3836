"""What a pilot folder holds: evidence packs and drift reports, found recursively.

A directory is a pack when it holds any pack file (``evidence_pack.json``, an artifact, a
review file: the same test as ``pilot verify`` uses, so a pack whose index was deleted is
still found, and then fails); the walk does not descend into a pack. A directory that cannot
be listed might hide packs, so it is returned as a pack too (which then fails to verify)
rather than skipped. Hidden entries are not walked; the pilot's own temporary folders
(``.pilot-tmp-*``, left by a process killed mid-write) are reported as leftovers.

Outside packs, every ``*.json`` file whose ``kind`` is ``pilot-drift-report`` is a drift
report (:class:`~orchestrator.drift.report.DriftReport`); other files (a drift baseline, a
KPI report, notes) are not read. Symbolic links are never followed. Everything comes out in
sorted path order, so the same folder always gives the same report.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import msgspec

from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.errors import ConfigError, UsageError
from orchestrator.core.fileio import TEMP_PREFIX, read_bytes
from orchestrator.drift.report import DriftReport
from orchestrator.evidence.names import PACK_NAMES

__all__ = ["DRIFT_REPORT_KIND", "DriftFile", "Found", "PackDir", "walk_folder"]

DRIFT_REPORT_KIND: Final = "pilot-drift-report"


@dataclass(frozen=True)
class PackDir:
    """A pack directory, and its path relative to the folder (POSIX separators)."""

    path: Path
    relative: str


@dataclass(frozen=True)
class DriftFile:
    """A drift report, decoded, with its relative path and the sha256 of its bytes."""

    relative: str
    sha256: str
    report: DriftReport


@dataclass(frozen=True)
class Leftover:
    """A temporary folder or file of an interrupted write."""

    relative: str


Found = PackDir | DriftFile | Leftover


class _Kind(msgspec.Struct):
    kind: str | None = None


_kind_decoder: Final = msgspec.json.Decoder(_Kind)
_drift_decoder: Final = msgspec.json.Decoder(DriftReport)


def walk_folder(folder: Path) -> Iterator[Found]:
    """Every pack, drift report and leftover under ``folder``, in sorted path order."""
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder of evidence packs: no such directory")
    yield from _walk(folder, folder)


def _walk(root: Path, directory: Path) -> Iterator[Found]:
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError:
        yield PackDir(path=directory, relative=_relative(root, directory))
        return
    if any(e.name in PACK_NAMES and not e.is_dir(follow_symlinks=False) for e in entries):
        yield PackDir(path=directory, relative=_relative(root, directory))
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.name.startswith(TEMP_PREFIX):
            yield Leftover(relative=_relative(root, path))
        elif entry.name.startswith(".") or entry.is_symlink():
            continue
        elif entry.is_dir(follow_symlinks=False):
            yield from _walk(root, path)
        elif entry.name.endswith(".json") and entry.is_file(follow_symlinks=False):
            drift = _drift_report(root, path)
            if drift is not None:
                yield drift


def _drift_report(root: Path, path: Path) -> DriftFile | None:
    data = read_bytes(path, what="file", error=UsageError)
    try:
        kind = _kind_decoder.decode(data).kind
    except msgspec.DecodeError:
        return None  # not JSON with a kind: not ours to read
    if kind != DRIFT_REPORT_KIND:
        return None
    try:
        report = _drift_decoder.decode(data)
    except msgspec.DecodeError as exc:
        # msgspec names the field: "Expected `float`, got `str` - at `$.scenarios[0].excess`".
        raise ConfigError(
            f"drift report {path} is not a valid drift report: {exc}", path=path
        ) from None
    return DriftFile(relative=_relative(root, path), sha256=sha256_prefixed(data), report=report)


def _relative(root: Path, path: Path) -> str:
    return path.relative_to(root).as_posix() if path != root else "."
