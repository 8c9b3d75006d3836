"""Without Chromium, browser tests skip on a developer's machine and fail where CI asks for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import helpers


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> pytest.MonkeyPatch:
    """A PATH with no browser on it, and neither switch set."""
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv(helpers.REQUIRE_CHROMIUM, raising=False)
    return monkeypatch


def test_missing_chromium_skips_with_the_install_line(no_chromium: pytest.MonkeyPatch) -> None:
    with pytest.raises(pytest.skip.Exception, match=r"sudo apt-get install chromium"):
        helpers.chromium()


@pytest.mark.parametrize("switch", ["CI", helpers.REQUIRE_CHROMIUM])
def test_missing_chromium_fails_where_required(
    no_chromium: pytest.MonkeyPatch, switch: str
) -> None:
    no_chromium.setenv(switch, "1")
    with pytest.raises(pytest.fail.Exception, match=r"CI or PILOT_REQUIRE_CHROMIUM requires it"):
        helpers.chromium()


def test_chromium_is_found_on_path(no_chromium: pytest.MonkeyPatch, tmp_path: Path) -> None:
    browser = tmp_path / "chromium"
    browser.write_text("#!/bin/sh\n")
    browser.chmod(0o755)
    assert helpers.chromium() == browser
