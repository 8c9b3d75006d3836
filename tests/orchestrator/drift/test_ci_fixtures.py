"""The drift check over the CI fixtures: week 2 flags exactly the drifting scenario."""

from __future__ import annotations

import pytest

from orchestrator.core.suites import load_suite
from orchestrator.drift import Baseline, DriftReport, build_baseline, check_drift
from tests.helpers import PROJECT
from tests.orchestrator.drift.factories import baseline_samples, fixture_set

SUITE_SHA256 = load_suite(PROJECT / "config", "l2-drift-baseline").sha256


def week_2_report() -> DriftReport:
    """Week 2 against the Day-1 baseline of three samples, both from the CI fixtures."""
    return check_drift(
        day_1_baseline(),
        fixture_set("week-2"),
        suite_sha256=SUITE_SHA256,
        checked_at="2026-01-12T06:00:00+00:00",
    )


def day_1_baseline() -> Baseline:
    return build_baseline(
        suite_id="l2-drift-baseline",
        suite_sha256=SUITE_SHA256,
        created_at="2026-01-05T06:00:00+00:00",
        samples=baseline_samples(),
    )


def test_week_2_flags_exactly_the_drifting_scenario() -> None:
    """Only inflation-surprise is flagged, for its regime and trigger among others, and the
    fingerprint change of calm is reported unflagged."""
    report = week_2_report()
    assert report.flagged
    assert [s.entry_id for s in report.scenarios if s.status == "flagged"] == ["inflation-surprise"]
    drifting = next(s for s in report.scenarios if s.entry_id == "inflation-surprise")
    assert {"regime", "no_trade_triggers"} <= {c.field for c in drifting.structure_changes}
    calm = next(s for s in report.scenarios if s.entry_id == "calm")
    assert calm.status == "ok"
    assert [(c.field, c.baseline, c.current) for c in calm.model_changes] == [
        ("system_fingerprint", ("fake-fp-1",), "fake-fp-2")
    ]
    assert report.model_change_count == 1


@pytest.mark.parametrize("sample", [0, 1, 2])
def test_identical_rerun_flags_nothing(sample: int) -> None:
    """A re-run that repeats a baseline sample is within the noise floor everywhere."""
    report = check_drift(
        day_1_baseline(),
        fixture_set("baseline", sample),
        suite_sha256=SUITE_SHA256,
        checked_at="2026-01-12T06:00:00+00:00",
    )
    assert not report.flagged
    assert all(s.distance == 0.0 and not s.model_changes for s in report.scenarios)
