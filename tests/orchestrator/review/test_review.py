"""`pilot review`: the HTML report, the addendum, its timing, refusals and escaping."""

from __future__ import annotations

import base64
import fcntl
import hashlib
import json
import os
import signal
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from orchestrator.cli.summary import review_lines
from orchestrator.core import interrupts
from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.clock import FixedClock
from orchestrator.core.errors import Aborted
from orchestrator.evidence.verify import verify_pack
from orchestrator.review.service import ReviewOptions, review_pack
from tests.helpers import FORBIDDEN, SAMPLE, Pilot

T0 = datetime(2026, 1, 10, 13, 0, 0, tzinfo=UTC)
ADDENDUM_FILES = {"operator_review.html", "operator_review.json"}


@pytest.fixture
def pack(pilot: Pilot, tmp_path: Path) -> Path:
    """A fresh pack of the bundled sample."""
    path = tmp_path / "pack"
    result = pilot("run", "--out", path)
    assert result.code == 0, result.err
    return path


def snapshot(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


class Ids(HTMLParser):
    """Text content of every element with an id, and its attributes."""

    def __init__(self, document: str) -> None:
        super().__init__()
        self.text: dict[str, str] = {}
        self.attrs: dict[str, dict[str, str | None]] = {}
        self._open: list[str | None] = []
        self.feed(document)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ident = dict(attrs).get("id")
        if ident is not None:
            self.attrs[ident] = dict(attrs)
            self.text[ident] = ""
        if tag not in {"meta", "br", "link", "img", "input"}:
            self._open.append(ident)

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for ident in self._open:
            if ident is not None:
                self.text[ident] += data


class Script:
    """A console that answers from a script; ``None`` in it presses Ctrl-C."""

    def __init__(self, answers: list[str | None], clock: SteppingClock | None = None) -> None:
        self.answers: Iterator[str | None] = iter(answers)
        self.said: list[str] = []
        self.reports: list[bytes] = []
        self.clock = clock

    @property
    def interactive(self) -> bool:
        return True

    def say(self, text: str) -> None:
        self.said.append(text)
        if text.startswith("report: "):
            self.reports.append(Path(text.removeprefix("report: ")).read_bytes())

    def ask(self, question: str) -> str:
        if self.clock is not None:
            self.clock.advance(timedelta(minutes=3))  # the operator takes their time
        answer = next(self.answers)
        if answer is None:
            raise KeyboardInterrupt
        return answer


class SteppingClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime) -> None:
        self.instant = start

    def now(self) -> datetime:
        return self.instant

    def advance(self, delta: timedelta) -> None:
        self.instant += delta


def test_report_shows_the_key_facts(pilot: Pilot, pack: Path, tmp_path: Path) -> None:
    """The report names status, critic decision, SoD, scope, verification and the outlook."""
    out = tmp_path / "report.html"
    result = pilot("review", pack, "--report-only", "--html", out)
    assert result.code == 0, result.err
    page = out.read_text(encoding="utf-8")
    ids = Ids(page)
    assert ids.text["status"] == "COMPLETE"
    assert ids.attrs["status"]["data-status"] == "COMPLETE"
    assert ids.text["critic-decision"] == "APPROVE_WITH_CHANGES"
    assert ids.text["sod-result"] == "PASS"
    assert ids.text["scope-result"] == "PASS"
    assert ids.text["verification"] == "OK"
    assert ids.text["exit-code"] == "0"
    assert ids.text["mode"] == "replay"
    assert ids.text["clock"] == "2026-01-10T12:00:00+00:00"
    assert ids.text["run-id"].startswith("L2-")
    assert ids.attrs["cost-total"]["data-usd"] == "0.009174"
    for fact in (
        "Base case: slow disinflation",
        "55%",
        "late-cycle, range-bound",
        "VIX above 30",
        "Energy supply shock",
        "Quantify the energy supply shock in the risk context.",
        "sod.critic_references_proposal",
        "run.finished",
        "ALLOWED",
    ):
        assert fact in page, fact
    assert set(snapshot(pack)) == {p.name for p in pack.iterdir()} - ADDENDUM_FILES


def test_report_references_nothing_external(pilot: Pilot, pack: Path) -> None:
    """The report is self-contained: no URLs, scripts, stylesheets links or remote sources."""
    result = pilot("review", pack, "--decision", "approve", "--notes", "fine", "--reviewer", "Ana")
    assert result.code == 0, result.err
    page = (pack / "operator_review.html").read_text(encoding="utf-8").lower()
    for needle in ("http://", "https://", "<script", "<link", "src=", "url(", "@import"):
        assert needle not in page, needle


def test_addendum_binds_to_the_index_and_the_report(pilot: Pilot, pack: Path) -> None:
    """operator_review.json holds the index hash and the report's hash and size, read-only."""
    index_bytes = (pack / "evidence_pack.json").read_bytes()
    before = snapshot(pack)
    result = pilot(
        "review",
        pack,
        "--decision",
        "needs-changes",
        "--notes",
        "Name the bear-case catalyst.",
        "--reviewer",
        "Ana Ops",
        "--started-at",
        "2026-01-10T12:30:00Z",
    )
    assert result.code == 0, result.err
    after = snapshot(pack)
    assert set(after) - set(before) == ADDENDUM_FILES
    assert all(after[name] == data for name, data in before.items())
    raw = (pack / "operator_review.json").read_bytes()
    addendum = json.loads(raw)
    assert list(addendum) == sorted(addendum)
    report = (pack / "operator_review.html").read_bytes()
    assert addendum["pack_index_sha256"] == sha256_prefixed(index_bytes)
    assert addendum["report"] == {
        "file": "operator_review.html",
        "sha256": "sha256:" + hashlib.sha256(report).hexdigest(),
        "bytes": len(report),
    }
    index = json.loads(index_bytes)
    assert addendum["evidence_pack_id"] == index["evidence_pack_id"]
    assert addendum["run_id"] == index["run_id"]
    assert addendum["addendum_version"] == "1.0"
    assert addendum["decision"] == "NEEDS_CHANGES"
    assert addendum["notes"] == "Name the bear-case catalyst."
    assert addendum["reviewer"] == "Ana Ops"
    assert addendum["started_at"] == "2026-01-10T12:30:00+00:00"
    assert addendum["verification_at_review"] == {
        "ok": True,
        "signed": False,
        "key_id": None,
        "findings": [],
    }
    for name in ADDENDUM_FILES:
        assert stat.S_IMODE((pack / name).stat().st_mode) == 0o444, name
    assert "decision: NEEDS_CHANGES" in result.out
    assert f"addendum: {pack / 'operator_review.json'}" in result.out


def test_duration_comes_from_the_injected_clock(pack: Path) -> None:
    """Interactive: started when the report is written, finished when the decision is in."""
    clock = SteppingClock(T0)
    console = Script(["needs changes", "Quantify the energy shock.", "Ana"], clock)
    result = review_pack(ReviewOptions(pack=pack), clock=clock, console=console, environ={})
    # The operator read a temporary copy outside the pack; the pack got the same bytes.
    reading = Path(console.said[0].removeprefix("report: "))
    assert not reading.is_relative_to(pack)
    assert not reading.exists()
    assert console.reports[0] == (pack / "operator_review.html").read_bytes()
    assert result.addendum is not None
    addendum = json.loads((pack / "operator_review.json").read_bytes())
    assert addendum["started_at"] == "2026-01-10T13:00:00+00:00"
    assert addendum["finished_at"] == "2026-01-10T13:09:00+00:00"
    started = datetime.fromisoformat(addendum["started_at"])
    finished = datetime.fromisoformat(addendum["finished_at"])
    assert addendum["duration_seconds"] == (finished - started).total_seconds() == 540
    assert addendum["decision"] == "NEEDS_CHANGES"
    assert "duration: 9.0 min" in review_lines(result)


def test_started_at_flag_sets_the_duration(pack: Path) -> None:
    """Non-interactive: duration is now (the injected clock) minus --started-at, to the second."""
    options = ReviewOptions(
        pack=pack,
        decision="approve",
        notes="",
        reviewer="Ana",
        started_at="2026-01-10T12:44:30.900+00:00",
    )
    result = review_pack(options, clock=FixedClock(T0), console=Script([]), environ={})
    assert result.addendum is not None
    assert result.addendum.started_at == "2026-01-10T12:44:30+00:00"
    assert result.addendum.finished_at == "2026-01-10T13:00:00+00:00"
    assert result.addendum.duration_seconds == 930
    assert "duration: 15.5 min (over the 15-minute target)" in review_lines(result)


def test_a_second_review_is_refused(pilot: Pilot, pack: Path) -> None:
    """A pack with operator_review.json is not reviewed again: exit 1, nothing changes."""
    args = ("review", pack, "--decision", "reject", "--notes", "no", "--reviewer", "Ana")
    assert pilot(*args).code == 0
    before = snapshot(pack)
    again = pilot("review", pack, "--decision", "approve", "--reviewer", "Bo")
    assert again.code == 1
    assert "already reviewed" in again.err
    assert snapshot(pack) == before


def test_without_a_terminal_the_decision_is_required(pilot: Pilot, pack: Path) -> None:
    """No TTY and no --decision: exit 1 with a sentence naming --decision; nothing written."""
    before = snapshot(pack)
    result = pilot("review", pack)
    assert result.code == 1
    assert "--decision approve|needs-changes|reject" in result.err
    assert snapshot(pack) == before


def test_ctrl_c_aborts_without_an_addendum(pack: Path) -> None:
    """Ctrl-C at the prompt is exit 130 and leaves the pack exactly as it was."""
    before = snapshot(pack)
    with pytest.raises(Aborted) as caught:
        review_pack(
            ReviewOptions(pack=pack), clock=FixedClock(T0), console=Script([None]), environ={}
        )
    assert caught.value.exit_code == 130
    assert snapshot(pack) == before


def test_missing_pack_and_missing_index_are_usage_errors(pilot: Pilot, tmp_path: Path) -> None:
    """A path that is not a pack, or a directory without evidence_pack.json, is exit 1."""
    missing = pilot("review", tmp_path / "nope", "--decision", "approve", "--reviewer", "A")
    assert missing.code == 1
    assert "no such directory" in missing.err
    (tmp_path / "empty").mkdir()
    empty = pilot("review", tmp_path / "empty", "--decision", "approve", "--reviewer", "A")
    assert empty.code == 1
    assert "evidence_pack.json" in empty.err
    assert list((tmp_path / "empty").iterdir()) == []


def test_report_only_writes_outside_the_pack(pilot: Pilot, pack: Path) -> None:
    """--report-only writes the HTML to --html only, refuses a path inside the pack."""
    before = snapshot(pack)
    inside = pilot("review", pack, "--report-only", "--html", pack / "x.html")
    assert inside.code == 1
    assert pilot("review", pack, "--report-only").code == 1
    assert snapshot(pack) == before


def test_hostile_strings_are_escaped(pilot: Pilot, tmp_path: Path) -> None:
    """A critic rationale with markup is shown as text, never as markup."""
    hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>&amp;'
    fixture = json.loads(SAMPLE.read_text(encoding="utf-8"))
    critic = next(r for r in fixture["runs"] if r["role"] == "critic")
    message = critic["response"]["choices"][0]["message"]
    body = json.loads(message["content"])
    body["rationale"] = hostile
    message["content"] = json.dumps(body)
    (tmp_path / "hostile.json").write_text(json.dumps(fixture), encoding="utf-8")
    pack = tmp_path / "pack"
    assert pilot("run", "--fixture", tmp_path / "hostile.json", "--out", pack).code == 0
    assert (
        pilot("review", pack, "--decision", "reject", "--notes", "x", "--reviewer", "A").code == 0
    )
    page = (pack / "operator_review.html").read_text(encoding="utf-8")
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&amp;amp;" in page
    assert Ids(page).text["critic-rationale"] == hostile


def test_a_pack_that_does_not_verify_cannot_be_approved(pilot: Pilot, pack: Path) -> None:
    """A tampered pack: approve is refused, reject records the failed verification."""
    target = pack / "critic_output.json"
    target.chmod(0o644)
    target.write_bytes(target.read_bytes().replace(b"APPROVE_WITH_CHANGES", b"APPROVE"))
    approve = pilot("review", pack, "--decision", "approve", "--reviewer", "Ana")
    assert approve.code == 1
    assert "cannot be approved" in approve.err
    assert not (pack / "operator_review.json").exists()
    reject = pilot("review", pack, "--decision", "reject", "--notes", "tampered", "--reviewer", "A")
    assert reject.code == 0, reject.err
    assert "verification: FAILED" in reject.out
    addendum = json.loads((pack / "operator_review.json").read_bytes())
    verification = addendum["verification_at_review"]
    assert verification["ok"] is False
    assert "critic_output.json" in {f["file"] for f in verification["findings"]}
    page = (pack / "operator_review.html").read_text(encoding="utf-8")
    assert Ids(page).text["verification"] == "FAILED"


def test_a_configured_key_signs_the_addendum(pilot: Pilot, pack: Path, tmp_path: Path) -> None:
    """With --signing-key, operator_review.sig is an Ed25519 signature over the JSON bytes."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    from orchestrator.evidence.signing import generate_keypair

    private, public, key_id = generate_keypair(tmp_path / "keys")
    result = pilot(
        "review",
        pack,
        "--decision",
        "approve",
        "--reviewer",
        "Ana",
        "--signing-key",
        private,
    )
    assert result.code == 0, result.err
    sig_bytes = (pack / "operator_review.sig").read_bytes()
    sig = json.loads(sig_bytes)
    assert list(sig) == sorted(sig)
    assert sig["algorithm"] == "Ed25519"
    assert sig["signed_file"] == "operator_review.json"
    assert sig["key_id"] == key_id
    key = serialization.load_pem_public_key(public.read_bytes())
    assert isinstance(key, Ed25519PublicKey)
    raw = key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert key_id == hashlib.sha256(raw).hexdigest()[:16]
    key.verify(base64.b64decode(sig["signature"]), (pack / "operator_review.json").read_bytes())
    assert stat.S_IMODE(os.stat(pack / "operator_review.sig").st_mode) == 0o444
    checked = verify_pack(pack)
    assert checked.findings == ()
    assert checked.review == "APPROVE"


def test_the_environment_key_signs_pack_and_addendum(
    pilot: Pilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With $PILOT_SIGNING_KEY the reviewed pack verifies against the public key, review included."""
    from orchestrator.evidence.signing import generate_keypair

    private, public, key_id = generate_keypair(tmp_path / "keys")
    monkeypatch.setenv("PILOT_SIGNING_KEY", private.read_text(encoding="ascii"))
    pack = tmp_path / "signed"
    assert pilot("run", "--out", pack).code == 0
    result = pilot("review", pack, "--decision", "approve", "--reviewer", "Ana")
    assert result.code == 0, result.err
    assert f"verification: OK (signed, key {key_id})" in result.out
    addendum = json.loads((pack / "operator_review.json").read_bytes())
    assert addendum["verification_at_review"]["key_id"] == key_id
    assert json.loads((pack / "operator_review.sig").read_bytes())["key_id"] == key_id
    checked = verify_pack(pack, public_key=public.read_bytes())
    assert checked.findings == ()
    assert checked.signature_verified


def test_public_key_checks_the_signature_during_review(pilot: Pilot, tmp_path: Path) -> None:
    """With --public-key a signed pack reviews as verified; an unsigned one cannot be approved."""
    from orchestrator.evidence.signing import generate_keypair

    private, public, _ = generate_keypair(tmp_path / "keys")
    signed = tmp_path / "signed"
    assert pilot("run", "--out", signed, "--signing-key", private).code == 0
    approve = ("--decision", "approve", "--reviewer", "Ana", "--public-key", public)
    result = pilot("review", signed, *approve)
    assert result.code == 0, result.err
    addendum = json.loads((signed / "operator_review.json").read_text())
    assert addendum["verification_at_review"]["ok"] is True
    assert addendum["verification_at_review"]["signed"] is True

    unsigned = tmp_path / "unsigned"
    assert pilot("run", "--out", unsigned).code == 0
    refused = pilot("review", unsigned, *approve)
    assert refused.code == 1
    assert not (unsigned / "operator_review.json").exists()


def test_report_only_never_replaces_a_file(pilot: Pilot, pack: Path, tmp_path: Path) -> None:
    """--report-only --html onto an existing file: exit 1, the file is untouched."""
    target = tmp_path / "report.html"
    target.write_text("mine")
    result = pilot("review", pack, "--report-only", "--html", target)
    assert result.code == 1
    assert "already exists" in result.err
    assert target.read_text() == "mine"


def test_report_only_never_writes_through_a_symlink(
    pilot: Pilot, pack: Path, tmp_path: Path
) -> None:
    """--html naming a symlink: exit 1, neither the link nor its target changes."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep")
    link = tmp_path / "link.html"
    link.symlink_to(victim)
    result = pilot("review", pack, "--report-only", "--html", link)
    assert result.code == 1
    assert victim.read_text() == "keep"
    assert link.is_symlink()


def test_report_only_writes_a_new_file(pilot: Pilot, pack: Path, tmp_path: Path) -> None:
    """--report-only writes the report as a new file and records no decision."""
    target = tmp_path / "report.html"
    result = pilot("review", pack, "--report-only", "--html", target)
    assert result.code == 0, result.err
    assert Ids(target.read_text(encoding="utf-8")).text["status"] == "COMPLETE"
    assert not (pack / "operator_review.json").exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--report-only"], "--report-only needs --html"),
        (["--html", "x.html"], "--html needs --report-only"),
        (["--report-only", "--html", "x.html", "--decision", "approve"], "cannot be combined"),
        (["--started-at", "2026-01-10T12:00:00+00:00"], "--started-at needs --decision"),
    ],
)
def test_flag_combinations_are_checked_by_the_parser(
    pilot: Pilot, pack: Path, args: list[str], needle: str
) -> None:
    """Inconsistent flags: exit 1 with the combination named, nothing written."""
    before = snapshot(pack)
    result = pilot("review", pack, *args)
    assert result.code == 1
    assert needle in result.err
    assert snapshot(pack) == before


def test_started_at_before_the_pack_is_refused(pilot: Pilot, pack: Path) -> None:
    """--started-at before the pack was created (1900, say): exit 1, nothing written."""
    before = snapshot(pack)
    result = pilot(
        "review", pack, "--decision", "approve", "--reviewer", "A",
        "--started-at", "1990-01-01T00:00:00+00:00",
    )  # fmt: skip
    assert result.code == 1
    assert "before the pack was created" in result.err
    assert snapshot(pack) == before


def test_a_blocked_run_cannot_be_approved(pilot: Pilot, tmp_path: Path) -> None:
    """A BLOCKED pack has no outlook to approve: exit 1; reject is recorded."""
    pack = tmp_path / "blocked"
    assert pilot("run", "--fixture", FORBIDDEN, "--out", pack).code == 2
    approve = pilot("review", pack, "--decision", "approve", "--reviewer", "A")
    assert approve.code == 1
    assert "has no outlook to approve" in approve.err
    reject = pilot("review", pack, "--decision", "reject", "--notes", "order", "--reviewer", "A")
    assert reject.code == 0, reject.err


def test_a_review_in_progress_locks_the_pack(pilot: Pilot, pack: Path) -> None:
    """While another review holds the pack, a second one is refused as such, not as tampering."""
    holder = os.open(pack, os.O_RDONLY)
    try:
        fcntl.flock(holder, fcntl.LOCK_EX)
        result = pilot("review", pack, "--decision", "approve", "--reviewer", "B")
    finally:
        os.close(holder)
    assert result.code == 1
    assert "being reviewed by another pilot review" in result.err
    assert not (pack / "operator_review.json").exists()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_at_the_prompt_leaves_the_pack_unchanged(pack: Path, signum: int) -> None:
    """SIGTERM or SIGHUP while the operator decides: exit 130, pack and temp copy gone."""

    class Signalling(Script):
        def ask(self, question: str) -> str:
            os.kill(os.getpid(), signum)
            return "approve"  # pragma: no cover - the signal ends the review first

    before = snapshot(pack)
    console = Signalling([])
    with interrupts.installed(), pytest.raises(Aborted):
        review_pack(ReviewOptions(pack=pack), clock=FixedClock(T0), console=console, environ={})
    assert snapshot(pack) == before
    reading = Path(console.said[0].removeprefix("report: "))
    assert not reading.exists()
