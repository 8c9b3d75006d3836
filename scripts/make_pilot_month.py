"""Make a pilot folder of real evidence packs, reviews and drift reports, without any network.

Run from the checkout: ``uv run python scripts/make_pilot_month.py OUT [DAYS] [RUNS_PER_DAY]``
(default 30 days from 2026-01-05, 2 runs a day; ``OUT`` must not exist). Then
``uv run pilot kpi OUT`` reports on it. The same inputs give the same bytes on every machine:
the tests generate a month once per session and compare ``pilot kpi``'s ``kpi.json`` with a
golden file, and ``benchmarks/kpi_report.py`` generates a year at 30 runs a day.

Every run goes through the real runtime (``prepare`` → ``conduct`` → ``RunResult.write``) in
replay, with ``--clock`` at its slot of the day, and every review through the real
``review_pack`` with a fixed clock. ``OUT`` holds::

    packs/<YYYY-MM-DD>/L2_MARKET_OUTLOOK_<date>_<id>/   one pack per run, most reviewed
    drift/l2-drift-baseline.baseline.json                 the Day-1 baseline (k = 3)
    drift/l2-drift-baseline_<YYYY-MM-DD>.json             one weekly drift report each

Runs are at 06:00 UTC and then every 18 h / RUNS_PER_DAY. Most replay the bundled sample
(the critic says APPROVE_WITH_CHANGES); on the days of :data:`EVENTS` (day numbers within
each 30-day cycle, from 0) a slot instead runs a critic that approves or rejects (fixtures
recorded here with the fake model), the forbidden-output fixture (BLOCKED by scope), a
registry that maps the critic to the fallback proposer (BLOCKED by SoD) or the sample
against another scenario (FAILED, a replay miss). Reviews take :data:`REVIEW_MINUTES`, with
the exceptions of :data:`LONG_REVIEWS`; the runs of :data:`UNREVIEWED` and of the last two
days are not reviewed; the first slot of day 21 is tampered with after its review (its
critic decision edited), so that it no longer verifies.

Drift: the baseline is taken on day 0 and checked every 7 days. The suite entries are
answered by the fake model directly (until ``pilot batch`` runs suite entries, their runs
are not packs of this folder; each observation's ``pack_id`` names entry, day and sample).
The day-7 check is answered like the CI fixtures' week 2 (``inflation-surprise`` drifted,
``calm`` with a new fingerprint); later checks in fresh wordings of the same model.

Packs are test data: unsigned whatever the environment, and written with ``fsync`` turned
off (durability of a throwaway folder buys nothing, and it is most of the time a pack write
and a review take).
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Final, Literal
from unittest import mock

import anyio
import msgspec

from clients.fake import FakeModelClient
from clients.transcripts import write_transcript
from orchestrator.core.calls import ChatRequest, ChatResponse, Role
from orchestrator.core.canonical import encode_compact, sha256_prefixed
from orchestrator.core.clock import FixedClock
from orchestrator.core.config import ModelEntry, load_config, load_scenario
from orchestrator.core.contract import Decision, OutputItem
from orchestrator.core.errors import UsageError
from orchestrator.core.fileio import READ_ONLY, write_new_file
from orchestrator.core.resources import bundled_fixture, find_config_dir
from orchestrator.core.suites import Suite, load_suite
from orchestrator.drift import Observation, build_baseline, check_drift, report_json, write_baseline
from orchestrator.evidence import names
from orchestrator.review.service import DecisionFlag, ReviewOptions, review_pack
from orchestrator.runtime.fake_fixture import record_fake_transcript
from orchestrator.runtime.plan import proposer_request
from orchestrator.runtime.run import RunOptions, conduct, prepare
from scripts.make_drift_fixtures import (
    BASELINE_SAMPLES,
    DRIFTING,
    NEW_FINGERPRINT,
    SUITE,
    WEEK_2_SAMPLE,
)

__all__ = [
    "EVENTS",
    "START",
    "PlannedRun",
    "make_pilot_month",
    "plan_runs",
]

START: Final = date(2026, 1, 5)
CYCLE: Final = 30
FIRST_RUN: Final = timedelta(hours=6)
SPREAD: Final = timedelta(hours=18)
REVIEW_DELAY: Final = timedelta(minutes=20)

Kind = Literal["sample", "approve", "reject", "scope", "sod", "failed"]

# (day within the cycle, slot) → what that run does instead of replaying the sample.
EVENTS: Final[dict[tuple[int, int], Kind]] = {
    (3, 1): "scope",
    (7, 0): "approve",
    (9, 0): "failed",
    (12, 1): "sod",
    (16, 0): "reject",
    (20, 1): "approve",
}
TAMPERED: Final = (21, 0)
UNREVIEWED: Final = frozenset({(14, 1)})
# Minutes an ordinary review takes, by run number; and the reviews that take 15 or more.
REVIEW_MINUTES: Final = (6, 9, 4, 12, 7, 11, 5, 8, 10, 3)
LONG_REVIEWS: Final = {(5, 0): 17, (18, 1): 24, (23, 0): 15}
REVIEWERS: Final = ("A. Operator", "B. Operator")

# What the operator decides and notes, by run kind; ordinary approvals vary their notes.
REVIEWS: Final[dict[Kind, tuple[DecisionFlag, str]]] = {
    "sample": ("approve", ""),
    "approve": ("approve", "Critic and proposer agree; clear enough for the morning call."),
    "reject": (
        "needs-changes",
        "The critic rejected the outlook: its scenarios ignore the scheduled CPI print.",
    ),
    "scope": (
        "reject",
        "Order parameters in the proposal; blocked by the scope as designed.",
    ),
    "sod": (
        "reject",
        "The registry mapped the critic to the fallback proposer; fixed the same day.",
    ),
    "failed": (
        "needs-changes",
        "The replay fixture does not cover the baseline scenario; re-record it.",
    ),
}
APPROVAL_NOTES: Final = {
    2: "Useful: the no-trade triggers are concrete.",
    4: "The bear case still needs a named catalyst.",
}
# An approval that is not unconditional: the operator asks for changes instead.
NEEDS_CHANGES: Final = {(10, 0): "Probabilities look stale after yesterday's data; rerun."}


@dataclass(frozen=True)
class PlannedRun:
    """One run of the generated folder and what happens to its pack afterwards."""

    day: int
    slot: int
    clock: datetime
    kind: Kind
    review: tuple[DecisionFlag, str, int] | None  # decision, notes, minutes
    tampered: bool

    @property
    def date(self) -> date:
        return self.clock.date()


def plan_runs(start: date = START, days: int = CYCLE, runs_per_day: int = 2) -> list[PlannedRun]:
    """Every run of the folder, in clock order (a pure function of the arguments)."""
    step = SPREAD / runs_per_day
    runs = []
    for day in range(days):
        midnight = datetime(start.year, start.month, start.day, tzinfo=UTC) + timedelta(days=day)
        for slot in range(runs_per_day):
            key = (day % CYCLE, slot)
            kind = EVENTS.get(key, "sample")
            unreviewed = key in UNREVIEWED or day >= days - 2
            review = None if unreviewed else _planned_review(kind, key, day * runs_per_day + slot)
            runs.append(
                PlannedRun(
                    day=day,
                    slot=slot,
                    clock=midnight + FIRST_RUN + step * slot,
                    kind=kind,
                    review=review,
                    tampered=key == TAMPERED and review is not None,
                )
            )
    return runs


def _planned_review(kind: Kind, key: tuple[int, int], number: int) -> tuple[DecisionFlag, str, int]:
    minutes = LONG_REVIEWS.get(key, REVIEW_MINUTES[number % len(REVIEW_MINUTES)])
    decision, notes = REVIEWS[kind]
    if kind == "sample":
        if key in NEEDS_CHANGES:
            return "needs-changes", NEEDS_CHANGES[key], minutes
        notes = APPROVAL_NOTES.get(key[0] % 7, "") if key[1] == 0 else ""
    return decision, notes, minutes


def make_pilot_month(
    out: Path,
    *,
    start: date = START,
    days: int = CYCLE,
    runs_per_day: int = 2,
    config_dir: Path | None = None,
) -> list[PlannedRun]:
    """Generate the folder ``out`` (which must not exist); returns the runs it holds."""
    config_dir = config_dir or find_config_dir()
    out.mkdir(parents=True)
    runs = plan_runs(start, days, runs_per_day)
    with tempfile.TemporaryDirectory(prefix="pilot-month-") as work, _unsigned(), _without_fsync():
        inputs = _Inputs.make(Path(work), config_dir)
        anyio.run(_run_all, runs, inputs, out / "packs")
        _drift_reports(out / "drift", config_dir, start, days)
    return runs


# --- The runs --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Inputs:
    """The fixtures and configs the run kinds replay."""

    config_dir: Path
    sod_config_dir: Path
    fixtures: dict[Kind, Path]

    @classmethod
    def make(cls, work: Path, config_dir: Path) -> _Inputs:
        sample = bundled_fixture()
        fixtures: dict[Kind, Path] = {
            "sample": sample,
            "scope": bundled_fixture("l2_market_outlook_forbidden_output.json"),
            "sod": sample,
            "failed": sample,
        }
        config = load_config(config_dir)
        scenario = load_scenario(config_dir, "market-outlook-daily")
        decisions: dict[Kind, Decision] = {"approve": "APPROVE", "reject": "REJECT"}
        for kind, decision in decisions.items():
            path = work / f"l2_market_outlook_critic_{kind}.json"
            transcript = record_fake_transcript(
                config=config,
                scenario=scenario,
                model=_CriticDecides(decision),
                clock="2026-01-04T12:00:00+00:00",
                transcript_id=f"l2-market-outlook-daily-critic-{kind}",
            )
            write_transcript(path, transcript)
            fixtures[kind] = path
        return cls(
            config_dir=config_dir,
            sod_config_dir=_critic_is_fallback(config_dir, work),
            fixtures=fixtures,
        )

    def options(self, run: PlannedRun, out: Path) -> RunOptions:
        return RunOptions(
            fixture=self.fixtures[run.kind],
            # A replay miss: the sample answers market-outlook-daily, not the baseline.
            scenario="market-outlook-baseline" if run.kind == "failed" else "market-outlook-daily",
            out=out,
            clock=run.clock.isoformat(),
            config_dir=self.sod_config_dir if run.kind == "sod" else self.config_dir,
        )


class _CriticDecides(FakeModelClient):
    """The fake model, with a critic that decides ``decision``."""

    def __init__(self, decision: Decision) -> None:
        super().__init__()
        self.decision = decision

    def answer(self, request: ChatRequest, *, role: Role) -> ChatResponse:
        response = super().answer(request, role=role)
        if role != "critic":
            return response
        body = msgspec.json.decode(response.content)
        body["decision"] = self.decision
        if self.decision == "APPROVE":
            body["rationale"] = "Scenarios, triggers and risks are consistent and sourced."
            body["suggested_changes"] = []
        else:
            body["rationale"] = "The scenarios ignore the scheduled CPI print; not usable."
        content = encode_compact(body).decode("utf-8")
        return msgspec.structs.replace(response, content=content)


def _critic_is_fallback(config_dir: Path, work: Path) -> Path:
    """A copy of the config whose registry maps the L2 critic to the fallback proposer."""
    target = work / "config-sod"
    shutil.copytree(config_dir, target)
    registry = target / "model_registry.toml"
    text = registry.read_text(encoding="utf-8")
    edited = text.replace('critic = "deepseek-r1"', 'critic = "gpt-5.2"', 1)
    if edited == text:
        raise SystemExit(f"{registry}: no L2 critic line to edit for the SoD run")
    registry.write_text(edited, encoding="utf-8")
    return target


async def _run_all(runs: list[PlannedRun], inputs: _Inputs, packs: Path) -> None:
    for run in runs:
        folder = packs / run.date.isoformat()
        folder.mkdir(parents=True, exist_ok=True)
        prepared = prepare(inputs.options(run, folder / "next"))
        # The name `pilot run` gives a pack by default, inside the day's folder.
        plan = prepared.plan
        pack = folder / f"{plan.layer_id}_MARKET_OUTLOOK_{plan.date}_{plan.short_id}"
        result = await conduct(dataclasses.replace(prepared, out_dir=pack))
        result.write()
        if run.review is not None:
            _review(pack, run, *run.review)
        if run.tampered:
            _tamper(pack)


class _Unattended:
    """The console of a scripted review: nobody to ask (the decision is given)."""

    interactive = False

    def say(self, text: str) -> None:
        pass

    def ask(self, question: str) -> str:
        raise EOFError


def _review(pack: Path, run: PlannedRun, decision: DecisionFlag, notes: str, minutes: int) -> None:
    started = run.clock + REVIEW_DELAY
    review_pack(
        ReviewOptions(
            pack=pack,
            decision=decision,
            notes=notes,
            reviewer=REVIEWERS[run.slot % len(REVIEWERS)],
            started_at=started.isoformat(),
        ),
        clock=FixedClock(started + timedelta(minutes=minutes)),
        console=_Unattended(),
    )


def _tamper(pack: Path) -> None:
    """Edit the critic's decision after the review: the pack no longer verifies."""
    path = pack / names.CRITIC_OUTPUT
    text = path.read_text(encoding="utf-8")
    edited = text.replace('"decision": "APPROVE_WITH_CHANGES"', '"decision": "APPROVE"', 1)
    if edited == text:
        raise SystemExit(f"{path}: no decision to tamper with")
    path.chmod(0o644)
    path.write_text(edited, encoding="utf-8")
    path.chmod(READ_ONLY)


@contextlib.contextmanager
def _unsigned() -> Iterator[None]:
    """No signing key, whatever the environment: the folder is the same bytes everywhere."""
    with mock.patch.dict(os.environ):
        os.environ.pop("PILOT_SIGNING_KEY", None)
        yield


@contextlib.contextmanager
def _without_fsync() -> Iterator[None]:
    with mock.patch.object(os, "fsync", return_value=None):
        yield


# --- Drift -----------------------------------------------------------------------------


def _drift_reports(out: Path, config_dir: Path, start: date, days: int) -> None:
    """The Day-1 baseline and a report for every 7th day after it."""
    suite = load_suite(config_dir, SUITE)
    proposer = load_config(config_dir).registry.layer_models(suite.layer)[0]
    out.mkdir()
    baseline_day = datetime(start.year, start.month, start.day, tzinfo=UTC) + FIRST_RUN
    baseline = build_baseline(
        suite_id=suite.id,
        suite_sha256=suite.sha256,
        created_at=baseline_day.isoformat(),
        samples={
            entry.id: [
                _observe(suite, entry.id, proposer, FakeModelClient(sample=n), baseline_day)
                for n in range(BASELINE_SAMPLES)
            ]
            for entry in suite.entries
        },
    )
    write_baseline(out / f"{suite.id}.baseline.json", baseline)
    for week in range(1, (days - 1) // 7 + 1):
        at = baseline_day + timedelta(days=7 * week)
        observations = {
            entry.id: _observe(suite, entry.id, proposer, _weekly_model(entry.id, week), at)
            for entry in suite.entries
        }
        report = check_drift(
            baseline, observations, suite_sha256=suite.sha256, checked_at=at.isoformat()
        )
        path = out / f"{suite.id}_{at.date().isoformat()}.json"
        write_new_file(path, report_json(report), what="drift report", error=UsageError)


def _weekly_model(entry_id: str, week: int) -> FakeModelClient:
    if week == 1:
        # As the CI fixtures' week 2: one entry drifts, another reports a new fingerprint.
        return FakeModelClient(
            "drifted" if entry_id == DRIFTING else "normal",
            sample=WEEK_2_SAMPLE,
            system_fingerprint=NEW_FINGERPRINT.get(entry_id, "fake-fp-1"),
        )
    return FakeModelClient(sample=WEEK_2_SAMPLE + week - 1)


def _observe(
    suite: Suite, entry_id: str, proposer: ModelEntry, model: FakeModelClient, at: datetime
) -> Observation:
    request, digest = proposer_request(suite.entry(entry_id).scenario, proposer)
    answer = model.answer(request, role="proposer")
    raw = msgspec.json.decode(answer.content)["outputs"]
    pack_id = f"drift-{at.date().isoformat()}-{entry_id}-sample-{model.sample}"
    return Observation(
        entry_id=entry_id,
        pack_id=pack_id,
        pack_sha256=sha256_prefixed(pack_id.encode("utf-8")),
        prompt_hash=digest,
        output_hash=sha256_prefixed(answer.content.encode("utf-8")),
        model_id=proposer.model_id,
        returned_model=answer.meta.model,
        system_fingerprint=answer.meta.system_fingerprint,
        format="typed",
        raw_content=answer.content,
        outputs=msgspec.convert(raw, tuple[OutputItem, ...]),
    )


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 1
    out = Path(argv[0])
    days = int(argv[1]) if len(argv) > 1 else CYCLE
    runs_per_day = int(argv[2]) if len(argv) > 2 else 2
    if out.exists():
        print(f"{out} already exists; choose a new folder", file=sys.stderr)
        return 1
    runs = make_pilot_month(out, days=days, runs_per_day=runs_per_day)
    print(f"{len(runs)} runs over {days} days in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
