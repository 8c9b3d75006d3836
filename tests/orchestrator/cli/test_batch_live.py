"""`pilot batch` and `pilot drift` in live and record mode, in-process, against fake providers
on 127.0.0.1: the banner confirmed once, keys checked once, fixtures recorded per run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clients.fake_provider import FakeProvider
from clients.transcripts import load_transcript
from orchestrator.evidence.verify import verify_path
from tests.clients.conftest import PLANTED_DEEPSEEK_KEY, PLANTED_OPENAI_KEY
from tests.helpers import CliResult, Pilot
from tests.orchestrator.batch.factories import ENTRIES, SUITE


def network(
    pilot: Pilot, config_dir: Path, tmp_path: Path, *args: str | Path, mode: str = "live"
) -> CliResult:
    """`pilot ARGS` with the network options, the config copy and a private state dir."""
    return pilot(
        *args, "--mode", mode, "--allow-network", "--config-dir", config_dir,
        "--state-dir", tmp_path / "state",
    )  # fmt: skip


def sent(providers: tuple[FakeProvider, FakeProvider]) -> int:
    return sum(len(p.received) for p in providers)


def outputs(pack: Path) -> object:
    return json.loads((pack / "proposer_output.json").read_text(encoding="utf-8"))["outputs"]


def test_a_live_batch_shows_one_banner_and_makes_every_run(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    drift_providers: tuple[FakeProvider, FakeProvider],
) -> None:
    """`pilot batch --mode live --yes`: one banner for the batch (models, endpoints, the
    batch's worst case, the budget left), five COMPLETE packs that verify, exit 0."""
    out = tmp_path / "out"
    result = network(pilot, config_dir, tmp_path, "batch", SUITE, "--out", out, "--yes")
    assert result.code == 0, result.err
    assert result.err.count("NETWORK MODE ENABLED (live): this batch (5 runs of suite") == 1
    assert "  critic: deepseek-r1 as deepseek-v4-flash via http://127.0.0.1:" in result.err
    assert "  worst case for the batch: " in result.err
    assert "  budget left: today 50.00 of 50.00 USD" in result.err
    assert "runs: 5: 5 complete, 0 blocked, 0 failed, 0 not run (0 resumed)" in result.out
    assert verify_path(out).ok
    assert sent(drift_providers) == 10
    summary = json.loads((out / "batch.json").read_text(encoding="utf-8"))
    assert summary["mode"] == "live"
    for secret in (PLANTED_OPENAI_KEY, PLANTED_DEEPSEEK_KEY):
        assert secret not in result.out + result.err
        assert all(secret not in p.read_text() for p in out.rglob("*") if p.is_file())


def test_without_a_terminal_the_batch_banner_needs_yes(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    drift_providers: tuple[FakeProvider, FakeProvider],
) -> None:
    """No TTY and no --yes: the banner, then exit 1; nothing sent, no batch folder."""
    out = tmp_path / "out"
    result = network(pilot, config_dir, tmp_path, "batch", SUITE, "--out", out)
    assert result.code == 1
    assert "NETWORK MODE ENABLED (live)" in result.err
    assert "pilot: --mode live without a terminal needs --yes to confirm the banner" in result.err
    assert sent(drift_providers) == 0
    assert not out.exists()


class _Terminal:
    """A standard input that is a terminal."""

    def isatty(self) -> bool:
        return True


def test_on_a_terminal_enter_starts_the_batch_and_ctrl_c_aborts_it(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    drift_providers: tuple[FakeProvider, FakeProvider],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On a terminal the batch waits for ENTER once; Ctrl-C there is exit 130 with nothing
    sent and nothing written."""
    monkeypatch.setattr("sys.stdin", _Terminal())
    prompts: list[str] = []

    def interrupt(prompt: str) -> str:
        prompts.append(prompt)
        raise KeyboardInterrupt

    monkeypatch.setattr("builtins.input", interrupt)
    aborted = network(pilot, config_dir, tmp_path, "batch", SUITE, "--out", tmp_path / "a")
    assert (aborted.code, sent(drift_providers)) == (130, 0)
    assert prompts == ["Press ENTER to start the batch (Ctrl-C aborts): "]
    assert not (tmp_path / "a").exists()

    monkeypatch.setattr("builtins.input", prompts.append)
    started = network(pilot, config_dir, tmp_path, "batch", SUITE, "--out", tmp_path / "b")
    assert started.code == 0, started.err
    assert len(prompts) == 2
    assert sent(drift_providers) == 10


def test_a_missing_key_stops_the_batch_before_any_call(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    drift_providers: tuple[FakeProvider, FakeProvider],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without OPENAI_API_KEY: exit 1 naming the variable, before the banner; nothing sent."""
    monkeypatch.delenv("OPENAI_API_KEY")
    out = tmp_path / "out"
    result = network(pilot, config_dir, tmp_path, "batch", SUITE, "--out", out, "--yes")
    assert result.code == 1
    assert "set OPENAI_API_KEY" in result.err
    assert "NETWORK MODE ENABLED" not in result.err
    assert sent(drift_providers) == 0
    assert not out.exists()


def test_a_record_batch_writes_a_fixture_per_run_that_replays(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    drift_providers: tuple[FakeProvider, FakeProvider],
) -> None:
    """`--mode record --record-to DIR`: one fixture per run, named as a replay batch reads
    them; resuming the finished batch calls nothing; replaying the folder gives the
    recorded typed outputs."""
    recorded, fixtures = tmp_path / "recorded", tmp_path / "fixtures"
    args = ("batch", SUITE, "--out", recorded, "--yes", "--record-to", fixtures)
    made = network(pilot, config_dir, tmp_path, *args, mode="record")
    assert made.code == 0, made.err
    resumed = network(pilot, config_dir, tmp_path, *args, "--resume", mode="record")
    assert resumed.code == 0, resumed.err
    assert "(5 resumed)" in resumed.out
    assert "NETWORK MODE ENABLED" not in resumed.err
    assert sent(drift_providers) == 10
    assert f"  recording: one fixture per run into {fixtures}" in made.err
    assert sorted(p.name for p in fixtures.iterdir()) == sorted(
        f"{e}.sample-0.json" for e in ENTRIES
    )
    assert {r.role for r in load_transcript(fixtures / "calm.sample-0.json").runs} == {
        "proposer",
        "critic",
    }
    replayed = tmp_path / "replayed"
    again = pilot(
        "batch", SUITE, "--out", replayed, "--fixtures", fixtures, "--config-dir", config_dir
    )
    assert again.code == 0, again.err
    for entry in ENTRIES:
        pack = f"{entry}.sample-0"
        assert outputs(replayed / pack) == outputs(recorded / pack)


def test_a_record_batch_never_overwrites_a_fixture(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    drift_providers: tuple[FakeProvider, FakeProvider],
) -> None:
    """A fixture of a run to make already in --record-to, or no --record-to at all: exit 1
    before the banner; nothing sent, the file untouched."""
    fixtures = tmp_path / "fixtures"
    fixtures.mkdir()
    (fixtures / "event-week.sample-0.json").write_text("mine", encoding="utf-8")
    taken = network(
        pilot, config_dir, tmp_path, "batch", SUITE, "--out", tmp_path / "out", "--yes",
        "--record-to", fixtures, mode="record",
    )  # fmt: skip
    assert taken.code == 1
    assert (
        f"pilot: --record-to {fixtures} already holds the fixtures event-week.sample-0.json of "
        "runs still to make; a fixture is never overwritten"
    ) in taken.err
    assert (fixtures / "event-week.sample-0.json").read_text(encoding="utf-8") == "mine"
    missing = network(
        pilot, config_dir, tmp_path, "batch", SUITE, "--out", tmp_path / "out", "--yes",
        mode="record",
    )  # fmt: skip
    assert missing.code == 1
    assert "a record batch needs --record-to DIR" in missing.err
    stray = network(
        pilot, config_dir, tmp_path, "batch", SUITE, "--out", tmp_path / "out", "--yes",
        "--record-to", fixtures,
    )  # fmt: skip
    assert (stray.code, stray.err.strip()) == (1, "pilot: --record-to goes with --mode record")
    assert sent(drift_providers) == 0
    assert not (tmp_path / "out").exists()


def test_live_drift_baseline_then_live_check(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    drift_providers: tuple[FakeProvider, FakeProvider],
) -> None:
    """`pilot drift baseline` and `pilot drift check` run live: the same answers again are
    not flagged (exit 0)."""
    baseline = tmp_path / "baseline.json"
    made = network(
        pilot, config_dir, tmp_path, "drift", "baseline", SUITE, "--baseline", baseline,
        "--samples", "1", "--out", tmp_path / "day-1", "--yes",
    )  # fmt: skip
    assert made.code == 0, made.err
    assert baseline.is_file()
    checked = network(
        pilot, config_dir, tmp_path, "drift", "check", SUITE, "--baseline", baseline,
        "--out", tmp_path / "week-2", "--yes",
    )  # fmt: skip
    assert checked.code == 0, checked.err
    assert "drift: none of 5 scenarios flagged" in checked.out
    assert checked.err.count("NETWORK MODE ENABLED (live)") == 1
