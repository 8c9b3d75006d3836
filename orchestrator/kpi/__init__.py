"""The 30-day pilot's KPIs over a folder of evidence packs and drift reports (SPEC §9).

Pure, synchronous functions over typed data, in the order ``pilot kpi`` uses them:

- :func:`walk_folder`: the packs, drift reports and leftovers of a folder, recursively;
- :func:`read_pack_facts`: one pack verified and read (:class:`PackFacts`);
- :class:`KpiTally`: the running totals, then the :class:`KpiReport` (``kpi.json``'s schema,
  with every formula, in :mod:`orchestrator.kpi.report`);
- :func:`build_report`: the three above over one folder;
- :func:`render_charts`, :func:`report_html`, :func:`summary_markdown`,
  :func:`terminal_table`: the report's forms; :func:`report_files` and :func:`write_report`
  write them as one new folder.

The facade is lazy: reading packs does not load Jinja2, rich or matplotlib.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from orchestrator.kpi.charts import render_charts
    from orchestrator.kpi.facts import PackFacts, read_pack_facts
    from orchestrator.kpi.folder import walk_folder
    from orchestrator.kpi.render import report_html, summary_markdown, terminal_table
    from orchestrator.kpi.report import KpiReport
    from orchestrator.kpi.service import build_report, report_files, write_report
    from orchestrator.kpi.tally import KpiTally

__all__ = [
    "KpiReport",
    "KpiTally",
    "PackFacts",
    "build_report",
    "read_pack_facts",
    "render_charts",
    "report_files",
    "report_html",
    "summary_markdown",
    "terminal_table",
    "walk_folder",
    "write_report",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "orchestrator.kpi.charts": ("render_charts",),
        "orchestrator.kpi.facts": ("PackFacts", "read_pack_facts"),
        "orchestrator.kpi.folder": ("walk_folder",),
        "orchestrator.kpi.render": ("report_html", "summary_markdown", "terminal_table"),
        "orchestrator.kpi.report": ("KpiReport",),
        "orchestrator.kpi.service": ("build_report", "report_files", "write_report"),
        "orchestrator.kpi.tally": ("KpiTally",),
    },
)
