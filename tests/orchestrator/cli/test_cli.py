"""The command line as users run it: the real `pilot` script, policy check, fixture making."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import FORBIDDEN, PILOT, SAMPLE, Pilot


def test_real_pilot_command_replays_the_sample(tmp_path: Path) -> None:
    """The installed `pilot` script runs the main job: summary on stdout, JSON events on stderr."""
    done = subprocess.run(
        [str(PILOT), "run", "--out", str(tmp_path / "pack"), "--log-format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == ["status: COMPLETE", f"pack: {tmp_path / 'pack'}"]
    events = [json.loads(line) for line in done.stderr.splitlines()]
    assert [e["event"] for e in events] == ["run.started", "run.finished"]
    assert {e["run_id"] for e in events} == {"L2-430416795e9d826c"}
    assert (tmp_path / "pack" / "evidence_pack.json").is_file()


def test_python_dash_m_is_the_same_command(tmp_path: Path) -> None:
    """`python -m orchestrator` maps errors to the documented exit codes too."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "orchestrator",
            "run",
            "--mode",
            "live",
            "--out",
            str(tmp_path / "p"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr == "pilot: --mode live makes real API calls and requires --allow-network\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD_FREE_TEXT = """# Outlook

**Base case:** Rates stay on hold; equities range-bound.
**Bear case:** A growth scare widens credit spreads.

**No-Trade Triggers:**
- No trade when VIX > 30
- Credit spreads > 500bps

**Uncertainty:** HIGH — this report contains no order parameters.
"""


def test_policy_check_passes_a_normal_outlook(pilot: Pilot, tmp_path: Path) -> None:
    """A free-text outlook with two scenarios, triggers and uncertainty passes: exit 0."""
    result = pilot("policy", "check", "--layer", "L2", write(tmp_path, "ok.md", GOOD_FREE_TEXT))
    assert result.code == 0, result.out
    assert "PASS (free_text, scope L2_market_outlook v1.0)" in result.out
    assert "note: validation.require_rationale: not evaluated for free text" in result.out


def test_policy_check_blocks_a_forbidden_type_in_any_spelling(pilot: Pilot, tmp_path: Path) -> None:
    """A typed proposal with 'Order\\u200bParameters' is blocked: exit 2, the rule listed."""
    outputs = json.loads(
        json.loads(FORBIDDEN.read_text())["runs"][0]["response"]["choices"][0]["message"]["content"]
    )["outputs"]
    outputs[-1]["type"] = "Order\u200bParameters"
    path = write(tmp_path, "p.json", json.dumps({"outputs": outputs}))
    result = pilot("policy", "check", path)
    assert result.code == 2
    assert "scope.forbidden_output_type at outputs[6].type" in result.out


def test_policy_check_json_report(pilot: Pilot, tmp_path: Path) -> None:
    """--json prints the scope report as sorted-key JSON; a finding has rule, path and span."""
    order = "Summary: buy 100 shares of SPY at 450 tomorrow.\n"
    result = pilot("policy", "check", "--json", write(tmp_path, "o.txt", order))
    assert result.code == 2
    report = json.loads(result.out)
    assert report["result"] == "FAIL"
    found = [v for v in report["violations"] if v["rule"] == "scope.forbidden_intent.order"]
    assert [(v["location"], v["span"]) for v in found] == [("free_text", [9, 46])]
    assert order[9:46] == "buy 100 shares of SPY at 450 tomorrow"


def test_policy_check_missing_file_is_exit_1(pilot: Pilot, tmp_path: Path) -> None:
    """A proposal file that does not exist: exit 1, named."""
    result = pilot("policy", "check", tmp_path / "none.json")
    assert result.code == 1
    assert "none.json not found" in result.err


@pytest.mark.parametrize(
    ("variant", "bundled"),
    [("normal", SAMPLE), ("forbidden-output", FORBIDDEN)],
)
def test_bundled_fixtures_come_from_the_fake_model(
    pilot: Pilot, tmp_path: Path, variant: str, bundled: Path
) -> None:
    """`pilot fixture fake` reproduces each bundled typed fixture byte for byte."""
    out = tmp_path / "fixture.json"
    assert pilot("fixture", "fake", "--variant", variant, "--out", out).code == 0
    assert out.read_bytes() == bundled.read_bytes()
    again = pilot("fixture", "fake", "--variant", variant, "--out", out)
    assert again.code == 1
    assert "never overwritten" in again.err
