"""The report's forms: a self-contained HTML page with inline charts, the journal, the table."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from urllib.parse import unquote

import msgspec

from orchestrator.kpi.charts import CHARTS, render_charts
from orchestrator.kpi.render import make_links, report_html, summary_markdown, terminal_table
from orchestrator.kpi.report import KpiReport
from tests.orchestrator.kpi.factories import drift, facts, review, tally
from tests.pilot_month import KpiRun

HOSTILE = '<script>alert("x")</script><img src=http://evil.example/x> $\\alpha$ | [a](b)'


def hostile_report() -> KpiReport:
    """Operator notes and a drift scenario id that try to be markup."""
    check = drift("2026-01-05", "flagged")
    scenario = msgspec.structs.replace(check.report.scenarios[0], entry_id=HOSTILE)
    check = dataclasses.replace(
        check, report=msgspec.structs.replace(check.report, scenarios=(scenario,))
    )
    return tally(
        facts("a", review=review(60, "REJECT", HOSTILE)),
        facts("b", day="2026-01-06"),
        drifts=(check,),
    )


def test_the_page_is_self_contained(month_kpi: KpiRun) -> None:
    """No script, no URL, no external resource; the charts' references stay inside each SVG."""
    page = (month_kpi.report_dir / "kpi_report.html").read_text(encoding="utf-8")
    assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; ' in page
    for needle in ("<script", "http://", "https://", "<link", "src=", "@import", "<img", "<?xml"):
        assert needle not in page, needle
    assert re.findall(r"url\((?!#)", page) == []
    assert set(re.findall(r'xlink:href="(.)', page)) == {"#"}
    assert [m.start() for m in re.finditer("http", page)] == [page.index("http-equiv")]


def test_every_chart_is_inline_with_unique_ids(month_kpi: KpiRun) -> None:
    """One figure with an inline SVG per KPI chart; no id is used twice on the page."""
    page = (month_kpi.report_dir / "kpi_report.html").read_text(encoding="utf-8")
    figures = re.findall(r'<figure id="chart-([a-z]+)" class="chart"[^>]*>\s*<svg ', page)
    assert figures == list(CHARTS)
    ids = Counter(re.findall(r'\sid="([^"]+)"', page))
    assert [i for i, n in ids.items() if n > 1] == []
    targets = set(re.findall(r'(?:url\(#|xlink:href="#)([^)"]+)', page))
    assert targets <= set(ids)


def test_links_lead_to_the_packs_and_drift_reports(month_kpi: KpiRun) -> None:
    """Every link is a relative path from the report folder to a pack or a drift report."""
    page = (month_kpi.report_dir / "kpi_report.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<a href="([^"]+)"', page)
    assert hrefs
    for href in set(hrefs):
        assert not re.match(r"[a-z]+:|/", href), href
        assert (month_kpi.report_dir / unquote(href)).exists(), href
    tampered = month_kpi.report.unverified[0]
    assert f'href="../../pilot0/month/{tampered.path}/"' in page


def test_the_journal_answers_the_four_pilot_goals(month_kpi: KpiRun) -> None:
    """SoD and scope did not hold (named runs), drift was flagged once, notes per decision."""
    text = (month_kpi.report_dir / "pilot_summary.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings[:4] == [
        "1. Did separation of duties hold?",
        "2. Did the capability scope hold?",
        "3. Did the model drift?",
        "4. Operator feedback",
    ]
    assert "**No**: 58 of 60 runs (96.67 %) have SoD PASS" in text
    assert "**No**: 58 of 60 runs (96.67 %) are without violations" in text
    assert "Every run with a violation was blocked: no out-of-scope output left the pilot." in text
    assert "**Yes, during the period**: 1 of 4 weekly checks flagged a scenario." in text
    assert "0 of 5 scenarios are flagged" in text
    assert re.findall(r"^### (.+)$", text, re.MULTILINE) == [
        "APPROVE",
        "NEEDS\\_CHANGES",
        "REJECT",
    ]
    for note in month_kpi.report.feedback:
        assert note.notes.replace("'", "'") in text.replace("\\", "")
    for target in set(re.findall(r"\]\(([^)]+)\)", text)):
        assert (month_kpi.report_dir / unquote(target)).exists(), target


def test_hostile_text_is_escaped_everywhere() -> None:
    """Notes and scenario ids stay text in the page, the journal and the charts."""
    report = hostile_report()
    charts = render_charts(report)
    page = report_html(report, charts, make_links(report, "packs"))
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    # In the chart's text nodes; mathtext off, so $\alpha$ stays as written.
    assert '/&lt;script&gt;alert("x")&lt;/script&gt;&lt;img src=' in charts["drift"]
    assert "$\\alpha$" in charts["drift"]
    assert "<script" not in charts["drift"]
    journal = summary_markdown(report, make_links(report, "packs"))
    assert "<script>" not in journal
    assert "[a](b)" not in journal
    assert "\\<script\\>" in journal


def test_charts_are_the_same_bytes_for_the_same_report() -> None:
    """Deterministic SVG: no date or creator, ids seeded by a fixed salt per chart."""
    report = hostile_report()
    first, second = render_charts(report), render_charts(report)
    assert first == second
    for name, svg in first.items():
        assert svg.startswith("<svg "), name
        for needle in ("xmlns", "<metadata>", "<dc:date>", "Matplotlib v"):
            assert needle not in svg, (name, needle)
        assert all(i.startswith(f"{name}-") for i in re.findall(r'\sid="([^"]+)"', svg))


def test_the_terminal_table_is_coloured_only_when_asked(month_kpi: KpiRun) -> None:
    """Colour: green and red ANSI codes; without: plain text, a missed target marked with !."""
    report = month_kpi.report
    plain = terminal_table(report, colour=False)
    assert "\x1b[" not in plain
    assert re.search(r"^2026-01-17 .* 50\.0 ! ", plain, re.MULTILINE)
    assert re.search(r"^period .* 96\.7 ! ", plain, re.MULTILINE)
    assert all(line == line.rstrip() for line in plain.splitlines())
    coloured = terminal_table(report, colour=True)
    assert re.search(r"\x1b\[1;31m *50\.0 !\x1b\[0m", coloured)
    assert re.search(r"\x1b\[32m *100\.0\x1b\[0m", coloured)


def test_links_are_relative_and_percent_encoded() -> None:
    """A pack path with spaces or # is a safe relative link."""
    report = tally(msgspec.structs.replace(facts("a"), path="day one/#1 pack"))
    assert make_links(report, "../packs") == {"a": "../packs/day%20one/%231%20pack/"}
    assert make_links(report, ".") == {"a": "day%20one/%231%20pack/"}
