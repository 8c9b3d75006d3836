"""Governed runs end to end on edited fixtures: SoD identity, critique format and references,
answering models, strict JSON. Each block is exit 2, BLOCKED, with the rule in the pack."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import BASELINE, GOLDEN, SAMPLE, Pilot

PROPOSER_RUN = "proposer-519f21bb0faf"


def load(pack: Path, name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((pack / name).read_text(encoding="utf-8"))
    return data


def fixture_copy(
    tmp_path: Path, edit: Callable[[dict[str, Any]], object], source: Path = SAMPLE
) -> Path:
    """An edited copy of a shipped fixture. Only responses are edited: the recorded requests,
    and so their prompt hashes, stay valid."""
    fixture: dict[str, Any] = json.loads(source.read_text(encoding="utf-8"))
    edit(fixture)
    path = tmp_path / "fixture.json"
    path.write_text(json.dumps(fixture, indent=2, sort_keys=True), encoding="utf-8")
    return path


def set_answer(
    role: str, content: str | None = None, model: str | None = None
) -> Callable[[dict[str, Any]], None]:
    def edit(fixture: dict[str, Any]) -> None:
        run = next(r for r in fixture["runs"] if r["role"] == role)
        if content is not None:
            run["response"]["choices"][0]["message"]["content"] = content
        if model is not None:
            run["response"]["model"] = model

    return edit


def sample_output_hash() -> str:
    return str(load(GOLDEN, "proposer_output.json")["output_hash"])


def rule(pack: Path, rule_id: str) -> dict[str, Any]:
    sod = load(pack, "sod_check.json")
    found: dict[str, Any] = next(r for r in sod["rules"] if r["rule"] == rule_id)
    return found


def run_blocked(pilot: Pilot, tmp_path: Path, *args: str | Path) -> Path:
    pack = tmp_path / "pack"
    result = pilot("run", *args, "--out", pack)
    assert result.code == 2, result.out + result.err
    assert "status: BLOCKED" in result.out
    assert load(pack, "evidence_pack.json")["status"] == "BLOCKED"
    return pack


FREE_TEXT_REVIEW = (
    "# Critic Review\n\n**Decision:** APPROVE\n\n**Rationale:**\n- Coherent.\n\n"
    f"**Evidence IDs:** [{PROPOSER_RUN}, scn-base]"
)


def test_free_text_critique_in_a_typed_scenario_blocks(pilot: Pilot, tmp_path: Path) -> None:
    """A typed scenario needs a typed critique: free text citing the run id is not enough."""
    fixture = fixture_copy(tmp_path, set_answer("critic", FREE_TEXT_REVIEW))
    pack = run_blocked(pilot, tmp_path, "--fixture", fixture)
    check = rule(pack, "sod.critic_references_proposal")
    assert check["result"] == "FAIL"
    assert check["reason"].startswith(
        "the scenario requires a typed critique whose proposal_ref is the output hash"
    )
    assert rule(pack, "sod.critic_decision")["result"] == "PASS"
    assert load(pack, "sod_check.json")["result"] == "FAIL"


def test_typed_critique_with_a_wrong_proposal_ref_blocks(pilot: Pilot, tmp_path: Path) -> None:
    """A typed critique citing the right run id but another output hash is refused."""
    critique = {
        "decision": "APPROVE",
        "rationale": "fine",
        "proposal_ref": "sha256:" + "e" * 64,
        "evidence_ids": [PROPOSER_RUN, "scn-base"],
    }
    fixture = fixture_copy(tmp_path, set_answer("critic", json.dumps(critique)))
    pack = run_blocked(pilot, tmp_path, "--fixture", fixture)
    check = rule(pack, "sod.critic_references_proposal")
    assert check["result"] == "FAIL"
    assert f"is not the proposal's output hash {sample_output_hash()}" in check["reason"]


def test_free_text_critique_with_a_wrong_ref_blocks_despite_the_run_id(
    pilot: Pilot, tmp_path: Path, config_dir: Path
) -> None:
    """Seed scenario: a wrong proposal ref outweighs a right proposer run id."""
    scope = config_dir / "capability_scopes" / "L2_market_outlook.toml"
    scope.write_text(scope.read_text().replace("min_scenario_count = 2", "min_scenario_count = 1"))
    review = (
        "**Decision:** APPROVE\n\n**Proposal ref:** sha256:" + "e" * 64 + "\n\n"
        "**Evidence IDs:** [proposer-run-001]"
    )
    fixture = fixture_copy(tmp_path, set_answer("critic", review), source=BASELINE)
    pack = run_blocked(pilot, tmp_path, "--fixture", fixture, "--config-dir", config_dir)
    check = rule(pack, "sod.critic_references_proposal")
    assert check["result"] == "FAIL"
    assert "refers to the proposal as 'sha256:eeee" in check["reason"]


@pytest.mark.parametrize(
    ("role", "answered", "needle"),
    [
        ("proposer", "gpt-5.2", "the proposal was answered by model 'gpt-5.2', which is not"),
        ("proposer", "deepseek-r1", "the proposal was answered by model 'deepseek-r1'"),
        ("proposer", "gpt-5.2-pro-max", "which is not the configured proposer 'gpt-5.2-pro'"),
        ("critic", "gpt-5.2-pro", "the critique was answered by model 'gpt-5.2-pro', which is not"),
        ("critic", "deepseek-chat", "which is not the configured critic 'deepseek-r1'"),
    ],
    ids=["fallback-for-primary", "critic-as-proposer", "variant", "proposer-as-critic", "other"],
)
def test_a_response_from_another_model_blocks(
    pilot: Pilot, tmp_path: Path, role: str, answered: str, needle: str
) -> None:
    """The response's model must be the configured one for its role, or the run blocks."""
    fixture = fixture_copy(tmp_path, set_answer(role, model=answered))
    pack = run_blocked(pilot, tmp_path, "--fixture", fixture)
    check = rule(pack, "sod.distinct_models")
    assert check["result"] == "FAIL"
    assert needle in check["reason"]


def test_a_dated_snapshot_of_the_configured_model_completes(pilot: Pilot, tmp_path: Path) -> None:
    """gpt-5.2-pro-2025-12-11 answers for gpt-5.2-pro; the reason says so."""
    fixture = fixture_copy(tmp_path, set_answer("proposer", model="gpt-5.2-pro-2025-12-11"))
    pack = tmp_path / "pack"
    result = pilot("run", "--fixture", fixture, "--out", pack)
    assert result.code == 0, result.out
    evaluations = rule(pack, "sod.distinct_models")["evaluations"]
    proposal = next(e for e in evaluations if e["message"] == "proposal")
    assert proposal["reason"] == (
        "proposal by gpt-5.2-pro (answered as 'gpt-5.2-pro-2025-12-11'), critic is deepseek-r1"
    )


def test_a_typed_critique_with_two_decisions_blocks(pilot: Pilot, tmp_path: Path) -> None:
    """'decision' twice is unparseable, never the last value: sod.critic_decision fails."""
    answer = (
        '{"decision": "REJECT", "rationale": "thin", "proposal_ref": "'
        + sample_output_hash()
        + '", "evidence_ids": ["scn-base"], "decision": "APPROVE"}'
    )
    fixture = fixture_copy(tmp_path, set_answer("critic", answer))
    pack = run_blocked(pilot, tmp_path, "--fixture", fixture)
    check = rule(pack, "sod.critic_decision")
    assert check["result"] == "FAIL"
    assert "duplicate key 'decision' at decision" in check["reason"]
    assert load(pack, "critic_output.json")["decision"] is None


def test_a_proposal_with_a_repeated_type_key_blocks_as_invalid_output(
    pilot: Pilot, tmp_path: Path
) -> None:
    """A second "type" hiding another output is scope.invalid_output at its path."""

    def smuggle(fixture: dict[str, Any]) -> None:
        message = fixture["runs"][0]["response"]["choices"][0]["message"]
        message["content"] = message["content"].replace(
            '"type":"MacroOutlook"', '"type":"MacroOutlook","type":"OrderParameters"', 1
        )

    fixture = fixture_copy(tmp_path, smuggle)
    pack = run_blocked(pilot, tmp_path, "--fixture", fixture)
    scope = load(pack, "capability_scope_check.json")
    invalid = [v for v in scope["violations"] if v["rule"] == "scope.invalid_output"]
    assert invalid
    assert invalid[0]["location"].endswith(".type")
    assert "duplicate key 'type'" in invalid[0]["detail"]


def test_a_critic_alias_of_the_proposer_blocks_before_any_call(
    pilot: Pilot, tmp_path: Path, config_dir: Path
) -> None:
    """A critic whose api_model is the proposer's model is the proposer: exit 2, no call."""
    registry = config_dir / "model_registry.toml"
    registry.write_text(
        registry.read_text().replace('api_model = "deepseek-v4-flash"', 'api_model = "GPT-5.2-pro"')
    )
    pack = run_blocked(pilot, tmp_path, "--config-dir", config_dir)
    check = rule(pack, "sod.distinct_models")
    assert check["result"] == "FAIL"
    assert (
        "Proposer (gpt-5.2-pro) == Critic (deepseek-r1) by registry id 'gpt-5.2-pro'"
        in (check["reason"])
    )
    assert "transcript.json" not in load(pack, "evidence_pack.json")["artifacts"]


def test_another_provider_name_on_the_same_endpoint_fails_diversity(
    pilot: Pilot, tmp_path: Path, config_dir: Path
) -> None:
    """A 'deepseek' provider configured on OpenAI's base URL and key is OpenAI."""
    registry = config_dir / "model_registry.toml"
    registry.write_text(
        registry.read_text().replace(
            'base_url = "https://api.deepseek.com"\napi_key_env = "DEEPSEEK_API_KEY"',
            'base_url = "https://API.openai.com/v1/"\napi_key_env = "OPENAI_API_KEY"',
        )
    )
    pack = run_blocked(pilot, tmp_path, "--config-dir", config_dir)
    check = rule(pack, "sod.provider_diversity")
    assert check["result"] == "FAIL"
    assert "share the endpoint host api.openai.com and key OPENAI_API_KEY" in check["reason"]
