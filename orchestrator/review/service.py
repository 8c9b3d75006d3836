"""``pilot review``: an operator reviews an evidence pack and records a decision.

The review reads the pack (:mod:`orchestrator.review.view`), checks it with ``pilot
verify``'s :func:`~orchestrator.evidence.verify.verify_pack`, renders one self-contained
HTML report (:mod:`orchestrator.review.html`) and records the operator's decision in an
addendum, the only thing ever added to an existing pack:

- ``operator_review.html`` — the report exactly as the operator read it;
- ``operator_review.sig`` — an Ed25519 signature over ``operator_review.json``, when a
  signing key is configured;
- ``operator_review.json`` — the decision, bound to the index (sha256 of the exact
  ``evidence_pack.json`` bytes) and to the report (sha256 and size).

While the operator reads, the report is a temporary file outside the pack, removed on every
way out. The addendum is written under an exclusive lock on the pack, each file atomically
and read-only, the JSON last: its presence means the addendum is complete, and a pack that
has one is not reviewed again. An interrupted commit removes what it wrote.

Decisions: APPROVE needs a pack that verifies and a run that COMPLETED — a blocked or
failed run has no outlook to approve, so its review is NEEDS_CHANGES or REJECT.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final, Literal, NamedTuple

import msgspec

from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.clock import Clock, parse_instant
from orchestrator.core.errors import Aborted, EvidenceWriteError, UsageError
from orchestrator.core.fileio import READ_ONLY, write_new_file
from orchestrator.core.interrupts import deferred
from orchestrator.evidence import names
from orchestrator.evidence.schema import (
    ADDENDUM_VERSION,
    ReportRef,
    ReviewAddendum,
    ReviewDecision,
    VerificationRecord,
)
from orchestrator.evidence.signing import Signer, load_signer
from orchestrator.evidence.verify import verify_pack
from orchestrator.review.console import Console
from orchestrator.review.html import render_report
from orchestrator.review.view import PackView, load_pack

__all__ = [
    "DECISIONS",
    "DecisionFlag",
    "ReviewOptions",
    "ReviewResult",
    "review_pack",
    "seal_addendum",
    "write_report",
]

DecisionFlag = Literal["approve", "needs-changes", "reject"]
DECISIONS: Final[dict[DecisionFlag, ReviewDecision]] = {
    "approve": "APPROVE",
    "needs-changes": "NEEDS_CHANGES",
    "reject": "REJECT",
}


@dataclass(frozen=True)
class ReviewOptions:
    """One review. Without ``decision`` the operator is asked on the console."""

    pack: Path
    decision: DecisionFlag | None = None
    notes: str | None = None
    reviewer: str | None = None
    started_at: str | None = None  # with ``decision``: when the operator opened the pack
    signing_key: Path | None = None
    public_key: bytes | None = None  # PEM: the pack must carry a valid signature by it


@dataclass(frozen=True)
class ReviewResult:
    report: Path
    verification: VerificationRecord
    addendum: ReviewAddendum | None = None
    addendum_path: Path | None = None
    signature_path: Path | None = None


def seal_addendum(addendum: ReviewAddendum) -> bytes:
    """The addendum's bytes with ``addendum_digest`` set: the sha256 of the same document
    encoded with an empty digest. An edit that does not redo the digest is caught by verify;
    a signature (``operator_review.sig``) is what protects against one that does."""
    blank = encode_pretty(msgspec.structs.replace(addendum, addendum_digest=""))
    return encode_pretty(msgspec.structs.replace(addendum, addendum_digest=sha256_prefixed(blank)))


def review_pack(
    options: ReviewOptions,
    *,
    clock: Clock,
    console: Console,
    environ: Mapping[str, str] | None = None,
) -> ReviewResult:
    """Render the report, record the operator's decision and add the addendum to the pack."""
    pack = load_pack(options.pack)
    # Everything that can fail on input is checked before the first byte is written.
    signer = _load_signer(options, os.environ if environ is None else environ)
    if options.decision is None and not console.interactive:
        raise UsageError(
            "pilot review needs a terminal to ask for the decision; without one pass "
            "--decision approve|needs-changes|reject with --notes and --reviewer"
        )
    with _exclusive(options.pack):
        _refuse_reviewed(options.pack)
        verification = _verify(options.pack, options.public_key)
        html = render_report(pack, verification).encode("utf-8")
        if options.decision is not None:
            record = _decided(options, pack, verification, clock)
        else:
            record = _ask_operator(options, pack, verification, clock, console, html)
        addendum = ReviewAddendum(
            addendum_version=ADDENDUM_VERSION,
            evidence_pack_id=pack.index.evidence_pack_id,
            run_id=pack.index.run_id,
            pack_index_sha256=sha256_prefixed(pack.index_bytes),
            report=ReportRef(
                file=names.REVIEW_REPORT, sha256=sha256_prefixed(html), bytes=len(html)
            ),
            decision=record.decision,
            notes=record.notes,
            reviewer=record.reviewer,
            started_at=record.started.isoformat(),
            finished_at=record.finished.isoformat(),
            duration_seconds=int((record.finished - record.started).total_seconds()),
            verification_at_review=verification,
        )
        data = seal_addendum(addendum)
        signature = signer.sign(data, signed_file=names.REVIEW_JSON) if signer else None
        # Held signals: an interrupted commit leaves the whole addendum or none of it.
        with deferred():
            report, signature_path, addendum_path = _commit(options.pack, html, signature, data)
    return ReviewResult(
        report=report,
        verification=verification,
        addendum=addendum,
        addendum_path=addendum_path,
        signature_path=signature_path,
    )


def write_report(
    pack_dir: Path, html_file: Path, *, public_key: bytes | None = None
) -> ReviewResult:
    """Only the report, to ``html_file`` outside the pack; no decision is recorded."""
    target = html_file.absolute()
    if target.resolve().is_relative_to(pack_dir.resolve()):
        raise UsageError(
            f"--html {html_file} is inside the pack; only the addendum is ever added to a pack"
        )
    pack = load_pack(pack_dir)
    verification = _verify(pack_dir, public_key)
    html = render_report(pack, verification).encode("utf-8")
    if not target.parent.is_dir():
        raise UsageError(f"--html {html_file}: {target.parent} is not a directory")
    # Never replaces an existing file, and never writes through a symlink.
    write_new_file(target, html, what="--html", mode=0o644, error=UsageError)
    return ReviewResult(report=target, verification=verification)


@contextlib.contextmanager
def _exclusive(pack: Path) -> Iterator[None]:
    """One review of a pack at a time: an advisory lock on the pack directory."""
    fd = os.open(pack, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise UsageError(
                f"{pack} is being reviewed by another pilot review right now; "
                "a pack is reviewed once"
            ) from None
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _refuse_reviewed(pack: Path) -> None:
    if (pack / names.REVIEW_JSON).exists():
        raise UsageError(
            f"{pack} was already reviewed ({names.REVIEW_JSON} exists); "
            "a pack is reviewed once and its addendum is never replaced"
        )


def _commit(
    pack: Path, html: bytes, signature: bytes | None, data: bytes
) -> tuple[Path, Path | None, Path]:
    """Write the addendum: report, signature, then the JSON that completes it.

    Called under the pack's lock with no ``operator_review.json`` present, so a report or
    signature found here is debris of a review that died before its commit point.
    """
    for debris in (names.REVIEW_REPORT, names.REVIEW_SIGNATURE):
        (pack / debris).unlink(missing_ok=True)
    written: list[Path] = []
    try:
        written.append(_write(pack / names.REVIEW_REPORT, html))
        if signature is not None:
            written.append(_write(pack / names.REVIEW_SIGNATURE, signature))
        addendum = _write(pack / names.REVIEW_JSON, data)
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written[0], (written[1] if signature is not None else None), addendum


def _write(path: Path, data: bytes) -> Path:
    return write_new_file(path, data, what="review file", mode=READ_ONLY, error=EvidenceWriteError)


class _Record(NamedTuple):
    """The operator's decision and when the review started and ended."""

    decision: ReviewDecision
    notes: str
    reviewer: str
    started: datetime
    finished: datetime


def _decided(
    options: ReviewOptions, pack: PackView, verification: VerificationRecord, clock: Clock
) -> _Record:
    """The decision as given on the command line, checked."""
    assert options.decision is not None
    decision = DECISIONS[options.decision]
    finished = _to_second(clock.now())
    if options.started_at is None:
        started = finished
    else:
        started = _to_second(parse_instant(options.started_at, source="--started-at"))
        _check_started(options.started_at, started, finished, pack)
    problem = _decision_problem(decision, pack, verification)
    if problem:
        raise UsageError(problem)
    reviewer = (options.reviewer or "").strip()
    if not reviewer:
        raise UsageError("--reviewer NAME is required: the addendum records who decided")
    notes = (options.notes or "").strip()
    if decision != "APPROVE" and not notes:
        raise UsageError(f"--notes TEXT is required for {options.decision}: say what is wrong")
    return _Record(decision, notes, reviewer, started, finished)


def _check_started(given: str, started: datetime, finished: datetime, pack: PackView) -> None:
    if started > finished:
        raise UsageError(
            f"--started-at {given} is after now ({finished.isoformat()}); "
            "it is when the operator opened the pack"
        )
    created = datetime.fromisoformat(pack.index.creation_timestamp)
    if started < created:
        raise UsageError(
            f"--started-at {given} is before the pack was created ({created.isoformat()}); "
            "it is when the operator opened the pack"
        )


def _decision_problem(
    decision: ReviewDecision, pack: PackView, verification: VerificationRecord
) -> str:
    if decision != "APPROVE":
        return ""
    # An approval of a pack whose evidence does not verify would approve unknown content.
    if not verification.ok:
        return (
            "the pack does not verify, so it cannot be approved; "
            "record needs-changes or reject instead"
        )
    if pack.index.status != "COMPLETE":
        return (
            f"the run is {pack.index.status}: it has no outlook to approve; "
            "record needs-changes or reject instead"
        )
    return ""


def _ask_operator(
    options: ReviewOptions,
    pack: PackView,
    verification: VerificationRecord,
    clock: Clock,
    console: Console,
    html: bytes,
) -> _Record:
    """Interactive: the operator reads a temporary copy of the report and answers."""
    with _reading_copy(pack, html) as report:
        started = _to_second(clock.now())
        console.say(f"report: {report}")
        console.say("Open the report, review the pack, then record your decision (Ctrl-C aborts).")
        try:
            decision = _ask_decision(console, pack, verification)
            notes = (options.notes or "").strip() or _ask_notes(console, decision)
            reviewer = (options.reviewer or "").strip() or _ask_required(console, "Reviewer: ")
        except (KeyboardInterrupt, EOFError):
            raise Aborted(
                "review aborted: no decision was recorded and the pack is unchanged"
            ) from None
        finished = _to_second(clock.now())
    return _Record(decision, notes, reviewer, started, finished)


@contextlib.contextmanager
def _reading_copy(pack: PackView, html: bytes) -> Iterator[Path]:
    """The report in a private temporary file, removed on every way out."""
    fd, name = tempfile.mkstemp(prefix=f"pilot-review-{pack.path.name}-", suffix=".html")
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(html)
        yield path
    finally:
        path.unlink(missing_ok=True)


_ANSWERS: Final[dict[str, ReviewDecision]] = {
    "a": "APPROVE",
    "approve": "APPROVE",
    "n": "NEEDS_CHANGES",
    "needs changes": "NEEDS_CHANGES",
    "needs-changes": "NEEDS_CHANGES",
    "r": "REJECT",
    "reject": "REJECT",
}


def _ask_decision(
    console: Console, pack: PackView, verification: VerificationRecord
) -> ReviewDecision:
    while True:
        answer = console.ask("Decision — [a]pprove, [n]eeds changes, [r]eject: ")
        decision = _ANSWERS.get(" ".join(answer.lower().split()))
        if decision is None:
            console.say("Please answer approve, needs changes or reject.")
            continue
        problem = _decision_problem(decision, pack, verification)
        if not problem:
            return decision
        console.say(problem[0].upper() + problem[1:] + ".")


def _ask_notes(console: Console, decision: ReviewDecision) -> str:
    if decision == "APPROVE":
        return console.ask("Notes (optional): ").strip()
    return _ask_required(console, "Notes (what needs to change, or why it is rejected): ")


def _ask_required(console: Console, question: str) -> str:
    while True:
        answer = console.ask(question).strip()
        if answer:
            return answer
        console.say("This is required.")


def _to_second(instant: datetime) -> datetime:
    # Whole seconds, so that duration_seconds is exactly finished_at - started_at.
    return instant.replace(microsecond=0)


def _load_signer(options: ReviewOptions, env: Mapping[str, str]) -> Signer | None:
    return load_signer(options.signing_key, environ=env)


def _verify(pack: Path, public_key: bytes | None) -> VerificationRecord:
    report = verify_pack(pack, public_key=public_key)
    return VerificationRecord(
        ok=report.ok, signed=report.signed, key_id=report.key_id, findings=report.findings
    )
