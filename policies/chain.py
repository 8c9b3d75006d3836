"""The ordered policy chain the supervisor runs on every message, and its typed verdict."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

import msgspec

from policies.findings import CheckResult
from policies.scope import ScopeReport

if TYPE_CHECKING:
    from orchestrator.config import ModelEntry
    from orchestrator.messages import Message, Proposal

__all__ = ["Policy", "PolicyChain", "PolicyOutcome", "RuleCheck", "RunFacts", "Verdict"]


class RuleCheck(msgspec.Struct, frozen=True, kw_only=True):
    """One rule of one policy: its result and why."""

    rule: str
    result: CheckResult
    reason: str
    warnings: tuple[str, ...] = ()


class PolicyOutcome(msgspec.Struct, frozen=True, kw_only=True):
    policy: str
    allowed: bool
    checks: tuple[RuleCheck, ...] = ()
    scope: ScopeReport | None = None


class Verdict(msgspec.Struct, frozen=True, kw_only=True):
    """The chain's answer for one message: allowed, or rejected with reasons."""

    message_kind: str
    allowed: bool
    outcomes: tuple[PolicyOutcome, ...]
    reasons: tuple[str, ...]


@dataclass(slots=True)
class RunFacts:
    """What the policies may know about the run; the supervisor updates ``proposal``."""

    run_id: str
    layer_id: str
    proposer: ModelEntry
    fallbacks: tuple[ModelEntry, ...]
    critic: ModelEntry
    provider_diversity: bool
    proposal: Proposal | None = field(default=None)


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
