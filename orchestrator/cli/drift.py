"""``pilot drift baseline`` and ``pilot drift check``: a suite's Day-1 baseline, and the
weekly comparison with it, both on top of a batch."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from cyclopts import App, Parameter, validators

from orchestrator.batch.drift import (
    batch_instant,
    check_new_baseline_path,
    compare_with_baseline,
    load_suite_baseline,
    observe,
    report_files,
    take_baseline,
)
from orchestrator.batch.runner import prepare_batch
from orchestrator.cli.batch import BatchFlags, Samples, make_batch
from orchestrator.cli.output import emit
from orchestrator.cli.summary import baseline_lines, batch_lines, drift_lines
from orchestrator.core import interrupts
from orchestrator.core.errors import DriftDetected
from orchestrator.drift.baseline import write_baseline
from orchestrator.drift.compare import DriftSettings

__all__ = ["baseline", "check", "drift_app"]

drift_app = App(
    name="drift", help="A suite's Day-1 baseline, and the weekly check against it (SPEC §9)."
)

Fraction = Annotated[float, Parameter(validator=validators.Number(gte=0, lte=1))]
_DEFAULTS = DriftSettings()


@drift_app.command
def baseline(suite: str, /, *, baseline: Path, samples: Samples = 3, flags: BatchFlags) -> int:
    """Record the baseline: every entry of the suite run --samples times as a batch.

    Writes the baseline file (a new file, never overwritten) when every run completed;
    otherwise exits with the batch's code (2 blocked, 3 failed) and writes none. The packs
    and the batch summary are in --out; --resume completes an interrupted baseline.

    Parameters
    ----------
    suite
        Suite id from config/suites.
    baseline
        The baseline file to create (JSON; e.g. drift/l2-drift-baseline.baseline.json).
    samples
        Runs per entry; their spread is the noise floor (sample n replays
        ENTRY.sample-N.json).
    """
    check_new_baseline_path(baseline)
    result = make_batch(prepare_batch(flags.options(suite, samples=samples)))
    observed = None if result.interrupted else observe(result)
    lines: list[str] = []
    if observed is not None and not observed.unavailable:
        taken = take_baseline(result, observed, created_at=batch_instant(result))
        with interrupts.deferred():
            write_baseline(baseline, taken)
        lines = baseline_lines(taken, baseline)
    elif observed is not None:
        lines = [
            f"no baseline written: {entry}: {why}" for entry, why in observed.unavailable.items()
        ]
    written = result.write_summary()
    interrupts.ignore()
    emit(batch_lines(result, written) + lines)
    return result.exit_code


@drift_app.command
def check(
    suite: str,
    /,
    *,
    baseline: Path,
    threshold: Fraction = _DEFAULTS.threshold,
    probability_tolerance: Fraction = _DEFAULTS.probability_tolerance,
    flags: BatchFlags,
) -> int:
    """Re-run the suite once per entry and compare each entry with its baseline.

    Writes drift_report.json, drift_report.md and drift_report.html beside the packs and the
    batch summary in --out (a later attempt on the same folder numbers its files:
    drift_report.2.json, ...). Exit 4 when a scenario is flagged (a run that did not
    complete is flagged too), 0 otherwise; 130 when interrupted (no report; --resume
    completes the check).

    Parameters
    ----------
    suite
        Suite id from config/suites.
    baseline
        The baseline file written by pilot drift baseline.
    threshold
        Flag when the token distance exceeds the noise floor by more than this (0.10:
        a tenth of the tokens).
    probability_tolerance
        How far a scenario probability may move before the structure counts as changed.
    """
    settings = DriftSettings(threshold=threshold, probability_tolerance=probability_tolerance)
    loaded = load_suite_baseline(baseline, suite)
    result = make_batch(prepare_batch(flags.options(suite)))
    if result.interrupted:
        written = result.write_summary()
        interrupts.ignore()
        emit(batch_lines(result, written))
        return result.exit_code
    report = compare_with_baseline(
        result,
        observe(result),
        loaded,
        checked_at=batch_instant(result),
        settings=settings,
    )
    summary, reports = _split(result.write_summary(report_files(report)))
    interrupts.ignore()
    emit(batch_lines(result, summary) + drift_lines(report, reports))
    return DriftDetected.exit_code if report.flagged else 0


def _split(written: list[Path]) -> tuple[list[Path], list[Path]]:
    """The batch summary's files (written first) and the report's."""
    return written[:2], written[2:]
