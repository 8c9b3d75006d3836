"""The KPI report in a real browser: headless Debian Chromium driven by Playwright.

Chromium is the system one found on PATH, never a download; without one the test is
skipped, unless CI or ``PILOT_REQUIRE_CHROMIUM`` asks for it. The full-page screenshot of
the generated month's report goes to ``test-artifacts/kpi.png``.
"""

from __future__ import annotations

from playwright.sync_api import expect

from orchestrator.kpi.charts import CHARTS
from tests.helpers import PROJECT, browser_page
from tests.pilot_month import KpiRun

SCREENSHOT = PROJECT / "test-artifacts" / "kpi.png"


def test_kpi_report_in_chromium(month_kpi: KpiRun) -> None:
    """Every chart is drawn and visible, breaches link to packs, nothing but file:// loads."""
    SCREENSHOT.parent.mkdir(exist_ok=True)
    requested: list[str] = []
    with browser_page(requested) as page:
        page.goto((month_kpi.report_dir / "kpi_report.html").as_uri())
        expect(page.locator("#result")).to_contain_text("12 breaches on 8 days")
        expect(page.locator("#result")).to_have_attribute("data-exit-code", "5")
        for name in CHARTS:
            chart = page.locator(f"#chart-{name} svg")
            chart.scroll_into_view_if_needed()
            expect(chart).to_be_visible()
            box = chart.bounding_box()
            assert box is not None
            assert (box["width"] > 600, box["height"] > 100) == (True, True), name
            # Drawn, not empty: the axes and the bars or lines are there.
            assert chart.locator("path").count() > 10, name
        expect(page.locator("tr.breach")).to_have_count(12)
        expect(page.locator("tr.day")).to_have_count(30)
        tampered = page.locator(".unverified-pack a").first
        expect(tampered).to_have_text(month_kpi.report.unverified[0].pack)
        assert tampered.evaluate("a => a.href").startswith("file://")
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert [url for url in requested if not url.startswith("file://")] == []
    assert SCREENSHOT.stat().st_size > 50_000
