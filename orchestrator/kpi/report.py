"""The KPI report's schema: `kpi.json`, one Struct tree (kind `pilot-kpi-report`, version 1).

Every figure is traceable to the packs that produced it: a day lists its runs by pack id
(``runs``; ``packs`` maps each id to its path under the folder), and each KPI lists the runs
that do not count towards it (``misses``, each with its reason), so its numerator is the
day's runs minus those. Review times list every reviewed run with its seconds; critic
decisions list their packs; drift figures name the drift report (path and sha256) and the
pack of every scenario run. Sorted-key JSON; the same folder gives the same bytes.

The formulas (a run = one evidence pack; a day = the UTC date of the pack's clock, see
:func:`orchestrator.kpi.facts.pack_day`; "verified" = ``pilot verify`` passes):

- ``sod``: runs verified with SoD ``PASS`` / runs, target 100 %;
- ``scope``: runs verified without capability-scope violations / runs, target 100 %;
- ``completeness``: runs verified with status ``COMPLETE`` / runs, target 100 %;
- ``review``: per reviewed, verified run its ``duration_seconds``; median and max in minutes;
  each review must take less than 15 minutes; ``unreviewed`` = verified runs without an
  addendum, as a share of runs;
- ``spend``: the recorded cost of every call of the verified runs, against the registry's
  ``daily_cost_limit_usd`` (``alert`` from ``alert_threshold_pct`` of it);
- ``critic``: verified runs by the critic's decision (``NONE``: the critic did not decide);
- ``drift``: per weekly check, each scenario's excess over its noise floor against the
  check's threshold; a check breaches when it flagged a scenario (the drift check's own rule).

A pack that does not verify counts in every denominator and in no numerator: unverifiable
evidence proves nothing. It is listed in ``unverified``, or, when its (claimed) day lies
outside the period, in ``unverified_outside_period``: not counted, never silent.
"""

from __future__ import annotations

from typing import Final, Literal

import msgspec

from orchestrator.evidence.schema import REVIEW_TARGET_SECONDS, ReviewDecision

__all__ = [
    "DAY_RULE",
    "DECISION_KEYS",
    "FORMULAS",
    "KIND",
    "KPI_NAMES",
    "TARGET_PCT",
    "VERSION",
    "Breach",
    "BudgetRef",
    "CriticDecisions",
    "DayKpis",
    "DriftCheck",
    "DriftKpis",
    "DriftLatest",
    "DriftScenario",
    "DuplicatePack",
    "Feedback",
    "KpiName",
    "KpiReport",
    "Miss",
    "Period",
    "PeriodKpis",
    "Ratio",
    "ReviewTime",
    "ReviewedRun",
    "Spend",
    "SpendLevel",
    "Thresholds",
    "UnverifiedPack",
]

KIND: Final = "pilot-kpi-report"
VERSION: Final = "1"
TARGET_PCT: Final = 100.0
# The critic's decisions, and NONE for a run whose critic did not decide.
DECISION_KEYS: Final = ("APPROVE", "APPROVE_WITH_CHANGES", "REJECT", "NONE")

SpendLevel = Literal["ok", "alert", "over"]
# How each figure is computed, in one sentence each: the HTML page, the journal and the
# README say the same.
DAY_RULE: Final = (
    "A run counts on the UTC date of its pack's clock: creation_timestamp in "
    "evidence_pack.json, the run's start (--clock in replay, the system clock live), the "
    "same instant as clock in run_manifest.json. Reviews count on the day of the run they "
    "review. A pack that does not verify counts in every denominator and in no numerator."
)
FORMULAS: Final = {
    "sod": "runs verified with SoD PASS / runs of the day; target 100 %",
    "scope": "runs verified without capability-scope violations / runs of the day; "
    "target 100 % (a blocked run had a violation: the scope held, the KPI did not)",
    "completeness": "runs verified with status COMPLETE / runs of the day; target 100 %",
    "review": "duration_seconds of each verified review addendum, median and max per day; "
    "every review under 15 minutes; unreviewed = verified runs without an addendum / runs",
    "spend": "the recorded cost_usd of the proposer and critic calls of the day's verified "
    "runs, against [budget] daily_cost_limit_usd (alert at alert_threshold_pct)",
    "drift": "per weekly drift report, each scenario's token distance minus its noise floor; "
    "a check breaches when it flagged a scenario (excess over its threshold, 10 % by "
    "default, or a structural change); the KPI at the end is each scenario's latest check",
    "critic": "verified runs per critic decision (APPROVE, APPROVE_WITH_CHANGES, REJECT; "
    "NONE when the critic did not decide); no threshold",
}

KpiName = Literal["sod", "scope", "completeness", "review", "spend", "drift"]
KPI_NAMES: Final[tuple[KpiName, ...]] = ("sod", "scope", "completeness", "review", "spend", "drift")


class _Record(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    pass


class Miss(_Record, frozen=True, kw_only=True):
    """A run that does not count towards a KPI, and why."""

    pack: str
    reason: str


class Ratio(_Record, frozen=True, kw_only=True):
    """A percentage KPI: ``met`` of ``runs``; ``pct`` is None without runs (nothing to judge)."""

    met: int
    runs: int
    pct: float | None
    ok: bool
    misses: tuple[Miss, ...]


class ReviewedRun(_Record, frozen=True, kw_only=True):
    pack: str
    seconds: int


class ReviewTime(_Record, frozen=True, kw_only=True):
    """Review durations of the verified, reviewed runs; ``ok`` when each is under the target."""

    reviewed: int
    median_minutes: float | None
    max_minutes: float | None
    ok: bool
    over_target: tuple[str, ...]
    unreviewed: tuple[str, ...]
    unreviewed_pct: float | None
    durations: tuple[ReviewedRun, ...]


class Spend(_Record, frozen=True, kw_only=True):
    """``usd`` of the verified runs against the daily limit; ``level`` ok, alert or over."""

    usd: float
    limit_usd: float
    level: SpendLevel
    ok: bool
    not_counted: tuple[str, ...]


class CriticDecisions(_Record, frozen=True, kw_only=True):
    """Verified runs by the critic's decision (keys :data:`DECISION_KEYS`)."""

    counts: dict[str, int]
    packs: dict[str, tuple[str, ...]]


class DriftScenario(_Record, frozen=True, kw_only=True):
    entry_id: str
    status: str
    excess: float | None
    distance: float | None
    noise_floor: float | None
    flags: tuple[str, ...]
    pack: str | None


class DriftCheck(_Record, frozen=True, kw_only=True):
    """One drift report: where it is, when it was checked, and its scenarios."""

    report: str
    sha256: str
    suite_id: str
    checked_at: str
    day: str
    threshold: float
    ok: bool
    scenarios: tuple[DriftScenario, ...]


class DriftLatest(_Record, frozen=True, kw_only=True):
    """A scenario's most recent check in the period: the drift KPI judges this one."""

    suite_id: str
    entry_id: str
    checked_at: str
    report: str
    status: str
    excess: float | None
    ok: bool


class DriftKpis(_Record, frozen=True, kw_only=True):
    ok: bool
    checks: tuple[DriftCheck, ...]
    latest: tuple[DriftLatest, ...]


class DayKpis(_Record, frozen=True, kw_only=True):
    """One day of the period; a day without runs has empty figures that breach nothing."""

    day: str
    runs: tuple[str, ...]
    unverified: tuple[str, ...]
    sod: Ratio
    scope: Ratio
    completeness: Ratio
    review: ReviewTime
    spend: Spend
    critic: CriticDecisions
    drift_checks: tuple[str, ...]


class PeriodKpis(_Record, frozen=True, kw_only=True):
    """The whole period (undated packs included); spend is the total and the days over."""

    runs: int
    unverified: int
    sod: Ratio
    scope: Ratio
    completeness: Ratio
    review: ReviewTime
    spend_usd: float
    days_over_budget: tuple[str, ...]
    critic: CriticDecisions


class Breach(_Record, frozen=True, kw_only=True):
    """A KPI that missed its target on a day (``None``: a pack that has no day)."""

    day: str | None
    kpi: KpiName
    value: str
    target: str
    packs: tuple[str, ...]
    detail: str


class UnverifiedPack(_Record, frozen=True, kw_only=True):
    """A pack that does not verify, named, with ``verify``'s findings."""

    pack: str
    path: str
    day: str | None
    findings: tuple[str, ...]


class DuplicatePack(_Record, frozen=True, kw_only=True):
    """A second pack with the id of one already counted: the same run, not counted again."""

    pack: str
    path: str
    counted: str


class Feedback(_Record, frozen=True, kw_only=True):
    """The notes operators wrote with one decision, each with the packs they were given on."""

    decision: ReviewDecision
    notes: str
    packs: tuple[str, ...]


class Period(_Record, frozen=True, kw_only=True):
    since: str
    until: str
    days: int


class Thresholds(_Record, frozen=True, kw_only=True):
    sod_pct: float = TARGET_PCT
    scope_pct: float = TARGET_PCT
    completeness_pct: float = TARGET_PCT
    review_seconds_under: int = REVIEW_TARGET_SECONDS


class BudgetRef(_Record, frozen=True, kw_only=True):
    """The registry's ``[budget]`` the spend is judged against."""

    daily_cost_limit_usd: float
    alert_threshold_pct: float
    registry_version: str
    registry_sha256: str


class KpiReport(_Record, frozen=True, kw_only=True):
    kind: Literal["pilot-kpi-report"]
    version: Literal["1"]
    period: Period
    thresholds: Thresholds
    budget: BudgetRef
    period_kpis: PeriodKpis
    days: tuple[DayKpis, ...]
    drift: DriftKpis
    breaches: tuple[Breach, ...]
    unverified: tuple[UnverifiedPack, ...]
    unverified_outside_period: tuple[UnverifiedPack, ...]
    duplicates: tuple[DuplicatePack, ...]
    feedback: tuple[Feedback, ...]
    packs: dict[str, str]
    leftovers: tuple[str, ...]
    outside_period: int
    exit_code: int
