"""Shared pieces of the live-client tests: fake time, a planted key, the project registry."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import anyio
import msgspec
import pytest

from clients.live.budget import BudgetLedger
from clients.live.keys import ApiKey
from orchestrator.core.config import BudgetConfig, ModelRegistry, load_registry
from tests.helpers import PROJECT

# Shaped like a real key, so that the redaction patterns would also catch it if it leaked.
PLANTED_OPENAI_KEY = "sk-test-PLANTEDopenai0123456789abcdefXYZ"
PLANTED_DEEPSEEK_KEY = "sk-test-PLANTEDdeepseek9876543210fedcbaQRS"
START = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


class FakeTime:
    """One clock for everything: monotonic seconds, the wall clock, and a sleep that only
    advances them. The fake provider shares it, so its rate limit sees the waits too."""

    def __init__(self, start: datetime = START) -> None:
        self.t = 1000.0
        self.start = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.t

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.t - 1000.0)

    def advance(self, seconds: float) -> None:
        self.t += seconds

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.t += seconds
        await anyio.lowlevel.checkpoint()


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


def project_registry(base_url: str | None = None) -> ModelRegistry:
    """The shipped registry; with ``base_url``, every provider points there."""
    registry = load_registry(PROJECT / "config" / "model_registry.toml")
    if base_url is None:
        return registry
    providers = {
        name: msgspec.structs.replace(entry, base_url=base_url)
        for name, entry in registry.providers.items()
    }
    return msgspec.structs.replace(registry, providers=providers)


def planted_keys() -> dict[str, ApiKey]:
    return {
        "OPENAI_API_KEY": ApiKey("OPENAI_API_KEY", PLANTED_OPENAI_KEY),
        "DEEPSEEK_API_KEY": ApiKey("DEEPSEEK_API_KEY", PLANTED_DEEPSEEK_KEY),
    }


def roomy_budget() -> BudgetConfig:
    return BudgetConfig(
        daily_cost_limit_usd=50.0, monthly_cost_limit_usd=1000.0, per_run_cost_limit_usd=5.0
    )


@pytest.fixture
def ledger(tmp_path: Path, fake_time: FakeTime) -> Iterator[BudgetLedger]:
    with BudgetLedger(tmp_path / "budget.sqlite3", roomy_budget(), clock=fake_time) as opened:
        yield opened


def chat_completion(content: str = '{"outputs": []}', **changes: object) -> dict[str, object]:
    """A Chat Completions answer as OpenAI sends it (extra fields included)."""
    answer: dict[str, object] = {
        "id": "chatcmpl-1",
        "object": "chat.completion",
        "created": 1768046400,
        "model": "gpt-5.2-2026-01-01",
        "system_fingerprint": "fp_1",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": content},
            }
        ],
        "usage": {
            "prompt_tokens": 1000,
            "completion_tokens": 500,
            "total_tokens": 1500,
            "prompt_tokens_details": {"cached_tokens": 200},
            "completion_tokens_details": {"reasoning_tokens": 300},
        },
    }
    answer.update(changes)
    return answer
