"""Shared test fixtures: the project's own config and fixtures, copied where tests edit them."""

from __future__ import annotations

import logging
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog

from orchestrator.cli.app import main
from tests.helpers import PROJECT, CliResult, Pilot

# Live runs against fake providers (the fixture drift_providers).
pytest_plugins = ("tests.fake_providers",)


@pytest.fixture(autouse=True)
def _no_signing_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Packs are unsigned unless a test passes a key, whatever the developer's environment."""
    monkeypatch.delenv("PILOT_SIGNING_KEY", raising=False)


@pytest.fixture
def debug_logs() -> Iterator[None]:
    """Every log level reaches ``capture_logs``, whatever an earlier CLI test configured."""
    structlog.configure(wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG))
    yield
    structlog.reset_defaults()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
def config_dir(tmp_path: Path) -> Path:
    """A private copy of the project's config/, safe to edit."""
    target = tmp_path / "config"
    shutil.copytree(PROJECT / "config", target)
    return target


@pytest.fixture
def pilot(capsys: pytest.CaptureFixture[str]) -> Pilot:
    """Calls the CLI in-process and returns exit code, stdout and stderr."""

    def invoke(*args: str | Path) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return invoke
