"""The drift report's three forms: JSON and Markdown golden byte for byte, HTML self-contained.

After an intended change of the report, remake the goldens with
``uv run python tests/drift/test_render.py`` and review the diff.
"""

from __future__ import annotations

import json
import re

import msgspec

from orchestrator.core.templates import escape_markdown
from orchestrator.drift import DriftReport, report_html, report_json, report_markdown
from orchestrator.drift.report import DiffSegment, Flag, StructureChange
from tests.helpers import PROJECT
from tests.orchestrator.drift.test_ci_fixtures import week_2_report

GOLDEN = PROJECT / "tests" / "golden" / "drift"
HOSTILE = '<script>alert("x")</script><img src=http://evil.example/x onerror=alert(1)> | [a](b)'


def hostile_report() -> DriftReport:
    """The week-2 report with model text that tries to be markup."""
    report = week_2_report()
    first = report.scenarios[2]
    poisoned = msgspec.structs.replace(
        first,
        flags=(Flag(code="structure", detail=HOSTILE),),
        structure_changes=(StructureChange(field="regime", baseline=(HOSTILE,), current=HOSTILE),),
        diff=(DiffSegment(op="replace", baseline=HOSTILE, current=HOSTILE),),
    )
    scenarios = (*report.scenarios[:2], poisoned, *report.scenarios[3:])
    return msgspec.structs.replace(report, scenarios=scenarios)


def test_json_report_matches_the_golden_byte_for_byte() -> None:
    """The JSON report of week 2 against the Day-1 baseline is exactly the golden file."""
    assert report_json(week_2_report()) == (GOLDEN / "week_2_report.json").read_bytes()


def test_json_report_decodes_into_its_schema() -> None:
    """The written JSON reads back as the same typed report."""
    report = week_2_report()
    assert msgspec.json.decode(report_json(report), type=DriftReport) == report


def test_markdown_report_matches_the_golden_byte_for_byte() -> None:
    """The Markdown report is exactly the golden file."""
    text = report_markdown(week_2_report())
    assert text == (GOLDEN / "week_2_report.md").read_text(encoding="utf-8")


def test_html_is_self_contained() -> None:
    """No script, no URL, no external resource; a CSP forbids loading anything."""
    page = report_html(week_2_report())
    for needle in ("<script", "http://", "https://", "<link", "src=", "url(", "@import"):
        assert needle not in page, needle
    assert [m.start() for m in re.finditer("http", page)] == [page.index("http-equiv")]
    assert (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">" in page
    )
    assert "<style>\nbody {" in page


def test_html_shows_each_scenario_with_its_diff() -> None:
    """Every scenario has a section; the flagged one opens its token diff with both sides."""
    page = report_html(week_2_report())
    assert 'id="result" class="banner fail" data-flagged="true"' in page
    for entry in (
        "calm",
        "risk-off-shock",
        "inflation-surprise",
        "liquidity-squeeze",
        "event-week",
    ):
        assert f'<section id="scenario-{entry}"' in page
    drifting = page[page.index('<section id="scenario-inflation-surprise"') :]
    drifting = drifting[: drifting.index("</section>")]
    assert '<details class="diff" open>' in drifting
    assert "<del>inflationary</del> <ins>stagflationary</ins>" in drifting
    assert "<del>0.55</del> <ins>0.3</ins>" in drifting
    assert 'data-structure-change="regime"' in drifting
    assert 'data-model-change="system_fingerprint"' in page


def test_html_escapes_model_text() -> None:
    """Model text that looks like markup arrives as text."""
    page = report_html(hostile_report())
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page


def test_markdown_escapes_model_text() -> None:
    """Model text cannot open HTML, a link or a table cell in the Markdown report."""
    text = report_markdown(hostile_report())
    assert re.search(r"(?<!\\)[<>\[\]]", text) is None
    assert escape_markdown(HOSTILE) in text
    assert escape_markdown("a | b\n<c>") == "a \\| b \\<c\\>"


def test_report_without_flags_says_so() -> None:
    """A clean check renders as "no drift" in both human forms."""
    report = week_2_report()
    clean = msgspec.structs.replace(
        report,
        flagged=False,
        flagged_count=0,
        model_change_count=0,
        scenarios=tuple(
            msgspec.structs.replace(
                s, status="ok", flags=(), structure_changes=(), model_changes=()
            )
            for s in report.scenarios
        ),
    )
    assert "**Result: no drift.** None of the 5 scenarios is flagged." in report_markdown(clean)
    assert 'data-flagged="false"' in report_html(clean)
    assert json.loads(report_json(clean))["flagged"] is False


if __name__ == "__main__":
    GOLDEN.mkdir(parents=True, exist_ok=True)
    (GOLDEN / "week_2_report.json").write_bytes(report_json(week_2_report()))
    (GOLDEN / "week_2_report.md").write_text(report_markdown(week_2_report()), encoding="utf-8")
