"""`pilot kpi`: the table, the report folder, and the exit codes (SPEC §10 meanings)."""

from __future__ import annotations

import shutil
import stat
from pathlib import Path

import pytest

from tests.helpers import PROJECT, Pilot
from tests.pilot_month import KpiRun, Month

CONFIG = PROJECT / "config"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default --out is under the working directory: a private one per test."""
    monkeypatch.chdir(tmp_path)


def test_the_month_exits_5_and_writes_its_report(month: Month, month_kpi: KpiRun) -> None:
    """A pack that does not verify: exit 5; table, breaches and the three files, read-only."""
    assert (month_kpi.code, month_kpi.err) == (5, "")
    lines = month_kpi.out.splitlines()
    assert lines[0] == "L2 pilot KPIs 2026-01-05 to 2026-02-03"
    assert sum(line.startswith("2026-") for line in lines) == 30
    assert "\x1b[" not in month_kpi.out  # not a terminal: no colour
    tampered = month_kpi.report.unverified[0]
    report_dir = month_kpi.report_dir
    assert lines[-5:] == [
        "breaches: 12; exit 5: a pack in the period does not verify (evidence integrity)",
        f"unverified: {tampered.pack} ({tampered.path})",
        f"report: {report_dir / 'kpi_report.html'}",
        f"kpi: {report_dir / 'kpi.json'}",
        f"journal: {report_dir / 'pilot_summary.md'}",
    ]
    assert sorted(p.name for p in report_dir.iterdir()) == [
        "kpi.json",
        "kpi_report.html",
        "pilot_summary.md",
    ]
    assert {stat.S_IMODE(p.stat().st_mode) for p in report_dir.iterdir()} == {0o444}


def test_a_period_where_every_kpi_holds_exits_0(pilot: Pilot, month: Month, tmp_path: Path) -> None:
    """The last six days: compliant, reviewed in time, drift check clean; the default --out."""
    result = pilot(
        "kpi",
        month.folder,
        "--since",
        "2026-01-29",
        "--until",
        "2026-02-03",
        "--config-dir",
        CONFIG,
    )
    assert result.code == 0, result.err
    assert "breaches: 0; exit 0: every KPI met its target" in result.out
    written = [
        line.removeprefix("kpi: ") for line in result.out.splitlines() if line.startswith("kpi: ")
    ]
    assert written[0].startswith("kpi_reports/L2_KPI_2026-01-29_2026-02-03_")
    assert Path(written[0]).is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "2026-1-5"], "pilot: --since '2026-1-5' is not a date written YYYY-MM-DD"),
        (["--until", "2026-02-30"], "pilot: --until '2026-02-30' is not a date written YYYY-MM-DD"),
        (
            ["--since", "2026-02-03", "--until", "2026-01-05"],
            "pilot: --since 2026-02-03 is after --until 2026-01-05",
        ),
        (
            ["--since", "2027-01-01", "--until", "2027-01-31"],
            (
                "pilot: no run and no drift check between 2027-01-01 and 2027-01-31; the folder "
                "has days 2026-01-05 to 2026-02-03"
            ),
        ),
    ],
    ids=["bad-since", "bad-until", "since-after-until", "empty-period"],
)
def test_bad_dates_exit_1_with_one_sentence(
    pilot: Pilot, month: Month, tmp_path: Path, args: list[str], message: str
) -> None:
    """A date that is not YYYY-MM-DD, or a period that holds nothing: exit 1, nothing written."""
    result = pilot("kpi", month.folder, *args, "--out", tmp_path / "report")
    assert (result.code, result.err.strip(), result.out) == (1, message, "")
    assert not (tmp_path / "report").exists()


def test_a_folder_that_is_not_there_or_holds_nothing_exits_1(pilot: Pilot, tmp_path: Path) -> None:
    """No such folder, or a folder without packs or drift reports: exit 1."""
    missing = pilot("kpi", tmp_path / "nowhere", "--config-dir", CONFIG)
    assert missing.code == 1
    assert missing.err.strip().endswith("is not a folder of evidence packs: no such directory")
    (tmp_path / "empty").mkdir()
    empty = pilot("kpi", tmp_path / "empty", "--config-dir", CONFIG)
    assert (empty.code, empty.err.strip()) == (
        1,
        "pilot: the folder holds no evidence pack and no drift report",
    )


def test_an_existing_out_is_refused_before_any_pack_is_read(
    pilot: Pilot, month: Month, tmp_path: Path
) -> None:
    """--out exists: exit 1, left untouched."""
    out = tmp_path / "report"
    out.mkdir()
    (out / "mine.txt").write_text("keep", encoding="utf-8")
    result = pilot("kpi", month.folder, "--out", out)
    assert (result.code, result.err.strip()) == (
        1,
        f"pilot: --out {out} already exists; a KPI report is never overwritten",
    )
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_a_bad_drift_report_in_the_folder_exits_1(pilot: Pilot, tmp_path: Path) -> None:
    """A file that claims to be a drift report and is not: one sentence naming it, exit 1."""
    shutil.copytree(PROJECT / "tests" / "golden" / "sample_pack", tmp_path / "packs" / "one")
    (tmp_path / "packs" / "drift.json").write_text('{"kind": "pilot-drift-report"}', "utf-8")
    result = pilot("kpi", tmp_path / "packs", "--config-dir", CONFIG)
    assert result.code == 1
    assert "drift.json is not a valid drift report: Object missing required field" in result.err
    assert len(result.err.strip().splitlines()) == 1
