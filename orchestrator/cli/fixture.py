"""``pilot fixture fake``: a transcript fixture from the deterministic local fake model."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from cyclopts import App

from orchestrator.cli.options import ConfigDir
from orchestrator.cli.output import emit
from orchestrator.core.resources import find_config_dir
from orchestrator.runtime.fake_fixture import make_fake_fixture

__all__ = ["fake", "fixture_app"]

fixture_app = App(name="fixture", help="Make transcript fixtures.")


@fixture_app.command
def fake(
    *,
    out: Path,
    scenario: str = "market-outlook-daily",
    variant: Literal["normal", "forbidden-output"] = "normal",
    clock: str = "2026-01-10T12:00:00+00:00",
    config_dir: ConfigDir = None,
) -> int:
    """Record a fixture from the deterministic local fake model (no network, no key).

    Parameters
    ----------
    out
        The fixture file to create; it must not exist.
    scenario
        Scenario id from config/scenarios.
    variant
        normal, or forbidden-output (the proposer slips in an OrderParameters output).
    clock
        The recording time written into the fixture.
    """
    make_fake_fixture(
        config_dir=config_dir or find_config_dir(),
        scenario_id=scenario,
        variant=variant,
        clock=clock,
        out=out,
    )
    emit(f"fixture: {out}\n")
    return 0
