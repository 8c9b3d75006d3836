"""``pilot kpi``: a folder of packs and drift reports in, a KPI report folder out.

:func:`build_report` streams over the folder (:func:`~orchestrator.kpi.folder.walk_folder`):
each pack is verified and read into its :class:`~orchestrator.kpi.facts.PackFacts`, added to
the :class:`~orchestrator.kpi.tally.KpiTally` and dropped, so memory stays flat in the number
of packs. :func:`report_files` renders the three files; :func:`write_report` writes them as
one new folder, atomically, never over an existing one.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Final

from orchestrator.core.canonical import short_hash
from orchestrator.core.config import ModelRegistry
from orchestrator.core.errors import UsageError
from orchestrator.core.fileio import write_new_dir
from orchestrator.core.patterns import lazy_pattern
from orchestrator.kpi.charts import render_charts
from orchestrator.kpi.facts import read_pack_facts
from orchestrator.kpi.folder import DriftFile, Leftover, PackDir, walk_folder
from orchestrator.kpi.render import make_links, report_html, report_json, summary_markdown
from orchestrator.kpi.report import BudgetRef, KpiReport
from orchestrator.kpi.tally import KpiTally

__all__ = [
    "HTML_REPORT",
    "JOURNAL",
    "KPI_JSON",
    "budget_of",
    "build_report",
    "check_new_out",
    "default_out",
    "parse_day",
    "report_files",
    "write_report",
]

KPI_JSON: Final = "kpi.json"
HTML_REPORT: Final = "kpi_report.html"
JOURNAL: Final = "pilot_summary.md"

_DAY: Final = lazy_pattern(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, *, option: str) -> date:
    """A calendar day written YYYY-MM-DD; anything else is a usage error naming ``option``."""
    try:
        if not _DAY.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date written YYYY-MM-DD") from None


def budget_of(registry: ModelRegistry) -> BudgetRef:
    """The registry's ``[budget]``, with the version and hash of the file it came from."""
    return BudgetRef(
        daily_cost_limit_usd=registry.budget.daily_cost_limit_usd,
        alert_threshold_pct=registry.budget.alert_threshold_pct,
        registry_version=registry.version,
        registry_sha256=registry.sha256,
    )


def build_report(
    folder: Path,
    *,
    budget: BudgetRef,
    since: date | None = None,
    until: date | None = None,
) -> KpiReport:
    """Verify and read every pack and drift report under ``folder``; the KPIs of the period."""
    tally = KpiTally(budget=budget, since=since, until=until)
    for found in walk_folder(folder):
        match found:
            case PackDir(path=path, relative=relative):
                tally.add_pack(read_pack_facts(path, relative=relative))
            case DriftFile():
                tally.add_drift(found)
            case Leftover(relative=relative):
                tally.add_leftover(relative)
    return tally.report()


def report_files(report: KpiReport, *, folder: Path, out: Path) -> dict[str, bytes]:
    """``kpi.json``, ``kpi_report.html`` and ``pilot_summary.md``, linking from ``out`` to the
    packs in ``folder`` by relative paths."""
    base = Path(os.path.relpath(folder.absolute(), out.absolute())).as_posix()
    links = make_links(report, base)
    return {
        KPI_JSON: report_json(report),
        HTML_REPORT: report_html(report, render_charts(report), links).encode("utf-8"),
        JOURNAL: summary_markdown(report, links).encode("utf-8"),
    }


def default_out(report: KpiReport) -> Path:
    """``kpi_reports/L2_KPI_<since>_<until>_<hash of kpi.json>``: other figures, another name."""
    period = report.period
    digest = short_hash(report_json(report), 8)
    return Path("kpi_reports") / f"L2_KPI_{period.since}_{period.until}_{digest}"


def check_new_out(out: Path) -> None:
    """Refuse an ``--out`` that exists before any pack is read (exit 1)."""
    if out.exists() or out.is_symlink():
        raise UsageError(f"--out {out} already exists; a KPI report is never overwritten")


def write_report(out: Path, files: dict[str, bytes]) -> Path:
    """Write the report folder atomically; an existing ``out`` is left untouched (exit 1)."""
    check_new_out(out)
    return write_new_dir(out, files, what="KPI report", error=UsageError)
