"""Verifying evidence packs: the index, the files, the event chain, the rebuild, signatures.

A pack verifies when

1. its index decodes (typed) and is version 2.0;
2. it holds exactly the files the index lists, each with the recorded sha256 and size, plus
   only the allowed extras (the signature, the review addendum); no symlinks, no
   sub-directories, no name that could leave the pack;
3. ``events.jsonl`` chains from :data:`~orchestrator.events.GENESIS` to ``events_head``,
   hashing the exact bytes of each event as stored;
4. rebuilding every artifact from the decoded events (the same pure
   :func:`~orchestrator.artifacts.build_artifacts` the run used) gives the stored bytes, the
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
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, Final, Literal

import msgspec

from orchestrator.artifacts import (
    ARTIFACT_NAMES,
    EVIDENCE_PACK_VERSION,
    INDEX_NAME,
    build_artifacts,
)
from orchestrator.core.canonical import encode_compact, sha256_prefixed
from orchestrator.core.errors import UsageError
from orchestrator.core.version import PRODUCT_VERSION
from orchestrator.events import GENESIS, Event, chain_hash
from orchestrator.signing import (
    SIGNATURE_NAME,
    PublicKey,
    SigningInfo,
    check_signature,
    load_public_key,
)

__all__ = [
    "REVIEW_JSON",
    "REVIEW_REPORT",
    "REVIEW_SIGNATURE",
    "Finding",
    "PackReport",
    "find_packs",
    "verify_pack",
    "verify_path",
]

EVENTS_NAME: Final = "events.jsonl"
REVIEW_JSON: Final = "operator_review.json"
REVIEW_REPORT: Final = "operator_review.html"
REVIEW_SIGNATURE: Final = "operator_review.sig"
# Files a pack may hold beyond its index and the artifacts it lists.
EXTRA_NAMES: Final = frozenset({SIGNATURE_NAME, REVIEW_JSON, REVIEW_REPORT, REVIEW_SIGNATURE})
# Any of these in a folder makes the folder one pack (perhaps with its index deleted).
PACK_NAMES: Final = frozenset({INDEX_NAME, *ARTIFACT_NAMES, *EXTRA_NAMES})
DECISIONS: Final = ("APPROVE", "NEEDS_CHANGES", "REJECT")


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    """One failure: the file it is about and a sentence saying what is wrong."""

    file: str
    problem: str


class PackReport(msgspec.Struct, frozen=True, kw_only=True):
    """The verdict on one pack. ``signature_verified`` needs a public key."""

    path: str
    ok: bool
    signed: bool
    key_id: str | None
    signature_verified: bool
    review: str | None
    findings: tuple[Finding, ...]


# --- What is decoded -------------------------------------------------------------------


class ArtifactHash(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    sha256: str
    bytes: int


class MissingArtifact(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    artifact: str
    reason: str


class PackIndex(msgspec.Struct, frozen=True, kw_only=True):
    """The fields of ``evidence_pack.json`` verification relies on; the rebuild covers the rest."""

    evidence_pack_version: str
    evidence_pack_id: str
    run_id: str
    status: Literal["COMPLETE", "BLOCKED", "FAILED"]
    artifacts: tuple[str, ...]
    artifact_hashes: dict[str, ArtifactHash]
    events_head: str
    missing_artifacts: tuple[MissingArtifact, ...]
    signature: SigningInfo | None


class EventLine(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """One line of ``events.jsonl``; ``event`` stays raw so its exact bytes are hashed."""

    event: msgspec.Raw
    hash: str
    prev: str


class ReportRef(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    file: str
    sha256: str
    bytes: int


class ReviewAddendum(msgspec.Struct, frozen=True, kw_only=True):
    """``operator_review.json``, written by ``pilot review``; only the bindings are checked."""

    addendum_version: str
    evidence_pack_id: str
    run_id: str
    pack_index_sha256: str
    report: ReportRef
    decision: str
    notes: str
    reviewer: str
    started_at: str
    finished_at: str
    duration_seconds: float
    verification_at_review: dict[str, Any]
    addendum_digest: str


_index_decoder = msgspec.json.Decoder(PackIndex)
_line_decoder = msgspec.json.Decoder(EventLine)
_event_decoder = msgspec.json.Decoder(Event)
_review_decoder = msgspec.json.Decoder(ReviewAddendum)


# --- Entry points ----------------------------------------------------------------------


def verify_pack(path: Path, *, public_key: bytes | None = None) -> PackReport:
    """Verify one pack; ``public_key`` (PEM) makes a signature by that key mandatory."""
    if not path.is_dir():
        raise UsageError(f"{path} is not an evidence pack: no such directory")
    return _verify(path, _public_key(public_key))


def verify_path(path: Path, *, public_key: bytes | None = None) -> list[PackReport]:
    """Verify ``path`` as one pack, or every pack directly inside it (see :func:`find_packs`)."""
    key = _public_key(public_key)
    return [_verify(pack, key) for pack in find_packs(path)]


def find_packs(path: Path) -> list[Path]:
    """``path`` itself when it holds any pack file, else each sub-directory that does.

    A pack with its index deleted still counts (its other files give it away) and then
    fails verification. Hidden entries are skipped: they are packs being written
    (``pack_writer`` stages into ``.NAME.*``). A folder with no pack is a usage error,
    never a silent success.
    """
    if not path.is_dir():
        raise UsageError(f"{path} is not a directory of evidence packs: no such directory")
    if _holds_pack_files(path):
        return [path]
    with os.scandir(path) as entries:
        candidates = sorted(
            Path(entry.path)
            for entry in entries
            if not entry.name.startswith(".") and entry.is_dir()
        )
    packs = [candidate for candidate in candidates if _holds_pack_files(candidate)]
    if not packs:
        raise UsageError(f"{path} holds no evidence pack")
    return packs


def _holds_pack_files(path: Path) -> bool:
    # Directories do not count: a folder of packs may name them after anything.
    try:
        with os.scandir(path) as entries:
            return any(
                entry.name in PACK_NAMES and not entry.is_dir(follow_symlinks=False)
                for entry in entries
            )
    except OSError:
        return False


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
    files, present = _read_files(path, found)
    signature, review = _Signature(), None
    index_bytes = files.get(INDEX_NAME)
    index = _decode_index(index_bytes, found)
    if index is not None and index_bytes is not None:
        listed = _check_listing(index, files, present, found)
        chain = _check_chain(index, files.get(EVENTS_NAME), found)
        if chain is not None and EVENTS_NAME not in found.flagged:
            _cross_check(index, chain, files, listed, present, found)
        signature = _check_signature(index, index_bytes, files, present, key, found)
        review = _check_review(index, index_bytes, files, key, found)
    return PackReport(
        path=str(path),
        ok=not found.items,
        signed=signature.signed,
        key_id=signature.key_id,
        signature_verified=signature.verified,
        review=review,
        findings=tuple(found.items),
    )


def _read_files(path: Path, found: _Findings) -> tuple[dict[str, bytes], set[str]]:
    """The pack's regular files by name, and every name present (also the rejected ones)."""
    files: dict[str, bytes] = {}
    present: set[str] = set()
    try:
        with os.scandir(path) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        found.add(INDEX_NAME, f"the pack directory cannot be listed ({exc.strerror})")
        return files, present
    for entry in entries:
        present.add(entry.name)
        problem = _entry_problem(entry)
        if problem:
            found.add(entry.name, problem)
            continue
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
        if INDEX_NAME not in found.flagged:
            found.add(INDEX_NAME, f"{INDEX_NAME} is missing; without it nothing can be checked")
        return None
    try:
        index = _index_decoder.decode(data)
    except msgspec.DecodeError as exc:
        found.add(INDEX_NAME, f"{INDEX_NAME} is not a valid evidence-pack index: {exc}")
        return None
    if index.evidence_pack_version != EVIDENCE_PACK_VERSION:
        found.add(
            INDEX_NAME,
            f"{INDEX_NAME} has evidence_pack_version {index.evidence_pack_version!r}; "
            f"this verifier reads {EVIDENCE_PACK_VERSION!r}",
        )
        return None
    return index


def _escapes(name: str) -> bool:
    """A name that is not one plain file name inside the pack."""
    return not name or name in (".", "..") or any(c in name for c in "/\\\0") or os.path.isabs(name)


def _check_listing(
    index: PackIndex, files: dict[str, bytes], present: set[str], found: _Findings
) -> set[str]:
    """Listed files present with the recorded hash and size; nothing unlisted. Returns the listed."""
    if list(index.artifacts) != sorted(set(index.artifacts)):
        found.add(INDEX_NAME, f"{INDEX_NAME}: artifacts is not a sorted list of distinct names")
    listed = set(index.artifacts) | set(index.artifact_hashes)
    for name in sorted(listed):
        if _escapes(name):
            found.add(
                name,
                f"{name!r} is listed in the index but is not a plain file name in the pack "
                "(path escape)",
            )
            continue
        if name == INDEX_NAME:
            found.add(INDEX_NAME, f"{INDEX_NAME} lists itself as an artifact")
            continue
        entry = index.artifact_hashes.get(name)
        if entry is None or name not in index.artifacts:
            where = "artifact_hashes" if entry is None else "artifacts"
            found.add(name, f"{name} is listed in the index but has no entry in {where}")
        if name not in present:
            found.add(name, f"{name} is listed in the index but missing")
        elif name in files and entry is not None:
            _check_hash(name, files[name], entry, found)
    for name in sorted(present - listed - EXTRA_NAMES - {INDEX_NAME}):
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

    events: list[Event]
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
        found.add(EVENTS_NAME, f"{EVENTS_NAME} does not end with a newline (truncated)")
        return None
    if len(lines) == 1:
        found.add(EVENTS_NAME, f"{EVENTS_NAME} is empty; a run has at least two events")
        return None
    events: list[Event] = []
    prev = GENESIS
    for number, line in enumerate(lines[:-1], start=1):
        checked = _check_line(line, number, prev)
        if isinstance(checked, str):
            found.add(EVENTS_NAME, f"{EVENTS_NAME} line {number}{checked}")
            return None
        event, prev = checked
        events.append(event)
    if prev != index.events_head:
        found.add(
            INDEX_NAME,
            f"{INDEX_NAME}: events_head {index.events_head} is not the end of the "
            f"{EVENTS_NAME} chain ({prev})",
        )
    return _Chain(events=events, head=prev)


def _check_line(line: bytes, number: int, prev: str) -> tuple[Event, str] | str:
    """One line checked against the previous hash: its event and hash, or what is wrong."""
    try:
        entry = _line_decoder.decode(line)
        event = _event_decoder.decode(entry.event)
    except msgspec.DecodeError as exc:
        return f" is not a valid event: {exc}"
    if entry.prev != prev:
        after = "the genesis hash" if number == 1 else f"the hash of line {number - 1}"
        return f": prev is not {after} (lines reordered, dropped or inserted)"
    if entry.hash != chain_hash(prev, bytes(entry.event)):
        return ": hash does not cover its event (the event changed)"
    # Byte for byte as EventChain writes it: the pack must be reproducible from its events.
    canonical = b'{"event":%b,"hash":"%b","prev":"%b"}' % (
        encode_compact(event),
        entry.hash.encode("ascii"),
        entry.prev.encode("ascii"),
    )
    if line != canonical:
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
    written_by = next((e.plan.product_version for e in chain.events if e.plan is not None), None)
    if written_by is not None and written_by != PRODUCT_VERSION:
        # Artifacts are rebuilt as this version renders them; another version's rendering
        # may differ, so a mismatch would say nothing about tampering.
        found.add(
            EVENTS_NAME,
            f"{EVENTS_NAME}: the pack was written by market-outlook-pilot {written_by}; "
            f"this is {PRODUCT_VERSION}, which cannot rebuild its artifacts: verify it with "
            f"version {written_by}",
        )
        return
    try:
        built = build_artifacts(chain.events, files[EVENTS_NAME], chain.head, index.signature)
    except (ValueError, LookupError, TypeError, AttributeError) as exc:
        # Edited events can break any assumption of the builders: a finding, not a crash.
        found.add(EVENTS_NAME, f"{EVENTS_NAME} does not describe a whole run: {exc}")
        return
    for name, data in sorted(built.files.items()):
        if name in found.flagged:
            continue
        stored = files.get(name)
        if stored is None:
            if name not in present:
                found.add(
                    name,
                    f"{name} is missing, though {EVENTS_NAME} holds the events it derives from",
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
        if SIGNATURE_NAME in present:
            found.add(
                SIGNATURE_NAME,
                f"{SIGNATURE_NAME} is present, but the index records no signature",
            )
        if key is not None:
            found.add(
                INDEX_NAME,
                f"{INDEX_NAME} is unsigned; --public-key asks for a signature by key {key.key_id}",
            )
        return _Signature()
    if info.file != SIGNATURE_NAME:
        found.add(
            INDEX_NAME, f"{INDEX_NAME}: signature.file is {info.file!r}, not {SIGNATURE_NAME}"
        )
    data = files.get(SIGNATURE_NAME)
    if data is None:
        if SIGNATURE_NAME not in found.flagged:
            found.add(
                SIGNATURE_NAME,
                f"{SIGNATURE_NAME} is missing; the index records a signature by key {info.key_id}",
            )
        return _Signature(signed=True, key_id=info.key_id)
    check = check_signature(
        data,
        signed_file=INDEX_NAME,
        data=index_bytes,
        expected_key_id=info.key_id,
        public_key=key,
    )
    for problem in check.problems:
        found.add(SIGNATURE_NAME, f"{SIGNATURE_NAME}: {problem}")
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
        found.add(REVIEW_JSON, f"{REVIEW_JSON} is not a valid review addendum: {exc}")
        return None
    if review.pack_index_sha256 != sha256_prefixed(index_bytes):
        found.add(
            REVIEW_JSON,
            f"{REVIEW_JSON}: pack_index_sha256 is not the sha256 of {INDEX_NAME} "
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
    if review.decision not in DECISIONS:
        found.add(
            REVIEW_JSON,
            f"{REVIEW_JSON}: decision {review.decision!r} is not one of {', '.join(DECISIONS)}",
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
