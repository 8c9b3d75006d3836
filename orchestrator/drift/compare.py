"""The drift check: each suite entry's new run against its baseline samples.

For an entry with k baseline samples and one new run:

- **distance**: the normalised token distance (:mod:`orchestrator.drift.tokens`) from the
  new run to its *nearest* baseline sample, the smallest of the k distances;
- **noise floor**: the largest distance between two of the k samples (0 when k = 1), the
  spread of the model's own answers to the same prompt on Day 1;
- **excess** = distance - noise floor.

**"More than 10 % over the noise floor"** means ``excess > threshold`` with threshold 0.10:
beyond what the baseline samples differ among themselves, more than a tenth of the longer
token sequence would have to be edited. The margin is additive, in the distance's own unit,
because a relative margin (floor * 1.1) vanishes when the floor is 0 (a deterministic model
at temperature 0), where it would flag a single changed token. The figures are compared
after rounding to 12 decimals, so that 0.15 - 0.05 counts as exactly 0.10.

An entry is **flagged** when any of these holds:

- ``token_distance``: the excess is above the threshold;
- ``structure``: a structural field (:mod:`orchestrator.drift.outlook`) has a value that
  none of the baseline samples had: format, regime, scenario count, uncertainty level,
  the set of no-trade triggers, or the scenario probabilities (the same scenario ids,
  each probability within ``probability_tolerance``, 0.05 by default, of a sample's);
- ``prompt_changed``: the new run answered another proposer prompt than the baseline did
  (the suite, the scenario or the model was edited: this is not model drift, and the
  figures compare different questions);
- ``no_run``: the entry has no complete run to compare.

A returned model name or ``system_fingerprint`` that none of the samples reported is a
:class:`~orchestrator.drift.report.ModelChange`, listed whether the entry is flagged or not.
Entries run but absent from the baseline are listed as ``not_in_baseline``, unflagged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Final

import msgspec

from orchestrator.core.errors import UsageError
from orchestrator.drift.baseline import Baseline, BaselineEntry
from orchestrator.drift.observation import Observation
from orchestrator.drift.outlook import (
    OutlookStructure,
    ScenarioShare,
    comparable_text,
    outlook_structure,
)
from orchestrator.drift.report import (
    DiffSegment,
    DriftReport,
    Flag,
    ModelChange,
    ScenarioDrift,
    StructureChange,
)
from orchestrator.drift.tokens import display_tokens, token_distance, token_opcodes, tokenize

__all__ = ["DriftSettings", "check_drift", "compare_entry", "compare_structure"]

_DECIMALS: Final = 12


class DriftSettings(msgspec.Struct, frozen=True, kw_only=True):
    """``threshold``: allowed excess over the noise floor (0.10 = 10 % of tokens);
    ``probability_tolerance``: how far a scenario probability may move (absolute)."""

    threshold: float = 0.10
    probability_tolerance: float = 0.05

    def __post_init__(self) -> None:
        for name in ("threshold", "probability_tolerance"):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise UsageError(f"drift {name} must be between 0 and 1, not {value}")


def check_drift(
    baseline: Baseline,
    observations: Mapping[str, Observation],
    *,
    suite_sha256: str,
    checked_at: str,
    settings: DriftSettings | None = None,
    unavailable: Mapping[str, str] | None = None,
) -> DriftReport:
    """Compare every baseline entry with its new run.

    ``observations`` maps entry id to the new run's observation; ``unavailable`` maps an
    entry without one to the reason (e.g. "run BLOCKED"), shown in its ``no_run`` flag.
    """
    settings = settings or DriftSettings()
    unavailable = unavailable or {}
    for key, observation in observations.items():
        if observation.entry_id != key:
            raise UsageError(
                f"drift check: the observation given for {key!r} is of {observation.entry_id!r}"
            )
    scenarios = [
        compare_entry(entry, observations[entry.entry_id], settings)
        if entry.entry_id in observations
        else _no_run(entry, unavailable.get(entry.entry_id, "no run was given"))
        for entry in baseline.entries
    ]
    known = {entry.entry_id for entry in baseline.entries}
    scenarios += [_not_in_baseline(o) for key, o in observations.items() if key not in known]
    flagged = sum(1 for s in scenarios if s.status == "flagged")
    return DriftReport(
        kind="pilot-drift-report",
        version="1",
        suite_id=baseline.suite_id,
        baseline_digest=baseline.digest,
        baseline_created_at=baseline.created_at,
        baseline_suite_sha256=baseline.suite_sha256,
        suite_sha256=suite_sha256,
        checked_at=checked_at,
        tokenizer=baseline.tokenizer,
        threshold=settings.threshold,
        probability_tolerance=settings.probability_tolerance,
        flagged=flagged > 0,
        flagged_count=flagged,
        model_change_count=sum(1 for s in scenarios if s.model_changes),
        scenarios=tuple(scenarios),
    )


def compare_entry(
    entry: BaselineEntry, observation: Observation, settings: DriftSettings
) -> ScenarioDrift:
    """One entry's comparison (see the module docstring for the rules)."""
    shown = display_tokens(comparable_text(observation))
    current = [token.casefold() for token in shown]
    distances = [token_distance(current, tokenize(s.text)) for s in entry.samples]
    nearest = min(range(len(distances)), key=distances.__getitem__)
    distance = distances[nearest]
    excess = round(distance - entry.noise_floor, _DECIMALS)
    structure = compare_structure(
        outlook_structure(observation),
        [s.structure for s in entry.samples],
        tolerance=settings.probability_tolerance,
    )
    flags: list[Flag] = []
    if observation.prompt_hash != entry.prompt_hash:
        flags.append(
            Flag(
                code="prompt_changed",
                detail=f"the proposer prompt is not the baseline's ({observation.prompt_hash}, "
                f"baseline {entry.prompt_hash}): the suite, scenario or model was edited",
            )
        )
    if excess > settings.threshold:
        flags.append(
            Flag(
                code="token_distance",
                detail=f"token distance {distance:.1%} to the nearest baseline sample is "
                f"{excess:.1%} above the noise floor {entry.noise_floor:.1%}, more than the "
                f"threshold {settings.threshold:.1%}",
            )
        )
    if structure:
        fields = ", ".join(change.field for change in structure)
        flags.append(Flag(code="structure", detail=f"structure changed: {fields}"))
    return ScenarioDrift(
        entry_id=entry.entry_id,
        status="flagged" if flags else "ok",
        flags=tuple(flags),
        model_changes=_model_changes(entry, observation),
        structure_changes=structure,
        distance=distance,
        noise_floor=entry.noise_floor,
        excess=excess,
        nearest_sample=nearest,
        baseline_samples=len(entry.samples),
        pack_id=observation.pack_id,
        pack_sha256=observation.pack_sha256,
        output_hash=observation.output_hash,
        diff=_diff(display_tokens(entry.samples[nearest].text), shown),
    )


def compare_structure(
    current: OutlookStructure, baseline: Sequence[OutlookStructure], *, tolerance: float
) -> tuple[StructureChange, ...]:
    """The fields whose current value matches no baseline sample's, in a fixed order."""
    changes: list[StructureChange] = []
    for field, render in _PLAIN_FIELDS:
        seen = _distinct(render(s) for s in baseline)
        if render(current) not in seen:
            changes.append(StructureChange(field=field, baseline=seen, current=render(current)))
    if all(current.triggers != s.triggers for s in baseline):
        closest = min(baseline, key=lambda s: len(set(s.triggers) ^ set(current.triggers)))
        changes.append(
            StructureChange(
                field="no_trade_triggers",
                baseline=_distinct(_joined(s.triggers) for s in baseline),
                current=_joined(current.triggers),
                added=tuple(sorted(set(current.triggers) - set(closest.triggers))),
                removed=tuple(sorted(set(closest.triggers) - set(current.triggers))),
            )
        )
    if not any(_same_shares(current.scenarios, s.scenarios, tolerance) for s in baseline):
        changes.append(
            StructureChange(
                field="scenario_probabilities",
                baseline=_distinct(_shares(s.scenarios) for s in baseline),
                current=_shares(current.scenarios),
            )
        )
    return tuple(changes)


_PLAIN_FIELDS: Final[tuple[tuple[str, Callable[[OutlookStructure], str]], ...]] = (
    ("format", lambda s: s.format),
    ("regime", lambda s: " / ".join(s.regimes) or "none"),
    ("scenario_count", lambda s: str(s.scenario_count)),
    ("uncertainty_level", lambda s: " / ".join(s.uncertainty) or "none"),
)


def _same_shares(
    a: tuple[ScenarioShare, ...], b: tuple[ScenarioShare, ...], tolerance: float
) -> bool:
    if [s.id for s in a] != [s.id for s in b]:
        return False
    for x, y in zip(a, b, strict=True):
        if x.probability is None or y.probability is None:
            if x.probability != y.probability:
                return False
        elif round(abs(x.probability - y.probability), _DECIMALS) > tolerance:
            return False
    return True


def _shares(shares: tuple[ScenarioShare, ...]) -> str:
    return (
        ", ".join(f"{s.id} {'n/a' if s.probability is None else s.probability}" for s in shares)
        or "none"
    )


def _joined(values: tuple[str, ...]) -> str:
    return "; ".join(values) or "none"


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    """The values in first-seen order, once each."""
    return tuple(dict.fromkeys(values))


def _model_changes(entry: BaselineEntry, observation: Observation) -> tuple[ModelChange, ...]:
    changes: list[ModelChange] = []
    models = _distinct(s.returned_model for s in entry.samples)
    if observation.returned_model not in models:
        changes.append(
            ModelChange(field="returned_model", baseline=models, current=observation.returned_model)
        )
    prints = _distinct(s.system_fingerprint or "none" for s in entry.samples)
    current = observation.system_fingerprint or "none"
    if current not in prints:
        changes.append(ModelChange(field="system_fingerprint", baseline=prints, current=current))
    return tuple(changes)


def _diff(baseline: list[str], current: list[str]) -> tuple[DiffSegment, ...]:
    folded = [t.casefold() for t in baseline], [t.casefold() for t in current]
    return tuple(
        DiffSegment(
            op=tag,
            baseline=" ".join(baseline[a0:a1]),
            current=" ".join(current[b0:b1]),
        )
        for tag, a0, a1, b0, b1 in token_opcodes(*folded)
    )


def _no_run(entry: BaselineEntry, reason: str) -> ScenarioDrift:
    return ScenarioDrift(
        entry_id=entry.entry_id,
        status="flagged",
        flags=(Flag(code="no_run", detail=f"no complete run to compare: {reason}"),),
        model_changes=(),
        structure_changes=(),
        distance=None,
        noise_floor=entry.noise_floor,
        excess=None,
        nearest_sample=None,
        baseline_samples=len(entry.samples),
        pack_id=None,
        pack_sha256=None,
        output_hash=None,
        diff=(),
    )


def _not_in_baseline(observation: Observation) -> ScenarioDrift:
    return ScenarioDrift(
        entry_id=observation.entry_id,
        status="not_in_baseline",
        flags=(),
        model_changes=(),
        structure_changes=(),
        distance=None,
        noise_floor=None,
        excess=None,
        nearest_sample=None,
        baseline_samples=0,
        pack_id=observation.pack_id,
        pack_sha256=observation.pack_sha256,
        output_hash=observation.output_hash,
        diff=(),
    )
