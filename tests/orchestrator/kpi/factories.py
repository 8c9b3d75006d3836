"""Hand-made pack facts and drift reports for KPI tests, and the tally over them."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import msgspec

from orchestrator.drift.report import DriftReport, Flag, ScenarioDrift
from orchestrator.evidence.schema import ReviewDecision
from orchestrator.kpi.facts import PackFacts, ReviewFacts
from orchestrator.kpi.folder import DriftFile
from orchestrator.kpi.report import BudgetRef, KpiReport
from orchestrator.kpi.tally import KpiTally

ScenarioStatus = Literal["ok", "flagged", "not_in_baseline"]

BUDGET = BudgetRef(
    daily_cost_limit_usd=1.0,
    alert_threshold_pct=80.0,
    registry_version="1.0",
    registry_sha256="sha256:" + "0" * 64,
)


def facts(pack: str, day: str | None = "2026-01-05", **changes: Any) -> PackFacts:
    """A verified, complete, compliant, unreviewed run unless ``changes`` say otherwise."""
    base = PackFacts(
        path=f"packs/{pack}",
        pack_id=pack,
        day=day,
        verified=True,
        status="COMPLETE",
        sod_result="PASS",
        sod_reason="Proposer (a) != Critic (b)",
        scope_result="PASS",
        critic_decision="APPROVE",
        cost_usd=0.25,
    )
    return msgspec.structs.replace(base, **changes)


def review(seconds: int, decision: ReviewDecision = "APPROVE", notes: str = "") -> ReviewFacts:
    return ReviewFacts(decision=decision, seconds=seconds, notes=notes, reviewer="A")


def drift(day: str, *statuses: ScenarioStatus, name: str = "drift/week.json") -> DriftFile:
    """A drift report checked on ``day``, one scenario per status (``entry-<n>``)."""
    scenarios = tuple(
        ScenarioDrift(
            entry_id=f"entry-{n}",
            status=status,
            flags=(Flag(code="token_distance", detail="far"),) if status == "flagged" else (),
            model_changes=(),
            structure_changes=(),
            distance=0.3,
            noise_floor=0.05,
            excess=0.25 if status == "flagged" else 0.0,
            nearest_sample=0,
            baseline_samples=3,
            pack_id=f"EVP-drift-{n}",
            pack_sha256=None,
            output_hash=None,
            diff=(),
        )
        for n, status in enumerate(statuses)
    )
    report = DriftReport(
        kind="pilot-drift-report",
        version="1",
        suite_id="suite",
        baseline_digest="sha256:b",
        baseline_created_at="2026-01-01T06:00:00+00:00",
        baseline_suite_sha256="sha256:s",
        suite_sha256="sha256:s",
        checked_at=f"{day}T06:00:00+00:00",
        tokenizer="t",
        threshold=0.1,
        probability_tolerance=0.05,
        flagged="flagged" in statuses,
        flagged_count=statuses.count("flagged"),
        model_change_count=0,
        scenarios=scenarios,
    )
    return DriftFile(relative=name, sha256="sha256:r", report=report)


def tally(
    *packs: PackFacts,
    drifts: tuple[DriftFile, ...] = (),
    since: date | None = None,
    until: date | None = None,
) -> KpiReport:
    """The report of ``packs`` and ``drifts`` against a budget of 1 USD a day."""
    kpis = KpiTally(budget=BUDGET, since=since, until=until)
    for pack in packs:
        kpis.add_pack(pack)
    for found in drifts:
        kpis.add_drift(found)
    return kpis.report()
