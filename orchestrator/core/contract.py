"""The L2 output contract: the six typed outputs a Proposer may emit, and the Critique.

A proposal is JSON ``{"outputs": [{"type": "<OutputType>", ...}, ...]}``. The envelope is
decoded leniently (each item is a mapping with a ``type``) so that the scope policy can see
and reject types it does not allow; allowed items are then decoded strictly into the
Structs below. The JSON schema sent to providers as ``response_format`` is generated from
these types, never written by hand.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any, Final, Literal

import msgspec

__all__ = [
    "CRITIQUE_SCHEMA",
    "DECISIONS",
    "OUTPUT_TYPES",
    "PROPOSAL_SCHEMA",
    "SCHEMA_DIR",
    "CritiqueBody",
    "Decision",
    "MacroOutlook",
    "NoTradeTrigger",
    "NoTradeTriggers",
    "OutputItem",
    "ParsedProposal",
    "ProposalBody",
    "RegimeClassification",
    "Risk",
    "RiskContext",
    "Scenario",
    "ScenarioReport",
    "UncertaintyAssessment",
    "critique_json_schema",
    "generate_schema",
    "proposal_json_schema",
    "raw_item_ids",
    "schema_text",
    "shipped_schema",
]

Decision = Literal["APPROVE", "APPROVE_WITH_CHANGES", "REJECT"]
DECISIONS: Final = ("APPROVE", "APPROVE_WITH_CHANGES", "REJECT")
Level = Literal["LOW", "MEDIUM", "HIGH"]


class _Item(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """An identified element inside an output, citable as evidence by the critic."""

    id: str


class Scenario(_Item, frozen=True, kw_only=True):
    name: str
    description: str
    probability: float | None = None
    rationale: str = ""


class NoTradeTrigger(_Item, frozen=True, kw_only=True):
    condition: str
    rationale: str = ""


class Risk(_Item, frozen=True, kw_only=True):
    description: str
    severity: Level


class _Output(
    msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True, tag_field="type"
):
    """Base of the six L2 output types; ``type`` is the tag."""


class ScenarioReport(_Output, frozen=True, kw_only=True, tag="ScenarioReport"):
    horizon: str
    scenarios: tuple[Scenario, ...]


class RegimeClassification(_Output, frozen=True, kw_only=True, tag="RegimeClassification"):
    regime: str
    confidence: float
    rationale: str = ""


class NoTradeTriggers(_Output, frozen=True, kw_only=True, tag="NoTradeTriggers"):
    triggers: tuple[NoTradeTrigger, ...]


class RiskContext(_Output, frozen=True, kw_only=True, tag="RiskContext"):
    summary: str
    risks: tuple[Risk, ...] = ()


class MacroOutlook(_Output, frozen=True, kw_only=True, tag="MacroOutlook"):
    summary: str
    drivers: tuple[str, ...] = ()


class UncertaintyAssessment(_Output, frozen=True, kw_only=True, tag="UncertaintyAssessment"):
    level: Level
    drivers: tuple[str, ...] = ()
    rationale: str = ""


OutputItem = (
    ScenarioReport
    | RegimeClassification
    | NoTradeTriggers
    | RiskContext
    | MacroOutlook
    | UncertaintyAssessment
)

OUTPUT_TYPES: Final[dict[str, type[_Output]]] = {
    cls.__struct_config__.tag: cls  # type: ignore[misc]
    for cls in (
        ScenarioReport,
        RegimeClassification,
        NoTradeTriggers,
        RiskContext,
        MacroOutlook,
        UncertaintyAssessment,
    )
}


class ProposalBody(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """The envelope of a typed proposal; items stay raw until the scope policy has seen them."""

    outputs: tuple[dict[str, Any], ...]


class _TypedProposal(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    outputs: tuple[OutputItem, ...]


class ParsedProposal(msgspec.Struct, frozen=True, kw_only=True):
    """A Proposer's answer, classified once so that every policy sees the same reading.

    ``typed`` when the content (or the one fenced JSON block it consists of) is a JSON
    object with an ``outputs`` key; its items stay raw so the scope policy can see types it
    does not allow. A typed envelope that does not decode as ``ProposalBody`` (outputs not
    a list of objects, an unknown top-level field) keeps ``items`` empty and says why in
    ``envelope_error`` (``"<location>: <message>"``, e.g. ``"outputs[1]: Expected `object`,
    got `int`"``), which the scope policy reports as ``scope.invalid_output``.
    """

    format: Literal["typed", "free_text"]
    items: tuple[dict[str, Any], ...]
    text: str
    envelope_error: str = ""


class CritiqueBody(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    """The critic's typed review of one proposal."""

    decision: Decision
    rationale: str
    proposal_ref: str
    evidence_ids: tuple[str, ...]
    suggested_changes: tuple[str, ...] = ()


PROPOSAL_SCHEMA: Final = "l2_market_outlook"
CRITIQUE_SCHEMA: Final = "l2_critique"
# Generated from the Structs above and shipped, so that no run pays for generating them;
# a test regenerates them and compares (scripts/make_schemas.py rewrites them).
SCHEMA_DIR: Final = Path(__file__).with_name("schemas")


def generate_schema(name: str) -> dict[str, Any]:
    """The JSON schema of a typed proposal or critique, generated from the Structs."""
    if name == PROPOSAL_SCHEMA:
        return msgspec.json.schema(_TypedProposal)
    if name == CRITIQUE_SCHEMA:
        return msgspec.json.schema(CritiqueBody)
    raise KeyError(name)


def schema_text(schema: dict[str, Any]) -> str:
    """The schema as shipped: ``json.dumps(schema, sort_keys=True)``, the prompt hash's form."""
    return json.dumps(schema, sort_keys=True)


@functools.cache
def shipped_schema(name: str) -> tuple[dict[str, Any], str]:
    """A shipped schema (decoded) and its exact text."""
    text = (SCHEMA_DIR / f"{name}.json").read_text(encoding="ascii").rstrip("\n")
    schema: dict[str, Any] = json.loads(text)
    return schema, text


def proposal_json_schema() -> dict[str, Any]:
    """JSON schema of a typed proposal (shipped, generated from the output Structs)."""
    return shipped_schema(PROPOSAL_SCHEMA)[0]


def critique_json_schema() -> dict[str, Any]:
    """JSON schema of the critic's typed review (shipped, generated from CritiqueBody)."""
    return shipped_schema(CRITIQUE_SCHEMA)[0]


def raw_item_ids(items: tuple[dict[str, Any], ...]) -> frozenset[str]:
    """Ids of the identified elements (scenarios, triggers, risks) inside raw output items.

    Works on the items as received, so it needs no second decode; any list of objects
    with a string ``id`` counts.
    """
    ids: set[str] = set()
    for item in items:
        for value in item.values():
            if isinstance(value, list):
                # Loops, not a generator per list: the critique of every run is checked here.
                for element in value:
                    if isinstance(element, dict):
                        found = element.get("id")
                        if isinstance(found, str):
                            ids.add(found)
    return frozenset(ids)
