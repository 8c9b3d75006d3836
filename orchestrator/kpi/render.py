"""The KPI report as files and as a terminal table.

- :func:`report_json`: ``kpi.json``, sorted-key JSON of the :class:`KpiReport` (the record);
- :func:`report_html`: ``kpi_report.html``, one self-contained page: the charts inline
  (:mod:`orchestrator.kpi.charts`), the breaches with links to their packs, the drift
  checks, the per-day table, the operator feedback and the formulas;
- :func:`summary_markdown`: ``pilot_summary.md``, the pilot journal answering the four goals
  of the pilot (source design §7.1): did SoD hold, did the scope hold, did the model drift,
  what did the operators say;
- :func:`terminal_table`: the per-day table for the terminal, green or red per threshold
  when colour is wanted.

HTML and Markdown are rendered by Jinja2 from the templates in ``orchestrator/kpi/templates/``
with ``StrictUndefined``. The HTML environment escapes every value; the page inlines its CSS
and its charts, runs nothing, loads nothing (its Content-Security-Policy forbids it), and
links only to the packs, by paths relative to the report folder, which the browser resolves
to ``file:`` URLs. The Markdown environment passes every value through
:func:`~orchestrator.core.templates.escape_markdown`, except the links this module builds.
"""

from __future__ import annotations

import functools
import io
from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import quote

import jinja2
from markupsafe import Markup
from rich.console import Console
from rich.table import Table
from rich.text import Text

from orchestrator.core.canonical import encode_pretty
from orchestrator.core.templates import escape_markdown, template_environment
from orchestrator.kpi.report import DAY_RULE, FORMULAS, DayKpis, KpiReport, Ratio, ReviewTime
from orchestrator.kpi.tally import BLOCKED_MISS, SCOPE_MISS

__all__ = [
    "exit_meaning",
    "make_links",
    "report_html",
    "report_json",
    "summary_markdown",
    "terminal_table",
]

_EXIT_MEANINGS: Final = {
    0: "every KPI met its target",
    2: "SoD or scope compliance below 100 % (governance)",
    3: "an operational KPI missed its target (a run that did not complete, a review of "
    "15 minutes or more, a day over budget)",
    4: "a drift check flagged a scenario",
    5: "a pack in the period does not verify (evidence integrity)",
}


def exit_meaning(code: int) -> str:
    """What ``pilot kpi``'s exit code says, in words."""
    return _EXIT_MEANINGS[code]


def report_json(report: KpiReport) -> bytes:
    """``kpi.json``: the same bytes for the same report."""
    return encode_pretty(report)


def make_links(report: KpiReport, base: str) -> dict[str, str]:
    """Pack id or drift report path → its link relative to the report folder.

    ``base`` is the folder the report covers, relative to the report folder (POSIX).
    """

    def href(path: str, *, folder: bool) -> str:
        joined = path if base in ("", ".") else f"{base}/{path}"
        return quote(joined) + ("/" if folder else "")

    links = {pack: href(path, folder=True) for pack, path in report.packs.items()}
    links.update({c.report: href(c.report, folder=False) for c in report.drift.checks})
    return links


def report_html(report: KpiReport, charts: Mapping[str, str], links: Mapping[str, str]) -> str:
    """The page; ``charts`` are :func:`~orchestrator.kpi.charts.render_charts`'s SVGs."""
    return (
        _environment(markdown=False)
        .get_template("kpi_report.html.j2")
        .render(
            _context(report, links),
            # Trusted markup: drawn by matplotlib from the report's numbers, its text escaped.
            charts={name: Markup(svg) for name, svg in charts.items()},
        )
    )


def summary_markdown(report: KpiReport, links: Mapping[str, str]) -> str:
    """``pilot_summary.md``: the pilot journal."""
    markdown_links = {
        key: _MarkdownLink(f"[{escape_markdown(key)}]({href})") for key, href in links.items()
    }
    return (
        _environment(markdown=True)
        .get_template("pilot_summary.md.j2")
        .render(_context(report, markdown_links))
    )


def _context(report: KpiReport, links: Mapping[str, Any]) -> dict[str, Any]:
    totals = report.period_kpis
    violations = [m.pack for m in totals.scope.misses if m.reason.startswith(SCOPE_MISS)]
    blocked = {m.pack for m in totals.completeness.misses if m.reason.startswith(BLOCKED_MISS)}
    return {
        "report": report,
        "totals": totals,
        "links": links,
        "formulas": FORMULAS,
        "day_rule": DAY_RULE,
        "exit_meaning": exit_meaning(report.exit_code),
        "breach_days": sorted({b.day for b in report.breaches if b.day is not None}),
        "days_without_runs": [d.day for d in report.days if not d.runs],
        "scope_violations": violations,
        "scope_all_blocked": all(pack in blocked for pack in violations),
        "flagged_checks": [c for c in report.drift.checks if not c.ok],
    }


class _MarkdownLink(str):
    """A Markdown link built here: its text escaped, its target percent-encoded."""


def _finalize_markdown(value: Any) -> str:
    return value if isinstance(value, _MarkdownLink) else escape_markdown(value)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} %"


def _minutes(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} min"


@functools.cache
def _environment(*, markdown: bool) -> jinja2.Environment:
    return template_environment(
        "orchestrator.kpi",
        markdown=markdown,
        finalize=_finalize_markdown,
        filters={
            "pct": _pct,
            "minutes": _minutes,
            "usd": lambda value: f"{value:.6f} USD",
            "excess": lambda value: "—" if value is None else f"{value:.1%}",
        },
    )


# --- The terminal table ----------------------------------------------------------------


_COLUMNS: Final = (
    "day",
    "runs",
    "SoD",
    "scope",
    "complete",
    "review min",
    "unreviewed",
    "spend USD",
    "critic",
    "drift",
)
_CAPTION: Final = (
    "SoD, scope, complete: % of runs (target 100). review min: median/max, each under 15. "
    "critic: APPROVE/APPROVE_WITH_CHANGES/REJECT/none. ! = target missed."
)


def terminal_table(report: KpiReport, *, colour: bool, width: int = 120) -> str:
    """The per-day table and the period's totals; red where a KPI missed its target."""
    table = Table(
        title=f"L2 pilot KPIs {report.period.since} to {report.period.until}",
        title_justify="left",
        caption=_CAPTION,
        caption_justify="left",
        show_edge=False,
        pad_edge=False,
    )
    for column in _COLUMNS:
        table.add_column(column, justify="left" if column == "day" else "right", no_wrap=True)
    for day in report.days:
        table.add_row(*_day_cells(report, day))
    totals = report.period_kpis
    latest = report.drift.latest
    table.add_section()
    table.add_row(
        Text("period", style="bold"),
        str(totals.runs),
        _ratio_cell(totals.sod),
        _ratio_cell(totals.scope),
        _ratio_cell(totals.completeness),
        _review_cell(totals.review),
        _short_pct(totals.review.unreviewed_pct),
        f"{totals.spend_usd:.4f}",
        _critic_cell(totals.critic.counts),
        _judged(
            f"{sum(not s.ok for s in latest)}/{len(latest)}" if latest else "—",
            ok=report.drift.ok,
            known=bool(latest),
        ),
    )
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=colour,
        no_color=not colour,
        color_system="standard" if colour else None,
        highlight=False,
        emoji=False,
    )
    console.print(table)
    # rich pads every line to the width; a table is no place for trailing blanks.
    return "".join(f"{line.rstrip()}\n" for line in buffer.getvalue().splitlines())


def _day_cells(report: KpiReport, day: DayKpis) -> list[Text | str]:
    checks = [c for c in report.drift.checks if c.day == day.day]
    flagged = sum(not c.ok for c in checks)
    return [
        day.day,
        str(len(day.runs)),
        _ratio_cell(day.sod),
        _ratio_cell(day.scope),
        _ratio_cell(day.completeness),
        _review_cell(day.review),
        _short_pct(day.review.unreviewed_pct),
        _judged(
            f"{day.spend.usd:.4f}",
            ok=day.spend.ok,
            known=bool(day.runs),
            warn=day.spend.level == "alert",
        ),
        _critic_cell(day.critic.counts),
        _judged("flagged" if flagged else "ok", ok=not flagged, known=bool(checks)),
    ]


def _short_pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _ratio_cell(ratio: Ratio) -> Text:
    return _judged(_short_pct(ratio.pct), ok=ratio.ok, known=ratio.pct is not None)


def _review_cell(review: ReviewTime) -> Text:
    text = (
        "—"
        if review.median_minutes is None
        else f"{review.median_minutes:.1f}/{review.max_minutes:.1f}"
    )
    return _judged(text, ok=review.ok, known=review.reviewed > 0)


def _critic_cell(counts: Mapping[str, int]) -> str:
    return "/".join(
        str(counts[key]) for key in ("APPROVE", "APPROVE_WITH_CHANGES", "REJECT", "NONE")
    )


def _judged(text: str, *, ok: bool, known: bool, warn: bool = False) -> Text:
    """A cell in green (met), yellow (alert) or red (missed); plain when nothing was judged.

    Without colour a missed target is marked with ``!``, so it shows in any terminal.
    """
    if not known:
        return Text(text)
    if not ok:
        return Text(f"{text} !", style="bold red")
    return Text(text, style="yellow" if warn else "green")
