"""The pilot month generator: its plan, and the folder it makes (the session's month)."""

from __future__ import annotations

import json
from collections import Counter

from orchestrator.evidence.verify import verify_pack
from scripts.make_pilot_month import plan_runs
from tests.pilot_month import Month


def test_the_month_plan() -> None:
    """60 runs: 54 replays of the sample and one of each event; 55 reviews, one tampered."""
    runs = plan_runs()
    assert len(runs) == 60
    assert Counter(r.kind for r in runs) == {
        "sample": 54,
        "approve": 2,
        "reject": 1,
        "scope": 1,
        "sod": 1,
        "failed": 1,
    }
    assert sum(r.review is not None for r in runs) == 55
    assert [(r.date.isoformat(), r.slot) for r in runs if r.tampered] == [("2026-01-26", 0)]
    assert sorted(r.review[2] for r in runs if r.review and r.review[2] >= 15) == [15, 17, 24]
    assert plan_runs() == runs


def test_a_year_repeats_the_month_at_30_runs_a_day() -> None:
    """The benchmark's year: every slot spread over 06:00 to 24:00, events every 30 days."""
    runs = plan_runs(days=334, runs_per_day=30)
    assert len(runs) == 10_020
    assert {r.clock.date() for r in runs[:30]} == {runs[0].date}
    assert (runs[0].clock.hour, runs[29].clock.isoformat()[11:16]) == (6, "23:24")
    assert sum(r.kind == "scope" for r in runs) == 12
    assert sum(r.tampered for r in runs) == 11


def test_the_generated_folder(month: Month) -> None:
    """Real packs, each with the status its kind calls for; only the tampered one fails verify."""
    statuses = {
        "sample": "COMPLETE",
        "approve": "COMPLETE",
        "reject": "COMPLETE",
        "scope": "BLOCKED",
        "sod": "BLOCKED",
        "failed": "FAILED",
    }
    for run in month.runs:
        day = run.date.isoformat()
        [pack] = [
            p
            for p in (month.folder / "packs" / day).iterdir()
            if p.name.endswith(month.pack(day, run.slot).rsplit("-", 1)[-1])
        ]
        index = json.loads((pack / "evidence_pack.json").read_text(encoding="utf-8"))
        assert (index["status"], index["creation_timestamp"]) == (
            statuses[run.kind],
            run.clock.isoformat(),
        )
        assert (pack / "operator_review.json").exists() == (run.review is not None)
        assert verify_pack(pack).ok == (not run.tampered)
    assert sorted(p.name for p in (month.folder / "drift").iterdir()) == [
        "l2-drift-baseline.baseline.json",
        "l2-drift-baseline_2026-01-12.json",
        "l2-drift-baseline_2026-01-19.json",
        "l2-drift-baseline_2026-01-26.json",
        "l2-drift-baseline_2026-02-02.json",
    ]
