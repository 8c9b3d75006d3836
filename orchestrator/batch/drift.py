"""The drift commands on top of a batch: what its packs say, the baseline, the check.

``pilot drift baseline`` runs a suite k times per entry and keeps the observations of the
k packs of every entry as the baseline (:func:`take_baseline`); ``pilot drift check`` runs
it once per entry and compares (:func:`compare_with_baseline`). Either reads a run's
observation only from its pack on disk, after the pack verified, so a pack written by this
batch and one resumed from an earlier attempt are read the same way.

The time a baseline or a report carries (:func:`batch_instant`) is ``--clock`` when given;
in replay and dry mode the latest start time of the batch's runs (each replayed run starts
at its fixture's recorded time, so the figure is the same on every machine); else now.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Final

from orchestrator.batch.runner import BatchResult
from orchestrator.core.clock import Clock, SystemClock, parse_instant
from orchestrator.core.errors import IntegrityError, UsageError
from orchestrator.drift.baseline import Baseline, build_baseline, load_baseline
from orchestrator.drift.compare import DriftSettings, check_drift
from orchestrator.drift.observation import Observation, read_observation
from orchestrator.drift.render import report_html, report_json, report_markdown
from orchestrator.drift.report import DriftReport
from orchestrator.evidence.verify import verify_pack

__all__ = [
    "REPORT_NAMES",
    "Observed",
    "batch_instant",
    "check_new_baseline_path",
    "compare_with_baseline",
    "load_suite_baseline",
    "observe",
    "report_files",
    "take_baseline",
]

REPORT_NAMES: Final = ("drift_report.json", "drift_report.md", "drift_report.html")


@dataclass(frozen=True)
class Observed:
    """Per entry the observations of its COMPLETE runs, in sample order, and for each entry
    with a run that did not complete why (the first such run)."""

    samples: dict[str, list[Observation]] = field(default_factory=dict)
    unavailable: dict[str, str] = field(default_factory=dict)


def observe(result: BatchResult) -> Observed:
    """Verify every COMPLETE pack of the batch and read its observation."""
    observed = Observed()
    for run in result.runs:
        if run.status != "COMPLETE" or run.pack is None:
            reasons = "; ".join(run.reasons) or "no reason recorded"
            observed.unavailable.setdefault(
                run.entry_id, f"sample {run.sample} ended {run.status}: {reasons}"
            )
            continue
        pack = result.out / run.pack
        report = verify_pack(pack)
        if not report.ok:
            problems = "; ".join(f"{f.file}: {f.problem}" for f in report.findings)
            raise IntegrityError(f"pack {pack} does not verify: {problems}")
        observation = read_observation(pack, entry_id=run.entry_id)
        observed.samples.setdefault(run.entry_id, []).append(observation)
    return observed


def batch_instant(result: BatchResult, clock: Clock | None = None) -> str:
    """When the batch happened, as a baseline or a report records it (see the docstring)."""
    options = result.batch.options.run
    if options.clock is not None:
        return parse_instant(options.clock, source="--clock").isoformat()
    started = [datetime.fromisoformat(r.created_at) for r in result.runs if r.created_at]
    if options.mode in ("replay", "dry") and started:
        return max(started).isoformat()
    return (clock or SystemClock()).now().isoformat()


def take_baseline(result: BatchResult, observed: Observed, *, created_at: str) -> Baseline:
    """The baseline of a batch in which every run completed (one entry per suite entry)."""
    if observed.unavailable:
        raise UsageError(
            "a baseline needs a complete run of every sample; missing: "
            + "; ".join(f"{entry}: {why}" for entry, why in observed.unavailable.items())
        )
    suite = result.batch.suite
    return build_baseline(
        suite_id=suite.id,
        suite_sha256=suite.sha256,
        created_at=created_at,
        samples={entry.id: observed.samples[entry.id] for entry in suite.entries},
    )


def compare_with_baseline(
    result: BatchResult,
    observed: Observed,
    baseline: Baseline,
    *,
    checked_at: str,
    settings: DriftSettings | None = None,
) -> DriftReport:
    """The drift report of a one-sample batch: entries without a complete run are flagged
    ``no_run`` with the reason their run did not complete."""
    return check_drift(
        baseline,
        {entry: samples[0] for entry, samples in observed.samples.items()},
        suite_sha256=result.batch.suite.sha256,
        checked_at=checked_at,
        settings=settings,
        unavailable=observed.unavailable,
    )


def report_files(report: DriftReport) -> dict[str, bytes]:
    """The report's three forms by file name."""
    json_name, markdown_name, html_name = REPORT_NAMES
    return {
        json_name: report_json(report),
        markdown_name: report_markdown(report).encode("utf-8"),
        html_name: report_html(report).encode("utf-8"),
    }


def check_new_baseline_path(path: Path) -> None:
    """Fail before any run when the baseline could not be written to ``path`` afterwards."""
    if path.exists() or path.is_symlink():
        raise UsageError(f"--baseline {path} already exists; a baseline is never overwritten")
    if not path.parent.is_dir():
        raise UsageError(f"--baseline {path}: the folder {path.parent} does not exist")


def load_suite_baseline(path: Path, suite_id: str) -> Baseline:
    """The verified baseline in ``path``, which must be one of suite ``suite_id``."""
    baseline = load_baseline(path)
    if baseline.suite_id != suite_id:
        raise UsageError(
            f"--baseline {path} is a baseline of suite {baseline.suite_id!r}, not {suite_id!r}"
        )
    return baseline
