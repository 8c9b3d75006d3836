"""Suites for batch tests: the shipped drift suite's fixtures, and a suite with a blocked run."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Final

from tests.helpers import FIXTURES, FORBIDDEN, SAMPLE

SUITE: Final = "l2-drift-baseline"
DRIFT: Final = FIXTURES / "drift" / SUITE
ENTRIES: Final = ("calm", "risk-off-shock", "inflation-surprise", "liquidity-squeeze", "event-week")


def mixed_suite(config_dir: Path, fixtures: Path) -> str:
    """Suite ``mixed`` in ``config_dir``: entry ``fine`` completes, entry ``blocked`` is
    blocked by the scope policy (its proposer emits an order); both replay fixtures go into
    ``fixtures``. Returns the suite id."""
    (config_dir / "suites" / "mixed.toml").write_text(
        '[suite]\nid = "mixed"\nlayer = "L2"\ndescription = "one fine, one blocked"\n'
        '[[suite.entries]]\nid = "fine"\nscenario = "market-outlook-daily"\n'
        '[[suite.entries]]\nid = "blocked"\nscenario = "market-outlook-daily"\n',
        encoding="utf-8",
    )
    fixtures.mkdir(parents=True, exist_ok=True)
    shutil.copy(SAMPLE, fixtures / "fine.sample-0.json")
    shutil.copy(FORBIDDEN, fixtures / "blocked.sample-0.json")
    return "mixed"
