"""Suite entries as governed runs: the resolved scenario is planned and the suite file recorded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from structlog.testing import capture_logs

from orchestrator.core.canonical import sha256_prefixed
from orchestrator.core.config import load_config
from orchestrator.core.errors import UsageError
from orchestrator.core.suites import load_suite, replay_fixture_name
from orchestrator.runtime.run import RunOptions, conduct, plan_run, prepare
from tests.helpers import FIXTURES, PROJECT

CONFIG = PROJECT / "config"
SUITE = load_suite(CONFIG, "l2-drift-baseline")
CALM = SUITE.entry("calm")
FIXTURE = FIXTURES / "drift" / "l2-drift-baseline" / "baseline" / replay_fixture_name("calm", 0)


def test_the_inputs_manifest_lists_the_suite_file_after_the_scenario_file() -> None:
    """Registry, scope, its vocabularies, scenario file and suite file, by checkout name."""
    plan = plan_run(RunOptions(fixture=FIXTURE), entry=CALM).plan
    assert [ref.name for ref in plan.inputs] == [
        "config/model_registry.toml",
        "config/capability_scopes/L2_market_outlook.toml",
        "config/vocabulary/de.toml",
        "config/vocabulary/en.toml",
        "config/vocabulary/es.toml",
        "config/vocabulary/fr.toml",
        "config/scenarios/l2-calm.toml",
        "config/suites/l2-drift-baseline.toml",
    ]
    assert plan.inputs[6].sha256 == sha256_prefixed(
        (CONFIG / "scenarios/l2-calm.toml").read_bytes()
    )
    assert plan.inputs[7].sha256 == SUITE.sha256


def test_the_plan_carries_the_resolved_scenario_not_its_file() -> None:
    """The planned scenario has the entry's snapshot among its inputs, and no path or hash."""
    scenario = plan_run(RunOptions(fixture=FIXTURE), entry=CALM).plan.scenario
    assert scenario.inputs == CALM.scenario.inputs
    assert "- vix: 12.8" in scenario.inputs["snapshot"]
    assert (scenario.path, scenario.sha256) == ("", "")


def test_an_entry_and_a_scenario_id_cannot_both_be_given() -> None:
    """A suite entry brings its scenario: naming another one as well is a usage error."""
    with pytest.raises(UsageError, match="suite entry 'calm' brings its own scenario"):
        plan_run(RunOptions(fixture=FIXTURE, scenario="l2-calm"), entry=CALM)


def test_a_loaded_config_is_used_as_given(tmp_path: Path) -> None:
    """With ``config`` the run reads no config folder: the options' folder may not even exist."""
    config = load_config(CONFIG)
    options = RunOptions(fixture=FIXTURE, config_dir=tmp_path / "absent")
    assert plan_run(options, entry=CALM, config=config).config is config


def test_planning_ignores_the_pack_folder_and_preparing_checks_it(tmp_path: Path) -> None:
    """plan_run accepts an existing --out (resume compares plans); prepare refuses it."""
    options = RunOptions(fixture=FIXTURE, out=tmp_path)
    assert plan_run(options, entry=CALM).out_dir == tmp_path
    with pytest.raises(UsageError, match="already exists"):
        prepare(options, entry=CALM)


@pytest.mark.anyio
@pytest.mark.usefixtures("debug_logs")
async def test_a_quiet_run_logs_its_start_and_end_at_debug_level(tmp_path: Path) -> None:
    """announce=False: run.started and run.finished are debug events; the pack is the same."""
    prepared = prepare(RunOptions(fixture=FIXTURE, out=tmp_path / "pack"), entry=CALM)
    with capture_logs() as logs:
        result = await conduct(prepared, announce=False)
        result.write(announce=False)
    levels = {e["event"]: e["log_level"] for e in logs if e["event"].startswith("run.")}
    assert levels == {"run.started": "debug", "run.finished": "debug"}
    manifest = json.loads((tmp_path / "pack" / "run_manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "COMPLETE"
    assert manifest["inputs_manifest"][-1]["name"] == "config/suites/l2-drift-baseline.toml"
