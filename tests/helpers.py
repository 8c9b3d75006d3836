"""What tests share besides fixtures: project paths, the CLI result, hand-written addenda."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, sync_playwright

from orchestrator.core.canonical import encode_pretty, sha256_prefixed
from orchestrator.core.fileio import TEMP_PREFIX
from orchestrator.core.interrupts import PAUSE_ENV

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "fixtures"
SAMPLE = FIXTURES / "l2_market_outlook_sample.json"
FORBIDDEN = FIXTURES / "l2_market_outlook_forbidden_output.json"
BASELINE = FIXTURES / "l2_market_outlook_baseline_freetext.json"
GOLDEN = PROJECT / "tests" / "golden" / "sample_pack"
# The installed script, as a user runs it.
PILOT = Path(sys.executable).parent / "pilot"


class CliResult:
    """What one in-process ``pilot`` call returned and printed."""

    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err


Pilot = Callable[..., CliResult]
"""The ``pilot`` fixture: call the CLI with arguments, get exit code, stdout and stderr."""

# Set (or CI set) to make a missing Chromium a failure instead of a skip.
REQUIRE_CHROMIUM = "PILOT_REQUIRE_CHROMIUM"
# Offline and quiet: no network services, no first-run or update traffic.
CHROMIUM_ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


def chromium() -> Path:
    """The system Chromium on PATH; without one the test is skipped, saying how to install
    it — or fails, where CI or ``PILOT_REQUIRE_CHROMIUM`` asks for browser tests."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is not None:
        return Path(found)
    how = (
        "no Chromium on PATH: install the system browser (Debian/Ubuntu: "
        "sudo apt-get install chromium); browser tests never download one"
    )
    if os.environ.get("CI") or os.environ.get(REQUIRE_CHROMIUM):
        pytest.fail(f"{how}; CI or {REQUIRE_CHROMIUM} requires it")
    pytest.skip(how)


@contextlib.contextmanager
def browser_page(requested: list[str]) -> Iterator[Page]:
    """A page of the system Chromium (see :func:`chromium`), 1280 px wide; every URL it
    requests is appended to ``requested``."""
    browser_path = chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(browser_path), args=list(CHROMIUM_ARGS)
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("request", lambda request: requested.append(request.url))
            yield page
        finally:
            browser.close()


def write_review(pack: Path, **changes: Any) -> dict[str, Any]:
    """Hand-write a review addendum in the format `pilot review` writes; returns its fields.

    Verification tests use it to build addenda (and broken ones) independently of the
    review command itself.
    """
    html = b"<!doctype html><title>review</title><p>Reviewed.</p>\n"
    (pack / "operator_review.html").write_bytes(html)
    index_bytes = (pack / "evidence_pack.json").read_bytes()
    index = json.loads(index_bytes)
    addendum: dict[str, Any] = {
        "addendum_version": "1.0",
        "evidence_pack_id": index["evidence_pack_id"],
        "run_id": index["run_id"],
        "pack_index_sha256": sha256_prefixed(index_bytes),
        "report": {
            "file": "operator_review.html",
            "sha256": sha256_prefixed(html),
            "bytes": len(html),
        },
        "decision": "APPROVE",
        "notes": "",
        "reviewer": "A. Operator",
        "started_at": "2026-01-10T13:00:00+00:00",
        "finished_at": "2026-01-10T13:09:30+00:00",
        "duration_seconds": 570,
        "verification_at_review": {"ok": True, "signed": False, "key_id": None, "findings": []},
    }
    addendum.update(changes)
    if "addendum_digest" not in changes:
        addendum["addendum_digest"] = ""
        addendum["addendum_digest"] = sha256_prefixed(encode_pretty(addendum))
    (pack / "operator_review.json").write_bytes(encode_pretty(addendum))
    return addendum


Paused = tuple["subprocess.Popen[str]", list[str]]
"""A real ``pilot`` process stopped at a checkpoint, and what it logged until then."""


# Runs the pilot with SIGINT, SIGTERM and SIGHUP at their defaults. A test run started in
# the background of a shell without job control inherits SIGINT ignored, and so would the
# pilot it starts: a Ctrl-C test would then see the signal ignored (as it must be for such a
# pilot) instead of the pilot's handling of it.
_WITH_DEFAULT_SIGNALS = (
    "import os, signal, sys\n"
    "for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):\n"
    "    signal.signal(signum, signal.SIG_DFL)\n"
    "os.execv(sys.argv[1], sys.argv[1:])\n"
)


def paused(args: Sequence[str], checkpoint: str) -> Paused:
    """Start the real ``pilot ARGS`` with ``PILOT_TEST_PAUSE=checkpoint``; return once it says
    it is paused there (see :func:`orchestrator.core.interrupts.checkpoint`)."""
    process = subprocess.Popen(
        [sys.executable, "-c", _WITH_DEFAULT_SIGNALS, str(PILOT), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, PAUSE_ENV: checkpoint},
    )
    assert process.stderr is not None
    logged: list[str] = []
    for line in process.stderr:
        if line == f"pilot-test: paused at {checkpoint}\n":
            return process, logged
        logged.append(line)
    process.kill()
    raise AssertionError(f"pilot never reached {checkpoint}: {''.join(logged)}")


def finish(stopped: Paused, signals: Sequence[signal.Signals]) -> tuple[int, str, str]:
    """Send ``signals``, release the checkpoint, and collect exit status, stdout, stderr."""
    process, logged = stopped
    for signum in signals:
        process.send_signal(signum)
    try:
        out, err = process.communicate("\n", timeout=60)
    except BrokenPipeError:  # it already ended, as it should for some signals
        out, err = process.communicate(timeout=60)
    return process.returncode, out, "".join(logged) + err


def leftovers(folder: Path) -> list[str]:
    """Temporary entries of interrupted writes anywhere below ``folder``."""
    return [p.name for p in folder.rglob(f"{TEMP_PREFIX}*")]
