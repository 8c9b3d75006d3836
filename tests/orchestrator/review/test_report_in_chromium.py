"""The review report in a real browser: headless Debian Chromium driven by Playwright.

Chromium is the system one found on PATH (Debian's package), never a download by
``playwright install``; without one the test is skipped, unless CI or
``PILOT_REQUIRE_CHROMIUM`` asks for it. The full-page screenshot goes to
``test-artifacts/review.png``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import PROJECT, Pilot, browser_page, chromium

SCREENSHOT = PROJECT / "test-artifacts" / "review.png"


def test_review_report_in_chromium(
    pilot: Pilot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chromium shows the key facts of a reviewed pack, loads nothing else; screenshot saved."""
    chromium()  # without a browser, skip before making the pack
    monkeypatch.delenv("PILOT_SIGNING_KEY", raising=False)
    pack = tmp_path / "pack"
    assert pilot("run", "--out", pack).code == 0
    review = pilot("review", pack, "--decision", "approve", "--notes", "ok", "--reviewer", "CI")
    assert review.code == 0, review.err

    SCREENSHOT.parent.mkdir(exist_ok=True)
    requested: list[str] = []
    with browser_page(requested) as page:
        page.goto((pack / "operator_review.html").as_uri())
        expect(page.locator("#status")).to_have_text("COMPLETE")
        expect(page.locator("#critic-decision")).to_have_text("APPROVE_WITH_CHANGES")
        expect(page.locator("#sod-result")).to_have_text("PASS")
        expect(page.locator("#scope-result")).to_have_text("PASS")
        expect(page.locator("#verification")).to_have_text("OK")
        expect(page.locator(".scenario-name").first).to_have_text("Base case: slow disinflation")
        for fact in ("#status", "#critic-decision", "#sod-result", "#scope-result"):
            expect(page.locator(fact)).to_be_visible()
        expect(page.locator("#verification")).to_be_visible()
        expect(page.locator(".scenario-name").first).to_be_visible()
        page.screenshot(path=str(SCREENSHOT), full_page=True)
    assert [url for url in requested if not url.startswith("file://")] == []
    assert SCREENSHOT.stat().st_size > 10_000
