"""Config loading: the seed system's formats load; problems name the file and the field."""

from __future__ import annotations

import shutil
from importlib import resources as importlib_resources
from pathlib import Path

import pytest

import orchestrator.core.resources as shipped
from orchestrator.core.config import load_config, load_registry, load_scenario
from orchestrator.core.errors import ConfigError
from orchestrator.core.resources import find_config_dir
from tests.helpers import PROJECT, Pilot

# The seed system's registry layout: table keys differ from model ids, mixed fallback
# forms, scalar and per-layer entries side by side under [fallback_policy], no [providers].
SEED_STYLE_REGISTRY = """
[registry]
version = "1.0"
effective_date = "2026-01-08"
owner = "ops"

[models.big-model-1]
provider = "openai"
model_id = "big.model-1"
max_output_tokens = 16000
cost_per_1k_input = 0.015
cost_per_1k_output = 0.060
rate_limit_rpm = 500
capabilities = ["reasoning"]
use_cases = ["L2_market_outlook"]
latency_p50_ms = 2000

[models.checker]
provider = "deepseek"
model_id = "checker"
max_output_tokens = 8000
cost_per_1k_input = 0.001
cost_per_1k_output = 0.002
deployment = "local-optional"

[layer_mapping.L1]
layer_id = "L1"
primary = "big.model-1"
fallback = ["checker", "big.model-1"]
critic = "checker"

[layer_mapping.L2]
layer_id = "L2"
primary = "big.model-1"
fallback = "none"
critic = "checker"

[fallback_policy]
max_retries_per_model = 2
fail_closed = true

[fallback_policy.L2]
fallback_order = ["big.model-1"]
alert_on_fallback = true

[budget]
daily_cost_limit_usd = 50.00
monthly_cost_limit_usd = 1000.00
alert_threshold_pct = 80
tracking_enabled = true

[audit]
log_all_model_calls = true
"""


def test_seed_style_registry_loads(tmp_path: Path) -> None:
    """A registry in the seed layout loads unchanged, indexed by model id."""
    path = tmp_path / "model_registry.toml"
    path.write_text(SEED_STYLE_REGISTRY)
    registry = load_registry(path)
    assert set(registry.models) == {"big.model-1", "checker"}
    assert registry.layer("L1").fallbacks == ("checker", "big.model-1")
    assert registry.layer("L2").fallbacks == ()
    assert registry.fallback_order == {"L2": ("big.model-1",)}
    assert registry.budget.run_limit_usd == 50.0
    provider = registry.provider(registry.model("checker"))
    assert (provider.base_url, provider.api_key_env) == (
        "https://api.deepseek.com",
        "DEEPSEEK_API_KEY",
    )


def test_unknown_model_names_the_registry(tmp_path: Path) -> None:
    """Looking up a model that is not registered names it and the file."""
    path = tmp_path / "model_registry.toml"
    path.write_text(SEED_STYLE_REGISTRY)
    with pytest.raises(ConfigError, match=r"unknown model 'gpt-9'.*model_registry.toml"):
        load_registry(path).model("gpt-9")


def test_missing_required_field_is_named(tmp_path: Path) -> None:
    """A missing [budget] field is reported with its dotted name."""
    path = tmp_path / "model_registry.toml"
    path.write_text(SEED_STYLE_REGISTRY.replace("daily_cost_limit_usd = 50.00\n", ""))
    with pytest.raises(ConfigError, match=r"model_registry.toml: .*daily_cost_limit_usd"):
        load_registry(path)


def test_project_config_loads() -> None:
    """The bundled config loads: L2 scope, provider diversity on, per-run limit set."""
    bundle = load_config(PROJECT / "config")
    assert bundle.scope.scope.layer_id == "L2"
    assert bundle.registry.layer("L2").provider_diversity is True
    assert bundle.registry.budget.run_limit_usd == 5.0


def test_unknown_scenario_lists_the_known_ones() -> None:
    """An unknown scenario id names the ones that exist."""
    with pytest.raises(ConfigError, match=r"unknown scenario 'nope'.*market-outlook-baseline"):
        load_scenario(PROJECT / "config", "nope")


def test_config_dir_is_found_from_inside_the_checkout(monkeypatch: pytest.MonkeyPatch) -> None:
    """--config-dir defaults to the checkout's config/, from any folder inside it."""
    monkeypatch.chdir(PROJECT / "tests" / "orchestrator")
    assert find_config_dir() == PROJECT / "config"


def test_an_unknown_fallback_is_named_even_with_a_fallback_order(config_dir: Path) -> None:
    """[layer_mapping.L2] fallback naming an unknown model fails although fallback_order exists."""
    registry = config_dir / "model_registry.toml"
    registry.write_text(
        registry.read_text().replace('fallback = "gpt-5.2"', 'fallback = "gpt-9"'), "utf-8"
    )
    with pytest.raises(
        ConfigError, match=r"field layer_mapping\.L2\.fallback: unknown model 'gpt-9'"
    ):
        load_config(config_dir).registry.layer_models("L2")


def test_an_unknown_model_in_the_fallback_order_is_named(config_dir: Path) -> None:
    """[fallback_policy.L2] fallback_order naming an unknown model fails, naming the field."""
    registry = config_dir / "model_registry.toml"
    text = registry.read_text().replace(
        'fallback_order = ["gpt-5.2-pro", "gpt-5.2"]', 'fallback_order = ["gpt-5.2-pro", "x-1"]'
    )
    registry.write_text(text, "utf-8")
    with pytest.raises(
        ConfigError, match=r"fallback_policy\.L2\.fallback_order: unknown model 'x-1'"
    ):
        load_config(config_dir).registry.layer_models("L2")


def test_a_critic_with_an_unknown_provider_is_refused(
    pilot: Pilot, config_dir: Path, tmp_path: Path
) -> None:
    """A critic whose provider has no base URL or key variable: exit 1 before any call."""
    registry = config_dir / "model_registry.toml"
    text = registry.read_text().replace(
        'provider = "deepseek"', 'provider = "acme"\ndialect = "deepseek"'
    )
    registry.write_text(text, "utf-8")
    result = pilot("run", "--config-dir", config_dir, "--out", tmp_path / "pack")
    assert result.code == 1
    assert "provider 'acme' with no base_url or api_key_env" in result.err
    assert not (tmp_path / "pack").exists()


def test_an_installed_wheel_finds_its_packaged_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Outside any checkout, config/ and fixtures/ come from the package data."""
    site = tmp_path / "site-packages"
    (site / "orchestrator" / "core").mkdir(parents=True)
    data = site / "orchestrator" / "_data"
    shutil.copytree(PROJECT / "config", data / "config")
    (data / "fixtures").mkdir()
    monkeypatch.setattr(shipped, "__file__", str(site / "orchestrator" / "core" / "resources.py"))
    monkeypatch.setattr(importlib_resources, "files", lambda _package: site / "orchestrator")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert shipped.find_config_dir(empty) == data / "config"
    assert shipped.bundled_fixture() == data / "fixtures" / "l2_market_outlook_sample.json"


def test_seed_style_registry_gets_live_defaults(tmp_path: Path) -> None:
    """Without the live fields a model sends temperature only, in its provider's dialect."""
    path = tmp_path / "model_registry.toml"
    path.write_text(SEED_STYLE_REGISTRY)
    registry = load_registry(path)
    checker, big = registry.model("checker"), registry.model("big.model-1")
    assert (checker.wire_dialect, big.wire_dialect) == ("deepseek", "openai")
    assert big.accepted_sampling == ("temperature",)
    assert registry.retry.max_retries_per_model == 2
    assert registry.retry.retry_delay_seconds == 0.5


def test_live_fields_load(tmp_path: Path) -> None:
    """api, api_model, thinking, sampling_params, read timeout and retry settings load."""
    text = SEED_STYLE_REGISTRY.replace(
        'deployment = "local-optional"',
        'api_model = "checker-v4"\nthinking = true\nsampling_params = []\nread_timeout_s = 600',
    ).replace("fail_closed = true", "fail_closed = true\nretry_delay_seconds = 5")
    path = tmp_path / "model_registry.toml"
    path.write_text(text)
    registry = load_registry(path)
    checker = registry.model("checker")
    assert (checker.wire_model, checker.thinking, checker.accepted_sampling) == (
        "checker-v4",
        True,
        (),
    )
    assert checker.read_timeout_s == 600
    assert registry.retry.retry_delay_seconds == 5


@pytest.mark.parametrize(
    ("addition", "field"),
    [
        ("thinking = true", "models.big-model-1"),
        ('api = "responses"', "models.checker"),
        ('sampling_params = ["heat"]', "models.big-model-1.sampling_params"),
        ("read_timeout_s = 0", "models.big-model-1.read_timeout_s"),
    ],
)
def test_inconsistent_live_fields_name_the_entry(tmp_path: Path, addition: str, field: str) -> None:
    """A live field that cannot work for the model is a ConfigError naming the entry."""
    target = "[models.checker]" if "responses" in addition else "[models.big-model-1]"
    text = SEED_STYLE_REGISTRY.replace(target, f"{target}\n{addition}")
    path = tmp_path / "model_registry.toml"
    path.write_text(text)
    with pytest.raises(ConfigError, match=rf"field {field}"):
        load_registry(path)


def test_negative_retry_count_is_named(tmp_path: Path) -> None:
    """[fallback_policy] max_retries_per_model must not be negative."""
    path = tmp_path / "model_registry.toml"
    path.write_text(
        SEED_STYLE_REGISTRY.replace("max_retries_per_model = 2", "max_retries_per_model = -1")
    )
    with pytest.raises(ConfigError, match=r"field fallback_policy.max_retries_per_model"):
        load_registry(path)
