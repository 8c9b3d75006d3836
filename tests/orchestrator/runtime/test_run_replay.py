"""End-to-end governed runs through the CLI: replay, blocks, failures and bad input."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from orchestrator.core.canonical import sha256_prefixed
from orchestrator.evidence.events import GENESIS, chain_hash
from tests.helpers import BASELINE, FORBIDDEN, GOLDEN, PROJECT, SAMPLE, Pilot

NINE = {
    "evidence_pack.json",
    "run_manifest.json",
    "operator_output.md",
    "proposer_output.json",
    "critic_output.json",
    "sod_check.json",
    "capability_scope_check.json",
    "transcript.json",
    "events.jsonl",
}


def load(pack: Path, name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((pack / name).read_text(encoding="utf-8"))
    return loaded


def assert_pack_integrity(pack: Path) -> dict[str, Any]:
    """The index lists every other file with matching sha256 and size; the chain ends at the head."""
    index = load(pack, "evidence_pack.json")
    on_disk = {p.name for p in pack.iterdir()}
    assert set(index["artifacts"]) | {"evidence_pack.json"} == on_disk
    assert set(index["artifact_hashes"]) == set(index["artifacts"])
    for name, entry in index["artifact_hashes"].items():
        data = (pack / name).read_bytes()
        assert entry == {"sha256": sha256_prefixed(data), "bytes": len(data)}, name
    prev = GENESIS
    for line in (pack / "events.jsonl").read_bytes().splitlines():
        event_bytes = re.match(rb'^\{"event":(.*),"hash":"[^"]+","prev":"[^"]+"\}$', line)
        assert event_bytes is not None
        entry = json.loads(line)
        assert entry["prev"] == prev
        prev = chain_hash(prev, event_bytes.group(1))
        assert entry["hash"] == prev
    assert index["events_head"] == prev
    return index


def test_replay_of_the_bundled_sample_completes(pilot: Pilot, tmp_path: Path) -> None:
    """`pilot run` replays the bundled sample: exit 0, nine artifacts, hashes matching the index."""
    pack = tmp_path / "pack"
    result = pilot("run", "--out", pack)
    assert result.code == 0, result.err
    assert {p.name for p in pack.iterdir()} == NINE
    index = assert_pack_integrity(pack)
    assert index["status"] == "COMPLETE"
    assert index["mode"] == "replay"
    assert index["network_used"] is False
    assert "status: COMPLETE" in result.out
    assert f"pack: {pack}" in result.out
    assert "sod: PASS" in result.out
    assert "scope: PASS" in result.out
    assert "critic: APPROVE_WITH_CHANGES" in result.out
    critic = load(pack, "critic_output.json")
    proposer = load(pack, "proposer_output.json")
    assert critic["critique_proposal_ref"] == proposer["output_hash"]
    assert proposer["output_hash"] == sha256_prefixed(proposer["raw_content"].encode("utf-8"))
    assert [o["type"] for o in proposer["outputs"]][:2] == [
        "ScenarioReport",
        "RegimeClassification",
    ]
    manifest = load(pack, "run_manifest.json")
    project = PROJECT
    for entry in manifest["inputs_manifest"]:
        assert entry["sha256"] == sha256_prefixed((project / entry["name"]).read_bytes())
    assert manifest["fixture"] == {
        "name": SAMPLE.name,
        "sha256": sha256_prefixed(SAMPLE.read_bytes()),
    }


def test_two_replays_are_byte_identical(pilot: Pilot, tmp_path: Path) -> None:
    """Replays of the same fixture and config give identical bytes in every file."""
    assert pilot("run", "--out", tmp_path / "A").code == 0
    assert pilot("run", "--out", tmp_path / "B").code == 0
    names = sorted(p.name for p in (tmp_path / "A").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "B").iterdir())
    for name in names:
        assert (tmp_path / "A" / name).read_bytes() == (tmp_path / "B" / name).read_bytes(), name


def test_replay_matches_the_golden_pack(pilot: Pilot, tmp_path: Path) -> None:
    """The sample's pack equals the committed golden pack byte for byte."""
    golden = GOLDEN
    assert pilot("run", "--out", tmp_path / "pack").code == 0
    written = sorted(p.name for p in (tmp_path / "pack").iterdir())
    assert written == sorted(p.name for p in golden.iterdir())
    for name in written:
        assert (tmp_path / "pack" / name).read_bytes() == (golden / name).read_bytes(), name


def test_artifacts_are_read_only(pilot: Pilot, tmp_path: Path) -> None:
    """Every artifact is read-only once written."""
    assert pilot("run", "--out", tmp_path / "pack").code == 0
    for path in (tmp_path / "pack").iterdir():
        assert path.stat().st_mode & 0o222 == 0, path.name


def test_forbidden_output_blocks_with_a_pack(pilot: Pilot, tmp_path: Path) -> None:
    """A proposer emitting OrderParameters: exit 2, pack BLOCKED listing the violation."""
    pack = tmp_path / "pack"
    result = pilot("run", "--fixture", FORBIDDEN, "--out", pack)
    assert result.code == 2
    assert "status: BLOCKED" in result.out
    index = assert_pack_integrity(pack)
    assert index["status"] == "BLOCKED"
    scope = load(pack, "capability_scope_check.json")
    assert scope["result"] == "FAIL"
    assert [(v["rule"], v["location"]) for v in scope["violations"] if "type" in v["location"]] == [
        ("scope.forbidden_output_type", "outputs[6].type")
    ]
    critic = load(pack, "critic_output.json")
    assert critic["status"] == "NOT_RUN"
    sod = load(pack, "sod_check.json")
    assert sod["result"] == "PASS"
    assert sod["reason"].endswith(
        "; not reached: sod.critic_references_proposal, sod.evidence_ids, sod.critic_decision"
    )
    transcript = load(pack, "transcript.json")
    assert [r["role"] for r in transcript["runs"]] == ["proposer"]


def test_same_model_for_both_roles_blocks_before_any_call(
    pilot: Pilot, tmp_path: Path, config_dir: Path
) -> None:
    """Proposer == critic: exit 2 before any call, BLOCKED, sod_check.json says why."""
    registry = config_dir / "model_registry.toml"
    registry.write_text(
        registry.read_text().replace('critic = "deepseek-r1"', 'critic = "gpt-5.2-pro"')
    )
    pack = tmp_path / "pack"
    result = pilot("run", "--config-dir", config_dir, "--out", pack)
    assert result.code == 2
    index = assert_pack_integrity(pack)
    assert index["status"] == "BLOCKED"
    assert "transcript.json" not in index["artifacts"]
    assert index["missing_artifacts"] == [
        {"artifact": "transcript.json", "reason": "no model call was made"}
    ]
    sod = load(pack, "sod_check.json")
    assert sod["result"] == "FAIL"
    rule = next(r for r in sod["rules"] if r["rule"] == "sod.distinct_models")
    assert rule["result"] == "FAIL"
    assert "Proposer (gpt-5.2-pro) == Critic (gpt-5.2-pro)" in rule["reason"]
    assert load(pack, "proposer_output.json")["status"] == "NOT_RUN"
    events = (pack / "events.jsonl").read_text().splitlines()
    kinds = [json.loads(e)["event"].get("message", {}).get("kind") for e in events]
    assert "proposal" not in kinds


def test_fallback_equal_to_critic_blocks(pilot: Pilot, tmp_path: Path, config_dir: Path) -> None:
    """A fallback proposer equal to the critic is a SoD block too."""
    registry = config_dir / "model_registry.toml"
    registry.write_text(
        registry.read_text().replace(
            'fallback_order = ["gpt-5.2-pro", "gpt-5.2"]',
            'fallback_order = ["gpt-5.2-pro", "deepseek-r1"]',
        )
    )
    result = pilot("run", "--config-dir", config_dir, "--out", tmp_path / "pack")
    assert result.code == 2
    sod = load(tmp_path / "pack", "sod_check.json")
    assert "Fallback proposer (deepseek-r1) == Critic (deepseek-r1)" in sod["reason"]


def test_modified_prompt_is_a_replay_miss(pilot: Pilot, tmp_path: Path, config_dir: Path) -> None:
    """A prompt changed since recording: exit 3 naming the hash and the differing field."""
    scenario = config_dir / "scenarios" / "market-outlook-daily.toml"
    scenario.write_text(scenario.read_text().replace("over {horizon}", "over {horizon}, briefly"))
    pack = tmp_path / "pack"
    result = pilot("run", "--config-dir", config_dir, "--out", pack)
    assert result.code == 3
    assert "status: FAILED" in result.out
    assert re.search(
        r"replay miss: no recorded proposer run for prompt hash sha256:[0-9a-f]{64}", result.out
    )
    assert "messages[1].content (at character" in result.out
    index = assert_pack_integrity(pack)
    assert index["status"] == "FAILED"
    assert load(pack, "proposer_output.json")["status"] == "FAILED"


def test_seed_format_transcript_is_blocked_on_scenario_count(pilot: Pilot, tmp_path: Path) -> None:
    """A free-text transcript labelling one scenario is blocked by min_scenario_count = 2 alone."""
    pack = tmp_path / "pack"
    result = pilot("run", "--fixture", BASELINE, "--out", pack)
    assert result.code == 2
    scope = load(pack, "capability_scope_check.json")
    assert [v["rule"] for v in scope["violations"]] == ["scope.scenario_count"]
    assert load(pack, "sod_check.json")["result"] == "PASS"


def test_seed_format_transcript_completes_with_one_scenario_allowed(
    pilot: Pilot, tmp_path: Path, config_dir: Path
) -> None:
    """With min_scenario_count = 1 the free-text run completes with APPROVE_WITH_CHANGES."""
    scope_file = config_dir / "capability_scopes" / "L2_market_outlook.toml"
    scope_file.write_text(
        scope_file.read_text().replace("min_scenario_count = 2", "min_scenario_count = 1")
    )
    pack = tmp_path / "pack"
    result = pilot("run", "--fixture", BASELINE, "--config-dir", config_dir, "--out", pack)
    assert result.code == 0, result.out
    assert "critic: APPROVE_WITH_CHANGES" in result.out
    sod = load(pack, "sod_check.json")
    evidence = next(r for r in sod["rules"] if r["rule"] == "sod.evidence_ids")
    assert evidence["warnings"] == [
        "evidence id 'baseline-q1-2026' does not resolve to the proposal"
    ]
    scope = load(pack, "capability_scope_check.json")
    assert scope["proposal"]["notes"] == [
        n for n in scope["proposal"]["notes"] if "require_rationale" in n
    ]
    assert scope["proposal"]["notes"]


@pytest.mark.parametrize(
    ("edit", "needle"),
    [
        (lambda c: (c / "model_registry.toml").write_text("[registry\nversion="), "malformed TOML"),
        (
            lambda c: (c / "model_registry.toml").write_text(
                (c / "model_registry.toml")
                .read_text()
                .replace('critic = "deepseek-r1"', 'critic = "nope-1"')
            ),
            "unknown model 'nope-1'",
        ),
        (
            lambda c: (c / "model_registry.toml").write_text(
                (c / "model_registry.toml")
                .read_text()
                .replace("max_output_tokens = 8000", 'max_output_tokens = "many"')
            ),
            "field models.deepseek-r1.max_output_tokens",
        ),
    ],
    ids=["malformed-toml", "unknown-model", "bad-field"],
)
def test_bad_config_is_exit_1_without_a_pack(
    pilot: Pilot, tmp_path: Path, config_dir: Path, edit: Callable[[Path], object], needle: str
) -> None:
    """Bad config: exit 1, one clear sentence naming the file or model, no traceback, no pack."""
    edit(config_dir)
    pack = tmp_path / "pack"
    result = pilot("run", "--config-dir", config_dir, "--out", pack)
    assert result.code == 1
    assert needle in result.err
    assert "Traceback" not in result.err
    assert not pack.exists()


def test_missing_fixture_is_exit_1(pilot: Pilot, tmp_path: Path) -> None:
    """A fixture that does not exist: exit 1 naming it, no pack."""
    result = pilot("run", "--fixture", tmp_path / "nope.json", "--out", tmp_path / "pack")
    assert result.code == 1
    assert f"fixture {tmp_path / 'nope.json'} not found" in result.err
    assert not (tmp_path / "pack").exists()


def test_existing_out_is_never_overwritten(pilot: Pilot, tmp_path: Path) -> None:
    """An existing --out: exit 1 and its contents untouched."""
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "keep.txt").write_text("mine")
    result = pilot("run", "--out", pack)
    assert result.code == 1
    assert "already exists" in result.err
    assert [p.name for p in pack.iterdir()] == ["keep.txt"]
    assert (pack / "keep.txt").read_text() == "mine"


def test_unwritable_out_is_exit_1(pilot: Pilot) -> None:
    """An --out where nothing can be created (even as root): exit 1 before the run."""
    result = pilot("run", "--out", "/proc/pilot-pack")
    assert result.code == 1
    assert result.err.startswith("pilot: --out /proc/pilot-pack: /proc is not writable")
    assert "Traceback" not in result.err
    assert not Path("/proc/pilot-pack").exists()


def test_out_below_a_file_is_exit_1(pilot: Pilot, tmp_path: Path) -> None:
    """An --out whose parent is a file cannot be written: exit 1, the file untouched."""
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = pilot("run", "--out", blocker / "pack")
    assert result.code == 1
    assert "is not a directory" in result.err
    assert blocker.read_text() == "x"


@pytest.mark.parametrize("mode", ["live", "record"])
def test_network_modes_require_allow_network(pilot: Pilot, tmp_path: Path, mode: str) -> None:
    """--mode live/record without --allow-network: exit 1, one sentence, no pack."""
    result = pilot("run", "--mode", mode, "--out", tmp_path / "pack")
    assert result.code == 1
    assert result.err.strip() == (
        f"pilot: --mode {mode} makes real API calls and requires --allow-network"
    )
    assert not (tmp_path / "pack").exists()


def test_unknown_option_is_exit_1(pilot: Pilot) -> None:
    """A misspelt option is a usage error: exit 1, no traceback."""
    result = pilot("run", "--moed", "dry")
    assert result.code == 1
    assert "Traceback" not in result.err
    assert "--moed" in result.err


def test_bad_clock_is_exit_1(pilot: Pilot, tmp_path: Path) -> None:
    """--clock without a time zone is refused."""
    result = pilot("run", "--clock", "2026-01-10T12:00:00", "--out", tmp_path / "p")
    assert result.code == 1
    assert "has no time zone" in result.err
