"""What each command loads at start-up: nothing of the layers and libraries it does not use."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from orchestrator.evidence.signing import generate_keypair
from tests.helpers import BASELINE, GOLDEN, PROJECT

# Loaded by a command that has no use for it, each of these is start-up time wasted.
HEAVY = (
    "cryptography",  # only with a signing or public key
    "jinja2",  # the review and report renderers
    "orchestrator.review",
    "httpx",  # the live clients
    "clients.live.client",
    "clients.live.budget",
    "sqlite3",  # the budget ledger
    "rich",  # cyclopts' help screens and structlog's pretty tracebacks
    "clients.replay",
    "clients.fake",
    "clients.recording",
    "policies.scan",
    "orchestrator.runtime",
    "orchestrator.kpi",
    "matplotlib",  # the KPI report's charts
)

PROBE = """
import json, sys
from orchestrator.cli.app import main
main(sys.argv[1:])
sys.stderr.write("MODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def loaded(*args: str | Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        timeout=60,
        check=False,
    )
    line = next(line for line in done.stderr.splitlines() if line.startswith("MODULES "))
    modules: list[str] = json.loads(line.removeprefix("MODULES "))
    return set(modules)


def heavy(modules: set[str]) -> set[str]:
    return {h for h in HEAVY if h in modules or any(m.startswith(h + ".") for m in modules)}


def test_verify_loads_no_scanner_renderer_client_or_crypto() -> None:
    """`pilot verify PACK` loads none of the heavy modules."""
    assert heavy(loaded("verify", GOLDEN)) == set()


def test_policy_check_loads_only_the_scanner() -> None:
    """`pilot policy check FILE` loads the content scanner and nothing else heavy."""
    assert heavy(loaded("policy", "check", BASELINE)) == {"policies.scan"}


@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "signed"])
def test_replay_run_loads_the_runtime_only(tmp_path: Path, signed: bool) -> None:
    """`pilot run` (replay) loads the runtime and replay; cryptography only with a key."""
    args: list[str | Path] = ["run", "--out", tmp_path / "pack"]
    expected = {"orchestrator.runtime", "clients.replay", "policies.scan"}
    if signed:
        private, _, _ = generate_keypair(tmp_path / "keys")
        args += ["--signing-key", private]
        expected.add("cryptography")
    assert heavy(loaded(*args)) == expected


def test_batch_off_a_terminal_loads_no_progress_bar(tmp_path: Path) -> None:
    """`pilot batch` without a terminal logs a line per run: rich (the bar) is not loaded;
    jinja2 renders its Markdown summary."""
    fixtures = PROJECT / "fixtures" / "drift" / "l2-drift-baseline" / "baseline"
    args: list[str | Path] = [
        "batch", "l2-drift-baseline", "--out", tmp_path / "out", "--fixtures", fixtures,
    ]  # fmt: skip
    assert heavy(loaded(*args)) == {
        "orchestrator.runtime",
        "clients.replay",
        "policies.scan",
        "jinja2",
    }
