"""The drift report's schema: one Struct tree, written as JSON and rendered as Markdown and HTML.

``kind`` ``pilot-drift-report``, ``version`` ``1``. Per suite entry a :class:`ScenarioDrift`
with its figures, why it is flagged (:class:`Flag`), what changed in its structure
(:class:`StructureChange`), which returned model or ``system_fingerprint`` changed
(:class:`ModelChange`, reported whether flagged or not), and the token diff against the
nearest baseline sample (:class:`DiffSegment`).
"""

from __future__ import annotations

from typing import Literal

import msgspec

__all__ = [
    "DiffSegment",
    "DriftReport",
    "Flag",
    "FlagCode",
    "ModelChange",
    "ScenarioDrift",
    "StructureChange",
]

FlagCode = Literal["token_distance", "structure", "prompt_changed", "no_run"]
Status = Literal["ok", "flagged", "not_in_baseline"]


class Flag(msgspec.Struct, frozen=True, kw_only=True):
    """Why a scenario needs review: a code and one sentence."""

    code: FlagCode
    detail: str


class StructureChange(msgspec.Struct, frozen=True, kw_only=True):
    """A structural field whose new value matches none of the baseline samples' values.

    ``baseline`` lists the distinct values the samples had; for a set (the no-trade
    triggers) ``added`` and ``removed`` are relative to the closest baseline sample.
    """

    field: str
    baseline: tuple[str, ...]
    current: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()


class ModelChange(msgspec.Struct, frozen=True, kw_only=True):
    """The returned model name or ``system_fingerprint`` differs from every baseline sample's."""

    field: Literal["returned_model", "system_fingerprint"]
    baseline: tuple[str, ...]
    current: str


class DiffSegment(msgspec.Struct, frozen=True, kw_only=True):
    """A run of tokens: equal on both sides, or replaced, deleted or inserted."""

    op: Literal["equal", "replace", "delete", "insert"]
    baseline: str
    current: str


class ScenarioDrift(msgspec.Struct, frozen=True, kw_only=True):
    """One suite entry's comparison; figures are ``None`` when there was nothing to compare."""

    entry_id: str
    status: Status
    flags: tuple[Flag, ...]
    model_changes: tuple[ModelChange, ...]
    structure_changes: tuple[StructureChange, ...]
    distance: float | None
    noise_floor: float | None
    excess: float | None
    nearest_sample: int | None
    baseline_samples: int
    pack_id: str | None
    pack_sha256: str | None
    output_hash: str | None
    diff: tuple[DiffSegment, ...]


class DriftReport(msgspec.Struct, frozen=True, kw_only=True):
    kind: Literal["pilot-drift-report"]
    version: Literal["1"]
    suite_id: str
    baseline_digest: str
    baseline_created_at: str
    baseline_suite_sha256: str
    suite_sha256: str
    checked_at: str
    tokenizer: str
    threshold: float
    probability_tolerance: float
    flagged: bool
    flagged_count: int
    model_change_count: int
    scenarios: tuple[ScenarioDrift, ...]
