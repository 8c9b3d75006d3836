"""``pilot kpi``: the 30-day pilot's KPIs over a folder of evidence packs."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from orchestrator.cli.options import ConfigDir
from orchestrator.cli.output import emit
from orchestrator.core.config import load_registry
from orchestrator.core.resources import find_config_dir
from orchestrator.kpi.render import exit_meaning, terminal_table
from orchestrator.kpi.service import (
    HTML_REPORT,
    JOURNAL,
    KPI_JSON,
    budget_of,
    build_report,
    check_new_out,
    default_out,
    parse_day,
    report_files,
    write_report,
)

__all__ = ["kpi"]


def kpi(
    folder: Path,
    /,
    *,
    since: str | None = None,
    until: str | None = None,
    out: Path | None = None,
    config_dir: ConfigDir = None,
) -> int:
    """Add up the pilot's KPIs over every evidence pack and drift report in a folder.

    Verifies every pack (one that does not verify counts against the KPIs and is named),
    prints a table per day and writes a report folder: kpi.json (every figure with its
    packs), kpi_report.html (a chart per KPI with its threshold, the breaches with links to
    their packs) and pilot_summary.md (the pilot journal). Exit 0 when every KPI met its
    target; else 5 (a pack does not verify), 2 (SoD or scope below 100 %), 4 (drift
    flagged) or 3 (a run not complete, a review of 15 minutes or more, a day over budget),
    the first that applies. The report is written whatever the exit code.

    Parameters
    ----------
    folder
        The folder of packs (searched recursively) and drift reports.
    since
        First day of the period, YYYY-MM-DD (UTC; default: the first day in the folder).
    until
        Last day of the period, YYYY-MM-DD (UTC; default: the last day in the folder).
    out
        The report folder to create; it must not exist (default:
        `kpi_reports/L2_KPI_<since>_<until>_<hash>` under the working directory).
    """
    first = None if since is None else parse_day(since, option="--since")
    last = None if until is None else parse_day(until, option="--until")
    if out is not None:
        check_new_out(out)
    registry = load_registry((config_dir or find_config_dir()) / "model_registry.toml")
    report = build_report(folder, budget=budget_of(registry), since=first, until=last)
    target = out or default_out(report)
    write_report(target, report_files(report, folder=folder, out=target))
    colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    width = shutil.get_terminal_size().columns if colour else 120
    emit(terminal_table(report, colour=colour, width=width))
    verdict = f"exit {report.exit_code}: {exit_meaning(report.exit_code)}"
    emit(
        [
            f"breaches: {len(report.breaches)}; {verdict}",
            *(f"unverified: {p.pack} ({p.path})" for p in report.unverified),
            *(
                f"unverified, outside the period: {p.pack} ({p.path})"
                for p in report.unverified_outside_period
            ),
            f"report: {target / HTML_REPORT}",
            f"kpi: {target / KPI_JSON}",
            f"journal: {target / JOURNAL}",
        ]
    )
    return report.exit_code
