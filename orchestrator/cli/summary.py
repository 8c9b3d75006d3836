"""Every human summary the commands print: one renderer, plain lines on stdout."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from orchestrator.evidence.schema import REVIEW_TARGET_SECONDS, VerificationRecord

# For annotations only: rendering one command's result must not load the others' layers.
if TYPE_CHECKING:
    from clients.live.budget import BudgetSummary
    from orchestrator.evidence.verify import FolderReport
    from orchestrator.review.service import ReviewResult
    from orchestrator.runtime.run import RunResult
    from policies.findings import ScopeReport

__all__ = ["budget_lines", "policy_lines", "review_lines", "run_lines", "verify_lines"]


def run_lines(result: RunResult, *, interrupted: str | None = None) -> list[str]:
    """``pilot run``: status, pack, governance results; in dry mode the pre-flight; reasons."""
    lines = [
        f"status: {result.outcome.status}",
        f"pack: {result.pack}",
        f"sod: {result.sod_result}",
        f"scope: {result.scope_result}",
        f"critic: {result.critic_decision or 'none'}",
    ]
    if result.preflight is not None:
        pre = result.preflight
        lines += [
            f"prompt hash: {pre.proposer_prompt_hash}",
            (
                f"worst case: {pre.worst_case_total_usd:.6f} USD "
                f"(per-run limit {pre.per_run_limit_usd:.2f} USD)"
            ),
            f"fixture coverage: proposer {pre.proposer_coverage}, critic {pre.critic_coverage}",
        ]
    lines += [f"reason: {reason}" for reason in result.outcome.reasons]
    if interrupted is not None:
        lines.append(f"note: {interrupted} arrived while the pack was written; it is complete")
    return lines


def verify_lines(folder: FolderReport) -> list[str]:
    """``pilot verify``: a line per pack, its findings and warnings, leftovers, the count."""
    lines: list[str] = []
    reports = folder.packs
    for report in reports:
        signature = f"signed, key id {report.key_id}" if report.signed else "unsigned"
        if report.signature_verified:
            signature += ", signature verified"
        elif report.signed and report.ok:
            signature += ", signature not checked without --public-key"
        review = f", review {report.review}" if report.review else ""
        lines.append(f"{'OK' if report.ok else 'FAIL'} {report.path} ({signature}{review})")
        lines += [f"  {finding.problem}" for finding in report.findings]
        lines += [f"  warning: {warning}" for warning in report.warnings]
    lines += [
        f"leftover: {name} (a temporary folder of an interrupted write; safe to delete)"
        for name in folder.leftovers
    ]
    failed = sum(not report.ok for report in reports)
    lines.append(f"packs: {len(reports)}, ok: {len(reports) - failed}, failed: {failed}")
    return lines


def review_lines(result: ReviewResult) -> list[str]:
    """``pilot review``: verification, decision, duration, addendum and report paths."""
    lines = [f"verification: {_verification(result.verification)}"]
    if result.addendum is None:
        return [*lines, f"report: {result.report}"]
    seconds = result.addendum.duration_seconds
    over = " (over the 15-minute target)" if seconds >= REVIEW_TARGET_SECONDS else ""
    lines += [
        f"decision: {result.addendum.decision}",
        f"duration: {seconds / 60:.1f} min{over}",
        f"addendum: {result.addendum_path}",
        f"report: {result.report}",
    ]
    if result.signature_path is not None:
        lines.append(f"signature: {result.signature_path}")
    return lines


def _verification(verification: VerificationRecord) -> str:
    signed = f"signed, key {verification.key_id}" if verification.signed else "unsigned"
    if verification.ok:
        return f"OK ({signed})"
    files = ", ".join(sorted({f.file for f in verification.findings})) or "the pack"
    return f"FAILED ({signed}): {files}"


def policy_lines(file: Path, report: ScopeReport) -> list[str]:
    """``pilot policy check``: the result, each violation with rule and place, the notes."""
    lines = [
        f"{file}: {report.result} ({report.format}, scope {report.scope_id} v{report.scope_version})"
    ]
    lines += [f"  {v.rule} at {v.location}: {v.detail}" for v in report.violations]
    lines += [f"  note: {note}" for note in report.notes]
    return lines


def budget_lines(summary: BudgetSummary) -> list[str]:
    """``pilot budget``: today, this month, what is left, and what is not settled yet."""
    lines = [f"ledger: {summary.ledger}"]
    for name, period in (("today", summary.today), ("this month", summary.month)):
        lines.append(
            f"{name} ({period.period_id}): spent {period.settled_usd:.4f} USD, reserved "
            f"{period.reserved_usd:.4f}, left {period.left_usd:.4f} of {period.limit_usd:.2f} USD"
        )
    lines.append(
        f"per-run limit: {summary.per_run_limit_usd:.2f} USD; alert at "
        f"{summary.alert_threshold_pct:g} % of a day's or month's limit"
    )
    lines.append(f"unsettled reservations: {len(summary.unsettled)}")
    lines += [
        f"  {r.reservation_id} run {r.run_id} {r.model_id}: {r.amount_usd:.4f} USD since "
        f"{r.created_at}{' (expired: its process died; still charged)' if r.expired else ''}"
        for r in summary.unsettled
    ]
    return lines
