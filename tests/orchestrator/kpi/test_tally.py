"""The tally's rules on hand-made pack facts: what counts, what breaches, which exit code."""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
import pytest

from orchestrator.core.errors import UsageError
from orchestrator.kpi.facts import PackFacts
from tests.orchestrator.kpi.factories import drift, facts, review, tally


def test_compliant_reviewed_runs_breach_nothing() -> None:
    """Verified, complete, reviewed in time and within budget: 100 % everywhere, exit 0."""
    report = tally(facts("a", review=review(600)), facts("b", review=review(899)))
    assert report.breaches == ()
    assert report.exit_code == 0
    day = report.days[0]
    assert (day.sod.pct, day.scope.pct, day.completeness.pct) == (100.0, 100.0, 100.0)
    assert (day.review.median_minutes, day.review.max_minutes, day.review.ok) == (
        12.49,
        14.98,
        True,
    )
    assert (day.spend.usd, day.spend.level) == (0.5, "ok")


def test_an_unverified_pack_counts_against_everything_it_cannot_prove() -> None:
    """In every denominator, no numerator, no review, spend or decision; exit 5."""
    broken = facts("bad", verified=False, findings=("x.json: changed",), review=review(60))
    report = tally(facts("a"), broken)
    day = report.days[0]
    for ratio in (day.sod, day.scope, day.completeness):
        assert (ratio.met, ratio.runs) == (1, 2)
        assert [(m.pack, m.reason) for m in ratio.misses] == [
            ("bad", "does not verify: x.json: changed")
        ]
    assert (day.review.reviewed, day.review.unreviewed) == (0, ("a",))
    assert (day.spend.usd, day.spend.not_counted) == (0.25, ("bad",))
    assert day.critic.counts == {"APPROVE": 1, "APPROVE_WITH_CHANGES": 0, "REJECT": 0, "NONE": 0}
    assert [(p.pack, p.findings) for p in report.unverified] == [("bad", ("x.json: changed",))]
    assert report.exit_code == 5


@pytest.mark.parametrize(
    ("changes", "kpis", "code"),
    [
        ({"sod_result": "FAIL", "status": "BLOCKED"}, ["sod", "completeness"], 2),
        (
            {"scope_result": "FAIL", "violations": ("scope.x",), "status": "BLOCKED"},
            ["scope", "completeness"],
            2,
        ),
        ({"status": "FAILED", "missing": ("transcript.json (no call)",)}, ["completeness"], 3),
        ({"review": review(900)}, ["review"], 3),
    ],
    ids=["sod", "scope", "failed", "review-15-min"],
)
def test_each_breach_and_its_exit_code(changes: dict[str, Any], kpis: list[str], code: int) -> None:
    """Governance breaches exit 2; a failed run or a review of 15 minutes exits 3."""
    report = tally(facts("a"), facts("b", **changes))
    assert [(b.day, b.kpi, b.packs) for b in report.breaches] == [
        ("2026-01-05", kpi, ("b",)) for kpi in kpis
    ]
    assert report.exit_code == code


def test_overspend_names_the_days_packs_and_exits_3() -> None:
    """A day over its budget is a breach produced by all of that day's verified runs."""
    report = tally(facts("a", cost_usd=0.5), facts("b", cost_usd=0.51))
    assert [(b.kpi, b.packs, b.value) for b in report.breaches] == [
        ("spend", ("a", "b"), "1.010000 USD")
    ]
    assert report.exit_code == 3


def test_exit_code_takes_the_most_serious_breach() -> None:
    """Unverified (5) over governance (2) over drift (4) over operations (3)."""
    failed = facts("f", status="FAILED")
    sod = facts("s", sod_result="FAIL", status="BLOCKED")
    unverified = facts("u", verified=False)
    flagged = (drift("2026-01-05", "flagged", "ok"),)
    assert tally(failed).exit_code == 3
    assert tally(failed, drifts=flagged).exit_code == 4
    assert tally(failed, sod, drifts=flagged).exit_code == 2
    assert tally(failed, sod, unverified, drifts=flagged).exit_code == 5


def test_spend_alerts_at_the_threshold_and_breaches_above_the_limit() -> None:
    """80 % of the daily budget is an alert, not a breach; more than the budget is."""
    assert tally(facts("a", cost_usd=0.79)).days[0].spend.level == "ok"
    assert tally(facts("a", cost_usd=0.8)).days[0].spend.level == "alert"
    assert tally(facts("a", cost_usd=1.0)).days[0].spend.ok
    over = tally(facts("a", cost_usd=1.000001))
    assert (over.days[0].spend.level, over.period_kpis.days_over_budget) == (
        "over",
        ("2026-01-05",),
    )


def test_a_drift_breach_is_on_its_check_day_and_the_latest_check_decides() -> None:
    """A flagged week is a breach that day; a later clean check makes the scenario ok."""
    report = tally(
        facts("a"),
        facts("b", day="2026-01-12"),
        drifts=(
            drift("2026-01-05", "flagged", "ok", name="drift/w1.json"),
            drift("2026-01-12", "ok", "ok", name="drift/w2.json"),
        ),
    )
    [breach] = report.breaches
    assert (breach.day, breach.kpi, breach.packs) == ("2026-01-05", "drift", ("EVP-drift-0",))
    assert breach.value == "1 of 2 scenarios flagged"
    assert [(s.entry_id, s.report, s.ok) for s in report.drift.latest] == [
        ("entry-0", "drift/w2.json", True),
        ("entry-1", "drift/w2.json", True),
    ]
    assert report.drift.ok
    assert report.days[0].drift_checks == ("drift/w1.json",)


def test_days_without_runs_are_in_the_period_and_breach_nothing() -> None:
    """The period runs from the first to the last day; empty days have no figures."""
    report = tally(facts("a"), facts("b", day="2026-01-08"))
    assert [(d.day, len(d.runs), d.sod.pct, d.sod.ok) for d in report.days] == [
        ("2026-01-05", 1, 100.0, True),
        ("2026-01-06", 0, None, True),
        ("2026-01-07", 0, None, True),
        ("2026-01-08", 1, 100.0, True),
    ]
    assert report.days[1].review.unreviewed_pct is None
    assert report.breaches == ()


def test_since_and_until_bound_the_period() -> None:
    """Runs outside the period are counted as such, not in the KPIs."""
    report = tally(
        facts("a"),
        facts("b", day="2026-01-06", status="FAILED"),
        facts("c", day="2026-01-07"),
        since=date(2026, 1, 7),
        until=date(2026, 1, 9),
    )
    assert [d.day for d in report.days] == ["2026-01-07", "2026-01-08", "2026-01-09"]
    assert (report.period_kpis.runs, report.outside_period, report.exit_code) == (1, 2, 0)
    assert report.packs == {"c": "packs/c"}


def test_an_unverified_pack_outside_the_period_is_named_not_counted() -> None:
    """Its claimed day is outside the period: listed apart, no KPI and no exit code change."""
    report = tally(
        facts("a", day="2026-01-01", verified=False, findings=("x: changed",)),
        facts("c", day="2026-01-07"),
        since=date(2026, 1, 7),
    )
    assert (report.unverified, report.exit_code) == ((), 0)
    assert [(p.pack, p.day) for p in report.unverified_outside_period] == [("a", "2026-01-01")]


@pytest.mark.parametrize(
    ("period", "message"),
    [
        ({"since": date(2026, 2, 1), "until": date(2026, 1, 1)}, "--since 2026-02-01 is after"),
        ({"since": date(2026, 3, 1)}, "--since 2026-03-01 is after the last day in the folder"),
        (
            {"since": date(2026, 2, 1), "until": date(2026, 2, 2)},
            (
                "no run and no drift check between 2026-02-01 and 2026-02-02; the folder has "
                "days 2026-01-05 to 2026-01-05"
            ),
        ),
    ],
)
def test_a_period_without_runs_is_a_usage_error(period: dict[str, date], message: str) -> None:
    """Bounds that cannot hold, or hold nothing, are one sentence, exit 1."""
    with pytest.raises(UsageError, match=message) as caught:
        tally(facts("a"), since=period.get("since"), until=period.get("until"))
    assert caught.value.exit_code == 1


def test_a_copy_of_a_pack_is_counted_once_and_listed() -> None:
    """The same evidence_pack_id twice is one run; the copy is named with the one counted."""
    report = tally(facts("a"), msgspec.structs.replace(facts("a"), path="elsewhere/a"))
    assert report.period_kpis.runs == 1
    assert [(d.pack, d.path, d.counted) for d in report.duplicates] == [
        ("a", "elsewhere/a", "packs/a")
    ]


def test_a_pack_without_a_day_counts_in_the_period_and_breaches() -> None:
    """An unreadable index has no day: in the period's totals, a breach without a day, exit 5."""
    lost = PackFacts(path="packs/lost", pack_id="packs/lost", day=None, verified=False)
    report = tally(facts("a"), lost)
    assert (report.period_kpis.runs, report.period_kpis.completeness.met) == (2, 1)
    assert sum(len(d.runs) for d in report.days) == 1
    assert [(b.day, b.kpi, b.packs) for b in report.breaches] == [
        (None, "completeness", ("packs/lost",))
    ]
    assert report.exit_code == 5


def test_review_notes_are_grouped_by_decision_and_text() -> None:
    """Empty notes are left out; the same note on two packs is one entry naming both."""
    report = tally(
        facts("b", review=review(60, "REJECT", "Bad.")),
        facts("a", review=review(60, "REJECT", "Bad.")),
        facts("c", review=review(60, "APPROVE", "Fine.")),
        facts("d", review=review(60)),
    )
    assert [(f.decision, f.notes, f.packs) for f in report.feedback] == [
        ("APPROVE", "Fine.", ("c",)),
        ("REJECT", "Bad.", ("a", "b")),
    ]
