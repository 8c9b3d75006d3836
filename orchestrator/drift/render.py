"""The drift report as files: JSON (the record), Markdown (for a terminal or a ticket) and
one self-contained HTML page with the per-scenario token diff.

Markdown and HTML are rendered by Jinja2 from the templates shipped in
``orchestrator/drift/templates/`` with ``StrictUndefined``. The HTML environment escapes
every value (model output is untrusted text); the page inlines its CSS, loads nothing,
runs nothing and links nowhere, and its Content-Security-Policy forbids loading anything.
The Markdown environment passes every value through
:func:`orchestrator.core.templates.escape_markdown`, so model text
cannot open a link, an image, raw HTML or a table cell.
"""

from __future__ import annotations

import functools
from typing import Any

import jinja2

from orchestrator.core.canonical import encode_pretty
from orchestrator.core.templates import template_environment
from orchestrator.drift.report import DriftReport

__all__ = ["report_html", "report_json", "report_markdown"]


def report_json(report: DriftReport) -> bytes:
    """The report as sorted-key JSON, the same bytes for the same report."""
    return encode_pretty(report)


def report_markdown(report: DriftReport) -> str:
    return _environment(markdown=True).get_template("drift_report.md.j2").render(_context(report))


def report_html(report: DriftReport) -> str:
    return (
        _environment(markdown=False).get_template("drift_report.html.j2").render(_context(report))
    )


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _context(report: DriftReport) -> dict[str, Any]:
    return {
        "report": report,
        "suite_changed": report.suite_sha256 != report.baseline_suite_sha256,
        "details": [s for s in report.scenarios if s.flags or s.model_changes],
    }


@functools.cache
def _environment(*, markdown: bool) -> jinja2.Environment:
    return template_environment(
        "orchestrator.drift", markdown=markdown, filters={"percent": _percent}
    )
