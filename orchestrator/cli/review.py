"""``pilot review``: the operator's report and decision on one evidence pack."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from cyclopts import Group, Parameter

from orchestrator.cli.options import Requires
from orchestrator.cli.output import emit
from orchestrator.cli.summary import review_lines
from orchestrator.cli.verify import read_public_key
from orchestrator.core.clock import SystemClock
from orchestrator.review.console import TerminalConsole
from orchestrator.review.service import DecisionFlag, ReviewOptions, review_pack, write_report

__all__ = ["review"]

_DECISION_FLAGS = ("--decision", "--notes", "--reviewer", "--started-at")
_flags = Group(
    "Review",
    validator=(
        Requires(["--report-only"], need=["--html"], forbid=_DECISION_FLAGS),
        Requires(["--html"], need=["--report-only"]),
        Requires(["--started-at"], need=["--decision"]),
    ),
)


def review(
    pack: Path,
    /,
    *,
    decision: Annotated[DecisionFlag | None, Parameter(group=_flags)] = None,
    notes: Annotated[str | None, Parameter(group=_flags)] = None,
    reviewer: Annotated[str | None, Parameter(group=_flags)] = None,
    started_at: Annotated[str | None, Parameter(group=_flags)] = None,
    report_only: Annotated[bool, Parameter(group=_flags, negative="")] = False,
    html: Annotated[Path | None, Parameter(group=_flags)] = None,
    signing_key: Path | None = None,
    public_key: Path | None = None,
) -> int:
    """Review an evidence pack: an HTML report, then the operator's decision as an addendum.

    On a terminal it writes the report, prints its path and asks for the decision; the
    addendum (operator_review.html, operator_review.json, operator_review.sig when a key is
    configured) is the only thing ever added to a pack, and a pack is reviewed once.
    Approving needs a pack that verifies and a run that completed.

    Parameters
    ----------
    pack
        The evidence pack directory.
    decision
        approve, needs-changes or reject; required without a terminal.
    notes
        What needs to change or why it is rejected (required unless approve).
    reviewer
        Who decides; recorded in the addendum.
    started_at
        ISO-8601 time the operator opened the pack, with --decision (default: now).
    report_only
        Only write the report, to --html FILE outside the pack; no decision is recorded.
    html
        Where --report-only writes the report (a new file).
    signing_key
        Ed25519 PEM private key that signs operator_review.json (default: $PILOT_SIGNING_KEY).
    public_key
        Ed25519 PEM public key the pack must be signed with (as for pilot verify).
    """
    key = read_public_key(public_key)
    if report_only:
        assert html is not None  # the group validator requires it
        result = write_report(pack, html, public_key=key)
    else:
        result = review_pack(
            ReviewOptions(
                pack=pack,
                decision=decision,
                notes=notes,
                reviewer=reviewer,
                started_at=started_at,
                signing_key=signing_key,
                public_key=key,
            ),
            clock=SystemClock(),
            console=TerminalConsole(),
        )
    emit(review_lines(result))
    return 0
