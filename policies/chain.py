"""The ordered policy chain the supervisor runs on every message, and its typed verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

from orchestrator.core.config import ModelEntry
from orchestrator.core.messages import Message, Proposal
from policies.findings import PolicyOutcome, Verdict
from policies.identity import Endpoint

__all__ = ["Policy", "PolicyChain", "RunFacts"]


@dataclass(slots=True)
class RunFacts:
    """What the policies may know about the run; the supervisor updates ``proposal``.

    ``endpoints`` holds where each configured model is called, by registry id
    (:func:`policies.identity.resolve_endpoints`); a model missing there is compared by
    provider name alone. ``critique_format`` is the scenario's ``output_format``: the
    format the critique must have, whatever the critic chose to answer in.
    """

    run_id: str
    layer_id: str
    proposer: ModelEntry
    fallbacks: tuple[ModelEntry, ...]
    critic: ModelEntry
    provider_diversity: bool
    proposal: Proposal | None = field(default=None)
    endpoints: dict[str, Endpoint] = field(default_factory=dict)
    critique_format: Literal["typed", "free_text"] = "typed"


class Policy(Protocol):
    name: str

    def evaluate(self, message: Message, facts: RunFacts) -> PolicyOutcome | None:
        """The policy's outcome, or None when it has nothing to say about this message."""
        ...


class PolicyChain:
    """Runs every policy in order; any reject rejects the message (fail closed)."""

    def __init__(self, policies: Sequence[Policy]) -> None:
        self.policies = tuple(policies)

    def evaluate(self, message: Message, facts: RunFacts) -> Verdict:
        outcomes: list[PolicyOutcome] = []
        reasons: list[str] = []
        for policy in self.policies:
            outcome = policy.evaluate(message, facts)
            if outcome is None:
                continue
            outcomes.append(outcome)
            if not outcome.allowed:
                reasons.extend(_failure_reasons(outcome))
        kind = type(message).__struct_config__.tag
        return Verdict(
            message_kind=str(kind),
            allowed=not reasons,
            outcomes=tuple(outcomes),
            reasons=tuple(reasons),
        )


def _failure_reasons(outcome: PolicyOutcome) -> list[str]:
    reasons = [
        f"{check.rule}: {check.reason}" for check in outcome.checks if check.result == "FAIL"
    ]
    if outcome.scope is not None:
        reasons.extend(f"{v.rule} at {v.location}: {v.detail}" for v in outcome.scope.violations)
    return reasons or [f"{outcome.policy}: rejected"]
