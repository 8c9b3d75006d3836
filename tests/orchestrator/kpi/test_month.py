"""Every KPI of the generated month, asserted exactly: the period, each day, the breaches.

The month (scripts/make_pilot_month.py) runs two replays a day from 2026-01-05 to
2026-02-03; its plan says what each run is, and the expectations below are worked out from
the plan, independently of the tally. One pack (2026-01-26, first slot) is tampered with
after its review and must count against SoD, scope and completeness, and be named.
"""

from __future__ import annotations

import json
import math
import statistics

import msgspec

from orchestrator.core.canonical import encode_pretty
from orchestrator.kpi.report import KpiReport
from scripts.make_pilot_month import PlannedRun
from tests.helpers import PROJECT
from tests.pilot_month import KpiRun, Month

GOLDEN = PROJECT / "tests" / "golden" / "kpi" / "kpi.json"
TAMPERED = ("2026-01-26", 0)
CRITIC = {"sample": "APPROVE_WITH_CHANGES", "approve": "APPROVE", "reject": "REJECT"}


def day_runs(month: Month, day: str) -> list[PlannedRun]:
    return [r for r in month.runs if r.date.isoformat() == day]


def key(run: PlannedRun) -> tuple[str, int]:
    return run.date.isoformat(), run.slot


def test_the_month_report_matches_the_golden_byte_for_byte(month_kpi: KpiRun) -> None:
    """kpi.json over the generated month is exactly the golden file.

    After an intended change, remake it: ``uv run python scripts/make_pilot_month.py M``,
    ``uv run pilot kpi M --out R``, copy ``R/kpi.json`` to tests/golden/kpi/, review the diff.
    """
    written = (month_kpi.report_dir / "kpi.json").read_bytes()
    assert written == GOLDEN.read_bytes()
    # Sorted keys, and the bytes are the report's own canonical encoding.
    assert written == encode_pretty(msgspec.json.decode(written, type=KpiReport))
    assert list(json.loads(written)) == sorted(json.loads(written))


def test_period_totals(month_kpi: KpiRun) -> None:
    """60 runs, 1 unverified: SoD and scope 58/60, completeness 56/60, 54 reviews, 5 unreviewed."""
    report = month_kpi.report
    totals = report.period_kpis
    assert (report.period.since, report.period.until, report.period.days) == (
        "2026-01-05",
        "2026-02-03",
        30,
    )
    assert (totals.runs, totals.unverified) == (60, 1)
    assert (totals.sod.met, totals.sod.runs, totals.sod.pct, totals.sod.ok) == (
        58,
        60,
        96.67,
        False,
    )
    assert (totals.scope.met, totals.scope.pct) == (58, 96.67)
    assert (totals.completeness.met, totals.completeness.pct) == (56, 93.33)
    review = totals.review
    assert (review.reviewed, len(review.unreviewed), review.unreviewed_pct) == (54, 5, 8.33)
    assert (review.median_minutes, review.max_minutes) == (8.0, 24.0)
    assert len(review.over_target) == 3
    assert totals.critic.counts == {
        "APPROVE": 2,
        "APPROVE_WITH_CHANGES": 53,
        "REJECT": 1,
        "NONE": 3,
    }
    assert totals.days_over_budget == ()
    assert report.exit_code == month_kpi.code == 5


def test_each_day_follows_from_the_plan(month: Month, month_kpi: KpiRun) -> None:
    """Per day: runs, SoD, scope and completeness misses, reviews, critic decisions."""
    report = month_kpi.report
    assert [d.day for d in report.days] == sorted({r.date.isoformat() for r in month.runs})
    for day in report.days:
        runs = day_runs(month, day.day)
        verified = [r for r in runs if key(r) != TAMPERED]
        pack = {key(r): month.pack(*key(r)) for r in runs}
        tampered = [pack[key(r)] for r in runs if key(r) == TAMPERED]
        assert list(day.runs) == sorted(pack.values())
        assert list(day.unverified) == tampered
        expected_sod = sorted(pack[key(r)] for r in runs if r.kind == "sod" or key(r) == TAMPERED)
        expected_scope = sorted(
            pack[key(r)] for r in runs if r.kind == "scope" or key(r) == TAMPERED
        )
        incomplete = sorted(
            pack[key(r)] for r in runs if r.kind in ("scope", "sod", "failed") or key(r) == TAMPERED
        )
        assert [m.pack for m in day.sod.misses] == expected_sod, day.day
        assert [m.pack for m in day.scope.misses] == expected_scope, day.day
        assert [m.pack for m in day.completeness.misses] == incomplete, day.day
        assert day.sod.pct == round(100 * (len(runs) - len(expected_sod)) / len(runs), 2)
        assert day.completeness.pct == round(100 * (len(runs) - len(incomplete)) / len(runs), 2)
        reviews = {pack[key(r)]: r.review[2] * 60 for r in verified if r.review is not None}
        assert {d.pack: d.seconds for d in day.review.durations} == reviews, day.day
        if reviews:
            assert day.review.median_minutes == round(statistics.median(reviews.values()) / 60, 2)
            assert day.review.max_minutes == max(reviews.values()) / 60
        assert list(day.review.unreviewed) == sorted(
            pack[key(r)] for r in verified if r.review is None
        )
        assert day.review.ok == all(s < 15 * 60 for s in reviews.values())
        decisions = {
            k: sorted(pack[key(r)] for r in verified if CRITIC.get(r.kind, "NONE") == k)
            for k in ("APPROVE", "APPROVE_WITH_CHANGES", "REJECT", "NONE")
        }
        assert {k: list(v) for k, v in day.critic.packs.items()} == decisions, day.day


def test_spend_is_the_recorded_cost_of_the_days_verified_packs(
    month: Month, month_kpi: KpiRun
) -> None:
    """Each day's spend is the sum of cost_usd in its verified packs' proposer and critic files."""
    report = month_kpi.report
    every: list[float] = []
    for day in report.days:
        costs = []
        for pack in day.runs:
            if pack in day.unverified:
                continue
            folder = month.folder / report.packs[pack]
            for name in ("proposer_output.json", "critic_output.json"):
                call = json.loads((folder / name).read_text(encoding="utf-8")).get("call")
                costs.append(call["cost_usd"] if call else 0.0)
        assert day.spend.usd == round(math.fsum(costs), 6), day.day
        every += costs
        assert (day.spend.limit_usd, day.spend.level, day.spend.not_counted) == (
            50.0,
            "ok",
            day.unverified,
        )
    assert report.period_kpis.spend_usd == round(math.fsum(every), 6) == 0.522654


def test_breaches_are_listed_per_day(month: Month, month_kpi: KpiRun) -> None:
    """Twelve breaches, each with its day, KPI and packs, in day order."""
    breaches = [(b.day, b.kpi, b.packs) for b in month_kpi.report.breaches]
    p = month.pack
    assert breaches == [
        ("2026-01-08", "scope", (p("2026-01-08", 1),)),
        ("2026-01-08", "completeness", (p("2026-01-08", 1),)),
        ("2026-01-10", "review", (p("2026-01-10", 0),)),
        ("2026-01-12", "drift", ("drift-2026-01-12-inflation-surprise-sample-3",)),
        ("2026-01-14", "completeness", (p("2026-01-14", 0),)),
        ("2026-01-17", "sod", (p("2026-01-17", 1),)),
        ("2026-01-17", "completeness", (p("2026-01-17", 1),)),
        ("2026-01-23", "review", (p("2026-01-23", 1),)),
        ("2026-01-26", "sod", (p("2026-01-26", 0),)),
        ("2026-01-26", "scope", (p("2026-01-26", 0),)),
        ("2026-01-26", "completeness", (p("2026-01-26", 0),)),
        ("2026-01-28", "review", (p("2026-01-28", 0),)),
    ]
    review = [b for b in month_kpi.report.breaches if b.kpi == "review"]
    # 15 minutes exactly is not "under 15 minutes".
    assert [b.value for b in review] == ["max 17.00 min", "max 24.00 min", "max 15.00 min"]


def test_the_tampered_pack_is_named_with_its_findings(month: Month, month_kpi: KpiRun) -> None:
    """The pack edited after its review does not verify: listed with verify's finding."""
    report = month_kpi.report
    tampered = month.pack(*TAMPERED)
    [listed] = report.unverified
    assert (listed.pack, listed.day) == (tampered, "2026-01-26")
    assert listed.path == report.packs[tampered]
    assert listed.findings == (
        "critic_output.json: critic_output.json is 1842 bytes; the index records 1855",
    )
    miss = next(m for m in report.period_kpis.completeness.misses if m.pack == tampered)
    assert miss.reason.startswith("does not verify: critic_output.json")
    assert tampered not in report.period_kpis.review.unreviewed
    assert tampered not in {d.pack for d in report.period_kpis.review.durations}


def test_drift_judges_each_scenarios_latest_check(month_kpi: KpiRun) -> None:
    """Four weekly checks; week 2 flagged inflation-surprise, the latest checks flag nothing."""
    drift = month_kpi.report.drift
    assert [(c.day, c.ok) for c in drift.checks] == [
        ("2026-01-12", False),
        ("2026-01-19", True),
        ("2026-01-26", True),
        ("2026-02-02", True),
    ]
    flagged = [s for s in drift.checks[0].scenarios if s.status == "flagged"]
    assert [(s.entry_id, s.flags) for s in flagged] == [
        ("inflation-surprise", ("token_distance", "structure"))
    ]
    assert drift.ok
    assert {(s.entry_id, s.checked_at[:10], s.ok) for s in drift.latest} == {
        (entry, "2026-02-02", True)
        for entry in (
            "calm",
            "event-week",
            "inflation-surprise",
            "liquidity-squeeze",
            "risk-off-shock",
        )
    }
    assert month_kpi.report.days[7].drift_checks == ("drift/l2-drift-baseline_2026-01-12.json",)


def test_operator_notes_are_collected_per_decision(month: Month, month_kpi: KpiRun) -> None:
    """Every non-empty note of a verified review, grouped by decision and text, with its packs."""
    expected: dict[tuple[str, str], list[str]] = {}
    decisions = {"approve": "APPROVE", "needs-changes": "NEEDS_CHANGES", "reject": "REJECT"}
    for run in month.runs:
        if run.review is not None and run.review[1] and key(run) != TAMPERED:
            group = (decisions[run.review[0]], run.review[1])
            expected.setdefault(group, []).append(month.pack(*key(run)))
    got = {(f.decision, f.notes): list(f.packs) for f in month_kpi.report.feedback}
    assert got == {group: sorted(packs) for group, packs in expected.items()}
    assert [f.decision for f in month_kpi.report.feedback] == sorted(
        (f.decision for f in month_kpi.report.feedback),
        key=["APPROVE", "NEEDS_CHANGES", "REJECT"].index,
    )


def test_every_pack_id_maps_to_its_folder(month: Month, month_kpi: KpiRun) -> None:
    """`packs` names the path of each counted pack under the folder; nothing else is there."""
    report = month_kpi.report
    assert sorted(report.packs) == sorted(month.packs.values())
    for pack, path in report.packs.items():
        index = json.loads((month.folder / path / "evidence_pack.json").read_text("utf-8"))
        assert index["evidence_pack_id"] == pack
    assert (report.duplicates, report.leftovers, report.outside_period) == ((), (), 0)
