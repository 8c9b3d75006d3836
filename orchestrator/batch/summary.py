"""The batch summary: one record per run, written as ``batch.json`` and ``batch.md``.

Format (``kind`` ``pilot-batch-summary``, ``version`` ``1``), sorted-key JSON indented by
two spaces (:func:`orchestrator.core.canonical.encode_pretty`): the suite (id, file name,
sha256 of its bytes), mode, samples, shard, which ``attempt`` on the batch folder wrote it,
whether it was ``interrupted`` (by which signal), its exit code, the counts, and per run in
suite order a :class:`BatchRun`: entry and sample, status, the pack folder (relative to the
batch folder), whether the pack came from an earlier attempt (``resumed``), and the pack's
identity: run id, evidence pack id, ``pack_sha256`` (the hash of its ``evidence_pack.json``,
which lists the hash of every other file) and ``events_head``. No wall-clock time is
recorded, so a replayed batch gives the same bytes every time.

Nothing is overwritten: attempt 1 writes ``batch.json`` and ``batch.md``, attempt n > 1
(``--resume`` on the same folder) ``batch.<n>.json`` and ``batch.<n>.md``. A shard's
summary is ``batch-shard-<i>-of-<n>``, so that shards may share one folder.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Final, Literal

import msgspec

from orchestrator.batch.plan import BatchItem, Shard
from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.errors import (
    Aborted,
    EvidenceWriteError,
    GovernanceBlock,
    IntegrityError,
    RuntimeFailure,
)
from orchestrator.core.fileio import write_new_file
from orchestrator.core.templates import template_environment
from orchestrator.evidence.records import Mode
from orchestrator.evidence.schema import PackIndex

__all__ = [
    "BatchCounts",
    "BatchRun",
    "BatchSummary",
    "RunState",
    "attempt_name",
    "batch_exit_code",
    "count_runs",
    "free_attempt",
    "run_from_index",
    "summary_json",
    "summary_markdown",
    "summary_stem",
    "unfinished_run",
    "write_attempt_files",
]

RunState = Literal["COMPLETE", "BLOCKED", "FAILED", "NOT_RUN"]
KIND: Final = "pilot-batch-summary"


class BatchRun(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One run of the batch.

    ``pack`` is None when no pack exists: the run was not started (``NOT_RUN``: the batch
    was interrupted) or failed before there was anything to write (``FAILED``, e.g. an
    unreadable fixture), with the reason in ``reasons``. ``set_aside`` names the folder an
    earlier pack of this run was moved to because it did not verify.
    """

    entry_id: str
    sample: int
    status: RunState
    pack: str | None
    resumed: bool
    set_aside: str | None
    run_id: str | None
    evidence_pack_id: str | None
    pack_sha256: str | None
    events_head: str | None
    created_at: str | None
    exit_code: int | None
    reasons: tuple[str, ...]


class BatchCounts(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    runs: int
    complete: int
    blocked: int
    failed: int
    not_run: int
    resumed: int


class BatchSummary(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    kind: Literal["pilot-batch-summary"]
    version: Literal["1"]
    suite_id: str
    suite_file: str
    suite_sha256: str
    mode: Mode
    samples: int
    shard: str | None
    attempt: int
    interrupted: str | None
    exit_code: int
    counts: BatchCounts
    runs: tuple[BatchRun, ...]


_index_decoder = msgspec.json.Decoder(PackIndex)


def run_from_index(
    item: BatchItem, index_bytes: bytes, *, resumed: bool, set_aside: str | None = None
) -> BatchRun:
    """The record of a run whose pack has this ``evidence_pack.json`` (written or found)."""
    try:
        index = _index_decoder.decode(index_bytes)
    except msgspec.DecodeError as exc:
        raise IntegrityError(f"pack {item.pack_name}: its index does not decode: {exc}") from exc
    return BatchRun(
        entry_id=item.entry.id,
        sample=item.sample,
        status=index.status,
        pack=item.pack_name,
        resumed=resumed,
        set_aside=set_aside,
        run_id=index.run_id,
        evidence_pack_id=index.evidence_pack_id,
        pack_sha256=sha256_prefixed(index_bytes),
        events_head=index.events_head,
        created_at=index.creation_timestamp,
        exit_code=index.exit_code,
        reasons=index.outcome_reasons,
    )


def unfinished_run(
    item: BatchItem,
    status: Literal["FAILED", "NOT_RUN"],
    reasons: tuple[str, ...] = (),
    *,
    set_aside: str | None = None,
) -> BatchRun:
    """The record of a run that has no pack."""
    return BatchRun(
        entry_id=item.entry.id,
        sample=item.sample,
        status=status,
        pack=None,
        resumed=False,
        set_aside=set_aside,
        run_id=None,
        evidence_pack_id=None,
        pack_sha256=None,
        events_head=None,
        created_at=None,
        exit_code=RuntimeFailure.exit_code if status == "FAILED" else None,
        reasons=reasons,
    )


def count_runs(runs: Sequence[BatchRun]) -> BatchCounts:
    def of(status: RunState) -> int:
        return sum(1 for run in runs if run.status == status)

    return BatchCounts(
        runs=len(runs),
        complete=of("COMPLETE"),
        blocked=of("BLOCKED"),
        failed=of("FAILED"),
        not_run=of("NOT_RUN"),
        resumed=sum(1 for run in runs if run.resumed),
    )


def batch_exit_code(runs: Iterable[BatchRun], *, interrupted: bool) -> int:
    """130 when interrupted before every run was made; else 3 when a run failed, 2 when
    one was blocked (a failure outranks a block: its run has no verdict at all), 0."""
    statuses = {run.status for run in runs}
    if interrupted and "NOT_RUN" in statuses:
        return Aborted.exit_code
    if "FAILED" in statuses:
        return RuntimeFailure.exit_code
    if "BLOCKED" in statuses:
        return GovernanceBlock.exit_code
    return 0


def summary_stem(shard: Shard | None) -> str:
    return "batch" if shard is None else f"batch-shard-{shard.index}-of-{shard.count}"


def attempt_name(name: str, attempt: int) -> str:
    """``name`` as attempt ``attempt`` writes it: ``batch.json``, ``batch.2.json``, …"""
    if attempt == 1:
        return name
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{attempt}{dot}{suffix}"


def free_attempt(folder: Path, names: Iterable[str]) -> int:
    """The first attempt number for which none of ``names`` exists in ``folder``."""
    wanted = tuple(names)
    attempt = 1
    while any(_taken(folder / attempt_name(name, attempt)) for name in wanted):
        attempt += 1
    return attempt


def _taken(path: Path) -> bool:
    return path.exists() or path.is_symlink()


def write_attempt_files(folder: Path, attempt: int, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``files`` (name → bytes) under their attempt names, each a new read-only file;
    ``folder`` is created if missing (a batch stopped before its first pack has none yet)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EvidenceWriteError(
            f"cannot create the batch folder {folder}: {exc.strerror}"
        ) from exc
    return [
        write_new_file(
            folder / attempt_name(name, attempt),
            data,
            what="batch record",
            error=EvidenceWriteError,
        )
        for name, data in files.items()
    ]


def summary_markdown(summary: BatchSummary) -> str:
    """The summary for a terminal or a ticket; every value is escaped Markdown."""
    template = template_environment("orchestrator.batch", markdown=True).get_template("batch.md.j2")
    return template.render(summary=summary)


def summary_json(summary: BatchSummary) -> bytes:
    return encode_pretty(summary)
