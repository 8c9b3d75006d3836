"""Adding up the KPIs: packs and drift reports in, one :class:`KpiReport` out.

:class:`KpiTally` is fed one :class:`~orchestrator.kpi.facts.PackFacts` at a time and keeps
per day only what the report lists (pack ids, misses, review seconds, costs), so memory
grows with the ids a report must name, never with the packs' contents. Every list comes
out sorted by pack id: the figures do not depend on how the packs are arranged in
folders. Pure and synchronous; the formulas are in :mod:`orchestrator.kpi.report`.

The exit code of ``pilot kpi`` is decided here, from the breaches (SPEC §10 meanings):
5 when a pack in the period does not verify (the evidence itself is in question),
else 2 when SoD or scope compliance missed 100 % (governance), else 4 when a drift check
flagged a scenario, else 3 when an operational KPI missed its target (a run that did not
complete, a review of 15 minutes or more, a day over budget), else 0.
"""

from __future__ import annotations

import math
import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Final

from orchestrator.core.clock import parse_instant
from orchestrator.core.errors import GovernanceBlock, IntegrityError, RuntimeFailure, UsageError
from orchestrator.evidence.schema import REVIEW_TARGET_SECONDS, ReviewDecision
from orchestrator.kpi.facts import PackFacts
from orchestrator.kpi.folder import DriftFile
from orchestrator.kpi.report import (
    DECISION_KEYS,
    KIND,
    KPI_NAMES,
    TARGET_PCT,
    VERSION,
    Breach,
    BudgetRef,
    CriticDecisions,
    DayKpis,
    DriftCheck,
    DriftKpis,
    DriftLatest,
    DriftScenario,
    DuplicatePack,
    Feedback,
    KpiName,
    KpiReport,
    Miss,
    Period,
    PeriodKpis,
    Ratio,
    ReviewedRun,
    ReviewTime,
    Spend,
    SpendLevel,
    Thresholds,
    UnverifiedPack,
)

__all__ = ["BLOCKED_MISS", "DRIFT_EXIT_CODE", "SCOPE_MISS", "KpiTally"]

# SPEC §10's "drift above threshold": a finding of a check, not an error of the pilot, so
# no branch of the error tree carries it.
DRIFT_EXIT_CODE: Final = 4
# How a miss's reason starts, for readers that tell the kinds apart (the journal).
SCOPE_MISS: Final = "scope "
BLOCKED_MISS: Final = "run BLOCKED"
_REVIEW_ORDER: Final[tuple[ReviewDecision, ...]] = ("APPROVE", "NEEDS_CHANGES", "REJECT")


@dataclass
class _Runs:
    """What one day (or the packs without a day) contributes; lists in the order packs came."""

    runs: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)
    sod: list[Miss] = field(default_factory=list)
    scope: list[Miss] = field(default_factory=list)
    completeness: list[Miss] = field(default_factory=list)
    reviews: list[ReviewedRun] = field(default_factory=list)
    unreviewed: list[str] = field(default_factory=list)
    costs: list[float] = field(default_factory=list)
    decisions: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    feedback: dict[tuple[ReviewDecision, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )

    def add(self, facts: PackFacts) -> None:
        pack = facts.pack_id
        self.runs.append(pack)
        if not facts.verified:
            self.unverified.append(pack)
            reason = _unverified_reason(facts)
            for misses in (self.sod, self.scope, self.completeness):
                misses.append(Miss(pack=pack, reason=reason))
            return
        if facts.sod_result != "PASS":
            self.sod.append(Miss(pack=pack, reason=f"SoD {facts.sod_result}: {facts.sod_reason}"))
        if facts.violations or facts.scope_result == "FAIL":
            rules = ", ".join(facts.violations) or "no violation listed"
            self.scope.append(Miss(pack=pack, reason=f"{SCOPE_MISS}{facts.scope_result}: {rules}"))
        if facts.status != "COMPLETE":
            missing = f"; missing {', '.join(facts.missing)}" if facts.missing else ""
            self.completeness.append(Miss(pack=pack, reason=f"run {facts.status}{missing}"))
        if facts.review is None:
            self.unreviewed.append(pack)
        else:
            self.reviews.append(ReviewedRun(pack=pack, seconds=facts.review.seconds))
            if facts.review.notes:
                self.feedback[(facts.review.decision, facts.review.notes)].append(pack)
        self.costs.append(facts.cost_usd)
        self.decisions[facts.critic_decision or "NONE"].append(pack)

    def merge(self, other: _Runs) -> None:
        """Add ``other``'s runs to these (a day's to the period's)."""
        self.runs.extend(other.runs)
        self.unverified.extend(other.unverified)
        self.sod.extend(other.sod)
        self.scope.extend(other.scope)
        self.completeness.extend(other.completeness)
        self.reviews.extend(other.reviews)
        self.unreviewed.extend(other.unreviewed)
        self.costs.extend(other.costs)
        for key, packs in other.decisions.items():
            self.decisions[key].extend(packs)
        for note, packs in other.feedback.items():
            self.feedback[note].extend(packs)

    def ratio(self, misses: list[Miss]) -> Ratio:
        runs = len(self.runs)
        met = runs - len(misses)
        return Ratio(
            met=met,
            runs=runs,
            pct=_pct(met, runs),
            ok=met == runs,
            misses=tuple(sorted(misses, key=_by_pack)),
        )

    def review(self) -> ReviewTime:
        reviews = sorted(self.reviews, key=_by_pack)
        seconds = [r.seconds for r in reviews]
        over = tuple(r.pack for r in reviews if r.seconds >= REVIEW_TARGET_SECONDS)
        return ReviewTime(
            reviewed=len(seconds),
            median_minutes=_minutes(statistics.median(seconds)) if seconds else None,
            max_minutes=_minutes(max(seconds)) if seconds else None,
            ok=not over,
            over_target=over,
            unreviewed=tuple(sorted(self.unreviewed)),
            unreviewed_pct=_pct(len(self.unreviewed), len(self.runs)),
            durations=tuple(reviews),
        )

    def spend_usd(self) -> float:
        # fsum: the same total whatever order the packs came in.
        return round(math.fsum(self.costs), 6)

    def spend(self, budget: BudgetRef) -> Spend:
        usd = self.spend_usd()
        limit = budget.daily_cost_limit_usd
        level: SpendLevel
        if usd > limit:
            level = "over"
        elif usd >= limit * budget.alert_threshold_pct / 100:
            level = "alert"
        else:
            level = "ok"
        return Spend(
            usd=usd,
            limit_usd=limit,
            level=level,
            ok=level != "over",
            not_counted=tuple(sorted(self.unverified)),
        )

    def critic(self) -> CriticDecisions:
        return CriticDecisions(
            counts={key: len(self.decisions.get(key, ())) for key in DECISION_KEYS},
            packs={key: tuple(sorted(self.decisions.get(key, ()))) for key in DECISION_KEYS},
        )


def _by_pack(item: Miss | ReviewedRun) -> str:
    return item.pack


def _unverified_reason(facts: PackFacts) -> str:
    first = facts.findings[0] if facts.findings else "no finding recorded"
    more = f" (+{len(facts.findings) - 1} more)" if len(facts.findings) > 1 else ""
    return f"does not verify: {first}{more}"


def _pct(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 2) if whole else None


def _minutes(seconds: float) -> float:
    return round(seconds / 60, 2)


class KpiTally:
    """The running totals of one report: add packs and drift reports, then :meth:`report`.

    ``since`` and ``until`` bound the period (inclusive); left open, they are the first and
    the last day any pack or drift check has.
    """

    def __init__(
        self, *, budget: BudgetRef, since: date | None = None, until: date | None = None
    ) -> None:
        if since is not None and until is not None and since > until:
            raise UsageError(f"--since {since} is after --until {until}")
        self.budget = budget
        self.since = since
        self.until = until
        self._days: dict[str, _Runs] = defaultdict(_Runs)
        self._undated = _Runs()
        self._paths: dict[str, str] = {}
        self._unverified: list[UnverifiedPack] = []
        self._duplicates: list[DuplicatePack] = []
        self._drift: list[DriftCheck] = []
        self._leftovers: list[str] = []

    def add_pack(self, facts: PackFacts) -> None:
        counted = self._paths.get(facts.pack_id)
        if counted is not None:
            self._duplicates.append(
                DuplicatePack(pack=facts.pack_id, path=facts.path, counted=counted)
            )
            return
        self._paths[facts.pack_id] = facts.path
        (self._undated if facts.day is None else self._days[facts.day]).add(facts)
        if not facts.verified:
            self._unverified.append(
                UnverifiedPack(
                    pack=facts.pack_id, path=facts.path, day=facts.day, findings=facts.findings
                )
            )

    def add_drift(self, found: DriftFile) -> None:
        report = found.report
        self._drift.append(
            DriftCheck(
                report=found.relative,
                sha256=found.sha256,
                suite_id=report.suite_id,
                checked_at=report.checked_at,
                day=_utc_day(report.checked_at, source=f"drift report {found.relative}"),
                threshold=report.threshold,
                ok=not report.flagged,
                scenarios=tuple(
                    DriftScenario(
                        entry_id=s.entry_id,
                        status=s.status,
                        excess=s.excess,
                        distance=s.distance,
                        noise_floor=s.noise_floor,
                        flags=tuple(f.code for f in s.flags),
                        pack=s.pack_id,
                    )
                    for s in report.scenarios
                ),
            )
        )

    def add_leftover(self, relative: str) -> None:
        self._leftovers.append(relative)

    def report(self) -> KpiReport:
        """The report of the period; a period with nothing in it is a usage error."""
        seen = sorted({*self._days, *(c.day for c in self._drift)})
        if not seen and not self._undated.runs:
            raise UsageError("the folder holds no evidence pack and no drift report")
        since = self.since or (date.fromisoformat(seen[0]) if seen else None)
        until = self.until or (date.fromisoformat(seen[-1]) if seen else None)
        if since is None or until is None:
            # Only undated packs: the period is what was asked, or nothing can be said.
            raise UsageError("no pack in the folder has a readable date; pass --since and --until")
        if since > until:
            raise UsageError(f"--since {since} is after the last day in the folder, {until}")
        days = [(since + timedelta(days=n)).isoformat() for n in range((until - since).days + 1)]
        in_period = set(days)
        outside = sum(len(r.runs) for d, r in self._days.items() if d not in in_period)
        checks = tuple(
            sorted(
                (c for c in self._drift if c.day in in_period),
                key=lambda c: (c.checked_at, c.report),
            )
        )
        outside += len(self._drift) - len(checks)
        if not any(self._days.get(d) for d in days) and not self._undated.runs and not checks:
            raise UsageError(
                f"no run and no drift check between {since} and {until}; "
                f"the folder has days {seen[0]} to {seen[-1]}"
            )
        whole = _Runs()
        day_kpis = []
        for day in days:
            runs = self._days.get(day, _Runs())
            whole.merge(runs)
            day_kpis.append(self._day(day, runs, checks))
        whole.merge(self._undated)
        ordered_unverified = sorted(
            self._unverified, key=lambda p: (p.day is None, p.day or "", p.pack)
        )
        unverified = tuple(p for p in ordered_unverified if p.day is None or p.day in in_period)
        # Not counted, never silent: the folder holds them, whatever the period asked for.
        elsewhere = tuple(p for p in ordered_unverified if p not in unverified)
        drift = _drift_kpis(checks)
        breaches = (
            *(b for d in day_kpis for b in _day_breaches(d)),
            *_drift_breaches(checks),
            *_undated_breaches(self._undated),
        )
        ordered = tuple(sorted(breaches, key=_breach_order))
        return KpiReport(
            kind=KIND,
            version=VERSION,
            period=Period(since=since.isoformat(), until=until.isoformat(), days=len(days)),
            thresholds=Thresholds(),
            budget=self.budget,
            period_kpis=PeriodKpis(
                runs=len(whole.runs),
                unverified=len(whole.unverified),
                sod=whole.ratio(whole.sod),
                scope=whole.ratio(whole.scope),
                completeness=whole.ratio(whole.completeness),
                review=whole.review(),
                spend_usd=whole.spend_usd(),
                days_over_budget=tuple(d.day for d in day_kpis if not d.spend.ok),
                critic=whole.critic(),
            ),
            days=tuple(day_kpis),
            drift=drift,
            breaches=ordered,
            unverified=unverified,
            unverified_outside_period=elsewhere,
            duplicates=tuple(self._duplicates),
            feedback=_feedback(whole),
            packs={pack: self._paths[pack] for pack in sorted(whole.runs)},
            leftovers=tuple(self._leftovers),
            outside_period=outside,
            exit_code=_exit_code(ordered, unverified),
        )

    def _day(self, day: str, runs: _Runs, checks: Iterable[DriftCheck]) -> DayKpis:
        return DayKpis(
            day=day,
            runs=tuple(sorted(runs.runs)),
            unverified=tuple(sorted(runs.unverified)),
            sod=runs.ratio(runs.sod),
            scope=runs.ratio(runs.scope),
            completeness=runs.ratio(runs.completeness),
            review=runs.review(),
            spend=runs.spend(self.budget),
            critic=runs.critic(),
            drift_checks=tuple(c.report for c in checks if c.day == day),
        )


def _utc_day(instant: str, *, source: str) -> str:
    return parse_instant(instant, source=source).date().isoformat()


def _drift_kpis(checks: tuple[DriftCheck, ...]) -> DriftKpis:
    """The checks of the period, and each scenario's latest: the drift KPI judges those."""
    latest: dict[tuple[str, str], DriftLatest] = {}
    for check in checks:  # in checked_at order: a later check replaces an earlier one
        for scenario in check.scenarios:
            latest[(check.suite_id, scenario.entry_id)] = DriftLatest(
                suite_id=check.suite_id,
                entry_id=scenario.entry_id,
                checked_at=check.checked_at,
                report=check.report,
                status=scenario.status,
                excess=scenario.excess,
                ok=scenario.status != "flagged",
            )
    ordered = tuple(latest[key] for key in sorted(latest))
    return DriftKpis(ok=all(s.ok for s in ordered), checks=checks, latest=ordered)


def _day_breaches(day: DayKpis) -> list[Breach]:
    breaches = []
    ratios: tuple[tuple[KpiName, Ratio], ...] = (
        ("sod", day.sod),
        ("scope", day.scope),
        ("completeness", day.completeness),
    )
    for kpi, ratio in ratios:
        if not ratio.ok:
            breaches.append(
                Breach(
                    day=day.day,
                    kpi=kpi,
                    value=f"{ratio.pct:.2f} % ({ratio.met} of {ratio.runs})",
                    target=f"{TARGET_PCT:.0f} %",
                    packs=tuple(m.pack for m in ratio.misses),
                    detail="; ".join(f"{m.pack}: {m.reason}" for m in ratio.misses),
                )
            )
    review = day.review
    if not review.ok:
        seconds = {r.pack: r.seconds for r in review.durations}
        breaches.append(
            Breach(
                day=day.day,
                kpi="review",
                value=f"max {review.max_minutes:.2f} min",
                target=f"each under {REVIEW_TARGET_SECONDS // 60} min",
                packs=review.over_target,
                detail="; ".join(
                    f"{pack}: {_minutes(seconds[pack]):.2f} min" for pack in review.over_target
                ),
            )
        )
    if not day.spend.ok:
        breaches.append(
            Breach(
                day=day.day,
                kpi="spend",
                value=f"{day.spend.usd:.6f} USD",
                target=f"at most {day.spend.limit_usd:.2f} USD a day",
                packs=tuple(p for p in day.runs if p not in day.unverified),
                detail="the recorded cost of the day's verified runs exceeds the daily budget",
            )
        )
    return breaches


def _drift_breaches(checks: Iterable[DriftCheck]) -> list[Breach]:
    breaches = []
    for check in checks:
        flagged = [s for s in check.scenarios if s.status == "flagged"]
        if not flagged:
            continue
        breaches.append(
            Breach(
                day=check.day,
                kpi="drift",
                value=f"{len(flagged)} of {len(check.scenarios)} scenarios flagged",
                target=f"excess over the noise floor at most {check.threshold:.0%}",
                packs=tuple(s.pack for s in flagged if s.pack is not None),
                detail="; ".join(
                    f"{check.suite_id}/{s.entry_id}: {', '.join(s.flags)}"
                    + ("" if s.excess is None else f" (excess {s.excess:.1%})")
                    for s in flagged
                )
                + f" [{check.report}]",
            )
        )
    return breaches


def _undated_breaches(undated: _Runs) -> list[Breach]:
    if not undated.runs:
        return []
    return [
        Breach(
            day=None,
            kpi="completeness",
            value=f"{len(undated.runs)} packs without a readable date",
            target=f"{TARGET_PCT:.0f} %",
            packs=tuple(sorted(undated.runs)),
            detail="; ".join(
                f"{m.pack}: {m.reason}" for m in undated.ratio(undated.completeness).misses
            ),
        )
    ]


def _breach_order(breach: Breach) -> tuple[bool, str, int]:
    return breach.day is None, breach.day or "", KPI_NAMES.index(breach.kpi)


def _feedback(runs: _Runs) -> tuple[Feedback, ...]:
    return tuple(
        Feedback(decision=decision, notes=notes, packs=tuple(sorted(packs)))
        for (decision, notes), packs in sorted(
            runs.feedback.items(), key=lambda item: (_REVIEW_ORDER.index(item[0][0]), item[0][1])
        )
    )


def _exit_code(breaches: tuple[Breach, ...], unverified: tuple[UnverifiedPack, ...]) -> int:
    kinds = {b.kpi for b in breaches}
    if unverified:
        return IntegrityError.exit_code
    if kinds & {"sod", "scope"}:
        return GovernanceBlock.exit_code
    if "drift" in kinds:
        return DRIFT_EXIT_CODE
    if kinds:
        return RuntimeFailure.exit_code
    return 0
