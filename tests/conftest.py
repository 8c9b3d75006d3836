"""Shared test fixtures: the project's own config and fixtures, copied where tests edit them."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from orchestrator.cli import main

PROJECT = Path(__file__).resolve().parent.parent
FIXTURES = PROJECT / "fixtures"
SAMPLE = FIXTURES / "l2_market_outlook_sample.json"
FORBIDDEN = FIXTURES / "l2_market_outlook_forbidden_output.json"
BASELINE = FIXTURES / "l2_market_outlook_baseline_freetext.json"


@pytest.fixture(autouse=True)
def _no_signing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Packs are unsigned unless a test passes a key, whatever the developer's environment."""
    monkeypatch.delenv("PILOT_SIGNING_KEY", raising=False)


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A private copy of the project's config/, safe to edit."""
    target = tmp_path / "config"
    shutil.copytree(PROJECT / "config", target)
    return target


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code = code
        self.out = out
        self.err = err


@pytest.fixture
def pilot(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Calls the CLI in-process and returns exit code, stdout and stderr."""

    def invoke(*args: str | Path) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke
