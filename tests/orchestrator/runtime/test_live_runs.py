"""Live and record runs through ``pilot run`` against the local fake provider, over sockets.

The providers of a copy of config/ point at fake providers on 127.0.0.1 (one per provider,
so that provider diversity holds); keys are planted fakes; retries wait for nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import anyio
import pytest

from clients.fake import FakeModelClient
from clients.fake_provider import FakeProvider, Fault
from clients.recording import RecordingClient
from clients.transcripts import Transcript, load_transcript, write_transcript
from orchestrator.core.clock import FixedClock
from orchestrator.core.config import load_config, load_scenario
from orchestrator.core.resources import find_config_dir
from orchestrator.evidence.verify import verify_pack
from orchestrator.runtime.plan import proposer_request, review_request
from tests.clients.conftest import PLANTED_OPENAI_KEY
from tests.fake_providers import plant_keys_without_waits, point_at, serve
from tests.helpers import SAMPLE, Pilot

SAMPLE_TRANSCRIPT = load_transcript(SAMPLE)


@pytest.fixture(autouse=True)
def _keys_and_no_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Planted keys in the environment; a LiveClient whose retry waits take no time."""
    plant_keys_without_waits(monkeypatch)


@pytest.fixture
def providers(config_dir: Path) -> Iterator[tuple[FakeProvider, FakeProvider]]:
    with (
        serve(SAMPLE_TRANSCRIPT, config_dir) as openai,
        serve(SAMPLE_TRANSCRIPT, config_dir) as deepseek,
    ):
        point_at(config_dir, openai, deepseek)
        yield openai, deepseek


def live(pilot: Pilot, config_dir: Path, tmp_path: Path, *args: str | Path) -> tuple[int, str]:
    result = pilot(
        "run",
        "--allow-network",
        "--yes",
        "--config-dir",
        config_dir,
        "--state-dir",
        tmp_path / "state",
        *args,
    )
    return result.code, result.out + result.err


def test_a_live_run_completes_against_the_providers(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    providers: tuple[FakeProvider, FakeProvider],
) -> None:
    """`--mode live`: both calls go over the wire, the pack verifies and records every call."""
    pack = tmp_path / "pack"
    code, output = live(pilot, config_dir, tmp_path, "--mode", "live", "--out", pack)
    assert code == 0, output
    assert "NETWORK MODE ENABLED (live)" in output
    assert verify_pack(pack).ok
    openai, deepseek = providers
    assert [r.path for r in openai.received] == ["/v1/responses"]
    assert [r.path for r in deepseek.received] == ["/v1/chat/completions"]
    events = [
        json.loads(line)["event"] for line in (pack / "events.jsonl").read_text().splitlines()
    ]
    calls = [e["call"]["event"] for e in events if e["type"] == "call"]
    assert calls.count("client.call_succeeded") == 2
    assert calls.count("budget.settled") == 2
    index = json.loads((pack / "evidence_pack.json").read_text())
    assert (index["mode"], index["network_used"], index["status"]) == ("live", True, "COMPLETE")
    spent = pilot("budget", "--state-dir", tmp_path / "state", "--config-dir", config_dir)
    assert re.search(r"today \([-\d]+\): spent 0\.\d*[1-9]", spent.out), spent.out


def test_record_then_replay_gives_the_same_outputs(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    providers: tuple[FakeProvider, FakeProvider],
) -> None:
    """`--mode record` writes a fixture; replaying it twice gives byte-identical packs with the
    recorded typed outputs."""
    fixture = tmp_path / "recorded.json"
    code, output = live(
        pilot, config_dir, tmp_path, "--mode", "record", "--record-to", fixture,
        "--out", tmp_path / "recorded-pack",
    )  # fmt: skip
    assert code == 0, output
    recorded = load_transcript(fixture)
    assert {run.role for run in recorded.runs} == {"proposer", "critic"}
    replays = []
    for name in ("a", "b"):
        pack = tmp_path / name
        result = pilot("run", "--fixture", fixture, "--config-dir", config_dir, "--out", pack)
        assert result.code == 0, result.err
        replays.append(pack)
    a, b = replays
    assert sorted(p.name for p in a.iterdir()) == sorted(p.name for p in b.iterdir())
    for path in a.iterdir():
        assert path.read_bytes() == (b / path.name).read_bytes(), path.name
    outputs = json.loads((tmp_path / "recorded-pack" / "proposer_output.json").read_text())
    replayed = json.loads((a / "proposer_output.json").read_text())
    assert replayed["outputs"] == outputs["outputs"]
    assert PLANTED_OPENAI_KEY not in fixture.read_text()


def fallback_transcript(config_dir: Path) -> Transcript:
    """The sample's runs plus a fake-model answer for the fallback proposer (gpt-5.2)."""
    config = load_config(config_dir)
    registry = config.registry
    scenario = load_scenario(config_dir, SAMPLE_TRANSCRIPT.scenario)
    clock = FixedClock(datetime.fromisoformat(SAMPLE_TRANSCRIPT.recorded_at))
    recorder = RecordingClient(FakeModelClient(), clock=clock)

    async def record() -> None:
        request, _ = proposer_request(scenario, registry.model("gpt-5.2"))
        answer = await recorder.complete(request, role="proposer")
        review, _, _ = review_request(
            scenario,
            registry.model("deepseek-r1"),
            proposal_text=answer.content,
            proposer_call_id=answer.meta.call_id,
        )
        await recorder.complete(review, role="critic")

    anyio.run(record)
    extra = recorder.transcript(transcript_id="fallback", scenario=scenario.id)
    return Transcript(
        transcript_id="with-fallback",
        recorded_at=SAMPLE_TRANSCRIPT.recorded_at,
        scenario=SAMPLE_TRANSCRIPT.scenario,
        runs=(*SAMPLE_TRANSCRIPT.runs, *extra.runs),
    )


def test_an_unavailable_proposer_falls_back(pilot: Pilot, tmp_path: Path, config_dir: Path) -> None:
    """The primary answers 500 on every attempt: the fallback proposer is asked, SoD checks
    it, the run completes, and the pack and report say which model failed and why."""
    transcript = fallback_transcript(config_dir)
    path = tmp_path / "with-fallback.json"
    write_transcript(path, transcript)
    failing = {n: Fault(kind="500") for n in (1, 2, 3)}
    with (
        serve(transcript, config_dir, faults=failing) as openai,
        serve(transcript, config_dir) as deepseek,
    ):
        point_at(config_dir, openai, deepseek)
        pack = tmp_path / "pack"
        code, output = live(pilot, config_dir, tmp_path, "--mode", "live", "--out", pack)
    assert code == 0, output
    proposer = json.loads((pack / "proposer_output.json").read_text())
    assert proposer["model_id"] == "gpt-5.2"
    (step,) = proposer["fallbacks"]
    assert (step["failed_model"], step["error"], step["next_model"]) == (
        "gpt-5.2-pro",
        "ProviderError",
        "gpt-5.2",
    )
    report = (pack / "operator_output.md").read_text()
    assert "Fallback used: `gpt-5.2` after `gpt-5.2-pro` failed (ProviderError)" in report
    sod = json.loads((pack / "sod_check.json").read_text())
    assert sod["result"] == "PASS"
    assert verify_pack(pack).ok


def test_a_missing_key_stops_before_any_call(
    pilot: Pilot,
    tmp_path: Path,
    config_dir: Path,
    providers: tuple[FakeProvider, FakeProvider],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without DEEPSEEK_API_KEY: exit 1 naming the variable; nothing sent, no pack."""
    monkeypatch.delenv("DEEPSEEK_API_KEY")
    code, output = live(pilot, config_dir, tmp_path, "--mode", "live", "--out", tmp_path / "p")
    assert code == 1
    assert "DEEPSEEK_API_KEY" in output
    assert all(not p.received for p in providers)
    assert not (tmp_path / "p").exists()


def test_without_a_terminal_the_banner_needs_yes(
    pilot: Pilot, tmp_path: Path, config_dir: Path, providers: tuple[FakeProvider, FakeProvider]
) -> None:
    """No TTY and no --yes: exit 1 after the banner; nothing sent."""
    result = pilot(
        "run", "--mode", "live", "--allow-network", "--config-dir", config_dir,
        "--state-dir", tmp_path / "state", "--out", tmp_path / "p",
    )  # fmt: skip
    assert result.code == 1
    assert "needs --yes" in result.err
    assert all(not p.received for p in providers)


def test_record_needs_a_new_fixture_file(pilot: Pilot, tmp_path: Path) -> None:
    """--mode record without --record-to, or onto an existing file: exit 1 before anything."""
    missing = pilot("run", "--mode", "record", "--allow-network", "--out", tmp_path / "p")
    assert missing.code == 1
    assert "--record-to FILE" in missing.err
    taken = tmp_path / "taken.json"
    taken.write_text("{}")
    existing = pilot(
        "run", "--mode", "record", "--allow-network", "--record-to", taken,
        "--out", tmp_path / "p",
    )  # fmt: skip
    assert existing.code == 1
    assert "never overwritten" in existing.err


def test_the_shipped_config_names_the_current_deepseek_model() -> None:
    """The critic calls deepseek-v4-flash (deepseek-reasoner was retired on 2026-07-24)."""
    registry = load_config(find_config_dir()).registry
    assert registry.model("deepseek-r1").wire_model == "deepseek-v4-flash"
