"""Shared test fixtures: the project's own config and fixtures, copied where tests edit them."""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import structlog

from orchestrator.cli.app import main
from tests.helpers import PROJECT, CliResult, Pilot
from tests.pilot_month import KpiRun, Month, make_month, run_kpi

# Live runs against fake providers (the fixture drift_providers).
pytest_plugins = ("tests.fake_providers",)


def pytest_configure(config: pytest.Config) -> None:
    """Caches of the test session (the compiled scanner vocabulary) stay out of the home
    directory: one temporary folder per session, inherited by subprocesses."""
    os.environ.setdefault("PILOT_CACHE_DIR", tempfile.mkdtemp(prefix="pilot-test-cache-"))


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


@pytest.fixture(scope="session")
def month(tmp_path_factory: pytest.TempPathFactory) -> Month:
    """The generated pilot month (scripts/make_pilot_month.py), made once per session."""
    return make_month(tmp_path_factory.mktemp("pilot") / "month")


@pytest.fixture(scope="session")
def month_kpi(month: Month, tmp_path_factory: pytest.TempPathFactory) -> KpiRun:
    """`pilot kpi` over the generated month, run once per session."""
    return run_kpi(month, tmp_path_factory.mktemp("kpi") / "report")
