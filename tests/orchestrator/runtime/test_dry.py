"""Dry mode: no calls; prompts, SoD, worst-case cost against the budget, fixture coverage."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import SAMPLE, Pilot


def test_dry_run_writes_a_preflight_pack(pilot: Pilot, tmp_path: Path) -> None:
    """Dry mode makes no call and records prompt hash, worst case and budget in the manifest."""
    pack = tmp_path / "pack"
    result = pilot("run", "--mode", "dry", "--clock", "2026-02-01T08:00:00Z", "--out", pack)
    assert result.code == 0, result.err
    index = json.loads((pack / "evidence_pack.json").read_text())
    assert index["mode"] == "dry"
    assert index["status"] == "COMPLETE"
    assert index["creation_timestamp"] == "2026-02-01T08:00:00+00:00"
    assert "transcript.json" not in index["artifacts"]
    assert index["missing_artifacts"] == [
        {"artifact": "transcript.json", "reason": "dry mode makes no model calls"}
    ]
    manifest = json.loads((pack / "run_manifest.json").read_text())
    pre = manifest["preflight"]
    assert pre["proposer_prompt_hash"].startswith("sha256:")
    assert pre["proposer_coverage"] == "no fixture"
    assert pre["within_budget"] is True
    assert pre["per_run_limit_usd"] == 5.0
    roles = [c["role"] for c in pre["costs"]]
    assert roles == ["proposer", "fallback proposer", "critic"]
    proposer = pre["costs"][0]
    # 4000 output tokens at 0.06 USD/1k dominate the proposer's worst case.
    assert proposer["max_output_tokens"] == 4000
    assert proposer["worst_case_usd"] >= 0.24
    assert json.loads((pack / "sod_check.json").read_text())["result"] == "PASS"
    assert json.loads((pack / "proposer_output.json").read_text())["status"] == "NOT_RUN"


def test_dry_run_reports_fixture_coverage(pilot: Pilot, tmp_path: Path) -> None:
    """With a fixture, dry mode says whether both recorded requests would replay."""
    pack = tmp_path / "pack"
    result = pilot("run", "--mode", "dry", "--fixture", SAMPLE, "--out", pack)
    assert result.code == 0
    pre = json.loads((pack / "run_manifest.json").read_text())["preflight"]
    assert (pre["proposer_coverage"], pre["critic_coverage"]) == ("covered", "covered")
    assert "fixture coverage: proposer covered, critic covered" in result.out
    assert f"prompt hash: {pre['proposer_prompt_hash']}" in result.out
    assert f"worst case: {pre['worst_case_total_usd']:.6f} USD (per-run limit 5.00 USD)" in (
        result.out
    )


def test_dry_run_over_budget_fails(pilot: Pilot, tmp_path: Path, config_dir: Path) -> None:
    """A worst case above the per-run limit fails the pre-flight with exit 3."""
    registry = config_dir / "model_registry.toml"
    registry.write_text(
        registry.read_text().replace(
            "per_run_cost_limit_usd = 5.00", "per_run_cost_limit_usd = 0.01"
        )
    )
    result = pilot("run", "--mode", "dry", "--config-dir", config_dir, "--out", tmp_path / "p")
    assert result.code == 3
    assert "exceeds the per-run limit 0.01 USD" in result.out


def test_dry_run_blocks_on_sod(pilot: Pilot, tmp_path: Path, config_dir: Path) -> None:
    """Dry mode checks separation of duties like any run."""
    registry = config_dir / "model_registry.toml"
    registry.write_text(
        registry.read_text().replace('critic = "deepseek-r1"', 'critic = "gpt-5.2"')
    )
    result = pilot("run", "--mode", "dry", "--config-dir", config_dir, "--out", tmp_path / "p")
    assert result.code == 2
    assert "sod: FAIL" in result.out


def test_dry_run_of_the_seed_scenario_has_the_seed_prompt_hash(
    pilot: Pilot, tmp_path: Path
) -> None:
    """--scenario market-outlook-baseline builds the seed system's request, hash for hash."""
    result = pilot(
        "run", "--mode", "dry", "--scenario", "market-outlook-baseline", "--out", tmp_path / "p"
    )
    assert result.code == 0, result.err
    seed_hash = "sha256:ce0db8666312bcd27baf92ceb2ead4d06aca001005376134c614e0776125a29a"
    assert f"prompt hash: {seed_hash}" in result.out
    assert "fixture coverage: proposer no fixture, critic no fixture" in result.out
