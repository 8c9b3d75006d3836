"""Governance policies: the ordered chain the supervisor runs on every message.

Routing, separation of duties and the capability scope (with its content scan); each
policy is pure and synchronous and answers with a typed outcome (:mod:`policies.findings`).

The facade is lazy: ``pilot verify`` reads verdicts through ``policies.findings`` and does
not load the content scanner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from orchestrator.core.exports import lazy_exports

if TYPE_CHECKING:
    from policies.chain import Policy, PolicyChain, RunFacts
    from policies.findings import (
        CheckResult,
        PolicyOutcome,
        RuleCheck,
        ScopeReport,
        Verdict,
        Violation,
    )
    from policies.routing import RoutingPolicy
    from policies.scope import check_critique, check_proposal, typed_outputs
    from policies.scope_policy import ScopePolicy
    from policies.sod import SoDPolicy

__all__ = [
    "CheckResult",
    "Policy",
    "PolicyChain",
    "PolicyOutcome",
    "RoutingPolicy",
    "RuleCheck",
    "RunFacts",
    "ScopePolicy",
    "ScopeReport",
    "SoDPolicy",
    "Verdict",
    "Violation",
    "check_critique",
    "check_proposal",
    "typed_outputs",
]

__getattr__, __dir__ = lazy_exports(
    __name__,
    __all__,
    {
        "policies.chain": ("Policy", "PolicyChain", "RunFacts"),
        "policies.findings": (
            "CheckResult",
            "PolicyOutcome",
            "RuleCheck",
            "ScopeReport",
            "Verdict",
            "Violation",
        ),
        "policies.routing": ("RoutingPolicy",),
        "policies.scope": ("check_critique", "check_proposal", "typed_outputs"),
        "policies.scope_policy": ("ScopePolicy",),
        "policies.sod": ("SoDPolicy",),
    },
)
