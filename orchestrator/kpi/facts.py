"""What the KPIs read of one evidence pack: :class:`PackFacts`, taken once per pack.

A pack is first verified with ``pilot verify``'s own
:func:`~orchestrator.evidence.verify.verify_pack` (every file, the event chain, the
rebuild, the review addendum); then its index, the proposer and critic artifacts and the
review addendum are decoded with the evidence schema's Structs. Only what the KPIs need is
kept, so a folder of any size is read one pack at a time.

A pack that does not verify is still read as far as it can be (its index names its id and
day), and is marked ``verified=False`` with the findings that say why: the KPIs count it
against every figure it cannot prove (:mod:`orchestrator.kpi.tally`).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Final, TypeVar

import msgspec
from msgspec import UNSET

from orchestrator.core.contract import Decision
from orchestrator.evidence import names
from orchestrator.evidence.records import Status
from orchestrator.evidence.schema import (
    CallRecord,
    CriticOutput,
    PackIndex,
    ProposerOutput,
    ReviewAddendum,
    ReviewDecision,
)
from orchestrator.evidence.verify import verify_pack

__all__ = ["PackFacts", "ReviewFacts", "pack_day", "read_pack_facts"]

T = TypeVar("T")


class ReviewFacts(msgspec.Struct, frozen=True, kw_only=True):
    """The operator's review of a pack (``operator_review.json``)."""

    decision: ReviewDecision
    seconds: int
    notes: str
    reviewer: str


class PackFacts(msgspec.Struct, frozen=True, kw_only=True):
    """One run, as the KPIs see it.

    ``path`` is relative to the folder the report covers (POSIX separators). ``pack_id`` is
    the index's ``evidence_pack_id``, or ``path`` when the index cannot be read. ``day`` is
    the UTC date of the pack's clock (:func:`pack_day`), ``None`` when there is no readable
    index to take it from. ``findings`` are ``verify``'s, one "file: problem" each.
    ``cost_usd`` sums the recorded cost of the proposer's and the critic's call.
    """

    path: str
    pack_id: str
    day: str | None
    verified: bool
    findings: tuple[str, ...] = ()
    status: Status | None = None
    missing: tuple[str, ...] = ()
    sod_result: str | None = None
    sod_reason: str = ""
    scope_result: str | None = None
    violations: tuple[str, ...] = ()
    critic_decision: Decision | None = None
    cost_usd: float = 0.0
    review: ReviewFacts | None = None


_index_decoder: Final = msgspec.json.Decoder(PackIndex)
_proposer_decoder: Final = msgspec.json.Decoder(ProposerOutput)
_critic_decoder: Final = msgspec.json.Decoder(CriticOutput)
_review_decoder: Final = msgspec.json.Decoder(ReviewAddendum)


def pack_day(index: PackIndex) -> str:
    """The day a run counts on: the UTC date of its pack's clock.

    ``creation_timestamp`` is the run's start instant (``--clock`` in replay, the system
    clock live), the same value as ``clock`` in ``run_manifest.json``; a run started at
    23:59 UTC counts on that day, however long it ran.
    """
    instant = datetime.fromisoformat(index.creation_timestamp)
    if instant.tzinfo is None:
        raise ValueError(f"creation_timestamp {index.creation_timestamp!r} has no time zone")
    return instant.astimezone(UTC).date().isoformat()


def read_pack_facts(pack: Path, *, relative: str) -> PackFacts:
    """Verify the pack in the folder ``pack`` and read what the KPIs need of it."""
    report = verify_pack(pack)
    findings = tuple(f"{f.file}: {f.problem}" for f in report.findings)
    index = _decoded(pack / names.INDEX, _index_decoder)
    if index is None:
        return PackFacts(
            path=relative, pack_id=relative, day=None, verified=False, findings=findings
        )
    try:
        day: str | None = pack_day(index)
    except ValueError as exc:
        day = None
        findings += (f"{names.INDEX}: {exc}",)
    facts = PackFacts(
        path=relative,
        pack_id=index.evidence_pack_id,
        day=day,
        verified=report.ok and day is not None,
        findings=findings,
        status=index.status,
        missing=tuple(f"{m.artifact} ({m.reason})" for m in index.missing_artifacts),
        sod_result=index.sod_check.result,
        sod_reason=index.sod_check.reason,
        scope_result=index.capability_scope_check.result,
        violations=tuple(v.rule for v in index.capability_scope_check.violations),
    )
    if not facts.verified:
        # Nothing else of an unverified pack is evidence of anything.
        return facts
    proposer = _decoded(pack / names.PROPOSER_OUTPUT, _proposer_decoder)
    critic = _decoded(pack / names.CRITIC_OUTPUT, _critic_decoder)
    review = _decoded(pack / names.REVIEW_JSON, _review_decoder)
    return msgspec.structs.replace(
        facts,
        critic_decision=_decision(critic),
        cost_usd=_cost(proposer) + _cost(critic),
        review=None
        if review is None
        else ReviewFacts(
            decision=review.decision,
            seconds=review.duration_seconds,
            notes=review.notes,
            reviewer=review.reviewer,
        ),
    )


def _decoded(path: Path, decoder: msgspec.json.Decoder[T]) -> T | None:
    """The file decoded, or None when it is absent or unreadable (verify has said why)."""
    try:
        return decoder.decode(path.read_bytes())
    except (OSError, msgspec.DecodeError):
        return None


def _decision(critic: CriticOutput | None) -> Decision | None:
    if critic is None or critic.decision is UNSET:
        return None
    return critic.decision


def _cost(artifact: ProposerOutput | CriticOutput | None) -> float:
    if artifact is None or not isinstance(artifact.call, CallRecord):
        return 0.0
    return artifact.call.cost_usd
