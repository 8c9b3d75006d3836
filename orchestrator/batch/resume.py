"""A batch folder that already holds packs: which runs are done, and what is in the way.

Without ``--resume`` any pack of the batch already in the folder is a usage error: a batch
never writes over one, and a second batch into the same folder is almost always a mistake.

With ``--resume`` each run whose pack folder exists is judged before anything runs:

- the pack **verifies** (:func:`orchestrator.evidence.verify.verify_pack`) and its recorded
  plan is this run's (:func:`plan_differences`): the run is done, whatever its status, and
  is skipped; its record is read from its index;
- the pack verifies but was planned differently (another fixture, scenario, suite, model
  or configuration): it is not a run of this batch; nothing runs and nothing moves, the
  error names the pack and the fields;
- the pack does **not** verify (tampered, truncated, not a pack at all): it is kept, moved
  aside to ``<pack>.unverified-<n>`` (never deleted: it is evidence of what happened), and
  the run is made again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import msgspec
import structlog

from orchestrator.batch.plan import BatchItem
from orchestrator.batch.summary import BatchRun, run_from_index
from orchestrator.core.errors import IntegrityError, UsageError
from orchestrator.core.fileio import fsync_path, read_bytes
from orchestrator.evidence.events import RunStarted, event_decoder, line_decoder
from orchestrator.evidence.names import EVENTS, INDEX
from orchestrator.evidence.records import RunPlan
from orchestrator.evidence.verify import verify_pack

__all__ = ["Scan", "plan_differences", "recorded_plan", "scan_batch_folder"]

log = structlog.get_logger()

# Fields that differ between two makings of the same run: when it started, and the id
# derived from that.
_PER_MAKING: Final = frozenset({"run_id", "started_at"})
_SHOWN: Final = 3


@dataclass(frozen=True)
class Scan:
    """What the batch folder holds: records of the runs already done, by pack name, and
    where packs that did not verify were moved, by pack name."""

    done: dict[str, BatchRun]
    set_aside: dict[str, str]


def scan_batch_folder(
    out: Path,
    items: Sequence[BatchItem],
    *,
    resume: bool,
    plan_of: Callable[[BatchItem], RunPlan],
) -> Scan:
    """Judge every pack of ``items`` already in ``out`` (see the module docstring).

    ``plan_of`` plans a run as this batch would make it now, to compare with the plan a
    found pack recorded.
    """
    found = [item for item in items if _taken(out / item.pack_name)]
    if found and not resume:
        raise UsageError(
            f"{out} already holds {len(found)} pack(s) of this batch ({_names(found)}); "
            "pass --resume to complete the batch, or choose another --out"
        )
    done: dict[str, BatchRun] = {}
    unverified: list[BatchItem] = []
    conflicts: list[str] = []
    for item in found:
        pack = out / item.pack_name
        if not pack.is_dir() or pack.is_symlink() or not verify_pack(pack).ok:
            unverified.append(item)
            continue
        differences = plan_differences(recorded_plan(pack), plan_of(item))
        if differences:
            conflicts.append(f"{item.pack_name} ({', '.join(differences)})")
            continue
        index = read_bytes(pack / INDEX, what="evidence pack index", error=IntegrityError)
        done[item.pack_name] = run_from_index(item, index, resumed=True)
    if conflicts:
        raise UsageError(
            f"{out} holds packs that verify but were run with other inputs, so they are not "
            f"runs of this batch: {'; '.join(conflicts[:_SHOWN])}"
            f"{'' if len(conflicts) <= _SHOWN else f' and {len(conflicts) - _SHOWN} more'}; "
            "choose another --out"
        )
    set_aside = {item.pack_name: _set_aside(out / item.pack_name) for item in unverified}
    return Scan(done=done, set_aside=set_aside)


def recorded_plan(pack: Path) -> RunPlan:
    """The plan a pack recorded in its first event (read after the pack verified)."""
    events = read_bytes(pack / EVENTS, what="event log", error=IntegrityError)
    first = events.split(b"\n", 1)[0]
    try:
        event = event_decoder().decode(line_decoder.decode(first).event)
    except msgspec.DecodeError as exc:
        raise IntegrityError(f"pack {pack}: the first event does not decode: {exc}") from exc
    if not isinstance(event, RunStarted):
        raise IntegrityError(f"pack {pack}: the first event is not run.started")
    return event.plan


def plan_differences(recorded: RunPlan, planned: RunPlan) -> list[str]:
    """The plan fields in which a recorded run differs from the planned one, apart from
    its start time and run id."""
    return [
        field.name
        for field in msgspec.structs.fields(RunPlan)
        if field.name not in _PER_MAKING
        and getattr(recorded, field.name) != getattr(planned, field.name)
    ]


def _set_aside(pack: Path) -> str:
    """Move ``pack`` to the first free ``<pack>.unverified-<n>``; returns the new name."""
    number = 1
    while _taken(target := pack.with_name(f"{pack.name}.unverified-{number}")):
        number += 1
    try:
        # rename() would replace an empty directory that appeared meanwhile; the check
        # above and a batch folder written by one batch at a time make that moot.
        os.rename(pack, target)
    except OSError as exc:
        raise UsageError(
            f"{pack} does not verify and cannot be moved aside to {target.name} "
            f"({exc.strerror}); move it away and resume again"
        ) from exc
    fsync_path(pack.parent)
    log.warning("batch.pack_set_aside", pack=pack.name, moved_to=target.name)
    return target.name


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def _names(items: Sequence[BatchItem]) -> str:
    shown = ", ".join(item.pack_name for item in items[:_SHOWN])
    return shown if len(items) <= _SHOWN else f"{shown} and {len(items) - _SHOWN} more"
