"""Live runs in tests: fake providers on 127.0.0.1 that a copy of config/ points at, planted
keys, and a live client whose retries and rate limits wait for nothing.

A pytest plugin of the root conftest: its fixture ``drift_providers`` serves the drift
suite's answers to live batches."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
import pytest

from clients.fake_provider import FakeProvider, wire_model_ids
from clients.live.client import LiveClient
from clients.live.ratelimit import RateLimiters
from clients.transcripts import Transcript, load_transcript
from orchestrator.core.config import load_config
from tests.clients.conftest import PLANTED_DEEPSEEK_KEY, PLANTED_OPENAI_KEY
from tests.orchestrator.batch.factories import DRIFT


async def no_wait(_seconds: float) -> None:
    await anyio.lowlevel.checkpoint()


def plant_keys_without_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Planted keys in the environment; a LiveClient whose retry waits take no time, and
    fresh rate limiters (the test's own, not the process's) whose waits take none either."""
    monkeypatch.setenv("OPENAI_API_KEY", PLANTED_OPENAI_KEY)
    monkeypatch.setenv("DEEPSEEK_API_KEY", PLANTED_DEEPSEEK_KEY)
    fast = functools.partial(LiveClient, sleep=no_wait, jitter=lambda: 0.0)
    monkeypatch.setattr("orchestrator.runtime.live.LiveClient", fast)
    limiters = RateLimiters(sleep=no_wait)
    monkeypatch.setattr("orchestrator.runtime.live.process_rate_limiters", lambda: limiters)


def serve(transcript: Transcript, config_dir: Path, **options: Any) -> FakeProvider:
    """A fake provider answering from ``transcript`` (not started: use it as a context)."""
    registry = load_config(config_dir).registry
    return FakeProvider(transcript, model_ids=wire_model_ids(registry), **options)


def point_at(config_dir: Path, openai: FakeProvider, deepseek: FakeProvider) -> None:
    """Make the config's two providers the two fake ones."""
    registry = config_dir / "model_registry.toml"
    text = registry.read_text(encoding="utf-8")
    text = text.replace('"https://api.openai.com/v1"', f'"{openai.base_url}"')
    text = text.replace('"https://api.deepseek.com"', f'"{deepseek.base_url}"')
    registry.write_text(text, encoding="utf-8")


def folder_transcript(folder: Path) -> Transcript:
    """Every run of every fixture in ``folder``, as one transcript a provider can serve."""
    fixtures = [load_transcript(path) for path in sorted(folder.glob("*.json"))]
    first = fixtures[0]
    return Transcript(
        transcript_id=f"{folder.name}-all",
        recorded_at=first.recorded_at,
        scenario=first.scenario,
        runs=tuple(run for fixture in fixtures for run in fixture.runs),
    )


@contextmanager
def serving(folder: Path, config_dir: Path) -> Iterator[tuple[FakeProvider, FakeProvider]]:
    """Two fake providers, OpenAI's and DeepSeek's in ``config_dir``, answering from every
    fixture in ``folder``."""
    answers = folder_transcript(folder)
    with serve(answers, config_dir) as openai, serve(answers, config_dir) as deepseek:
        point_at(config_dir, openai, deepseek)
        yield openai, deepseek


@pytest.fixture
def drift_providers(
    config_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[FakeProvider, FakeProvider]]:
    """Planted keys, no waits, and two fake providers serving the answers of the drift
    suite's week-2 fixtures, the config copy pointing at them."""
    plant_keys_without_waits(monkeypatch)
    with serving(DRIFT / "week-2", config_dir) as pair:
        yield pair
