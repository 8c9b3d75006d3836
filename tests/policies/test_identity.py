"""Model and provider identities: what is called, not how it is spelt; snapshot rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from orchestrator.core.config import BudgetConfig, ModelEntry, ModelRegistry, ProviderEntry
from policies.identity import (
    Endpoint,
    answers_for,
    model_key,
    names_model,
    resolve_endpoints,
    same_model,
    same_provider,
)


def model(model_id: str, provider: str = "openai", **fields: str) -> ModelEntry:
    return ModelEntry(provider=provider, model_id=model_id, max_output_tokens=100, **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("gpt-5.2-pro", "GPT-5.2-PRO"),
        ("gpt-5.2-pro", " gpt-5.2-pro\t"),
        ("gpt-5.2-pro", "g\u0440t-5.2-pro"),  # Cyrillic er
        ("gpt-5.2-pro", "gpt-5.2-pr\u03bf"),  # Greek omicron
        ("deepseek-r1", "d\u0435\u0435pseek-r1"),  # Cyrillic ie
        ("gpt-5.2-pro", "gpt\u20115.2\u2011pro"),  # non-breaking hyphens
        ("gpt-5.2-pro", "gpt_5_2_pro"),
        ("gpt-5.2-pro", "gpt-5.2-pro\u200b"),  # zero-width space
        ("gpt-5.2", "gpt-5.2-2025-12-11"),
        ("gpt-5.2", "gpt-5.2-20251211"),
        ("gpt-4", "gpt-4-0613"),
        ("gpt-5.2-pro", "openai/gpt-5.2-pro"),  # a router's namespace
        ("gpt-5.2-pro", "OpenAI/GPT-5.2-Pro"),
        ("deepseek-v4-flash", "deepseek/deepseek-v4-flash"),
        ("gemini-2.5-pro", "models/gemini-2.5-pro"),
    ],
)
def test_spellings_of_one_model_share_a_key(a: str, b: str) -> None:
    """Case, spaces, look-alikes, dashes, separators and snapshot suffixes fold away."""
    assert model_key(a) == model_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("gpt-5.2", "gpt-5.2-pro"),
        ("gpt-5.2", "gpt-5.2-mini"),
        ("gpt-5.2", "gpt-5"),
        ("deepseek-r1", "deepseek-reasoner"),
        ("gpt-5.2", "gpt-5.2-1399"),  # not a date: a different model name
    ],
)
def test_different_models_keep_different_keys(a: str, b: str) -> None:
    """A variant suffix is not a snapshot: gpt-5.2-pro is not gpt-5.2."""
    assert model_key(a) != model_key(b)


@pytest.mark.parametrize(
    ("answered", "configured", "api_model", "expected"),
    [
        ("gpt-5.2", "gpt-5.2", None, True),
        ("GPT-5.2 ", "gpt-5.2", None, True),
        ("gpt-5.2-2025-12-11", "gpt-5.2", None, True),
        ("gpt-5.2-20251211", "gpt-5.2", None, True),
        ("gpt-5.2@20251211", "gpt-5.2", None, True),
        ("gpt-4-0613", "gpt-4", None, True),
        ("deepseek-reasoner", "deepseek-r1", "deepseek-reasoner", True),
        ("deepseek-r1", "deepseek-r1", "deepseek-reasoner", True),
        ("gpt-5.2-pro", "gpt-5.2", None, False),
        ("gpt-5.2-pro-2025-12-11", "gpt-5.2", None, False),
        ("gpt-5.2-2025-12-11-pro", "gpt-5.2", None, False),
        ("gpt-5.2-2025-13-11", "gpt-5.2", None, False),  # no thirteenth month
        ("gpt-5.2-latest", "gpt-5.2", None, False),
        ("gpt-5.2", "gpt-5.2-2025-12-11", None, False),  # the pin cannot be checked
        ("g\u0440t-5.2", "gpt-5.2", None, False),  # a look-alike is not forgiven here
        ("gpt-5.2\u200b", "gpt-5.2", None, False),
        ("gpt-5.2-pro", "deepseek-r1", "deepseek-reasoner", False),
        ("", "gpt-5.2", None, False),
    ],
)
def test_answering_model_snapshot_rules(
    answered: str, configured: str, api_model: str | None, expected: bool
) -> None:
    """Registry id or wire model, plus at most one dated snapshot suffix; nothing else."""
    entry = model(configured, api_model=api_model) if api_model else model(configured)
    assert answers_for(answered, entry) is expected


def test_answering_name_that_names_another_role() -> None:
    """names_model forgives every spelling, to catch a clash with the other role."""
    critic = model("reviewer", provider="deepseek", api_model="deepseek-reasoner")
    assert names_model("DeepSeek\u2011Reasoner-2025-01-20", critic)
    assert not names_model("gpt-5.2-pro", critic)


def test_same_model_says_which_names_met() -> None:
    """An alias whose wire model is the proposer's registry id is the proposer."""
    proposer = model("gpt-5.2-pro")
    alias = model("independent-reviewer", provider="deepseek", api_model="gpt-5.2-pro")
    assert same_model(proposer, alias) == (
        "registry id of gpt-5.2-pro and wire model of independent-reviewer, both 'gpt-5.2-pro'"
    )
    assert same_model(proposer, model("GPT-5.2-PRO")) == (
        "registry id 'gpt-5.2-pro' and registry id 'GPT-5.2-PRO' name one model"
    )
    assert same_model(proposer, model("gpt-5.2")) == ""


def registry(tmp: str = "registry.toml", **providers: ProviderEntry) -> ModelRegistry:
    return ModelRegistry(
        path=str(Path(tmp)),
        version="1",
        models={},
        layers={},
        budget=BudgetConfig(daily_cost_limit_usd=1.0, monthly_cost_limit_usd=1.0),
        providers=providers,
        fallback_order={},
    )


def test_endpoints_are_resolved_like_the_client_resolves_them() -> None:
    """Model fields, then [providers], then the defaults; the host keeps a non-default port."""
    reg = registry(
        acme=ProviderEntry(base_url="HTTPS://API.OpenAI.com:443/v1/", api_key_env="ACME_KEY"),
        local=ProviderEntry(base_url="http://127.0.0.1:8011", api_key_env="LOCAL_KEY"),
    )
    endpoints = resolve_endpoints(
        reg,
        [
            model("a", provider="openai"),
            model("b", provider="acme"),
            model("c", provider="local"),
            model("d", provider="nowhere"),  # no base URL: compared by name alone
        ],
    )
    assert endpoints == {
        "a": Endpoint(host="api.openai.com", key_env="OPENAI_API_KEY"),
        "b": Endpoint(host="api.openai.com", key_env="ACME_KEY"),
        "c": Endpoint(host="127.0.0.1:8011", key_env="LOCAL_KEY"),
    }


@pytest.mark.parametrize(
    ("provider_a", "provider_b", "host_b", "key_b", "shared"),
    [
        ("openai", "OpenAI ", "api.deepseek.com", "K2", "provider 'openai' (spelt 'OpenAI ')"),
        ("openai", "open-ai", "api.deepseek.com", "K2", "provider 'openai' (spelt 'open-ai')"),
        (
            "openai",
            "\u043epenai",  # Cyrillic o
            "api.deepseek.com",
            "K2",
            "provider 'openai' (spelt '\u043epenai')",
        ),
        (
            "openai",
            "independent-labs",
            "api.openai.com",
            "K1",
            (
                "the endpoint host api.openai.com and key K1 (providers 'openai' and "
                "'independent-labs')"
            ),
        ),
        (
            "openai",
            "independent-labs",
            "api.openai.com",
            "K2",
            "the endpoint host api.openai.com (providers 'openai' and 'independent-labs')",
        ),
        ("openai", "deepseek", "api.deepseek.com", "K2", ""),
    ],
)
def test_same_provider_by_name_or_endpoint(
    provider_a: str, provider_b: str, host_b: str, key_b: str, shared: str
) -> None:
    """Providers are one when their names fold together or they are called on one host."""
    a, b = model("a", provider=provider_a), model("b", provider=provider_b)
    endpoints = {
        "a": Endpoint(host="api.openai.com", key_env="K1"),
        "b": Endpoint(host=host_b, key_env=key_b),
    }
    assert same_provider(a, b, endpoints) == shared
