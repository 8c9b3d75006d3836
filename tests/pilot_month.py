"""The generated pilot month and ``pilot kpi``'s report on it, shared by the KPI and CLI tests.

The session fixtures ``month`` and ``month_kpi`` (tests/conftest.py) make them once.
"""

from __future__ import annotations

import contextlib
import io
from dataclasses import dataclass
from pathlib import Path

import msgspec

from orchestrator.cli.app import main
from orchestrator.kpi.report import KpiReport
from scripts.make_pilot_month import PlannedRun, make_pilot_month
from tests.helpers import PROJECT


@dataclass(frozen=True)
class Month:
    """The generated folder, its plan, and each run's pack id (by day and slot)."""

    folder: Path
    runs: list[PlannedRun]
    packs: dict[tuple[str, int], str]

    def pack(self, day: str, slot: int) -> str:
        return self.packs[(day, slot)]


@dataclass(frozen=True)
class KpiRun:
    """One ``pilot kpi`` call: exit code, output, and the report folder it wrote."""

    code: int
    out: str
    err: str
    report_dir: Path

    @property
    def report(self) -> KpiReport:
        return msgspec.json.decode((self.report_dir / "kpi.json").read_bytes(), type=KpiReport)


def make_month(folder: Path) -> Month:
    """30 days from 2026-01-05, two runs a day, through the real runtime and review."""
    runs = make_pilot_month(folder, config_dir=PROJECT / "config")
    packs = {}
    for run in runs:
        day = run.date.isoformat()
        name = next(
            p.name
            for p in (folder / "packs" / day).iterdir()
            if run.clock.isoformat() in (p / "evidence_pack.json").read_text(encoding="utf-8")
        )
        packs[(day, run.slot)] = f"EVP-L2-{day}-{name.rsplit('_', 1)[-1]}"
    return Month(folder=folder, runs=runs, packs=packs)


def pilot_kpi(*args: str | Path) -> tuple[int, str, str]:
    """``pilot kpi`` in-process, its output captured (a session fixture has no capsys)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["kpi", *map(str, args)])
    return code, out.getvalue(), err.getvalue()


def run_kpi(month: Month, report_dir: Path) -> KpiRun:
    """`pilot kpi` over the whole month into ``report_dir``, with the project's config."""
    code, out, err = pilot_kpi(
        month.folder, "--out", report_dir, "--config-dir", PROJECT / "config"
    )
    return KpiRun(code=code, out=out, err=err, report_dir=report_dir)
