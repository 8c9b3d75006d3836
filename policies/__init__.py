"""Governance policies: the capability scope, its content scan, and what they report."""

from __future__ import annotations

from policies.content_scan import scan_text
from policies.findings import CheckResult, Violation
from policies.normalize import normalize_text, type_key
from policies.scope import (
    ParsedProposal,
    ScopeReport,
    check_critique,
    check_proposal,
    parse_proposal,
    typed_outputs,
)

__all__ = [
    "CheckResult",
    "ParsedProposal",
    "ScopeReport",
    "Violation",
    "check_critique",
    "check_proposal",
    "normalize_text",
    "parse_proposal",
    "scan_text",
    "type_key",
    "typed_outputs",
]
