"""``pilot review``: an operator reviews an evidence pack and records a decision.

The review reads the pack (typed, but leniently: a damaged pack must still be shown),
checks it with :func:`orchestrator.evidence.verify.verify_pack`, renders one self-contained HTML
report (:mod:`orchestrator.review_html`) and records the operator's decision in an
addendum. The addendum is the only thing ever added to an existing pack:

- ``operator_review.html`` — the report exactly as the operator read it;
- ``operator_review.sig`` — an Ed25519 signature over ``operator_review.json``, when a
  signing key is configured;
- ``operator_review.json`` — the decision, bound to the index (sha256 of the exact
  ``evidence_pack.json`` bytes) and to the report (sha256 and size).

Each file is written atomically (a temporary file in the pack, then a rename) and made
read-only. The JSON is written last and never overwrites: its presence means the addendum
is complete, and a pack that has one is not reviewed again. A report or signature left
behind without a JSON (a crash, an aborted review) is not an addendum and is replaced.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal, NamedTuple, Protocol, TypeVar

import msgspec

from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.clock import Clock, parse_instant
from orchestrator.core.errors import Aborted, EvidenceWriteError, IntegrityError, UsageError
from orchestrator.core.fileio import fsync_dir
from orchestrator.evidence.names import INDEX as INDEX_NAME
from orchestrator.review_html import render_report
from policies.findings import Violation

if TYPE_CHECKING:
    from orchestrator.evidence.signing import Signer

__all__ = [
    "ADDENDUM_NAME",
    "ADDENDUM_VERSION",
    "REPORT_NAME",
    "SIGNATURE_NAME",
    "Addendum",
    "Console",
    "PackView",
    "ReviewOptions",
    "ReviewResult",
    "TerminalConsole",
    "VerificationRecord",
    "load_pack",
    "review_pack",
]

ADDENDUM_VERSION: Final = "1.0"
REPORT_NAME: Final = "operator_review.html"
ADDENDUM_NAME: Final = "operator_review.json"
SIGNATURE_NAME: Final = "operator_review.sig"
# The pilot KPI: an operator reviews a pack in under 15 minutes.
REVIEW_TARGET_SECONDS: Final = 15 * 60

Decision = Literal["APPROVE", "NEEDS_CHANGES", "REJECT"]
DECISIONS: Final[dict[str, Decision]] = {
    "approve": "APPROVE",
    "needs-changes": "NEEDS_CHANGES",
    "reject": "REJECT",
}
_READ_ONLY: Final = stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH


# --- What the review reads from a pack -------------------------------------------------
# Views, not the writer's types: they name only what the report shows and ignore the
# rest, so that a pack from another version, or a damaged one, can still be reviewed.


class _View(msgspec.Struct, frozen=True, kw_only=True):
    """Base of the read-only views of pack files."""


class RoleSummary(_View, frozen=True, kw_only=True):
    model_id: str | None = None
    status: str = "UNKNOWN"


class IndexView(_View, frozen=True, kw_only=True):
    """``evidence_pack.json``."""

    evidence_pack_id: str
    run_id: str
    mode: str
    status: str
    exit_code: int
    creation_timestamp: str
    layer_id: str = ""
    layer_name: str = ""
    outcome_reasons: tuple[str, ...] = ()
    scope_id: str = ""
    scope_version: str = ""
    events_head: str = ""
    proposer: RoleSummary = RoleSummary()
    critic: RoleSummary = RoleSummary()
    artifacts: tuple[str, ...] = ()


class ScenarioRef(_View, frozen=True, kw_only=True):
    id: str
    description: str = ""


class ModelRef(_View, frozen=True, kw_only=True):
    model_id: str
    provider: str = ""


class ModelsView(_View, frozen=True, kw_only=True):
    proposer: ModelRef | None = None
    fallbacks: tuple[ModelRef, ...] = ()
    critic: ModelRef | None = None


class ManifestView(_View, frozen=True, kw_only=True):
    """``run_manifest.json``."""

    clock: str
    scenario: ScenarioRef | None = None
    models: ModelsView = ModelsView()


class UsageView(_View, frozen=True, kw_only=True):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0


class CallView(_View, frozen=True, kw_only=True):
    run_id: str = ""
    returned_model: str | None = None
    cost_usd: float = 0.0
    usage: UsageView = UsageView()
    latency_ms: int | None = None


class ProposerView(_View, frozen=True, kw_only=True):
    """``proposer_output.json``; ``outputs`` stay raw, so forbidden types can be shown."""

    status: str
    model_id: str | None = None
    reason: str | None = None
    format: str | None = None
    outputs: tuple[dict[str, Any], ...] = ()
    raw_content: str | None = None
    output_hash: str | None = None
    call: CallView | None = None


class CriticView(_View, frozen=True, kw_only=True):
    """``critic_output.json``."""

    status: str
    model_id: str | None = None
    reason: str | None = None
    format: str | None = None
    decision: str | None = None
    parse_error: str | None = None
    rationale: str | None = None
    suggested_changes: tuple[str, ...] = ()
    evidence_ids: tuple[str, ...] = ()
    proposal_ref: str | None = None
    raw_content: str | None = None
    call: CallView | None = None


class SodRuleView(_View, frozen=True, kw_only=True):
    rule: str
    result: str
    reason: str = ""
    warnings: tuple[str, ...] = ()


class SodView(_View, frozen=True, kw_only=True):
    """``sod_check.json``."""

    result: str
    reason: str = ""
    rules: tuple[SodRuleView, ...] = ()


class ScopeView(_View, frozen=True, kw_only=True):
    """``capability_scope_check.json``."""

    result: str
    scope_id: str = ""
    scope_version: str = ""
    violations: tuple[Violation, ...] = ()
    checked_outputs: tuple[str, ...] = ()
    reason: str | None = None


class MessageView(_View, frozen=True, kw_only=True):
    kind: str
    sender: str = ""
    recipient: str = ""


class VerdictView(_View, frozen=True, kw_only=True):
    message_kind: str
    allowed: bool
    reasons: tuple[str, ...] = ()


class OutcomeView(_View, frozen=True, kw_only=True):
    status: str
    exit_code: int
    stage: str = ""
    reasons: tuple[str, ...] = ()


class PlanView(_View, frozen=True, kw_only=True):
    mode: str = ""
    per_run_limit_usd: float | None = None


class EventView(_View, frozen=True, kw_only=True):
    seq: int
    at: str
    type: str
    message: MessageView | None = None
    verdict: VerdictView | None = None
    outcome: OutcomeView | None = None
    plan: PlanView | None = None


class _EventLine(_View, frozen=True, kw_only=True):
    event: EventView


@dataclass(frozen=True)
class PackView:
    """Everything the report shows; a file that could not be read is None, with a problem."""

    path: Path
    index: IndexView
    index_bytes: bytes
    manifest: ManifestView | None
    proposer: ProposerView | None
    critic: CriticView | None
    sod: SodView | None
    scope: ScopeView | None
    events: tuple[EventView, ...]
    problems: tuple[str, ...]

    @property
    def per_run_limit_usd(self) -> float | None:
        return next((e.plan.per_run_limit_usd for e in self.events if e.plan is not None), None)


_V = TypeVar("_V", bound=_View)


def load_pack(pack: Path) -> PackView:
    """Read a pack for review; exit 1 when it is not a pack, exit 5 when its index is unreadable."""
    if not pack.is_dir():
        raise UsageError(f"{pack} is not an evidence pack: no such directory")
    index_path = pack / INDEX_NAME
    try:
        index_bytes = index_path.read_bytes()
    except FileNotFoundError:
        raise UsageError(f"{pack} is not an evidence pack: it has no {INDEX_NAME}") from None
    except OSError as exc:
        raise UsageError(f"{index_path} cannot be read: {exc.strerror}") from exc
    try:
        index = msgspec.json.decode(index_bytes, type=IndexView)
    except msgspec.MsgspecError as exc:
        raise IntegrityError(f"{index_path} is not a valid evidence-pack index: {exc}") from exc
    problems: list[str] = []
    return PackView(
        path=pack,
        index=index,
        index_bytes=index_bytes,
        manifest=_read(pack, "run_manifest.json", ManifestView, problems),
        proposer=_read(pack, "proposer_output.json", ProposerView, problems),
        critic=_read(pack, "critic_output.json", CriticView, problems),
        sod=_read(pack, "sod_check.json", SodView, problems),
        scope=_read(pack, "capability_scope_check.json", ScopeView, problems),
        events=_read_events(pack, problems),
        problems=tuple(problems),
    )


def _read(pack: Path, name: str, view: type[_V], problems: list[str]) -> _V | None:
    # A missing or garbled artifact is shown as such in the report instead of aborting the
    # review: the operator must see a damaged pack in order to reject it.
    try:
        return msgspec.json.decode((pack / name).read_bytes(), type=view)
    except FileNotFoundError:
        problems.append(f"{name}: missing")
    except OSError as exc:
        problems.append(f"{name}: cannot be read ({exc.strerror})")
    except msgspec.MsgspecError as exc:
        problems.append(f"{name}: cannot be decoded ({exc})")
    return None


def _read_events(pack: Path, problems: list[str]) -> tuple[EventView, ...]:
    try:
        data = (pack / "events.jsonl").read_bytes()
    except OSError as exc:
        problems.append(f"events.jsonl: cannot be read ({exc.strerror})")
        return ()
    events: list[EventView] = []
    for number, line in enumerate(data.splitlines(), start=1):
        try:
            events.append(msgspec.json.decode(line, type=_EventLine).event)
        except msgspec.MsgspecError as exc:
            problems.append(f"events.jsonl line {number}: cannot be decoded ({exc})")
    return tuple(events)


# --- The addendum -----------------------------------------------------------------------


class Finding(msgspec.Struct, frozen=True, kw_only=True):
    file: str
    problem: str


class VerificationRecord(msgspec.Struct, frozen=True, kw_only=True):
    """What verify_pack said about the pack when the operator reviewed it."""

    ok: bool
    signed: bool
    key_id: str | None
    findings: tuple[Finding, ...]


class ReportRef(msgspec.Struct, frozen=True, kw_only=True):
    file: str
    sha256: str
    bytes: int


class Addendum(msgspec.Struct, frozen=True, kw_only=True):
    """``operator_review.json``: the operator's decision on one pack."""

    addendum_version: str
    evidence_pack_id: str
    run_id: str
    pack_index_sha256: str
    report: ReportRef
    decision: Decision
    notes: str
    reviewer: str
    started_at: str
    finished_at: str
    duration_seconds: int
    verification_at_review: VerificationRecord
    addendum_digest: str = ""


def seal_addendum(addendum: Addendum) -> bytes:
    """The addendum's bytes with ``addendum_digest`` set: the sha256 of the same document
    encoded with an empty digest. An edit that does not redo the digest is caught by verify;
    a signature (``operator_review.sig``) is what protects against one that does."""
    blank = encode_pretty(msgspec.structs.replace(addendum, addendum_digest=""))
    return encode_pretty(msgspec.structs.replace(addendum, addendum_digest=sha256_prefixed(blank)))


# --- The review -------------------------------------------------------------------------


class Console(Protocol):
    """Where the review talks to the operator; tests inject a scripted one."""

    @property
    def interactive(self) -> bool: ...

    def say(self, text: str) -> None: ...

    def ask(self, question: str) -> str: ...


class TerminalConsole:
    """The terminal: interactive when stdin is a TTY."""

    @property
    def interactive(self) -> bool:
        return sys.stdin.isatty()

    def say(self, text: str) -> None:
        print(text, flush=True)

    def ask(self, question: str) -> str:
        return input(question)


@dataclass(frozen=True)
class ReviewOptions:
    pack: Path
    decision: str | None = None  # approve | needs-changes | reject; None asks on a TTY
    notes: str | None = None
    reviewer: str | None = None
    started_at: str | None = None
    report_only: bool = False
    html: Path | None = None
    signing_key: Path | None = None
    public_key: bytes | None = None  # PEM: the pack must carry a valid signature by it


@dataclass(frozen=True)
class ReviewResult:
    report: Path
    verification: VerificationRecord
    addendum: Addendum | None = None
    addendum_path: Path | None = None
    signature_path: Path | None = None

    def summary(self) -> list[str]:
        """The lines ``pilot review`` prints."""
        lines = [f"verification: {_verification_line(self.verification)}"]
        if self.addendum is None:
            return [*lines, f"report: {self.report}"]
        minutes = self.addendum.duration_seconds / 60
        over = self.addendum.duration_seconds >= REVIEW_TARGET_SECONDS
        lines += [
            f"decision: {self.addendum.decision}",
            f"duration: {minutes:.1f} min" + (" (over the 15-minute target)" if over else ""),
            f"addendum: {self.addendum_path}",
            f"report: {self.report}",
        ]
        if self.signature_path is not None:
            lines.append(f"signature: {self.signature_path}")
        return lines


def _verification_line(verification: VerificationRecord) -> str:
    signed = f"signed, key {verification.key_id}" if verification.signed else "unsigned"
    if verification.ok:
        return f"OK ({signed})"
    files = ", ".join(sorted({f.file for f in verification.findings})) or "the pack"
    return f"FAILED ({signed}): {files}"


def review_pack(
    options: ReviewOptions,
    *,
    clock: Clock,
    console: Console,
    environ: Mapping[str, str] | None = None,
) -> ReviewResult:
    """Render the report and, unless ``report_only``, record the operator's decision."""
    _check_options(options)
    env = os.environ if environ is None else environ
    if options.report_only:
        return _report_only(options)
    pack = load_pack(options.pack)
    if (options.pack / ADDENDUM_NAME).exists():
        raise UsageError(
            f"{options.pack} was already reviewed ({ADDENDUM_NAME} exists); "
            "a pack is reviewed once and its addendum is never replaced"
        )
    # Everything that can fail on input is checked before the first byte is written.
    signer = _load_signer(options, env)
    if options.decision is None and not console.interactive:
        raise UsageError(
            "pilot review needs a terminal to ask for the decision; without one pass "
            "--decision approve|needs-changes|reject with --notes and --reviewer"
        )
    verification = _verify(options.pack, options.public_key)
    html = render_report(pack, verification).encode("utf-8")
    if options.decision is not None:
        record = _decided(options, verification, clock)
        report = _write_file(options.pack, REPORT_NAME, html, replace=True)
    else:
        report = _write_file(options.pack, REPORT_NAME, html, replace=True)
        record = _ask_operator(options, verification, clock, console, report)
    addendum = Addendum(
        addendum_version=ADDENDUM_VERSION,
        evidence_pack_id=pack.index.evidence_pack_id,
        run_id=pack.index.run_id,
        pack_index_sha256=sha256_prefixed(pack.index_bytes),
        report=ReportRef(file=REPORT_NAME, sha256=sha256_prefixed(html), bytes=len(html)),
        decision=record.decision,
        notes=record.notes,
        reviewer=record.reviewer,
        started_at=record.started.isoformat(),
        finished_at=record.finished.isoformat(),
        duration_seconds=int((record.finished - record.started).total_seconds()),
        verification_at_review=verification,
    )
    data = seal_addendum(addendum)
    signature_path = None
    if signer is not None:
        # The signature goes before the JSON: the JSON is the commit point of the addendum.
        signature = signer.sign(data, signed_file=ADDENDUM_NAME)
        signature_path = _write_file(options.pack, SIGNATURE_NAME, signature, replace=True)
    addendum_path = _write_file(options.pack, ADDENDUM_NAME, data, replace=False)
    return ReviewResult(
        report=report,
        verification=verification,
        addendum=addendum,
        addendum_path=addendum_path,
        signature_path=signature_path,
    )


def _check_options(options: ReviewOptions) -> None:
    if options.html is not None and not options.report_only:
        raise UsageError(
            "--html FILE is for --report-only; a review writes its report into the pack"
        )
    if not options.report_only:
        if options.decision is not None and options.decision not in DECISIONS:
            raise UsageError(
                f"--decision {options.decision!r} is not one of approve, needs-changes, reject"
            )
        if options.started_at is not None and options.decision is None:
            # Asked on a terminal, the review starts when the report is written.
            raise UsageError("--started-at goes with --decision")
        return
    if options.html is None:
        raise UsageError(
            "--report-only needs --html FILE, outside the pack, to write the report to"
        )
    given = [
        flag
        for flag, value in (
            ("--decision", options.decision),
            ("--notes", options.notes),
            ("--reviewer", options.reviewer),
            ("--started-at", options.started_at),
        )
        if value is not None
    ]
    if given:
        raise UsageError(f"--report-only records no decision; drop {', '.join(given)}")


def _report_only(options: ReviewOptions) -> ReviewResult:
    assert options.html is not None  # checked by _check_options
    target = options.html.resolve()
    if target.is_relative_to(options.pack.resolve()):
        raise UsageError(
            f"--html {options.html} is inside the pack; only the addendum is ever added to a pack"
        )
    pack = load_pack(options.pack)
    verification = _verify(options.pack, options.public_key)
    html = render_report(pack, verification).encode("utf-8")
    if not target.parent.is_dir() or target.is_dir():
        raise UsageError(f"--html {options.html} is not a file in an existing directory")
    report = _write_file(target.parent, target.name, html, replace=True, read_only=False)
    return ReviewResult(report=report, verification=verification)


class _Record(NamedTuple):
    """The operator's decision and when the review started and ended."""

    decision: Decision
    notes: str
    reviewer: str
    started: datetime
    finished: datetime


def _decided(options: ReviewOptions, verification: VerificationRecord, clock: Clock) -> _Record:
    """The decision as given on the command line, checked."""
    assert options.decision is not None
    decision = DECISIONS[options.decision]
    finished = _to_second(clock.now())
    if options.started_at is None:
        started = finished
    else:
        started = _to_second(parse_instant(options.started_at, source="--started-at"))
    if started > finished:
        raise UsageError(
            f"--started-at {options.started_at} is after now ({finished.isoformat()}); "
            "it is when the operator opened the pack"
        )
    problem = _decision_problem(decision, verification)
    if problem:
        raise UsageError(problem)
    reviewer = (options.reviewer or "").strip()
    if not reviewer:
        raise UsageError("--reviewer NAME is required: the addendum records who decided")
    notes = (options.notes or "").strip()
    if decision != "APPROVE" and not notes:
        raise UsageError(f"--notes TEXT is required for {options.decision}: say what is wrong")
    return _Record(decision, notes, reviewer, started, finished)


def _decision_problem(decision: Decision, verification: VerificationRecord) -> str:
    # An approval of a pack whose evidence does not verify would approve unknown content.
    if decision == "APPROVE" and not verification.ok:
        return (
            "the pack does not verify, so it cannot be approved; "
            "record needs-changes or reject instead"
        )
    return ""


def _ask_operator(
    options: ReviewOptions,
    verification: VerificationRecord,
    clock: Clock,
    console: Console,
    report: Path,
) -> _Record:
    """Interactive: the report is written, the operator reads it and answers."""
    started = _to_second(clock.now())
    console.say(f"report: {report}")
    console.say("Open the report, review the pack, then record your decision (Ctrl-C aborts).")
    try:
        decision = _ask_decision(console, verification)
        notes = (options.notes or "").strip() or _ask_notes(console, decision)
        reviewer = (options.reviewer or "").strip() or _ask_required(console, "Reviewer: ")
    except (KeyboardInterrupt, EOFError):
        # No decision, no addendum: the report written for reading goes again.
        report.unlink(missing_ok=True)
        raise Aborted(
            "review aborted: no decision was recorded and the pack is unchanged"
        ) from None
    finished = _to_second(clock.now())
    return _Record(decision, notes, reviewer, started, finished)


_ANSWERS: Final[dict[str, Decision]] = {
    "a": "APPROVE",
    "approve": "APPROVE",
    "n": "NEEDS_CHANGES",
    "needs changes": "NEEDS_CHANGES",
    "needs-changes": "NEEDS_CHANGES",
    "r": "REJECT",
    "reject": "REJECT",
}


def _ask_decision(console: Console, verification: VerificationRecord) -> Decision:
    while True:
        answer = console.ask("Decision — [a]pprove, [n]eeds changes, [r]eject: ")
        decision = _ANSWERS.get(" ".join(answer.lower().split()))
        if decision is None:
            console.say("Please answer approve, needs changes or reject.")
            continue
        problem = _decision_problem(decision, verification)
        if not problem:
            return decision
        console.say(problem[0].upper() + problem[1:] + ".")


def _ask_notes(console: Console, decision: Decision) -> str:
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


# --- Verification and signing (imported when used: cryptography is slow to load) -------


def _load_signer(options: ReviewOptions, env: Mapping[str, str]) -> Signer | None:
    from orchestrator.evidence.signing import load_signer

    return load_signer(options.signing_key, environ=env)


def _verify(pack: Path, public_key: bytes | None) -> VerificationRecord:
    from orchestrator.evidence.verify import verify_pack

    report = verify_pack(pack, public_key=public_key)
    return VerificationRecord(
        ok=report.ok,
        signed=report.signed,
        key_id=report.key_id,
        findings=tuple(Finding(file=f.file, problem=f.problem) for f in report.findings),
    )


# --- Writing ----------------------------------------------------------------------------


def _write_file(
    directory: Path, name: str, data: bytes, *, replace: bool, read_only: bool = True
) -> Path:
    """Write ``directory/name`` atomically; without ``replace`` an existing file is kept."""
    target = directory / name
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise EvidenceWriteError(f"cannot write {target}: {exc.strerror}") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(temp, _READ_ONLY if read_only else 0o644)
        if replace:
            os.replace(temp, target)
        else:
            # link() fails when the target exists, where rename() would silently replace it.
            os.link(temp, target)
            os.unlink(temp)
    except FileExistsError:
        os.unlink(temp)
        raise UsageError(f"{target} already exists and is never replaced") from None
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise EvidenceWriteError(f"cannot write {target}: {exc.strerror}") from exc
    fsync_dir(directory)
    return target
