"""Governance policies: the ordered chain the supervisor runs on every message.

Routing, separation of duties and the capability scope (with its content scan); each
policy is pure and synchronous and answers with a typed outcome.
"""

from __future__ import annotations

from policies.chain import Policy, PolicyChain, PolicyOutcome, RuleCheck, RunFacts, Verdict
from policies.content_scan import scan_text
from policies.findings import CheckResult, Violation
from policies.normalize import normalize_text, type_key
from policies.routing import RoutingPolicy
from policies.scope import (
    ParsedProposal,
    ScopeReport,
    check_critique,
    check_proposal,
    parse_proposal,
    typed_outputs,
)
from policies.scope_policy import ScopePolicy
from policies.sod import SoDPolicy

__all__ = [
    "CheckResult",
    "ParsedProposal",
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
    "normalize_text",
    "parse_proposal",
    "scan_text",
    "type_key",
    "typed_outputs",
]
