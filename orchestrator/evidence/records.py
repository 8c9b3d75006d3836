"""What a run records about itself in its events: the plan, the dry-run pre-flight, the outcome.

These are data only; the runtime computes them (:mod:`orchestrator.runtime`), the events
carry them, and every artifact is derived from them.
"""

from __future__ import annotations

from datetime import datetime
from typing import Final, Literal

import msgspec

from orchestrator.core.config import ModelEntry, ScenarioConfig
from orchestrator.core.errors import GovernanceBlock, RuntimeFailure

__all__ = [
    "CostBound",
    "Coverage",
    "InputRef",
    "Mode",
    "Preflight",
    "RunOutcome",
    "RunPlan",
    "Status",
]

Mode = Literal["dry", "replay", "record", "live"]
Status = Literal["COMPLETE", "BLOCKED", "FAILED"]
Coverage = Literal["covered", "not covered", "no fixture"]


class InputRef(msgspec.Struct, frozen=True, kw_only=True):
    """A file the run read, by name relative to its folder, with the hash of its bytes."""

    name: str
    sha256: str


class RunPlan(msgspec.Struct, frozen=True, kw_only=True):
    """Everything fixed before the first message."""

    run_id: str
    layer_id: str
    layer_name: str
    mode: Mode
    started_at: str
    scenario: ScenarioConfig
    proposer: ModelEntry
    fallbacks: tuple[ModelEntry, ...]
    critic: ModelEntry
    provider_diversity: bool
    scope_id: str
    scope_version: str
    registry_version: str
    inputs: tuple[InputRef, ...]
    fixture: InputRef | None
    transcript_id: str | None
    per_run_limit_usd: float
    product_version: str

    @property
    def date(self) -> str:
        return datetime.fromisoformat(self.started_at).date().isoformat()

    @property
    def short_id(self) -> str:
        """The first eight hex digits of the run id's hash, as pack names use them."""
        return self.run_id.rsplit("-", 1)[-1][:8]

    def model(self, model_id: str) -> ModelEntry:
        """The planned model with this id (a fallback may have answered for the proposer)."""
        for model in (self.proposer, *self.fallbacks, self.critic):
            if model.model_id == model_id:
                return model
        return self.proposer


class CostBound(msgspec.Struct, frozen=True, kw_only=True):
    role: str
    model_id: str
    max_input_tokens: int
    max_output_tokens: int
    worst_case_usd: float


class Preflight(msgspec.Struct, frozen=True, kw_only=True):
    """Dry mode's findings: prompts and hashes, the worst-case cost, fixture coverage."""

    proposer_prompt_hash: str
    critic_prompt_template: str
    costs: tuple[CostBound, ...]
    worst_case_total_usd: float
    per_run_limit_usd: float
    within_budget: bool
    proposer_coverage: Coverage
    critic_coverage: Coverage


class RunOutcome(msgspec.Struct, frozen=True, kw_only=True):
    """How the run ended. ``stage`` names where; ``reasons`` say why, one sentence each.

    Made by :meth:`of`, which derives the exit code from the status (SPEC §10).
    """

    status: Status
    exit_code: int
    stage: str
    reasons: tuple[str, ...] = ()

    @classmethod
    def of(cls, status: Status, stage: str, reasons: tuple[str, ...] = ()) -> RunOutcome:
        return cls(status=status, exit_code=_EXIT_CODES[status], stage=stage, reasons=reasons)


_EXIT_CODES: Final[dict[Status, int]] = {
    "COMPLETE": 0,
    "BLOCKED": GovernanceBlock.exit_code,
    "FAILED": RuntimeFailure.exit_code,
}
