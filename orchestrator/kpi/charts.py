"""One chart per KPI over the period, each with its threshold drawn, as inline SVG.

Drawn by matplotlib's object API (a ``Figure`` on the SVG canvas: no pyplot, no global
backend, nothing shown) from the :class:`~orchestrator.kpi.report.KpiReport` alone, offline.
Only ``pilot kpi`` imports this module: matplotlib costs a second at start-up.

The SVG is deterministic, so the same report gives the same bytes: no date or creator
metadata, ``svg.hashsalt`` fixed per chart (it seeds the ids of clip paths and markers),
text kept as text (``svg.fonttype`` ``none``; layout uses matplotlib's bundled font
metrics, so it does not depend on the fonts installed), mathtext off (a scenario id with
``$`` stays text). For inlining into the HTML page, the XML prolog and the namespace
declarations go, and every id gets the chart's prefix, so that ids stay unique on the page
and the SVG holds no URL at all: its only references are ``#fragment``s within itself.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from typing import Any, Final

import matplotlib
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator
from matplotlib.typing import RcKeyType

from orchestrator.core.patterns import lazy_pattern
from orchestrator.kpi.report import DECISION_KEYS, TARGET_PCT, KpiReport, Ratio

__all__ = ["CHARTS", "render_charts"]

# Chart name → its title; the order is the page's.
CHARTS: Final = {
    "sod": "SoD compliance: % of runs with SoD PASS",
    "scope": "Scope compliance: % of runs without violations",
    "completeness": "Evidence-pack completeness: % of runs COMPLETE and verified",
    "review": "Operator review time: minutes per reviewed run (bar: max, dot: median)",
    "spend": "Spend per day against the daily budget (USD)",
    "drift": "Model drift: excess over the noise floor per scenario and weekly check",
    "critic": "Critic decisions per day (no threshold)",
}

_GREEN: Final = "#1a7f37"
_RED: Final = "#b42318"
_AMBER: Final = "#d4a017"
_GREY: Final = "#98a2b3"
_INK: Final = "#101828"
_DECISION_COLOURS: Final = dict(zip(DECISION_KEYS, (_GREEN, _AMBER, _RED, _GREY), strict=True))
_SPEND_COLOURS: Final = {"ok": _GREEN, "alert": _AMBER, "over": _RED}
_SVG_METADATA: Final = {"Date": None, "Creator": None, "Format": None, "Type": None}

_PROLOG: Final = lazy_pattern(r"\A.*?(?=<svg\b)", re.DOTALL)
_NAMESPACES: Final = lazy_pattern(r'\s+xmlns(?::xlink)?="[^"]*"')
_IDS: Final = lazy_pattern(r'(\bid="|url\(#|xlink:href="#)')

Draw = Callable[[Axes, KpiReport], None]


def render_charts(report: KpiReport) -> dict[str, str]:
    """Chart name → inline SVG markup, for every chart of :data:`CHARTS`."""
    draws: dict[str, Draw] = {
        "sod": lambda ax, r: _ratios(ax, [d.sod for d in r.days]),
        "scope": lambda ax, r: _ratios(ax, [d.scope for d in r.days]),
        "completeness": lambda ax, r: _ratios(ax, [d.completeness for d in r.days]),
        "review": _review,
        "spend": _spend,
        "drift": _drift,
        "critic": _critic,
    }
    labels = [d.day[5:] for d in report.days]  # MM-DD
    return {name: _svg(name, title, draws[name], report, labels) for name, title in CHARTS.items()}


def _svg(name: str, title: str, draw: Draw, report: KpiReport, labels: list[str]) -> str:
    style: dict[RcKeyType, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": f"pilot-kpi-{name}",
        "text.parse_math": False,
        "font.size": 9.0,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(style):
        figure = Figure(figsize=(10.0, 2.6), layout="constrained")
        ax = figure.add_subplot()
        ax.set_title(title, loc="left", fontsize=10, color=_INK)
        draw(ax, report)
        _day_axis(ax, labels)
        if ax.get_legend_handles_labels()[0]:
            ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=7.5, frameon=False)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata=_SVG_METADATA)
    return _inline(buffer.getvalue(), prefix=f"{name}-")


def _inline(svg: str, *, prefix: str) -> str:
    svg = _NAMESPACES.sub("", _PROLOG.sub("", svg, count=1), count=2)
    return _IDS.sub(lambda m: m.group(1) + prefix, svg)


def _day_axis(ax: Axes, labels: Sequence[str]) -> None:
    step = max(1, len(labels) // 12)
    ax.set_xticks(range(0, len(labels), step), [labels[i] for i in range(0, len(labels), step)])
    ax.set_xlim(-0.75, len(labels) - 0.25)
    ax.set_xlabel("day (UTC)")


def _threshold(ax: Axes, value: float, label: str, style: str = "--") -> None:
    ax.axhline(value, linestyle=style, linewidth=1.2, color=_INK, label=label)


def _ratios(ax: Axes, ratios: Sequence[Ratio]) -> None:
    days = [i for i, r in enumerate(ratios) if r.pct is not None]
    ax.bar(
        days,
        [ratios[i].pct or 0.0 for i in days],
        color=[_GREEN if ratios[i].ok else _RED for i in days],
        width=0.7,
    )
    ax.set_ylim(0, 105)
    ax.set_ylabel("% of runs")
    _threshold(ax, TARGET_PCT, f"target {TARGET_PCT:.0f} %")


def _review(ax: Axes, report: KpiReport) -> None:
    target = report.thresholds.review_seconds_under / 60
    days = [i for i, d in enumerate(report.days) if d.review.max_minutes is not None]
    ax.bar(
        days,
        [report.days[i].review.max_minutes or 0.0 for i in days],
        color=[_GREEN if report.days[i].review.ok else _RED for i in days],
        width=0.7,
    )
    ax.plot(
        days,
        [report.days[i].review.median_minutes or 0.0 for i in days],
        linestyle="none",
        marker="o",
        markersize=3.5,
        color=_INK,
    )
    peak = max((report.days[i].review.max_minutes or 0.0 for i in days), default=0.0)
    ax.set_ylim(0, max(target, peak) * 1.15)
    ax.set_ylabel("minutes")
    _threshold(ax, target, f"target: each under {target:.0f} min")


def _spend(ax: Axes, report: KpiReport) -> None:
    spends = [d.spend for d in report.days]
    ax.bar(
        range(len(spends)),
        [s.usd for s in spends],
        color=[_SPEND_COLOURS[s.level] for s in spends],
        width=0.7,
    )
    limit = report.budget.daily_cost_limit_usd
    alert = limit * report.budget.alert_threshold_pct / 100
    peak = max((s.usd for s in spends), default=0.0)
    ax.set_ylim(0, max(limit, peak) * 1.15)
    ax.set_ylabel("USD")
    ax.axhline(alert, linestyle=":", linewidth=1.0, color=_AMBER, label=f"alert {alert:.2f} USD")
    _threshold(ax, limit, f"daily budget {limit:.2f} USD")


def _drift(ax: Axes, report: KpiReport) -> None:
    position = {d.day: i for i, d in enumerate(report.days)}
    series: dict[str, list[tuple[int, float, bool]]] = {}
    for check in report.drift.checks:
        for s in check.scenarios:
            if s.excess is not None:
                point = (position[check.day], s.excess * 100, s.status == "flagged")
                series.setdefault(f"{check.suite_id}/{s.entry_id}", []).append(point)
    for name, points in sorted(series.items()):
        ax.plot(
            [p[0] for p in points],
            [p[1] for p in points],
            marker="o",
            markersize=3.5,
            linewidth=1.0,
            label=name,
        )
        flagged = [p for p in points if p[2]]
        ax.plot(
            [p[0] for p in flagged],
            [p[1] for p in flagged],
            linestyle="none",
            marker="o",
            markersize=9,
            markerfacecolor="none",
            markeredgecolor=_RED,
        )
    thresholds = sorted({c.threshold for c in report.drift.checks})
    ax.set_ylabel("excess, % of tokens")
    if not thresholds:
        ax.text(
            0.5,
            0.5,
            "no drift check in the period",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=_GREY,
        )
        return
    for threshold in thresholds:
        _threshold(ax, threshold * 100, f"threshold {threshold:.0%} over the noise floor")


def _critic(ax: Axes, report: KpiReport) -> None:
    bottom = [0] * len(report.days)
    stacks = [(key, [d.critic.counts[key] for d in report.days]) for key in DECISION_KEYS]
    # Unverified runs have no decision that counts, but they are runs of the day.
    stacks.append(("not verified", [len(d.unverified) for d in report.days]))
    for key, counts in stacks:
        ax.bar(
            range(len(counts)),
            counts,
            bottom=bottom,
            color=_DECISION_COLOURS.get(key, "none"),
            edgecolor=_INK if key == "not verified" else "none",
            hatch="//" if key == "not verified" else None,
            width=0.7,
            label=key,
        )
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    ax.set_ylabel("runs")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_ylim(0, max(max(bottom, default=0), 1) * 1.15)
