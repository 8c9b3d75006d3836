"""What of an outlook is compared: its text, token by token, and its structure, field by field.

The **text** of a typed proposal is the string and number values of its outputs, walked
in a fixed order (outputs as given, fields by name), one per line; field names, the
``type`` tags and JSON punctuation are left out, because they are structure and would
only dilute the token distance with tokens that never change (and a model that reorders
keys or re-indents has not drifted). The text of a free-text proposal is its raw content.

The **structure** is what the pilot owner reads the outlook for:

- ``regimes``: every ``RegimeClassification.regime``, normalised;
- ``triggers``: every no-trade trigger as ``<id>: <condition>``, the condition normalised;
- ``scenarios``: every scenario's id and probability, by id; ``scenario_count`` their
  number (for free text, the labelled scenarios the scope policy counts);
- ``uncertainty``: every ``UncertaintyAssessment.level``.

Normalised means NFKC, case-folded, white space collapsed: "Late-cycle,  range-bound" and
"late-cycle, range-bound" are the same regime.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

import msgspec

from orchestrator.core.contract import (
    NoTradeTriggers,
    RegimeClassification,
    ScenarioReport,
    UncertaintyAssessment,
)
from orchestrator.drift.observation import Observation
from policies.free_text import count_scenarios

__all__ = ["OutlookStructure", "ScenarioShare", "comparable_text", "outlook_structure"]


class ScenarioShare(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    id: str
    probability: float | None


class OutlookStructure(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    format: Literal["typed", "free_text"]
    regimes: tuple[str, ...]
    triggers: tuple[str, ...]
    scenarios: tuple[ScenarioShare, ...]
    scenario_count: int
    uncertainty: tuple[str, ...]


def comparable_text(observation: Observation) -> str:
    """The text the token distance is computed over (see the module docstring)."""
    if observation.format == "free_text":
        return observation.raw_content
    values: list[str] = []
    for output in observation.outputs:
        _collect(msgspec.to_builtins(output), values)
    return "\n".join(values)


def _collect(value: Any, into: list[str]) -> None:
    if isinstance(value, dict):
        for key in sorted(value):
            if key != "type":
                _collect(value[key], into)
    elif isinstance(value, list | tuple):
        for item in value:
            _collect(item, into)
    elif isinstance(value, str):
        into.append(value)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        into.append(repr(value))


def outlook_structure(observation: Observation) -> OutlookStructure:
    """The structural reading of an observation (see the module docstring)."""
    if observation.format == "free_text":
        return OutlookStructure(
            format="free_text",
            regimes=(),
            triggers=(),
            scenarios=(),
            scenario_count=count_scenarios(observation.raw_content),
            uncertainty=(),
        )
    regimes: list[str] = []
    triggers: list[str] = []
    scenarios: list[ScenarioShare] = []
    uncertainty: list[str] = []
    for output in observation.outputs:
        match output:
            case RegimeClassification():
                regimes.append(normalise(output.regime))
            case NoTradeTriggers():
                triggers.extend(f"{t.id}: {normalise(t.condition)}" for t in output.triggers)
            case ScenarioReport():
                scenarios.extend(
                    ScenarioShare(id=s.id, probability=s.probability) for s in output.scenarios
                )
            case UncertaintyAssessment():
                uncertainty.append(output.level)
            case _:
                pass
    return OutlookStructure(
        format="typed",
        regimes=tuple(sorted(regimes)),
        triggers=tuple(sorted(triggers)),
        scenarios=tuple(sorted(scenarios, key=lambda s: (s.id, s.probability or 0.0))),
        scenario_count=len(scenarios),
        uncertainty=tuple(sorted(uncertainty)),
    )


def normalise(text: str) -> str:
    """NFKC, case-folded, runs of white space as one space, trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())
