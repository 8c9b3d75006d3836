"""Verifying evidence packs: the index, the files, the event chain, the rebuild, signatures.

A pack verifies when

1. its index decodes (typed) and is version 2.0;
2. it holds exactly the files the index lists, each with the recorded sha256 and size, plus
   only the allowed extras (the signature, the review addendum); no symlinks, no
   sub-directories, no name that could leave the pack;
3. ``events.jsonl`` chains from :data:`~orchestrator.evidence.events.GENESIS` to ``events_head``,
   hashing the exact bytes of each event as stored;
4. rebuilding every artifact from the decoded events (the same pure
   :func:`~orchestrator.evidence.build.build_artifacts` the run used) gives the stored bytes, the
   index included. This is what catches an artifact edited *and* re-hashed into the index,
   which the hashes alone cannot, even on an unsigned pack;
5. its signature, when it has one, is well formed (and verifies, given a public key);
6. its review addendum, when it has one, is bound to these index bytes and to its report.

Every failure is a :class:`Finding` naming the file and saying why. Each pack is read,
decoded and encoded once, in-process; nothing here imports ``cryptography`` unless a
signature has to be verified against a key.
"""

from __future__ import annotations

import math
import os
import stat
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path

import msgspec

from orchestrator.core.canonical import encode_compact, sha256_prefixed
from orchestrator.core.decoding import error_location
from orchestrator.core.errors import UsageError
from orchestrator.core.fileio import TEMP_PREFIX
from orchestrator.core.version import PRODUCT_VERSION
from orchestrator.evidence.build import build_artifacts
from orchestrator.evidence.events import (
    GENESIS,
    AnyEvent,
    RunStarted,
    chain_hash,
    event_decoder,
    format_line,
    line_decoder,
)
from orchestrator.evidence.names import (
    EVENTS,
    EVIDENCE_PACK_VERSION,
    EXTRA_NAMES,
    INDEX,
    PACK_NAMES,
    PACK_SIGNATURE,
    REVIEW_JSON,
    REVIEW_REPORT,
    REVIEW_SIGNATURE,
)
from orchestrator.evidence.schema import (
    ArtifactHash,
    Finding,
    PackIndex,
    ReportRef,
    ReviewAddendum,
)
from orchestrator.evidence.signing import PublicKey, check_signature, load_public_key

__all__ = [
    "FolderReport",
    "PackReport",
    "find_packs",
    "verify_pack",
    "verify_path",
]


class PackReport(msgspec.Struct, frozen=True, kw_only=True):
    """The verdict on one pack. ``signature_verified`` needs a public key.

    ``warnings`` do not fail a pack: a file that is writable although packs are written
    read-only (its hash still decides whether it changed).
    """

    path: str
    ok: bool
    signed: bool
    key_id: str | None
    signature_verified: bool
    review: str | None
    findings: tuple[Finding, ...]
    warnings: tuple[str, ...] = ()


class FolderReport(msgspec.Struct, frozen=True, kw_only=True):
    """Every pack of a folder, and what else lies there: leftovers of interrupted writes."""

    ok: bool
    packs: tuple[PackReport, ...]
    leftovers: tuple[str, ...]


_index_decoder = msgspec.json.Decoder(PackIndex)
_review_decoder = msgspec.json.Decoder(ReviewAddendum)


# --- Entry points ----------------------------------------------------------------------


def verify_pack(path: Path, *, public_key: bytes | None = None) -> PackReport:
    """Verify one pack; ``public_key`` (PEM) makes a signature by that key mandatory."""
    if not path.is_dir():
        raise UsageError(f"{path} is not an evidence pack: no such directory")
    return _verify(path, _public_key(public_key))


def verify_path(path: Path, *, public_key: bytes | None = None) -> FolderReport:
    """Verify ``path`` as one pack, or every pack directly inside it (see :func:`find_packs`)."""
    key = _public_key(public_key)
    packs, leftovers = find_packs(path)
    reports = tuple(_verify(pack, key) for pack in packs)
    return FolderReport(ok=all(report.ok for report in reports), packs=reports, leftovers=leftovers)


def find_packs(path: Path) -> tuple[list[Path], tuple[str, ...]]:
    """The packs to verify, and the leftovers of interrupted writes found beside them.

    ``path`` itself when it holds any pack file, else each sub-directory that does. A pack
    with its index deleted still counts (its other files give it away) and then fails; so
    does a sub-directory that cannot be read, which is never silently skipped. Hidden
    entries are not packs: the pilot's own temporary folders (``.pilot-tmp-*``, left by a
    process killed mid-write) are reported as leftovers, others are ignored. A folder with
    no pack is a usage error, never a silent success.
    """
    if not path.is_dir():
        raise UsageError(f"{path} is not a directory of evidence packs: no such directory")
    if _holds_pack_files(path) is not False:
        return [path], ()
    try:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        raise UsageError(f"{path} cannot be listed ({exc.strerror})") from None
    packs: list[Path] = []
    leftovers: list[str] = []
    for entry in entries:
        if entry.name.startswith(TEMP_PREFIX):
            leftovers.append(entry.name)
        elif (
            not entry.name.startswith(".")
            and entry.is_dir(follow_symlinks=False)
            and _holds_pack_files(Path(entry.path)) is not False
        ):
            packs.append(Path(entry.path))
    if not packs:
        raise UsageError(f"{path} holds no evidence pack")
    return packs, tuple(leftovers)


def _holds_pack_files(path: Path) -> bool | None:
    """Whether ``path`` holds a pack file; None when it cannot be read (a pack that fails)."""
    if not _readable(path):
        return None
    # Directories do not count: a folder of packs may name them after anything.
    try:
        with os.scandir(path) as entries:
            return any(
                entry.name in PACK_NAMES and not entry.is_dir(follow_symlinks=False)
                for entry in entries
            )
    except OSError:
        return None


def _readable(path: Path) -> bool:
    # By mode, not by trying: root reads anything, and a pack its owner cannot read is
    # unreadable evidence for everyone else.
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    needed = stat.S_IRUSR | stat.S_IXUSR if stat.S_ISDIR(mode) else stat.S_IRUSR
    return mode & needed == needed


@lru_cache(maxsize=8)
def _public_key(pem: bytes | None) -> PublicKey | None:
    return None if pem is None else load_public_key(pem, source="--public-key")


# --- One pack --------------------------------------------------------------------------


@dataclass
class _Findings:
    """Findings in order; a file already found wanting is not reported again downstream."""

    items: list[Finding] = field(default_factory=list)
    flagged: set[str] = field(default_factory=set)

    def add(self, file: str, problem: str) -> None:
        self.items.append(Finding(file=file, problem=problem))
        self.flagged.add(file)


@dataclass(frozen=True)
class _Signature:
    signed: bool = False
    key_id: str | None = None
    verified: bool = False


def _verify(path: Path, key: PublicKey | None) -> PackReport:
    found = _Findings()
    warnings: list[str] = []
    files, present = _read_files(path, found, warnings)
    signature, review = _Signature(), None
    index_bytes = files.get(INDEX)
    index = _decode_index(index_bytes, found)
    if index is not None and index_bytes is not None:
        listed = _check_listing(index, files, present, found)
        chain = _check_chain(index, files.get(EVENTS), found)
        if chain is not None and EVENTS not in found.flagged:
            _cross_check(index, chain, files, listed, present, found)
        signature = _check_signature(index, index_bytes, files, present, key, found)
        review = _check_review(index, index_bytes, files, key, found)
    _check_orphans(present, found)
    return PackReport(
        path=str(path),
        ok=not found.items,
        signed=signature.signed,
        key_id=signature.key_id,
        signature_verified=signature.verified,
        review=review,
        findings=tuple(found.items),
        warnings=tuple(warnings),
    )


def _read_files(
    path: Path, found: _Findings, warnings: list[str]
) -> tuple[dict[str, bytes], set[str]]:
    """The pack's regular files by name, and every name present (also the rejected ones)."""
    files: dict[str, bytes] = {}
    present: set[str] = set()
    if not _readable(path):
        found.add(INDEX, "the pack directory is not readable (its mode denies its owner)")
        return files, present
    try:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        found.add(INDEX, f"the pack directory cannot be listed ({exc.strerror})")
        return files, present
    for entry in entries:
        present.add(entry.name)
        problem = _entry_problem(entry)
        if problem:
            found.add(entry.name, problem)
            continue
        mode = entry.stat(follow_symlinks=False).st_mode
        if not _readable(Path(entry.path)):
            found.add(entry.name, f"{entry.name} is not readable (mode {stat.S_IMODE(mode):o})")
            continue
        if mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            warnings.append(
                f"{entry.name} is writable (mode {stat.S_IMODE(mode):o}); "
                "packs are written read-only"
            )
        try:
            with open(entry.path, "rb") as fh:
                files[entry.name] = fh.read()
        except OSError as exc:
            found.add(entry.name, f"{entry.name} cannot be read ({exc.strerror})")
    return files, present


def _entry_problem(entry: os.DirEntry[str]) -> str:
    # Never followed: a symlink could make the pack vouch for any file on the host.
    if entry.is_symlink():
        return (
            f"{entry.name} is a symlink (to {os.readlink(entry.path)}); a pack holds regular "
            "files only (path escape)"
        )
    if entry.is_dir(follow_symlinks=False):
        return f"{entry.name} is a directory; a pack holds files only"
    if not entry.is_file(follow_symlinks=False):
        return f"{entry.name} is not a regular file"
    return ""


def _decode_index(data: bytes | None, found: _Findings) -> PackIndex | None:
    if data is None:
        # Present but not readable as a file (a symlink, say) is already a finding.
        if INDEX not in found.flagged:
            found.add(INDEX, f"{INDEX} is missing; without it nothing can be checked")
        return None
    try:
        index = _index_decoder.decode(data)
    except msgspec.DecodeError as exc:
        found.add(INDEX, f"{INDEX} is not a valid evidence-pack index: {_decode_problem(exc)}")
        return None
    if index.evidence_pack_version != EVIDENCE_PACK_VERSION:
        found.add(
            INDEX,
            f"{INDEX} has evidence_pack_version {index.evidence_pack_version!r}; "
            f"this verifier reads {EVIDENCE_PACK_VERSION!r}",
        )
        return None
    return index


def _decode_problem(exc: msgspec.DecodeError) -> str:
    """What is wrong, naming the field when the JSON is well formed but does not fit."""
    if isinstance(exc, msgspec.ValidationError):
        where, message = error_location(exc)
        if where:
            return f"field {where.lstrip('.')}: {message}"
    return str(exc)


def _escapes(name: str) -> bool:
    """A name that is not one plain file name inside the pack."""
    return not name or name in (".", "..") or any(c in name for c in "/\\\0") or os.path.isabs(name)


def _check_listing(
    index: PackIndex, files: dict[str, bytes], present: set[str], found: _Findings
) -> set[str]:
    """Listed files present with the recorded hash and size; nothing unlisted. Returns the listed."""
    if list(index.artifacts) != sorted(set(index.artifacts)):
        found.add(INDEX, f"{INDEX}: artifacts is not a sorted list of distinct names")
    listed = set(index.artifacts) | set(index.artifact_hashes)
    for name in sorted(listed):
        if _escapes(name):
            found.add(
                name,
                f"{name!r} is listed in the index but is not a plain file name in the pack "
                "(path escape)",
            )
            continue
        if name == INDEX:
            found.add(INDEX, f"{INDEX} lists itself as an artifact")
            continue
        entry = index.artifact_hashes.get(name)
        if entry is None or name not in index.artifacts:
            where = "artifact_hashes" if entry is None else "artifacts"
            found.add(name, f"{name} is listed in the index but has no entry in {where}")
        if name not in present:
            found.add(name, f"{name} is listed in the index but missing")
        elif name in files and entry is not None:
            _check_hash(name, files[name], entry, found)
    for name in sorted(present - listed - EXTRA_NAMES - {INDEX}):
        if name not in found.flagged:
            found.add(name, f"{name} is not listed in the index")
    return listed


def _check_hash(name: str, data: bytes, entry: ArtifactHash, found: _Findings) -> None:
    if len(data) != entry.bytes:
        found.add(name, f"{name} is {len(data)} bytes; the index records {entry.bytes}")
    elif sha256_prefixed(data) != entry.sha256:
        found.add(name, f"{name} does not match its sha256 in the index (its content changed)")


@dataclass(frozen=True)
class _Chain:
    """The decoded events of an intact, canonically written chain, and where it ends."""

    events: list[AnyEvent]
    head: str


def _check_chain(index: PackIndex, data: bytes | None, found: _Findings) -> _Chain | None:
    """Walk the chain once: decode, hash and re-encode each event; the first break is a finding.

    Returns None when the chain is broken or a line does not decode: events that fail their
    own checks would blame the artifacts for their damage in the cross-check.
    """
    if data is None:
        return None  # missing: already a finding
    lines = data.split(b"\n")
    if lines[-1]:
        found.add(EVENTS, f"{EVENTS} does not end with a newline (truncated)")
        return None
    if len(lines) == 1:
        found.add(EVENTS, f"{EVENTS} is empty; a run has at least two events")
        return None
    events: list[AnyEvent] = []
    prev = GENESIS
    for number, line in enumerate(lines[:-1], start=1):
        checked = _check_line(line, number, prev)
        if isinstance(checked, str):
            found.add(EVENTS, f"{EVENTS} line {number}{checked}")
            return None
        event, prev = checked
        events.append(event)
    if prev != index.events_head:
        found.add(
            INDEX,
            f"{INDEX}: events_head {index.events_head} is not the end of the "
            f"{EVENTS} chain ({prev})",
        )
    return _Chain(events=events, head=prev)


def _check_line(line: bytes, number: int, prev: str) -> tuple[AnyEvent, str] | str:
    """One line checked against the previous hash: its event and hash, or what is wrong."""
    try:
        entry = line_decoder.decode(line)
        event = event_decoder().decode(entry.event)
    except msgspec.DecodeError as exc:
        return f" is not a valid event: {exc}"
    if entry.prev != prev:
        after = "the genesis hash" if number == 1 else f"the hash of line {number - 1}"
        return f": prev is not {after} (lines reordered, dropped or inserted)"
    if entry.hash != chain_hash(prev, bytes(entry.event)):
        return ": hash does not cover its event (the event changed)"
    # Byte for byte as EventChain writes it: the pack must be reproducible from its events.
    if line != format_line(encode_compact(event), entry.hash, entry.prev):
        return " is not written as the pilot writes it (not the canonical encoding)"
    return event, entry.hash


def _cross_check(
    index: PackIndex,
    chain: _Chain,
    files: dict[str, bytes],
    listed: set[str],
    present: set[str],
    found: _Findings,
) -> None:
    """Rebuild every artifact from the events and compare bytes with what is stored."""
    written_by = next(
        (e.plan.product_version for e in chain.events if isinstance(e, RunStarted)), None
    )
    if written_by is not None and written_by != PRODUCT_VERSION:
        # Artifacts are rebuilt as this version renders them; another version's rendering
        # may differ, so a mismatch would say nothing about tampering.
        found.add(
            EVENTS,
            f"{EVENTS}: the pack was written by market-outlook-pilot {written_by}; "
            f"this is {PRODUCT_VERSION}, which cannot rebuild its artifacts: verify it with "
            f"version {written_by}",
        )
        return
    try:
        built = build_artifacts(chain.events, files[EVENTS], chain.head, index.signature)
    except (ValueError, LookupError, TypeError, AttributeError) as exc:
        # Edited events can break any assumption of the builders: a finding, not a crash.
        found.add(EVENTS, f"{EVENTS} does not describe a whole run: {exc}")
        return
    for name, data in sorted(built.files.items()):
        if name in found.flagged:
            continue
        stored = files.get(name)
        if stored is None:
            if name not in present:
                found.add(
                    name,
                    f"{name} is missing, though {EVENTS} holds the events it derives from",
                )
        elif stored != data:
            found.add(name, f"{name} does not match the events it was derived from")
    for name in sorted(listed - built.files.keys() - found.flagged):
        found.add(name, f"{name} is listed in the index, but the events derive no such artifact")


def _check_signature(
    index: PackIndex,
    index_bytes: bytes,
    files: dict[str, bytes],
    present: set[str],
    key: PublicKey | None,
    found: _Findings,
) -> _Signature:
    info = index.signature
    if info is None:
        if PACK_SIGNATURE in present:
            found.add(
                PACK_SIGNATURE,
                f"{PACK_SIGNATURE} is present, but the index records no signature",
            )
        if key is not None:
            found.add(
                INDEX,
                f"{INDEX} is unsigned; --public-key asks for a signature by key {key.key_id}",
            )
        return _Signature()
    if info.file != PACK_SIGNATURE:
        found.add(INDEX, f"{INDEX}: signature.file is {info.file!r}, not {PACK_SIGNATURE}")
    data = files.get(PACK_SIGNATURE)
    if data is None:
        if PACK_SIGNATURE not in found.flagged:
            found.add(
                PACK_SIGNATURE,
                f"{PACK_SIGNATURE} is missing; the index records a signature by key {info.key_id}",
            )
        return _Signature(signed=True, key_id=info.key_id)
    check = check_signature(
        data,
        signed_file=INDEX,
        data=index_bytes,
        expected_key_id=info.key_id,
        public_key=key,
    )
    for problem in check.problems:
        found.add(PACK_SIGNATURE, f"{PACK_SIGNATURE}: {problem}")
    return _Signature(signed=True, key_id=info.key_id, verified=check.verified)


# --- The review addendum ---------------------------------------------------------------


def _check_review(
    index: PackIndex,
    index_bytes: bytes,
    files: dict[str, bytes],
    key: PublicKey | None,
    found: _Findings,
) -> str | None:
    """Check ``operator_review.json`` when there is one; returns its decision."""
    data = files.get(REVIEW_JSON)
    if data is None:
        return None
    try:
        review = _review_decoder.decode(data)
    except msgspec.DecodeError as exc:
        found.add(
            REVIEW_JSON, f"{REVIEW_JSON} is not a valid review addendum: {_decode_problem(exc)}"
        )
        return None
    if review.pack_index_sha256 != sha256_prefixed(index_bytes):
        found.add(
            REVIEW_JSON,
            f"{REVIEW_JSON}: pack_index_sha256 is not the sha256 of {INDEX} "
            "(the review was of other index bytes)",
        )
    for name, value, expected in (
        ("evidence_pack_id", review.evidence_pack_id, index.evidence_pack_id),
        ("run_id", review.run_id, index.run_id),
    ):
        if value != expected:
            found.add(
                REVIEW_JSON, f"{REVIEW_JSON}: {name} {value!r} is not the pack's {expected!r}"
            )
    if review.addendum_digest != sha256_prefixed(_unsealed(data, review.addendum_digest)):
        found.add(
            REVIEW_JSON,
            f"{REVIEW_JSON}: addendum_digest does not match its content "
            "(edited after it was written)",
        )
    _check_review_report(review.report, files, found)
    _check_duration(review, found)
    signature = files.get(REVIEW_SIGNATURE)
    if signature is not None:
        check = check_signature(
            signature, signed_file=REVIEW_JSON, data=data, expected_key_id=None, public_key=key
        )
        for problem in check.problems:
            found.add(REVIEW_SIGNATURE, f"{REVIEW_SIGNATURE}: {problem}")
    return review.decision


def _check_orphans(present: set[str], found: _Findings) -> None:
    """A report or signature without ``operator_review.json`` is no addendum: refuse it."""
    if REVIEW_JSON in present:
        return
    for name in (REVIEW_REPORT, REVIEW_SIGNATURE):
        if name in present and name not in found.flagged:
            found.add(
                name,
                f"{name} without {REVIEW_JSON} is not a review addendum (left by an "
                "interrupted review, or planted)",
            )


def _unsealed(data: bytes, digest: str) -> bytes:
    """The addendum as it was digested: the same bytes with an empty ``addendum_digest``."""
    sealed = b'"addendum_digest": ' + msgspec.json.encode(digest)
    return data.replace(sealed, b'"addendum_digest": ""', 1)


def _check_review_report(report: ReportRef, files: dict[str, bytes], found: _Findings) -> None:
    if report.file != REVIEW_REPORT:
        found.add(
            REVIEW_JSON, f"{REVIEW_JSON}: report.file is {report.file!r}, not {REVIEW_REPORT}"
        )
        return
    html = files.get(REVIEW_REPORT)
    if html is None:
        if REVIEW_REPORT not in found.flagged:
            found.add(REVIEW_REPORT, f"{REVIEW_REPORT} is missing; {REVIEW_JSON} refers to it")
    elif len(html) != report.bytes or sha256_prefixed(html) != report.sha256:
        found.add(
            REVIEW_REPORT,
            f"{REVIEW_REPORT} does not match the sha256 and size {REVIEW_JSON} records",
        )


def _check_duration(review: ReviewAddendum, found: _Findings) -> None:
    try:
        elapsed = (
            datetime.fromisoformat(review.finished_at) - datetime.fromisoformat(review.started_at)
        ).total_seconds()
    except (ValueError, TypeError):
        found.add(
            REVIEW_JSON,
            f"{REVIEW_JSON}: started_at and finished_at are not two ISO-8601 times with a zone",
        )
        return
    # A millisecond of slack for float rounding; pilot review writes whole seconds.
    if not math.isclose(review.duration_seconds, elapsed, abs_tol=1e-3):
        found.add(
            REVIEW_JSON,
            f"{REVIEW_JSON}: duration_seconds {review.duration_seconds:g} is not "
            f"finished_at - started_at ({elapsed:g})",
        )
